"""The body of ``scanpack decode [--json] FILE...``: every barcode in images and PDFs.

A site prints a label and wants to know what a scanner will make of it. Each code found
is one line::

    label.png<TAB>gs1-128<TAB>0109501101530003<GS>17250101<TAB>(01)09501101530003 (17)250101

or, with ``--json``, one object per line (``text`` is raw: GS1 data with ASCII 29
separators; ``gs1`` maps each AI to its value, or is null for non-GS1 symbols)::

    {"file": "label.png", "symbology": "gs1-128", "text": "...", "gs1": {"01": "...", ...}}

PDF pages are rendered at 300 dpi (pypdfium2); their lines name the page: the file
column reads ``labels.pdf#page=2`` and the JSON object carries ``"page": 2``. Images are
anything Pillow opens; every frame of a multi-frame TIFF or GIF is read.

Exit status: 0 when every file was read (with or without codes), 1 when any file could
not be read (each one named on stderr with the reason; the others are still decoded),
2 for a usage error (no file given).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

from PIL import Image, ImageSequence, UnidentifiedImageError

from app.barcodes.decode import Decoded, Decoder
from app.domain.symbology import GS

PDF_DPI = 300
# A page bigger than A4 is rendered at less than 300 dpi so that it stays near 9 MP:
# labels do not need more, and a poster-sized page would otherwise take seconds per look.
PDF_MAX_PIXELS = 9_000_000


class UnreadableFileError(Exception):
    """A file that is neither an image Pillow can open nor a PDF pdfium can render."""


def run(
    files: list[str],
    json_lines: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
    decoder: Decoder | None = None,
) -> int:
    """Decode every file and print one line per code found.

    Args:
        files: image or PDF paths, decoded in order.
        json_lines: one JSON object per line instead of tab-separated text.
        out: where the lines go (default: ``sys.stdout`` at call time).
        err: where unreadable files are reported (default: ``sys.stderr``).
        decoder: defaults to a thorough ``Decoder()``.

    Returns:
        The exit status (see the module docstring).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not files:
        err.write("scanpack decode: no file given (usage: scanpack decode [--json] FILE...)\n")
        return 2
    decoder = decoder or Decoder()
    status = 0
    for name in files:
        try:
            for page, image in iter_images(name):
                for code in decoder.decode(image):
                    out.write(format_code(name, page, code, json_lines=json_lines) + "\n")
        except UnreadableFileError as exc:
            err.write(f"scanpack decode: {name}: {exc}\n")
            status = 1
        out.flush()
    return status


def iter_images(path: str) -> Iterator[tuple[int | None, Image.Image]]:
    """The pictures in ``path``: (page number, image) for PDFs, (None, image) otherwise.

    Raises:
        UnreadableFileError: the file is missing, unreadable, truncated or not an image.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise UnreadableFileError(exc.strerror or str(exc)) from exc
    if b"%PDF-" in head:
        yield from _pdf_pages(path)
    else:
        yield from _image_frames(path)


def _image_frames(path: str) -> Iterator[tuple[int | None, Image.Image]]:
    try:
        with Image.open(path) as image:
            frames = []
            for frame in ImageSequence.Iterator(image):
                frame.load()  # a truncated file fails here, not at open
                frames.append(frame.copy())
    except UnidentifiedImageError as exc:
        raise UnreadableFileError(
            "not a recognised image or PDF (unknown format, or cut short)"
        ) from exc
    except Image.DecompressionBombError as exc:
        raise UnreadableFileError(f"image too large: {exc}") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # Pillow's plugins report corrupt data with any of these.
        raise UnreadableFileError(f"corrupt or truncated image ({exc})") from exc
    for frame in frames:
        yield None, frame


def _pdf_pages(path: str) -> Iterator[tuple[int | None, Image.Image]]:
    import pypdfium2  # type: ignore[import-untyped]

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        raise UnreadableFileError(f"corrupt PDF ({exc})") from exc
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()  # points, 1/72 inch
                scale = PDF_DPI / 72
                if width * height * scale * scale > PDF_MAX_PIXELS:
                    scale = (PDF_MAX_PIXELS / (width * height)) ** 0.5
                image = page.render(scale=scale, grayscale=True).to_pil()
            except pypdfium2.PdfiumError as exc:
                raise UnreadableFileError(f"cannot render page {index + 1} ({exc})") from exc
            finally:
                page.close()
            yield index + 1, image
    finally:
        document.close()


def format_code(file: str, page: int | None, code: Decoded, *, json_lines: bool) -> str:
    """One output line for ``code`` found in ``file`` (page ``page`` of a PDF)."""
    fields = gs1_fields(code)
    if json_lines:
        record: dict[str, object] = {
            "file": file,
            "symbology": str(code.symbology),
            "text": code.text,
            "gs1": fields,
        }
        if page is not None:
            record["page"] = page
        return json.dumps(record)
    where = file if page is None else f"{file}#page={page}"
    shown = " ".join(f"({ai}){value}" for ai, value in fields.items()) if fields else ""
    if code.symbology.is_gs1 and fields is None:
        shown = "(not a valid GS1 element string)"
    return "\t".join((where, str(code.symbology), _visible(code.text), shown))


def gs1_fields(code: Decoded) -> dict[str, str] | None:
    """AI -> value for a GS1 symbol whose data parses (biip); None otherwise."""
    if not code.symbology.is_gs1:
        return None
    from biip import ParseError
    from biip.gs1_messages import GS1Message

    try:
        message = GS1Message.parse(code.text)
    except ParseError:
        return None
    return {element.ai.ai: element.value for element in message.element_strings}


def _visible(text: str) -> str:
    """``text`` on one line: GS as ``<GS>``, other control characters escaped."""
    out = []
    for char in text:
        if char == GS:
            out.append("<GS>")
        elif char in "\t\n\r":
            out.append(repr(char)[1:-1])
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)
