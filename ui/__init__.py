"""Everything Qt: the kiosk's window, screens, widgets, theme and task runner.

Nothing here is built at import time; ``ui.cli`` (the composition root) wires the
real collaborators, tests wire their own.
"""
