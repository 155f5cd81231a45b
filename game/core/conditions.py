"""Conditions of a scenario (`when:` clauses) evaluated over worlds (the comparison rule is
game.scenario.schema.compare)."""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled, Program
from game.core.state import PLAYER, BatchState
from game.scenario.schema import compare

CALENDAR_KINDS = ("year", "quarter", "turn")  # clauses that read the calendar, not a world


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
        elif kind == "presented_vision":  # a reaction to a presentation needs the presentation
            m = st.vision_turn[:, idx][sel] >= 0
        elif kind == "buildout_busd":
            m = compare(st.buildout_busd[sel], op, val)
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
