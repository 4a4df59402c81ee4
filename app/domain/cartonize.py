"""Which carton, or cartons, an order's items go in: a 3D fit, not a volume sum.

``suggest(items, cartons)`` answers with packages, each a carton type and where every
item sits in it, and the items no carton can take with a reason (``Unfit``);
``fit(items, carton)`` answers whether one given carton (the one the packer scanned)
holds them all.

Invariants (tests/app/domain/test_cartonize_properties.py):

- Every item given is in exactly one package or in ``unplaced``, never dropped.
- A placement is an axis-aligned box inside its carton's inner box, in one of the
  item's six orientations; no two placements of a package overlap (a positive-volume
  intersection); touching faces are allowed.
- A package's items plus its carton's tare weigh no more than its ``max_gross_g``.
- One package whenever one carton can hold every placeable item (as this packer packs
  them), and then the smallest such carton by ``CartonType.size_key`` (volume, tare,
  code); each package of a split is likewise in the smallest carton that holds its
  items.
- Deterministic: the same items and cartons, in any order of the cartons, give the same
  answer (every sort has a total key ending in the item's index or the carton's code,
  which is unique among the carton types).

The packer (``_fill``): the extreme-point heuristic of Crainic, Perboli and Tadei
("Extreme Point-Based Heuristics for Three-Dimensional Bin Packing", INFORMS Journal on
Computing 20(3), 2008), first-fit decreasing. Items are taken by volume, largest first.
An item goes at the first extreme point, in (z, y, x) order (low, back, left: the floor
fills before a layer goes on top, so heavy large items end up at the bottom), in the
first of its orientations that fits without overlapping, flattest first (the largest
face down: what a packer does and what stands up in transit). Placing an item adds up
to six extreme points: its three far corners, each projected back along the two other
axes onto the nearest face of an item or carton wall; points that fall inside an item
or outside the carton are dropped. Nothing is checked for support under an item's
whole base (the packer fills gaps with paper); only corner support comes from the
projections.

Why this one: it is the published constructive heuristic its authors found better
than the other constructive ones on the standard instances, and it needs nothing but
a list of points and a list of boxes. py3dbp (Dube and Kanavathy's "pivot points",
https://pypi.org/project/py3dbp) tries only the three far corners of each placed item,
unprojected, so an item can float or leave a hole the projected points fill, and it
computes in Decimal. BoxPacker (https://github.com/dvdoug/BoxPacker), the e-commerce
box packer most shops know, gives the habits kept here for a pack station: the
smallest box that holds everything first, several boxes only when no single one can,
an item too large for every box reported rather than dropped; and its "overlapping
items" report (dvdoug/BoxPacker#234) is why the no-overlap invariant is a property
test rather than a belief. OCA's stock packaging modules (OCA/stock-logistics-tracking)
record packages; none computes a 3D fit.

Several packages (``_pack``): when no single carton holds everything, the largest
carton (by volume, then payload) that takes the largest remaining item is filled with
whatever fits, in order, and again with what is left, until one carton holds the rest;
since a later carton sees exactly the items the earlier ones did not take, this is
first-fit decreasing with the bins opened one at a time. Each package is then moved to
the smallest carton its items fit. This keeps the number of packages low (an extra
package costs a label and a carrier fee; air costs less) and then the cartons' volume;
it does not search for the optimum (NP-hard). Measured on 20 seeded orders of 50 lines
x 3 units against ``DEMO_CARTONS``: with benchmarks/pack.py's products it used 109
packages, the lower bound max(volume / largest carton, weight / largest payload) summed
over the orders being 109; with the demo store's products (heavy for their size) 222
against a bound of 208. Taking items by weight, or by the larger of their volume and
weight shares, gave 269 and 222 there and no fewer on the first: volume it is.

Speed (benchmarks/pack.py ``carton_suggestion_p50``/``_p95``, 150 items, target 20 ms;
each figure below measured on that benchmark's orders while building this): every box
and point is a tuple of ints. A point keeps its room to the walls and the minimal set
of the items ahead of it as (dx, dy, dz) blockers (about two on average), so trying an
orientation there is a few comparisons, not a pass over every item placed: keeping the
room along each axis (Crainic et al.'s residual space) cut the time spent finding places
to a tenth, the exact blockers took off another 8 % at p95. A point where not even a
cube of the shortest side still to come fits is dropped. A carton is skipped without
packing when the items' volume, weight or longest sides rule it out. The remainder is
tried whole before each fill of the largest carton, so the last package is packed once,
not in the largest carton and again when shrunk: p50 27 -> 13 ms. A shape that found
no place is not tried again until something more was placed (a line's units fail
together).
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.carton import CartonType, PackItem

Box = tuple[int, int, int, int, int, int]
"""x1, y1, z1, x2, y2, z2 of a placed item (half-open: [x1, x2) ...)."""
Blocker = tuple[int, int, int]
"""An item ahead of a point, as the point sees it: an item placed at the point with
extents (l, w, h) overlaps it exactly when l > dx, w > dy and h > dz, where (dx, dy, dz)
is how far the item's near corner is from the point along each axis (0 where the point
is already within the item's span)."""
Point = tuple[int, int, int, int, int, int, list[Blocker]]
"""An extreme point as (z, y, x, room_x, room_y, room_z, blockers): sorting puts the
lowest, then backmost first; room is the distance to the walls, blockers the minimal
set of the items ahead of it (Crainic et al.'s "residual space", made exact)."""
Shape = tuple[tuple[int, int, int], ...]
"""An item's distinct orientations (length, width, height), flattest first."""


