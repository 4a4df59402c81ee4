"""Cartonization by example (app/domain/cartonize.py); the invariants over random orders
are in test_cartonize_properties.py."""

from __future__ import annotations

import pytest

from app.domain.carton import DEMO_CARTONS, CartonType, PackItem
from app.domain.cartonize import Package, Suggestion, Unfit, Unplaced, fit, suggest

BOOK = PackItem("BOOK-1", 240, 170, 30, 600)
MUG = PackItem("MUG-1", 120, 90, 100, 350)


def box(
    code: str, dims: tuple[int, int, int], *, tare: int = 200, max_gross: int = 20_000
) -> CartonType:
    length, width, height = dims
    return CartonType(code, f"Box {code}", length, width, height, tare, max_gross, f"CTN-{code}")


def codes(suggestion: Suggestion) -> list[str]:
    return [package.carton.code for package in suggestion.packages]


def test_a_book_goes_flat_in_the_smallest_box_it_fits() -> None:
    # B01 (200x150x100) is too short for a 240 mm book; B02 (250x200x100) takes it.
    suggestion = suggest([BOOK], DEMO_CARTONS)
    assert suggestion.carton is not None
    assert suggestion.carton.code == "B02"
    assert suggestion.complete
    (placement,) = suggestion.packages[0].placements
    assert (placement.x_mm, placement.y_mm, placement.z_mm) == (0, 0, 0)
    assert placement.height_mm == 30  # lying on its cover
    assert placement.index == 0
    assert placement.item == BOOK


def test_a_long_item_is_turned_on_end_to_fit_a_tall_box() -> None:
    # The umbrella comes lying down (600 mm along x); only standing up does it fit the
    # tall box, which is smaller than the flat one.
    umbrella = PackItem("UMB-1", 600, 60, 50, 500)
    tall = box("TALL", (100, 100, 620))
    flat = box("FLAT", (650, 300, 100))
    suggestion = suggest([umbrella], [flat, tall])
    assert codes(suggestion) == ["TALL"]
    (placement,) = suggestion.packages[0].placements
    assert placement.height_mm == 600
    assert sorted((placement.length_mm, placement.width_mm)) == [50, 60]


def test_too_heavy_for_one_carton_gives_two_packages_each_with_its_weight() -> None:
    # Three 6 kg items fit one carton by size, but it may carry 12.7 kg: two packages.
    heavy = PackItem("IRON-1", 200, 150, 100, 6_000)
    only = box("C1", (400, 300, 300), tare=300, max_gross=13_000)
    suggestion = suggest([heavy, heavy, heavy], [only])
    assert codes(suggestion) == ["C1", "C1"]
    assert [len(p.placements) for p in suggestion.packages] == [2, 1]
    assert [p.expected_gross_g for p in suggestion.packages] == [12_300, 6_300]
    assert suggestion.carton is None
    assert suggestion.complete


def test_volume_alone_is_not_a_fit() -> None:
    # Two 60 mm cubes take 43 % of a 100 mm cube's volume, but any two of them overlap
    # inside it: a volume check would say one box, the 3D fit says two.
    cube = PackItem("CUBE-60", 60, 60, 60, 100)
    small = box("S", (100, 100, 100))
    assert fit([cube, cube], small) is None
    suggestion = suggest([cube, cube], [small])
    assert codes(suggestion) == ["S", "S"]


def test_eight_cubes_fill_a_box_of_twice_their_side_exactly() -> None:
    cube = PackItem("CUBE-50", 50, 50, 50, 100)
    package = fit([cube] * 8, box("S", (100, 100, 100)))
    assert package is not None
    assert package.fill == 1.0
    corners = {(p.x_mm, p.y_mm, p.z_mm) for p in package.placements}
    assert corners == {(x, y, z) for x in (0, 50) for y in (0, 50) for z in (0, 50)}


def test_the_split_puts_the_remainder_in_a_smaller_carton() -> None:
    # Four 3 kg items do not fit the big carton's 10 kg; the fourth goes alone, in the
    # smallest carton that takes it rather than another big one.
    item = PackItem("TIN-1", 180, 130, 90, 3_000)
    big = box("BIG", (400, 300, 300), tare=400, max_gross=10_400)
    small = box("SMALL", (200, 150, 100), tare=100, max_gross=5_000)
    suggestion = suggest([item] * 4, [small, big])
    assert codes(suggestion) == ["BIG", "SMALL"]
    assert [len(p.placements) for p in suggestion.packages] == [3, 1]


