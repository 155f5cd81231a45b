"""Conditions of a scenario (`when:` clauses) evaluated over worlds, and the one comparison rule."""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled, Program
from game.core.state import PLAYER, BatchState

CALENDAR_KINDS = ("year", "quarter", "turn")  # clauses that read the calendar, not a world


def compare(x: np.ndarray | float, op: str, val: float) -> np.ndarray | bool:
    """x op val, for a condition's comparison op (gte, lte, gt, lt, eq)."""
    if op == "gte":
        return x >= val
    if op == "lte":
        return x <= val
    if op == "gt":
        return x > val
    if op == "lt":
        return x < val
    return np.isclose(x, val)


def _calendar_value(kind: str, st: BatchState, c: Compiled) -> float:
    if kind == "year":
        return float(c.year_of(st.turn))
    if kind == "quarter":
        return float(c.quarter_of(st.turn))
    return float(st.turn)


def holds(prog: Program, st: BatchState, c: Compiled, w: np.ndarray | None = None) -> np.ndarray:
    """Where a compiled condition holds, over worlds (or over the worlds `w`), for the player."""
    n = st.worlds if w is None else len(w)
    sel = slice(None) if w is None else w
    ok: np.ndarray | None = None
    for kind, idx, op, val in prog.clauses:
        if kind in CALENDAR_KINDS:  # the same in every world: one comparison, not one per world
            if not compare(_calendar_value(kind, st, c), op, val):
                return np.zeros(n, dtype=bool)
            continue
        # Each clause reads one column of the player's lab (a 1-D view), then picks the worlds.
        if kind == "at":
            m = st.location[sel] == idx
        elif kind == "signed":
            m = st.deals_signed[:, PLAYER, idx][sel] > 0
        elif kind == "not_signed":
            m = st.deals_signed[:, PLAYER, idx][sel] == 0
        elif kind == "running":
            m = st.running[:, PLAYER, idx][sel].copy()
        else:
            m = compare(st.tracks[:, PLAYER, idx][sel], op, val)
        if ok is None:
            ok = m
        else:
            ok &= m
    return np.ones(n, dtype=bool) if ok is None else ok


def calendar_holds(prog: Program, st: BatchState, c: Compiled) -> bool:
    """Whether the calendar clauses (year, quarter, turn) of a condition hold now."""
    return all(
        bool(compare(_calendar_value(kind, st, c), op, val))
        for kind, _, op, val in prog.clauses
        if kind in CALENDAR_KINDS
    )
