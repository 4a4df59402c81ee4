"""``scanpack label``: render any label template to a file, without printing.

::

    scanpack label shipping --order SO-100001 --format zpl -o label.zpl --demo
    scanpack label packing-slip --order SO-100001 -o slip.pdf --paper letter --demo
    scanpack label tote --code T-0001 --format png --dpi 300 -o tote.png --demo
    scanpack label product --code SKU-10001 -o item.png            # the station's store
    scanpack label --list

It goes through the print path's own steps (``app.printing.sources.label_data`` then
``app.printing.render.render``, as ``PrintQueue.submit`` does), so the file holds the
bytes a printer would be sent. ``--demo`` takes the data from the demo data set built
in memory (no server, nothing written); otherwise from the station database in
``--profile DIR`` (default: the platform's data folder), which is only read. The GS1
company prefix and the sender come from the ``[printing]`` table of the station's
settings file when there is one, else the demo's.

``--language es`` prints the template's words, dates and numbers in that language, as
a station whose language it is does (the catalogue is read by ``scanpack label``, in
``ui/``, which passes ``run`` its ``languages``; English without it).

``--format`` defaults to the output file's extension. A multi-page PNG (a long
packing slip) is written as FILE, FILE-2.png, FILE-3.png...

Exit status: 0 written; 1 the label cannot be made (unknown order or code, a barcode
that does not fit, a broken template, no station database) with the reason on stderr;
2 a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from app.printing.errors import PrintError
from app.printing.library import TemplateLibrary, builtin_dir
from app.printing.render import LabelFormat, render
from app.printing.settings import PrintSettings
from app.printing.sources import DemoSource, LabelSource, StoreSource, label_data
from app.printing.wording import ENGLISH, LabelLanguage

PROG = "scanpack label"
STATION_DB = "station.sqlite3"  # the file app.bootstrap.build_station opens in a profile


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render a label template to a ZPL, PNG or PDF file without printing.",
        epilog="Order labels (shipping, packing-slip) take --order; tote, bin and product "
        "labels take --code (a product by SKU or barcode). Exit 0 written, 1 cannot make "
        "the label, 2 bad command line.",
    )
    parser.add_argument("template", nargs="?", help="shipping, packing-slip, tote, bin, product")
    parser.add_argument("--order", default="", help="order number (order labels)")
    parser.add_argument("--code", default="", help="tote, bin or product code")
    parser.add_argument("--package", type=int, default=1, help="parcel number (default 1)")
    parser.add_argument(
        "--format",
        choices=[f.value for f in LabelFormat],
        help="zpl, png or pdf (default: from the -o file's extension)",
    )
    parser.add_argument("-o", "--output", type=Path, help="the file to write")
    parser.add_argument("--dpi", type=int, help="printer resolution (default 203; PDF 300)")
    parser.add_argument("--paper", help="a paper variant of the template, e.g. letter")
    parser.add_argument("--demo", action="store_true", help="use the demo data set")
    parser.add_argument("--profile", type=Path, help="the station's data folder")
    parser.add_argument("--station", default="", help="station name printed on the label")
    parser.add_argument(
        "--templates", type=Path, help="a folder of site templates searched before the built-in"
    )
    parser.add_argument(
        "--language", default="", help="the label's language, e.g. es (default: English)"
    )
    parser.add_argument("--list", action="store_true", help="list the templates and exit")
    return parser


def run(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    languages: Callable[[str], LabelLanguage] | None = None,
) -> int:
    """Run ``scanpack label`` with ``argv`` (without the program and subcommand names);
    ``languages`` makes the ``--language`` (``ui.printing.label_language``).

    Returns:
        The exit status (see the module docstring).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage error
        return int(exit_.code or 0)
    folders = [args.templates, builtin_dir()] if args.templates else [builtin_dir()]
    library = TemplateLibrary(*folders)
    if args.list:
        for name in library.names():
            try:
                template = library.get(name)
                out.write(f"{name}\t{template.subject}\t{template.title}\n")
            except PrintError as exc:
                out.write(f"{name}\t-\tBROKEN: {exc}\n")
        return 0
    if not args.template or args.output is None:
        parser.print_usage(err)
        err.write(f"{PROG}: a TEMPLATE and -o FILE are needed (or --list)\n")
        return 2
    language = ENGLISH
    if args.language:
        language = languages(args.language) if languages is not None else ENGLISH
        if language is ENGLISH and args.language.split("_")[0] != ENGLISH.code:
            err.write(f"{PROG}: no label catalogue for --language {args.language}\n")
            return 2
    fmt = _format(args.format, args.output)
    if fmt is None:
        err.write(f"{PROG}: say --format zpl|png|pdf (the file name does not tell)\n")
        return 2
    try:
        template = library.get(args.template)
        key = args.order if template.needs_order else args.code
        wrong = args.code if template.needs_order else args.order
        if wrong:
            flag = "--order" if template.needs_order else "--code"
            err.write(f"{PROG}: the {template.name} label takes {flag}\n")
            return 2
        source, settings, station, close = _source(args)
        try:
            data = label_data(
                template,
                source,
                key=key,
                settings=settings,
                today=date.today(),
                station=args.station or station,
                package_no=args.package,
                dpi=args.dpi or 203,
                fmt=fmt.value,
                language=language,
            )
        finally:
            close()
        rendered = render(template, data, fmt, dpi=args.dpi, paper=args.paper, language=language)
    except PrintError as exc:
        err.write(f"{PROG}: {exc}\n")
        return 1
    written = _write(args.output, rendered.documents)
    pages = f"{rendered.pages} page{'s' * (rendered.pages != 1)}"
    out.write(
        f"{', '.join(map(str, written))}: {template.name} {data.key}, {fmt.value}, "
        f"{rendered.dpi} dpi, {pages}\n"
    )
    return 0


