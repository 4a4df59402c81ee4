"""One screen per module: login, home, settings (pick, pack, labels, supervisor follow)."""
