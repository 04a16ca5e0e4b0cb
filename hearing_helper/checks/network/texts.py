"""Codes of the network check and the English texts the UI translates (context "checks").

``code`` says what is wrong, ``remedy_code`` what the clerk can do about it; both are keys of
:data:`TEXTS`. :data:`METRIC_LABELS` names each figure of ``CheckResult.metrics``.
"""

from __future__ import annotations

from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP

TITLE = QT_TRANSLATE_NOOP("checks", "Network connection to the hearing platform")

# codes (what was found)
OK = "network.ok"
NO_ENDPOINTS = "network.no_endpoints"
BAD_ADDRESS = "network.bad_address"
DNS_FAILED = "network.dns_failed"
CONNECTION_REFUSED = "network.connection_refused"
CONNECT_TIMEOUT = "network.connect_timeout"
CONNECT_FAILED = "network.connect_failed"
TLS_FAILED = "network.tls_failed"
CERT_EXPIRED = "network.cert_expired"
CERT_NOT_YET_VALID = "network.cert_not_yet_valid"
CERT_WRONG_HOST = "network.cert_wrong_host"
CERT_UNTRUSTED = "network.cert_untrusted"
PROXY_FAILED = "network.proxy_failed"
HTTP_SERVER_ERROR = "network.http_server_error"
CONNECTION_DROPPED = "network.connection_dropped"
HTTP_TIMEOUT = "network.http_timeout"
HIGH_LATENCY = "network.high_latency"
HIGH_JITTER = "network.high_jitter"
REQUEST_FAILURES = "network.request_failures"
SLOW_DOWNLOAD = "network.slow_download"
SLOW_UPLOAD = "network.slow_upload"
CLOCK_SKEW = "network.clock_skew"
PROXY_IN_USE = "network.proxy_in_use"
UDP_BLOCKED = "network.udp_blocked"
INCOMPLETE = "network.incomplete"

# remedy codes (what to do)
R_CHECK_CABLE = "network.remedy.check_cable_or_blocked"
R_SITE_REFUSES = "network.remedy.site_refuses"
R_HTTPS_OR_CLOCK = "network.remedy.https_intercepted_or_clock"
R_IMPROVE_CONNECTION = "network.remedy.improve_connection"
R_CORRECT_CLOCK = "network.remedy.correct_clock"
R_PLATFORM_TROUBLE = "network.remedy.platform_trouble"
R_TRY_AGAIN = "network.remedy.try_again"
R_PROXY_NOTED = "network.remedy.proxy_noted"
R_PROXY_BROKEN = "network.remedy.proxy_broken"
R_UDP_FALLBACK = "network.remedy.udp_fallback"
R_CHECK_ADDRESS = "network.remedy.check_address"

