"""Start or shut down one of the scenario's products (at headquarters for a start).

A running product costs its running cost each quarter and adds its growth to demand while it
runs (the model reads which products run); starting one applies its launch effects."""

from __future__ import annotations

from typing import Literal

from game.core.effects import apply_effect, col
from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, NamedMove, holds_rows, scenario_memo
from game.core.state import PLAYER


class StartProduct(ActionModel):
    kind: Literal["start_product"] = "start_product"
    product: str


class StopProduct(ActionModel):
    kind: Literal["stop_product"] = "stop_product"
    product: str


class _ProductMove(NamedMove):
    group = "hq"
    field, entries = "product", "products"

    def about(self, c, i, st):
        return fact("about.product", product=c.scenario.products[i].id)

    def label(self, c, i, st):
        return fact(f"move.{self.kind}", product=c.scenario.products[i].id)


class StartProductMove(_ProductMove):
    kind = "start_product"
    action = StartProduct

    def attention(self, c, i, st=None):
        return float(c.prod_attention[i])

    def requirements(self, ctx):
        c = ctx.c

        def make():
            ids = [p.id for p in c.scenario.products]
            return {
                "running": [fact("refused.product_running", product=p) for p in ids],
                "when": [fact("refused.product_when", product=p) for p in ids],
                "cost": [fact("refused.product_cost", product=p, cost_busd=float(c.prod_cost[k])) for k, p in enumerate(ids)],
                "attention": c.prod_attention.astype(float),
            }

        t = scenario_memo(c, "products.tables", make)
        return ctx.base() + [
            ctx.home(self.kind),
            (~ctx.running, t["running"]),
            (holds_rows(ctx, c.prod_when), t["when"]),
            (ctx.cash[None, :] >= c.prod_cost[:, None], t["cost"]),
            ctx.needs_attention(t["attention"]),
        ]

    def apply(self, st, c, i, w, u):
        col(st, "attention")[w] -= c.prod_attention[i]
        st.running[:, PLAYER, i][w] = True
        return Applied(apply_effect(st, w, c.prod_effect[i]))

    def notes(self, c, i, st):
        cost = float(c.prod_cost[i])
        return [fact("note.running_cost", cost_busd=cost)] if cost > 0 else []


class StopProductMove(_ProductMove):
    kind = "stop_product"
    action = StopProduct

    def requirements(self, ctx):
        c = ctx.c
        idle = scenario_memo(c, "products.idle", lambda: [fact("refused.product_idle", product=p.id) for p in c.scenario.products])
        return ctx.base() + [(ctx.running, idle)]

    def apply(self, st, c, i, w, u):
        st.running[:, PLAYER, i][w] = False
        return Applied()

    def offered(self, c, i, st):
        return bool(st.running[0, PLAYER, i])
