"""The "Join" wizard page: meeting details, join QR code, opening on the PC, the join slip."""

from hearing_helper.ui.join.join_page import JoinPage

__all__ = ["JoinPage"]
