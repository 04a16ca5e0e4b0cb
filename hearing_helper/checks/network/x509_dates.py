"""Read a certificate's validity dates from its DER bytes without extra dependencies.

Python's ``ssl`` module only decodes a certificate it has verified; when verification fails
(expired, wrong host) we still want "expired 3 days ago", so we walk the few DER fields of
``TBSCertificate`` that precede ``validity`` (RFC 5280 section 4.1).
"""

from __future__ import annotations

from datetime import UTC, datetime

_SEQUENCE = 0x30
_EXPLICIT_VERSION = 0xA0
_UTC_TIME = 0x17
_GENERALIZED_TIME = 0x18


def _read_tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """Return (tag, value_start, value_end) of the DER element at ``pos``."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise ValueError("unsupported DER length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    end = pos + length
    if end > len(data):
        raise ValueError("truncated DER element")
    return tag, pos, end


def _parse_time(tag: int, raw: bytes) -> datetime:
    text = raw.decode("ascii")
    if tag == _UTC_TIME:  # YYMMDDHHMMSSZ; RFC 5280: 50-99 means 19xx
        year = int(text[:2])
        text = f"{1900 + year if year >= 50 else 2000 + year}{text[2:]}"
    return datetime.strptime(text, "%Y%m%d%H%M%SZ").replace(tzinfo=UTC)


def cert_validity(der: bytes) -> tuple[datetime, datetime] | None:
    """``(not_before, not_after)`` of a DER certificate, or None if it cannot be read."""
    try:
        tag, start, _ = _read_tlv(der, 0)  # Certificate
        if tag != _SEQUENCE:
            return None
        tag, pos, _ = _read_tlv(der, start)  # TBSCertificate
        if tag != _SEQUENCE:
            return None
        tag, _, end = _read_tlv(der, pos)
        if tag == _EXPLICIT_VERSION:
            pos = end
        for _field in ("serial", "signature", "issuer"):
            _, _, pos = _read_tlv(der, pos)
        tag, pos, _ = _read_tlv(der, pos)  # Validity
        if tag != _SEQUENCE:
            return None
        times = []
        for _field in ("not_before", "not_after"):
            tag, value_start, value_end = _read_tlv(der, pos)
            if tag not in (_UTC_TIME, _GENERALIZED_TIME):
                return None
            times.append(_parse_time(tag, der[value_start:value_end]))
            pos = value_end
        return times[0], times[1]
    except (IndexError, ValueError, UnicodeDecodeError):
        return None
