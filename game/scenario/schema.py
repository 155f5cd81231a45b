"""The scenario file format: pydantic models for every part of a scenario, version 1.

A scenario is data only. Effects and conditions are small dictionaries checked against the
model's track names; nothing in a scenario is ever evaluated as code.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

from game.model.tracks import CONDITION_KEYS, DELAYED_KEYS, EFFECT_KEYS, STATE_TRACKS

FORMAT_VERSION = 1

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        min_length=1,
        max_length=48,
        description="A short identifier: lower-case letters, digits and underscores.",
    ),
]
QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean "x"?)' when a close match exists, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(Strict):
    """A number the model starts from, with where it comes from."""

    value: float = Field(description="The number itself, in the unit its key names.")
    unit: str = Field("", description="Unit, for people reading the file (e.g. '$B / year').")
    source: str | None = Field(
        None, description="Outlet and date that reported it, e.g. 'New York Times, autumn 2024'."
    )
    assumption: str | None = Field(
        None, description="Not a reported figure: the designer's assumption, and why."
    )
    derived: str | None = Field(
        None, description="Arithmetic on reported figures, e.g. 'dc_cost / dc_power'."
    )
    ledger: str | None = Field(None, description="Id of the figure in the figures ledger.")

    @model_validator(mode="after")
    def _one_origin(self) -> Figure:
        given = [k for k in ("source", "assumption", "derived") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "a figure needs exactly one of source (outlet, date), assumption (why) "
                f"or derived (formula); this one has {', '.join(given) or 'none'}"
            )
        return self

    def origin(self) -> str:
        """Where the figure comes from, as a reader would say it."""
        if self.source:
            return self.source
        if self.derived:
            return f"derived: {self.derived}"
        return f"assumption: {self.assumption}"


class Comparison(Strict):
    """A test on a number: every bound given must hold."""

    gte: float | None = Field(None, description="At least this.")
    lte: float | None = Field(None, description="At most this.")
    gt: float | None = Field(None, description="More than this.")
    lt: float | None = Field(None, description="Less than this.")
    eq: float | None = Field(None, description="Exactly this.")


_SPECIAL_CONDITIONS = ("year", "quarter", "turn", "at", "signed", "not_signed", "running")
CONDITION_WORDS: tuple[str, ...] = _SPECIAL_CONDITIONS + CONDITION_KEYS


class Condition(RootModel[dict[str, Any]]):
    """All of these must hold. Keys: a track name or year/quarter/turn with a number or a
    comparison ({gte: 6}); `at` a space id; `signed`/`not_signed` a deal id;
    `running` a product id."""

    @field_validator("root")
    @classmethod
    def _check(cls, v: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, val in v.items():
            if key not in CONDITION_WORDS:
                raise ValueError(f'unknown condition "{key}"{did_you_mean(key, CONDITION_WORDS)}')
            if key in ("at", "signed", "not_signed", "running"):
                if not isinstance(val, str):
                    raise ValueError(f'"{key}" takes one id, e.g. {key}: abu_dhabi')
                out[key] = val
            elif isinstance(val, bool) or not isinstance(val, int | float | dict):
                raise ValueError(f'"{key}" takes a number or a comparison such as {{gte: 6}}')
            elif isinstance(val, dict):
                out[key] = Comparison.model_validate(val)
            else:
                out[key] = Comparison(eq=float(val))
        return out


class Effects(RootModel[dict[str, float]]):
    """Changes to tracks: `scrutiny: 2` adds 2; keys ending in _pct change by a percentage."""

    root: dict[str, float] = Field(default_factory=dict)

    @field_validator("root")
    @classmethod
    def _check(cls, v: dict[str, float]) -> dict[str, float]:
        for key in v:
            if key not in EFFECT_KEYS:
                raise ValueError(f'unknown effect "{key}"{did_you_mean(key, EFFECT_KEYS)}')
        return v


class Delayed(Strict):
    """Effects that land some quarters later (a deal that delivers, money paid in tranches)."""

    after_quarters: int = Field(ge=1, le=12, description="Quarters from now until it lands.")
    effects: Effects = Field(description="What lands then.")

    @field_validator("effects")
    @classmethod
    def _deliverable(cls, v: Effects) -> Effects:
        for key in v.root:
            if key not in DELAYED_KEYS:
                raise ValueError(
                    f'"{key}" cannot be delayed; delayed effects may change {", ".join(DELAYED_KEYS)}'
                )
        return v


class Meta(Strict):
    id: Id = Field(description="Unique id of the scenario; mods override a scenario by its id.")
    title: str = Field(min_length=1, max_length=80, description="Title shown in menus.")
    author: str = Field(description="Who wrote it.")
    language: str = Field("en", description="Language of the texts (ISO 639-1).")
    summary: str = Field(description="A paragraph shown before starting.")
    learning_goals: list[str] = Field(default_factory=list, description="What a player learns.")
    question: str = Field("", description="The question a class answers by playing.")
    length_minutes: int = Field(ge=5, le=600, description="Typical playing time.")
    seed: int = Field(0, ge=0, description="Default seed (a classroom fixes it).")
    notes: str = Field("", description="Designer's notes: balance figures, changes.")


class Calendar(Strict):
    start: str = Field(description="First quarter, e.g. 2024Q1.", pattern=QUARTER_RE.pattern)
    end: str = Field(description="Last quarter played, e.g. 2030Q4.", pattern=QUARTER_RE.pattern)

    @model_validator(mode="after")
    def _order(self) -> Calendar:
        if quarter_index(self.end) < quarter_index(self.start):
            raise ValueError(f"the calendar ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def turns(self) -> int:
        return quarter_index(self.end) - quarter_index(self.start) + 1


def quarter_index(label: str) -> int:
    """2024Q1 -> 2024*4 + 0, so differences count quarters."""
    m = QUARTER_RE.match(label)
    if not m:
        raise ValueError(f'"{label}" is not a quarter like 2024Q1')
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


class PitchTerms(Strict):
    """How investors at a space answer a pitch."""

    appetite: Figure = Field(description="Willingness to write cheques: added to the odds' logit.")
    scrutiny_on_success: Figure = Field(description="Scrutiny added per raise (x (1+log10 ask)).")
    ridicule: Figure = Field(description="Credibility lost when a giant ask is refused.")


class Space(Strict):
    id: Id
    name: str = Field(description="Name on the board.")
    description: str = Field(description="What the space offers, one or two sentences.")
    home: bool = Field(False, description="Headquarters: launches, operations and reviews.")
    x: float = Field(ge=0, le=1, description="Position on the board, 0 (west) to 1 (east).")
    y: float = Field(ge=0, le=1, description="Position on the board, 0 (north) to 1 (south).")
    pitch: PitchTerms | None = Field(None, description="Pitching terms; absent: no pitching here.")


class Board(Strict):
    spaces: list[Space] = Field(min_length=2, description="The spaces; exactly one is home.")
    routes: list[tuple[Id, Id]] = Field(description="Pairs of space ids linked by a route.")
    travel_attention: int = Field(1, ge=0, le=3, description="Attention one journey costs.")

    @model_validator(mode="after")
    def _refs(self) -> Board:
        ids = [s.id for s in self.spaces]
        if len(set(ids)) != len(ids):
            raise ValueError("two spaces share an id")
        if sum(s.home for s in self.spaces) != 1:
            raise ValueError("exactly one space must be home: true")
        return self

    @property
    def home(self) -> Space:
        return next(s for s in self.spaces if s.home)


class Deal(Strict):
    id: Id
    space: Id = Field(description="Where it is signed.")
    title: str = Field(max_length=60)
    text: str = Field(description="What the deal is, in a sentence or two.")
    source: str = Field(description="Outlet and date, or 'assumption: why'.")
    attention: int = Field(1, ge=0, le=3, description="Attention it costs to sign.")
    cost_busd: float = Field(0.0, ge=0, description="Cash paid on signing, $B.")
    chance: float = Field(1.0, ge=0, le=1, description="Odds it goes through.")
    effects: Effects = Field(default_factory=Effects, description="On signing, if it goes through.")
    delayed: list[Delayed] = Field(default_factory=list, description="What it delivers later.")
    on_fail: Effects = Field(default_factory=Effects, description="If it falls through.")
    max_times: int = Field(1, ge=1, le=20, description="How often it can be signed per game.")
    when: Condition | None = Field(None, description="Only offered while this holds.")


class Product(Strict):
    id: Id
    title: str
    text: str
    source: str
    running_cost_busd_per_quarter: Figure
    growth_pct_while_running: float = Field(0.0, description="Extra demand growth per quarter.")
    launch_effects: Effects = Field(default_factory=Effects)
    attention: int = Field(1, ge=0, le=3)
    when: Condition | None = None


class ActionTerms(Strict):
    """A headquarters action and what it does."""

    title: str
    text: str
    source: str = Field(description="Outlet and date, or 'assumption: why'.")
    attention: int = Field(1, ge=0, le=3)
    effects: Effects = Field(default_factory=Effects)


class LaunchTerms(ActionTerms):
    cooldown_quarters: int = Field(2, ge=0, le=12, description="Quarters between launches.")
    rushed_chance_per_safety_debt: float = Field(
        0.05, ge=0, le=1, description="Odds of a rushed launch, per point of safety debt."
    )
    rushed_effects: Effects = Field(default_factory=Effects, description="When it is rushed.")


class HqActions(Strict):
    operations: ActionTerms
    safety_review: ActionTerms
    launch_model: LaunchTerms


class CampusSite(Strict):
    space: Id = Field(description="The space where this campus is commissioned.")
    title: str
    text: str
    source: str
    domestic: bool = Field(description="On home soil (counts as US capacity).")
    gw: float = Field(1.0, gt=0, le=10, description="Size of one campus, GW.")
    attention: int = Field(1, ge=0, le=3)
    effects: Effects = Field(default_factory=Effects, description="On commissioning.")
    when: Condition | None = None


class Choice(Strict):
    label: str = Field(max_length=48, description="Short, on the button.")
    text: str = Field("", description="Optional longer explanation.")
    effects: Effects = Field(default_factory=Effects)
    delayed: list[Delayed] = Field(default_factory=list)


class Event(Strict):
    id: Id
    title: str = Field(max_length=60)
    text: str
    source: str = Field(description="Outlet and date, or 'assumption: why'.")
    weight: float = Field(1.0, gt=0, le=100, description="Relative odds of being drawn.")
    once: bool = Field(False, description="Drawn at most once per game.")
    when: Condition | None = Field(None, description="Only drawn while this holds.")
    effects: Effects = Field(default_factory=Effects, description="Applied when drawn.")
    choices: list[Choice] = Field(default_factory=list, max_length=3)

    @field_validator("choices")
    @classmethod
    def _not_one(cls, v: list[Choice]) -> list[Choice]:
        if len(v) == 1:
            raise ValueError("a card with choices needs two or three of them")
        return v


class Goal(Strict):
    id: Id
    title: str
    text: str
    when: Condition = Field(description="Reached when all of this holds at a quarter's end.")


class Ending(Strict):
    id: Id
    title: str
    text: str = Field(description="What the player reads when it ends the game.")
    when: Condition


class Goals(Strict):
    win: list[Goal] = Field(min_length=1, description="Reaching any of these wins.")
    lose: list[Ending] = Field(min_length=1, description="Any of these ends the game, lost.")
    time_up: str = Field(description="What the player reads when the calendar runs out.")


class ScriptedTurn(Strict):
    quarter: str = Field(pattern=QUARTER_RE.pattern, description="The quarter, e.g. 2024Q3.")
    event: Id | None = Field(None, description="This card is drawn that quarter.")
    note: str = Field("", description="A facilitator's note shown that quarter.")


class HistoricalPoint(Strict):
    quarter: str = Field(pattern=QUARTER_RE.pattern)
    tracks: dict[str, float] = Field(description="Reported or estimated values at that quarter.")
    source: str


class Scenario(Strict):
    """One scenario: everything the game needs to play it."""

    format_version: Literal[1] = Field(description="Version of this format.")
    meta: Meta
    calendar: Calendar
    start: dict[str, Figure] = Field(description="Starting value of tracks.")
    start_space: Id | None = Field(None, description="Where the CEO starts (default: home).")
    constants: dict[str, Figure] = Field(description="Every constant of the model, with source.")
    board: Board
    ask_ladder: list[Figure] = Field(min_length=1, max_length=10, description="Asks, $B.")
    deals: list[Deal] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    hq_actions: HqActions
    campus_sites: list[CampusSite] = Field(default_factory=list)
    events: list[Event] = Field(min_length=1)
    goals: Goals
    script: list[ScriptedTurn] = Field(default_factory=list)
    history: list[HistoricalPoint] = Field(
        default_factory=list, description="What really happened, for the debrief's comparison."
    )

    @field_validator("start")
    @classmethod
    def _start_keys(cls, v: dict[str, Figure]) -> dict[str, Figure]:
        allowed = STATE_TRACKS + ("revenue_busd_per_year", "spend_busd_per_year")
        for key in v:
            if key not in allowed:
                raise ValueError(f'"{key}" is not a track{did_you_mean(key, allowed)}')
        return v

    def space(self, space_id: str) -> Space:
        return next(s for s in self.board.spaces if s.id == space_id)
