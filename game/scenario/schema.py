"""The scenario file format: pydantic models for every part of a scenario, version 1.

A scenario is data only. Effects and conditions are small dictionaries checked against the
model's track names; nothing in a scenario is ever evaluated as code. Every field carries a
description: the JSON Schema and the MODDING.md reference are generated from them.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    RootModel,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from game.model.tracks import CONDITION_KEYS, DELAYED_KEYS, EFFECT_KEYS, STATE_TRACKS
from game.scenario.themes import LessonTheme, theme_of

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def id_from(text: str) -> str | None:
    """A valid id made from `text` (accents dropped, other characters to underscores), or None.

    "Défaut 💰" gives "defaut"; "Washington" gives "washington"; "2030 plan" gives
    "id_2030_plan"; "💰" gives None."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", " ", plain.lower()).split()
    if not words:
        return None
    out = "_".join(words)
    if not out[0].isalpha():
        out = "id_" + out
    out = out[:48].rstrip("_")
    return out if re.fullmatch(ID_PATTERN, out) else None


def suggest_id(text: str) -> str | None:
    """`id_from(text)` when that differs from text: the id to suggest for an invalid one."""
    out = id_from(text)
    return out if out != text else None
MAX_EFFECT = 1_000_000.0  # no card moves a track by a million; bigger is a typo
# Seeds lie in 0 <= seed < SEED_LIMIT everywhere: scenarios, saves, result files, the command
# line and the desktop's seed box (64-bit, the most a numpy seed and a save file both keep).
SEED_LIMIT = 2**63

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        min_length=1,
        max_length=48,
        description="A short identifier: lower-case letters, digits and underscores.",
    ),
]
QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")
Quarter = Annotated[
    str, Field(pattern=QUARTER_RE.pattern, description="A quarter written like 2024Q1.")
]
Text = Annotated[str, Field(min_length=1)]

# The five articles the game is built on (../shared/seeds/README.md): a reported source names one.
ARTICLES: tuple[str, ...] = ("A", "B", "C", "D", "E")
REPORTED_EXAMPLE = "New York Times, autumn 2024 (via B)"
_REPORTED = re.compile(
    r"^(?P<outlet>[^,;()]*[A-Za-z][^,;()]*),\s*(?P<date>[^;()]*\b(?:19|20)\d\d\b[^;()]*?)\s*"
    r"(?:\(via (?P<articles>[A-E](?:(?:,\s*|,? and )[A-E])*)\))?"
)
_UNREPORTED = ("assumption:", "derived:")


def reported_articles(text: str) -> tuple[str, ...]:
    """The article letters a reported source names ("... (via A, B)" gives ("A", "B")), or ()."""
    m = _REPORTED.match(text.strip())
    return tuple(re.findall(r"[A-E]", m.group("articles"))) if m and m.group("articles") else ()


def reported_problem(text: str) -> str | None:
    """Why `text` is not a reported source, or None when it names its outlet and its date.

    A reported source reads "Outlet, date", followed in the shipped scenarios by the article it
    is read in, "(via X)" with X from A to E (../shared/seeds); anything may follow after a
    semicolon ("; size: assumption")."""
    first = text.strip().split(";")[0].strip()
    if _REPORTED.match(first):
        return None
    lack = "names no date" if not re.search(r"\b(?:19|20)\d\d\b", first) else "names no outlet"
    return (
        f"a reported source {lack}: write the outlet, then the date (and, for the five articles, "
        f'the one it is read in), e.g. "{REPORTED_EXAMPLE}"; a number a designer chose is '
        '"assumption: why", one computed from reported figures is "derived: formula"'
    )


SOURCE_KINDS: tuple[str, ...] = ("reported", "derived", "assumption")


def split_source(text: str) -> tuple[str, str]:
    """(kind, what it says) of a source text: "assumption: why" gives ("assumption", "why");
    a reported source ("Outlet, date (via X)", or "reported: ..." as Figure.origin writes it)
    gives ("reported", the source)."""
    body = text.strip()
    for kind in SOURCE_KINDS:
        if body.lower().startswith(kind + ":"):
            return kind, body[len(kind) + 1 :].strip()
    return "reported", body


def source_kind(text: str) -> str:
    """How a source text knows what it says: "reported", "derived" or "assumption"."""
    return split_source(text)[0]


def _check_source_text(v: str) -> str:
    if v.strip().lower().startswith(_UNREPORTED):
        return v
    problem = reported_problem(v)
    if problem:
        raise ValueError(problem)
    return v


SourceText = Annotated[
    str,
    Field(
        min_length=3,
        description=(
            f"Where it comes from: a reported fact as 'Outlet, date (via article)', e.g. "
            f"'{REPORTED_EXAMPLE}' (the articles are A to E), or 'assumption: why', or "
            "'derived: formula'."
        ),
    ),
    AfterValidator(_check_source_text),
]
AssetPath = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description=(
            "A PNG or JPEG file, relative to the scenario file, inside the scenario's own folder "
            "(e.g. images/lab.png)."
        ),
    ),
]
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _normal(word: str) -> str:
    return re.sub(r"[\s\-]+", "_", word.strip().lower())


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean "x"?)' when a close match exists, else an empty string.

    Spelling that differs only in case, spaces or hyphens ("Abu Dhabi" for abu_dhabi) counts
    as a close match.
    """
    options = list(choices)
    if not options or not isinstance(word, str):
        return ""
    normal = _normal(word)
    for c in options:
        if _normal(c) == normal and c != word:
            return f' (did you mean "{c}"?)'
    close = []
    if len(normal) >= 4:  # "revenue" for revenue_busd_per_year
        close = [c for c in options if c.startswith(normal + "_")][:1]
    close = close or difflib.get_close_matches(normal, options, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _fail(title: str, errors: list[InitErrorDetails]) -> None:
    """Raise all collected errors at once, each at its own place (pydantic merges the paths)."""
    if errors:
        raise ValidationError.from_exception_data(title, errors)


def _err(loc: tuple, message: str, value: Any) -> InitErrorDetails:
    # braces in the message would be read as format fields by PydanticCustomError
    safe = message.replace("{", "{{").replace("}", "}}")
    return InitErrorDetails(type=PydanticCustomError("scenario", safe), loc=loc, input=value)


YES_NO_FOR_NUMBER = "yes_no_for_number"  # the error type of a true/false where a number goes


def _not_yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError(YES_NO_FOR_NUMBER, "expected a number, got a yes/no value")
    return value


def _refuse_yes_no(node: Any) -> Any:
    """A copy of a pydantic core schema where every int and float refuses true and false.

    pydantic's lax mode reads true as 1 and false as 0; a scenario that writes `yes` where a
    number goes has a mistake in it, and YAML reads yes, no, on and off as true/false.
    """
    if isinstance(node, list):
        return [_refuse_yes_no(x) for x in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "function-before" and node.get("function", {}).get("function") is _not_yes_no:
        return node  # a nested model's schema, already done
    out = {
        k: v if k in ("serialization", "metadata", "cls", "ref") else _refuse_yes_no(v)
        for k, v in node.items()
    }
    if out.get("type") in ("int", "float"):
        return core_schema.no_info_before_validator_function(_not_yes_no, out)  # type: ignore[arg-type]
    return out


class NumbersAreNumbers:
    """Mixed into every model of the format: a number field (at any depth) refuses true/false."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return _refuse_yes_no(handler(source))


