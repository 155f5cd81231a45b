#!/usr/bin/env python3
"""Seven Trillion's launcher, for every system: sets up .venv from requirements.lock, then opens the game.

    python3 play.py [game options]     on macOS and Linux (./play runs this)
    py play.py [game options]          on Windows
    python3 play.py --setup-only       set up .venv and stop (./test runs this)
    python3 play.py --make-offline-folder DIR [--systems windows,macos,linux] [--pythons 3.11,3.12,3.13]
                                       on a connected machine: a copy of the game with the wheels
                                       every listed system needs, for laptops with no network

The first run creates .venv with the Python that runs this file, installs the exact versions in
requirements.lock (`pip install --require-hashes`, so every file is checked against its hash),
then the game itself (editable, no dependencies). Later runs skip pip until pyproject.toml, the
lock or the Python change. A folder named wheels/ beside this file (made by
--make-offline-folder) is used instead of the network. Game options are those of main.py
(`python3 play.py --help` lists them).

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
LOCK_NAME = "requirements.lock"
WHEELS_NAME = "wheels"
REFRESH_COMMAND = "python3 .ci/refresh_lock.py"
HASH_LINE = "# dependencies-sha256: "

# --make-offline-folder: the pip platform tags of each system, oldest first accepted. Linux:
# glibc 2.28 or newer (Ubuntu 20.04, Debian 10, Fedora 29); macOS 12 or newer on Apple silicon
# and Intel; 64-bit Windows 10 or 11.
_MANYLINUX = [f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]
SYSTEMS: dict[str, dict] = {
    "windows": {
        "platforms": ["win_amd64"],
        "markers": {
            "sys_platform": "win32",
            "platform_system": "Windows",
            "os_name": "nt",
            "platform_machine": "AMD64",
        },
    },
    "macos-arm64": {
        "platforms": ["macosx_12_0_arm64"],
        "markers": {
            "sys_platform": "darwin",
            "platform_system": "Darwin",
            "os_name": "posix",
            "platform_machine": "arm64",
        },
    },
    "macos-x86_64": {
        "platforms": ["macosx_12_0_x86_64"],
        "markers": {
            "sys_platform": "darwin",
            "platform_system": "Darwin",
            "os_name": "posix",
            "platform_machine": "x86_64",
        },
    },
    "linux": {
        "platforms": _MANYLINUX,
        "markers": {
            "sys_platform": "linux",
            "platform_system": "Linux",
            "os_name": "posix",
            "platform_machine": "x86_64",
        },
    },
}
SYSTEM_GROUPS = {"macos": ["macos-arm64", "macos-x86_64"]}
DEFAULT_SYSTEMS = ["windows", "macos", "linux"]
DEFAULT_PYTHONS = ["3.11", "3.12", "3.13"]
# Not copied into an offline folder: what a working copy grows, never the game.
_NOT_COPIED = {
    ".git",
    ".venv",
    WHEELS_NAME,
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".import_linter_cache",
    ".cache",
    "build",
    "out",
}


class SetupError(Exception):
    """Set-up cannot go on; the message is one line that says what to do."""


# -- the lock and pyproject.toml -------------------------------------------------------------


def dependency_inputs(pyproject_text: str) -> dict:
    """What the lock is made from: Python range, build backend, dependencies and extras."""
    import tomllib

    data = tomllib.loads(pyproject_text)
    project = data.get("project", {})

    def normal(items) -> list[str]:
        return sorted("".join(str(item).split()) for item in items)

    return {
        "requires-python": "".join(str(project.get("requires-python", "")).split()),
        "build-system.requires": normal(data.get("build-system", {}).get("requires", [])),
        "dependencies": normal(project.get("dependencies", [])),
        "optional-dependencies": {
            extra: normal(items)
            for extra, items in sorted(project.get("optional-dependencies", {}).items())
        },
    }


def dependencies_hash(pyproject_text: str) -> str:
    """A fingerprint of dependency_inputs: the lock records it, set-up compares it."""
    canonical = json.dumps(dependency_inputs(pyproject_text), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def recorded_hash(lock_text: str) -> str | None:
    """The fingerprint the lock's header records, or None."""
    for line in lock_text.splitlines():
        if line.startswith(HASH_LINE):
            return line[len(HASH_LINE) :].strip() or None
    return None


def lock_problem(root: Path) -> str | None:
    """One line saying why root's lock cannot be installed, or None when it matches pyproject.toml."""
    lock = root / LOCK_NAME
    if not lock.is_file():
        return f"{LOCK_NAME} is missing: run {REFRESH_COMMAND} to make it"
    try:
        pyproject_text = (root / "pyproject.toml").read_text(encoding="utf-8")
        expected = dependencies_hash(pyproject_text)
    except (OSError, ValueError) as e:
        return f"pyproject.toml cannot be read ({e})"
    recorded = recorded_hash(lock.read_text(encoding="utf-8"))
    if recorded is None:
        return f"{LOCK_NAME} has no '{HASH_LINE.strip('# :')}' line: run {REFRESH_COMMAND} to remake it"
    if recorded != expected:
        return (
            f"{LOCK_NAME} is out of date: the dependencies in pyproject.toml changed since it was made; "
            f"run {REFRESH_COMMAND} and commit {LOCK_NAME}"
        )
    return None


