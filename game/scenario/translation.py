"""A scenario in another language: translation files beside the scenario, keyed by ids.

A scenario file is written in one language (meta.language, English for the shipped ones). Its
texts in another language live beside it, in NAME.LANG.yaml (scenarios/default.fr.yaml for
scenarios/default.yaml), keyed by the ids the scenario already has: a card's texts under
events.<card id>, a space's under spaces.<space id>, a choice by its place on the card, a
backer of the build-out under buildout.backers.<space id>, a rival under industry.rivals.<id>, a
rival lab under labs.rivals.<id>, a shared supply under labs.shared.<id>. A mod's
override (extends:) gets the base scenario's translation first, then its own on top.

`translate(scenario, lang)` returns the same `Scenario` with the texts of `lang`, each missing
one left in the scenario's own language; every reader keeps reading plain strings. Saves stay
language-neutral: a translated scenario keeps the content hash of the scenario it was made
from (loader.scenario_hash). The language "pseudo" marks every player-facing text, for tests
that look for text left unmarked. `check_translations` is what `validate` says about them:
a text missing in a language the scenario declares (meta.language and meta.languages), and a
translation naming an id the scenario does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.scenario.articles import cite
from game.scenario.report import ERROR, WARNING, FieldPath, Located
from game.scenario.schema import FORMAT_VERSION, Figure, Scenario, split_source

PSEUDO = "pseudo"
LANG_PATTERN = r"^[a-z]{2}(-[A-Z]{2})?$"
_LANG_SUFFIX = re.compile(r"\.([a-z]{2}(?:-[A-Z]{2})?)$")


PSEUDO_OPEN, PSEUDO_CLOSE = "‹", "›"  # the pseudo-locale's markers (the catalog's too): glyphs every shipped font has


def pseudo_text(text: str) -> str:
    """The pseudo-locale's form of a text: between ‹ and ›, a third longer (as the catalog's)."""
    return PSEUDO_OPEN + text + " " + "·" * (len(text) // 3) + PSEUDO_CLOSE


def translation_path(scenario_file: Path, lang: str) -> Path:
    """Where the `lang` texts of a scenario file live: default.yaml gives default.fr.yaml."""
    return scenario_file.with_name(f"{scenario_file.stem}.{lang}{scenario_file.suffix}")


def is_translation_file(path: Path) -> bool:
    """A NAME.LANG.yaml file: a translation, not a scenario of its own."""
    return bool(_LANG_SUFFIX.search(path.stem))


# ------------------------------------------------------------------------------ the file format


class _T(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Said = str  # a translated text: any non-empty text (checked for emptiness below)


class MetaTexts(_T):
    """The scenario's title and what the menu says before it starts."""

    title: str | None = Field(None, min_length=1, max_length=100, description="Title shown in menus.")
    summary: str | None = Field(None, min_length=1, description="The paragraph shown before starting.")
    question: str | None = Field(None, min_length=1, description="The question a class answers by playing.")
    learning_goals: list[str] = Field(
        default_factory=list, description="The learning goals' sentences, in the scenario's order."
    )


class SpaceTexts(_T):
    """A space of the board."""

    name: str | None = Field(None, min_length=1, description="Name on the board.")
    description: str | None = Field(None, min_length=1, description="What the space offers.")


class ItemTexts(_T):
    """A deal, product, campus site or headquarters action."""

    title: str | None = Field(None, min_length=1, max_length=75, description="Name on the button or card.")
    text: str | None = Field(None, min_length=1, description="What it is, for the player.")
    source: str | None = Field(
        None,
        min_length=1,
        description=(
            "For a source that is an assumption or derived: what follows 'assumption:' or "
            "'derived:'. A reported source is not translated: the game writes its date in the "
            "language and names the article it was read in."
        ),
    )


class ChoiceTexts(_T):
    """One answer of a card, by its place on the card."""

    label: str | None = Field(None, min_length=1, max_length=60, description="Short, on the button.")
    text: str | None = Field(None, min_length=1, description="The longer explanation, if the answer has one.")


class EventTexts(ItemTexts):
    """A card of the event deck."""

    choices: list[ChoiceTexts] = Field(default_factory=list, description="Its answers, in the card's order.")


class GoalTexts(_T):
    """A way to win or to lose."""

    title: str | None = Field(None, min_length=1, description="Headline.")
    text: str | None = Field(None, min_length=1, description="What the player reads.")


class GoalsTexts(_T):
    """Win goals and losing endings by id, and the time-up text."""

    win: dict[str, GoalTexts] = Field(default_factory=dict, description="By the goal's id.")
    lose: dict[str, GoalTexts] = Field(default_factory=dict, description="By the ending's id.")
    time_up: str | None = Field(None, min_length=1, description="When the calendar runs out.")


