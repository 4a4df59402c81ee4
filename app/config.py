"""The station's settings: one typed registry, loaded from and saved to TOML.

Each field has a default, a title for the settings screen and, for numbers, a range.
``validate()`` returns every problem as a typed :class:`Problem` (a code, the field and
the values a sentence needs); ``ui/`` words them for the operator. Nothing is saved
while there are any. The file is written with mode 0600 because it holds the station
token; ``SCANPACK_TOKEN`` in the environment overrides the file's token.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import platformdirs
import tomli_w

APP_NAME = "scanpack"
TOKEN_ENV = "SCANPACK_TOKEN"


class ProblemCode(enum.StrEnum):
    """What is wrong with a setting."""

    URL_FORM = "url_form"
    """The order store URL is not http(s)://host[:port]."""
    STATION_FORM = "station_form"
    """The station name is over 64 characters or holds unprintable ones."""
    STATION_MISSING = "station_missing"
    """An order store is set but no station name."""
    CA_BUNDLE_MISSING = "ca_bundle_missing"
    """The CA bundle file does not exist (``path``)."""
    TOKEN_SPACES = "token_spaces"
    """The station token holds spaces."""
    TERMINATOR = "terminator"
    """The serial scanner's end of code is empty or too long."""
    LANGUAGE = "language"
    """The station language is not a language code (``es``, ``pt_BR``)."""
    PATTERN = "pattern"
    """A code pattern is not a valid regular expression (``fault``, ``at``)."""
    OUT_OF_RANGE = "out_of_range"
    """A number is outside ``low``-``high``."""
    COMPANY_PREFIX = "company_prefix"
    """The GS1 company prefix is not 7-10 digits."""
    KEY_TYPES = "key_types"
    """A hardware key types a character, as a scanner does (``key``): it cannot be an
    action's key."""
    KEY_TWICE = "key_twice"
    """One hardware key is set for two actions (``key``)."""


class HardwareAction(enum.StrEnum):
    """What a handheld's hardware key can be set to do (``Settings.key_*``): the same
    as a tap on the screen's button for it."""

    SHORT = "short"
    SKIP = "skip"
    UNDO = "undo"
    QUANTITY = "quantity"
    NEXT = "next"
    CONFIRM = "confirm"


TYPING_KEYS = frozenset({"Return", "Enter", "Tab", "Space", "Backspace", "Esc", "Escape"})
"""Key names (Qt's portable text) that a keyboard-wedge scanner sends, or that edit
what is typed: never an action's key."""


def key_types(key: str) -> bool:
    """Whether ``key`` (a key name as ``QKeySequence`` writes it: ``F1``, ``Ctrl+F2``,
    ``Shift+A``) types a character or is one a scanner sends."""
    bare = key.removeprefix("Shift+")
    return len(bare) == 1 or bare in TYPING_KEYS


class PatternFault(enum.StrEnum):
    """Why a regular expression does not compile, in the few kinds a person can fix."""

    UNCLOSED = "unclosed"
    """A bracket or parenthesis is opened and not closed."""
    UNOPENED = "unopened"
    """A closing parenthesis has no opening one."""
    NOTHING_TO_REPEAT = "nothing_to_repeat"
    """``*``, ``+``, ``?`` or ``{n}`` with nothing before it (or twice in a row)."""
    BAD_ESCAPE = "bad_escape"
    """A backslash before a letter that means nothing."""
    BACKWARDS = "backwards"
    """A range that runs backwards: ``[z-a]``, ``{2,1}``."""
    OTHER = "other"


# re.error messages (CPython's sre_parse) by the kind of mistake they report.
_FAULTS = (
    (
        ("missing )", "unterminated", "unexpected end", "missing }", "missing >"),
        PatternFault.UNCLOSED,
    ),
    (("unbalanced parenthesis",), PatternFault.UNOPENED),
    (("nothing to repeat", "multiple repeat"), PatternFault.NOTHING_TO_REPEAT),
    (("bad escape",), PatternFault.BAD_ESCAPE),
    (("bad character range", "greater than max"), PatternFault.BACKWARDS),
)


