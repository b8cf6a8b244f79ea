"""Install a pinned uv binary into var/tools/bin using only the standard library.

A fresh Debian machine has python3 but often neither pip nor the venv module (python3-venv), so
`pip install uv` is not an option. uv's wheels on PyPI carry the static binary; we download the
wheel for this platform, check its SHA-256 against PyPI's metadata and unpack the binary.
"""

from __future__ import annotations

import hashlib
import json
import platform
import stat
import sys
import urllib.request
import zipfile
from io import BytesIO
from pathlib import Path

INDEX = "https://pypi.org/simple/uv/"  # PEP 691 JSON form of the simple index


def platform_tag() -> tuple[str, str]:
    """(platform prefix, architecture) as they appear in uv's wheel names."""
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if sys.platform.startswith("linux"):
        libc = "musllinux" if "musl" in (platform.libc_ver()[0] or "").lower() else "manylinux"
        return f"{libc}_", arch
    if sys.platform == "darwin":
        return "macosx", "arm64" if arch == "aarch64" else "x86_64"
    raise SystemExit(f"unsupported platform {sys.platform}; install uv yourself")


def pick_wheel(files: list[dict], version: str) -> dict:
    prefix, arch = platform_tag()
    for f in files:
        name = f["filename"]
        wanted = name.startswith(f"uv-{version}-") and name.endswith(".whl")
        if wanted and prefix in name and arch in name and not f.get("yanked"):
            return f
    raise SystemExit(f"no uv {version} wheel for {prefix} {arch}")


def main(version: str, dest: Path) -> None:
    request = urllib.request.Request(
        INDEX, headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        meta = json.load(response)
    wheel = pick_wheel(meta["files"], version)
    print(f"downloading {wheel['filename']} ...")
    with urllib.request.urlopen(wheel["url"], timeout=300) as response:  # noqa: S310
        data = response.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != wheel["hashes"]["sha256"]:
        raise SystemExit("uv wheel checksum mismatch; refusing to install it")
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        member = next(n for n in archive.namelist() if n.endswith("/scripts/uv"))
        target = dest / "uv"
        target.write_bytes(archive.read(member))
    target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    print(f"uv {version} installed in {target}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
