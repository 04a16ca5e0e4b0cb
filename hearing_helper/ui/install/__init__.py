"""The "App install" wizard page: the platform's step-by-step guide for the litigant's phone."""

from hearing_helper.ui.install.install_page import InstallPage

__all__ = ["InstallPage"]
