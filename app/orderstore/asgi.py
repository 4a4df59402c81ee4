"""ASGI entry for several uvicorn workers: ``SCANPACK_STORE_DB`` names the database,
``SCANPACK_STORE_DOCS=1`` serves the OpenAPI document (``scanpack-store`` sets both)."""

import os

from app.orderstore.api import create_app
from app.orderstore.db import make_engine

app = create_app(
    make_engine(os.environ["SCANPACK_STORE_DB"]),
    docs=os.environ.get("SCANPACK_STORE_DOCS") == "1",
)