# -- .venv -----------------------------------------------------------------------------------


def venv_python(root: Path) -> Path:
    if os.name == "nt":
        return root / ".venv" / "Scripts" / "python.exe"
    return root / ".venv" / "bin" / "python"


def _runs(python: Path) -> bool:
    if Path(sys.executable) == python:
        return True
    try:
        return subprocess.run([str(python), "-c", ""], capture_output=True).returncode == 0
    except OSError:
        return False


def _install_stamp(root: Path, python: Path) -> Path:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", LOCK_NAME):
        digest.update((root / name).read_bytes())
    digest.update(str(python).encode())
    # An editable install maps only the packages that exist when it runs: redo it once game/ appears.
    suffix = "" if (root / "game" / "__init__.py").is_file() else "-without-game"
    return root / ".venv" / f".installed-{digest.hexdigest()}{suffix}"


def install_commands(root: Path, python: Path) -> list[list[str]]:
    """pip's two steps: the lock, checked against its hashes, then the game itself."""
    source = (
        ["--no-index", "--find-links", str(root / WHEELS_NAME)]
        if (root / WHEELS_NAME).is_dir()
        else []
    )
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    return [
        [*pip, "--require-hashes", *source, "-r", str(root / LOCK_NAME)],
        # The build backend comes from the lock, so nothing is fetched to build the game.
        [*pip, "--no-deps", "--no-build-isolation", "--editable", str(root)],
    ]


def ensure_venv(root: Path = ROOT, log=None) -> Path:
    """Create .venv and install the lock into it unless that was already done; return its Python."""
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    problem = lock_problem(root)
    if problem:
        raise SetupError(problem)
    python = venv_python(root)
    if not _runs(python):
        try:
            import ensurepip  # noqa: F401
        except ImportError:
            raise SetupError(
                f"{sys.executable} cannot create a virtual environment (no ensurepip): "
                "on Debian or Ubuntu install python3-venv (sudo apt install python3-venv) and try again"
            ) from None
        log(f"Creating .venv with Python {sys.version.split()[0]} ({sys.executable})")
        shutil.rmtree(root / ".venv", ignore_errors=True)
        if subprocess.run([sys.executable, "-m", "venv", str(root / ".venv")]).returncode != 0:
            shutil.rmtree(root / ".venv", ignore_errors=True)
            raise SetupError(
                f"{sys.executable} -m venv .venv failed (see above); on Debian or Ubuntu install python3-venv"
            )
    stamp = _install_stamp(root, python)
    if not stamp.is_file():
        offline = " from wheels/ (no network)" if (root / WHEELS_NAME).is_dir() else ""
        log(
            f"Installing Seven Trillion and the exact versions in {LOCK_NAME} into .venv{offline} "
            "(later runs skip this until the lock or pyproject.toml changes)"
        )
        for old in (root / ".venv").glob(".installed-*"):
            old.unlink()
        for command in install_commands(root, python):
            if subprocess.run(command).returncode != 0:
                raise SetupError(
                    "pip could not install the game into .venv (see the messages above)"
                )
        stamp.touch()
    return python


# -- an offline folder for a classroom -------------------------------------------------------


def parse_lock(lock_text: str) -> list[tuple[str, str, list[str]]]:
    """The lock's entries as (name==version, environment marker or "", hashes)."""
    entries = []
    logical = ""
    for raw in lock_text.splitlines() + [""]:
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line.endswith("\\"):
            logical += line[:-1] + " "
            continue
        logical += line
        if logical.strip():
            words = logical.split()
            hashes = [w.split("=", 1)[1] for w in words if w.startswith("--hash=")]
            spec = " ".join(w for w in words if not w.startswith("--hash="))
            requirement, _, marker = spec.partition(";")
            entries.append(("".join(requirement.split()), marker.strip(), hashes))
        logical = ""
    return entries


def systems_named(names: list[str]) -> list[str]:
    chosen: list[str] = []
    for name in names:
        for system in SYSTEM_GROUPS.get(name, [name]):
            if system not in SYSTEMS:
                known = ", ".join([*SYSTEM_GROUPS, *SYSTEMS])
                raise SetupError(f"unknown system {name!r} (choose from {known})")
            if system not in chosen:
                chosen.append(system)
    return chosen


