"""Reusable widgets (level meter, QR view, charts, ...)."""