def _format(given: str | None, output: Path) -> LabelFormat | None:
    if given:
        return LabelFormat(given)
    try:
        return LabelFormat(output.suffix.lower().lstrip("."))
    except ValueError:
        return None


def _source(
    args: argparse.Namespace,
) -> tuple[LabelSource, PrintSettings, str, Callable[[], None]]:
    """The data source, the print settings, the station name, and what closes the source."""
    if args.demo:
        return DemoSource(), PrintSettings(), "demo-station", lambda: None
    from app.bootstrap import default_profile
    from app.config import config_path, load
    from app.printing.errors import PrintErrorCode
    from app.store import StoreError, open_store

    profile = args.profile or default_profile()
    path = profile / STATION_DB
    if not path.exists():
        raise PrintError(
            PrintErrorCode.MISSING_DATA,
            name=args.template,
            what=f"a station database ({path} does not exist; run the kiosk once, or use --demo)",
        )
    try:
        store = open_store(path)
    except StoreError as exc:
        raise PrintError(
            PrintErrorCode.MISSING_DATA, name=args.template, what=f"a usable database ({exc})"
        ) from exc
    try:
        settings_file = config_path()
        settings = read_print_settings(settings_file)
        station = load(settings_file).station
    except BaseException:
        store.close()
        raise
    return StoreSource(store), settings, station, store.close


def read_print_settings(path: Path) -> PrintSettings:
    """The ``[printing]`` table of a station settings file; defaults when there is none.

    Raises:
        PrintError: the table is there but broken.
    """
    if not path.exists():
        return PrintSettings()
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        return PrintSettings.from_mapping(data.get("printing", {}))
    except (ValueError, TypeError) as exc:
        from app.printing.errors import PrintErrorCode

        raise PrintError(
            PrintErrorCode.BAD_TEMPLATE, name=f"{path} [printing]", detail=str(exc)
        ) from exc


def _write(output: Path, documents: Sequence[bytes]) -> list[Path]:
    paths = [output] + [
        output.with_name(f"{output.stem}-{page}{output.suffix}")
        for page in range(2, len(documents) + 1)
    ]
    for path, document in zip(paths, documents, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)
    return paths


def main() -> None:  # pragma: no cover - ``python -m app.printing.cli``
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    main()