def download_plan(
    lock_text: str, systems: list[str], pythons: list[str], dest: Path
) -> list[tuple[str, list[str]]]:
    """For each system and Python: the lock's lines that apply there, and pip's download arguments.

    pip evaluates a requirement's marker against the machine it runs on, not the --platform it
    downloads for, so the markers are evaluated here and each target gets its own list.
    """
    from packaging.markers import Marker

    entries = parse_lock(lock_text)
    plan = []
    for system in systems_named(systems):
        for version in pythons:
            environment = {
                **SYSTEMS[system]["markers"],
                "python_version": version,
                "python_full_version": f"{version}.0",
                "implementation_name": "cpython",
                "platform_python_implementation": "CPython",
            }
            lines = [
                " ".join([requirement, *(f"--hash={h}" for h in hashes)])
                for requirement, marker, hashes in entries
                if not marker or Marker(marker).evaluate(environment)
            ]
            abi = "cp" + version.replace(".", "")
            arguments = [
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--require-hashes",
                "--dest",
                str(dest),
                "--python-version",
                version,
                "--implementation",
                "cp",
                "--abi",
                abi,
            ]
            for platform in SYSTEMS[system]["platforms"]:
                arguments += ["--platform", platform]
            plan.append((f"{system}, Python {version}", ["\n".join(lines) + "\n", arguments]))
    return plan


def _project_files(root: Path) -> list[Path]:
    """The game's files: what git tracks or would track, or the folder less what a working copy grows."""
    try:
        listed = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
            capture_output=True,
            check=True,
        )
        names = [n for n in listed.stdout.decode().split("\0") if n]
        if names:
            return [Path(n) for n in names if (root / n).is_file()]
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and not set(relative.parts) & _NOT_COPIED and path.suffix != ".pyc":
            files.append(relative)
    return files


def make_offline_folder(
    dest: Path, systems: list[str], pythons: list[str], root: Path = ROOT, log=None
) -> None:
    """Copy the game to dest and download into dest/wheels every wheel the systems need."""
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    problem = lock_problem(root)
    if problem:
        raise SetupError(problem)
    dest = dest.resolve()
    if dest == root or root in dest.parents:
        raise SetupError(f"choose a folder outside the game's own folder, not {dest}")
    if dest.exists() and any(dest.iterdir()) and not (dest / LOCK_NAME).is_file():
        raise SetupError(
            f"{dest} is not empty and is not an offline folder: choose a new or empty folder"
        )
    for relative in _project_files(root):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    wheels = dest / WHEELS_NAME
    wheels.mkdir(exist_ok=True)
    lock_text = (root / LOCK_NAME).read_text(encoding="utf-8")
    for n, (label, (requirements, arguments)) in enumerate(
        download_plan(lock_text, systems, pythons, wheels), 1
    ):
        log(f"Downloading wheels for {label}")
        listing = wheels / f".requirements-{n}.txt"
        listing.write_text(requirements, encoding="utf-8")
        try:
            status = subprocess.run(
                [sys.executable, "-m", "pip", *arguments, "-r", str(listing)]
            ).returncode
        finally:
            listing.unlink()
        if status != 0:
            raise SetupError(f"pip could not download every wheel for {label} (see above)")
    size = sum(f.stat().st_size for f in wheels.iterdir()) / 1e6
    log(
        f"Done: {dest} holds the game and {len(list(wheels.iterdir()))} wheels ({size:,.0f} MB). "
        "Copy the folder to each laptop and run `py play.py` (Windows) or `python3 play.py` in it."
    )


def _offline_options(argv: list[str]) -> tuple[Path, list[str], list[str]]:
    options = {"--systems": DEFAULT_SYSTEMS, "--pythons": DEFAULT_PYTHONS}
    rest = list(argv)
    for flag in options:
        if flag in rest:
            at = rest.index(flag)
            if at + 1 >= len(rest):
                raise SetupError(f"{flag} needs a comma-separated list")
            options[flag] = [v.strip() for v in rest[at + 1].split(",") if v.strip()]
            del rest[at : at + 2]
    if len(rest) != 1:
        raise SetupError(
            "usage: play.py --make-offline-folder DIR [--systems windows,macos,linux] [--pythons 3.11,3.12,3.13]"
        )
    return Path(rest[0]), options["--systems"], options["--pythons"]


# -- entry point -----------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        print(
            f"error: Seven Trillion needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is "
            f"{sys.version.split()[0]} ({sys.executable}). Install a newer Python (python.org) and run "
            "play.py with it.",
            file=sys.stderr,
        )
        return 1
    try:
        python = ensure_venv()
        if argv[:1] == ["--setup-only"]:
            return 0
        if argv[:1] == ["--make-offline-folder"]:
            if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
                # The plan reads the lock's markers with `packaging`, which .venv has.
                return subprocess.run(
                    [str(python), str(Path(__file__).resolve()), *argv]
                ).returncode
            make_offline_folder(*_offline_options(argv[1:]))
            return 0
    except SetupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    command = [str(python), str(ROOT / "main.py"), *argv]
    if os.name == "nt":
        return subprocess.run(command).returncode
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