class QuestionTexts(_T):
    """A debrief question and its answer for the teacher."""

    question: str | None = Field(None, min_length=1, description="The question.")
    answer: str | None = Field(None, min_length=1, description="What a good answer says.")


class DebriefTexts(_T):
    """What the debrief, the handout and the answer sheet print."""

    questions: list[QuestionTexts] = Field(default_factory=list, description="In the scenario's order.")
    comparison: str | None = Field(None, min_length=1, description="The dashed lines' name.")
    before_play: str | None = Field(None, min_length=1, description="The question asked before the game.")


class BackerTexts(_T):
    """A backer of the build-out, by the space where it is met."""

    name: str | None = Field(None, min_length=1, max_length=60, description="Who they are.")
    text: str | None = Field(None, min_length=1, description="What this backer funds, for the player.")
    source: str | None = Field(
        None, min_length=1, description="For a source that is an assumption or derived: what follows the kind."
    )
    figures: dict[str, str] = Field(
        default_factory=dict,
        description="A figure's assumption or formula (appetite, pledge_share, ridicule), by the figure's name.",
    )


class BuildoutTexts(_T):
    """The industry build-out: its name, what it is, its figures' reasons and its backers."""

    title: str | None = Field(None, min_length=1, max_length=75, description="Name of the programme on the button.")
    text: str | None = Field(None, min_length=1, description="What the programme is, for the player.")
    source: str | None = Field(
        None, min_length=1, description="For a source that is an assumption or derived: what follows the kind."
    )
    figures: dict[str, str] = Field(
        default_factory=dict,
        description="A figure's assumption or formula (vision_busd, scaled_back_busd...), by the figure's name.",
    )
    backers: dict[str, BackerTexts] = Field(default_factory=dict, description="By the backer's space id.")


class RivalTexts(_T):
    """A rival of the industry, by its id."""

    name: str | None = Field(None, min_length=1, max_length=60, description="Its name on the board.")
    text: str | None = Field(None, min_length=1, description="Who it is, for the player.")
    source: str | None = Field(
        None, min_length=1, description="For a source that is an assumption or derived: what follows the kind."
    )
    figures: dict[str, str] = Field(
        default_factory=dict,
        description="A figure's assumption or formula (chips_m_per_quarter, grid_growth_pct...), by the figure's name.",
    )


class IndustryTexts(_T):
    """The industry: its constants' reasons and its rivals."""

    constants: dict[str, str] = Field(
        default_factory=dict, description="An industry constant's assumption or formula, by the constant's name."
    )
    rivals: dict[str, RivalTexts] = Field(default_factory=dict, description="By the rival's id.")


class YourLabTexts(_T):
    """The scenario's own lab in a race of several."""

    name: str | None = Field(None, min_length=1, max_length=40, description="Its name on the board.")


class RivalLabTexts(_T):
    """A rival lab, by its id."""

    name: str | None = Field(None, min_length=1, max_length=40, description="Its name on the board.")
    text: str | None = Field(None, min_length=1, description="Who it is, for the players.")
    start: dict[str, str] = Field(
        default_factory=dict, description="A starting figure's assumption or formula, by track."
    )


class FateTexts(_T):
    """The common fate of a race."""

    name: str | None = Field(None, min_length=1, max_length=40, description="Its name on the board.")
    text: str | None = Field(None, min_length=1, description="What it stands for.")
    source: str | None = Field(
        None, min_length=1, description="For a source that is an assumption or derived: what follows the kind."
    )
    title: str | None = Field(None, min_length=1, description="Headline when it collapses.")
    ending: str | None = Field(None, min_length=1, description="What every lab reads when it collapses.")
    figures: dict[str, str] = Field(
        default_factory=dict, description="A figure's assumption or formula (start, collapse_at...), by its name."
    )


class PoolTexts(_T):
    """A shared supply of a race (capital or capacity), by its id."""

    name: str | None = Field(None, min_length=1, max_length=40, description="Its name on the board.")
    figures: dict[str, str] = Field(
        default_factory=dict, description="Its figure's assumption or formula (busd_per_quarter, per_quarter)."
    )


class LabsTexts(_T):
    """The rival labs of a race: names, texts, the common fate and the shared supplies."""

    your_lab: YourLabTexts = Field(default_factory=YourLabTexts, description="The scenario's own lab.")
    rivals: dict[str, RivalLabTexts] = Field(default_factory=dict, description="By the rival lab's id.")
    common_fate: FateTexts = Field(default_factory=FateTexts, description="The common fate.")
    shared: dict[str, PoolTexts] = Field(default_factory=dict, description="By the shared supply's id.")


