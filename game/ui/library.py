"""Finding scenarios and saves for the desktop game: shipped scenarios, mods, slots, autosaves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.core.session import Game
from game.saves.store import data_dir, saves_dir
from game.scenario.registry import (
    BUILTIN_DIR,
    DEFAULT_SCENARIO,
    Entry,
    discover,
    resolve,
    resolve_id,
)
from game.scenario.schema import Scenario
from game.scenario.translation import translate
from game.text.catalog import language

SLOTS = 6


def scenario_dirs(mods: list[Path] | None = None) -> list[Path]:
    """Where scenarios are looked for: the shipped ones, the user's mods, then any named folder."""
    dirs = [BUILTIN_DIR]
    user_mods = data_dir() / "mods"
    if user_mods.is_dir():
        dirs.append(user_mods)
    for m in mods or []:
        if Path(m).exists() and Path(m) not in dirs:
            dirs.append(Path(m))
    return dirs


_ENTRIES: dict[tuple, list[Entry]] = {}


def _fingerprint(dirs: list[Path]) -> tuple:
    """Every file under the scenario folders, with its size and time: changes when one does."""
    out = []
    for d in dirs:
        files = [d] if d.is_file() else sorted(p for p in d.rglob("*") if p.is_file()) if d.is_dir() else []
        for p in files:
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def scenario_entries(mods: list[Path] | None = None) -> list[Entry]:
    """Every scenario found, the default first; a mod with the same id replaces the original.

    Checking every file takes about half a second, so the list is kept until a file under the
    scenario folders changes (the main menu and the new-campaign screen open instantly)."""
    dirs = scenario_dirs(mods)
    key = (tuple(str(d) for d in dirs), _fingerprint(dirs))
    cached = _ENTRIES.get(key)
    if cached is not None:
        return [e.in_language(language()) for e in cached]
    entries = _scan(dirs)
    _ENTRIES.clear()
    _ENTRIES[key] = entries
    return [e.in_language(language()) for e in entries]


def _scan(dirs: list[Path]) -> list[Entry]:
    by_key: dict[str, Entry] = {}
    for e in discover(dirs):
        key = e.id if e.ok else str(e.path)
        by_key[key] = e
    entries = list(by_key.values())
    entries.sort(key=lambda e: (e.id != DEFAULT_SCENARIO, not e.ok, e.meta.title if e.ok else e.path.name))
    return entries


def entry_for(name: str | None, mods: list[Path] | None = None) -> Entry:
    """The entry for a scenario id, stem or path (the default one if name is None)."""
    name = name or DEFAULT_SCENARIO
    for e in scenario_entries(mods):
        if e.ok and (e.id == name or e.path.stem == name or str(e.path) == name) and e.scenario is not None:
            return e
    path = Path(name)
    scenario = translate(resolve(name, scenario_dirs(mods)), language())
    return Entry(path if path.exists() else BUILTIN_DIR / f"{name}.yaml", scenario, None)


def finder(mods: list[Path] | None = None) -> Callable[[str, str | None], Scenario]:
    """The find_scenario function load_game needs: by id among the shipped scenarios and the
    mods; a save never names a file to read."""

    def find(scenario_id: str, _path: str | None) -> Scenario:
        return translate(resolve_id(scenario_id, scenario_dirs(mods)), language())

    return find


def new_game(scenario: Scenario, seed: int | None) -> Game:
    return Game(scenario, scenario.meta.seed if seed is None else seed)


def slot_path(n: int) -> Path:
    return saves_dir() / f"slot-{n}.json"
