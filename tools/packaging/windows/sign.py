"""Optional Authenticode signing with the court's own code-signing certificate (osslsigncode).

Set before ``make package-windows`` (README, Packaging):

- ``HH_SIGN_PKCS12``: the certificate with its private key, a .pfx/.p12 file;
- ``HH_SIGN_PASSWORD_FILE``: a file holding that file's password (read by osslsigncode itself,
  so the password is never on a command line or in a log);
- ``HH_SIGN_TIMESTAMP_URL`` (optional): the CA's RFC 3161 timestamp server, so the signature
  stays valid after the certificate expires. Needs that server to be reachable.

Both programs are signed before they go into the MSI, then the MSI itself. Without
``HH_SIGN_PKCS12`` nothing is signed (SmartScreen then warns on first start; README).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

DESCRIPTION = "Hearing Helper 庭审协助助手"


class SigningError(RuntimeError):
    pass


@dataclass(frozen=True)
class Signer:
    pkcs12: Path
    password_file: Path | None
    timestamp_url: str | None

    def sign(self, path: Path) -> str:
        signed = path.with_name(path.name + ".signed")
        command = ["osslsigncode", "sign", "-pkcs12", str(self.pkcs12)]
        if self.password_file is not None:
            command += ["-readpass", str(self.password_file)]
        command += ["-h", "sha256", "-n", DESCRIPTION]
        if self.timestamp_url:
            command += ["-ts", self.timestamp_url]
        command += ["-in", str(path), "-out", str(signed)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if result.returncode != 0:
            signed.unlink(missing_ok=True)
            raise SigningError(f"signing {path.name} failed: {result.stderr.strip()[-1500:]}")
        os.replace(signed, path)
        return f"signed {path.name}: {signature_summary(path)}"


def signature_summary(path: Path) -> str:
    """The signer's subject when the file's Authenticode digest matches; raises otherwise."""
    result = subprocess.run(
        ["osslsigncode", "verify", "-in", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    text = result.stdout + result.stderr
    # PE files: "message digest"; MSI files: "DigitalSignature".
    current = re.search(r"Current (?:message digest|DigitalSignature)\s*:\s*([0-9A-F]+)", text)
    calculated = re.search(
        r"Calculated (?:message digest|DigitalSignature)\s*:\s*([0-9A-F]+)", text
    )
    if not (current and calculated and current.group(1) == calculated.group(1)):
        raise SigningError(f"{path.name}: no valid Authenticode signature:\n{text[-1500:]}")
    subject = re.search(r"Signer #0:\s*\n\s*Subject:\s*(.+)", text)
    return subject.group(1).strip() if subject else "signed"


def from_environment(env: dict[str, str] | None = None) -> Signer | None:
    env = dict(os.environ if env is None else env)
    if not env.get("HH_SIGN_PKCS12"):
        return None
    pkcs12 = Path(env["HH_SIGN_PKCS12"])
    if not pkcs12.is_file():
        raise SigningError(f"HH_SIGN_PKCS12: {pkcs12} is not a file")
    password = env.get("HH_SIGN_PASSWORD_FILE")
    if password and not Path(password).is_file():
        raise SigningError(f"HH_SIGN_PASSWORD_FILE: {password} is not a file")
    return Signer(pkcs12, Path(password) if password else None, env.get("HH_SIGN_TIMESTAMP_URL"))
