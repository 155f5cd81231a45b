"""A mod from a stranger stays in its folder: scenario files or folders linked from outside are
refused with a clear line, a link to / is never walked, and a FIFO named like a scenario is
skipped without being opened; every command (scenarios, run, play, validate, the desktop's list)
applies the same rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.mods import walk
from game.scenario.registry import BUILTIN_DIR, discover

DEFAULT_TEXT = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")


def scenario_text(sid: str) -> str:
    return DEFAULT_TEXT.replace("  id: default", f"  id: {sid}", 1)


@pytest.fixture
def mods(home) -> Path:
    folder = home / "mods"
    folder.mkdir(parents=True)
    return folder


def make_mod(mods: Path, name: str = "evil") -> Path:
    mod = mods / name
    mod.mkdir()
    (mod / "mod.yaml").write_text(f"id: {name}\nversion: 1.0\ntitle: A mod\nauthor: someone\n")
    return mod


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "stolen.yaml").write_text(scenario_text("stolen"))
    return folder


def test_a_scenario_file_linked_from_outside_a_mod_is_refused(mods, outside, capsys):
    mod = make_mod(mods)
    (mod / "stolen.yaml").symlink_to(outside / "stolen.yaml")
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert "stolen.yaml" in out and "link leading outside the mod folder" in out
    assert not any(e.scenario is not None and e.scenario.meta.id == "stolen" for e in discover())
    for argv in (["run", "--scenario", "stolen"], ["play", "--scenario", "stolen"]):
        assert main(argv) in (1, 2)
        assert "link leading outside the mod folder" in capsys.readouterr().err


def test_a_folder_linked_from_outside_a_mod_is_refused(mods, outside, capsys):
    mod = make_mod(mods)
    (mod / "more").symlink_to(outside, target_is_directory=True)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert f"{mod / 'more'}:1:1: error: it is a link leading outside the mod folder" in out
    assert "stolen" not in {e.id for e in discover() if e.scenario is not None}


def test_a_link_to_the_root_inside_mods_is_never_walked(mods, monkeypatch):
    (mods / "root").symlink_to("/", target_is_directory=True)
    (make_mod(mods) / "also_root").symlink_to("/", target_is_directory=True)
    looked: list[str] = []
    real = os.scandir

    def scandir(path="."):
        looked.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = walk(mods)
    assert looked == [str(mods), str(mods / "evil")]  # two folders read, not the whole disk
    assert {Path(p.file).name for p in found.refused} == {"root", "also_root"}


def test_a_walk_is_bounded_in_depth(tmp_path):
    deep = tmp_path
    for i in range(20):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "x.yaml").write_text("meta: {}\n")
    found = walk(tmp_path)
    assert found.files == [] and any("folders deep" in p.message for p in found.refused)


def test_a_fifo_named_like_a_scenario_is_skipped_never_opened(mods, capsys):
    mod = make_mod(mods)
    os.mkfifo(mod / "pipe.yaml")
    (mod / "fine.yaml").write_text(scenario_text("fine"))
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert "named pipe (FIFO)" in out and "fine" in out
    assert main(["validate", str(mod)]) == 0  # a warning, not an error
    assert "warning: skipped: it is a named pipe (FIFO)" in capsys.readouterr().out
    assert main(["validate", str(mod / "pipe.yaml")]) == 1
    assert "not an ordinary file" in capsys.readouterr().out
    assert main(["run", "--scenario", str(mod / "pipe.yaml")]) == 2
    assert "not an ordinary file" in capsys.readouterr().err


def test_a_device_given_as_a_scenario_is_one_line(capsys):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    assert main(["run", "--scenario", "/dev/zero"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "it is a device" in err


def test_the_desktop_list_applies_the_same_rule(mods, outside):
    from game.ui.library import _scan, scenario_dirs

    mod = make_mod(mods)
    (mod / "stolen.yaml").symlink_to(outside / "stolen.yaml")
    os.mkfifo(mod / "pipe.yaml")
    entries = _scan(scenario_dirs())
    broken = {e.path.name: e.error.first_line() for e in entries if e.scenario is None}
    assert "link leading outside" in broken["stolen.yaml"] and "named pipe" in broken["pipe.yaml"]


@pytest.mark.parametrize("seed", ["9" * 5000, str(2**64)])
def test_a_scenario_seed_beyond_64_bits_is_one_line_at_its_place(tmp_path, capsys, seed):
    path = tmp_path / "s.yaml"
    text = scenario_text("big_seed").replace("  seed: 1\n", f"  seed: {seed}\n", 1)
    path.write_text(text)
    seed_line = text.splitlines().index(f"  seed: {seed}") + 1
    assert main(["validate", str(path)]) == 1
    (line,) = [x for x in capsys.readouterr().out.splitlines() if ": error: " in x]
    assert line.startswith(f"{path}:{seed_line}:") and len(line) < 300
