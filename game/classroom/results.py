"""Result files: one small JSON document per finished game, for a teacher to collect.

A result says who played which scenario on which seed, how the game ended, the key figures at
the end, and the decisions taken (readable, quarter by quarter). It also carries the full list
of actions, so `debrief` can rebuild the game from a result alone. The format is the pydantic
model `ResultFile` (format "seven-trillion-result", `schema_version` 1); `result_json_schema()`
exports it as JSON Schema. TEACHING.md describes every field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from game.core.actions import Action, Choose, EndQuarter
from game.core.facts import told_went_well
from game.core.history import RULES_VERSION, Event
from game.core.session import Game
from game.saves.store import (
    MAX_TURNS,
    Figure,
    bad_number,
    damage,
    data_dir,
    parse_json,
    write_atomic,
)
from game.scenario.files import FileRefused, read_regular_file
from game.scenario.loader import scenario_hash
from game.scenario.schema import ID_PATTERN, SEED_LIMIT
from game.text.catalog import t
from game.text.words import Words

RESULT_FORMAT = "seven-trillion-result"
RESULT_SCHEMA_VERSION = 2  # 2: the history of moves and chance outcomes, and the rules version
MAX_RESULT_BYTES = 5_000_000
MAX_PLAYER_CHARS = 80


class ResultError(Exception):
    """A result file could not be read or written; the message says why, in one sentence."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ScenarioRef(_Model):
    """Which scenario was played."""

    id: str = Field(pattern=ID_PATTERN, max_length=48, description="The scenario's id (meta.id).")
    title: str = Field(max_length=200, description="The scenario's title.")
    hash: str = Field(max_length=64, description="Content hash of the scenario, to spot a changed file.")
    path: str | None = Field(
        None,
        exclude=True,
        description="Ignored: older files named the scenario's file here; a result never names a file to read.",
    )

    @field_validator("path", mode="before")
    @classmethod
    def _never_a_path(cls, v: object) -> None:
        return None  # read from old files, never used: the scenario is found by id and hash


class Outcome(_Model):
    """How the game ended."""

    result: Literal["won", "lost", "unfinished"] = Field(description="won, lost, or unfinished.")
    id: str | None = Field(description="The goal or ending reached (time_up when the calendar ran out).")
    title: str = Field("", description="Its headline, e.g. 'Out of cash'.")
    text: str = Field("", description="The sentence the player read at the end.")
    quarters_played: StrictInt = Field(ge=0, le=MAX_TURNS, description="Quarters finished.")
    last_quarter: str = Field(description="The last quarter reached, e.g. 'Q4 2025'.")


class Decision(_Model):
    """One thing the player did (ending a quarter is not counted)."""

    turn: StrictInt = Field(ge=0, le=MAX_TURNS, description="Quarters since the scenario's start.")
    quarter: str = Field(description="The quarter, e.g. 'Q1 2024'.")
    kind: str = Field(description="travel, pitch, sign, launch_model, operations, choose, ...")
    label: str = Field(description="The decision in the game's words: 'Pitch 43 $B at Abu Dhabi'.")
    outcome: str = Field("", description="What came of it, when chance decided (odds included).")
    went_well: bool | None = Field(None, description="When chance decided: whether it went well (a yes, a deal through, a clean launch).")


class CardSeen(_Model):
    """An event card drawn, and the answer given."""

    turn: StrictInt = Field(ge=0, le=MAX_TURNS, description="Quarters since the scenario's start.")
    quarter: str
    card: str = Field(description="The card's id.")
    title: str
    choice: str | None = Field(None, description="The answer chosen, if the card asked for one.")


class RaceMove(_Model):
    """One move of a race of labs: which seat made it, and what."""

    seat: StrictInt = Field(ge=0, le=3, description="The lab's seat (0 is the scenario's own lab).")
    action: Action


class RaceLab(_Model):
    """One lab of a race, as it ended."""

    id: str = Field(pattern=ID_PATTERN, max_length=48, description="The lab's id ('you' for the scenario's own lab).")
    name: str = Field(max_length=80, description="Its name on the board.")
    team: str = Field("", max_length=MAX_PLAYER_CHARS, description="The team that played it ('' for a bot).")
    bot: str = Field("", max_length=40, description="The bot that played it ('' for a team).")
    result: Literal["won", "lost", "unfinished"]
    ending: str | None = Field(description="The goal or ending it reached (rival_won, common_fate id, best_standing, ...).")
    title: str = Field("", description="Its headline.")
    standing: Figure = Field(description="Its standing figure at the end (the scenario's labs: standing).")
    figures: dict[str, Figure] = Field(description="Its key figures at the end.")


