"""A station's printers and which label goes to which, as typed settings.

Kept as one TOML table (``[printing]`` in ``station.toml``; ``PrintSettings.from_mapping``
/ ``to_mapping``) so that it can live in the one settings registry::

    [printing]
    company_prefix = "4012345"          # GS1 company prefix for SSCCs
    routes = { shipping = "zebra", packing-slip = "office", "*" = "zebra" }

    [[printing.printers]]
    name = "zebra"
    kind = "tcp"                        # tcp | cups | file | system
    address = "10.0.4.21:9100"          # tcp: host[:port]; cups: queue; file: folder;
    format = "zpl"                      #   system: the OS printer's name (Qt back-end)
    dpi = 203

    [[printing.printers]]
    name = "office"
    kind = "cups"
    address = "Office_Laser"
    format = "pdf"
    paper = "a4"                        # a template paper variant ("letter"), or "default"
    options = ["sides=one-sided"]       # extra ``lp -o`` options
    media = "page"                      # optional: "page" or "label" (see below)

``system`` printers go through QtPrintSupport (CUPS here, the spooler on Windows) and
are built by ``ui/``; ``app.printing.backends.make_printer`` builds the others.

Label printers and page printers: a page-sized document (the A4 demo barcode sheet, a
packing slip, any PDF whose pages are A5 or larger) only goes to a printer that holds
sheets of paper; on a roll of 4x6 labels it would come out cut in pieces or shrunk
past scanning. ``PrinterSpec.takes_pages`` says which: ``media = "page"`` or
``"label"`` when the table says so; otherwise a printer takes pages when it is not a
ZPL printer (ZPL is a label language) and its ``paper`` names a sheet (``a4``,
``letter``, ``legal``). A PDF printer left at ``paper = "default"`` prints each label
at the label's own size (a folder of label PDFs, a label printer behind a CUPS
driver), so it counts as a label printer until its table says otherwise.
"""

from __future__ import annotations

import dataclasses
import enum
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.config import config_path
from app.printing.data import DEMO_COMPANY_PREFIX, Shipper
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat

DEFAULT_ROUTE = "*"

PAGE_PAPERS = frozenset({"a4", "letter", "legal"})
"""``paper`` values that name a sheet: a printer set to one of them takes pages."""
PAGE_MIN_SIDE_MM = 148.0
"""A document whose shorter side is at least this (A5's 148 mm) is a page, not a label:
the largest label stock in use, 4x6 and 4x8 in, is 101.6 mm across."""


def is_page_size(width_mm: float, height_mm: float) -> bool:
    """Whether a document of this size needs a page printer (A5 and larger)."""
    return min(width_mm, height_mm) >= PAGE_MIN_SIDE_MM


class Media(enum.StrEnum):
    """What a printer prints on."""

    LABEL = "label"
    PAGE = "page"