class Strict(NumbersAreNumbers, BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Figure(Strict):
    """A number the model starts from, with where it comes from."""

    value: float = Field(description="The number itself, in the unit its key names.")
    unit: str = Field("", description="Unit, for people reading the file (e.g. '$B / year').")
    source: str | None = Field(
        None,
        description=(
            "A reported figure: the outlet, the date and the article (A to E) it is read in, "
            f"e.g. '{REPORTED_EXAMPLE}'. Only where an article states the figure."
        ),
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
        if self.source:
            problem = reported_problem(self.source)
            if problem:
                raise ValueError(f"source: {problem}")
        return self

    @property
    def kind(self) -> str:
        """How we know it: reported, derived or assumption."""
        return "reported" if self.source else "derived" if self.derived else "assumption"

    def origin(self) -> str:
        """Where the figure comes from, as a reader would say it."""
        if self.source:
            return f"reported: {self.source}"
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

    def bounds(self) -> dict[str, float]:
        return {op: v for op in OPS if (v := getattr(self, op)) is not None}


def compare(x: Any, op: str, val: float) -> Any:
    """x op val for a condition's comparison op (gte, lte, gt, lt, eq): the one rule, for a
    number or a numpy array of them (eq allows rounding, as numpy's isclose does)."""
    if op == "gte":
        return x >= val
    if op == "lte":
        return x <= val
    if op == "gt":
        return x > val
    if op == "lt":
        return x < val
    return abs(x - val) <= 1e-8 + 1e-5 * abs(val)


OPS: tuple[str, ...] = ("gte", "lte", "gt", "lt", "eq")
ID_CONDITIONS: tuple[str, ...] = ("at", "signed", "not_signed", "running", "presented_vision")
# Conditions on what the world remembers of the build-out (not tracks): its size now, $B.
BUILDOUT_CONDITIONS: tuple[str, ...] = ("buildout_busd",)
_SPECIAL_CONDITIONS = ("year", "quarter", "turn") + ID_CONDITIONS + BUILDOUT_CONDITIONS
CONDITION_WORDS: tuple[str, ...] = _SPECIAL_CONDITIONS + CONDITION_KEYS


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


class Condition(NumbersAreNumbers, RootModel[dict[str, Any]]):
    """All of these must hold. Keys: a track name or year/quarter/turn with a number or a
    comparison ({gte: 6}); `at` a space id; `signed`/`not_signed` a deal id;
    `running` a product id; `presented_vision` a space id (the build-out was presented there
    at its full size, the vision, earlier in the game); `buildout_busd` the build-out's size
    now, $B (below the vision once it was scaled back)."""

    @field_validator("root")
    @classmethod
    def _check(cls, v: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        errors: list[InitErrorDetails] = []
        for key, val in v.items():
            if key not in CONDITION_WORDS:
                from game.scenario.vocab import unknown_word

                errors.append(_err((key,), unknown_word("condition", key, CONDITION_WORDS), val))
            elif key in ID_CONDITIONS:
                if not isinstance(val, str):
                    errors.append(_err((key,), f'"{key}" takes one id, e.g. {key}: abu_dhabi', val))
                else:
                    out[key] = val
            elif _number(val):
                out[key] = Comparison(eq=float(val))
            elif isinstance(val, dict):
                bad = False
                for op, bound in val.items():
                    if op not in OPS:
                        bad = True
                        errors.append(
                            _err(
                                (key, op),
                                f'unknown comparison "{op}"{did_you_mean(str(op), OPS)}; '
                                "use gte (at least), lte (at most), gt, lt or eq",
                                bound,
                            )
                        )
                    elif not _number(bound):
                        bad = True
                        errors.append(
                            _err((key, op), f"{op} takes a number (got {bound!r})", bound)
                        )
                if not val and not bad:
                    bad = True
                    errors.append(
                        _err((key,), "an empty comparison tests nothing; write e.g. {gte: 6}", val)
                    )
                if not bad:
                    out[key] = Comparison(**{op: float(b) for op, b in val.items()})
            else:
                errors.append(
                    _err(
                        (key,),
                        f'"{key}" takes a number or a comparison such as {{gte: 6}} (got {val!r})',
                        val,
                    )
                )
        _fail("Condition", errors)
        return out

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        comparison = {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {op: {"type": "number"} for op in OPS},
        }
        number_or_comparison = {"anyOf": [{"type": "number"}, comparison]}
        props: dict[str, Any] = {}
        for key in CONDITION_WORDS:
            if key in ID_CONDITIONS:
                props[key] = {"type": "string", "pattern": ID_PATTERN}
            else:
                props[key] = number_or_comparison
        return {
            "type": "object",
            "title": "Condition",
            "description": cls.__doc__,
            "additionalProperties": False,
            "properties": props,
        }


def _check_effects(
    v: dict[str, float], allowed: tuple[str, ...], explain: Any
) -> list[InitErrorDetails]:
    errors: list[InitErrorDetails] = []
    for key, val in v.items():
        if key not in allowed:
            errors.append(_err((key,), explain(key), val))
        elif abs(val) > MAX_EFFECT:
            errors.append(_err((key,), f"{val:g} is far too large for an effect", val))
        elif key.endswith("_pct") and val <= -100:
            errors.append(
                _err(
                    (key,),
                    f"a change of {val:g}% would wipe out the track; use more than -100",
                    val,
                )
            )
    return errors


def _unknown_effect(key: str) -> str:
    from game.scenario.vocab import unknown_word, why_not_effect

    why = why_not_effect(key)
    if why:
        return f'"{key}" cannot be changed by an effect: {why}'
    return unknown_word("effect", key, EFFECT_KEYS)


class Effects(NumbersAreNumbers, RootModel[dict[str, float]]):
    """Changes to tracks: `scrutiny: 2` adds 2; keys ending in _pct change by a percentage."""

    model_config = ConfigDict(allow_inf_nan=False, frozen=True)
    root: dict[str, float] = Field(default_factory=dict)

    @field_validator("root")
    @classmethod
    def _check(cls, v: dict[str, float]) -> dict[str, float]:
        _fail("Effects", _check_effects(v, EFFECT_KEYS, _unknown_effect))
        return v

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "Effects",
            "description": cls.__doc__,
            "additionalProperties": False,
            "properties": {k: {"type": "number"} for k in EFFECT_KEYS},
        }


def _undeliverable(key: str) -> str:
    if key in EFFECT_KEYS:
        return f'"{key}" cannot be delayed; delayed effects may change {", ".join(DELAYED_KEYS)}'
    return _unknown_effect(key)


class Delayed(Strict):
    """Effects that land some quarters later (a deal that delivers, money paid in tranches)."""

    after_quarters: int = Field(ge=1, le=12, description="Quarters from now until it lands.")
    effects: Effects = Field(description="What lands then.")

    @field_validator("effects")
    @classmethod
    def _deliverable(cls, v: Effects) -> Effects:
        _fail("Delayed", _check_effects(v.root, DELAYED_KEYS, _undeliverable))
        return v


class LearningGoal(Strict):
    """A learning goal that names the lesson the debrief answers it with."""

    goal: Text = Field(description="What a player learns, in a sentence.")
    lesson: LessonTheme = Field(
        description="The theme of the debrief's lesson for this goal (see [Lesson themes](#lesson-themes))."
    )


# Tags of a union's branches start with "choice-": error locations leave them out (loader.py),
# so a modder reads meta.learning_goals.0.lesson, not the branch pydantic tried.
def _goal_kind(v: object) -> str:
    return "choice-sentence" if isinstance(v, str) else "choice-named"


GoalItem = Annotated[
    Annotated[Text, Tag("choice-sentence")] | Annotated[LearningGoal, Tag("choice-named")],
    Discriminator(_goal_kind),
]


class Meta(Strict):
    """Who made the scenario, what it teaches, and how long it takes."""

    id: Id = Field(description="Unique id of the scenario; mods override a scenario by its id.")
    title: str = Field(min_length=1, max_length=80, description="Title shown in menus.")
    author: Text = Field(description="Who wrote it.")
    language: str = Field(
        "en",
        pattern=r"^[a-z]{2}(-[A-Z]{2})?$",
        description="Language of the texts (ISO 639-1, e.g. en, fr, en-GB).",
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "Other languages the scenario is complete in, each with its texts in a translation "
            "file beside it (NAME.fr.yaml for fr): `validate` warns about every text missing in one."
        ),
    )
    summary: Text = Field(description="A paragraph shown before starting.")
    learning_goals: list[GoalItem] = Field(
        default_factory=list,
        description=(
            "What a player learns: a sentence each, or {goal: sentence, lesson: theme} to choose "
            "the debrief's lesson (otherwise it is picked by the goal's words)."
        ),
    )
    question: str = Field("", description="The question a class answers by playing.")
    length_minutes: int = Field(ge=5, le=600, description="Typical playing time.")
    seed: int = Field(0, ge=0, lt=SEED_LIMIT, description="Default seed (a classroom fixes it).")
    notes: str = Field("", description="Designer's notes: balance figures, changes.")
    image: AssetPath | None = Field(None, description="Optional cover picture shown in menus.")

    @property
    def goal_texts(self) -> list[str]:
        """The learning goals' sentences, in order."""
        return [g if isinstance(g, str) else g.goal for g in self.learning_goals]

    @property
    def goal_themes(self) -> list[str]:
        """The lesson theme of each learning goal: the one it names, else the one its words pick."""
        return [theme_of(g) if isinstance(g, str) else g.lesson for g in self.learning_goals]


class Calendar(Strict):
    """The quarters the game runs through."""

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


def year_of(index: int) -> int:
    """The year of a quarter index (see quarter_index)."""
    return index // 4


def quarter_of(index: int) -> int:
    """The quarter of its year (1 to 4) of a quarter index."""
    return index % 4 + 1


def quarter_label(index: int) -> str:
    """A quarter index as the scenario files write it: 2024Q1."""
    return f"{year_of(index)}Q{quarter_of(index)}"


def date_label(index: int) -> str:
    """A quarter index as the game shows a date: Q1 2024."""
    return f"Q{quarter_of(index)} {year_of(index)}"


class PitchTerms(Strict):
    """How investors at a space answer a pitch."""

    appetite: Figure = Field(description="Willingness to write cheques: added to the odds' logit.")
    scrutiny_on_success: Figure = Field(description="Scrutiny added per raise (x (1+log10 ask)).")
    ridicule: Figure = Field(description="Credibility lost when a giant ask is refused.")


class Space(Strict):
    """A place on the board the CEO can travel to."""

    id: Id = Field(description="Id used by routes, deals, campus sites and conditions (at:).")
    name: Text = Field(description="Name on the board.")
    description: Text = Field(description="What the space offers, one or two sentences.")
    home: bool = Field(False, description="Headquarters: launches, operations and reviews.")
    x: float = Field(ge=0, le=1, description="Position on the board, 0 (west) to 1 (east).")
    y: float = Field(ge=0, le=1, description="Position on the board, 0 (north) to 1 (south).")
    pitch: PitchTerms | None = Field(None, description="Pitching terms; absent: no pitching here.")
    image: AssetPath | None = Field(None, description="Optional picture of the place.")


class Board(Strict):
    """The spaces and the routes between them."""

    spaces: list[Space] = Field(min_length=2, description="The spaces; exactly one is home.")
    routes: list[tuple[Id, Id]] = Field(description="Pairs of space ids linked by a route.")
    travel_attention: int = Field(1, ge=0, le=3, description="Attention one journey costs.")
    pitch_attention: int = Field(1, ge=0, le=3, description="Attention one pitch to investors costs.")

    @model_validator(mode="after")
    def _refs(self) -> Board:
        homes = sum(s.home for s in self.spaces)
        if homes != 1:
            raise ValueError(f"exactly one space must have home: true (found {homes})")
        return self

    @property
    def home(self) -> Space:
        return next(s for s in self.spaces if s.home)


class Deal(Strict):
    """An agreement the CEO can sign at a space: costs now, effects now and later."""

    id: Id = Field(description="Id used by conditions (signed:, not_signed:) and mods.")
    space: Id = Field(description="Where it is signed.")
    title: str = Field(min_length=1, max_length=60, description="Short name on the deal card.")
    text: Text = Field(description="What the deal is, in a sentence or two.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    attention: int = Field(1, ge=0, le=3, description="Attention it costs to sign.")
    cost_busd: float = Field(0.0, ge=0, description="Cash paid on signing, $B.")
    chance: float = Field(1.0, ge=0, le=1, description="Odds it goes through, 0 to 1.")
    effects: Effects = Field(default_factory=Effects, description="On signing, if it goes through.")
    delayed: list[Delayed] = Field(default_factory=list, description="What it delivers later.")
    on_fail: Effects = Field(default_factory=Effects, description="If it falls through.")
    max_times: int = Field(1, ge=1, le=20, description="How often it can be signed per game.")
    when: Condition | None = Field(None, description="Only offered while this holds.")


class Product(Strict):
    """Something the lab can switch on at headquarters; it costs money every quarter it runs."""

    id: Id = Field(description="Id used by conditions (running:) and mods.")
    title: str = Field(min_length=1, max_length=60, description="Name on the button.")
    text: Text = Field(description="What the product is, in a sentence or two.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    running_cost_busd_per_quarter: Figure = Field(
        description="What it costs each quarter it runs, $B."
    )
    growth_pct_while_running: float = Field(0.0, description="Extra demand growth per quarter, %.")
    launch_effects: Effects = Field(default_factory=Effects, description="When it is switched on.")
    attention: int = Field(1, ge=0, le=3, description="Attention it costs to switch on.")
    when: Condition | None = Field(None, description="Only offered while this holds.")


class ActionTerms(Strict):
    """A headquarters action and what it does."""

    title: str = Field(min_length=1, max_length=60, description="Name on the button.")
    text: Text = Field(description="What the action does, for the player.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    attention: int = Field(1, ge=0, le=3, description="Attention it costs.")
    effects: Effects = Field(default_factory=Effects, description="What it changes.")


class LaunchTerms(ActionTerms):
    """Launching a frontier model: its training bill comes from the constants."""

    cooldown_quarters: int = Field(2, ge=0, le=12, description="Quarters between launches.")
    rushed_chance_per_safety_debt: float = Field(
        0.05, ge=0, le=1, description="Odds of a rushed launch, per point of safety debt."
    )
    rushed_effects: Effects = Field(default_factory=Effects, description="When it is rushed.")


class HqActions(Strict):
    """The three things only headquarters offers."""

    operations: ActionTerms = Field(description="Run the company for a quarter.")
    safety_review: ActionTerms = Field(description="Hold releases until testing is done.")
    launch_model: LaunchTerms = Field(description="Ship the next frontier model.")


class CampusSite(Strict):
    """Where the player may commission a data-centre campus (one site per space)."""

    space: Id = Field(description="The space where this campus is commissioned.")
    title: str = Field(min_length=1, max_length=60, description="Name on the button.")
    text: Text = Field(description="What the campus is, for the player.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    domestic: bool = Field(description="On home soil (counts as US capacity).")
    gw: float = Field(1.0, gt=0, le=10, description="Size of one campus, GW.")
    attention: int = Field(1, ge=0, le=3, description="Attention it costs to commission.")
    effects: Effects = Field(default_factory=Effects, description="On commissioning.")
    when: Condition | None = Field(None, description="Only offered while this holds.")


class Choice(Strict):
    """One answer to an event card."""

    label: str = Field(min_length=1, max_length=48, description="Short, on the button.")
    text: str = Field("", description="Optional longer explanation.")
    effects: Effects = Field(default_factory=Effects, description="What this answer changes.")
    delayed: list[Delayed] = Field(default_factory=list, description="What it brings later.")


class Event(Strict):
    """A card of the event deck: one is drawn at the start of each quarter."""

    id: Id = Field(description="Id used by scripted turns and mods.")
    title: str = Field(min_length=1, max_length=60, description="Title on the card.")
    text: Text = Field(description="What happens, in your own words.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    weight: float = Field(1.0, gt=0, le=100, description="Relative odds of being drawn.")
    once: bool = Field(False, description="Drawn at most once per game.")
    when: Condition | None = Field(None, description="Only drawn while this holds.")
    effects: Effects = Field(default_factory=Effects, description="Applied when drawn.")
    choices: list[Choice] = Field(
        default_factory=list, max_length=3, description="Two or three answers, or none."
    )
    image: AssetPath | None = Field(None, description="Optional picture on the card.")
    truth: Literal["reported", "fiction"] = Field(
        description=(
            "History or invention: `reported` when an article (A to E) reports what the card "
            "says, `fiction` for a plausible what-if (then the source is 'assumption: why'). "
            "The card shows it, so a player can tell history from invention."
        )
    )
    article: str | None = Field(
        None,
        pattern=r"^[A-E](, ?[A-E])*$",
        description=(
            "With truth: reported, the article(s) it is read in (A to E, e.g. B or 'A, B'), as "
            "its source names them with '(via B)'. Every shipped reported card has one."
        ),
    )
    hits: Literal["one", "all"] = Field(
        "one",
        description=(
            "In a game of several labs: `one`, the lab that draws it; `all`, the same card is dealt "
            "to every lab of the match (a shock to the whole industry). A reported card that is not "
            "`all` is the real lab's history: only the scenario's own lab draws it."
        ),
    )

    @model_validator(mode="after")
    def _tagged(self) -> Event:
        if self.truth == "reported":
            if source_kind(self.source) != "reported":
                raise ValueError(
                    f'a reported card\'s source names the outlet and date, e.g. "{REPORTED_EXAMPLE}"; '
                    "a card with an assumption as its source is truth: fiction"
                )
            named = reported_articles(self.source)
            missing = [a for a in re.findall("[A-E]", self.article or "") if a not in named]
            if missing:
                raise ValueError(
                    f"article {', '.join(missing)} is not among the articles the source names "
                    f"(via {', '.join(named)})"
                )
        else:
            if self.article:
                raise ValueError("a fiction card names no article; drop article, or make it truth: reported")
            if not self.source.strip().lower().startswith("assumption:"):
                raise ValueError(
                    'a fiction card\'s source says why the what-if is plausible: "assumption: why"'
                )
        return self

    @property
    def articles(self) -> tuple[str, ...]:
        """The article letters a reported card is read in (empty for fiction)."""
        return tuple(re.findall("[A-E]", self.article or ""))

    @field_validator("choices")
    @classmethod
    def _not_one(cls, v: list[Choice]) -> list[Choice]:
        if len(v) == 1:
            raise ValueError("a card with choices needs two or three of them")
        return v


class Goal(Strict):
    """A way to win."""

    id: Id = Field(description="Id shown in results and the debrief.")
    title: Text = Field(description="Headline when it is reached.")
    text: Text = Field(description="What the player reads when they win this way.")
    when: Condition = Field(description="Reached when all of this holds at a quarter's end.")


class Ending(Strict):
    """A way to lose."""

    id: Id = Field(description="Id shown in results and the debrief.")
    title: Text = Field(description="Headline when it happens.")
    text: Text = Field(description="What the player reads when it ends the game.")
    when: Condition = Field(description="Happens when all of this holds at a quarter's end.")


class Goals(Strict):
    """How the game is won or lost."""

    win: list[Goal] = Field(min_length=1, description="Reaching any of these wins.")
    lose: list[Ending] = Field(min_length=1, description="Any of these ends the game, lost.")
    time_up: Text = Field(description="What the player reads when the calendar runs out.")


class ScriptedTurn(Strict):
    """A quarter fixed in advance, for classroom use."""

    quarter: str = Field(pattern=QUARTER_RE.pattern, description="The quarter, e.g. 2024Q3.")
    event: Id | None = Field(None, description="This card is drawn that quarter.")
    note: str = Field("", description="A facilitator's note shown that quarter.")


class HistoricalPoint(Strict):
    """What really happened at one quarter, for the debrief."""

    quarter: str = Field(pattern=QUARTER_RE.pattern, description="The quarter, e.g. 2024Q4.")
    tracks: dict[str, float] = Field(description="Reported or estimated values at that quarter.")
    source: SourceText = Field(description="Outlet and date of the figures.")


HQ_MOVES: tuple[str, ...] = ("launch_model", "operations", "safety_review")
MOVE_KINDS: tuple[str, ...] = ("travel", "pitch", "sign", "hq", "present")


class ReportedMove(Strict):
    """One reported move: exactly one of travel, pitch (with at), sign, hq or present.

    The `historical` bot replays it, travelling by the shortest route where a move needs it."""

    travel: Id | None = Field(None, description="Go to this space (one route a step).")
    pitch: float | None = Field(
        None, gt=0, description="Ask investors for this amount, $B: one of the ask_ladder's values."
    )
    at: Id | None = Field(
        None,
        description="With pitch: the space to pitch at, travelled to first (default: headquarters).",
    )
    sign: Id | None = Field(None, description="Sign this deal, travelling to its space first.")
    hq: Literal["launch_model", "operations", "safety_review"] | None = Field(
        None, description="A headquarters action, taken when the CEO is at headquarters."
    )
    present: Id | None = Field(
        None,
        description="Present the build-out (`buildout`) to the backer at this space, travelling there first.",
    )

    @model_validator(mode="after")
    def _one_move(self) -> ReportedMove:
        given = [k for k in MOVE_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a reported move is exactly one of travel, pitch, sign, hq or present; "
                f"this one has {', '.join(given) or 'none'}"
            )
        if self.at is not None and self.pitch is None:
            raise ValueError("at goes with pitch: where the pitch is made")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in MOVE_KINDS if getattr(self, k) is not None)


class ReportedQuarter(Strict):
    """What the real CEO did in one quarter: the moves the `historical` bot replays, in order."""

    quarter: str = Field(pattern=QUARTER_RE.pattern, description="The quarter, e.g. 2024Q1.")
    moves: list[ReportedMove] = Field(
        min_length=1, description="The moves, in the order the bot tries them; then the quarter ends."
    )
    source: SourceText = Field(description="Outlet and date that reported these moves.")


class DebriefQuestion(Strict):
    """A question for the class after the game, with its answer for the teacher."""

    question: Text = Field(description="The question, as the student handout and the debrief ask it.")
    answer: str = Field(
        "",
        description=(
            "What a good answer says, with the figures it rests on and their sources: printed on "
            "the teacher's answer sheet only."
        ),
    )
    lesson: LessonTheme | None = Field(
        None,
        description=(
            "The lesson this question goes with (see [Lesson themes](#lesson-themes)): the debrief "
            "asks it under that lesson instead of the theme's own question. Without one it is "
            "asked at the end."
        ),
    )


COMPARE_BOTS: tuple[str, ...] = ("historical", "planner", "cautious", "random")


class DebriefSection(Strict):
    """What the debrief, the student handout and the answer sheet say about this scenario."""

    questions: list[DebriefQuestion] = Field(
        default_factory=list,
        max_length=8,
        description="The questions for the class, in the order the handout prints them (at most 8).",
    )
    compare_with: Literal["historical", "planner", "cautious", "random"] | None = Field(
        None,
        description=(
            "The bot whose game on the same seed is drawn as dashed lines beside the team's. "
            "Left out: the `historical` bot when the scenario has `reported_plays`, else no "
            "dashed lines."
        ),
    )
    no_comparison: bool = Field(
        False, description="true: draw no bot beside the team, even with `reported_plays`."
    )
    comparison: str = Field(
        "",
        max_length=60,
        description=(
            "The dashed lines' name in the legends, e.g. \"what the real lab did in 2024\" "
            "(default: the bot's name)."
        ),
    )
    before_play: str = Field(
        "",
        description="A question the handout asks before the game, for a first guess.",
    )


class Backer(Strict):
    """Who funds the build-out at one space, and what a pledge brings the lab later.

    A backer is Gulf state funds, a chip maker, a government or investors."""

    space: Id = Field(description="The space where the build-out is presented to this backer.")
    name: str = Field(min_length=1, max_length=60, description="Who they are, e.g. Gulf state funds.")
    text: Text = Field(description="What this backer funds in the programme, for the player.")
    source: SourceText = Field(description="Outlet and date, or 'assumption: why'.")
    appetite: Figure = Field(description="Added to the odds' logit: how keen this backer is.")
    pledge_share: Figure = Field(
        description="Share of the programme's size this backer pledges on a yes (the industry's money, not the lab's cash)."
    )
    ridicule: Figure = Field(
        description="Credibility lost when this backer refuses, per tenfold of the programme over a year of the industry's investment."
    )
    effects: Effects = Field(default_factory=Effects, description="What a pledge changes at once (scrutiny...).")
    delivers: list[Delayed] = Field(
        default_factory=list,
        description="What the programme delivers to the lab in later quarters after a pledge (chips, power): a projection.",
    )


class Buildout(Strict):
    """The industry build-out: fabs, data centres and power that many backers fund, never the lab's cash.

    A programme over many years, measured against the industry (not the lab's valuation). The
    lab gets none of it as cash; a pledge brings it a modest share of what is built, later.
    Presenting it costs attention at a backer's space, once per space and quarter; each backer
    pledges at most once. Below `scale_back_credibility`, a refusal of the full vision forces
    the programme down to `scaled_back_busd` for the rest of the game."""

    title: str = Field(min_length=1, max_length=60, description="Name of the programme on the button.")
    text: Text = Field(description="What the programme is, for the player.")
    source: SourceText = Field(description="Outlet and date of the programme's figures.")
    vision_busd: Figure = Field(description="The programme's full size, $B (what the CEO said it would take).")
    scaled_back_busd: Figure = Field(description="Its size once scaled back, $B.")
    us_gdp_busd: Figure = Field(description="US yearly GDP, $B: what the programme is measured against.")
    industry_busd_per_year: Figure = Field(
        description="What the chip industry invests in a year, $B: the odds fall with the programme's size against it."
    )
    size_weight: Figure = Field(description="Logit taken off the odds per tenfold of the programme over a year of the industry's investment.")
    credibility_weight: Figure = Field(description="Logit per point of credibility above neutral.")
    scale_back_credibility: Figure = Field(
        description="Below this credibility, a refusal of the full vision forces the scale-back."
    )
    forced_credibility: Figure = Field(description="Credibility lost when the scale-back is forced (0 or less).")
    attention: int = Field(1, ge=0, le=3, description="Attention a presentation costs.")
    backers: list[Backer] = Field(min_length=1, description="Who funds it, one per space at most.")

    @model_validator(mode="after")
    def _one_per_space(self) -> Buildout:
        seen: set[str] = set()
        for b in self.backers:
            if b.space in seen:
                raise ValueError(f'two backers at "{b.space}": a space has one backer of the build-out')
            seen.add(b.space)
        if self.scaled_back_busd.value >= self.vision_busd.value:
            raise ValueError("scaled_back_busd must be smaller than vision_busd: scaling back makes it smaller")
        if min(self.vision_busd.value, self.scaled_back_busd.value, self.us_gdp_busd.value,
               self.industry_busd_per_year.value) <= 0:
            raise ValueError("the build-out's sizes and the figures it is measured against are above 0 $B")
        return self


class Rival(Strict):
    """A rival that buys chips and grid power each quarter (a market actor, not yet a player)."""

    id: Id = Field(description="Short identifier of the rival.")
    name: str = Field(min_length=1, max_length=60, description="Its name on the board.")
    text: Text = Field(description="Who it is, for the player.")
    source: SourceText = Field(description="What is reported about it, or 'assumption: why'.")
    chips_m_per_quarter: Figure = Field(description="Chips it wants in the first quarter, millions.")
    chips_growth_pct: Figure = Field(description="How fast its chip demand grows, % a quarter.")
    grid_gw_per_quarter: Figure = Field(description="New US grid load it wants in the first quarter, GW.")
    grid_growth_pct: Figure = Field(description="How fast its grid demand grows, % a quarter.")


class ChipDeal(Strict):
    """A deal that buys chips on the market: it pays the market price and takes from the supply."""

    deal: Id = Field(description="The deal's id.")
    chips_m: float = Field(gt=0, le=100, description="Chips it buys, millions.")


class GridDeal(Strict):
    """A deal that connects new load to the US grid: it needs room under the quarter's cap."""

    deal: Id = Field(description="The deal's id.")
    gw: float = Field(gt=0, le=100, description="New load it connects, GW.")


class FabDeal(Strict):
    """A deal that funds fabs: later, they add chips to the world's supply every quarter."""

    deal: Id = Field(description="The deal's id.")
    after_quarters: int = Field(ge=1, le=12, description="Quarters before the fabs deliver.")
    chips_m_per_quarter: float = Field(gt=0, le=100, description="Chips they add each quarter, millions.")


class Industry(Strict):
    """The industry the lab depends on: chips, their price, Nvidia dependence, the grid, rivals.
    Left out, chips and new grid load are unlimited and priced only by the deals (the older rules)."""

    constants: dict[str, Figure] = Field(
        description="The industry's constants (every one of game.model.constants.IndustryConstants), with sources."
    )
    rivals: list[Rival] = Field(default_factory=list, max_length=8, description="The rivals buying chips and power.")
    buy_chips_attention: int = Field(1, ge=0, le=3, description="Attention one chip purchase at headquarters costs.")
    chip_deals: list[ChipDeal] = Field(default_factory=list, description="Deals that buy chips on the market.")
    grid_deals: list[GridDeal] = Field(default_factory=list, description="Deals that connect load to the US grid.")
    fab_deals: list[FabDeal] = Field(default_factory=list, description="Deals that add fabs to the world's supply.")


# The bots a lab of a match can be played by (game/bots; a test checks both lists agree).
LAB_BOTS: tuple[str, ...] = ("planner", "builder", "cautious", "safety_first", "gulf_funded", "homebody", "random")
# The figures a lab's standing can be measured by: who is "behind" and who is best when time runs out.
STANDINGS: tuple[str, ...] = ("valuation_busd", "cash_busd", "power_gw_online", "revenue_busd_per_year")


def _check_colour(v: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", v):
        raise ValueError(f'"{v}" is not a colour: write it as # and six hexadecimal digits, e.g. "#4a7bd0"')
    return v


Colour = Annotated[str, Field(description="A colour, # and six hexadecimal digits, e.g. '#4a7bd0'."),
                   AfterValidator(_check_colour)]


class YourLab(Strict):
    """The scenario's own lab (seat 1 of a match): its start is the scenario's `start:`."""

    name: str = Field(min_length=1, max_length=40, description="Its name on the board and the handover screen.")
    colour: Colour = Field(description="Its pawn's colour, e.g. '#e8a33d'.")


class RivalLab(Strict):
    """A rival lab a person or a bot plays with the same rules (always fiction)."""

    id: Id = Field(description="Short identifier of the lab (results, saves and replays name it).")
    name: str = Field(min_length=1, max_length=40, description="Its name on the board and the handover screen.")
    text: Text = Field(description="Who it is, for the players: say it is fiction and what inspired it.")
    truth: Literal["fiction"] = Field(
        description="Every rival lab is fiction: a plausible lab standing for reported facts, never a real firm."
    )
    inspired_by: SourceText = Field(
        description=(
            "The reported facts it stands for, as a reported source (outlet, date, article A to E), "
            "e.g. 'French press, 15 February 2024 (via D); Amazon, Google, Meta and Microsoft run "
            "chip projects of their own'."
        )
    )
    colour: Colour = Field(description="Its pawn's colour, e.g. '#4a7bd0'.")
    bot: Literal[LAB_BOTS] = Field("planner", description="The bot that plays it when no person does.")  # type: ignore[valid-type]
    rival: Id | None = Field(
        None,
        description=(
            "The industry rival (industry: rivals) it stands for: while the lab plays, that rival "
            "stops buying chips and grid power on its own (its demand comes from the lab's moves)."
        ),
    )
    start: dict[str, Figure] = Field(
        default_factory=dict, description="Its starting figures where they differ from the scenario's start."
    )

    @field_validator("start")
    @classmethod
    def _start_keys(cls, v: dict[str, Figure]) -> dict[str, Figure]:
        _fail(
            "start",
            [
                _err((key,), f'"{key}" is not a track with a starting value{did_you_mean(key, START_KEYS)}', key)
                for key in v
                if key not in START_KEYS
            ],
        )
        return v


class CommonFate(Strict):
    """A track every lab of a match shares (public trust in AI, say): each lab's incidents and
    rushed launches wear it down, it recovers a little each quarter, and if it falls to
    `collapse_at` at a quarter's end every lab of the match loses."""

    id: Id = Field(description="Id of the track (results name its collapse by it).")
    name: str = Field(min_length=1, max_length=40, description="Its name on the board.")
    text: Text = Field(description="What it stands for, for the players.")
    source: SourceText = Field(description="What inspired it (outlet, date, article), or 'assumption: why'.")
    start: Figure = Field(description="Where it starts, 0 to 10.")
    collapse_at: Figure = Field(description="At or below this at a quarter's end, it has collapsed: every lab loses.")
    per_incident: Figure = Field(description="Points an incident at any lab takes off it.")
    per_rushed_launch: Figure = Field(description="Points a rushed launch by any lab takes off it.")
    recovery: Figure = Field(description="Points it wins back at each quarter's end (up to 10).")
    title: Text = Field(description="Headline when it collapses.")
    ending: Text = Field(description="What every lab reads when it collapses.")

    @model_validator(mode="after")
    def _in_range(self) -> CommonFate:
        for name in ("start", "collapse_at"):
            v = getattr(self, name).value
            if not 0 <= v <= 10:
                raise ValueError(f"{name} runs from 0 to 10; {v:g} is outside it")
        if self.collapse_at.value >= self.start.value:
            raise ValueError("collapse_at must be below start, or every match would lose at its first quarter")
        for name in ("per_incident", "per_rushed_launch", "recovery"):
            v = getattr(self, name).value
            if not 0 <= v <= 10:
                raise ValueError(f"{name} is a number of points from 0 to 10; {v:g} is outside it")
        return self


class SharedCapital(Strict):
    """Investors at one space with a finite sum to invest each quarter across the match: what
    one lab raises there, the others cannot; a pitch asking for more than is left is refused."""

    id: Id = Field(description="Id of the supply (the board and results name it).")
    name: str = Field(min_length=1, max_length=40, description="Its name on the board, e.g. Abu Dhabi's capital.")
    space: Id = Field(description="The space whose investors it is (a space with pitch terms).")
    busd_per_quarter: Figure = Field(description="What they invest each quarter, all labs together, $B.")


class SharedCapacity(Strict):
    """A supply some deals draw on, finite each quarter across the match (TSMC's lines, a
    country's spare power): each deal that goes through takes one unit; when none is left this
    quarter, those deals are refused to every lab until the next."""

    id: Id = Field(description="Id of the supply (the board and results name it).")
    name: str = Field(min_length=1, max_length=40, description="Its name on the board, e.g. TSMC's reserved lines.")
    deals: list[Id] = Field(min_length=1, description="The deals that draw on it.")
    per_quarter: Figure = Field(description="Deals it allows each quarter, all labs together.")
    refills: bool = Field(
        True, description="Whether it refills each quarter; false: `per_quarter` is all the match will ever have."
    )


class Shared(Strict):
    """The supplies the labs of a match share beyond the chip market and the grid (those are
    the `industry:` section's): finite each quarter, refilled at its start."""

    capital: list[SharedCapital] = Field(default_factory=list, max_length=4, description="Investors' money.")
    capacity: list[SharedCapacity] = Field(default_factory=list, max_length=6, description="Deals' supplies.")


class Labs(Strict):
    """Two to four labs racing on one board for the same chips, capital and power.

    Seat 1 is the scenario's own lab; the rivals take seats 2, 3 and 4 in this order (a match
    of three labs plays the first two). Within a quarter the labs act in turn, the lab furthest
    behind first: the lowest `standing` as the quarter opens, ties by seat. A lab's turn lasts
    until it ends its quarter; the quarter's business then runs for every lab at once."""

    your_lab: YourLab = Field(description="The scenario's own lab: its name and colour.")
    rivals: list[RivalLab] = Field(min_length=1, max_length=3, description="The rival labs, seat 2 onwards.")
    standing: Literal[STANDINGS] = Field(  # type: ignore[valid-type]
        "valuation_busd",
        description=(
            "What ranks the labs: the lowest acts first each quarter, and the highest wins when "
            "time runs out (ties: the lower seat)."
        ),
    )
    time_up: Literal["best_standing", "no_winner"] = Field(
        "best_standing",
        description="When the calendar runs out: the best standing among the labs still playing wins, or no one does.",
    )
    common_fate: CommonFate | None = Field(None, description="The track every lab shares (optional).")
    shared: Shared = Field(
        default_factory=Shared,
        description="Capital and capacity the labs share each quarter, beyond the chip market and the grid.",
    )


START_KEYS: tuple[str, ...] = STATE_TRACKS + ("revenue_busd_per_year", "spend_busd_per_year")


class Scenario(Strict):
    """One scenario: everything the game needs to play it."""

    format_version: Literal[1] = Field(description="Version of this format.")
    meta: Meta = Field(description="Title, author, learning goals and playing time.")
    calendar: Calendar = Field(description="First and last quarter.")
    start: dict[str, Figure] = Field(description="Starting value of tracks, each with its source.")
    start_space: Id | None = Field(None, description="Where the CEO starts (default: home).")
    constants: dict[str, Figure] = Field(description="Every constant of the model, with source.")
    board: Board = Field(description="Spaces and routes.")
    ask_ladder: list[Figure] = Field(
        min_length=1, max_length=10, description="The amounts a pitch may ask for, $B."
    )
    deals: list[Deal] = Field(default_factory=list, description="Deals signed at spaces.")
    products: list[Product] = Field(default_factory=list, description="Products run from HQ.")
    hq_actions: HqActions = Field(description="Operations, safety review and model launch.")
    campus_sites: list[CampusSite] = Field(
        default_factory=list, description="Where campuses can be commissioned."
    )
    buildout: Buildout | None = Field(
        None,
        description=(
            "The industry build-out (fabs, data centres, power) the CEO presents to many backers "
            "(optional)."
        ),
    )
    industry: Industry | None = Field(
        None,
        description=(
            "The chip market, Nvidia dependence, the US grid's cap and the rivals (left out: "
            "chips and grid load are unlimited)."
        ),
    )
    labs: Labs | None = Field(
        None,
        description=(
            "Rival labs: two to four labs, each played by a person (hot-seat) or a bot, racing for "
            "the same chips, capital and power (left out: one lab)."
        ),
    )
    events: list[Event] = Field(min_length=1, description="The event deck.")
    goals: Goals = Field(description="Win goals, losing endings and the time-up text.")
    script: list[ScriptedTurn] = Field(
        default_factory=list, description="Quarters fixed in advance (classroom)."
    )
    history: list[HistoricalPoint] = Field(
        default_factory=list, description="What really happened, for the debrief's comparison."
    )
    reported_plays: list[ReportedQuarter] = Field(
        default_factory=list,
        description=(
            "What the real CEO did, quarter by quarter, for the `historical` bot to replay "
            "(without any, it plays like `cautious`)."
        ),
    )
    debrief: DebriefSection = Field(
        default_factory=DebriefSection,
        description=(
            "What the debrief asks the class and draws beside the team's game; the student "
            "handout and the teacher's answer sheet print its questions."
        ),
    )

    # Set by the loader, not written in the file: the scenario files it was read from (a base
    # first, for an override), where its translations are found; and, for a translated copy,
    # the scenario it was translated from (translation.translate).
    _files: tuple[str, ...] = PrivateAttr(())
    _translated_from: Scenario | None = PrivateAttr(None)

    @field_validator("start")
    @classmethod
    def _start_keys(cls, v: dict[str, Figure]) -> dict[str, Figure]:
        _fail(
            "start",
            [
                _err(
                    (key,),
                    f'"{key}" is not a track with a starting value{did_you_mean(key, START_KEYS)}; '
                    f"start may set: {', '.join(START_KEYS)}",
                    key,
                )
                for key in v
                if key not in START_KEYS
            ],
        )
        return v

    def space(self, space_id: str) -> Space:
        return next(s for s in self.board.spaces if s.id == space_id)