class Race(_Model):
    """The race of labs a result comes from: every lab side by side, and the moves that replay it."""

    id: str = Field(max_length=120, description="Shared by the result files of one race (scenario, seed, when it ended).")
    lab: str = Field(pattern=ID_PATTERN, max_length=48, description="The lab this file's team played.")
    labs: list[RaceLab] = Field(min_length=2, max_length=4, description="Every lab, by seat.")
    winner: str | None = Field(description="The winning lab's id, or null.")
    standing: str = Field(max_length=48, description="The figure that ranks the labs (valuation_busd...).")
    common_fate: Figure | None = Field(None, description="The common fate's last value (0-10), if the scenario has one.")
    fate_collapsed: bool = Field(False, description="Whether the common fate collapsed (every lab lost).")
    moves: list[RaceMove] = Field(description="Every lab's moves in order: with the seed, they replay the race.")


class ResultFile(_Model):
    """A finished (or stopped) game, as a teacher collects it."""

    format: Literal["seven-trillion-result"] = Field(description="Marks the file as a result.")
    schema_version: StrictInt = Field(ge=1, le=RESULT_SCHEMA_VERSION, description="Version of this format (2; 1 had the moves alone).")
    written_at: str = Field(description="When the file was written, ISO 8601 UTC.")
    player: str = Field("", max_length=MAX_PLAYER_CHARS, description="Player or team name.")
    scenario: ScenarioRef
    seed: StrictInt = Field(ge=0, lt=SEED_LIMIT, description="The seed of the game: same seed, same cards and dice.")
    outcome: Outcome
    figures: dict[str, Figure] = Field(
        min_length=1, description="Key figures at the end (cash_busd, power_gw, ...), each finite, within +-1e12."
    )
    decisions: list[Decision] = Field(description="Every decision, in order.")
    cards: list[CardSeen] = Field(description="Every card drawn, in order.")
    actions: list[Action] = Field(description="The full action list: with the seed, it replays the game.")
    rules_version: StrictInt = Field(1, ge=0, le=SEED_LIMIT, description="The rules the game was played under (1: chance drawn again on replay).")
    history: list[Event] | None = Field(None, description="Every move and chance outcome, in order (rules version 2 on).")
    race: Race | None = Field(None, description="For one lab of a race of several labs: the race (then `actions` are this lab's own).")


def result_of(game: Game, player: str = "", scenario_path: str | None = None) -> ResultFile:
    """The result document of a game (finished or not)."""
    decisions: list[Decision] = []
    say = Words(game.scenario, game.c)
    cards: list[CardSeen] = []
    events = {e.id: e for e in game.scenario.events}
    for rec in game.quarters:
        card = events.get(rec.card) if rec.card is not None else None
        if card is not None:
            choice = card.choices[rec.choice].label if rec.choice is not None and rec.choice < len(card.choices) else None
            cards.append(CardSeen(turn=rec.turn, quarter=rec.date, card=card.id, title=card.title, choice=choice))
        for action, label, told in zip(rec.actions, rec.labels, rec.told, strict=True):
            if isinstance(action, EndQuarter):
                continue
            text = say.say(label)
            if isinstance(action, Choose) and card is not None and action.option < len(card.choices):
                text = t("common.labelled", label=card.title, text=card.choices[action.option].label)
            decisions.append(
                Decision(turn=rec.turn, quarter=rec.date, kind=action.kind, label=text, outcome=say.result(told),
                         went_well=told_went_well(told))
            )
    finished = sum(1 for q in game.quarters if q.tracks)
    result = game.outcome or "unfinished"
    figures = dict(game.figures())
    figures["burn_busd_per_year"] = round(game.track("burn_busd_per_year"), 4)
    return ResultFile(
        format=RESULT_FORMAT,
        schema_version=RESULT_SCHEMA_VERSION,
        written_at=datetime.now(UTC).isoformat(timespec="seconds"),
        player=_clean_player(player),
        scenario=ScenarioRef(
            id=game.scenario.meta.id,
            title=game.scenario.meta.title,
            hash=scenario_hash(game.scenario),
        ),
        seed=game.seed,
        outcome=Outcome(
            result=result,
            id=game.outcome_id,
            title=outcome_title(game),
            text=say.outcome_reason(game),
            quarters_played=finished,
            last_quarter=game.quarters[-1].date if game.quarters else game.date,
        ),
        figures=figures,
        decisions=decisions,
        cards=cards,
        actions=list(game.actions),
        rules_version=RULES_VERSION,
        history=list(game.history),
    )


def outcome_title(game: Game) -> str:
    """The headline of how a game ended ('Out of cash', 'Time ran out'); '' while it goes on."""
    return Words(game.scenario, game.c).ending_title(game.outcome_id) if game.over else ""


def _clean_player(name: str) -> str:
    name = " ".join(str(name).split())
    return name[:MAX_PLAYER_CHARS]


