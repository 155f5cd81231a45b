"""Explanations: what moved a track and where its figure comes from, how far the game is from
each goal, and the scenario's goals and endings as the engine checks them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core import labs
from game.core.conditions import compare
from game.core.facts import Fact, fact
from game.core.figures import diff_tracks
from game.core.state import LOST, ONGOING, WON
from game.model.tracks import T
from game.scenario.schema import Condition

if TYPE_CHECKING:
    from game.core.compiled import Compiled
    from game.core.session import Game

TIME_UP = "time_up"  # the id of the ending when the calendar runs out without a win
# In a match of several labs (game/core/labs.py): won with the best standing when time ran out,
# lost because another lab won, lost because the common fate collapsed (when it has no id).
BEST_STANDING, RIVAL_WON, COMMON_FATE = "best_standing", "rival_won", "common_fate"
RESULTS = {ONGOING: None, WON: "won", LOST: "lost"}  # a world's outcome, as the files and reports name it


def ending_id(c: Compiled, outcome: int, reason: int) -> str | None:
    """Which goal or ending a world reached: its id, TIME_UP, or None while it plays on."""
    g = c.scenario.goals
    if outcome == WON:
        return BEST_STANDING if reason == labs.BEST_STANDING else g.win[reason].id
    if outcome == LOST:
        if reason == labs.RIVAL_WON:
            return RIVAL_WON
        if reason == labs.COMMON_FATE:
            fate = c.scenario.labs.common_fate if c.scenario.labs is not None else None
            return fate.id if fate is not None else COMMON_FATE
        return TIME_UP if reason < 0 else g.lose[reason].id
    return None

# Which figure of the scenario a track starts from (for "where does it come from?"):
# (section, field, how the figure enters: "start" as it is, "rented" as the rented chips,
# "worked_out" as one figure of a computation). A track missing here starts from no single
# figure of the scenario (it is worked out from others: see DERIVED_TRACKS) or from zero.
TRACK_ORIGIN: dict[str, tuple[str, str, str]] = {
    "revenue_busd_per_year": ("start", "revenue_busd_per_year", "start"),
    "spend_busd_per_year": ("start", "spend_busd_per_year", "start"),
    "cash_busd": ("start", "cash_busd", "start"),
    "demand_bq": ("start", "demand_bq", "start"),
    "rented_chips_m": ("start", "rented_chips_m", "start"),
    "chips": ("start", "rented_chips_m", "rented"),
    "scrutiny": ("start", "scrutiny", "start"),
    "credibility": ("start", "credibility", "start"),
    "trust": ("start", "trust", "start"),
    "valuation_busd": ("start", "valuation_busd", "start"),
    "price_cents": ("start", "price_cents", "start"),
    "safety_debt": ("start", "safety_debt", "start"),
    "inference_cost_cents": ("constants", "query_cost_cents", "start"),
    "power_gw_needed": ("constants", "chips_m_per_gw", "worked_out"),
}

# Tracks worked out from other tracks (the text layer says how, under `derived.<track>`).
WORKED_OUT = frozenset({"chips", "burn_busd_per_year", "runway_quarters", "power_gw_needed"})

# The units of the causes `explain` lists, where they differ from the track's own: chips are
# counted in millions (rented plus own) and runway, which no single cause moves in quarters,
# lists what moved the cash.
CAUSE_TRACK: dict[str, str] = {
    "chips": "rented_chips_m",
    "runway_quarters": "cash_busd",
}


@dataclass
class Ending:
    """A goal or an ending of the scenario, and when the engine checks it, in words."""

    id: str
    won: bool  # reaching it wins the game (else it loses it)
    title: str
    text: str
    when: Condition | None  # checked at the end of a quarter (the text layer says it in words)
    tracks: tuple[str, ...]  # the tracks its condition reads



def explain(game: Game, name: str) -> dict:
    """What moved a track this quarter and last, and where its starting figure comes from.

    `value` and `quarter_start` are in the units `track(name)` gives (chips count chips,
    not millions). `causes` are (turn, cause, amount): the cause a fact (`cause.*` or the
    label of a move), the amount as the track `causes_track` counts it (chips in millions
    of rented and own chips, runway as what moved the cash). `origin` is the figure of the
    scenario the track starts from, or None; `worked_out` says the track is computed from
    others (the text layer says how)."""
    causes = []
    if name == "burn_busd_per_year":  # what the quarter's end will bring and cost, a year
        causes = [(game.turn, fact("cause.ledger", line=k), -4.0 * v) for k, v in game.burn_lines().items() if abs(v) > 1e-9]
    else:
        for rec in game.quarters[-2:]:
            for label, diff in rec.causes:
                amount = _cause_amount(name, diff)
                if amount is not None:
                    causes.append((rec.turn, label, amount))
    origin = None
    if name in TRACK_ORIGIN:
        section, field_name, how = TRACK_ORIGIN[name]
        fig = getattr(game.scenario, section).get(field_name)
        if fig is not None:
            origin = fact(f"origin.{how}", value=fig.value, unit=fig.unit, source=fig.origin())
    return {
        "track": name,
        "value": game.track(name),
        "quarter_start": start_value(game, name),
        "causes": causes,
        "causes_track": CAUSE_TRACK.get(name, "spend_busd_per_year" if name == "burn_busd_per_year" else name),
        "origin": origin,
        "worked_out": name in WORKED_OUT,
    }


def condition_facts(game: Game, cond: Condition | None) -> list[tuple[str, str, float, float, bool]]:
    """Each figure a goal or ending tests, now: (track, op, bound, value, met?). Clauses on
    places, deals or the calendar are left out."""
    out = []
    for key, comp in (cond.root.items() if cond is not None else ()):
        if key not in T or not hasattr(comp, "bounds"):
            continue
        now = game.track(key)
        for op, bound in comp.bounds().items():
            out.append((key, op, bound, now, bool(compare(now, op, bound))))
    return out


def endings(game: Game) -> list[Ending]:
    """The scenario's goals, then its endings, each with when the engine checks it: at the
    end of a quarter, after the quarter's business (a track may pass a limit during a
    quarter and come back before its end)."""
    g = game.scenario.goals
    out = []
    for won, goals in ((True, g.win), (False, g.lose)):
        for goal in goals:
            reads = tuple(k for k in goal.when.root if k in T) if goal.when else ()
            out.append(Ending(goal.id, won, goal.title, " ".join(goal.text.split()), goal.when, reads))
    return out


def start_value(game: Game, name: str) -> float:
    """A track as it stood when the quarter opened, in the units `Game.track` gives."""
    row = game.quarter_start_tracks
    if name == "burn_busd_per_year":
        return 4.0 * game.start_of_quarter_burn
    if name == "runway_quarters":
        cash, burn = max(float(row[T["cash_busd"]]), 0.0), game.start_of_quarter_burn
        return float("inf") if burn <= 0 else cash / burn
    if name == "chips":
        return float((row[T["rented_chips_m"]] + row[T["own_chips_m"]]) * 1e6)
    return float(row[T[name]])


def _cause_amount(name: str, diff: dict[str, float]) -> float | None:
    """What one cause did to track `name`, in the units of its `CAUSE_TRACK` (else the track's);
    None if it did not touch it."""
    if name == "chips":  # in millions of chips
        keys = ("rented_chips_m", "own_chips_m")
        if not any(k in diff for k in keys):
            return None
        return sum(diff.get(k, 0.0) for k in keys)
    if name == "runway_quarters":  # what moved the cash, in $B
        return diff.get("cash_busd")
    return diff.get(name)




# The ledger lines of the quarter's end and the sign they move the cash by.
_LEDGER_LINES: tuple[tuple[str, float], ...] = (
    ("q_revenue_busd", 1.0),
    ("q_inference_busd", -1.0),
    ("q_training_busd", -1.0),
    ("q_staff_busd", -1.0),
    ("q_products_busd", -1.0),
    ("q_capex_busd", -1.0),
    ("q_energy_busd", -1.0),
    ("q_chips_busd", -1.0),
)


def quarter_causes(
    before: np.ndarray, after: np.ndarray, consts, products_growth_pct: float, incident: bool
) -> list[tuple[Fact, dict[str, float]]]:
    """What the end of a quarter did to each shown track, cause by cause: (cause, {track: amount}).

    Worked out from one lab's row of tracks before and after the quarter's end, its ledger
    lines and the model's constants (the batch model is left as it is). For each track, every
    cause but one is computed from its own term; the track's main cause takes the rest, bounds
    included, so that a track's causes add up to its change exactly."""
    diff = diff_tracks(before, after)
    out: dict[str, dict[str, float]] = {}
    facts: dict[str, Fact] = {}

    def add(key: str, f: Fact, track: str, amount: float) -> None:
        if abs(amount) > 1e-12:
            facts.setdefault(key, f)
            out.setdefault(key, {})[track] = out.get(key, {}).get(track, 0.0) + amount

    def split(track: str, main: tuple[str, Fact], parts: list[tuple[str, Fact, float]]) -> None:
        total = diff.pop(track, 0.0)
        rest = total
        for key, f, amount in parts:
            if abs(amount) > 1e-12:
                add(key, f, track, amount)
                rest -= amount
        add(main[0], main[1], track, rest)

    def row(b: np.ndarray, name: str) -> float:
        return float(b[T[name]])

    def moved(name: str) -> float:
        return row(after, name) - row(before, name)

    def line(k: str) -> tuple[str, Fact]:
        return k, fact("cause.ledger", line=k)

    def cause(key: str) -> tuple[str, Fact]:
        return key, fact(f"cause.{key}")

    # Money: each ledger line moves the cash; the year's spending counts the spending lines.
    lines = [(*line(k), sign * moved(k)) for k, sign in _LEDGER_LINES]
    split("cash_busd", line("q_revenue_busd"), lines[1:])
    split("revenue_busd_per_year", line("q_revenue_busd"), [])
    split("spend_busd_per_year", cause("year_window"), [(key, f, -amount) for key, f, amount in lines[1:]])
    # Demand grows by a share of itself: the market's growth, credibility, launches, products.
    d = row(before, "demand_bq")
    cred = row(before, "credibility") - consts.credibility_neutral
    split("demand_bq", cause("demand_market"), [
        (*cause("demand_credibility"), d * cred * consts.demand_growth_per_credibility_pct / 100.0),
        (*cause("demand_launch"), d * row(before, "launch_boost_pct") / 100.0),
        (*cause("demand_products"), d * products_growth_pct / 100.0),
    ])
    split("served_bq", cause("served"), [])
    for name in ("campus_gw_built", "own_chips_m", "chips_reserved_m", "capacity_bq", "power_gw_needed"):
        split(name, cause("campus_finished"), [])
    split("inference_cost_cents", cause("cost_drift"), [])
    split("price_cents", cause("price_drift"), [])
    # People: the CEO away or at home, scrutiny cooling, queries turned away, an incident.
    away = row(after, "away_this_quarter") > 0
    where = cause("away_trust") if away else cause("abroad_trust") if row(after, "based_abroad") > 0 else cause("home_trust")
    struck = cause("incident")
    split("trust", where, [(*struck, consts.incident_trust if incident else 0.0)])
    split("away_streak", where, [])
    split("safety_debt", cause("away_safety"), [])
    split("scrutiny", cause("scrutiny_cooling"), [(*struck, consts.incident_scrutiny if incident else 0.0)])
    split("credibility", cause("unserved"), [(*struck, consts.incident_credibility if incident else 0.0)])
    split("valuation_busd", cause("valuation_drift"), [])
    for name, amount in diff.items():  # a track no cause above names (none today)
        add("business", fact("cause.business"), name, amount)
    return [(facts[k], v) for k, v in out.items()]
