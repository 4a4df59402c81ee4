"""A reader for the ZPL this project writes, as a printer's firmware would take it.

Independent of ``app.printing.zpl``: it parses the commands back into fields and turns
``^BC`` field data (subset invocation codes) into Code 128 symbol values and modules
by the ZPL II manual's table, so a test can draw the bars and decode them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

GS = "\x1d"
_COMMAND = re.compile(r"\^([A-Z0-9@]{2})")
FNC1, CODE_A, CODE_B, CODE_C = 102, 101, 100, 99
START = {"A": 103, "B": 104, "C": 105}


@dataclass
class Field:
    """One ``^FO ... ^FS`` field: its origin, its commands (name -> parameters), its data."""

    x: int
    y: int
    commands: dict[str, str] = field(default_factory=dict)
    data: str = ""

    @property
    def barcode(self) -> str | None:
        return next((c for c in ("BC", "BE", "BU", "B8", "BQ", "BX") if c in self.commands), None)


@dataclass
class Format:
    """One ``^XA ... ^XZ`` label format."""

    settings: dict[str, str]
    fields: list[Field]


def _unhex(data: str, indicator: str = "_") -> str:
    raw = bytearray()
    index = 0
    encoded = data.encode("utf-8")
    while index < len(encoded):
        if encoded[index : index + 1] == indicator.encode():
            raw.append(int(encoded[index + 1 : index + 3], 16))
            index += 3
        else:
            raw.append(encoded[index])
            index += 1
    return raw.decode("utf-8")


def parse(zpl: bytes) -> list[Format]:
    """Split ZPL into formats and fields (only the commands this project uses)."""
    text = zpl.decode("utf-8")
    formats = []
    for body in re.findall(r"\^XA(.*?)\^XZ", text, re.DOTALL):
        settings: dict[str, str] = {}
        fields: list[Field] = []
        current: Field | None = None
        hex_next = False
        parts = re.split(r"(\^[A-Z0-9@]{2})", body)
        index = 1
        while index < len(parts):
            command, params = parts[index][1:], parts[index + 1]
            index += 2
            if command == "FO":
                x, y = (int(v) for v in params.strip().split(","))
                current = Field(x, y)
                hex_next = False
            elif command == "FH":
                hex_next = True
            elif command == "FD":
                assert current is not None, "^FD outside a field"
                current.data = _unhex(params) if hex_next else params
            elif command == "FS":
                if current is not None:
                    fields.append(current)
                current = None
            elif current is not None:
                current.commands[command] = params.strip()
            else:
                settings[command] = params.strip()
        formats.append(Format(settings, fields))
    return formats


def code128_values(field_data: str) -> tuple[str, list[int]]:
    """``^BC`` mode-N field data -> (the data as read, GS for FNC1; symbol values).

    The values start with the start character and end before the check character.
    """
    text: list[str] = []
    values: list[int] = []
    subset = "B"
    index = 0
    if field_data.startswith((">9", ">:", ">;")):
        subset = {">9": "A", ">:": "B", ">;": "C"}[field_data[:2]]
        index = 2
    values.append(START[subset])
    while index < len(field_data):
        ch = field_data[index]
        if ch == ">":
            code = field_data[index + 1]
            index += 2
            if code == "<":
                values.append(ord(">") - 32)
                text.append(">")
            elif code == "8":
                values.append(FNC1)
                text.append(GS)
            elif code == "5":
                values.append(CODE_C)
                subset = "C"
            elif code == "6":
                values.append(CODE_B)
                subset = "B"
            elif code == "7":
                values.append(CODE_A)
                subset = "A"
            else:
                raise ValueError(f"invocation >{code} is not used here")
        elif subset == "C":
            pair = field_data[index : index + 2]
            if not (pair.isdigit() and len(pair) == 2):
                raise ValueError(f"subset C needs digit pairs: {pair!r}")
            values.append(int(pair))
            text.append(pair)
            index += 2
        else:
            values.append(ord(ch) - 32)
            text.append(ch)
            index += 1
    data = "".join(text)
    if values[1:2] == [FNC1]:
        data = data[1:]  # FNC1 in first position marks GS1-128; it is not data
    return data, values


def code128_modules(values: list[int]) -> str:
    """The bars (``1``) and spaces (``0``) of a symbol: values, check character, stop."""
    from barcode.charsets import code128  # type: ignore[import-untyped]

    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    # python-barcode keeps the stop character's last 2-module bar apart: 11 + 2 modules.
    stop = code128.STOP + "11"
    assert len(stop) == 13
    return "".join(code128.CODES[v] for v in [*values, check]) + stop


def draw_linear(modules: str, module_px: int = 3, height: int = 120) -> Image.Image:
    """A symbol of ``modules`` with a 10-module quiet zone, as a grayscale image."""
    row = np.array([c == "1" for c in "0" * 10 + modules + "0" * 10])
    pixels = np.repeat(row, module_px)
    image = np.where(np.broadcast_to(pixels, (height, pixels.size)), 0, 255).astype(np.uint8)
    return Image.fromarray(np.pad(image, 20, constant_values=255))
