"""Sign one of the scenario's deals, at the space where it is offered.

It costs its fee up front and its attention; chance (its odds) decides whether it goes through.
If it does, its effects apply now and its deliveries are scheduled; if not, its `on_fail`
effects apply. Each deal can be tried `max_times` per game.

With the scenario's `industry:` section, a deal may also buy chips on the market (it pays the
market price on signing and needs the chips still within the lab's reach this quarter), connect
new load to the US grid (it needs room under the quarter's cap) or fund fabs that add to the
world's supply later (game/core/market.py)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from game.core import labs, market
from game.core.effects import apply_effect, schedule, spend
from game.core.facts import fact
from game.core.kernels import split
from game.core.moves.base import ActionModel, Applied, NamedMove, holds_rows, scenario_memo
from game.core.state import PLAYER
from game.model.tracks import T

_ATTENTION = T["attention"]


class SignDeal(ActionModel):
    kind: Literal["sign"] = "sign"
    deal: str


class SignDealMove(NamedMove):
    kind = "sign"
    action = SignDeal
    group = "deals"
    chance = "deal"
    field, entries = "deal", "deals"

    def attention(self, c, i, st=None):
        return float(c.deal_attention[i])

    def _tables(self, c):
        def make():
            ids = [d.id for d in c.scenario.deals]
            lo, hi = int(c.deal_max.min(initial=0)), int(c.deal_max.max(initial=0))
            return {
                "where": [fact("refused.deal_elsewhere", deal=d, space=c.space_ids[c.deal_space[k]]) for k, d in enumerate(ids)],
                "used": [fact("refused.deal_used", deal=d, times=int(c.deal_max[k])) for k, d in enumerate(ids)],
                "when": [fact("refused.deal_when", deal=d) for d in ids],
                "cost": [fact("refused.deal_cost", deal=d, cost_busd=float(c.deal_cost[k])) for k, d in enumerate(ids)],
                "attention": c.deal_attention.astype(float),
                # the limits in the smallest integer type that holds them: comparing the (int16)
                # counts with them then widens no count to int64
                "max": c.deal_max.astype(np.result_type(np.min_scalar_type(lo), np.min_scalar_type(hi))),
            }
        return scenario_memo(c, "deals.tables", make)

    def requirements(self, ctx):
        c, st = ctx.c, ctx.st
        t = self._tables(c)
        reqs = ctx.base() + [
            (c.deal_space[:, None] == ctx.loc[None, :], t["where"]),
            (t["max"][:, None] > ctx.rows(st.deals_tried[:, PLAYER].T), t["used"]),
            (holds_rows(ctx, c.deal_when), t["when"]),
        ]
        ci = c.industry
        cash_ok = ctx.cash[None, :] >= c.deal_cost[:, None]
        if ci is not None and (ci.deal_chips.any() or ci.deal_grid_gw.any()):
            w = slice(None) if ctx.w is None else ctx.w  # in place when every world is asked about
            D = len(c.deal_cost)
            chips_ok = np.ones((D, ctx.W), dtype=bool)
            grid_ok = np.ones((D, ctx.W), dtype=bool)
            cash_ok = cash_ok.copy()
            bill = np.zeros((D, ctx.W))
            buying = np.flatnonzero(ci.deal_chips)
            for k in buying:
                reach, bill[k] = market.asked(ctx, float(ci.deal_chips[k]))
                chips_ok[k] = reach >= ci.deal_chips[k] - 1e-9
                cash_ok[k] = ctx.cash >= c.deal_cost[k] + bill[k]
            left = st.market[w, market.M["grid_left_gw"]]
            for k in np.flatnonzero(ci.deal_grid_gw):
                grid_ok[k] = left >= ci.deal_grid_gw[k] - 1e-9
            if ctx.W == 1:  # one world: the refusals quote its figures
                reach_1 = round(float(market.reach(st, c, w)[0]), 2)
                sold_out = [fact("refused.chips_sold_out", chips_m=float(ci.deal_chips[k]), left_m=reach_1) for k in range(D)]
                full = [fact("refused.grid_full", gw=float(ci.deal_grid_gw[k]), left_gw=round(float(left[0]), 2)) for k in range(D)]
                dear = [fact("refused.deal_cost", deal=c.scenario.deals[k].id, cost_busd=float(c.deal_cost[k] + bill[k, 0]))
                        for k in range(D)]
            else:
                sold_out, full, dear = scenario_memo(c, "deals.market_refusals", lambda: (
                    [fact("refused.chips_sold_out", chips_m=float(ci.deal_chips[k]), left_m=None) for k in range(D)],
                    [fact("refused.grid_full", gw=float(ci.deal_grid_gw[k]), left_gw=None) for k in range(D)],
                    t["cost"],
                ))
            reqs += [(chips_ok, sold_out), (grid_ok, full), (cash_ok, dear)]
        else:
            reqs.append((cash_ok, t["cost"]))
        shared = labs.capacity_ok(st, c, slice(None) if ctx.w is None else ctx.w)
        if shared is not None:  # a match: the deal's shared supply has a unit left this quarter
            reqs.append((shared, scenario_memo(c, "deals.capacity_refusals", lambda: [
                fact("refused.capacity_used", deal=d.id, pool=c.labs.pool_ids[k] if k >= 0 else "")
                for d, k in zip(c.scenario.deals, c.labs.pool_of_deal, strict=True)
            ])))
        return reqs + [ctx.needs_attention(t["attention"])]

    def apply(self, st, c, i, w, u):
        st.tracks[:, PLAYER, _ATTENTION][w] -= c.deal_attention[i]
        st.deals_tried[:, PLAYER, i][w] += 1
        if c.deal_cost[i] > 0:
            spend(st, w, c.deal_cost[i], "q_capex_busd")
        won = u < c.deal_chance[i]
        ww, wl, _, _ = split(w, won)
        st.deals_signed[:, PLAYER, i][ww] += 1
        ci = c.industry
        if ci is not None and len(ww):
            if ci.deal_chips[i]:
                market.buy(st, c, ww, float(ci.deal_chips[i]))
            if ci.deal_grid_gw[i]:
                market.connect(st, ww, float(ci.deal_grid_gw[i]))
            if ci.deal_fab[i]:
                market.fund_fabs(st, ww, float(ci.deal_fab[i]), int(ci.deal_fab_after[i]))
        if st.pools is not None:
            labs.take_capacity(st, c, i, ww)
        changed = apply_effect(st, ww, c.deal_effect[i])
        schedule(st, ww, c.deal_delayed[i])
        changed = apply_effect(st, wl, c.deal_fail[i]) or changed
        if ci is not None and len(ww) and ci.deal_moves_dependence[i]:
            market.refresh_dependence(st, c, w)  # a chip maker bought (or its fees back), a supplier signed
        odds = c.deal_chance[i] if c.deal_chance[i] < 1.0 else None
        return Applied(changed, won, odds, self.chance if odds is not None else None, c.deal_delayed[i])

    def label(self, c, i, st):
        return fact("move.sign", deal=c.scenario.deals[i].id)

    def about(self, c, i, st):
        return fact("about.sign", deal=c.scenario.deals[i].id)

    def offered(self, c, i, st):
        return int(c.deal_space[i]) == int(st.location[0])

    def told(self, c, i, st, success, odds, turn):
        if odds is None:
            return super().told(c, i, st, success, odds, turn)
        return fact("told.deal_through" if success else "told.deal_fell", move=self.label(c, i, st), odds=odds)

