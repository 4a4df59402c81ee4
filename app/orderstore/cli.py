"""``scanpack-store``: run, seed and administer the reference order store.

scanpack-store [--db URL] [--host H] [--port P] [--seed demo|N] [--no-serve]
scanpack-store [--db URL] token create --station NAME [--role station|erp|admin ...]
scanpack-store [--db URL] token list
scanpack-store [--db URL] token revoke --station NAME
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import platformdirs
from sqlalchemy import Engine

from app.orderstore.auth import TokenRole, create_token, list_tokens, revoke_tokens
from app.orderstore.db import make_engine, upgrade
from app.orderstore.seed import seed

DEFAULT_PORT = 8765


def default_db_url() -> str:
    folder = Path(platformdirs.user_data_dir("scanpack-store", appauthor=False))
    return f"sqlite:///{folder / 'orderstore.sqlite3'}"


def _seed_arg(text: str) -> int | None:
    if text == "demo":
        return None
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError("--seed takes 'demo' or a number of orders, 1-1000000")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scanpack-store", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a SQLite file)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to listen on")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--seed",
        type=_seed_arg,
        default=False,
        metavar="demo|N",
        help="load the demo data set, or the demo catalogue with N generated orders",
    )
    parser.add_argument(
        "--seed-date",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="anchor day for seeded cutoffs (default: today)",
    )
    parser.add_argument("--no-serve", action="store_true", help="migrate/seed, then exit")
    commands = parser.add_subparsers(dest="command")
    token = commands.add_parser("token", help="station tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    create = token_commands.add_parser("create", help="make a token; printed as the last line")
    create.add_argument("--station", required=True)
    create.add_argument(
        "--role",
        action="append",
        choices=[r.value for r in TokenRole],
        default=None,
        help="repeat for several (default: station)",
    )
    token_commands.add_parser("list", help="list tokens (never their values)")
    revoke = token_commands.add_parser("revoke", help="revoke every token of a station")
    revoke.add_argument("--station", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = args.db or default_db_url()
    engine = make_engine(url)
    try:
        upgrade(engine)
        if args.command == "token":
            return _token(engine, args)
        if args.seed is not False:
            print(seed(engine, args.seed, anchor=args.seed_date), flush=True)
        if args.no_serve:
            return 0
    finally:
        engine.dispose()
    import uvicorn

    print(f"order store on http://{args.host}:{args.port} ({url.split('://')[0]})", flush=True)
    if args.workers > 1:
        os.environ["SCANPACK_STORE_DB"] = url
        uvicorn.run(
            "app.orderstore.asgi:app",
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="warning",
        )
    else:
        from app.orderstore.api import create_app

        uvicorn.run(
            create_app(make_engine(url)), host=args.host, port=args.port, log_level="warning"
        )
    return 0


def _token(engine: Engine, args: argparse.Namespace) -> int:
    if args.token_command == "create":
        roles = frozenset(TokenRole(r) for r in (args.role or [TokenRole.STATION.value]))
        token = create_token(engine, args.station, roles)
        print(
            f"token for station {args.station} ({', '.join(sorted(roles))}); "
            "it is shown once, store it now:"
        )
        print(token)
    elif args.token_command == "list":
        for token_id, station, role_names, created, revoked in list_tokens(engine):
            state = "revoked" if revoked else "live"
            print(f"{token_id}\t{station}\t{role_names}\t{created}\t{state}")
    else:
        print(f"revoked {revoke_tokens(engine, args.station)} token(s) of {args.station}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