TEXTS: dict[str, str] = {
    OK: QT_TRANSLATE_NOOP("checks", "The connection to the hearing platform is good."),
    NO_ENDPOINTS: QT_TRANSLATE_NOOP("checks", "No test address is set for this platform."),
    BAD_ADDRESS: QT_TRANSLATE_NOOP("checks", "A test address is not a valid web address."),
    DNS_FAILED: QT_TRANSLATE_NOOP(
        "checks", "This computer cannot find the platform's site on the network."
    ),
    CONNECTION_REFUSED: QT_TRANSLATE_NOOP("checks", "The platform's site refused the connection."),
    CONNECT_TIMEOUT: QT_TRANSLATE_NOOP(
        "checks", "The platform's site did not answer the connection in time."
    ),
    CONNECT_FAILED: QT_TRANSLATE_NOOP("checks", "This computer cannot reach the platform's site."),
    TLS_FAILED: QT_TRANSLATE_NOOP("checks", "The secure (HTTPS) connection could not be set up."),
    CERT_EXPIRED: QT_TRANSLATE_NOOP(
        "checks", "The site's security certificate looks expired (or this PC's date is wrong)."
    ),
    CERT_NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "checks", "The site's security certificate is not valid yet (this PC's date may be wrong)."
    ),
    CERT_WRONG_HOST: QT_TRANSLATE_NOOP(
        "checks", "The security certificate belongs to a different site."
    ),
    CERT_UNTRUSTED: QT_TRANSLATE_NOOP(
        "checks", "The site's security certificate is not trusted by this PC."
    ),
    PROXY_FAILED: QT_TRANSLATE_NOOP("checks", "The proxy server set on this PC is not working."),
    HTTP_SERVER_ERROR: QT_TRANSLATE_NOOP("checks", "The platform's server reports an error."),
    CONNECTION_DROPPED: QT_TRANSLATE_NOOP(
        "checks", "The connection to the platform was cut off before it answered."
    ),
    HTTP_TIMEOUT: QT_TRANSLATE_NOOP("checks", "The platform did not answer in time."),
    HIGH_LATENCY: QT_TRANSLATE_NOOP(
        "checks", "The network is slow to answer; video may lag behind."
    ),
    HIGH_JITTER: QT_TRANSLATE_NOOP(
        "checks", "The network is unsteady; sound and picture may break up."
    ),
    REQUEST_FAILURES: QT_TRANSLATE_NOOP(
        "checks", "Some requests to the platform failed; the connection is unreliable."
    ),
    SLOW_DOWNLOAD: QT_TRANSLATE_NOOP(
        "checks", "Download speed is too low for a clear video picture."
    ),
    SLOW_UPLOAD: QT_TRANSLATE_NOOP(
        "checks", "Upload speed is too low to send the litigant's video."
    ),
    CLOCK_SKEW: QT_TRANSLATE_NOOP("checks", "This PC's clock is wrong."),
    PROXY_IN_USE: QT_TRANSLATE_NOOP("checks", "This PC reaches the internet through a proxy."),
    UDP_BLOCKED: QT_TRANSLATE_NOOP("checks", "Video traffic (UDP) is blocked on this network."),
    INCOMPLETE: QT_TRANSLATE_NOOP("checks", "Time ran out before every measurement was made."),
    R_CHECK_CABLE: QT_TRANSLATE_NOOP(
        "checks",
        "Check the network cable or Wi-Fi. If they are fine, the court network may block this "
        "site: ask court IT.",
    ),
    R_SITE_REFUSES: QT_TRANSLATE_NOOP(
        "checks",
        "Check that the platform address is right. If it is, a firewall may block it: "
        "ask court IT.",
    ),
    R_HTTPS_OR_CLOCK: QT_TRANSLATE_NOOP(
        "checks",
        "The network may be interfering with secure connections, or this PC's date and time are "
        "wrong. Check the clock first, then ask court IT.",
    ),
    R_IMPROVE_CONNECTION: QT_TRANSLATE_NOOP(
        "checks",
        "Move closer to the Wi-Fi router, stop other downloads, or use the court's wired terminal.",
    ),
    R_CORRECT_CLOCK: QT_TRANSLATE_NOOP(
        "checks", "Correct the PC clock (set the date and time to update automatically)."
    ),
    R_PLATFORM_TROUBLE: QT_TRANSLATE_NOOP(
        "checks",
        "The problem is on the platform's side. Try again in a few minutes or call the "
        "platform's help line.",
    ),
    R_TRY_AGAIN: QT_TRANSLATE_NOOP(
        "checks", "Try the check again. If it keeps happening, ask court IT."
    ),
    R_PROXY_NOTED: QT_TRANSLATE_NOOP(
        "checks", "If the hearing has trouble connecting, tell court IT that a proxy is in use."
    ),
    R_PROXY_BROKEN: QT_TRANSLATE_NOOP("checks", "Ask court IT to check this PC's proxy settings."),
    R_UDP_FALLBACK: QT_TRANSLATE_NOOP(
        "checks",
        "The hearing may fall back to a slower connection or fail. Ask court IT to allow UDP "
        "for the platform.",
    ),
    R_CHECK_ADDRESS: QT_TRANSLATE_NOOP(
        "checks", "Ask court IT to check the platform's test addresses in the settings."
    ),
}

# Labels of the figures in CheckResult.metrics (top level and per endpoint).
METRIC_LABELS: dict[str, str] = {
    "dns_ms": QT_TRANSLATE_NOOP("checks", "Name lookup (DNS)"),
    "tcp_connect_ms": QT_TRANSLATE_NOOP("checks", "Connection time"),
    "tls_handshake_ms": QT_TRANSLATE_NOOP("checks", "Secure connection (TLS)"),
    "cert_days_left": QT_TRANSLATE_NOOP("checks", "Certificate valid for (days)"),
    "latency_median_ms": QT_TRANSLATE_NOOP("checks", "Response time (median)"),
    "latency_p90_ms": QT_TRANSLATE_NOOP("checks", "Response time (slowest 10%)"),
    "jitter_ms": QT_TRANSLATE_NOOP("checks", "Unsteadiness (jitter)"),
    "failures_pct": QT_TRANSLATE_NOOP("checks", "Failed requests"),
    "download_mbps": QT_TRANSLATE_NOOP("checks", "Download speed"),
    "upload_mbps": QT_TRANSLATE_NOOP("checks", "Upload speed"),
    "clock_skew_s": QT_TRANSLATE_NOOP("checks", "PC clock difference"),
    "proxy": QT_TRANSLATE_NOOP("checks", "Proxy"),
    "stun_rtt_ms": QT_TRANSLATE_NOOP("checks", "Video traffic (UDP) round trip"),
}

# Units as shown next to a figure; the key suffix says the same for machines.
UNITS: dict[str, str] = {
    "ms": QT_TRANSLATE_NOOP("checks", "ms"),
    "s": QT_TRANSLATE_NOOP("checks", "s"),
    "mbps": QT_TRANSLATE_NOOP("checks", "Mbit/s"),
    "pct": QT_TRANSLATE_NOOP("checks", "%"),
    "days_left": QT_TRANSLATE_NOOP("checks", "days"),
}
