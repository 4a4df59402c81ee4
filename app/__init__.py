"""scanpack: everything that is not a widget.

Nothing under ``app`` imports Qt; every workflow runs in plain pytest.
"""

__version__ = "0.1.0"
