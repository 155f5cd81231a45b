"""Conditions of a scenario (`when:` clauses) in words: "when your campuses at home reach 1 GW",
"You lose at the end of a quarter if scrutiny reaches 10."."""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled
from game.core.conditions import CALENDAR_KINDS, compare
from game.scenario.schema import Condition
from game.text.catalog import t
from game.text.numbers import money as fmt_busd

OP_WORDS = {"gte": "at least", "lte": "at most", "gt": "above", "lt": "below", "eq": "exactly"}

# How a condition names a track: (the words, plural?, unit). A unit of "$B" is written as the
# game writes money ("7,000 $B"); "%" sticks to the number; any other unit follows it.
CONDITION_NAMES: dict[str, tuple[str, bool, str]] = {
    "cash_busd": ("your cash", False, "$B"),
    "revenue_busd_per_year": ("your revenue", False, "$B a year"),
    "spend_busd_per_year": ("your spending", False, "$B a year"),
    "staff_busd_per_year": ("your staff bill", False, "$B a year"),
    "demand_bq": ("demand", False, "billion queries a quarter"),
    "served_bq": ("the queries you serve", True, "billion a quarter"),
    "capacity_bq": ("your capacity", False, "billion queries a quarter"),
    "rented_chips_m": ("your rented chips", True, "million"),
    "own_chips_m": ("your own chips", True, "million"),
    "chips_reserved_m": ("your chips on order", True, "million"),
    "campus_gw_built": ("your finished campuses", True, "GW"),
    "campus_gw_domestic": ("your campuses at home", True, "GW"),
    "campus_gw_abroad": ("your campuses abroad", True, "GW"),
    "power_gw_online": ("your power online", False, "GW"),
    "power_gw_needed": ("the power your chips need", False, "GW"),
    "scrutiny": ("scrutiny", False, ""),
    "credibility": ("your credibility", False, ""),
    "trust": ("the team's trust", False, ""),
    "valuation_busd": ("your valuation", False, "$B"),
    "equity_sold_pct": ("the share of the lab you have sold", False, "%"),
    "raised_busd": ("the money you have raised", False, "$B"),
    "price_cents": ("your revenue per query", False, "cents"),
    "inference_cost_cents": ("your cost per query", False, "cents"),
    "inference_cost_mult": ("the cost of a query (1 at the start)", False, "times"),
    "attention": ("the attention you have left", False, ""),
    "quarters_since_launch": ("the quarters since your last launch", True, ""),
    "launch_boost_pct": ("the demand boost from launches", False, "% a quarter"),
    "safety_debt": ("your safety debt", False, ""),
    "cash_at_quarter_start": ("your cash at the start of the quarter", False, "$B"),
}

