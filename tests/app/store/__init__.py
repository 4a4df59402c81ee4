"""Tests of app.store, the station's local database (plain pytest, no Qt)."""