class Translation(_T):
    """The texts of a scenario in another language (NAME.LANG.yaml beside NAME.yaml).

    Every section is keyed by the ids the scenario has; what is left out stays in the
    scenario's own language."""

    format_version: int = Field(FORMAT_VERSION, ge=1, le=FORMAT_VERSION, description="Version of this format.")
    language: str = Field(pattern=LANG_PATTERN, description="The language of these texts (ISO 639-1), e.g. fr.")
    translates: str = Field(description="The id (meta.id) of the scenario these texts belong to.")
    meta: MetaTexts = Field(default_factory=MetaTexts, description="Title, summary, question, learning goals.")
    spaces: dict[str, SpaceTexts] = Field(default_factory=dict, description="By space id.")
    deals: dict[str, ItemTexts] = Field(default_factory=dict, description="By deal id.")
    products: dict[str, ItemTexts] = Field(default_factory=dict, description="By product id.")
    campus_sites: dict[str, ItemTexts] = Field(default_factory=dict, description="By the site's space id.")
    hq_actions: dict[str, ItemTexts] = Field(
        default_factory=dict, description="operations, safety_review and launch_model."
    )
    events: dict[str, EventTexts] = Field(default_factory=dict, description="By card id.")
    goals: GoalsTexts = Field(default_factory=GoalsTexts, description="Win goals, endings, time up.")
    script: dict[str, str] = Field(
        default_factory=dict, description="The facilitator's note of a scripted quarter, by quarter (2024Q3)."
    )
    debrief: DebriefTexts = Field(default_factory=DebriefTexts, description="Questions and answers.")
    start: dict[str, str] = Field(
        default_factory=dict,
        description="A starting figure's assumption or formula (what follows assumption: or derived:), by track.",
    )
    constants: dict[str, str] = Field(
        default_factory=dict, description="A constant's assumption or formula, by the constant's name."
    )
    ask_ladder: list[str | None] = Field(
        default_factory=list, description="Each rung's assumption or formula, in the ladder's order (null: none)."
    )
    buildout: BuildoutTexts = Field(
        default_factory=BuildoutTexts, description="The industry build-out: title, text, figures, backers."
    )
    industry: IndustryTexts = Field(default_factory=IndustryTexts, description="The industry's constants and rivals.")
    labs: LabsTexts = Field(default_factory=LabsTexts, description="The rival labs, the common fate, the shared supplies.")


# ------------------------------------------------------------------------------ the texts of a scenario


def _figure_names(x: Any) -> list[str]:
    """The names of a model's figures (a build-out's, a backer's, a rival's), in its order."""
    return [n for n, f in type(x).model_fields.items() if f.annotation is Figure]


def _figure_texts(key: FieldPath, where: FieldPath, x: Any) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """The assumption or formula of each figure of `x`, under key + (figures, name)."""
    for name in _figure_names(x):
        f = getattr(x, name)
        for kind in ("assumption", "derived"):
            if getattr(f, kind):
                yield (*key, "figures", name), (*where, name, kind), getattr(f, kind)


def _named_texts(key: FieldPath, where: FieldPath, x: Any) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """A backer's or a rival's name, text, source (when not reported) and figures."""
    yield (*key, "name"), (*where, "name"), x.name
    yield (*key, "text"), (*where, "text"), x.text
    kind, body = split_source(x.source)
    if kind != "reported" and body:
        yield (*key, "source"), (*where, "source"), body
    yield from _figure_texts(key, where, x)