def pattern_fault(error: re.error) -> PatternFault:
    """The kind of mistake ``error`` reports."""
    said = error.msg
    return next(
        (fault for starts, fault in _FAULTS if any(s in said for s in starts)), PatternFault.OTHER
    )


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the settings.

    Attributes:
        code: what is wrong.
        field: the ``Settings`` field it is about.
        args: what a sentence needs: ``low``/``high`` (out of range), ``path`` (CA
            bundle), ``fault`` (a :class:`PatternFault`) and ``at`` (1-based position)
            for a pattern.
    """

    code: ProblemCode
    field: str
    args: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:  # for logs; people read ui's wording
        details = ", ".join(f"{key}={value}" for key, value in self.args.items())
        return f"{self.field}: {self.code}" + (f" ({details})" if details else "")


class InvalidSettingsError(ValueError):
    """Settings that do not validate were about to be saved.

    Attributes:
        problems: every problem (see :meth:`Settings.validate`).
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(map(str, self.problems)))


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


@dataclass
class Settings:
    """Site and station settings (not window geometry: that lives in QSettings)."""

    server_url: str = dataclasses.field(default="", metadata={"title": "Order store URL"})
    station: str = dataclasses.field(default="", metadata={"title": "Station name"})
    token: str = dataclasses.field(default="", metadata={"title": "Station token"})
    ca_bundle: str = dataclasses.field(
        default="", metadata={"title": "CA bundle (PEM file, empty = system CAs)"}
    )
    language: str = dataclasses.field(
        default="en", metadata={"title": "Station language (a person's own at log-in)"}
    )
    sync_interval_s: float = dataclasses.field(
        default=5.0, metadata={"title": "Sync every (s)", "low": 0.5, "high": 600}
    )
    request_timeout_s: float = dataclasses.field(
        default=10.0, metadata={"title": "Network timeout (s)", "low": 1, "high": 120}
    )
    idle_logout_s: int = dataclasses.field(
        default=600, metadata={"title": "Log out after idle (s)", "low": 30, "high": 86_400}
    )
    cart_totes: int = dataclasses.field(
        default=6, metadata={"title": "Pick cart: most totes", "low": 1, "high": 12}
    )
    # How long a station may stay silent before the supervisor's exceptions list the
    # orders it holds (a station gone dark keeps its claims until someone cancels them).
    claim_stale_min: int = dataclasses.field(
        default=15,
        metadata={"title": "Supervisor: a station is silent after (min)", "low": 1, "high": 1440},
    )
    scanner_max_gap_ms: int = dataclasses.field(
        default=40, metadata={"title": "Scanner: max gap between keys (ms)", "low": 5, "high": 500}
    )
    scanner_min_length: int = dataclasses.field(
        default=4, metadata={"title": "Scanner: shortest code", "low": 1, "high": 64}
    )
    scanner_prefix: str = dataclasses.field(default="", metadata={"title": "Scanner: prefix"})
    scanner_suffix: str = dataclasses.field(default="", metadata={"title": "Scanner: suffix"})
    scanner_gs_standin: str = dataclasses.field(
        default="", metadata={"title": "Scanner: stand-in for GS (FNC1)"}
    )
    # Hardware keys (a handheld's side keys, function keys): each does what a tap on the
    # screen's button for its action does. Named as QKeySequence writes them (F1,
    # Ctrl+F2); empty = no key. Set on the settings screen by pressing the key.
    key_short: str = dataclasses.field(default="", metadata={"title": "Key: Short", "key": True})
    key_skip: str = dataclasses.field(default="", metadata={"title": "Key: Skip", "key": True})
    key_undo: str = dataclasses.field(default="", metadata={"title": "Key: Undo", "key": True})
    key_quantity: str = dataclasses.field(
        default="", metadata={"title": "Key: Quantity", "key": True}
    )
    key_next: str = dataclasses.field(default="", metadata={"title": "Key: Next", "key": True})
    key_confirm: str = dataclasses.field(
        default="", metadata={"title": "Key: Confirm", "key": True}
    )
    # A scanner on a serial port (or a USB scanner in serial/CDC mode): the device
    # (/dev/ttyUSB0, /dev/ttyACM0, COM3), its speed, and what it sends after each
    # code: CR, LF, CRLF, TAB, or the characters themselves (\x03 for ETX).
    serial_port: str = dataclasses.field(
        default="", metadata={"title": "Serial scanner: port (empty = none)"}
    )
    serial_baud: int = dataclasses.field(
        default=9600,
        metadata={"title": "Serial scanner: baud rate", "low": 1200, "high": 921_600},
    )
    serial_terminator: str = dataclasses.field(
        default="CR", metadata={"title": "Serial scanner: end of code (CR, LF, CRLF, TAB)"}
    )
    # A bench scale in continuous output on a serial port (app.packing.scale reads its
    # lines). A scale that does not flag stable readings is believed once its readings
    # stay within scale_tolerance_g of each other for scale_stable_ms.
    scale_port: str = dataclasses.field(
        default="", metadata={"title": "Scale: port (empty = none)"}
    )
    scale_baud: int = dataclasses.field(
        default=9600, metadata={"title": "Scale: baud rate", "low": 1200, "high": 921_600}
    )
    scale_tolerance_g: int = dataclasses.field(
        default=2, metadata={"title": "Scale: steady within (g)", "low": 0, "high": 1000}
    )
    scale_stable_ms: int = dataclasses.field(
        default=600, metadata={"title": "Scale: steady for (ms)", "low": 100, "high": 10_000}
    )
    # Parcel SSCCs (app.domain.sscc): extension digit + GS1 company prefix + station
    # number (3 digits) + this station's counter + check digit. Every station sharing a
    # prefix and extension needs its own number; 0 = not set (no SSCC is issued).
    gs1_company_prefix: str = dataclasses.field(
        default="", metadata={"title": "SSCC: GS1 company prefix (7-10 digits)"}
    )
    sscc_extension: int = dataclasses.field(
        default=0, metadata={"title": "SSCC: extension digit", "low": 0, "high": 9}
    )
    sscc_station: int = dataclasses.field(
        default=0,
        metadata={"title": "SSCC: station number (1-999, one per station)", "low": 0, "high": 999},
    )
    # What bin, tote, order and badge codes look like (Python regular expressions, whole
    # code). A scan is looked up as a bin only when it matches bin_pattern, and so on;
    # an empty pattern looks every scan up in that table (see app.barcodes.resolve).
    bin_pattern: str = dataclasses.field(
        default=r"[A-Z]-\d{2}-\d{2}-\d", metadata={"title": "Codes: bin pattern", "regex": True}
    )
    tote_pattern: str = dataclasses.field(
        default=r"T-\d{4}", metadata={"title": "Codes: tote pattern", "regex": True}
    )
    order_pattern: str = dataclasses.field(
        default=r"SO-\d{6}", metadata={"title": "Codes: order pattern", "regex": True}
    )
    badge_pattern: str = dataclasses.field(
        default=r"B-\d{4}", metadata={"title": "Codes: badge pattern", "regex": True}
    )

    def validate(self) -> list[Problem]:
        """Every problem with these settings, in field order; empty when all is well."""
        problems = []
        if self.server_url:
            parsed = urlparse(self.server_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                problems.append(Problem(ProblemCode.URL_FORM, "server_url"))
        if self.station and (len(self.station) > 64 or not self.station.isprintable()):
            problems.append(Problem(ProblemCode.STATION_FORM, "station"))
        if self.server_url and not self.station.strip():
            problems.append(Problem(ProblemCode.STATION_MISSING, "station"))
        if self.ca_bundle and not Path(self.ca_bundle).is_file():
            problems.append(
                Problem(ProblemCode.CA_BUNDLE_MISSING, "ca_bundle", {"path": self.ca_bundle})
            )
        if any(ch.isspace() for ch in self.token):
            problems.append(Problem(ProblemCode.TOKEN_SPACES, "token"))
        if not _LANGUAGE_CODE.fullmatch(self.language):
            problems.append(Problem(ProblemCode.LANGUAGE, "language"))
        if not self.serial_terminator or len(self.serial_terminator) > 16:
            problems.append(Problem(ProblemCode.TERMINATOR, "serial_terminator"))
        prefix = self.gs1_company_prefix
        if prefix and not (prefix.isascii() and prefix.isdigit() and 7 <= len(prefix) <= 10):
            problems.append(Problem(ProblemCode.COMPANY_PREFIX, "gs1_company_prefix"))
        taken: dict[str, str] = {}
        for f in dataclasses.fields(self):
            key = getattr(self, f.name) if f.metadata.get("key") else ""
            if key and key_types(key):
                problems.append(Problem(ProblemCode.KEY_TYPES, f.name, {"key": key}))
            elif key and key in taken:
                problems.append(Problem(ProblemCode.KEY_TWICE, f.name, {"key": key}))
            taken.setdefault(key, f.name)
            if f.metadata.get("regex"):
                try:
                    re.compile(getattr(self, f.name))
                except re.error as exc:
                    at = (exc.pos or 0) + 1
                    args = {"fault": pattern_fault(exc), "at": at}
                    problems.append(Problem(ProblemCode.PATTERN, f.name, args))
            low, high = f.metadata.get("low"), f.metadata.get("high")
            value = getattr(self, f.name)
            if low is not None and high is not None and not low <= value <= high:
                problems.append(
                    Problem(ProblemCode.OUT_OF_RANGE, f.name, {"low": low, "high": high})
                )
        return problems

    def hardware_keys(self) -> dict[str, HardwareAction]:
        """Each key set for an action (``key_*``), with its action."""
        return {
            getattr(self, f.name): HardwareAction(f.name.removeprefix("key_"))
            for f in dataclasses.fields(self)
            if f.metadata.get("key") and getattr(self, f.name)
        }

    @classmethod
    def regex_fields(cls) -> tuple[str, ...]:
        """The fields that hold code patterns (regular expressions)."""
        return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("regex"))

    @classmethod
    def titles(cls) -> dict[str, str]:
        return {f.name: f.metadata["title"] for f in dataclasses.fields(cls)}


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "station.toml"


