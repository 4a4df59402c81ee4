"""Barcode symbologies, and the AIM identifiers scanners prefix to what they read.

An AIM symbology identifier is ``]`` + a code character + a modifier (ISO/IEC 15424):
``]C1`` is GS1-128, ``]E0`` EAN-13 or UPC-A, ``]d2`` GS1 DataMatrix, ``]Q3`` GS1 QR.
"""

from __future__ import annotations

import enum


class Symbology(enum.StrEnum):
    """What kind of barcode a code came from (UNKNOWN: typed, or a scanner without AIM)."""

    CODE128 = "code128"
    GS1_128 = "gs1-128"
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    UPCE = "upce"
    ITF = "itf"
    ITF14 = "itf14"
    CODE39 = "code39"
    QR = "qr"
    GS1_QR = "gs1-qr"
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1-datamatrix"
    UNKNOWN = "unknown"

    @property
    def is_gs1(self) -> bool:
        """True for symbologies whose data is a GS1 element string (FNC1 in first position)."""
        return self in (Symbology.GS1_128, Symbology.GS1_QR, Symbology.GS1_DATAMATRIX)


# AIM identifier -> symbology. EAN/UPC share ]E0; the data's length tells them apart.
AIM_IDS: dict[str, Symbology] = {
    "]C0": Symbology.CODE128,
    "]C1": Symbology.GS1_128,
    "]C2": Symbology.CODE128,
    "]C4": Symbology.CODE128,
    "]E0": Symbology.EAN13,
    "]E3": Symbology.EAN13,
    "]E4": Symbology.EAN8,
    "]I0": Symbology.ITF,
    "]I1": Symbology.ITF,
    "]A0": Symbology.CODE39,
    "]Q0": Symbology.QR,
    "]Q1": Symbology.QR,
    "]Q3": Symbology.GS1_QR,
    "]Q5": Symbology.GS1_QR,
    "]d1": Symbology.DATAMATRIX,
    "]d2": Symbology.GS1_DATAMATRIX,
}

GS = "\x1d"  # ASCII 29, the GS1 field separator (FNC1 inside the data)
