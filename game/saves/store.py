"""Saved games: versioned JSON files holding seed, history and a snapshot, written atomically.

A save is the game's recipe (scenario id and hash, seed, the rules version and the history: every
move and every chance outcome) plus a snapshot of the figures, used to check that replaying the
recipe gives the same game. Because the outcomes are recorded, a save still loads after the
engine changes the order of its random draws; a save from rules this game cannot replay gets
one sentence and stays as it is. Writing goes through a
temporary file, fsync and an atomic rename, and the previous file is kept as `.bak`. A file that
is corrupt, foreign or from a newer game raises `SaveError` with a sentence to show, and nothing
on disk is touched.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from game.core.actions import Action
from game.core.history import RULES_VERSION, Event, MoveTaken
from game.core.match import Match, MatchRecord
from game.core.session import Game, IllegalAction
from game.scenario.files import FileRefused, read_regular_file
from game.scenario.loader import scenario_hash
from game.scenario.report import ScenarioError
from game.scenario.schema import ID_PATTERN, SEED_LIMIT, Scenario
from game.text.words import Words

SAVE_FORMAT = "seven-trillion-save"
SAVE_VERSION = 2  # 1: seed and actions; 2: the history of moves and chance outcomes, and the rules version
MATCH_SAVE_VERSION = 3  # 3: a race of several labs (`match`: the seat of each move, every lab's figures)
READ_VERSION = MATCH_SAVE_VERSION  # the newest save format this game reads
MAX_SAVE_BYTES = 20_000_000
AUTOSAVE_KEEP = 5
# Bounds on the numbers a save or result file may hold: far beyond any real game, far below
# what breaks arithmetic. A figure is in $B, GW, points or percent; no game reaches 1e12 of any.
MAX_FIGURE = 1e12
MAX_INT = SEED_LIMIT  # no count, turn or seed in a file reaches 2**63
MAX_TURNS = 10_000
MAX_LABEL_CHARS = 200
MAX_TEXT_CHARS = 5_000  # no text the game writes (an ending's sentence included) comes near
MAX_PLAYER_CHARS = 80
Figure = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_FIGURE, le=MAX_FIGURE)]


class SaveError(Exception):
    """A save could not be read or written; the message says why, for a player."""


class Snapshot(BaseModel):
    model_config = ConfigDict(extra="forbid")
    turn: StrictInt = Field(ge=0, le=MAX_TURNS)
    date: str = Field(max_length=40)
    location: str = Field(max_length=80)
    outcome: str | None = Field(max_length=40)
    figures: dict[str, Figure]


class MatchPart(BaseModel):
    """What a save of a race of several labs adds: how many labs, who made each move, and every
    lab's figures (the snapshot's own figures are seat 1's)."""

    model_config = ConfigDict(extra="forbid")
    labs: StrictInt = Field(ge=2, le=4, description="How many labs race.")
    seats: list[Annotated[int, Field(ge=0, le=3, strict=True)]] = Field(description="The seat of each move of `actions`, in order.")
    players: StrictInt = Field(ge=0, le=4, description="How many labs people play (the first ones); bots the rest.")
    lab_figures: list[dict[str, Figure]] = Field(description="Each lab's figures when saved, by seat.")


