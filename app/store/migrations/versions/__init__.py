"""Hand-written revisions; ``tests/app/store`` checks that head equals the models."""
