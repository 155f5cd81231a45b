"""Commission a campus at the site where the CEO stands.

Its gigawatts go into the building pipeline (finished after the scenario's build quarters, each
quarter billed its share of the capital cost at the end of the quarter), and count as at home or
abroad by the site. The first quarter's bill must be in cash to break ground."""

from __future__ import annotations

from typing import Literal

import numpy as np

from game.core.conditions import holds
from game.core.effects import apply_effect, col
from game.core.facts import fact
from game.core.kernels import groups
from game.core.moves.base import ActionModel, Applied, Move, scenario_memo
from game.core.state import PLAYER
from game.model import economy


class CommissionCampus(ActionModel):
    kind: Literal["commission_campus"] = "commission_campus"


def campus_bill(c, gw: float | np.ndarray) -> float | np.ndarray:
    """What building `gw` of campus costs each quarter while it is built, $B."""
    return economy.campus_bill_busd(c.consts, gw)


class CommissionCampusMove(Move):
    kind = "commission_campus"
    action = CommissionCampus
    group = "build"

    def attention(self, c, i, st=None):
        site = int(c.site_of_space[int(st.location[0])]) if st is not None else -1
        return float(c.site_attention[site]) if site >= 0 else 1.0

    def requirements(self, ctx):
        c, st = ctx.c, ctx.st
        site = c.site_of_space  # per space
        has_site = ctx.at(site >= 0)
        no_site = fact("refused.no_site")
        reqs = ctx.base()
        if not len(c.site_gw):
            return reqs + [(has_site, no_site)]
        k = np.maximum(site, 0)
        when_ok = np.ones(ctx.W, dtype=bool)
        for j, prog in enumerate(c.site_when):
            if prog.clauses:
                when_ok &= ctx.at(site != j) | holds(prog, st, c, ctx.w)
        closed = scenario_memo(c, "campus.closed", lambda: [
            fact("refused.site_closed", site=c.scenario.campus_sites[j].space) if j >= 0 else fact("refused.no_site")
            for j in site.tolist()
        ])
        bill = np.take(campus_bill(c, c.site_gw)[k], ctx.loc)
        need = np.take(c.site_attention[k], ctx.loc)
        here = int(ctx.loc[0]) if ctx.W == 1 else None
        return reqs + [
            (has_site, no_site),
            (when_ok, closed[here] if here is not None else fact("refused.site_closed", site=None)),
            (ctx.cash >= bill, fact("refused.site_bill", cost_busd=float(bill[0]) if ctx.W == 1 else None)),
            (ctx.attention >= need, fact("refused.attention", need=float(need[0]) if ctx.W == 1 else None)),
        ]

    def apply(self, st, c, i, w, u):
        sites = c.site_of_space[st.location[w]]
        changed = False
        for k, pos in groups(sites, len(c.site_gw)):
            wk = w.take(pos)
            gw = c.site_gw[k]
            col(st, "attention")[wk] -= c.site_attention[k]
            st.pipeline_gw[:, PLAYER, -1][wk] += gw
            st.campus_gw_space[wk, PLAYER, st.location[wk]] += gw
            col(st, "campus_gw_domestic" if c.site_domestic[k] else "campus_gw_abroad")[wk] += gw
            changed |= apply_effect(st, wk, c.site_effect[k])
        return Applied(changed)

    def label(self, c, i, st):
        site = int(c.site_of_space[int(st.location[0])])
        return fact("move.commission_campus", site=c.scenario.campus_sites[site].space if site >= 0 else None)

    def about(self, c, i, st):
        site = int(c.site_of_space[int(st.location[0])])
        return fact("about.campus", site=c.scenario.campus_sites[site].space if site >= 0 else None)

    def offered(self, c, i, st):
        return int(c.site_of_space[int(st.location[0])]) >= 0

    def notes(self, c, i, st):
        site = int(c.site_of_space[int(st.location[0])])
        gw = float(c.site_gw[site])
        n = max(c.consts.campus_build_quarters, 1)
        return [fact("note.campus", gw=gw, quarters=n, bill_busd=float(campus_bill(c, gw)),
                     chips_m=gw * c.consts.chips_m_per_gw)]
