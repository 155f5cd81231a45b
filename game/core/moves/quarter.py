"""End the quarter: the CEO is done acting; the quarter's business runs once every world is."""

from __future__ import annotations

from typing import Literal

from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, Move


class EndQuarter(ActionModel):
    kind: Literal["end_quarter"] = "end_quarter"


class EndQuarterMove(Move):
    kind = "end_quarter"
    action = EndQuarter
    group = "quarter"

    def requirements(self, ctx):
        return ctx.base()

    def apply(self, st, c, i, w, u):
        st.quarter_over[w] = True
        return Applied()

    def told(self, c, i, st, success, odds, turn):
        return fact("told.end_quarter", turn=turn)