def scenario_texts(s: Scenario) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """Every player-facing text of a scenario: (its key in a translation file, its path in the
    scenario file, the text). A source is a text only when it is an assumption or derived
    (its words after the kind); a reported source is cited, not translated."""
    m = s.meta
    yield ("meta", "title"), ("meta", "title"), m.title
    yield ("meta", "summary"), ("meta", "summary"), m.summary
    if m.question:
        yield ("meta", "question"), ("meta", "question"), m.question
    for i, goal in enumerate(m.goal_texts):
        yield ("meta", "learning_goals", i), ("meta", "learning_goals", i), goal
    for i, sp in enumerate(s.board.spaces):
        yield ("spaces", sp.id, "name"), ("board", "spaces", i, "name"), sp.name
        yield ("spaces", sp.id, "description"), ("board", "spaces", i, "description"), sp.description

    def item(section: str, key: str, where: FieldPath, x: Any) -> Iterator[tuple[FieldPath, FieldPath, str]]:
        yield (section, key, "title"), (*where, "title"), x.title
        yield (section, key, "text"), (*where, "text"), x.text
        kind, body = split_source(x.source)
        if kind != "reported" and body:
            yield (section, key, "source"), (*where, "source"), body

    for section in ("deals", "products"):
        for i, x in enumerate(getattr(s, section)):
            yield from item(section, x.id, (section, i), x)
    for i, c in enumerate(s.campus_sites):
        yield from item("campus_sites", c.space, ("campus_sites", i), c)
    for name in ("operations", "safety_review", "launch_model"):
        yield from item("hq_actions", name, ("hq_actions", name), getattr(s.hq_actions, name))
    for i, e in enumerate(s.events):
        yield from item("events", e.id, ("events", i), e)
        for j, c in enumerate(e.choices):
            yield ("events", e.id, "choices", j, "label"), ("events", i, "choices", j, "label"), c.label
            if c.text:
                yield ("events", e.id, "choices", j, "text"), ("events", i, "choices", j, "text"), c.text
    for kind in ("win", "lose"):
        for i, g in enumerate(getattr(s.goals, kind)):
            yield ("goals", kind, g.id, "title"), ("goals", kind, i, "title"), g.title
            yield ("goals", kind, g.id, "text"), ("goals", kind, i, "text"), g.text
    yield ("goals", "time_up"), ("goals", "time_up"), s.goals.time_up
    for i, st in enumerate(s.script):
        if st.note:
            yield ("script", st.quarter), ("script", i, "note"), st.note
    d = s.debrief
    for i, q in enumerate(d.questions):
        yield ("debrief", "questions", i, "question"), ("debrief", "questions", i, "question"), q.question
        if q.answer:
            yield ("debrief", "questions", i, "answer"), ("debrief", "questions", i, "answer"), q.answer
    if d.comparison:
        yield ("debrief", "comparison"), ("debrief", "comparison"), d.comparison
    if d.before_play:
        yield ("debrief", "before_play"), ("debrief", "before_play"), d.before_play
    figures = [("start", k, f) for k, f in s.start.items()] + [("constants", k, f) for k, f in s.constants.items()]
    figures += [("ask_ladder", i, f) for i, f in enumerate(s.ask_ladder)]
    for section, k, f in figures:
        for kind in ("assumption", "derived"):
            if getattr(f, kind):
                yield (section, k), (section, k, kind), getattr(f, kind)
    b = s.buildout
    if b is not None:
        yield ("buildout", "title"), ("buildout", "title"), b.title
        yield ("buildout", "text"), ("buildout", "text"), b.text
        kind, body = split_source(b.source)
        if kind != "reported" and body:
            yield ("buildout", "source"), ("buildout", "source"), body
        yield from _figure_texts(("buildout",), ("buildout",), b)
        for i, bk in enumerate(b.backers):
            yield from _named_texts(("buildout", "backers", bk.space), ("buildout", "backers", i), bk)
    ind = s.industry
    if ind is not None:
        for k, f in ind.constants.items():
            for kind in ("assumption", "derived"):
                if getattr(f, kind):
                    yield ("industry", "constants", k), ("industry", "constants", k, kind), getattr(f, kind)
        for i, r in enumerate(ind.rivals):
            yield from _named_texts(("industry", "rivals", r.id), ("industry", "rivals", i), r)
    yield from _labs_texts(s)


def _labs_texts(s: Scenario) -> Iterator[tuple[FieldPath, FieldPath, str]]:
    """The texts of a race: the labs' names and texts, their start figures' reasons, the common
    fate and the shared supplies (a reported `inspired_by` is cited, not translated)."""
    labs = s.labs
    if labs is None:
        return
    yield ("labs", "your_lab", "name"), ("labs", "your_lab", "name"), labs.your_lab.name
    for i, lab in enumerate(labs.rivals):
        key, where = ("labs", "rivals", lab.id), ("labs", "rivals", i)
        yield (*key, "name"), (*where, "name"), lab.name
        yield (*key, "text"), (*where, "text"), lab.text
        for k, f in lab.start.items():
            for kind in ("assumption", "derived"):
                if getattr(f, kind):
                    yield (*key, "start", k), (*where, "start", k, kind), getattr(f, kind)
    cf = labs.common_fate
    if cf is not None:
        key = where = ("labs", "common_fate")
        for name in ("name", "text", "title", "ending"):
            yield (*key, name), (*where, name), getattr(cf, name)
        kind, body = split_source(cf.source)
        if kind != "reported" and body:
            yield (*key, "source"), (*where, "source"), body
        yield from _figure_texts(key, where, cf)
    for part in ("capital", "capacity"):
        for i, pool in enumerate(getattr(labs.shared, part)):
            key, where = ("labs", "shared", pool.id), ("labs", "shared", part, i)
            yield (*key, "name"), (*where, "name"), pool.name
            yield from _figure_texts(key, where, pool)


