"""What validate refuses up front, and what it reports instead of crashing."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import validate_cmd
from game.scenario.registry import BUILTIN_DIR

from .helpers import DEFAULT_TEXT, write

DEFAULT = str(BUILTIN_DIR / "default.yaml")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    validate_cmd.register(parser.add_subparsers())
    return parser.parse_args(argv).func(parser.parse_args(argv))


def test_a_negative_seed_is_refused_in_one_line_before_anything_is_checked(capsys):
    assert run(["validate", "--seed", "-1", "--playtest", "2", DEFAULT]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "validate: --seed must be a whole number from 0 to 9223372036854775807\n"


def test_the_command_line_says_the_same_with_no_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", "--seed", "-1", "--playtest", "2", DEFAULT],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "validate: --seed must be a whole number from 0 to 9223372036854775807"
    assert "Traceback" not in done.stdout + done.stderr


def test_a_playtest_over_the_limit_is_refused_naming_the_limit(capsys):
    limit = validate_cmd.MAX_PLAYTEST_WORLDS
    assert limit == 100_000
    assert run(["validate", "--playtest", str(limit + 1), DEFAULT]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "at most 100,000 worlds per bot" in err


def test_a_playtest_at_the_limit_is_allowed(monkeypatch, capsys):
    asked = []
    monkeypatch.setattr(
        validate_cmd, "playtest", lambda path, s, worlds, seed, quiet=False: asked.append(worlds) or []
    )
    assert run(["validate", "--playtest", str(validate_cmd.MAX_PLAYTEST_WORLDS), DEFAULT]) == 0
    assert asked == [validate_cmd.MAX_PLAYTEST_WORLDS]


def test_quiet_prints_nothing_at_all_when_there_is_no_problem(capsys):
    assert run(["validate", "--quiet", DEFAULT]) == 0
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_an_empty_folder_is_an_error_saying_no_scenario_file_was_found(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a scenario", encoding="utf-8")
    assert run(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out == (
        f"{tmp_path}:1:1: error: no scenario file (.yaml or .yml) here, nor in any folder "
        "inside it; name a scenario file or a folder that holds some\n"
    )


def test_a_folder_with_scenarios_in_a_subfolder_is_not_empty(tmp_path, capsys):
    write(tmp_path, "deeper/s.yaml", DEFAULT_TEXT)
    assert run(["validate", str(tmp_path)]) == 0
    assert "1 file checked" in capsys.readouterr().err


@pytest.fixture
def lock(monkeypatch):
    """Make folders and files unreadable: by their mode, and, for root (whom modes do not stop),
    by making the operating system calls that would read them fail the same way."""
    locked: list[tuple[Path, int]] = []
    as_root = os.geteuid() == 0
    real_scandir = os.scandir
    real_read_bytes = Path.read_bytes

    def denied(path) -> PermissionError:
        return PermissionError(13, "Permission denied", str(path))

    def scandir(path="."):
        if Path(path) in {p for p, _ in locked}:
            raise denied(path)
        return real_scandir(path)

    def read_bytes(self):
        if self in {p for p, _ in locked}:
            raise denied(self)
        return real_read_bytes(self)

    real_open = os.open

    def os_open(path, flags, *args, **kwargs):
        if Path(path) in {p for p, _ in locked}:
            raise denied(path)
        return real_open(path, flags, *args, **kwargs)

    if as_root:
        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(os, "open", os_open)

    def do(path: Path) -> Path:
        locked.append((path, path.stat().st_mode))
        path.chmod(0)
        return path

    yield do
    for path, mode in locked:
        path.chmod(mode)


def test_an_unreadable_folder_is_reported_and_the_rest_is_still_checked(tmp_path, lock, capsys):
    write(tmp_path, "good.yaml", DEFAULT_TEXT.replace("  id: default", "  id: good", 1))
    write(tmp_path, "locked/inside.yaml", DEFAULT_TEXT)
    lock(tmp_path / "locked")
    assert run(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out == (
        f"{tmp_path / 'locked'}:1:1: error: cannot read this folder: Permission denied; give "
        "yourself permission to read it (e.g. chmod u+rx), or move it away\n"
    )
    assert "1 file checked" in out.err and "Traceback" not in out.err


def test_an_unreadable_folder_named_on_the_command_line_is_a_problem_not_a_crash(
    tmp_path, lock, capsys
):
    write(tmp_path, "locked/inside.yaml", DEFAULT_TEXT)
    lock(tmp_path / "locked")
    assert run(["validate", str(tmp_path / "locked")]) == 1
    assert "cannot read this folder: Permission denied" in capsys.readouterr().out


def test_an_unreadable_scenario_file_says_how_to_fix_it(tmp_path, lock, capsys):
    write(tmp_path, "good.yaml", DEFAULT_TEXT.replace("  id: default", "  id: good", 1))
    f = lock(write(tmp_path, "locked.yaml", DEFAULT_TEXT))
    assert run(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out == (
        f"{f}:1:1: error: cannot read it: Permission denied; give yourself permission to read "
        "it (e.g. chmod u+r), or move it away\n"
    )
    assert "2 files checked" in out.err
