"""Alembic migrations of the station store (a package so that installers ship them)."""