def _lookup(data: Any, key: FieldPath) -> Any:
    for seg in key:
        if isinstance(data, dict) and seg in data or isinstance(data, list) and isinstance(seg, int) and 0 <= seg < len(data):
            data = data[seg]
        else:
            return None
    return data


def texts_of(translation: dict, s: Scenario) -> dict[FieldPath, str]:
    """The translated texts a translation's data gives this scenario, by translation key."""
    out = {}
    for key, _, _ in scenario_texts(s):
        said = _lookup(translation, key)
        if isinstance(said, str) and said.strip():
            out[key] = said
    return out


def translation_keys(data: Any, prefix: FieldPath = ()) -> Iterator[FieldPath]:
    """Every text's key a translation file's data holds (the leaves under its sections)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if not prefix and k in ("format_version", "language", "translates"):
                continue
            yield from translation_keys(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from translation_keys(v, (*prefix, i))
    elif data is not None:  # null: a place left empty on purpose (a reported rung of the ask ladder)
        yield prefix


# ------------------------------------------------------------------------------ reading and applying


def read_translation(path: Path) -> tuple[Any, list[Located], Any]:
    """(data, problems, document) of a translation file; data is None when it cannot be used.

    The file is read like a scenario file (safe YAML, UTF-8, size limit) and checked against
    `Translation`; each problem names the file and line."""
    from game.scenario.document import DocumentError, read_document
    from game.scenario.loader import pydantic_problems, read_scenario_file
    from game.scenario.report import ScenarioError

    try:
        doc = read_document(read_scenario_file(path), str(path))
    except ScenarioError as e:
        return None, list(e.problems), None
    except DocumentError as e:
        return None, [e.problem], None
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        problems.append(Located(str(path), 1, 1, ERROR, "", "a translation file is a mapping: language:, translates:, then the sections"))
        return None, problems, doc
    try:
        Translation.model_validate(doc.data)
    except ValidationError as err:
        for loc, msg in pydantic_problems(err, Translation):
            line, col = doc.locate(loc)
            problems.append(Located(str(path), line, col, ERROR, ".".join(map(str, loc)), msg))
        return None, problems, doc
    return doc.data, problems, doc


_READ: dict[tuple[str, int, int], tuple[Any, list[Located], Any]] = {}


def _read_cached(path: Path) -> tuple[Any, list[Located], Any]:
    try:
        st = path.stat()
    except OSError:
        return None, [], None
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _READ:
        if len(_READ) > 64:
            _READ.clear()
        _READ[key] = read_translation(path)
    return _READ[key]


def _with_texts(s: Scenario, texts: dict[FieldPath, str], lang: str) -> Scenario:
    """A copy of the scenario with these texts (by translation key) and its sources cited in
    `lang`; the copy is not validated again (a French title may be longer than an English one)."""

    def said(key: FieldPath, english: str) -> str:
        return texts.get(key, english)

    def source(key: FieldPath, text: str) -> str:
        kind, body = split_source(text)
        if kind == "reported":
            out = cite(text, lang)
            return pseudo_text(out) if lang == PSEUDO else out
        if not key and lang == PSEUDO:
            return f"{kind}: {pseudo_text(body)}"
        return f"{kind}: {said(key, body)}"

    def item(section: str, key: str, x: Any, **more: Any) -> Any:
        return x.model_copy(
            update={
                "title": said((section, key, "title"), x.title),
                "text": said((section, key, "text"), x.text),
                "source": source((section, key, "source"), x.source),
                **more,
            }
        )

    m = s.meta
    goals = []
    for i, g in enumerate(m.learning_goals):
        text = said(("meta", "learning_goals", i), m.goal_texts[i])
        goals.append(text if isinstance(g, str) else g.model_copy(update={"goal": text}))
    meta = m.model_copy(
        update={
            "title": said(("meta", "title"), m.title),
            "summary": said(("meta", "summary"), m.summary),
            "question": said(("meta", "question"), m.question) if m.question else m.question,
            "learning_goals": goals,
        }
    )
    spaces = [
        sp.model_copy(
            update={
                "name": said(("spaces", sp.id, "name"), sp.name),
                "description": said(("spaces", sp.id, "description"), sp.description),
            }
        )
        for sp in s.board.spaces
    ]
    events = []
    for e in s.events:
        choices = [
            c.model_copy(
                update={
                    "label": said(("events", e.id, "choices", j, "label"), c.label),
                    "text": said(("events", e.id, "choices", j, "text"), c.text) if c.text else c.text,
                }
            )
            for j, c in enumerate(e.choices)
        ]
        events.append(item("events", e.id, e, choices=choices))
    hq = s.hq_actions
    g = s.goals

    def goal(kind: str, x: Any) -> Any:
        return x.model_copy(
            update={"title": said(("goals", kind, x.id, "title"), x.title), "text": said(("goals", kind, x.id, "text"), x.text)}
        )

    d = s.debrief
    questions = [
        q.model_copy(
            update={
                "question": said(("debrief", "questions", i, "question"), q.question),
                "answer": said(("debrief", "questions", i, "answer"), q.answer) if q.answer else q.answer,
            }
        )
        for i, q in enumerate(d.questions)
    ]
    out = s.model_copy(
        update={
            "meta": meta,
            "board": s.board.model_copy(update={"spaces": spaces}),
            "deals": [item("deals", x.id, x) for x in s.deals],
            "products": [item("products", x.id, x) for x in s.products],
            "campus_sites": [item("campus_sites", x.space, x) for x in s.campus_sites],
            "hq_actions": hq.model_copy(
                update={n: item("hq_actions", n, getattr(hq, n)) for n in ("operations", "safety_review", "launch_model")}
            ),
            "events": events,
            "goals": g.model_copy(
                update={
                    "win": [goal("win", x) for x in g.win],
                    "lose": [goal("lose", x) for x in g.lose],
                    "time_up": said(("goals", "time_up"), g.time_up),
                }
            ),
            "script": [
                st.model_copy(update={"note": said(("script", st.quarter), st.note)}) if st.note else st
                for st in s.script
            ],
            "history": [h.model_copy(update={"source": source((), h.source)}) for h in s.history],
            "reported_plays": [r.model_copy(update={"source": source((), r.source)}) for r in s.reported_plays],
            "debrief": d.model_copy(
                update={
                    "questions": questions,
                    "comparison": said(("debrief", "comparison"), d.comparison) if d.comparison else d.comparison,
                    "before_play": said(("debrief", "before_play"), d.before_play) if d.before_play else d.before_play,
                }
            ),
            "start": {k: _figure(f, lang, texts.get(("start", k))) for k, f in s.start.items()},
            "constants": {k: _figure(f, lang, texts.get(("constants", k))) for k, f in s.constants.items()},
            "ask_ladder": [_figure(f, lang, texts.get(("ask_ladder", i))) for i, f in enumerate(s.ask_ladder)],
            "buildout": _buildout(s.buildout, texts, lang, source) if s.buildout is not None else None,
            "industry": _industry(s.industry, texts, lang, source) if s.industry is not None else None,
            "labs": _labs(s.labs, texts, lang, source) if s.labs is not None else None,
        }
    )
    return out


def _labs(labs: Any, texts: dict[FieldPath, str], lang: str, source: Any) -> Any:
    """The rival labs in `lang`: names, texts, start figures' reasons, the common fate, the
    shared supplies; `inspired_by` cited in `lang`."""
    rivals = []
    for lab in labs.rivals:
        key = ("labs", "rivals", lab.id)
        rivals.append(lab.model_copy(update={
            "name": texts.get((*key, "name"), lab.name),
            "text": texts.get((*key, "text"), lab.text),
            "inspired_by": source((), lab.inspired_by),
            "start": {k: _figure(f, lang, texts.get((*key, "start", k))) for k, f in lab.start.items()},
        }))
    cf = labs.common_fate
    if cf is not None:
        key = ("labs", "common_fate")
        cf = cf.model_copy(update={
            **{n: texts.get((*key, n), getattr(cf, n)) for n in ("name", "text", "title", "ending")},
            "source": source((*key, "source"), cf.source),
            **_figures(cf, key, texts, lang),
        })

    def pool(p: Any) -> Any:
        key = ("labs", "shared", p.id)
        return p.model_copy(update={"name": texts.get((*key, "name"), p.name), **_figures(p, key, texts, lang)})

    shared = labs.shared.model_copy(update={
        "capital": [pool(p) for p in labs.shared.capital],
        "capacity": [pool(p) for p in labs.shared.capacity],
    })
    your = labs.your_lab.model_copy(update={"name": texts.get(("labs", "your_lab", "name"), labs.your_lab.name)})
    return labs.model_copy(update={"your_lab": your, "rivals": rivals, "common_fate": cf, "shared": shared})


def _figures(x: Any, key: FieldPath, texts: dict[FieldPath, str], lang: str) -> dict[str, Any]:
    """The figures of `x` cited in `lang`, with their assumption or formula from `texts`."""
    return {n: _figure(getattr(x, n), lang, texts.get((*key, "figures", n))) for n in _figure_names(x)}


def _named(x: Any, key: FieldPath, texts: dict[FieldPath, str], lang: str, source: Any) -> Any:
    """A backer or a rival in `lang`: name, text, source and figures."""
    return x.model_copy(
        update={
            "name": texts.get((*key, "name"), x.name),
            "text": texts.get((*key, "text"), x.text),
            "source": source((*key, "source"), x.source),
            **_figures(x, key, texts, lang),
        }
    )


def _buildout(b: Any, texts: dict[FieldPath, str], lang: str, source: Any) -> Any:
    """The build-out in `lang`: its title, text, source, figures and backers."""
    return b.model_copy(
        update={
            "title": texts.get(("buildout", "title"), b.title),
            "text": texts.get(("buildout", "text"), b.text),
            "source": source(("buildout", "source"), b.source),
            **_figures(b, ("buildout",), texts, lang),
            "backers": [_named(bk, ("buildout", "backers", bk.space), texts, lang, source) for bk in b.backers],
        }
    )


def _industry(ind: Any, texts: dict[FieldPath, str], lang: str, source: Any) -> Any:
    """The industry in `lang`: its constants' sources and reasons, and its rivals."""
    return ind.model_copy(
        update={
            "constants": {k: _figure(f, lang, texts.get(("industry", "constants", k))) for k, f in ind.constants.items()},
            "rivals": [_named(r, ("industry", "rivals", r.id), texts, lang, source) for r in ind.rivals],
        }
    )