def write_result(game: Game, path: str | Path, player: str = "", scenario_path: str | None = None) -> Path:
    """Write the game's result file (atomically); raise ResultError with a sentence on failure.

    The path must name a file in a folder that exists: a folder given as the path is refused
    (never replaced), and a missing folder is not made up. The file it replaces is kept as .bak."""
    path = Path(path)
    try:
        doc = result_of(game, player, scenario_path)
    except ValidationError as e:  # a value no result file may hold; the game itself goes on
        raise ResultError(f"could not write the result file {path}: the game holds a value a result cannot keep ({damage(e)})") from None
    try:
        write_atomic(path, doc.model_dump_json(indent=1))
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise ResultError(f"could not write the result file {path}: {why}") from None
    return path


def results_folder() -> Path:
    """Where finished games leave their result files for the teacher (the desktop's folder too)."""
    return data_dir() / "results"


def _slug(text: str, limit: int = 32) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")


def result_file_name(game: Game, player: str, stamp: str | None = None) -> str:
    """'<team>-<scenario>-<when>.json' (with the seed when there is no name), as the desktop names it."""
    stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    who = _slug(player) or f"seed{game.seed}"
    return f"{who}-{_slug(game.scenario.meta.id, 40) or 'scenario'}-{stamp}.json"


def write_team_result(game: Game, team: str, where: str | Path | None = None, scenario_path: str | None = None) -> Path:
    """Write a finished game's result under a team name: to `where` (a .json file, or a folder
    that is made if missing), else into the results folder. Raises ResultError."""
    target = Path(where) if where else results_folder()
    if target.suffix.lower() != ".json":
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ResultError(f"could not write the result file into {target}: {e.strerror or e}") from None
        target = target / result_file_name(game, team)
    return write_result(game, target, player=team, scenario_path=scenario_path)


def is_result_document(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == RESULT_FORMAT


def read_result(path: str | Path) -> ResultFile:
    """Read and check a result file; raise ResultError with a sentence a teacher can act on."""
    path = Path(path)
    if path.is_dir():
        raise ResultError(f"{path}: this is a folder, not a result file; give a .json result file inside it")
    try:
        raw = read_regular_file(path, MAX_RESULT_BYTES)
    except FileRefused as e:
        raise ResultError(f"{path}: not read: {e}; a result file is an ordinary .json file") from None
    except (FileNotFoundError, NotADirectoryError) as e:
        raise ResultError(f"{path}: cannot open it ({e.strerror or e})") from None
    except OSError as e:
        raise ResultError(f"{path}: cannot read it ({e.strerror or e})") from None
    try:
        data = parse_json(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError:
        raise ResultError(f"{path}: not a text file, so not a result file") from None
    except json.JSONDecodeError as e:
        raise ResultError(f"{path}: damaged (not valid JSON at line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise ResultError(f"{path}: damaged (nested far deeper than any result file)") from None
    except ValueError as e:  # thousands of digits, NaN, Infinity
        raise ResultError(f"{path}: damaged ({e})") from None
    return parse_result(data, str(path))


def parse_result(data: object, where: str = "result") -> ResultFile:
    """Check an already-parsed JSON document as a result file: impossible values (a version
    below 1, a negative seed or turn, a figure that is not a number) are damage."""
    if not is_result_document(data):
        raise ResultError(f"{where}: this is not a Seven Trillion result file")
    assert isinstance(data, dict)
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > RESULT_SCHEMA_VERSION:
        raise ResultError(
            f"{where}: written by a newer version of the game (result format {version}, this "
            f"game reads up to {RESULT_SCHEMA_VERSION})"
        )
    bad = bad_number(data)
    if bad:
        raise ResultError(f"{where}: damaged at {bad}")
    try:
        return ResultFile.model_validate(_migrate(data))
    except ValidationError as e:
        raise ResultError(f"{where}: damaged at {damage(e)}") from None


# How a format 1 result said what chance made of a move: the only place the game reads its own
# old sentences, to bring files written before `went_well` existed up to format 2.
_FORMAT_1_OUTCOMES = {"investors said yes": True, "it went through": True, "launched, not rushed": True,
                      "investors said no": False, "it fell through": False, "the launch was rushed": False}


def _migrate(data: dict) -> dict:
    """A format 1 result as format 2: each decision's `went_well` read from its outcome."""
    version = data.get("schema_version")
    if type(version) is not int or version != 1:  # True is not 1 here: a flag is damage
        return data
    decisions = []
    for d in data.get("decisions") or []:
        if isinstance(d, dict) and "went_well" not in d:
            said = str(d.get("outcome", ""))
            d = {**d, "went_well": next((v for k, v in _FORMAT_1_OUTCOMES.items() if said.startswith(k)), None)}
        decisions.append(d)
    return {**data, "decisions": decisions, "schema_version": 2}


def result_json_schema() -> dict:
    """The JSON Schema of result files (for teachers' own tools)."""
    return ResultFile.model_json_schema()

