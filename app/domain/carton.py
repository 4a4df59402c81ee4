"""Carton types a pack station boxes orders in, and the items it puts into them.

Values only; ``app.domain.cartonize`` decides which carton (or cartons) an order needs.

Conventions (the same as ``Product``): millimetres and grams, integers. A carton's
dimensions are its *inner* ones, the space items can take; ``length`` is along x,
``width`` along y, ``height`` along z (up), and a ``Placement`` uses the same axes.

Invariants:

- A ``CartonType`` has positive inner dimensions and a ``max_gross_g`` above its
  ``tare_g``: every carton can hold something.
- A ``PackItem`` has no negative number. A zero dimension means "not measured" (the
  catalogue default, ``Product.length_mm = 0``): such an item cannot be fitted in 3D,
  and ``cartonize`` reports it (``Unfit.NO_DIMENSIONS`` with its SKU) and packs the
  rest, instead of guessing. A zero weight means "not weighed": the item is packed as
  weighing nothing and its package says so (``Package.weight_known``), because an
  expected weight that leaves it out is a lower bound, not a figure to check a scale
  reading against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.model import SKU_PATTERN, Product

CARTON_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
MAX_BARCODE_LENGTH = 64


@dataclass(frozen=True, slots=True)
class CartonType:
    """A kind of shipping box the station keeps in stock.

    Attributes:
        code: the station's short name for it (``B04``); unique among carton types.
        name: what the packer reads on the screen.
        barcode: printed on the carton or on the shelf it stands on, so the packer can
            scan another carton than the one suggested; ``""`` when it has none.
        inner_length_mm: inside length (x), the longest side by convention only.
        inner_width_mm: inside width (y).
        inner_height_mm: inside height (z).
        tare_g: the empty carton's weight (with its filler and tape).
        max_gross_g: the most the packed carton may weigh, tare included (the carton's
            burst strength or the carrier's limit, whichever is lower).
        active: offered by ``suggest``; an inactive type is never suggested.
    """

    code: str
    name: str
    inner_length_mm: int
    inner_width_mm: int
    inner_height_mm: int
    tare_g: int
    max_gross_g: int
    barcode: str = ""
    active: bool = True

    def __post_init__(self) -> None:
        if not CARTON_CODE_PATTERN.fullmatch(self.code):
            raise ValueError(f"carton code {self.code!r} must be 1-40 letters, digits or . _ / -")
        if not self.name.strip():
            raise ValueError(f"carton {self.code} needs a name")
        if len(self.barcode) > MAX_BARCODE_LENGTH or not self.barcode.isprintable():
            raise ValueError(f"carton {self.code}: barcode {self.barcode!r} is not printable")
        if min(self.inner_length_mm, self.inner_width_mm, self.inner_height_mm) < 1:
            raise ValueError(f"carton {self.code}: inner dimensions must be at least 1 mm")
        if self.tare_g < 0:
            raise ValueError(f"carton {self.code}: tare cannot be negative")
        if self.max_gross_g <= self.tare_g:
            raise ValueError(f"carton {self.code}: max gross weight must exceed the tare")

    @property
    def dimensions(self) -> tuple[int, int, int]:
        """Inner ``(length, width, height)``."""
        return (self.inner_length_mm, self.inner_width_mm, self.inner_height_mm)

    @property
    def volume_mm3(self) -> int:
        return self.inner_length_mm * self.inner_width_mm * self.inner_height_mm

    @property
    def payload_g(self) -> int:
        """What the items in it may weigh together."""
        return self.max_gross_g - self.tare_g

    def size_key(self) -> tuple[int, int, str]:
        """Smallest first: by inner volume, then tare, then code (a total order)."""
        return (self.volume_mm3, self.tare_g, self.code)


@dataclass(frozen=True, slots=True)
class PackItem:
    """One unit to pack: a product's SKU, its box dimensions and weight.

    An order line of quantity 3 is three ``PackItem`` values (``items_for``).
    """

    sku: str
    length_mm: int
    width_mm: int
    height_mm: int
    weight_g: int

    def __post_init__(self) -> None:
        if not SKU_PATTERN.fullmatch(self.sku):
            raise ValueError(f"SKU {self.sku!r} must be 1-40 letters, digits or . _ / -")
        if min(self.length_mm, self.width_mm, self.height_mm, self.weight_g) < 0:
            raise ValueError(f"item {self.sku}: dimensions and weight cannot be negative")

    @classmethod
    def of(cls, product: Product) -> PackItem:
        """The item of one unit of ``product``."""
        return cls(
            product.sku, product.length_mm, product.width_mm, product.height_mm, product.weight_g
        )

    @property
    def dimensions(self) -> tuple[int, int, int]:
        return (self.length_mm, self.width_mm, self.height_mm)

    @property
    def volume_mm3(self) -> int:
        return self.length_mm * self.width_mm * self.height_mm

    @property
    def measured(self) -> bool:
        """True when all three dimensions are known (none is zero)."""
        return min(self.length_mm, self.width_mm, self.height_mm) > 0


def items_for(lines: Iterable[tuple[Product, int]]) -> tuple[PackItem, ...]:
    """One ``PackItem`` per unit of each ``(product, quantity)``, in the order given.

    Raises:
        ValueError: a quantity is negative.
    """
    items: list[PackItem] = []
    for product, qty in lines:
        if qty < 0:
            raise ValueError(f"item {product.sku}: quantity cannot be negative")
        items += [PackItem.of(product)] * qty
    return tuple(items)


def _demo(code: str, dims: tuple[int, int, int], tare_g: int, max_gross_g: int) -> CartonType:
    length, width, height = dims
    return CartonType(
        code=code,
        name=f"Box {length}x{width}x{height}",
        inner_length_mm=length,
        inner_width_mm=width,
        inner_height_mm=height,
        tare_g=tare_g,
        max_gross_g=max_gross_g,
        barcode=f"CTN-{code}",
    )


DEMO_CARTONS: tuple[CartonType, ...] = (
    # Single-wall FEFCO 0201 boxes, the common e-commerce range: tare grows with the
    # board area, the limit with the board (5 kg for the smallest single wall, 31.5 kg
    # for the largest double wall, the usual parcel carriers' ceiling). B05/B06 are
    # flat and B10 is long, so not every carton is a scaled copy of another.
    _demo("B01", (200, 150, 100), 90, 5_000),
    _demo("B02", (250, 200, 100), 120, 8_000),
    _demo("B03", (300, 200, 150), 170, 10_000),
    _demo("B04", (300, 250, 200), 230, 12_000),
    _demo("B05", (350, 250, 150), 240, 12_000),
    _demo("B06", (400, 300, 150), 320, 15_000),
    _demo("B07", (400, 300, 250), 400, 20_000),
    _demo("B08", (450, 350, 250), 480, 20_000),
    _demo("B09", (500, 350, 300), 590, 25_000),
    _demo("B10", (600, 200, 200), 420, 15_000),
    _demo("B11", (500, 400, 400), 720, 30_000),
    _demo("B12", (600, 400, 400), 850, 31_500),
)
"""Twelve demo carton types, 200x150x100 mm up to 600x400x400 mm (no mailer bags)."""