def _figure(f: Any, lang: str, said: str | None) -> Any:
    """A figure with its reported source cited in `lang`, and its assumption or formula in
    `lang` when the translation gives it (the pseudo-locale's texts are marked already)."""
    update = {}
    if f.source:
        out = cite(f.source, lang)
        update["source"] = pseudo_text(out) if lang == PSEUDO else out
    for k in ("assumption", "derived"):
        if getattr(f, k) and said:
            update[k] = said
    return f.model_copy(update=update) if update else f


def translate(scenario: Scenario, lang: str) -> Scenario:
    """The scenario with its texts in `lang`: from the translation files beside the scenario's
    file (and its base's, for an override), each text missing there left as the file has it.
    `pseudo` marks every text instead. The scenario's own language returns it unchanged.
    A translated scenario keeps its original's content hash, and translating it again starts
    from that original."""
    original = scenario._translated_from or scenario
    own = original.meta.language.split("-")[0]
    if lang == own and lang != PSEUDO:
        return original
    if lang == PSEUDO:
        texts = {key: pseudo_text(text) for key, _, text in scenario_texts(original)}
    else:
        texts = {}
        for f in original._files:
            t = translation_path(Path(f), lang)
            data, _, _ = _read_cached(t)
            if data is not None:
                texts.update(texts_of(data, original))
    out = _with_texts(original, texts, lang)
    out._translated_from = original
    out._files = original._files
    return out


