"""``scanpack-store``: run, seed and administer the reference order store.

scanpack-store [--db URL] [--host H] [--port P] [--seed demo|N] [--no-serve]
               [--tls-cert PEM [--tls-key PEM]] [--docs] [--workers N]
scanpack-store [--db URL] token create --station NAME [--role station|erp|admin ...]
               [--qr FILE.png --url STORE_URL]
scanpack-store [--db URL] token list
scanpack-store [--db URL] token revoke --station NAME
scanpack-store [--db URL] user pin USERNAME   (reads the PIN from the first line of stdin)
scanpack-store [--db URL] labels bins|totes|products -o FILE.pdf [--zone Z] [--prefix P]
               [--paper a4|letter|roll]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine

from app.domain.provisioning import SetupCode
from app.orderstore.auth import (
    TokenRole,
    check_station,
    create_token,
    list_tokens,
    revoke_tokens,
)
from app.orderstore.db import make_engine, upgrade
from app.orderstore.labels import KINDS, store_items
from app.orderstore.pins import PinError, set_pin
from app.orderstore.seed import seed

DEFAULT_PORT = 8765
DOCS_ENV = "SCANPACK_STORE_DOCS"  # tells the workers of --workers N to serve the docs


def default_db_url() -> str:
    folder = Path(platformdirs.user_data_dir("scanpack-store", appauthor=False))
    return f"sqlite:///{folder / 'orderstore.sqlite3'}"


def _seed_arg(text: str) -> int | None:
    if text == "demo":
        return None
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError("--seed takes 'demo' or a number of orders, 1-1000000")
    return int(text)


def _station_arg(text: str) -> str:
    try:
        return check_station(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{error} (a station name is 1-64 printable characters, as its events carry it)"
        ) from None


def _pem_arg(text: str) -> str:
    if not Path(text).is_file():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    return text


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
    parser.add_argument(
        "--tls-cert",
        type=_pem_arg,
        default=None,
        metavar="PEM",
        help="serve HTTPS with this certificate chain (PEM; may hold the key too)",
    )
    parser.add_argument(
        "--tls-key", type=_pem_arg, default=None, metavar="PEM", help="the certificate's key"
    )
    parser.add_argument(
        "--docs",
        action="store_true",
        help="serve the OpenAPI document at /api/v1/openapi.json (off by default)",
    )
    commands = parser.add_subparsers(dest="command")
    token = commands.add_parser("token", help="station tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    create = token_commands.add_parser("create", help="make a token; printed as the last line")
    create.add_argument("--station", required=True, type=_station_arg)
    create.add_argument(
        "--role",
        action="append",
        choices=[r.value for r in TokenRole],
        default=None,
        help="repeat for several (default: station)",
    )
    create.add_argument(
        "--qr", type=Path, metavar="FILE.png", help="also write the station's set-up QR code"
    )
    create.add_argument(
        "--url", metavar="STORE_URL", help="the store's address as stations reach it (with --qr)"
    )
    token_commands.add_parser("list", help="list tokens (never their values)")
    revoke = token_commands.add_parser("revoke", help="revoke every token of a station")
    revoke.add_argument("--station", required=True)
    user = commands.add_parser("user", help="people")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    pin = user_commands.add_parser(
        "pin", help="set a supervisor's PIN (4-12 digits), read from the first line of stdin"
    )
    pin.add_argument("username")
    labels = commands.add_parser("labels", help="a PDF of bin, tote or product labels")
    labels.add_argument("kind", choices=KINDS)
    labels.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    labels.add_argument("--zone", default="", help="only the bins of this zone")
    labels.add_argument("--prefix", default="", help="only the codes (SKUs) starting so")
    labels.add_argument("--paper", choices=["a4", "letter", "roll"], default="a4")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.tls_key and not args.tls_cert:
        parser.error("--tls-key needs --tls-cert")
    if args.command == "token" and args.token_command == "create" and args.qr:
        if not args.url:
            parser.error("--qr needs --url, the store's address as the stations reach it")
        _setup_code(args, "sp_check")  # a wrong --url fails before a token is made
    url = args.db or default_db_url()
    engine = make_engine(url)
    try:
        upgrade(engine)
        if args.command == "token":
            return _token(engine, args)
        if args.command == "user":
            return _user_pin(engine, args.username)
        if args.command == "labels":
            return _labels(engine, args)
        if args.seed is not False:
            print(seed(engine, args.seed, anchor=args.seed_date), flush=True)
        if args.no_serve:
            return 0
    finally:
        engine.dispose()
    import uvicorn

    scheme = "https" if args.tls_cert else "http"
    print(f"order store on {scheme}://{args.host}:{args.port} ({url.split('://')[0]})", flush=True)
    # No "server" header: the store does not name its software to whoever asks.
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "server_header": False,
        "ssl_certfile": args.tls_cert,
        "ssl_keyfile": args.tls_key,
    }
    if args.workers > 1:
        os.environ["SCANPACK_STORE_DB"] = url
        os.environ[DOCS_ENV] = "1" if args.docs else ""
        uvicorn.run("app.orderstore.asgi:app", workers=args.workers, **options)
    else:
        from app.orderstore.api import create_app

        uvicorn.run(create_app(make_engine(url), docs=args.docs), **options)
    return 0


def _token(engine: Engine, args: argparse.Namespace) -> int:
    if args.token_command == "create":
        roles = frozenset(TokenRole(r) for r in (args.role or [TokenRole.STATION.value]))
        token = create_token(engine, args.station, roles)
        if args.qr:
            _write_qr(args.qr, _setup_code(args, token))
            print(f"{args.qr}: the set-up code of station {args.station} (it holds the token)")
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


def _setup_code(args: argparse.Namespace, token: str) -> SetupCode:
    try:
        return SetupCode(args.url.rstrip("/"), args.station, token)
    except ValueError as error:
        print(f"scanpack-store: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _write_qr(path: Path, code: SetupCode) -> None:
    """The set-up code as a QR code PNG, 8 px modules, readable from a phone's screen too;
    written owner-only (it holds the token)."""
    from app.barcodes.render import render_barcode
    from app.domain.symbology import Symbology

    image = render_barcode(Symbology.QR, code.text(), module_px=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        image.save(handle, "PNG")


def _labels(engine: Engine, args: argparse.Namespace) -> int:
    from app.printing.errors import PrintError
    from app.printing.sheets import Paper, item_code, write_label_sheet

    items = store_items(engine, args.kind, zone=args.zone, prefix=args.prefix)
    if not items:
        print(f"error: the store holds no active {args.kind} that match", file=sys.stderr)
        return 1
    title = f"scanpack {args.kind[:-1]} labels"
    try:
        pages = write_label_sheet(items, args.output, paper=Paper(args.paper), title=title)
    except PrintError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    first, last = item_code(items[0]), item_code(items[-1])
    print(f"{args.output}: {len(items)} {args.kind[:-1]} labels ({first} to {last}), {pages} pages")
    return 0


PIN_ERRORS = {
    "bad_pin": "a PIN is 4-12 digits",
    "unknown_user": "no such active user",
    "not_supervisor": "only a supervisor or an admin has a PIN",
}


def _user_pin(engine: Engine, username: str) -> int:
    # From stdin, not an argument: an argument shows in the process list and history.
    line = sys.stdin.readline(64).strip()
    try:
        set_pin(engine, username, line)
    except PinError as error:
        print(f"error: {PIN_ERRORS[error.code]} ({error.code})", file=sys.stderr)
        return 2
    print(f"PIN set for {username}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
