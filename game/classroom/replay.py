"""Rebuilding a game from a save or a result file, for the debrief.

Both kinds of file hold the recipe of a game (scenario id and path, seed, actions). The scenario
is looked up by its recorded path first, then by id among the given folders.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.results import ResultError, is_result_document, parse_result
from game.core.session import Game, IllegalAction
from game.saves.store import MAX_SAVE_BYTES, SAVE_FORMAT, SaveError, load_game, replay_recorded
from game.scenario.loader import ScenarioError, load_scenario_file
from game.scenario.registry import BUILTIN_DIR, UnknownScenario, resolve
from game.scenario.schema import Scenario
from game.text.words import Words


class ReplayError(Exception):
    """The file could not be turned back into a game; the message says why."""


@dataclass
class Loaded:
    game: Game
    player: str
    kind: str  # "save" or "result"
    scenario_path: str | None
    warnings: list[str] = field(default_factory=list)


def find_scenario(scenario_id: str, scenario_path: str | None, dirs: list[Path] | None = None) -> Scenario:
    """The scenario a file was played on: its recorded path if it still exists, else by id.

    A recorded path that is now something other than a scenario file (a folder, a broken file)
    is refused, as `play` refuses it, rather than quietly swapped for another scenario."""
    if scenario_path:
        p = Path(scenario_path)
        if p.is_dir():
            raise ReplayError(
                f'the path recorded for the scenario "{scenario_id}", {scenario_path}, is a folder, '
                "not a scenario file; put the scenario file back there, or remove the recorded "
                "path from the file to look the scenario up by its id"
            )
        if p.exists():
            try:
                return load_scenario_file(p)
            except ScenarioError as e:
                raise ReplayError(f"the scenario file {scenario_path} has errors: {_first_line(e)}") from None
            except OSError as e:
                raise ReplayError(f"cannot read the scenario file {scenario_path} ({e.strerror or e})") from None
    try:
        return resolve(scenario_id, dirs or [BUILTIN_DIR])
    except UnknownScenario as e:
        raise ReplayError(f'the scenario "{scenario_id}" is not available: {e}') from None
    except ScenarioError as e:
        raise ReplayError(f'the scenario "{scenario_id}" has errors: {_first_line(e)}') from None


def _first_line(e: ScenarioError) -> str:
    more = len(e.errors) - 1
    return e.first_line() + (f" (and {more} more problem(s); run validate on it)" if more > 0 else "")


def load_any(path: str | Path, dirs: list[Path] | None = None) -> Loaded:
    """A game from a save file or a result file (the kind is read from the file itself)."""
    path = Path(path)
    if path.is_dir():
        raise ReplayError(f"{path}: this is a folder; give a save or result file inside it")
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise ReplayError(f"{path}: far too big for a save or a result file")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ReplayError(f"{path}: no such file") from None
    except OSError as e:
        raise ReplayError(f"{path}: cannot read it ({e.strerror or e})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReplayError(f"{path}: not a save or a result file (it is not JSON)") from None
    except RecursionError:
        raise ReplayError(f"{path}: damaged (nested far deeper than any save or result file)") from None
    if isinstance(data, dict) and data.get("format") == SAVE_FORMAT:
        return _from_save(path, dirs)
    if is_result_document(data):
        return _from_result(path, data, dirs)
    raise ReplayError(f"{path}: not a Seven Trillion save or result file")


def _from_save(path: Path, dirs: list[Path] | None) -> Loaded:
    from game.saves.store import read_save

    try:
        doc = read_save(path)
        game, warnings = load_game(path, lambda sid, spath: find_scenario(sid, spath, dirs))
    except SaveError as e:
        raise ReplayError(str(e)) from None
    return Loaded(game, doc.player, "save", doc.scenario_path, list(warnings))


def _from_result(path: Path, data: dict, dirs: list[Path] | None) -> Loaded:
    try:
        doc = parse_result(data, str(path))
    except ResultError as e:
        raise ReplayError(str(e)) from None
    try:
        scenario = find_scenario(doc.scenario.id, doc.scenario.path, dirs)
    except ReplayError as e:
        raise ReplayError(f"{path}: {e}") from None
    try:
        game, warnings = replay_recorded(scenario, doc.scenario.hash, doc.seed, doc.actions)
    except IllegalAction as e:
        raise ReplayError(f"{path}: the recorded moves no longer fit the scenario: {Words(scenario).say(e.why)}") from None
    if game.outcome_id != doc.outcome.id and not warnings:
        warnings.append("Replaying the recorded moves gives a different ending than the file says.")
    return Loaded(game, doc.player, "result", doc.scenario.path, warnings)
