"""``scanpack decode``: labels as PNG and PDF, human and JSON lines, exit statuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from app.barcodes import decode_cli
from app.barcodes.render import render_barcode
from app.domain.symbology import GS, Symbology

GS1 = "0109501101530003" + "17261231" + "10AB-123" + GS + "21SN0042"
SSCC = "00095011015300000010"


def _label() -> Image.Image:
    """A shipping label: GS1-128 with four AIs, an SSCC, a QR and a DataMatrix."""
    page = Image.new("L", (1200, 900), 255)
    page.paste(render_barcode(Symbology.GS1_128, GS1, module_px=3), (30, 30))
    page.paste(render_barcode(Symbology.GS1_128, SSCC, module_px=3), (30, 330))
    page.paste(render_barcode(Symbology.QR, "ORDER:SO-7\tA", module_px=5), (60, 620))
    page.paste(render_barcode(Symbology.DATAMATRIX, "BIN-A-01", module_px=6), (700, 650))
    return page


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("labels")
    label = _label()
    paths = {
        "png": folder / "label.png",
        "pdf": folder / "labels.pdf",
        "jpeg": folder / "label.jpg",
        "empty": folder / "empty.png",
    }
    label.save(paths["png"])
    label.convert("RGB").save(paths["jpeg"], quality=90)
    # Two pages: the label, then a page with only an EAN-13.
    second = Image.new("L", (600, 300), 255)
    second.paste(render_barcode(Symbology.EAN13, "5901234123457", module_px=3), (100, 50))
    label.save(paths["pdf"], save_all=True, append_images=[second])
    Image.new("L", (300, 200), 255).save(paths["empty"])
    return paths


def _run(args: list[str], json_lines: bool) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    status = decode_cli.run(args, json_lines, out=out, err=err)
    return status, out.getvalue().splitlines(), err.getvalue()


def test_human_lines_show_file_symbology_payload_and_gs1_fields(files: dict[str, Path]) -> None:
    status, lines, err = _run([str(files["png"])], json_lines=False)
    assert (status, err) == (0, "")
    png = str(files["png"])
    assert lines == [
        f"{png}\tgs1-128\t010950110153000317261231"
        "10AB-123<GS>21SN0042\t(01)09501101530003 (17)261231 (10)AB-123 (21)SN0042",
        f"{png}\tgs1-128\t{SSCC}\t(00){SSCC[2:]}",
        f"{png}\tqr\tORDER:SO-7\\tA\t",
        f"{png}\tdatamatrix\tBIN-A-01\t",
    ]


def test_json_lines_carry_the_raw_text_and_the_ais(files: dict[str, Path]) -> None:
    status, lines, _ = _run([str(files["png"])], json_lines=True)
    assert status == 0
    records = [json.loads(line) for line in lines]
    assert records[0] == {
        "file": str(files["png"]),
        "symbology": "gs1-128",
        "text": GS1,
        "gs1": {"01": "09501101530003", "17": "261231", "10": "AB-123", "21": "SN0042"},
    }
    assert "\\u001d" in lines[0]  # ASCII 29 travels escaped, one object per line
    assert records[1]["gs1"] == {"00": SSCC[2:]}
    assert [r["gs1"] for r in records[2:]] == [None, None]
    assert [r["text"] for r in records[2:]] == ["ORDER:SO-7\tA", "BIN-A-01"]


def test_pdf_pages_are_rendered_and_named(files: dict[str, Path]) -> None:
    status, lines, _ = _run([str(files["pdf"])], json_lines=True)
    assert status == 0
    records = [json.loads(line) for line in lines]
    assert [(r["page"], r["symbology"]) for r in records] == [
        (1, "gs1-128"),
        (1, "gs1-128"),
        (1, "qr"),
        (1, "datamatrix"),
        (2, "ean13"),
    ]
    assert {r["file"] for r in records} == {str(files["pdf"])}
    status, lines, _ = _run([str(files["pdf"])], json_lines=False)
    assert lines[-1] == f"{files['pdf']}#page=2\tean13\t5901234123457\t"


def test_many_files_in_one_call_and_a_file_without_codes_is_fine(files: dict[str, Path]) -> None:
    names = [str(files[k]) for k in ("empty", "jpeg", "png")]
    status, lines, err = _run(names, json_lines=True)
    assert (status, err) == (0, "")
    by_file = [json.loads(line)["file"] for line in lines]
    assert by_file == [names[1]] * 4 + [names[2]] * 4


def test_unreadable_files_are_named_on_stderr_and_exit_1(
    files: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.png"
    status, lines, err = _run([str(missing), str(tmp_path), str(files["png"])], False)
    assert status == 1
    assert err.splitlines() == [
        f"scanpack decode: {missing}: No such file or directory",
        f"scanpack decode: {tmp_path}: Is a directory",
    ]
    assert len(lines) == 4


def test_no_file_is_a_usage_error() -> None:
    status, lines, err = _run([], json_lines=False)
    assert (status, lines) == (2, [])
    assert "usage: scanpack decode [--json] FILE..." in err


def test_a_gs1_symbol_with_data_biip_refuses_says_so() -> None:
    from app.barcodes.decode import Decoded

    broken = Decoded(Symbology.GS1_DATAMATRIX, "0109501101530003" + "99")
    line = decode_cli.format_code("x.png", None, broken, json_lines=False)
    assert line.endswith("\t(not a valid GS1 element string)")
    assert json.loads(decode_cli.format_code("x.png", None, broken, json_lines=True))["gs1"] is None


def test_defaults_write_to_the_current_stdout_and_stderr(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert decode_cli.run([str(files["png"]), str(files["png"]) + ".missing"], True) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 4
    assert "label.png.missing: No such file or directory" in captured.err


def test_scanpack_decode_is_a_subcommand_of_the_installed_command(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from app.barcodes.render import render_barcode
    from app.domain.symbology import Symbology

    image = render_barcode(Symbology.EAN13, "4012345000009")
    path = tmp_path / "label.png"
    image.save(path)
    exe = Path(sys.executable).with_name("scanpack")
    done = subprocess.run(
        [str(exe), "decode", "--json", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert json.loads(line) == {
        "file": str(path),
        "symbology": "ean13",
        "text": "4012345000009",
        "gs1": None,
    }
    usage = subprocess.run([str(exe), "decode"], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2
    assert "FILE" in usage.stderr
