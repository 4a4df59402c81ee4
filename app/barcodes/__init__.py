"""What a scan means: from key presses or decoded images to one typed ``Scan``.

The pipeline every input goes through::

    keys --wedge.WedgeRecogniser--> RawScan --parse.parse--> Parsed
         --resolve.resolve(lookup, patterns)--> Scan --messages.describe--> sentence

| module | what it holds |
|---|---|
| ``wedge`` | the keyboard-wedge burst recogniser (no Qt), ``ScannerConfig`` |
| ``parse`` | GTIN normalisation, GS1 element strings (biip), commands: ``Parsed`` |
| ``resolve`` | lookups in the station store, in a documented precedence |
| ``messages`` | the operator sentences for every ``ScanCode`` |
| ``render``, ``decode`` | barcode images: drawing and reading them |

The values a scan turns into live in ``app.domain`` (``symbology``: ``Symbology``,
AIM identifiers, ``GS``; ``scan``: ``RawScan`` and the ``Scan`` union; ``commands``: the
``#CMD:`` command barcodes), so the domain's pick session needs nothing from here.

Nothing here imports Qt, and nothing is imported by this package's ``__init__``, so
``app.barcodes.render`` does not pay for biip and the other way round.
"""