def available_languages(scenario: Scenario) -> list[str]:
    """The languages a translation file beside one of the scenario's files gives it."""
    found: set[str] = set()
    for f in scenario._files:
        p = Path(f)
        try:
            names = list(p.parent.glob(f"{p.stem}.*{p.suffix}"))
        except OSError:
            continue
        for t in names:
            m = _LANG_SUFFIX.search(t.stem)
            if m and t.stem[: m.start()] == p.stem:
                found.add(m.group(1))
    return sorted(found - {scenario.meta.language})


# ------------------------------------------------------------------------------ what validate says


def declared_languages(s: Scenario) -> list[str]:
    """The languages a scenario says it is complete in, other than its own."""
    own = s.meta.language
    return [x for x in dict.fromkeys(s.meta.languages) if x != own]


def check_translations(
    s: Scenario, files: tuple[str, ...], place: Any, langs: list[str] | None = None
) -> list[Located]:
    """Problems with a scenario's translations: for each declared language, every text with no
    translation (at the text's line in the scenario file, via `where(path)`), and in each
    translation file found beside a file of the scenario, a broken file, a key naming no id
    of the scenario (a stale translation) and a file for another scenario. `place(path,
    message, severity)` pins a problem at a path of the scenario, as the loader does."""
    problems: list[Located] = []
    langs = declared_languages(s) if langs is None else langs
    own_file = Path(files[-1]) if files else None
    found_langs = set(langs)
    if own_file is not None:
        for p in sorted(own_file.parent.glob(f"{own_file.stem}.*{own_file.suffix}")):
            m = _LANG_SUFFIX.search(p.stem)
            if m and p.stem[: m.start()] == own_file.stem:
                found_langs.add(m.group(1))
    known = {key for key, _, _ in scenario_texts(s)}
    for lang in sorted(found_langs):
        texts: dict[FieldPath, str] = {}
        for n, f in enumerate(files):
            path = translation_path(Path(f), lang)
            if not path.exists():
                continue
            data, file_problems, doc = _read_cached(path)
            own = n == len(files) - 1
            if own:
                problems += file_problems
            if data is None:
                continue
            texts.update(texts_of(data, s))
            if not own:
                continue
            if data.get("translates") != s.meta.id:
                line, col = doc.locate(("translates",))
                problems.append(
                    Located(str(path), line, col, WARNING, "translates",
                            f'these texts are for the scenario "{data.get("translates")}", and {f} is "{s.meta.id}": '
                            f"write translates: {s.meta.id}, or rename the file")
                )
            if data.get("language") != lang:
                line, col = doc.locate(("language",))
                problems.append(
                    Located(str(path), line, col, WARNING, "language",
                            f"the file's name says {lang} and it says language: {data.get('language')}; make them agree")
                )
            said_at: set[FieldPath] = set()
            for key in translation_keys(data):
                if key not in known:
                    message, at = _stale(key, s)
                    if at in said_at:
                        continue  # an unknown id is named once, not once per text under it
                    said_at.add(at)
                    line, col = doc.locate(at)
                    problems.append(Located(str(path), line, col, WARNING, ".".join(map(str, at)), message))
        if lang in langs:
            missing = [(key, spath) for key, spath, _ in scenario_texts(s) if key not in texts]
            for key, spath in missing:
                problems.append(
                    place(spath,
                          f"no {lang} text: the scenario declares {lang} (meta.languages); add "
                          f"{'.'.join(map(str, key))} to {translation_path(own_file, lang).name if own_file else 'its translation file'}",
                          WARNING)
                )
    return problems


