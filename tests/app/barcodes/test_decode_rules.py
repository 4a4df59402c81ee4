"""The decoder's acceptance rules, input handling, passes and the camera debouncer."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image

from app.barcodes.decode import (
    ZBAR,
    ZXING,
    Debouncer,
    Decoded,
    Decoder,
    Pass,
    Quad,
    as_gray,
    decode_image,
    gs1_check_digits_valid,
    run_pass,
    vet,
)
from app.barcodes.render import place, render_barcode
from app.domain.symbology import GS, Symbology

HERE: Quad = ((100.0, 100.0), (300.0, 100.0), (300.0, 160.0), (100.0, 160.0))
THERE: Quad = ((700.0, 500.0), (900.0, 500.0), (900.0, 560.0), (700.0, 560.0))


def raw(symbology: Symbology, text: str, *engines: str, quad: Quad | None = HERE) -> Decoded:
    return Decoded(symbology, text, quad, frozenset(engines or (ZXING,)))


def only(reads: list[Decoded]) -> tuple[Symbology, str, str]:
    assert len(reads) == 1, reads
    return reads[0].symbology, reads[0].text, reads[0].accepted_by


# -------------------------------------------------------------------- single engine


@pytest.mark.parametrize(
    ("symbology", "text", "reason"),
    [
        (Symbology.EAN13, "5901234123457", "check-digit"),
        (Symbology.UPCA, "036000291452", "check-digit"),
        (Symbology.ITF14, "15400141288763", "check-digit"),
        (Symbology.CODE128, "PICK-00042", "code128-check"),
        (Symbology.GS1_128, "0109501101530003" + "10AB" + GS + "17261231", "gs1-check"),
        (Symbology.GS1_128, "00095011015300000010", "gs1-check"),
        (Symbology.QR, "TOTE-0042", "reed-solomon"),
        (Symbology.GS1_QR, "0109501101530003", "reed-solomon"),
        (Symbology.DATAMATRIX, "BIN-A-01", "reed-solomon"),
        (Symbology.GS1_DATAMATRIX, "0109501101530004", "reed-solomon"),  # RS: as printed
    ],
)
def test_one_engine_is_enough_when_the_symbol_checks_itself(
    symbology: Symbology, text: str, reason: str
) -> None:
    assert only(vet([raw(symbology, text)])) == (symbology, text, reason)


@pytest.mark.parametrize(
    ("symbology", "text"),
    [
        (Symbology.EAN13, "5901234123458"),  # wrong check digit
        (Symbology.UPCA, "036000291453"),
        (Symbology.ITF, "154001412887"),  # zbar's short read of an ITF-14
        (Symbology.ITF, "15400141288764"),  # 14 digits, wrong check digit: not ITF-14
        (Symbology.EAN8, "60002914"),  # zxing's valid EAN-8 out of a tilted UPC-A
        (Symbology.UPCE, "01234565"),
        (Symbology.CODE39, "ABC-123"),
        (Symbology.GS1_128, "0109501101530004"),  # GTIN check digit wrong
        (Symbology.GS1_128, "00095011015300000011"),  # SSCC check digit wrong
        (Symbology.GS1_128, "AB-12"),  # not a GS1 element string
    ],
)
def test_one_engine_is_not_enough_without_a_check(symbology: Symbology, text: str) -> None:
    assert vet([raw(symbology, text, ZBAR)]) == []
    assert vet([raw(symbology, text, ZXING)]) == []


@pytest.mark.parametrize(
    ("symbology", "text"),
    [(Symbology.EAN8, "96385074"), (Symbology.CODE39, "ABC-123"), (Symbology.ITF, "123456")],
)
def test_both_engines_agreeing_is_enough(symbology: Symbology, text: str) -> None:
    reads = [raw(symbology, text, ZBAR), raw(symbology, text, ZXING)]
    assert only(vet(reads)) == (symbology, text, "agreement")
    assert vet(reads)[0].engines == {ZBAR, ZXING}


def test_reads_of_the_same_text_far_apart_are_two_symbols() -> None:
    reads = [raw(Symbology.CODE128, "TOTE-1"), raw(Symbology.CODE128, "TOTE-1", quad=THERE)]
    assert [r.quad for r in vet(reads)] == [HERE, THERE]


def test_agreement_tells_gs1_128_from_code128_when_one_engine_saw_fnc1() -> None:
    text = "0109501101530003"
    reads = [raw(Symbology.CODE128, text, ZBAR), raw(Symbology.GS1_128, text, ZXING)]
    assert only(vet(reads)) == (Symbology.GS1_128, text, "agreement")


# -------------------------------------------------------------------- conflicts


def test_two_engines_disagreeing_on_one_linear_symbol_give_nothing() -> None:
    reads = [raw(Symbology.EAN13, "5901234123457", ZBAR), raw(Symbology.EAN13, "4006381333931")]
    assert vet(reads) == []


def test_the_read_with_more_engines_wins_a_conflict() -> None:
    reads = [
        raw(Symbology.CODE128, "PICK-1", ZBAR),
        raw(Symbology.CODE128, "PICK-1", ZXING),
        raw(Symbology.CODE128, "PICK-7", ZXING),
    ]
    assert only(vet(reads)) == (Symbology.CODE128, "PICK-1", "agreement")


def test_zxing_wins_a_qr_conflict() -> None:
    reads = [raw(Symbology.QR, "Gr\u00fc\u00dfe", ZBAR), raw(Symbology.QR, "Gr\u00c3\u00bc", ZXING)]
    assert only(vet(reads))[1] == "Gr\u00c3\u00bc"


def test_a_rejected_read_does_not_veto_an_accepted_one() -> None:
    reads = [raw(Symbology.ITF14, "15400141288763"), raw(Symbology.ITF, "1540014128", ZBAR)]
    assert only(vet(reads)) == (Symbology.ITF14, "15400141288763", "check-digit")


def test_an_ean8_on_top_of_an_upca_is_a_partial_read_even_when_both_agree() -> None:
    reads = [
        raw(Symbology.UPCA, "036000291452"),
        raw(Symbology.EAN8, "60002914", ZBAR),
        raw(Symbology.EAN8, "60002914", ZXING),
    ]
    assert only(vet(reads)) == (Symbology.UPCA, "036000291452", "check-digit")


def test_gs1_check_digits() -> None:
    assert gs1_check_digits_valid("0109501101530003" + "10AB" + GS + "17261231")
    assert not gs1_check_digits_valid("0209501101530004" + "37" + "12")
    assert not gs1_check_digits_valid("")


# -------------------------------------------------------------------- inputs


def test_as_gray_takes_pil_images_of_any_mode_and_uint8_arrays() -> None:
    rgb = np.zeros((4, 6, 3), np.uint8)
    rgb[..., 1] = 200
    assert as_gray(rgb).shape == (4, 6)
    assert as_gray(np.zeros((4, 6, 4), np.uint8)).dtype == np.uint8
    assert as_gray(np.asfortranarray(np.zeros((4, 6), np.uint8))).flags.c_contiguous
    for mode in ("1", "L", "P", "RGB", "RGBA", "LA", "I", "F", "CMYK"):
        assert as_gray(Image.new(mode, (6, 4))).shape == (4, 6)
    # Transparent is paper: a fully transparent black image is white.
    assert as_gray(Image.new("RGBA", (2, 2), (0, 0, 0, 0))).min() == 255


@pytest.mark.parametrize(
    ("image", "error"),
    [
        ([[0, 1], [1, 0]], TypeError),
        (np.zeros((4, 4), np.float32), ValueError),
        (np.zeros((4, 4, 2), np.uint8), ValueError),
        (np.zeros((2, 4, 4, 3), np.uint8), ValueError),
    ],
)
def test_as_gray_refuses_what_is_not_an_image(image: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        as_gray(image)  # type: ignore[arg-type]


def test_camera_frames_arrive_as_arrays_and_read_like_images() -> None:
    frame = np.asarray(place(render_barcode(Symbology.EAN13, "5901234123457", module_px=3)))
    assert frame.shape == (720, 1280)
    assert only(decode_image(frame))[1] == "5901234123457"
    assert only(Decoder.for_camera().decode(frame))[1] == "5901234123457"
    rgb = np.repeat(frame[:, :, np.newaxis], 3, axis=2)
    assert only(Decoder.for_camera().decode(rgb))[1] == "5901234123457"


# -------------------------------------------------------------------- passes


def test_a_rotated_pass_maps_the_quad_back_to_the_input() -> None:
    symbol = render_barcode(Symbology.CODE128, "PICK-00042", module_px=3)
    frame = place(symbol, center=(0.3, 0.4)).rotate(
        30, resample=Image.Resampling.BICUBIC, fillcolor=235, center=(0.3 * 1280, 0.4 * 720)
    )
    # Plain zxing-cpp cannot read a long code at 30°; the pass rotated back can.
    assert run_pass(Pass(ZXING), np.asarray(frame)) == []
    (read,) = run_pass(Pass(ZXING, rotate=-30.0), np.asarray(frame))
    assert read.text == "PICK-00042"
    assert read.quad is not None
    cx = sum(p[0] for p in read.quad) / 4
    cy = sum(p[1] for p in read.quad) / 4
    assert abs(cx - 0.3 * 1280) < 10
    assert abs(cy - 0.4 * 720) < 10


def test_an_upscaled_pass_maps_the_quad_back_to_the_input() -> None:
    frame = np.asarray(place(render_barcode(Symbology.QR, "TOTE-1", module_px=4), (400, 300)))
    (plain,) = run_pass(Pass(ZXING), frame)
    (scaled,) = run_pass(Pass(ZXING, scale=2.0), frame)
    assert plain.quad is not None
    assert scaled.quad is not None
    for (x0, y0), (x1, y1) in zip(plain.quad, scaled.quad, strict=True):
        assert abs(x0 - x1) <= 2
        assert abs(y0 - y1) <= 2


def test_the_time_budget_stops_further_passes() -> None:
    ticks = itertools.count(0.0, 1.0)  # every look at the clock is one second later
    decoder = Decoder(
        [Pass(ZXING), Pass(ZBAR)], min_passes=2, time_budget=0.5, clock=ticks.__next__
    )
    frame = np.asarray(place(render_barcode(Symbology.EAN8, "96385074", module_px=3)))
    # Only zxing-cpp looked, and an EAN-8 from one engine is not trusted.
    assert decoder.decode(frame) == []
    assert only(Decoder([Pass(ZXING), Pass(ZBAR)]).decode(frame))[2] == "agreement"


def test_later_passes_run_only_while_nothing_is_accepted() -> None:
    frame = np.asarray(place(render_barcode(Symbology.EAN13, "5901234123457", module_px=3)))
    assert only(Decoder.for_camera().decode(frame))[2] == "check-digit"  # zbar never ran
    assert only(Decoder().decode(frame))[2] == "agreement"  # both always look


def test_single_engine_profiles() -> None:
    assert {p.engine for p in Decoder.single_engine(ZXING).passes} == {ZXING}
    assert Decoder.single_engine(ZBAR, retries=False).passes == (Pass(ZBAR),)
    assert Pass(ZXING, scale=2.0, rotate=-30).name == "zxing/LocalAverage@2x@-30deg"
    with pytest.raises(ValueError, match="at least one pass"):
        Decoder([])


# -------------------------------------------------------------------- debouncer


def test_a_code_held_in_view_is_one_scan_and_counts_again_after_leaving() -> None:
    now = [0.0]
    debouncer = Debouncer(hold=1.0, clock=lambda: now[0])
    code = raw(Symbology.EAN13, "5901234123457")
    other = raw(Symbology.QR, "TOTE-1")
    seen = []
    for t, frame in [
        (0.0, [code]),
        (0.1, [code]),
        (0.2, [code, other]),
        (0.9, [code]),
        (1.5, [code]),  # never out of sight for a full second
        (2.6, []),
        (2.8, [code]),  # gone 1.3 s: a second scan of the same item
        (2.9, [other]),  # gone 2.7 s: a new presentation
        (3.5, [other]),  # still in view
        (3.7, [code]),  # gone 0.9 s: still the same presentation
    ]:
        now[0] = t
        seen += [(t, r.text) for r in debouncer.feed(frame)]
    assert seen == [
        (0.0, "5901234123457"),
        (0.2, "TOTE-1"),
        (2.8, "5901234123457"),
        (2.9, "TOTE-1"),
    ]


def test_a_debouncer_that_confirms_ignores_a_one_frame_misread() -> None:
    now = [0.0]
    debouncer = Debouncer(hold=1.0, clock=lambda: now[0], confirm=2)
    true = Decoded(Symbology.UPCA, "036123002737")
    misread = Decoded(Symbology.UPCA, "036723002137")  # digits swapped, check digit valid
    seen = []
    for frame in ([misread], [true], [true, true], [true], [], [true]):
        now[0] += 1 / 30
        seen += debouncer.feed(frame)
    assert seen == [true]
    now[0] += 2.0  # taken away, shown again: counts again after two frames
    assert debouncer.feed([true]) == []
    now[0] += 1 / 30
    assert debouncer.feed([true]) == [true]
    with pytest.raises(ValueError, match="at least 1"):
        Debouncer(confirm=0)