def test_an_item_too_big_for_every_carton_is_reported_and_the_rest_packed() -> None:
    ladder = PackItem("LADDER-1", 1_200, 400, 100, 4_000)
    suggestion = suggest([BOOK, ladder, MUG], DEMO_CARTONS)
    assert suggestion.unplaced == (Unplaced(1, ladder, Unfit.TOO_LARGE),)
    assert not suggestion.complete
    assert suggestion.carton is None  # not everything is in it
    assert sorted(p.index for p in suggestion.packages[0].placements) == [0, 2]


def test_an_item_heavier_than_any_carton_may_carry_is_reported() -> None:
    anvil = PackItem("ANVIL-1", 200, 100, 100, 40_000)
    suggestion = suggest([anvil, MUG], DEMO_CARTONS)
    assert suggestion.unplaced == (Unplaced(0, anvil, Unfit.TOO_HEAVY),)
    assert codes(suggestion) == ["B01"]


def test_an_unmeasured_item_is_reported_not_guessed() -> None:
    poster = PackItem("POSTER-1", 700, 0, 0, 200)
    suggestion = suggest([MUG, poster], DEMO_CARTONS)
    assert suggestion.unplaced == (Unplaced(1, poster, Unfit.NO_DIMENSIONS),)
    assert codes(suggestion) == ["B01"]


def test_without_an_active_carton_every_item_says_so() -> None:
    retired = CartonType("OLD", "Old box", 600, 400, 400, 500, 30_000, active=False)
    suggestion = suggest([MUG, BOOK], [retired])
    assert suggestion.packages == ()
    assert [u.reason for u in suggestion.unplaced] == [Unfit.NO_CARTONS, Unfit.NO_CARTONS]


def test_an_inactive_carton_is_never_suggested() -> None:
    small = CartonType("S", "Small", 300, 200, 100, 100, 5_000, active=False)
    large = box("L", (600, 400, 400))
    assert codes(suggest([MUG], [small, large])) == ["L"]


def test_an_unweighed_item_is_packed_and_the_expected_weight_flagged() -> None:
    feather = PackItem("FEATHER-1", 100, 50, 20, 0)
    suggestion = suggest([feather, MUG], DEMO_CARTONS)
    (package,) = suggestion.packages
    assert not package.weight_known
    assert package.expected_gross_g == 350 + package.carton.tare_g
    assert suggest([MUG], DEMO_CARTONS).packages[0].weight_known


def test_nothing_to_pack_gives_no_package() -> None:
    assert suggest([], DEMO_CARTONS) == Suggestion(())


def test_fit_answers_for_the_carton_the_packer_scanned() -> None:
    b01 = next(c for c in DEMO_CARTONS if c.code == "B01")
    b12 = next(c for c in DEMO_CARTONS if c.code == "B12")
    assert fit([BOOK], b01) is None  # too long
    package = fit([BOOK, MUG, MUG], b12)
    assert isinstance(package, Package)
    assert package.carton is b12
    assert sorted(p.index for p in package.placements) == [0, 1, 2]
    assert package.expected_gross_g == 600 + 2 * 350 + b12.tare_g
    assert fit([BOOK, PackItem("X-1", 0, 10, 10, 5)], b12) is None  # unmeasured
    assert fit([], b01) == Package(b01, ())


def test_a_placement_gives_its_box() -> None:
    (placement,) = suggest([MUG], DEMO_CARTONS).packages[0].placements
    x1, y1, z1, x2, y2, z2 = placement.box
    assert (x2 - x1, y2 - y1, z2 - z1) == (
        placement.length_mm,
        placement.width_mm,
        placement.height_mm,
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_the_order_of_the_cartons_given_does_not_matter(reverse: bool) -> None:
    items = [BOOK, MUG, MUG, PackItem("LAMP-1", 450, 200, 200, 2_500)] * 3
    cartons = list(reversed(DEMO_CARTONS)) if reverse else list(DEMO_CARTONS)
    assert suggest(items, cartons) == suggest(items, DEMO_CARTONS)