def load(path: Path | None = None) -> Settings:
    """Settings from ``path`` (default: the platform's config folder), with defaults for
    what is missing; unknown keys are ignored, ill-typed ones fall back to defaults.

    Raises:
        ValueError: the file is not valid TOML.
    """
    path = path or config_path()
    settings = Settings()
    if path.exists():
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for f in dataclasses.fields(settings):
            if f.name in data:
                value = data[f.name]
                default = getattr(settings, f.name)
                if isinstance(default, float) and isinstance(value, int):
                    value = float(value)
                if type(value) is type(default):
                    setattr(settings, f.name, value)
    env_token = os.environ.get(TOKEN_ENV, "").strip()
    if env_token:
        settings.token = env_token
    return settings


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` to ``path`` readable by the owner only (it holds the token).

    Raises:
        InvalidSettingsError: the settings do not validate (nothing is written).
        OSError: the folder cannot be written (disk full, read-only).
    """
    problems = settings.validate()
    if problems:
        raise InvalidSettingsError(problems)
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    table = dataclasses.asdict(settings)
    # Sub-tables (``[printing]``) are edited in the file, not on the settings screen:
    # keep them as they are.
    for key, value in _sub_tables(path).items():
        table.setdefault(key, value)
    data = tomli_w.dumps(table).encode()
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        rest = memoryview(data)
        while rest:  # a write may take part of the data (a nearly full disk)
            rest = rest[os.write(fd, rest) :]
        os.fsync(fd)
    except OSError:
        os.close(fd)
        tmp.unlink(missing_ok=True)  # a full disk keeps the old file, and no half file
        raise
    os.close(fd)
    os.replace(tmp, path)  # atomic: a crash leaves the old file or the new one
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # make the rename itself survive a power cut
    finally:
        os.close(folder)
    return path


SUB_TABLES = ("printing",)
"""Tables of the station file beside the flat ``Settings`` fields, each with its own
typed loader beside its feature (``app.printing.settings.load_printing``)."""


def _sub_tables(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {key: data[key] for key in SUB_TABLES if isinstance(data.get(key), dict)}