class Unfit(enum.StrEnum):
    """Why an item is in no suggested package (``Suggestion.unplaced``)."""

    NO_DIMENSIONS = "no_dimensions"
    """A dimension is zero (not measured): no 3D fit can be computed for it."""
    TOO_LARGE = "too_large"
    """Larger than every active carton in all six orientations."""
    TOO_HEAVY = "too_heavy"
    """Fits some active carton by size, but weighs more than any of those may carry."""
    NO_CARTONS = "no_cartons"
    """No active carton type was given."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one item sits in its carton.

    Attributes:
        index: the item's position in the ``items`` given to ``suggest`` or ``fit``
            (tells apart identical units of one line).
        item: the item.
        x_mm: distance from the carton's left inner wall (along its length).
        y_mm: distance from its back inner wall (along its width).
        z_mm: distance from its floor.
        length_mm: the item's extent along x, as oriented.
        width_mm: its extent along y.
        height_mm: its extent along z.
    """

    index: int
    item: PackItem
    x_mm: int
    y_mm: int
    z_mm: int
    length_mm: int
    width_mm: int
    height_mm: int

    @property
    def box(self) -> Box:
        """``(x1, y1, z1, x2, y2, z2)``, the space it takes."""
        return (
            self.x_mm,
            self.y_mm,
            self.z_mm,
            self.x_mm + self.length_mm,
            self.y_mm + self.width_mm,
            self.z_mm + self.height_mm,
        )


