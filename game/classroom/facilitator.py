"""What a teacher's pause screen shows: the quarter, the scenario's question, the facilitator's
note for this quarter (from the scenario's `script:`), and talking points read from the state.

Plain data for the desktop game's projector mode; nothing here draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.core.session import Game
from game.scenario.schema import quarter_index
from game.text import numbers
from game.text.catalog import t


@dataclass
class PauseScreen:
    title: str
    quarter: str  # "Q3 2024"
    progress: str  # "Quarter 3 of 8"
    question: str
    learning_goals: list[str]
    note: str  # the scenario's facilitator note for this quarter ("" if none)
    card: str  # the card on the table, with its source ("" if none)
    card_title: str = ""  # the card's title alone ("" if none)
    card_source: str = ""  # its source as a line: "Source (assumption): ..." in the player's language
    talking_points: list[str] = field(default_factory=list)
    figures: dict[str, str] = field(default_factory=dict)  # big numbers for the back row


def pause_screen(game: Game) -> PauseScreen:
    """The facilitator's pause screen for the game's current quarter."""
    s, c = game.scenario, game.c
    turn = game.turn
    note = ""
    for st in s.script:
        if quarter_index(st.quarter) - c.start_turn == turn and st.note:
            note = " ".join(st.note.split())
    card = game.card
    card_text = t("facilitator.points.card", title=card.title, source=numbers.source_said(card.source)) if card else ""
    runway = game.track("runway_quarters")
    one = lambda key: numbers.number(game.track(key), ".1f")  # noqa: E731
    points = []
    if not math.isinf(runway) and runway < 4:
        points.append(t("facilitator.points.runway", runway=numbers.value("runway_quarters", runway)))
    if game.track("scrutiny") >= 7:
        points.append(t("facilitator.points.scrutiny", v=one("scrutiny")))
    if game.track("credibility") <= 3:
        points.append(t("facilitator.points.credibility", v=one("credibility")))
    if game.track("trust") <= 3:
        points.append(t("facilitator.points.trust", v=one("trust")))
    need, have = game.track("power_gw_needed"), game.track("power_gw_online")
    if need > have + 0.05:
        gw = lambda v: t("unit.gw", v=numbers.number(v, ".1f"))  # noqa: E731
        points.append(t("facilitator.points.power", need=gw(need), have=gw(have)))
    if game.track("inference_cost_cents") > game.track("price_cents"):
        points.append(t("facilitator.points.cost"))
    if not points:
        points.append(t("facilitator.points.any"))
    return PauseScreen(
        title=s.meta.title,
        quarter=numbers.quarter(game.date),
        progress=t("top.quarter_of", n=min(turn + 1, c.turns), total=c.turns),
        question=" ".join(s.meta.question.split()),
        learning_goals=s.meta.goal_texts,
        note=note,
        card=card_text,
        card_title=card.title if card else "",
        card_source=numbers.source_line(card.source) if card else "",
        talking_points=points,
        # by track key; the values in the language in use (the screen names each track)
        figures={
            key: numbers.value(key, game.track(key))
            for key in ("cash_busd", "burn_busd_per_year", "power_gw_online", "scrutiny", "credibility", "trust")
        },
    )


@dataclass
class LabColumn:
    """One lab of a match, as the facilitator's side-by-side pause shows it."""

    seat: int
    name: str
    colour: str
    team: str  # "Team 2", or the bot that plays it
    status: str  # still racing, or how its race ended
    standing: str  # its standing figure, as shown
    place: int  # 1 = best standing
    figures: dict[str, str] = field(default_factory=dict)
    moved: list[str] = field(default_factory=list)  # what moved this quarter, "Cash −1.2 $B"


@dataclass
class MatchPause:
    title: str
    quarter: str
    progress: str
    question: str
    note: str
    fate: str  # "Public trust in AI: 5.5 / 10 (collapses at 2)", "" without a common fate
    labs: list[LabColumn] = field(default_factory=list)


LAB_FIGURES = ("cash_busd", "valuation_busd", "runway_quarters", "power_gw_online", "scrutiny", "trust")


def match_pause(match, people: list[bool]) -> MatchPause:
    """The facilitator's pause for a match: every lab side by side, its figures, its place by
    standing and what moved this quarter, with the common fate and the quarter's note."""
    from game.text.words import words_for

    s, c = match.scenario, match.c
    turn = match.turn
    note = ""
    for st in s.script:
        if quarter_index(st.quarter) - c.start_turn == turn and st.note:
            note = " ".join(st.note.split())
    words = words_for(match)
    standing = s.labs.standing
    values = match.standings()
    places = sorted(range(match.seats), key=lambda k: (-values[k], k))
    columns = []
    for seat in range(match.seats):
        lab = match.lab(seat)
        who = t("match.team", n=seat + 1) if people[seat] else t("match.bot", bot=t(f"match.bots.{c.labs.bots[seat] or 'planner'}"))
        status = words.ending_title(match.outcome_id_of(seat)) if lab.over else t("facilitator.match.racing")
        moved = [f"{numbers.label(k)} {numbers.delta(k, d)}" for k, d in numbers.ordered(match.quarter_moves(seat)) if k in LAB_FIGURES and abs(d) > 1e-6]
        columns.append(LabColumn(
            seat=seat, name=match.lab_name(seat), colour=c.labs.colours[seat], team=who, status=status,
            standing=numbers.value(standing, values[seat]), place=places.index(seat) + 1,
            figures={k: numbers.value(k, lab.track(k)) for k in LAB_FIGURES}, moved=moved,
        ))
    fate = ""
    if match.common_fate is not None:
        cf = s.labs.common_fate
        fate = t("facilitator.match.fate", name=cf.name, value=numbers.number(match.common_fate, ".1f"), collapse=numbers.number(c.labs.fate[1]))
    return MatchPause(
        title=s.meta.title,
        quarter=numbers.quarter(match.date),
        progress=t("top.quarter_of", n=min(turn + 1, c.turns), total=c.turns),
        question=" ".join(s.meta.question.split()),
        note=note,
        fate=fate,
        labs=columns,
    )
