"""Small reusable controls: tiles, messages, the sync status bar."""
