"""Alembic environment: runs on the connection the caller hands over."""

from alembic import context

from app.orderstore.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through app.orderstore.db
    raise RuntimeError("run order-store migrations through app.orderstore.db.upgrade()")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
