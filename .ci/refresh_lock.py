#!/usr/bin/env python3
"""Remakes requirements.lock from pyproject.toml: python3 .ci/refresh_lock.py [--upgrade]

The lock holds the exact version and the sha256 of every file of every package the game and its
tools install (pyproject.toml's dependencies, the `dev` extra and the build backend), resolved
once for every system and Python the game supports (`uv pip compile --universal`): a package
that only Windows needs (colorama) carries a marker, and where a package dropped an older Python
the lock keeps one version for each (numpy). Without --upgrade, versions already in the lock are
kept where pyproject.toml still allows them; with it, every package moves to its newest release.

uv is fetched once, at the version below, into .cache/ (pip install --target). pip-tools cannot
do this: it resolves for the machine it runs on, so a lock made on Linux would miss Windows-only
packages and fail there under --require-hashes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import play  # noqa: E402  (the launcher: the lock's name and the fingerprint it checks)

UV_VERSION = "0.13.9"


def uv_binary() -> Path:
    """uv at UV_VERSION, installed into .cache/ on first use."""
    target = ROOT / ".cache" / f"uv-{UV_VERSION}"
    # pip --target puts a package's programs in bin/ (Scripts/ on Windows)
    found = [target / d / ("uv.exe" if os.name == "nt" else "uv") for d in ("bin", "Scripts")]
    if not any(b.is_file() for b in found):
        print(f"Fetching uv {UV_VERSION} into {target.relative_to(ROOT)}", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(target),
                f"uv=={UV_VERSION}",
            ],
            check=True,
        )
    return next((b for b in found if b.is_file()), found[0])


def header(pyproject_text: str) -> str:
    return (
        f"# {play.LOCK_NAME}: the exact version and hashes of every package Seven Trillion installs (the game's\n"
        "# dependencies, the dev and test tools, the build backend), for Linux, macOS and Windows alike.\n"
        "# play.py, ./play and ./test install it with `pip install --require-hashes`. Do not edit it by hand:\n"
        f"# after changing the dependencies in pyproject.toml, run `{play.REFRESH_COMMAND}` (add --upgrade\n"
        "# to move every package to its newest release) and commit the result.\n"
        f"{play.HASH_LINE}{play.dependencies_hash(pyproject_text)}\n"
    )


def refresh(upgrade: bool = False) -> Path:
    pyproject_text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    inputs = play.dependency_inputs(pyproject_text)
    lowest = re.search(r">=\s*(\d+\.\d+)", inputs["requires-python"])
    lock = ROOT / play.LOCK_NAME
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / play.LOCK_NAME
        if lock.is_file() and not upgrade:
            output.write_bytes(
                lock.read_bytes()
            )  # uv keeps the versions it finds in its output file
        command = [
            str(uv_binary()),
            "pip",
            "compile",
            "pyproject.toml",
            "-",
            *(arg for extra in inputs["optional-dependencies"] for arg in ("--extra", extra)),
            "--universal",
            "--generate-hashes",
            "--no-header",
            "--annotation-style",
            "line",
            "--python-version",
            lowest.group(1) if lowest else "3.11",
            "--quiet",
            "--output-file",
            str(output),
            *(["--upgrade"] if upgrade else []),
        ]
        build_requirements = "\n".join(inputs["build-system.requires"]) + "\n"
        subprocess.run(command, cwd=ROOT, input=build_requirements.encode(), check=True)
        body = output.read_text(encoding="utf-8")
    lock.write_text(header(pyproject_text) + body, encoding="utf-8", newline="\n")
    return lock


if __name__ == "__main__":
    args = sys.argv[1:]
    if args not in ([], ["--upgrade"]):
        sys.exit("usage: python3 .ci/refresh_lock.py [--upgrade]")
    path = refresh(upgrade=bool(args))
    print(f"wrote {path.relative_to(ROOT)}")
