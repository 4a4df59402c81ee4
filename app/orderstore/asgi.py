"""ASGI entry for several uvicorn workers: ``SCANPACK_STORE_DB`` names the database."""

import os

from app.orderstore.api import create_app
from app.orderstore.db import make_engine

app = create_app(make_engine(os.environ["SCANPACK_STORE_DB"]))
