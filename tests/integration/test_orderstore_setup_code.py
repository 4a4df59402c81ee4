"""``scanpack-store token create --qr``: the station's set-up code, read back from the PNG
by our decoder, holds the store URL, the station name and the very token printed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PIL import Image

from app.barcodes.decode import Decoder
from app.domain.provisioning import SetupCode, read_setup_code
from app.domain.symbology import Symbology
from app.orderstore.auth import caller_for, list_tokens
from app.orderstore.cli import main
from app.orderstore.db import make_engine


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.mark.parametrize("station", ["pack-03", "Empaque 2 | muelle Ñ"])
def test_the_qr_code_decodes_back_to_the_url_station_and_token(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], station: str
) -> None:
    png = tmp_path / "setup.png"
    url = "https://orders.example:8765"
    args = ["--db", db, "token", "create", "--station", station]
    assert main([*args, "--qr", str(png), "--url", url + "/"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert stat.S_IMODE(png.stat().st_mode) == 0o600  # it holds the token
    reads = Decoder().decode(Image.open(png))
    assert [r.symbology for r in reads] == [Symbology.QR]
    assert read_setup_code(reads[0].text) == SetupCode(url, station, token)
    engine = make_engine(db)
    try:
        caller = caller_for(engine, token)
    finally:
        engine.dispose()
    assert caller is not None
    assert caller.station == station


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ([], "--qr needs --url"),
        (["--url", "ftp://orders.example"], "not http(s)://host[:port]"),
    ],
)
def test_a_qr_without_a_usable_url_makes_no_token(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], said: str
) -> None:
    png = tmp_path / "setup.png"
    args = ["--db", db, "token", "create", "--station", "pack-03", "--qr", str(png), *extra]
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    assert said in capsys.readouterr().err
    assert not png.exists()
    assert main(["--db", db, "token", "list"]) == 0
    engine = make_engine(db)
    try:
        assert list_tokens(engine) == []
    finally:
        engine.dispose()
