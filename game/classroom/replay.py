"""Rebuilding a game from a save or a result file, for the debrief.

Both kinds of file hold the recipe of a game (scenario id and hash, seed, actions). The scenario
is looked up by its id among the shipped scenarios, the installed mods and the given folders; a
file never names a file to read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.results import ResultError, ResultFile, is_result_document, parse_result
from game.core.match import Match
from game.core.session import Game, IllegalAction
from game.saves.store import (
    MAX_SAVE_BYTES,
    SAVE_FORMAT,
    SaveError,
    load_game,
    replay_recorded,
    rules_refusal,
)
from game.scenario.files import FileRefused, read_regular_file
from game.scenario.loader import ScenarioError
from game.scenario.registry import BUILTIN_DIR, UnknownScenario, discover, resolve_id
from game.scenario.schema import Scenario
from game.scenario.translation import translate
from game.text.catalog import language
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


def find_scenario(scenario_id: str, scenario_path: str | None = None, dirs: list[Path] | None = None, want_hash: str | None = None) -> Scenario:
    """The scenario a file was played on, by its id (and content hash) among the shipped
    scenarios, the installed mods and `dirs`. A save or result file never names a file to
    read: scenario_path (recorded by older versions) is ignored, whatever it holds."""
    try:
        return _in_language(resolve_id(scenario_id, dirs or [BUILTIN_DIR], want_hash=want_hash))
    except UnknownScenario as e:
        raise ReplayError(f'the scenario "{_short(scenario_id)}" is not available: {e}') from None
    except ScenarioError as e:
        raise ReplayError(f'the scenario "{scenario_id}" has errors: {_first_line(e)}') from None


class ScenarioFinder:
    """find_scenario for many files at once: the folders are scanned once, and each scenario
    (or the reason it cannot be had) is kept by id and hash."""

    def __init__(self, dirs: list[Path] | None = None):
        self.dirs = dirs or [BUILTIN_DIR]
        self._entries: list | None = None
        self._found: dict[tuple[str, str | None], Scenario | ReplayError] = {}

    def __call__(self, scenario_id: str, want_hash: str | None = None) -> Scenario:
        key = (scenario_id, want_hash)
        if key not in self._found:
            if self._entries is None:
                self._entries = discover(self.dirs)
            try:
                self._found[key] = _in_language(resolve_id(scenario_id, want_hash=want_hash, entries=self._entries))
            except UnknownScenario as e:
                self._found[key] = ReplayError(f'the scenario "{_short(scenario_id)}" is not available: {e}')
            except ScenarioError as e:
                self._found[key] = ReplayError(f'the scenario "{scenario_id}" has errors: {_first_line(e)}')
        found = self._found[key]
        if isinstance(found, ReplayError):
            raise found
        return found


def _in_language(scenario: Scenario) -> Scenario:
    """The scenario with its texts in the language in use: a debrief of a French game is French."""
    from game.scenario.translation import translate
    from game.text.catalog import language

    return translate(scenario, language())


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 4] + "..."


def _first_line(e: ScenarioError) -> str:
    more = len(e.errors) - 1
    return e.first_line() + (f" (and {more} more problem(s); run validate on it)" if more > 0 else "")


def load_any(path: str | Path, dirs: list[Path] | None = None) -> Loaded:
    """A game from a save file or a result file (the kind is read from the file itself)."""
    from game.saves.store import parse_json

    path = Path(path)
    if path.is_dir():
        raise ReplayError(f"{path}: this is a folder; give a save or result file inside it")
    try:
        raw = read_regular_file(path, MAX_SAVE_BYTES)
    except FileRefused as e:
        raise ReplayError(f"{path}: not read: {e}; a save or result file is an ordinary .json file") from None
    except FileNotFoundError:
        raise ReplayError(f"{path}: no such file") from None
    except OSError as e:
        raise ReplayError(f"{path}: cannot read it ({e.strerror or e})") from None
    try:
        data = parse_json(raw.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReplayError(f"{path}: not a save or a result file (it is not JSON)") from None
    except RecursionError:
        raise ReplayError(f"{path}: damaged (nested far deeper than any save or result file)") from None
    except ValueError as e:  # thousands of digits, NaN, Infinity
        raise ReplayError(f"{path}: damaged ({e})") from None
    if isinstance(data, dict) and data.get("format") == SAVE_FORMAT:
        return _from_save(path, dirs)
    if is_result_document(data):
        return _from_result(path, data, dirs)
    raise ReplayError(f"{path}: not a Seven Trillion save or result file")


def _from_save(path: Path, dirs: list[Path] | None) -> Loaded:
    from game.saves.store import read_save

    try:
        doc = read_save(path)
        game, warnings = load_game(path, lambda sid, _: _in_language(resolve_id(sid, dirs or [BUILTIN_DIR], want_hash=doc.scenario_hash)))
    except SaveError as e:
        raise ReplayError(str(e)) from None
    return Loaded(game, doc.player, "save", None, list(warnings))


def _from_result(path: Path, data: dict, dirs: list[Path] | None) -> Loaded:
    try:
        doc = parse_result(data, str(path))
    except ResultError as e:
        raise ReplayError(str(e)) from None
    if doc.race is not None:
        raise ReplayError(
            f"{path}: this result is one lab ({doc.race.lab}) of a race of {len(doc.race.labs)} labs; a debrief replays "
            "one lab's game alone, so compare the teams of the race with the class report instead: "
            "python -m game class-report FILES_OR_FOLDER --out DIR"
        )
    try:
        scenario = find_scenario(doc.scenario.id, None, dirs, doc.scenario.hash)
    except ReplayError as e:
        raise ReplayError(f"{path}: {e}") from None
    refusal = rules_refusal(doc.rules_version)
    if refusal:
        raise ReplayError(f"{path}: {refusal}")
    try:
        game, warnings = replay_recorded(scenario, doc.scenario.hash, doc.seed, doc.actions, doc.history)
    except IllegalAction as e:
        raise ReplayError(f"{path}: the recorded moves no longer fit the scenario: {_short(Words(scenario).say(e.why), 300)}") from None
    except (ValueError, ArithmeticError) as e:
        raise ReplayError(f"{path}: the recorded moves cannot be replayed ({_short(str(e), 300)})") from None
    differs = mismatch(doc, game)
    if differs:
        warnings.append(f"This result file does not match a replay of its moves ({differs}); the debrief shows the replayed game.")
    return Loaded(game, doc.player, "result", None, warnings)


EDITED = "edited or from another version of the scenario"


def mismatch(doc: ResultFile, game: Game) -> str | None:
    """How a result file's claims differ from the game its moves give (None when they agree):
    the outcome, the quarters played and every figure are compared."""
    from game.classroom.results import result_of

    try:
        fresh = result_of(game, doc.player)
    except (ValueError, ArithmeticError) as e:
        return f"its moves cannot be replayed ({e})"
    claimed, real = doc.outcome, fresh.outcome
    if (claimed.result, claimed.id) != (real.result, real.id):
        return f"it says {claimed.result} ({claimed.id}), but replaying its moves gives {real.result} ({real.id})"
    if claimed.quarters_played != real.quarters_played:
        return f"it says {claimed.quarters_played} quarters played, but replaying its moves gives {real.quarters_played}"
    for key in sorted(set(doc.figures) | set(fresh.figures)):
        said, got = doc.figures.get(key), fresh.figures.get(key)
        if said is None or got is None or not math.isclose(said, got, rel_tol=1e-6, abs_tol=1e-6):
            said_text = "nothing" if said is None else f"{said:,.4g}"
            got_text = "nothing" if got is None else f"{got:,.4g}"
            return f"its figure {key} says {said_text}, but replaying its moves gives {got_text}"
    return None


def replay_mismatch(doc: ResultFile, finder: ScenarioFinder) -> str | None:
    """Why a result file cannot be counted as it claims (None when a replay of its moves gives
    its outcome and figures): a teacher's report counts only what the moves really gave, so a
    lost game edited to 'won' is not a win."""
    return replay_result(doc, finder)[1]


def replay_result(doc: ResultFile, finder: ScenarioFinder) -> tuple[Game | Match | None, str | None]:
    """The game a result file's moves give (the whole race, for a team's file of a race), on
    its scenario in the language in use, and why it cannot be counted as it claims (None when
    the replay gives its outcome and figures)."""
    try:
        scenario = translate(finder(doc.scenario.id, doc.scenario.hash), language())
    except ReplayError as e:
        return None, f"cannot check it by replaying its moves: {e}; add the scenario's folder with --mods"
    refusal = rules_refusal(doc.rules_version)
    if refusal:
        return None, f"cannot check it: {refusal}; not counted"
    if doc.race is not None:
        return _race_replay(doc, scenario)
    try:
        game, _ = replay_recorded(scenario, doc.scenario.hash, doc.seed, doc.actions, doc.history)
    except IllegalAction as e:
        return None, f"{EDITED}: its moves do not fit the scenario ({_short(Words(scenario).say(e.why), 300)}); not counted"
    except (ValueError, ArithmeticError) as e:
        return None, f"{EDITED}: its moves cannot be replayed ({_short(str(e), 300)}); not counted"
    differs = mismatch(doc, game)
    return (None, f"{EDITED}: {differs}; not counted") if differs else (game, None)


def _race_replay(doc: ResultFile, scenario) -> tuple[Match | None, str | None]:
    """A team's file of a race: the race its seed and every lab's moves give, and why the file
    cannot be counted as it claims (None when the replay gives what it says)."""
    from game.classroom.race import race_mismatch, replay_race

    try:
        match = replay_race(scenario, doc)
    except IllegalAction as e:
        return None, f"{EDITED}: the race's moves do not fit the scenario ({_short(Words(scenario).say(e.why), 300)}); not counted"
    except (ValueError, ArithmeticError) as e:
        return None, f"{EDITED}: the race's moves cannot be replayed ({_short(str(e), 300)}); not counted"
    differs = race_mismatch(doc, match)
    return (None, f"{EDITED}: {differs}; not counted") if differs else (match, None)
