"""The reference central order store: FastAPI + SQLAlchemy, SQLite or PostgreSQL.

It keeps no state in its processes: exactly-once rests on the database (a unique
event id recorded in the same transaction as the event's changes, a counter row lock
that orders commits, row locks for claims), so several workers can serve one
PostgreSQL database.
"""
