"""The "Device checks" wizard page."""

from hearing_helper.ui.checks.checks_page import ChecksPage

__all__ = ["ChecksPage"]