class SaveFile(BaseModel):
    """The JSON document of a save, format version 2 (3: a race of several labs, `match`)."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["seven-trillion-save"] = Field(description="Marks the file as a save.")
    version: StrictInt = Field(ge=1, le=READ_VERSION, description="Save format version.")
    scenario_id: str = Field(pattern=ID_PATTERN, max_length=48, description="The scenario's id, looked up among the installed ones.")
    scenario_hash: str = Field(max_length=64, description="Content hash of the scenario, to spot a changed file.")
    scenario_path: str | None = Field(
        None,
        exclude=True,
        description="Ignored: older saves named the scenario's file here; a save never names a file to read.",
    )
    seed: StrictInt = Field(ge=0, lt=SEED_LIMIT, description="The game's random seed.")
    label: str = Field("", max_length=MAX_LABEL_CHARS)
    player: str = Field("", max_length=MAX_PLAYER_CHARS)
    saved_at: str = Field(max_length=40)
    rules_version: StrictInt = Field(1, ge=0, le=MAX_INT, description="The rules the game was played under (1: chance drawn again on replay).")
    history: list[Event] | None = Field(None, description="Every move and chance outcome, in order (rules version 2 on).")
    actions: list[Action] = Field(default_factory=list, description="The moves (rules version 1; with a history, derived from it).")
    snapshot: Snapshot
    match: MatchPart | None = Field(None, description="A race of several labs (format version 3).")

    def moves(self) -> list[Action]:
        """The moves of the game, from its history when it has one."""
        if self.history is not None:
            return [e.action for e in self.history if isinstance(e, MoveTaken)]
        return list(self.actions)

    @field_validator("scenario_path", mode="before")
    @classmethod
    def _never_a_path(cls, v: object) -> None:
        return None  # read from old files, never used: the scenario is found by id and hash


def data_dir() -> Path:
    """The user's data folder (SEVEN_TRILLION_HOME overrides it, for tests and classrooms)."""
    env = os.environ.get("SEVEN_TRILLION_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("seven-trillion", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def snapshot_of(game: Game) -> Snapshot:
    return Snapshot(
        turn=game.turn,
        date=game.date,
        location=game.location,
        outcome=game.outcome,
        figures=game.figures(),
    )


def to_document(game: Game, label: str = "", player: str = "", scenario_path: str | None = None) -> SaveFile:
    """The save document of a game; scenario_path is accepted from older callers and ignored."""
    return SaveFile(
        format=SAVE_FORMAT,
        version=SAVE_VERSION,
        scenario_id=game.scenario.meta.id,
        scenario_hash=scenario_hash(game.scenario),
        seed=game.seed,
        label=(label or f"{game.scenario.meta.title}, {game.date}")[:MAX_LABEL_CHARS],
        player=player[:MAX_PLAYER_CHARS],
        saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        rules_version=RULES_VERSION,
        history=list(game.history),
        snapshot=snapshot_of(game),
    )


def write_atomic(path: Path, text: str, make_parents: bool = False) -> None:
    """Write text to path so that a crash leaves either the old file or the new one, whole.

    The file it replaces is kept as `.bak`. A folder in the way (at path, or where the `.bak`
    goes) is never replaced: that raises IsADirectoryError. The parent folder must exist unless
    make_parents (for the game's own folders; a path a player typed is not made up)."""
    if path.is_dir():
        raise IsADirectoryError(
            errno.EISDIR, f"it is a folder; give a file name such as {path / ('file' + (path.suffix or '.json'))}", str(path)
        )
    backup = path.with_suffix(path.suffix + ".bak")
    if backup.is_dir():
        raise IsADirectoryError(
            errno.EISDIR,
            f"a folder {backup} is in the way of the backup copy of the file it replaces; move that "
            "folder or give another file name",
            str(path),
        )
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        what = "is a file, not a folder" if path.parent.exists() else "does not exist"
        raise FileNotFoundError(
            errno.ENOENT,
            f"the folder {path.parent} {what}; create the folder first or give a path in a folder that exists",
            str(path),
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the mode of the file it replaces, or
        # a new file's usual mode, so a result in a shared class folder stays readable
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        if path.exists():
            os.replace(path, backup)
        os.replace(tmp, path)
        with contextlib.suppress(OSError):  # not every file system can sync a folder
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_game(game: Game, path: Path, label: str = "", player: str = "", scenario_path: str | None = None) -> Path:
    """Write a save; the game's own saves folder is made when missing, a folder a player
    named is not."""
    path = Path(path)
    try:
        doc = to_document(game, label, player, scenario_path)
    except ValidationError as e:
        # the game goes on; only this file is not written (nothing already saved is touched)
        raise SaveError(f"could not write the save {path}: the game holds a value a save cannot keep ({damage(e)})") from None
    try:
        write_atomic(path, doc.model_dump_json(indent=1), make_parents=_inside(path, data_dir()))
    except OSError as e:
        raise SaveError(f"could not write the save {path}: {e.strerror or e}") from None
    return path


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def read_save(path: Path) -> SaveFile:
    """Read and check a save file without replaying it. Only an ordinary file under the size
    limit is read; any damage (bad JSON, a number out of range, an unknown field) is a
    SaveError naming the file and the place."""
    path = Path(path)
    if path.is_dir():
        raise SaveError(f"{path}: this is a folder, not a save; give the path of a .json save inside it")
    try:
        raw = read_regular_file(path, MAX_SAVE_BYTES).decode("utf-8")
    except FileRefused as e:
        raise SaveError(f"{path}: not read: {e}; a save is an ordinary .json file") from None
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file{_backup_hint(path)}") from None
    except OSError as e:
        raise SaveError(f"{path}: cannot read it ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a text file, so not a Seven Trillion save") from None
    raw = raw.removeprefix("\ufeff")  # a byte-order mark left by an editor is not damage
    try:
        data = parse_json(raw)
    except json.JSONDecodeError as e:
        if _looks_like_scenario(path, raw):
            raise SaveError(
                f"{path}: this is a scenario file, not a save; start a game on it with "
                f"--scenario {path}"
            ) from None
        raise SaveError(
            f"{path}: the file is damaged (not valid JSON at line {e.lineno}, column {e.colno}); {_TRY_BACKUP}"
        ) from None
    except RecursionError:
        raise SaveError(f"{path}: the file is damaged (nested far deeper than any save); {_TRY_BACKUP}") from None
    except ValueError as e:  # a number with thousands of digits, NaN or Infinity
        raise SaveError(f"{path}: the file is damaged ({e}); {_TRY_BACKUP}") from None
    if isinstance(data, dict) and data.get("format") == "seven-trillion-result":
        raise SaveError(f"{path}: this is a result file, not a save; read it with `debrief` or `class-report`")
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{path}: this is not a Seven Trillion save")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > READ_VERSION:
        raise SaveError(
            f"{path}: saved by a newer version of the game (save format {version}, this game "
            f"reads up to {READ_VERSION}); update the game to load it"
        )
    bad = bad_number(data)
    if bad:
        raise SaveError(f"{path}: the save is damaged at {bad}; {_TRY_BACKUP}")
    data = migrate_save(data)
    try:
        return SaveFile.model_validate(data)
    except ValidationError as e:
        raise SaveError(f"{path}: the save is damaged at {damage(e)}; {_TRY_BACKUP}") from None


def _backup_hint(path: Path) -> str:
    backup = path.with_suffix(path.suffix + ".bak")
    return f"; its backup copy {backup} is there: load that one" if backup.is_file() else ""


def _refuse_big_int(text: str) -> int:
    if len(text.lstrip("-")) > 30:
        raise ValueError(f"a whole number of {len(text.lstrip('-')):,} digits is far beyond any the game writes")
    return int(text)


def parse_json(raw: str) -> object:
    """json.loads, refusing whole numbers of absurd length with ValueError (NaN and Infinity
    are read, and `bad_number` then says where they are)."""
    return json.loads(raw, parse_int=_refuse_big_int)


def bad_number(data: object) -> str | None:
    """Where a parsed save or result document holds a number out of any sane range (or a text
    of absurd length), as 'field.path: what is wrong' (None when all is fine). Whole numbers
    must lie within +-2**63, other numbers be finite and within +-MAX_FIGURE, texts and keys
    shorter than MAX_TEXT_CHARS."""
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if len(k) > MAX_TEXT_CHARS:
                    return f"{_dotted(where)}: a key of {len(k):,} characters is far longer than any the game writes"
                stack.append((where + (k,), v))
        elif isinstance(value, list):
            stack.extend((where + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            return f"{_dotted(where)}: a text of {len(value):,} characters is far longer than any the game writes"
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and not -MAX_INT < value < MAX_INT:
            return f"{_dotted(where)}: the whole number {_short(value)} is out of range (at most {MAX_INT - 1:,})"
        elif isinstance(value, float) and not math.isfinite(value):
            return f"{_dotted(where)}: {value!r} is not a number (a figure must be finite, within +-{MAX_FIGURE:g})"
        elif isinstance(value, float) and abs(value) > MAX_FIGURE:
            return f"{_dotted(where)}: the number {value:g} is out of range (figures lie within +-{MAX_FIGURE:g})"
    return None


def _dotted(where: tuple) -> str:
    text = ".".join(str(x) for x in where) or "the top level"
    return text if len(text) <= 80 else text[:76] + "..."


def _short(n: int) -> str:
    text = str(n)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text)} digits)"


_TRY_BACKUP = "try its .bak copy or an older autosave"


def damage(e: ValidationError) -> str:
    """The first problem pydantic found in a saved document, as 'field: what is wrong'."""
    first = e.errors(include_url=False)[0]
    where = ".".join(str(x) for x in first["loc"])
    ctx = first.get("ctx") or {}
    where = where if len(where) <= 80 else where[:76] + "..."  # keys come from the file
    if first["type"] == "union_tag_invalid":
        tag = repr(ctx.get("tag"))
        tag = tag if len(tag) <= 40 else tag[:36] + "..."
        return f"{where}: there is no kind of action called {tag} (the game knows {ctx.get('expected_tags')})"
    if first["type"] == "union_tag_not_found":
        return f"{where}: an action without its kind"
    if first["type"] == "string_pattern_mismatch" and where.endswith(("scenario_id", "scenario.id")):
        return f"{where}: not a scenario id (lower-case letters, digits and underscores, such as the_burn)"
    return f"{where}: {first['msg']}"


def _looks_like_scenario(path: Path, raw: str) -> bool:
    """A YAML scenario handed over as a save (by its file name, or its top-level `meta:` key)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return True
    return re.search(r"^meta:\s*$", raw[:5000], re.MULTILINE) is not None


def migrate_save(data: dict) -> dict:
    """Bring an older save document up to SAVE_VERSION. Version 1 held the moves alone: it
    becomes a version 2 save of rules version 1 (replayed by drawing chance again)."""
    if data.get("version") == 1:
        data = {**data, "version": 2, "rules_version": 1}
    return data


# The rules versions this game can replay: 1 by drawing chance again, 2 from the outcomes recorded.
REPLAYABLE_RULES = (1, RULES_VERSION)


def rules_refusal(rules_version: int) -> str | None:
    """Why a recorded game of these rules cannot be replayed here (None when it can)."""
    if rules_version in REPLAYABLE_RULES:
        return None
    newer = "newer" if rules_version > RULES_VERSION else "older"
    return (
        f"it was played under {newer} rules (version {rules_version}) that this version of the game "
        f"(rules {RULES_VERSION}) cannot replay; the file is kept as it is"
        + ("; update the game to load it" if newer == "newer" else "")
    )


def replay_recorded(
    scenario: Scenario, recorded_hash: str, seed: int, actions: list[Action], history: list[Event] | None = None
) -> tuple[Game, list[str]]:
    """Replay a recorded game (a save, a result) on the scenario as it is now, from its history
    when it has one (else its moves, chance drawn again); warn when the scenario changed since.
    Raises IllegalAction when a recorded move no longer fits."""
    warnings = []
    if scenario_hash(scenario) != recorded_hash:
        warnings.append(
            f'The scenario "{scenario.meta.id}" has changed since this game was played; '
            "the game was replayed on the current version."
        )
    if history is not None:
        return Game.replay_history(scenario, seed, history), warnings
    return Game.replay(scenario, seed, actions), warnings


def load_game(path: Path, find_scenario: Callable[[str, str | None], Scenario]) -> tuple[Game, list[str]]:
    """Rebuild a saved game by replaying it; return the game and any warnings for the player.

    find_scenario(scenario_id, None) returns the scenario, or raises an exception whose message
    says why it cannot be found. The second argument is always None: a save names its scenario
    by id and hash only, never by a file to read (older saves' paths are ignored).
    """
    doc = read_save(path)
    if doc.match is not None:
        raise SaveError(
            f"{path}: this save is a race of {doc.match.labs} labs; continue it in the terminal with "
            f"`python -m game play --load {path}`"
        )
    refusal = rules_refusal(doc.rules_version)
    if refusal:
        raise SaveError(f"{path}: {refusal}")
    try:
        scenario = find_scenario(doc.scenario_id, None)
    except Exception as e:  # noqa: BLE001 - any lookup failure becomes one sentence
        why = e.first_line() if isinstance(e, ScenarioError) else str(e).splitlines()[0] if str(e) else type(e).__name__
        raise SaveError(f"{path}: the scenario \"{doc.scenario_id}\" it was played on is not available ({why})") from None
    try:
        game, warnings = replay_recorded(scenario, doc.scenario_hash, doc.seed, doc.actions, doc.history)
    except IllegalAction as e:
        why = Words(scenario).say(e.why)
        why = why if len(why) <= 300 else why[:296] + "..."
        raise SaveError(f"{path}: the saved moves no longer fit the scenario: {why}") from None
    if snapshot_of(game).figures != doc.snapshot.figures or game.turn != doc.snapshot.turn:
        if not warnings:
            raise SaveError(f"{path}: replaying the saved moves does not give the saved game; the file was altered")
        warnings.append("Some figures differ from the saved ones because the scenario changed.")
    return game, warnings


def autosave(game: Game, folder: Path | None = None, keep: int = AUTOSAVE_KEEP, scenario_path: str | None = None) -> Path:
    """Save to the newest autosave slot, keeping the last `keep` autosaves."""
    folder = folder or saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("autosave-*.json"), key=_autosave_number)
    number = (_autosave_number(existing[-1]) + 1) if existing else 1
    path = folder / f"autosave-{number:05d}.json"
    save_game(game, path, label=f"{game.scenario.meta.title}, {game.date}", scenario_path=scenario_path)  # the file's name says it is an autosave
    # keep the newest `keep`, counted again now (a run killed between its save and this clean-up
    # left one more; this one takes it away)
    now = autosaves(folder)
    for old in now[: max(len(now) - keep, 0)]:
        for p in (old, old.with_suffix(".json.bak")):
            with contextlib.suppress(OSError):
                p.unlink()
    return path


LEFTOVER_AGE_S = 120  # a temporary file older than this is not being written any more


def clean_leftovers(folder: Path | None = None, now: float | None = None) -> int:
    """Remove the temporary files of writes that never finished (a crash, a kill) from the
    saves folder: only the game's own `.NAME.XXXX.tmp` files, and only old ones (another game
    may be writing right now). Returns how many were removed."""
    import time

    folder = folder or saves_dir()
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for p in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if p.is_file() and now - p.stat().st_mtime > LEFTOVER_AGE_S:
                p.unlink()
                removed += 1
    return removed


def _autosave_number(p: Path) -> int:
    m = re.search(r"autosave-(\d+)\.json$", p.name)
    return int(m.group(1)) if m else 0


class SaveInfo(BaseModel):
    path: Path
    label: str = ""
    saved_at: str = ""
    scenario_id: str = ""
    date: str = ""
    outcome: str | None = None
    error: str | None = None


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    """Every save in the folder, newest first; broken ones are listed with their error."""
    folder = folder or saves_dir()
    if not folder.exists():
        return []
    clean_leftovers(folder)
    out = []
    for p in folder.glob("*.json"):
        try:
            doc = read_save(p)
            out.append(
                SaveInfo(
                    path=p,
                    label=doc.label,
                    saved_at=doc.saved_at,
                    scenario_id=doc.scenario_id,
                    date=doc.snapshot.date,
                    outcome=doc.snapshot.outcome,
                )
            )
        except SaveError as e:
            out.append(SaveInfo(path=p, error=str(e)))
    out.sort(key=lambda i: (i.saved_at, i.path.name), reverse=True)
    return out


def autosaves(folder: Path | None = None) -> list[Path]:
    """The autosave files, oldest first (the leftovers of unfinished writes are cleaned first:
    the game's start and every autosave read this)."""
    folder = folder or saves_dir()
    clean_leftovers(folder)
    return sorted(folder.glob("autosave-*.json"), key=_autosave_number) if folder.exists() else []


def latest_autosave(folder: Path | None = None) -> Path | None:
    existing = autosaves(folder)
    return existing[-1] if existing else None


# ----- races of several labs ----------------------------------------------------------------------

RACE_AUTOSAVE = "race-autosave"  # the races' own autosave slots (apart from a one-lab game's)


def match_document(match: Match, players: int, label: str = "") -> SaveFile:
    """The save document of a race: its seed, number of labs, every move with its seat (replayed
    by drawing chance again, as rules version 1 saves are) and every lab's figures."""
    return SaveFile(
        format=SAVE_FORMAT,
        version=MATCH_SAVE_VERSION,
        scenario_id=match.scenario.meta.id,
        scenario_hash=scenario_hash(match.scenario),
        seed=match.seed,
        label=(label or f"{match.scenario.meta.title}, {match.date}, {match.seats} labs")[:MAX_LABEL_CHARS],
        saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        rules_version=1,
        actions=[a for _, a in match.moves],
        snapshot=Snapshot(turn=match.turn, date=match.date, location=match.lab(0).location,
                          outcome=match.outcome_of(0), figures=match.lab_figures(0)),
        match=MatchPart(labs=match.seats, seats=[s for s, _ in match.moves], players=players,
                        lab_figures=[match.lab_figures(s) for s in range(match.seats)]),
    )


def save_match(match: Match, path: Path, players: int, label: str = "") -> Path:
    """Write a race's save (see `save_game` for how it is written)."""
    path = Path(path)
    try:
        doc = match_document(match, players, label)
    except ValidationError as e:
        raise SaveError(f"could not write the save {path}: the race holds a value a save cannot keep ({damage(e)})") from None
    try:
        write_atomic(path, doc.model_dump_json(indent=1), make_parents=_inside(path, data_dir()))
    except OSError as e:
        raise SaveError(f"could not write the save {path}: {e.strerror or e}") from None
    return path


def load_match(path: Path, find_scenario: Callable[[str, str | None], Scenario]) -> tuple[Match, int, list[str]]:
    """Rebuild a saved race by replaying its moves: (the race, how many labs people play,
    warnings). A one-lab save is refused with a sentence (load it without --labs)."""
    doc = read_save(path)
    if doc.match is None:
        raise SaveError(f"{path}: this save is a one-lab game; load it without --labs")
    if len(doc.match.seats) != len(doc.actions) or len(doc.match.lab_figures) != doc.match.labs:
        raise SaveError(f"{path}: the save is damaged (its moves and their seats do not match); {_TRY_BACKUP}")
    try:
        scenario = find_scenario(doc.scenario_id, None)
    except Exception as e:  # noqa: BLE001 - any lookup failure becomes one sentence
        why = e.first_line() if isinstance(e, ScenarioError) else str(e).splitlines()[0] if str(e) else type(e).__name__
        raise SaveError(f"{path}: the scenario \"{doc.scenario_id}\" it was played on is not available ({why})") from None
    warnings = []
    if scenario_hash(scenario) != doc.scenario_hash:
        warnings.append(f'The scenario "{scenario.meta.id}" has changed since this race was played; '
                        "the race was replayed on the current version.")
    try:
        record = MatchRecord(doc.seed, doc.match.labs, list(zip(doc.match.seats, doc.actions, strict=True)))
        match = Match.replay(scenario, record)
    except IllegalAction as e:
        why = Words(scenario).say(e.why)
        raise SaveError(f"{path}: the saved moves no longer fit the scenario: {why[:300]}") from None
    except ValueError as e:
        raise SaveError(f"{path}: {e}") from None
    same = [match.lab_figures(s) for s in range(match.seats)] == doc.match.lab_figures and match.turn == doc.snapshot.turn
    if not same:
        if not warnings:
            raise SaveError(f"{path}: replaying the saved moves does not give the saved race; the file was altered")
        warnings.append("Some figures differ from the saved ones because the scenario changed.")
    return match, doc.match.players, warnings


def autosave_match(match: Match, players: int, folder: Path | None = None, keep: int = AUTOSAVE_KEEP) -> Path:
    """Save a race to its newest autosave slot (race-autosave-N.json, apart from a one-lab
    game's autosaves), keeping the last `keep`."""
    folder = folder or saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob(f"{RACE_AUTOSAVE}-*.json"), key=_autosave_number)
    number = (_autosave_number(existing[-1]) + 1) if existing else 1
    path = folder / f"{RACE_AUTOSAVE}-{number:05d}.json"
    save_match(match, path, players)
    now = sorted(folder.glob(f"{RACE_AUTOSAVE}-*.json"), key=_autosave_number)
    for old in now[: max(len(now) - keep, 0)]:
        for p in (old, old.with_suffix(".json.bak")):
            with contextlib.suppress(OSError):
                p.unlink()
    return path