# Flags the engine keeps as 0 or 1: a condition on them reads as what they mean.
_FLAG_WORDS = {
    "away_this_quarter": ("in a quarter you left headquarters", "in a quarter you stayed at headquarters"),
    "operations_done": ("once operations ran this quarter", "before operations run this quarter"),
    "safety_review_done": ("once a safety review ran this quarter", "before a safety review runs this quarter"),
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _amount(val: float, unit: str) -> str:
    if unit == "$B":
        return fmt_busd(val)
    if unit.startswith("%"):
        return f"{val:g}{unit}"
    return f"{val:g} {unit}" if unit else f"{val:g}"


def _track_name(key: str) -> tuple[str, bool, str]:
    if key in CONDITION_NAMES:
        return CONDITION_NAMES[key]
    from game.scenario.vocab import TRACK_HELP  # the modders' words for the other tracks

    words, _, unit = TRACK_HELP.get(key, key.replace("_", " ")).partition(", ")
    return words, False, unit if unit in ("$B", "GW", "billions", "millions") else ""


def _predicate(key: str, op: str, bound: float) -> str:
    """'scrutiny reaches 10', 'your campuses at home reach 1 GW', 'your cash is below 0 $B'."""
    words, plural, unit = _track_name(key)
    value = _amount(bound, unit)
    if op == "gte":
        return f"{words} {'reach' if plural else 'reaches'} {value}"
    be = "are" if plural else "is"
    if op == "eq":
        return f"{words} {be} {value}"
    return f"{words} {be} {OP_WORDS[op]} {value}"


def _calendar_phrase(key: str, op: str, bound: float) -> str | None:
    if key == "year":
        y = f"{bound:g}"
        return {"gte": f"from {y}", "gt": f"after {y}", "lte": f"until the end of {y}", "lt": f"before {y}", "eq": f"in {y}"}[op]
    if key == "quarter":
        q = f"Q{bound:g}"
        return {"gte": f"from {q} of each year", "gt": f"after {q} of each year", "lte": f"up to {q} of each year",
                "lt": f"before {q} of each year", "eq": f"in {q} of each year"}[op]
    if key == "turn" and float(bound).is_integer() and bound >= 0:
        nth = f"the game's {_ordinal(int(bound) + 1)} quarter"  # turn 0 is the game's 1st quarter
        return {"gte": f"from {nth}", "gt": f"after {nth}", "lte": f"up to {nth}", "lt": f"before {nth}", "eq": f"in {nth}"}[op]
    if key == "turn":
        return f"when the quarters played are {OP_WORDS[op]} {bound:g}"
    return None


def _touring_phrase(op: str, bound: float) -> str:
    """A condition on the quarters in a row spent touring (away_streak, a whole number)."""
    n = int(np.floor(bound)) + 1 if op == "gt" else int(np.ceil(bound))  # the fewest that hold
    most = int(np.ceil(bound)) - 1 if op == "lt" else int(np.floor(bound))  # the most that hold
    if op in ("lte", "lt", "eq") and most <= 0:
        return "when you have not been on tour"
    if op in ("lte", "lt"):
        return f"when you have toured at most {most} quarter{'s' if most != 1 else ''} in a row"
    if op in ("gte", "gt") and n <= 0:
        return "whether or not you have been on tour"
    if op in ("gte", "gt") and n == 1:
        return "once you have spent a quarter on tour"
    quarters = f"{n} quarter{'s' if n != 1 else ''} in a row"
    if op == "eq" and float(bound).is_integer():
        return f"when you have toured exactly {quarters}"
    return f"once you have toured {quarters}"


def _flag_phrase(key: str, op: str, bound: float) -> str | None:
    """A condition on a 0-or-1 flag, as what it means (None if it does not split 0 from 1)."""
    if key not in _FLAG_WORDS:
        return None
    yes, no = _FLAG_WORDS[key]
    at_one, at_zero = bool(compare(1.0, op, bound)), bool(compare(0.0, op, bound))
    if at_one != at_zero:
        return yes if at_one else no
    return None


def describe_condition(cond: Condition | None, c: Compiled, connector: str | None = None) -> str:
    """A condition as words that read after "only" or after "at the end of a quarter":
    'when your campuses at home reach 1 GW', 'while scrutiny is at most 8', 'from 2025',
    'in Abu Dhabi and before "MGX fab fund" is signed'.

    The comparisons of tracks are said together after one word: "while" when they all set an
    upper limit, else "when" (or `connector`, e.g. "if"). No condition: "at any time"."""
    if cond is None or not cond.root:
        return t("when.any")
    s = c.scenario
    parts: list[str] = []
    tracks: list[str] = []
    ops_seen: list[str] = []
    group_at: int | None = None
    for key, val in cond.root.items():
        if key == "at":
            parts.append(f"in {s.space(val).name}")
        elif key == "signed":
            parts.append(f'after "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "not_signed":
            parts.append(f'until "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "running":
            parts.append(f'while "{next(p.title for p in s.products if p.id == val)}" runs')
        else:
            for op, bound in val.bounds().items():
                if key in CALENDAR_KINDS:
                    phrase = _calendar_phrase(key, op, bound)
                elif key == "away_streak":
                    phrase = _touring_phrase(op, bound)
                else:
                    phrase = _flag_phrase(key, op, bound)
                if phrase is not None:
                    parts.append(phrase)
                    continue
                if group_at is None:
                    group_at = len(parts)
                    parts.append("")  # the place of the tracks' words, filled below
                tracks.append(_predicate(key, op, bound))
                ops_seen.append(op)
    if group_at is not None:
        word = connector or ("while" if all(op in ("lte", "lt") for op in ops_seen) else "when")
        listed = tracks[0] if len(tracks) == 1 else ", ".join(tracks[:-1]) + " and " + tracks[-1]
        parts[group_at] = f"{word} {listed}"
    return " and ".join(parts)


def describe_ending(cond: Condition | None, c: Compiled, won: bool) -> str:
    """When a goal or an ending is reached, as one sentence. The engine checks them at the end
    of a quarter, after the quarter's business: 'You lose at the end of a quarter if scrutiny
    reaches 10.'"""
    who = "You win" if won else "You lose"
    if cond is None or not cond.root:
        return f"{who} at the end of any quarter."
    return f"{who} at the end of a quarter {describe_condition(cond, c, connector='if')}."


