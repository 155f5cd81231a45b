"""Installed mods are checked once and remembered until one of their files changes."""

from __future__ import annotations

import os
import shutil

from game.scenario import registry
from game.scenario.registry import BUILTIN_DIR, discover

EXAMPLE = BUILTIN_DIR / "examples" / "harsher_grid"


def _install(home, n: int) -> list:
    folders = []
    for i in range(n):
        folder = home / "mods" / f"m{i}"
        shutil.copytree(EXAMPLE, folder)
        (folder / "mod.yaml").write_text((folder / "mod.yaml").read_text().replace("id: harsher_grid", f"id: mod_{i}", 1))
        scenario = folder / "harsher_grid.yaml"
        scenario.write_text(scenario.read_text().replace("  id: harsher_grid", f"  id: harsher_grid_{i}", 1))
        folders.append(folder)
    return folders


def _counting(monkeypatch) -> list:
    checked = []
    real = registry.check_file

    def check_file(path, *args, **kwargs):
        checked.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(registry, "check_file", check_file)
    return checked


def test_a_mod_is_checked_once_then_listed_from_what_was_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    _install(tmp_path, 3)
    first = discover()
    checked = _counting(monkeypatch)
    again = discover()
    assert not [p for p in checked if "mods" in p.parts]  # no mod file checked a second time
    mods = [e for e in again if "mods" in e.path.parts]
    assert len(mods) == 3 and all(e.ok for e in mods)
    assert {e.id for e in mods} == {e.id for e in first if "mods" in e.path.parts}
    assert mods[0].scenario.meta.id == mods[0].id  # read from its file when asked for


def test_a_changed_mod_is_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    folders = _install(tmp_path, 2)
    discover()
    scenario = folders[1] / "harsher_grid.yaml"
    scenario.write_text(scenario.read_text().replace("  id: harsher_grid_1", "  id: Not An Id", 1))
    st = scenario.stat()
    os.utime(scenario, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    checked = _counting(monkeypatch)
    entries = {e.path: e for e in discover()}
    assert [p for p in checked if "mods" in p.parts] == [scenario]  # only the changed mod
    assert not entries[scenario].ok and entries[scenario].error is not None


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    _install(tmp_path, 1)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "mods.json").write_text('{"signature": 1, "folders": [')
    assert [e for e in discover() if "mods" in e.path.parts][0].ok
