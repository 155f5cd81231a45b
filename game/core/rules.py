"""The rules: which actions are legal in each world, and why an action is refused.

Every action id has a list of requirements, each a mask over worlds with the sentence a player
reads when it fails. `legal_matrix` is their conjunction for every action; `why_illegal` is the
first failing sentence. Both read the same list, so the reason shown is always the rule applied.
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled, Program, fmt_busd
from game.core.state import ONGOING, PLAYER, BatchState
from game.model.economy import train_cost_busd
from game.model.tracks import T
from game.scenario.schema import Condition

Requirement = tuple[np.ndarray, str]


def holds(prog: Program, st: BatchState, c: Compiled) -> np.ndarray:
    """Where a compiled condition holds, over worlds (for the player's lab)."""
    ok = np.ones(st.worlds, dtype=bool)
    for kind, idx, op, val in prog.clauses:
        if kind == "at":
            ok &= st.location == idx
            continue
        if kind == "signed":
            ok &= st.deals_signed[:, PLAYER, idx] > 0
            continue
        if kind == "not_signed":
            ok &= st.deals_signed[:, PLAYER, idx] == 0
            continue
        if kind == "running":
            ok &= st.running[:, PLAYER, idx]
            continue
        if kind == "track":
            x: np.ndarray | float = st.tracks[:, PLAYER, idx]
        elif kind == "year":
            x = float(c.year_of(st.turn))
        elif kind == "quarter":
            x = float(c.quarter_of(st.turn))
        else:
            x = float(st.turn)
        if op == "gte":
            ok &= x >= val
        elif op == "lte":
            ok &= x <= val
        elif op == "gt":
            ok &= x > val
        elif op == "lt":
            ok &= x < val
        else:
            ok &= np.isclose(x, val)
    return ok


_OP_WORDS = {"gte": "at least", "lte": "at most", "gt": "above", "lt": "below", "eq": "exactly"}


def describe_condition(cond: Condition | None, c: Compiled) -> str:
    """A condition in words: 'scrutiny at most 6 and from 2025'."""
    if cond is None:
        return "always"
    s = c.scenario
    parts = []
    for key, val in cond.root.items():
        if key == "at":
            parts.append(f"in {s.space(val).name}")
        elif key == "signed":
            parts.append(f'after "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "not_signed":
            parts.append(f'before "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "running":
            parts.append(f'while "{next(p.title for p in s.products if p.id == val)}" runs')
        else:
            name = key.replace("_busd", " ($B)").replace("_", " ")
            for op in ("gte", "lte", "gt", "lt", "eq"):
                bound = getattr(val, op)
                if bound is None:
                    continue
                if key == "year" and op == "gte":
                    parts.append(f"from {bound:g}")
                elif key == "year" and op == "lte":
                    parts.append(f"until {bound:g}")
                else:
                    parts.append(f"{name} {_OP_WORDS[op]} {bound:g}")
    return " and ".join(parts) or "always"


class Context:
    """Masks shared by many requirements, computed once per question."""

    def __init__(self, st: BatchState, c: Compiled):
        self.st, self.c = st, c
        tr = st.tracks[:, PLAYER]
        self.tr = tr
        self.can_act = (st.outcome == ONGOING) & ~st.quarter_over
        self.free = ~st.awaiting_choice
        self.attention = tr[:, T["attention"]]
        self.cash = tr[:, T["cash_busd"]]
        self.at_home = st.location == c.home
        self.home_name = c.scenario.space(c.space_ids[c.home]).name

    def base(self, attention: float) -> list[Requirement]:
        return [
            (self.can_act, "The game is over." if not self.st.live.any() else "This quarter is over."),
            (self.free, "First answer the event card on the table."),
            (
                self.attention >= attention,
                f"That needs {attention:g} attention and you have less left this quarter: "
                "end the quarter.",
            ),
        ]

    def home(self, what: str) -> Requirement:
        return (self.at_home, f"{what} happen at headquarters: travel back to {self.home_name}.")


def requirements(ctx: Context, a: int) -> list[Requirement]:
    """The requirements of action id `a`, in the order a player should hear them."""
    st, c = ctx.st, ctx.c
    sp = c.space
    kind, i = sp.kind_of(a)
    name = lambda s: c.scenario.space(c.space_ids[s]).name  # noqa: E731
    if kind == "end_quarter":
        return ctx.base(0)
    if kind == "choose":
        card = np.maximum(st.card, 0)
        n = np.where(st.awaiting_choice, c.ev_n_choices[card], 0)
        return [
            (ctx.can_act, "The game is over."),
            (st.awaiting_choice, "No card is waiting for an answer."),
            (i < n, "That card does not have that many choices."),
        ]
    if kind == "travel":
        reqs = ctx.base(c.scenario.board.travel_attention)
        reqs.append((st.location != i, f"You are already in {name(i)}."))
        reqs.append(
            (
                c.adjacency[st.location, i],
                f"No direct route to {name(i)} from here: go through a linked city.",
            )
        )
        return reqs
    if kind == "pitch":
        ask = c.ladder[i]
        investors = [name(s) for s in range(len(c.space_ids)) if c.can_pitch[s]]
        reqs = ctx.base(1)
        reqs.append(
            (
                c.can_pitch[st.location],
                f"Nobody here writes cheques; investors wait in {', '.join(investors)}.",
            )
        )
        reqs.append((~st.pitched[np.arange(st.worlds), st.location], "You already pitched here this quarter."))
        reqs.append(
            (
                ctx.tr[:, T["equity_sold_pct"]] < c.pitch.max_equity_sold_pct,
                f"You have sold {c.pitch.max_equity_sold_pct:g}% of the lab: no investor will take "
                "more without taking control.",
            )
        )
        reqs.append((np.full(st.worlds, ask > 0), "That ask is not on the ladder."))
        return reqs
    if kind == "sign":
        d = c.scenario.deals[i]
        reqs = ctx.base(d.attention)
        reqs.append((st.location == c.deal_space[i], f'"{d.title}" is signed in {name(c.deal_space[i])}: travel there first.'))
        reqs.append(
            (
                st.deals_tried[:, PLAYER, i] < c.deal_max[i],
                f'"{d.title}" can be signed {c.deal_max[i]} time(s) per game, and that is used up.'
                if c.deal_max[i] > 1
                else f'You already went for "{d.title}".',
            )
        )
        reqs.append((ctx.cash >= c.deal_cost[i], f'"{d.title}" costs {fmt_busd(c.deal_cost[i])} up front; you have less cash.'))
        reqs.append((holds(c.deal_when[i], st, c), f'"{d.title}" is on offer only {describe_condition(d.when, c)}.'))
        return reqs
    if kind == "launch_model":
        cost = train_cost_busd(c.consts, c.year_frac(st.turn))
        reqs = ctx.base(c.launch_attention)
        reqs.append(ctx.home("Launches"))
        reqs.append(
            (
                st.tracks[:, PLAYER, T["quarters_since_launch"]] >= c.launch_cooldown,
                f"The next model is not ready: launches need {c.launch_cooldown} quarters between them.",
            )
        )
        reqs.append((ctx.cash >= cost, f"Training this model costs {fmt_busd(round(cost, 1))}; you have less cash."))
        return reqs
    if kind == "start_product":
        p = c.scenario.products[i]
        reqs = ctx.base(int(c.prod_attention[i]))
        reqs.append(ctx.home("Product launches"))
        reqs.append((~st.running[:, PLAYER, i], f'"{p.title}" is already running.'))
        reqs.append((holds(c.prod_when[i], st, c), f'"{p.title}" can start only {describe_condition(p.when, c)}.'))
        reqs.append((ctx.cash >= c.prod_cost[i], f'"{p.title}" costs {fmt_busd(c.prod_cost[i])} a quarter; you have less cash.'))
        return reqs
    if kind == "stop_product":
        p = c.scenario.products[i]
        reqs = ctx.base(0)
        reqs.append((st.running[:, PLAYER, i], f'"{p.title}" is not running.'))
        return reqs
    if kind == "operations":
        reqs = ctx.base(c.ops_attention)
        reqs.append(ctx.home("Operations"))
        reqs.append((st.tracks[:, PLAYER, T["operations_done"]] == 0, "Operations already ran this quarter."))
        return reqs
    if kind == "safety_review":
        reqs = ctx.base(c.safety_attention)
        reqs.append(ctx.home("Safety reviews"))
        reqs.append((st.tracks[:, PLAYER, T["safety_review_done"]] == 0, "A safety review already ran this quarter."))
        return reqs
    # commission_campus
    site = c.site_of_space[st.location]
    has_site = site >= 0
    site_i = np.maximum(site, 0)
    where = [name(int(np.flatnonzero(c.site_of_space == k)[0])) for k in range(len(c.site_gw))]
    first_bill = c.site_gw[site_i] * c.consts.capex_busd_per_gw / max(c.consts.campus_build_quarters, 1) if len(c.site_gw) else np.zeros(st.worlds)
    when_ok = np.ones(st.worlds, dtype=bool)
    for k, prog in enumerate(c.site_when):
        when_ok &= (site != k) | holds(prog, st, c)
    attention = c.site_attention[site_i] if len(c.site_attention) else np.ones(st.worlds)
    reqs = [r for r in ctx.base(0)]
    reqs.append((ctx.attention >= attention, "Commissioning a campus needs attention you no longer have this quarter."))
    reqs.append((has_site, f"There is no campus site here; campuses are built in {', '.join(where) or 'no city in this scenario'}."))
    reqs.append((when_ok, "This campus site is not open to you yet: " + "; ".join(describe_condition(s.when, c) for s in c.scenario.campus_sites if s.when) + "."))
    reqs.append((ctx.cash >= first_bill, "You need the first quarter's building bill in cash to break ground."))
    return reqs


def legal_matrix(st: BatchState, c: Compiled) -> np.ndarray:
    """(worlds, actions) booleans: what each world may do now."""
    ctx = Context(st, c)
    out = np.empty((st.worlds, c.space.size), dtype=bool)
    for a in range(c.space.size):
        m = np.ones(st.worlds, dtype=bool)
        for mask, _ in requirements(ctx, a):
            m &= mask
        out[:, a] = m
    return out


def why_illegal(st: BatchState, c: Compiled, a: int, world: int = 0) -> str | None:
    """The first rule that refuses action `a` in `world`, in a player's words; None if legal."""
    if not 0 <= a < c.space.size:
        return "There is no such action."
    for mask, reason in requirements(Context(st, c), a):
        if not np.broadcast_to(mask, (st.worlds,))[world]:
            return reason
    return None
