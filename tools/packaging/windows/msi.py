"""The MSI installer of the Windows build, made on Linux with msitools' ``wixl``.

  python3 tools/packaging/windows/msi.py dist-windows/HearingHelper OUT.msi [--version X.Y.Z]

What court IT gets (README, Packaging):
- a per-machine install into ``C:\\Program Files\\HearingHelper`` (needs an administrator; group
  policy installs as SYSTEM), silent with ``msiexec /i HearingHelper-X.Y.Z-x64.msi /qn``;
- a Start-menu shortcut ``庭审协助助手`` for every user, and the app icon in *Apps & features*;
- a fixed UpgradeCode: a newer MSI removes the older version as part of its install (major
  upgrade), an older MSI refuses to downgrade with a message;
- uninstall removes exactly the installed files. The clerks' data folders
  (``%LOCALAPPDATA%\\HearingHelper`` of each user) were never installed by the MSI, so
  uninstall and upgrade leave them alone.

Component GUIDs are derived from each file's path (uuid5), so the same file keeps its
component across versions, and the .wxs is the same for the same folder (reproducible).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

UPGRADE_CODE = "{6B1F3C52-8D0A-4B7E-9C41-2E5A7D9F0B63}"  # never change: upgrades rely on it
COMPONENT_NAMESPACE = uuid.UUID("0f6a2c1e-5b8d-4e3a-9d7c-1a2b3c4d5e6f")
PRODUCT_NAME = "庭审协助助手 Hearing Helper"
SHORTCUT_NAME = "庭审协助助手"
SHORTCUT_SHORT_NAME = "HHELPER"  # the 8.3 name the MSI Filename type requires beside the long one
DOWNGRADE_MESSAGE = "已安装更新版本的庭审协助助手。A newer version of Hearing Helper is installed."
# wixl (msitools 0.101) ignores Product/@Codepage and writes the string pool in the build host's
# code page, so non-ASCII strings come out empty. The .wxs therefore holds ASCII placeholders,
# and msibuild then sets the database code page and writes the Chinese strings (see _localise).
ASCII_NAME = "Hearing Helper"
MANUFACTURER = "Hearing Helper"
GUI_EXE = "HearingHelper.exe"
INSTALL_FOLDER = "HearingHelper"
# Chinese (PRC) with its ANSI code page: the product and shortcut names are Chinese.
LANGUAGE, CODEPAGE = "2052", "936"


def msi_version(version: str) -> str:
    """MSI ProductVersion: three numbers (each < 256 for the first two, < 65536 for the third);
    suffixes such as ``rc1`` are dropped. Windows Installer compares only these three."""
    numbers = []
    for part in version.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit()) if part else ""
        if not digits or not part.startswith(digits):
            break
        numbers.append(int(digits))
    numbers += [0] * (3 - len(numbers))
    if numbers[0] > 255 or numbers[1] > 255 or numbers[2] > 65535:
        raise ValueError(f"{version!r} cannot be an MSI version (max 255.255.65535)")
    return ".".join(str(n) for n in numbers)


def _id(kind: str, relative: str) -> str:
    return f"{kind}_{hashlib.sha1(relative.encode('utf-8')).hexdigest()[:20]}"


def _guid(relative: str) -> str:
    return "{" + str(uuid.uuid5(COMPONENT_NAMESPACE, relative.lower())).upper() + "}"


def wxs_text(folder: Path, version: str, icon: Path, base: Path) -> str:
    """The WiX source installing every file under ``folder`` (sorted); file paths are
    relative to ``base`` (wixl runs there: it takes no absolute paths)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not (folder / GUI_EXE).is_file():
        raise FileNotFoundError(f"{folder / GUI_EXE} is missing: build the programs first")
    components: list[str] = []

    def directory(path: Path, indent: str) -> list[str]:
        lines = []
        for child in sorted(p for p in path.iterdir() if p.is_dir()):
            relative = child.relative_to(folder).as_posix()
            lines.append(f"{indent}<Directory Id={quoteattr(_id('d', relative))} "
                         f"Name={quoteattr(child.name)}>")  # fmt: skip
            lines += directory(child, indent + "  ")
            lines.append(f"{indent}</Directory>")
        for file in (p for p in files if p.parent == path):
            relative = file.relative_to(folder).as_posix()
            component = _id("c", relative)
            components.append(component)
            lines.append(f"{indent}<Component Id={quoteattr(component)} "
                         f"Guid={quoteattr(_guid(relative))} Win64=\"yes\">")  # fmt: skip
            source = file.relative_to(base).as_posix()
            lines.append(f"{indent}  <File Id={quoteattr(_id('f', relative))} "
                         f"Source={quoteattr(source)} KeyPath=\"yes\"/>")  # fmt: skip
            if relative == GUI_EXE:
                lines.append(
                    f'{indent}  <Shortcut Id="StartMenuShortcut" Name={quoteattr(ASCII_NAME)}'
                    ' Directory="ProgramMenuFolder" WorkingDirectory="INSTALLDIR"'
                    ' Icon="AppIcon.ico" Target="[INSTALLDIR]HearingHelper.exe"'
                    ' Description="Hearing Helper"/>'
                )
            lines.append(f"{indent}</Component>")
        return lines

    body = "\n".join(directory(folder, "          "))
    refs = "\n".join(f"      <ComponentRef Id={quoteattr(c)}/>" for c in components)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by tools/packaging/windows/msi.py; do not edit. -->
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name={quoteattr(ASCII_NAME)} Language="{LANGUAGE}" Codepage="{CODEPAGE}"
           Version="{msi_version(version)}" Manufacturer={quoteattr(MANUFACTURER)}
           UpgradeCode="{UPGRADE_CODE}">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Languages="{LANGUAGE}" SummaryCodepage="{CODEPAGE}"
             Description={quoteattr(f"{ASCII_NAME} {version}")}
             Manufacturer={quoteattr(MANUFACTURER)}/>
    <Media Id="1" Cabinet="app.cab" EmbedCab="yes"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of Hearing Helper is installed."/>
    <Icon Id="AppIcon.ico" SourceFile={quoteattr(icon.relative_to(base).as_posix())}/>
    <Property Id="ARPPRODUCTICON" Value="AppIcon.ico"/>
    <Property Id="ARPNOMODIFY" Value="1"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="{INSTALL_FOLDER}">
{body}
        </Directory>
      </Directory>
      <Directory Id="ProgramMenuFolder"/>
    </Directory>
    <Feature Id="Main" Level="1" Title="Hearing Helper">
{refs}
    </Feature>
  </Product>
