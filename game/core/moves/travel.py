"""Travel along a route of the board to another space; leaving headquarters marks the quarter
as one spent away."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field

from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, NamedMove, scenario_memo
from game.core.state import PLAYER
from game.model.tracks import T


class Travel(ActionModel):
    kind: Literal["travel"] = "travel"
    to: str = Field(description="Space id to travel to.")


class TravelMove(NamedMove):
    kind = "travel"
    action = Travel
    group = "travel"
    merged = True  # every destination: one group of worlds, one destination each
    field, entries = "to", "spaces"

    def attention(self, c, i, st=None):
        return float(c.scenario.board.travel_attention)

    def requirements(self, ctx):
        c = ctx.c
        tables = scenario_memo(c, "travel.tables", lambda: (
            ~np.eye(len(c.space_ids), dtype=bool),  # row s, column t: space t is not s
            [fact("refused.already_in", space=s) for s in c.space_ids],
            [fact("refused.no_route", to=s) for s in c.space_ids],
        ))
        elsewhere, already_in, no_route = tables
        return ctx.base() + [
            (ctx.at(elsewhere), already_in),
            (ctx.at(c.adjacency), no_route),
            ctx.needs_attention(self.attention(c, 0)),
        ]

    def apply(self, st, c, i, w, u):
        st.tracks[:, PLAYER, T["attention"]][w] -= self.attention(c, 0)
        dest = np.broadcast_to(i, w.shape)  # one destination per world
        st.location[w] = dest
        st.tracks[:, PLAYER, T["away_this_quarter"]][w.take(np.flatnonzero(dest != c.home))] = 1.0
        st.tracks[:, PLAYER, T["based_abroad"]][w] = dest != c.home
        return Applied()

    def label(self, c, i, st):
        return fact("move.travel", to=c.space_ids[i])

    def about(self, c, i, st):
        return fact("about.travel", to=c.space_ids[i])

    def offered(self, c, i, st):
        return i != int(st.location[0])
