"""Property tests: for random items and carton sets, ``suggest`` keeps its invariants.

Every item is placed exactly once or reported with the right reason; every placement
lies inside its carton in one of the item's six orientations; no two placements of a
package overlap; no package is over its carton's weight limit; one package whenever one
carton holds everything (as the packer packs), each package in the smallest carton the
packer fits its items in; and the same input always gives the same answer.
"""

from __future__ import annotations

from itertools import combinations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from app.domain.carton import CartonType, PackItem
from app.domain.cartonize import Box, Package, Suggestion, Unfit, fit, suggest

# Sides are often multiples of 10 mm so that items meet face to face and fill cartons
# exactly, the cases where an off-by-one in an overlap test would show; otherwise any
# millimetre, now and then longer than any carton. An unmeasured side (0) and an
# unweighed item (0 g) are rare but reached.
side = st.one_of(
    st.integers(1, 20).map(lambda v: v * 10),
    st.integers(5, 250),
    st.integers(1, 700),
)


@st.composite
def item_st(draw: st.DrawFn) -> PackItem:
    sku = draw(st.sampled_from(["SKU-A", "SKU-B", "SKU-C", "SKU-D", "SKU-E"]))
    length, width, height = draw(side), draw(side), draw(side)
    if draw(st.integers(0, 40)) == 0:
        height = 0
    weight = draw(st.integers(-40, 9_000).map(lambda v: max(v, 0)))
    return PackItem(sku, length, width, height, weight)


@st.composite
def items_st(draw: st.DrawFn) -> list[PackItem]:
    """Up to 40 units; a line's units repeat one item, as an order's do."""
    lines = draw(st.lists(st.tuples(item_st(), st.integers(1, 4)), max_size=15))
    return [item for item, qty in lines for _ in range(qty)][:40]


@st.composite
def cartons_st(draw: st.DrawFn) -> list[CartonType]:
    cartons = []
    for number in range(draw(st.integers(1, 6))):
        dims = [draw(st.integers(10, 60).map(lambda v: v * 10)) for _ in range(3)]
        tare = draw(st.integers(0, 800))
        cartons.append(
            CartonType(
                code=f"C{number}",
                name=f"Carton {number}",
                inner_length_mm=dims[0],
                inner_width_mm=dims[1],
                inner_height_mm=dims[2],
                tare_g=tare,
                max_gross_g=tare + draw(st.integers(1, 30_000)),
                barcode=f"CTN-{number}",
                active=draw(st.integers(0, 9)) > 0,
            )
        )
    return cartons


def _bucket(count: int) -> str:
    return "0" if count == 0 else "1" if count == 1 else "2-5" if count <= 5 else "6+"


def overlap(a: Box, b: Box) -> bool:
    """True when the two boxes share a positive volume (touching faces do not)."""
    return all(min(a[i + 3], b[i + 3]) > max(a[i], b[i]) for i in range(3))


def expected_reason(item: PackItem, cartons: list[CartonType]) -> Unfit | None:
    """Why no carton takes ``item`` alone, worked out apart from the packer."""
    active = [c for c in cartons if c.active]
    if not active:
        return Unfit.NO_CARTONS
    if 0 in item.dimensions:
        return Unfit.NO_DIMENSIONS
    sides = sorted(item.dimensions)
    sized = [c for c in active if all(map(int.__le__, sides, sorted(c.dimensions)))]
    if not sized:
        return Unfit.TOO_LARGE
    if all(item.weight_g + c.tare_g > c.max_gross_g for c in sized):
        return Unfit.TOO_HEAVY
    return None


def package_items(package: Package) -> list[PackItem]:
    return [p.item for p in sorted(package.placements, key=lambda p: p.index)]