</Wix>
"""


def build_msi(folder: Path, out: Path, version: str, icon: Path) -> Path:
    """Write ``out`` (and ``out`` with ``.wxs`` beside it); raises RuntimeError on failure."""
    folder, out = folder.resolve(), out.resolve()
    wxs = out.with_suffix(".wxs")
    out.parent.mkdir(parents=True, exist_ok=True)
    base = Path(os.path.commonpath([folder, icon.resolve(), wxs.parent]))
    wxs.write_text(wxs_text(folder, version, icon.resolve(), base), encoding="utf-8")
    result = subprocess.run(
        ["wixl", "--arch", "x64", "-o", str(out), str(wxs)],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"wixl failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    _localise(out)
    return out


def _localise(msi: Path) -> None:
    """Set the database code page to 936 and write the Chinese names (see ASCII_NAME)."""
    codepage = msi.with_name("_ForceCodepage.idt")
    codepage.write_bytes(f"\r\n\r\n{CODEPAGE}\t_ForceCodepage\r\n".encode("ascii"))
    queries = [
        f"UPDATE Shortcut SET Name='{SHORTCUT_SHORT_NAME}|{SHORTCUT_NAME}' "
        "WHERE Shortcut='StartMenuShortcut'",
        f"UPDATE Property SET Value='{PRODUCT_NAME}' WHERE Property='ProductName'",
        f"UPDATE LaunchCondition SET Description='{DOWNGRADE_MESSAGE}' "
        "WHERE Condition='NOT WIX_DOWNGRADE_DETECTED'",
    ]
    command = ["msibuild", str(msi), "-i", str(codepage)]
    for query in queries:
        command += ["-q", query]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    codepage.unlink()
    if result.returncode != 0:
        raise RuntimeError(f"msibuild failed (exit {result.returncode}):\n{result.stderr}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Make the MSI of a Windows build folder.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--version", required=True)
    parser.add_argument("--icon", type=Path, required=True)
    args = parser.parse_args(argv)
    print(build_msi(args.folder, args.out, args.version, args.icon))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
