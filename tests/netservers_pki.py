"""Test certificates for the network-check tests: a CA and server certificates (valid, expired,
for another host) made with ``cryptography`` once per process in a temporary folder."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import ipaddress
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Pki:
    ca_file: Path
    valid: tuple[Path, Path]  # for 127.0.0.1, valid now
    expired: tuple[Path, Path]  # for 127.0.0.1, ended 10 days ago
    wrong_host: tuple[Path, Path]  # for wrong.example only


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(
    directory: Path, stem: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> tuple[Path, Path]:
    cert_file, key_file = directory / f"{stem}.pem", directory / f"{stem}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@functools.cache
def pki() -> Pki:
    """Make (once per process) a test CA and server certificates in a temporary folder."""
    directory = Path(tempfile.mkdtemp(prefix="hh-pki-"))
    atexit.register(shutil.rmtree, directory, True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Hearing Helper Test CA"))
        .issuer_name(_name("Hearing Helper Test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = directory / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))

    def leaf(
        stem: str, names: list[x509.GeneralName], start: dt.datetime, end: dt.datetime
    ) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(stem))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
            )
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .sign(ca_key, hashes.SHA256())
        )
        return _write(directory, stem, cert, key)

    loopback: list[x509.GeneralName] = [x509.IPAddress(ipaddress.ip_address(LOOPBACK))]
    return Pki(
        ca_file=ca_file,
        valid=leaf("valid", loopback, now - dt.timedelta(days=1), now + dt.timedelta(days=90)),
        expired=leaf(
            "expired", loopback, now - dt.timedelta(days=100), now - dt.timedelta(days=10)
        ),
        wrong_host=leaf(
            "wrong-host",
            [x509.DNSName("wrong.example")],
            now - dt.timedelta(days=1),
            now + dt.timedelta(days=90),
        ),
    )