def check_geometry(suggestion: Suggestion, items: list[PackItem]) -> None:
    for package in suggestion.packages:
        carton = package.carton
        assert package.placements, "an empty package"
        for placement in package.placements:
            assert placement.item == items[placement.index]
            oriented = (placement.length_mm, placement.width_mm, placement.height_mm)
            assert sorted(oriented) == sorted(placement.item.dimensions)
            x1, y1, z1, x2, y2, z2 = placement.box
            assert min(x1, y1, z1) >= 0
            assert x2 <= carton.inner_length_mm
            assert y2 <= carton.inner_width_mm
            assert z2 <= carton.inner_height_mm
        volumes = [p.item.volume_mm3 for p in package.placements]
        assert volumes == sorted(volumes, reverse=True)  # the order to put them in
        for a, b in combinations(package.placements, 2):
            assert not overlap(a.box, b.box), (a, b)
        weight = sum(p.item.weight_g for p in package.placements)
        assert package.items_weight_g == weight
        assert package.expected_gross_g == weight + carton.tare_g <= carton.max_gross_g
        assert package.weight_known == all(p.item.weight_g > 0 for p in package.placements)


@settings(max_examples=400, deadline=None)
@given(items=items_st(), cartons=cartons_st())
def test_every_item_is_placed_once_inside_without_overlap_or_reported(
    items: list[PackItem], cartons: list[CartonType]
) -> None:
    suggestion = suggest(items, cartons)
    # What the examples reached (--hypothesis-show-statistics).
    count = len(suggestion.packages)
    event(f"packages: {min(count, 3)}{'+' * (count > 3)}")
    biggest = max((len(p.placements) for p in suggestion.packages), default=0)
    event(f"largest package: {_bucket(biggest)}")
    event(f"unplaced: {sorted({u.reason.value for u in suggestion.unplaced}) or 'none'}")
    placed = [p.index for package in suggestion.packages for p in package.placements]
    reported = [u.index for u in suggestion.unplaced]
    assert sorted(placed + reported) == list(range(len(items)))
    for unplaced in suggestion.unplaced:
        assert unplaced.item == items[unplaced.index]
        assert unplaced.reason is expected_reason(unplaced.item, cartons)
    for index in placed:
        assert expected_reason(items[index], cartons) is None
    assert [u.index for u in suggestion.unplaced] == sorted(reported)
    for package in suggestion.packages:
        assert package.carton.active
        assert package.carton in cartons
    check_geometry(suggestion, items)
    assert suggestion.complete == (not suggestion.unplaced)


@settings(max_examples=200, deadline=None)
@given(items=items_st(), cartons=cartons_st())
def test_one_package_when_one_carton_holds_all_and_never_a_bigger_carton_than_needed(
    items: list[PackItem], cartons: list[CartonType]
) -> None:
    suggestion = suggest(items, cartons)
    active = sorted((c for c in cartons if c.active), key=CartonType.size_key)
    # fit() is the same packer on one carton: each package's carton is the smallest
    # active one it succeeds in (smaller ones: all fail).
    for package in suggestion.packages:
        mine = package_items(package)
        assert fit(mine, package.carton) is not None
        for smaller in active:
            if smaller.size_key() >= package.carton.size_key():
                break
            assert fit(mine, smaller) is None, (smaller.code, package.carton.code)
    placed = sorted(p.index for package in suggestion.packages for p in package.placements)
    placeable = [items[index] for index in placed]
    holding = [c for c in active if fit(placeable, c) is not None]
    if not placeable:
        assert suggestion.packages == ()
    elif holding:
        # Everything placeable fits one carton: exactly one package, the smallest one.
        assert len(suggestion.packages) == 1
        assert suggestion.packages[0].carton == holding[0]
    else:
        assert len(suggestion.packages) > 1


@settings(max_examples=100, deadline=None)
@given(items=items_st(), cartons=cartons_st(), data=st.data())
def test_the_same_input_gives_the_same_answer_whatever_the_carton_order(
    items: list[PackItem], cartons: list[CartonType], data: st.DataObject
) -> None:
    first = suggest(items, cartons)
    assert suggest(items, cartons) == first
    assert suggest(items, data.draw(st.permutations(cartons))) == first
