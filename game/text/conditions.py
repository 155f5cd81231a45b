"""Conditions of a scenario (`when:` clauses) in words: "when your campuses at home reach 1 GW",
"You lose at the end of a quarter if scrutiny reaches 10.". Every phrase is a key of the
catalogs under `condition.*`."""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled
from game.core.conditions import CALENDAR_KINDS, compare
from game.scenario.schema import Condition
from game.text.catalog import keys, t
from game.text.numbers import money, number, unit_space

OPS = ("gte", "lte", "gt", "lt", "eq")


def op_words(op: str) -> str:
    """'at least', 'at most', 'above', 'below', 'exactly'."""
    return t(f"condition.op.{op}")


def _track_name(key: str) -> tuple[str, str, str]:
    """How a condition names a track: (the words, "singular" or "plural", unit)."""
    if f"condition.track.{key}.name" in keys():
        base = f"condition.track.{key}"
        return t(f"{base}.name"), t(f"{base}.number"), t(f"{base}.unit")
    from game.scenario.vocab import TRACK_HELP  # the modders' words for the other tracks

    words, _, unit = TRACK_HELP.get(key, key.replace("_", " ")).partition(", ")
    return words, "singular", unit if unit in ("$B", "GW", "billions", "millions") else ""


def _amount(val: float, unit: str, key: str = "") -> str:
    """A bound with its unit: money as the game writes it, '%' stuck to the number in English
    (the catalog's unit.pct says how), numbers in the language in use."""
    if unit == "$B" or key.endswith("_busd") or key == "cash_at_quarter_start":
        return money(val)
    if key.endswith("_pct") and unit.lstrip("‹").startswith("%"):
        rest = unit.lstrip("‹")[1:]
        return t("unit.pct", v=number(val)) + rest
    return f"{number(val)}{unit_space()}{unit}" if unit else number(val)


def _predicate(key: str, op: str, bound: float) -> str:
    """'scrutiny reaches 10', 'your campuses at home reach 1 GW', 'your cash is below 0 $B'."""
    words, number, unit = _track_name(key)
    form = op if op in ("gte", "eq") else "otherwise"
    return t(f"condition.{number}.{form}", what=words, op=op_words(op), value=_amount(bound, unit, key))


def _calendar_phrase(key: str, op: str, bound: float) -> str | None:
    if key == "year":
        return t(f"condition.year.{op}", y=f"{bound:g}")
    if key == "quarter":
        return t(f"condition.quarter.{op}", q=number(bound))
    if key == "turn" and float(bound).is_integer() and bound >= 0:
        return t(f"condition.turn.{op}", n=int(bound) + 1)  # turn 0 is the game's quarter 1
    if key == "turn":
        return t("condition.turns_played", op=op_words(op), n=number(bound))
    return None


def _touring_phrase(op: str, bound: float) -> str:
    """A condition on the quarters in a row spent touring (away_streak, a whole number)."""
    n = int(np.floor(bound)) + 1 if op == "gt" else int(np.ceil(bound))  # the fewest that hold
    most = int(np.ceil(bound)) - 1 if op == "lt" else int(np.floor(bound))  # the most that hold
    if op in ("lte", "lt", "eq") and most <= 0:
        return t("condition.touring.never")
    if op in ("lte", "lt"):
        return t("condition.touring.at_most", count=most)
    if op in ("gte", "gt") and n <= 0:
        return t("condition.touring.any")
    if op in ("gte", "gt") and n == 1:
        return t("condition.touring.once")
    if op == "eq" and float(bound).is_integer():
        return t("condition.touring.exactly", count=n)
    return t("condition.touring.at_least", count=n)


def _flag_phrase(key: str, op: str, bound: float) -> str | None:
    """A condition on a 0-or-1 flag, as what it means (None if it does not split 0 from 1)."""
    if f"condition.flag.{key}.yes" not in keys():
        return None
    at_one, at_zero = bool(compare(1.0, op, bound)), bool(compare(0.0, op, bound))
    if at_one != at_zero:
        return t(f"condition.flag.{key}.{'yes' if at_one else 'no'}")
    return None


def describe_condition(cond: Condition | None, c: Compiled, connector: str | None = None) -> str:
    """A condition as words that read after "only" or after "at the end of a quarter":
    'when your campuses at home reach 1 GW', 'while scrutiny is at most 8', 'from 2025',
    'in Abu Dhabi and until "MGX fab fund" is signed'.

    The comparisons of tracks are said together after one word: "while" when they all set an
    upper limit, else "when" (or `connector`, e.g. "if"). No condition: "at any time"."""
    if cond is None or not cond.root:
        return t("condition.any")
    s = c.scenario
    parts: list[str] = []
    tracks: list[str] = []
    ops_seen: list[str] = []
    group_at: int | None = None
    for key, val in cond.root.items():
        if key == "at":
            parts.append(t("condition.at", space=s.space(val).name))
        elif key in ("signed", "not_signed"):
            parts.append(t(f"condition.{key}", deal=next(d.title for d in s.deals if d.id == val)))
        elif key == "running":
            parts.append(t("condition.running", product=next(p.title for p in s.products if p.id == val)))
        elif key == "presented_vision":
            parts.append(t("condition.presented_vision", space=s.space(val).name))
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
        word = t(f"condition.{connector or ('while' if all(op in ('lte', 'lt') for op in ops_seen) else 'when')}")
        listed = tracks[0] if len(tracks) == 1 else t("condition.list").join(tracks[:-1]) + t("condition.and") + tracks[-1]
        parts[group_at] = t("condition.grouped", word=word, listed=listed)
    return t("condition.and").join(parts)


def describe_ending(cond: Condition | None, c: Compiled, won: bool) -> str:
    """When a goal or an ending is reached, as one sentence. The engine checks them at the end
    of a quarter, after the quarter's business: 'You lose at the end of a quarter if scrutiny
    reaches 10.'"""
    who = "win" if won else "lose"
    if cond is None or not cond.root:
        return t(f"condition.{who}_any")
    return t(f"condition.{who}", when=describe_condition(cond, c, connector="if"))
