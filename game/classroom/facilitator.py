"""What a teacher's pause screen shows: the quarter, the scenario's question, the facilitator's
note for this quarter (from the scenario's `script:`), and talking points read from the state.

Plain data for the desktop game's projector mode; nothing here draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.core.session import Game
from game.scenario.schema import quarter_index


@dataclass
class PauseScreen:
    title: str
    quarter: str  # "Q3 2024"
    progress: str  # "Quarter 3 of 8"
    question: str
    learning_goals: list[str]
    note: str  # the scenario's facilitator note for this quarter ("" if none)
    card: str  # the card on the table, with its source ("" if none)
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
    card_text = f"{card.title} (source: {card.source})" if card else ""
    runway = game.track("runway_quarters")
    points = []
    if not math.isinf(runway) and runway < 4:
        points.append(f"Runway: {runway:.1f} quarters of cash left at this burn. What would you cut, or who would you ask?")
    if game.track("scrutiny") >= 7:
        points.append(f"Scrutiny is {game.track('scrutiny'):.1f} of 10: one more Gulf deal could block the lab.")
    if game.track("credibility") <= 3:
        points.append(f"Credibility is {game.track('credibility'):.1f}: investors are starting to laugh. Why?")
    if game.track("trust") <= 3:
        points.append(f"Team trust is {game.track('trust'):.1f}: the staff are close to walking out.")
    need, have = game.track("power_gw_needed"), game.track("power_gw_online")
    if need > have + 0.05:
        points.append(f"Chips need {need:.1f} GW and only {have:.1f} GW is online: the rest stand idle.")
    if game.track("inference_cost_cents") > game.track("price_cents"):
        points.append("Each query now costs more to serve than it brings in.")
    if not points:
        points.append("Ask one team to explain its last decision, and another what it would have done instead.")
    return PauseScreen(
        title=s.meta.title,
        quarter=game.date,
        progress=f"Quarter {min(turn + 1, c.turns)} of {c.turns}",
        question=" ".join(s.meta.question.split()),
        learning_goals=s.meta.goal_texts,
        note=note,
        card=card_text,
        talking_points=points,
        figures={
            "Cash": f"{game.track('cash_busd'):,.1f} $B",
            "Burn": f"{game.track('burn_busd_per_year'):,.1f} $B/yr",
            "Power": f"{have:.1f} GW",
            "Scrutiny": f"{game.track('scrutiny'):.1f}",
            "Credibility": f"{game.track('credibility'):.1f}",
            "Trust": f"{game.track('trust'):.1f}",
        },
    )
