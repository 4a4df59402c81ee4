"""The reference central order store: FastAPI + SQLAlchemy, SQLite or PostgreSQL.

It keeps no state in its processes: exactly-once rests on the database (a unique
event id, one transaction per event, row locks for claims), so several workers can
serve one PostgreSQL database.
"""