@dataclass(frozen=True, slots=True)
class Package:
    """One carton and the items in it, in the order to put them in.

    Attributes:
        carton: the carton type.
        placements: one per item, largest first, each at its place.
    """

    carton: CartonType
    placements: tuple[Placement, ...]

    @property
    def items_weight_g(self) -> int:
        return sum(p.item.weight_g for p in self.placements)

    @property
    def expected_gross_g(self) -> int:
        """What the closed package should weigh: its items plus the carton's tare."""
        return self.items_weight_g + self.carton.tare_g

    @property
    def weight_known(self) -> bool:
        """False when an item's weight is unknown (0 g): ``expected_gross_g`` is then
        a lower bound, not a figure to check a scale against."""
        return all(p.item.weight_g > 0 for p in self.placements)

    @property
    def fill(self) -> float:
        """The share of the carton's inner volume the items take, 0-1."""
        used = sum(p.item.volume_mm3 for p in self.placements)
        return used / self.carton.volume_mm3


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An item in no package, and why."""

    index: int
    item: PackItem
    reason: Unfit


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The answer of ``suggest``.

    Attributes:
        packages: the cartons to use, in the order they were filled (the first holds
            the largest items); empty when nothing can be packed.
        unplaced: the items in no package, in the order given, each with its reason.
    """

    packages: tuple[Package, ...]
    unplaced: tuple[Unplaced, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every item is in a package."""
        return not self.unplaced

    @property
    def carton(self) -> CartonType | None:
        """The one carton to use when one holds everything, else ``None``."""
        if self.complete and len(self.packages) == 1:
            return self.packages[0].carton
        return None


@dataclass(slots=True)
class _Unit:
    """An item as the packer handles it."""

    index: int
    item: PackItem
    shape: Shape
    extent: tuple[int, int, int]  # dimensions, largest first
    volume: int
    weight: int


_Put = tuple[_Unit, int, int, int, int, int, int]  # unit, x, y, z, l, w, h


def suggest(items: Sequence[PackItem], cartons: Iterable[CartonType]) -> Suggestion:
    """The cartons to pack ``items`` in, and where each item goes.

    One package in the smallest active carton that holds everything, when there is
    one; otherwise as few packages as this greedy finds, each in the smallest carton
    its items fit. See the module docstring for the heuristic.

    Args:
        items: one per unit (``items_for``); their order only numbers them.
        cartons: the carton types on offer; inactive ones are ignored.
    """
    active = sorted((c for c in cartons if c.active), key=CartonType.size_key)
    extents = [_extent(c) for c in active]
    units: list[_Unit] = []
    unplaced: list[Unplaced] = []
    shapes: dict[tuple[int, int, int], Shape] = {}
    for index, item in enumerate(items):
        reason = _unfit(item, active, extents)
        if reason is None:
            units.append(_unit(index, item, shapes))
        else:
            unplaced.append(Unplaced(index, item, reason))
    units.sort(key=_order)
    return Suggestion(tuple(_pack(units, active)), tuple(unplaced))


def fit(items: Sequence[PackItem], carton: CartonType) -> Package | None:
    """``items`` packed into ``carton`` alone, or ``None`` when they do not all fit.

    For a carton the packer chose (scanned) over the suggestion; it need not be
    active. ``None`` too when an item has no dimensions: it cannot be known to fit.
    """
    if not all(item.measured for item in items):
        return None
    if not items:
        return Package(carton, ())
    shapes: dict[tuple[int, int, int], Shape] = {}
    units = sorted((_unit(i, item, shapes) for i, item in enumerate(items)), key=_order)
    return _smallest(units, [carton])


# -- the steps ------------------------------------------------------------------------


def _unfit(
    item: PackItem, cartons: Sequence[CartonType], extents: Sequence[tuple[int, int, int]]
) -> Unfit | None:
    """Why no carton of ``cartons`` (of sorted sides ``extents``) can take ``item`` alone,
    or ``None`` if one can."""
    if not cartons:
        return Unfit.NO_CARTONS
    if not item.measured:
        return Unfit.NO_DIMENSIONS
    extent = sorted(item.dimensions, reverse=True)
    sized = [c for c, outer in zip(cartons, extents, strict=True) if _holds(outer, extent)]
    if not sized:
        return Unfit.TOO_LARGE
    if all(item.weight_g > c.payload_g for c in sized):
        return Unfit.TOO_HEAVY
    return None


def _pack(units: list[_Unit], cartons: Sequence[CartonType]) -> list[Package]:
    """Packages for ``units`` (sorted by ``_order``), from ``cartons`` (smallest first).

    All in the smallest carton that holds them, when one does. Otherwise the roomiest
    carton that takes the largest unit is filled (first fit, in order), that package
    moved to the smallest carton that holds its units, and the same again with the
    units left. The remainder is tried whole before each fill, so the last package is
    packed once, in its own carton, not first in the roomiest and again when shrunk.
    """
    roomiest = sorted(cartons, key=lambda c: (-c.volume_mm3, -c.payload_g, c.code))
    packages: list[Package] = []
    left = units
    while left:
        whole = _smallest(left, cartons)
        if whole is not None:
            packages.append(whole)
            break
        first = left[0]
        carton = next(
            c for c in roomiest if _holds(_extent(c), first.extent) and first.weight <= c.payload_g
        )
        placed, left = _fill(left, carton.dimensions, carton.payload_g, whole=False)
        smaller = [c for c in cartons if c.size_key() < carton.size_key()]
        packages.append(_smallest([p[0] for p in placed], smaller) or _package(carton, placed))
    return packages


def _smallest(units: Sequence[_Unit], cartons: Sequence[CartonType]) -> Package | None:
    """``units`` packed into the first carton of ``cartons`` that holds them all.

    A carton is refused without packing when the units' volume or weight exceeds it, or
    one unit is longer than it in some sorted side (each unit fits when the largest of
    every sorted side does).
    """
    volume = sum(u.volume for u in units)
    weight = sum(u.weight for u in units)
    longest = (
        max(u.extent[0] for u in units),
        max(u.extent[1] for u in units),
        max(u.extent[2] for u in units),
    )
    for carton in cartons:
        if volume > carton.volume_mm3 or weight > carton.payload_g:
            continue
        if not _holds(_extent(carton), longest):
            continue
        placed, left = _fill(units, carton.dimensions, carton.payload_g, whole=True)
        if not left:
            return _package(carton, placed)
    return None


def _fill(
    units: Sequence[_Unit], dims: tuple[int, int, int], payload: int, *, whole: bool
) -> tuple[list[_Put], list[_Unit]]:
    """Pack ``units`` in order into one carton of inner ``dims``: the extreme-point packer.

    Returns what was placed, in order, and what was not. With ``whole``, stops at the
    first unit that does not fit (the caller wants all or nothing); ``left`` is then
    not empty but incomplete.
    """
    length, width, height = dims
    free = length * width * height
    room = payload
    # smallest[i]: the shortest side among unit i and those after it. A point with a
    # run shorter than that of everything still to come can take nothing more.
    smallest = [0] * (len(units) + 1)
    shortest = max(dims)
    for i in range(len(units) - 1, -1, -1):
        shortest = min(shortest, units[i].extent[2])
        smallest[i] = shortest
    boxes: list[Box] = []
    points: list[Point] = [(0, 0, 0, length, width, height, [])]
    placed: list[_Put] = []
    left: list[_Unit] = []
    failed: set[Shape] = set()  # shapes that found no place since the last placement
    for i, unit in enumerate(units):
        spot = None
        if unit.weight <= room and unit.volume <= free and unit.shape not in failed:
            spot = _find(points, unit.shape)
            if spot is None:
                failed.add(unit.shape)
        if spot is None:
            left.append(unit)
            if whole:
                break
            continue
        failed.clear()
        x, y, z, ol, ow, oh = spot
        placed.append((unit, x, y, z, ol, ow, oh))
        room -= unit.weight
        free -= unit.volume
        new: Box = (x, y, z, x + ol, y + ow, z + oh)
        boxes.append(new)
        points = _next_points(points, boxes, new, dims, smallest[i + 1])
    return placed, left


def _find(points: list[Point], shape: Shape) -> tuple[int, int, int, int, int, int] | None:
    """The first point (in order) and orientation where ``shape`` fits, or ``None``."""
    for z, y, x, room_x, room_y, room_z, blockers in points:
        for ol, ow, oh in shape:
            if ol > room_x or ow > room_y or oh > room_z:
                continue  # through a wall
            for dx, dy, dz in blockers:
                if ol > dx and ow > dy and oh > dz:
                    break  # into an item
            else:
                return (x, y, z, ol, ow, oh)
    return None


def _next_points(
    points: list[Point],
    boxes: list[Box],
    new: Box,
    dims: tuple[int, int, int],
    smallest: int,
) -> list[Point]:
    """The extreme points once ``new`` (already in ``boxes``) is placed, sorted.

    A point where a cube of side ``smallest`` (the shortest side of any item still to
    come) no longer fits can take nothing more and is dropped; so is one under ``new``.
    """
    x1, y1, z1, x2, y2, z2 = new
    kept: list[Point] = []
    for point in points:
        z, y, x = point[0], point[1], point[2]
        if x2 <= x or y2 <= y or z2 <= z:
            kept.append(point)  # the new item is behind it: in no item's way from here
            continue
        dx = x1 - x if x1 > x else 0
        dy = y1 - y if y1 > y else 0
        dz = z1 - z if z1 > z else 0
        if dx < smallest and dy < smallest and dz < smallest:
            continue  # nothing still to come fits there (or it is under the new item)
        _block(point[6], dx, dy, dz)
        kept.append(point)
    # Each far corner of the new item, projected along each of the two other axes:
    # towards x = 0 from (x1, y2, z1) and (x1, y1, z2), towards y = 0 from (x2, y1, z1)
    # and (x1, y1, z2), down from (x2, y1, z1) and (x1, y2, z1).
    xa = xb = ya = yb = za = zb = 0
    for ax, ay, az, bx, by, bz in boxes:
        if bx <= x1:
            if bx > xa and ay <= y2 < by and az <= z1 < bz:
                xa = bx
            if bx > xb and ay <= y1 < by and az <= z2 < bz:
                xb = bx
        if by <= y1:
            if by > ya and ax <= x2 < bx and az <= z1 < bz:
                ya = by
            if by > yb and ax <= x1 < bx and az <= z2 < bz:
                yb = by
        if bz <= z1:
            if bz > za and ax <= x2 < bx and ay <= y1 < by:
                za = bz
            if bz > zb and ax <= x1 < bx and ay <= y2 < by:
                zb = bz
    # ``kept`` is still sorted: filtering keeps the order.
    for candidate in (
        (z1, ya, x2),
        (za, y1, x2),
        (z1, y2, xa),
        (zb, y2, x1),
        (z2, y1, xb),
        (z2, yb, x1),
    ):
        _add(kept, candidate, boxes, dims, smallest)
    return kept


def _add(
    points: list[Point],
    candidate: tuple[int, int, int],
    boxes: list[Box],
    dims: tuple[int, int, int],
    smallest: int,
) -> None:
    """Insert the point ``candidate`` (z, y, x) into the sorted ``points`` with its room
    and blockers, unless it is there already or a cube of side ``smallest`` does not fit
    there (outside the carton, inside an item, against a wall or an item)."""
    z, y, x = candidate
    room_x = dims[0] - x
    room_y = dims[1] - y
    room_z = dims[2] - z
    if room_x < smallest or room_y < smallest or room_z < smallest:
        return
    at = bisect_left(points, candidate)
    if at < len(points) and points[at][:3] == candidate:
        return
    blockers: list[Blocker] = []
    for ax, ay, az, bx, by, bz in boxes:
        if bx <= x or by <= y or bz <= z:
            continue  # behind the point
        dx = ax - x if ax > x else 0
        dy = ay - y if ay > y else 0
        dz = az - z if az > z else 0
        if dx < smallest and dy < smallest and dz < smallest:
            return
        for ex, ey, ez in blockers:  # _block, inlined: this loop is the packer's hottest
            if ex <= dx and ey <= dy and ez <= dz:
                break
        else:
            if blockers:
                blockers = [b for b in blockers if not (dx <= b[0] and dy <= b[1] and dz <= b[2])]
            blockers.append((dx, dy, dz))
    points.insert(at, (z, y, x, room_x, room_y, room_z, blockers))


def _block(blockers: list[Blocker], dx: int, dy: int, dz: int) -> None:
    """Add the blocker ``(dx, dy, dz)`` to a point's minimal set, in place.

    A blocker another one is at most in every coordinate adds nothing (whatever it
    stops, the other stops too); those it is at most in every coordinate go.
    """
    for ex, ey, ez in blockers:
        if ex <= dx and ey <= dy and ez <= dz:
            return
    blockers[:] = [b for b in blockers if not (dx <= b[0] and dy <= b[1] and dz <= b[2])]
    blockers.append((dx, dy, dz))


# -- small helpers --------------------------------------------------------------------


def _unit(index: int, item: PackItem, shapes: dict[tuple[int, int, int], Shape]) -> _Unit:
    """``item`` as the packer handles it; ``shapes`` caches orientations by dimensions."""
    shape = shapes.get(item.dimensions)
    if shape is None:
        length, width, height = item.dimensions
        turns = {
            (length, width, height),
            (length, height, width),
            (width, length, height),
            (width, height, length),
            (height, length, width),
            (height, width, length),
        }
        # Flattest first, then the longest side along the carton's length.
        shape = shapes[item.dimensions] = tuple(sorted(turns, key=lambda d: (d[2], -d[0], -d[1])))
    flat = shape[0]  # its sides, largest first
    return _Unit(index, item, shape, flat, item.volume_mm3, item.weight_g)


def _order(unit: _Unit) -> tuple[int, int, int, int, str, int]:
    """Largest volume first, then longest, then heaviest; SKU and index break ties."""
    return (-unit.volume, -unit.extent[0], -unit.extent[1], -unit.weight, unit.item.sku, unit.index)


def _extent(carton: CartonType) -> tuple[int, int, int]:
    a, b, c = sorted(carton.dimensions, reverse=True)
    return (a, b, c)


def _holds(outer: Sequence[int], inner: Sequence[int]) -> bool:
    """True when a box of sorted sides ``inner`` fits one of sorted sides ``outer``."""
    return outer[0] >= inner[0] and outer[1] >= inner[1] and outer[2] >= inner[2]


def _package(carton: CartonType, placed: list[_Put]) -> Package:
    return Package(
        carton,
        tuple(
            Placement(unit.index, unit.item, x, y, z, ol, ow, oh)
            for unit, x, y, z, ol, ow, oh in placed
        ),
    )
