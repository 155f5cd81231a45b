"""Buy a lot of AI chips on the market, from headquarters.

Only in a scenario with an `industry:` section (otherwise the move has no action). The lot
(`chip_lot_m`) pays the market price, dearer with every chip already bought this quarter and
cheaper as the lab's Nvidia dependence falls, and leaves the quarter's supply; the chips wait
(reserved) for room in a finished campus of the lab's own (game/core/market.py,
game/model/industry.py)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from game.core import market
from game.core.effects import col
from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, Move


class BuyChips(ActionModel):
    kind: Literal["buy_chips"] = "buy_chips"


class BuyChipsMove(Move):
    kind = "buy_chips"
    action = BuyChips
    group = "build"

    def count(self, c):
        return 1 if c.industry is not None else 0

    def attention(self, c, i, st=None):
        return float(c.industry.buy_attention) if c.industry is not None else 0.0

    def requirements(self, ctx):
        c = ctx.c
        lot = c.industry.consts.chip_lot_m
        reach, price = market.asked(ctx, lot)
        one = ctx.W == 1
        return ctx.base() + [
            ctx.home(self.kind),
            (reach >= lot - 1e-9, fact("refused.chips_sold_out", chips_m=lot, left_m=round(float(reach[0]), 2) if one else None)),
            (ctx.cash >= price, fact("refused.chips_cost", chips_m=lot, cost_busd=float(price[0]) if one else None)),
            ctx.needs_attention(self.attention(c, 0)),
        ]

    def apply(self, st, c, i, w, u):
        lot = c.industry.consts.chip_lot_m
        col(st, "attention")[w] -= c.industry.buy_attention
        market.buy(st, c, w, lot)
        col(st, "chips_reserved_m")[w] += lot
        return Applied(False)

    def label(self, c, i, st):
        return fact("move.buy_chips", chips_m=c.industry.consts.chip_lot_m)

    def notes(self, c, i, st):
        lot = c.industry.consts.chip_lot_m
        w = np.array([0])
        return [fact("note.buy_chips", chips_m=lot, cost_busd=float(market.cost(st, c, lot, w)[0]),
                     price_kusd=round(float(market.price_now(st, c, w)[0]), 1),
                     dependence_pct=round(float(st.tracks[0, 0, market._DEP])))]