class PrinterKind(enum.StrEnum):
    TCP = "tcp"
    CUPS = "cups"
    FILE = "file"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class PrinterSpec:
    """One printer as the station's settings describe it.

    Attributes:
        name: what people call it (unique at the station).
        kind: how it is reached.
        address: ``host[:port]`` (tcp, port 9100 by default), a CUPS queue name, a
            folder (file), or the system printer's name.
        format: what it takes: ZPL for label printers, PDF for office printers, PNG
            for the Qt back-end's raster path.
        dpi: its resolution (203 or 300 for thermal printers).
        server: the CUPS server ``host:port`` (empty: the computer's default).
        paper: the template paper variant to use (``letter``); ``default`` otherwise.
        options: extra ``lp -o`` options for a CUPS queue.
        timeout_s: how long to wait for the printer to answer.
        media: what it prints on, when the table says so (``None``: judged from
            ``format`` and ``paper``, see :attr:`takes_pages`).
    """

    name: str
    kind: PrinterKind
    address: str
    format: LabelFormat = LabelFormat.ZPL
    dpi: int = 203
    server: str = ""
    paper: str = "default"
    options: tuple[str, ...] = ()
    timeout_s: float = 10.0
    media: Media | None = None

    @property
    def takes_pages(self) -> bool:
        """Whether page-sized documents may go here (see the module docstring)."""
        if self.media is not None:
            return self.media is Media.PAGE
        return self.format is not LabelFormat.ZPL and self.paper.lower() in PAGE_PAPERS

    @property
    def paper_variant(self) -> str | None:
        return None if self.paper in ("", "default", "a4") else self.paper

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> PrinterSpec:
        """Build from a TOML table.

        Raises:
            ValueError: a missing name/kind/address or a value out of range.
        """
        known = set(cls.__dataclass_fields__)
        extra = sorted(set(raw) - known)
        if extra:
            raise ValueError(f"printer {raw.get('name', '?')}: unknown key(s) {', '.join(extra)}")
        try:
            spec = cls(
                name=str(raw["name"]),
                kind=PrinterKind(raw["kind"]),
                address=str(raw["address"]),
                format=LabelFormat(raw.get("format", "zpl")),
                dpi=int(raw.get("dpi", 203)),
                server=str(raw.get("server", "")),
                paper=str(raw.get("paper", "default")),
                options=tuple(str(o) for o in raw.get("options", ())),
                timeout_s=float(raw.get("timeout_s", 10.0)),
                media=Media(raw["media"]) if raw.get("media") else None,
            )
        except KeyError as exc:
            raise ValueError(f"a printer needs {exc.args[0]!r}") from None
        problems = spec.validate()
        if problems:
            raise ValueError(f"printer {spec.name}: {'; '.join(problems)}")
        return spec

    def to_mapping(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["format"] = self.format.value
        data["options"] = list(self.options)
        if self.media is None:
            del data["media"]  # TOML has no null: judged from format and paper
        else:
            data["media"] = self.media.value
        return data

    def validate(self) -> list[str]:
        """What is wrong, in sentences (empty: nothing)."""
        problems = []
        if not self.name.strip():
            problems.append("a printer needs a name")
        if not self.address.strip():
            problems.append("an address is needed")
        if not 100 <= self.dpi <= 1200:
            problems.append(f"dpi {self.dpi} is not a printer's resolution (100-1200)")
        if not 0.5 <= self.timeout_s <= 120:
            problems.append("the timeout must be 0.5-120 s")
        if self.kind is PrinterKind.TCP:
            _, _, port = self.address.rpartition(":")
            if ":" in self.address and not (port.isdigit() and 0 < int(port) < 65536):
                problems.append(f"{self.address!r} is not host:port")
        if self.media is Media.PAGE and self.format is LabelFormat.ZPL:
            problems.append("a ZPL printer prints labels, not pages")
        return problems


@dataclass(frozen=True, slots=True)
class PrintSettings:
    """The station's printers, label routes and label facts.

    Attributes:
        printers: every printer.
        routes: label (template) name -> printer name; ``"*"`` for every other label.
        company_prefix: the GS1 company prefix SSCCs are made from.
        shipper: the sender on shipping labels.
        max_attempts: automatic tries of a job before it waits for a person.
    """

    printers: tuple[PrinterSpec, ...] = ()
    routes: Mapping[str, str] = field(default_factory=dict)
    company_prefix: str = DEMO_COMPANY_PREFIX
    shipper: Shipper = field(default_factory=Shipper)
    max_attempts: int = 5

    def printer(self, name: str) -> PrinterSpec | None:
        return next((p for p in self.printers if p.name == name), None)

    def page_printer(self, label: str = DEFAULT_ROUTE) -> PrinterSpec | None:
        """The printer for a page-sized document: ``label``'s route or the default route
        when that printer takes pages, else the first printer that does; ``None`` when
        no printer here takes pages."""
        for name in (self.routes.get(label), self.routes.get(DEFAULT_ROUTE)):
            spec = self.printer(name) if name else None
            if spec is not None and spec.takes_pages:
                return spec
        return next((p for p in self.printers if p.takes_pages), None)

    def printer_for(self, label: str) -> PrinterSpec:
        """The printer ``label`` labels go to.

        Raises:
            PrintError: ``NO_PRINTER`` when no route (or its printer) is set up.
        """
        name = self.routes.get(label) or self.routes.get(DEFAULT_ROUTE)
        spec = self.printer(name) if name else None
        if spec is None:
            raise PrintError(PrintErrorCode.NO_PRINTER, label=label)
        return spec

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> PrintSettings:
        """Build from the ``[printing]`` TOML table.

        Raises:
            ValueError: a broken printer, a duplicate name, a route to no printer.
        """
        printers = tuple(PrinterSpec.from_mapping(p) for p in raw.get("printers", ()))
        names = [p.name for p in printers]
        if len(set(names)) != len(names):
            raise ValueError("two printers have the same name")
        routes = {str(k): str(v) for k, v in raw.get("routes", {}).items()}
        missing = sorted(v for v in routes.values() if v not in names)
        if missing:
            raise ValueError(f"labels are routed to unknown printer(s) {', '.join(missing)}")
        shipper = Shipper(**raw["shipper"]) if "shipper" in raw else Shipper()
        settings = cls(
            printers=printers,
            routes=routes,
            company_prefix=str(raw.get("company_prefix", DEMO_COMPANY_PREFIX)),
            shipper=shipper,
            max_attempts=int(raw.get("max_attempts", 5)),
        )
        prefix = settings.company_prefix
        if not (prefix.isdigit() and 7 <= len(prefix) <= 10):
            raise ValueError(f"the GS1 company prefix is 7-10 digits, got {prefix!r}")
        return settings

    def to_mapping(self) -> dict[str, Any]:
        return {
            "printers": [p.to_mapping() for p in self.printers],
            "routes": dict(self.routes),
            "company_prefix": self.company_prefix,
            "shipper": asdict(self.shipper),
            "max_attempts": self.max_attempts,
        }


def load_printing(path: Path | None, profile: Path) -> PrintSettings:
    """The station's printers and label routes: the ``[printing]`` table of ``path``
    (see the module docstring).

    A station with no printers gets one ``file`` printer, ``labels``, writing PDF labels
    to ``<profile>/labels/`` for every label, so that printing works out of the box
    (and the demo shows where its labels went).

    Raises:
        ValueError: the file is not valid TOML, or the table is broken (the sentence
            says what).
    """
    raw: dict[str, object] = {}
    path = path or config_path()
    if path.exists():
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("printing", {})
        if not isinstance(table, dict):
            raise ValueError("[printing] must be a table")
        raw = table
    try:
        printing = PrintSettings.from_mapping(raw)
    except (TypeError, KeyError) as exc:
        raise ValueError(f"[printing]: {exc}") from exc
    if printing.printers:
        return printing
    return default_printing(profile, printing)


def default_printing(profile: Path, base: PrintSettings | None = None) -> PrintSettings:
    """``base`` (or the defaults) with one ``file`` printer, ``labels``, taking every
    label as PDF into ``<profile>/labels/``."""
    folder = PrinterSpec(
        "labels", PrinterKind.FILE, str(profile / "labels"), format=LabelFormat.PDF, dpi=300
    )
    return dataclasses.replace(
        base or PrintSettings(), printers=(folder,), routes={DEFAULT_ROUTE: folder.name}
    )