def _stale(key: FieldPath, s: Scenario) -> tuple[str, FieldPath]:
    """Why a translation key names no text of the scenario, and where to point at it (the
    unknown id itself, when that is what is wrong)."""
    nested = {
        ("buildout", "backers"): [x.space for x in s.buildout.backers] if s.buildout else [],
        ("buildout", "figures"): _figure_names(s.buildout) if s.buildout else [],
        ("industry", "rivals"): [x.id for x in s.industry.rivals] if s.industry else [],
        ("industry", "constants"): list(s.industry.constants) if s.industry else [],
        ("labs", "rivals"): [x.id for x in s.labs.rivals] if s.labs else [],
        ("labs", "shared"): [p.id for p in list(s.labs.shared.capital) + list(s.labs.shared.capacity)] if s.labs else [],
    }.get(tuple(key[:2]))
    if nested is not None and len(key) > 2 and key[2] not in nested:
        from game.scenario.schema import did_you_mean

        what = {"backers": "backer at", "figures": "build-out figure", "rivals": "rival", "constants": "industry constant",
                "shared": "shared supply"}
        return (
            f'the scenario has no {what[str(key[1])]} "{key[2]}"'
            f"{did_you_mean(str(key[2]), nested)}: a stale translation; rename it to a current id or remove it",
            key[:3],
        )
    if key[:1] in (("buildout",), ("industry",)) and len(key) > 3 and key[1] in ("backers", "rivals") and key[3] == "figures":
        names = _figure_names(s.buildout.backers[0] if key[1] == "backers" and s.buildout else
                              s.industry.rivals[0] if key[1] == "rivals" and s.industry and s.industry.rivals else s)
        if len(key) > 4 and key[4] not in names:
            from game.scenario.schema import did_you_mean

            return (
                f'there is no figure "{key[4]}" here{did_you_mean(str(key[4]), names)}: rename it or remove it',
                key[:5],
            )
    section = key[0]
    ids = {
        "spaces": [x.id for x in s.board.spaces],
        "deals": [x.id for x in s.deals],
        "products": [x.id for x in s.products],
        "campus_sites": [x.space for x in s.campus_sites],
        "events": [x.id for x in s.events],
        "script": [x.quarter for x in s.script],
        "start": list(s.start),
        "constants": list(s.constants),
    }.get(section)
    if ids is not None and len(key) > 1 and key[1] not in ids:
        from game.scenario.schema import did_you_mean

        return (
            f'the scenario has no {section.rstrip("s").replace("_", " ")} "{key[1]}"'
            f"{did_you_mean(str(key[1]), ids)}: a stale translation; rename it to a current id or remove it",
            key[:2],
        )
    if key[-1] == "source":
        return (
            "this source is reported (outlet and date), and a reported source is not translated: the "
            "game writes its date in the player's language and names the article; remove it",
            key,
        )
    return "the scenario has no such text (a stale translation, or a place beyond the scenario's list): remove it", key
