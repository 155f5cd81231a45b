"""The rules: which actions are legal in each world, and why an action is refused.

Each kind of action (travel, pitch, sign, ...) has a list of requirements. A requirement is a
mask over worlds and that kind's actions (one column per destination, rung or deal), with the
sentence a player reads when it fails (one sentence, or one per column). `legal_matrix` is the
conjunction of every requirement; `why_illegal` is the first failing sentence. Both read the same
list, so the reason shown is always the rule applied.
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import MAX_CHOICES, Compiled, Program, fmt_busd
from game.core.state import ONGOING, PLAYER, BatchState
from game.model.economy import train_cost_busd
from game.model.tracks import T
from game.scenario.schema import Condition

Requirement = tuple[np.ndarray, str | list[str]]


def holds(prog: Program, st: BatchState, c: Compiled, w: np.ndarray | None = None) -> np.ndarray:
    """Where a compiled condition holds, over worlds (or over the worlds `w`), for the player."""
    n = st.worlds if w is None else len(w)
    ok = np.ones(n, dtype=bool)
    sel = slice(None) if w is None else w
    for kind, idx, op, val in prog.clauses:
        if kind == "at":
            ok &= st.location[sel] == idx
            continue
        if kind == "signed":
            ok &= st.deals_signed[sel, PLAYER, idx] > 0
            continue
        if kind == "not_signed":
            ok &= st.deals_signed[sel, PLAYER, idx] == 0
            continue
        if kind == "running":
            ok &= st.running[sel, PLAYER, idx]
            continue
        if kind == "track":
            x: np.ndarray | float = st.tracks[sel, PLAYER, idx]
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


def calendar_holds(prog: Program, st: BatchState, c: Compiled) -> bool:
    """Whether the calendar clauses (year, quarter, turn) of a condition hold now."""
    calendar = Program(tuple(cl for cl in prog.clauses if cl[0] in ("year", "quarter", "turn")))
    return bool(holds(calendar, st, c, np.zeros(1, dtype=np.int64))[0]) if calendar.clauses else True


_OP_WORDS = {"gte": "at least", "lte": "at most", "gt": "above", "lt": "below", "eq": "exactly"}
CONDITION_NAMES = {
    "cash_busd": "cash ($B)",
    "revenue_busd_per_year": "revenue ($B a year)",
    "spend_busd_per_year": "spending ($B a year)",
    "campus_gw_domestic": "campuses at home (GW)",
    "campus_gw_abroad": "campuses abroad (GW)",
    "campus_gw_built": "finished campuses (GW)",
    "power_gw_online": "power online (GW)",
    "own_chips_m": "own chips (millions)",
    "rented_chips_m": "rented chips (millions)",
    "chips_reserved_m": "chips on order (millions)",
    "valuation_busd": "valuation ($B)",
    "away_streak": "quarters in a row on tour",
    "equity_sold_pct": "equity sold (%)",
}


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
            name = CONDITION_NAMES.get(key, key.replace("_busd", " ($B)").replace("_", " "))
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
    """Facts about every world that many requirements share, computed once per question."""

    def __init__(self, st: BatchState, c: Compiled):
        self.st, self.c = st, c
        W = st.worlds
        self.W = W
        tr = st.tracks
        self.attention = tr[:, PLAYER, T["attention"]]
        self.cash = tr[:, PLAYER, T["cash_busd"]]
        self.loc = st.location
        self.at_home = self.loc == c.home
        self.home_name = self.name(c.home)
        playing = st.outcome == ONGOING
        self.can_act = playing & ~st.quarter_over
        self.over_reason = "This quarter is over for you." if playing.all() else "The game is over."
        self.free = ~st.awaiting_choice
        self.ready = self.can_act & self.free
        self._att: dict[float, np.ndarray] = {}

    def name(self, s: int) -> str:
        return self.c.scenario.space(self.c.space_ids[int(s)]).name

    def has_attention(self, need: float) -> np.ndarray:
        if need not in self._att:
            self._att[need] = self.attention >= need
        return self._att[need]

    def base(self, attention: float | np.ndarray) -> list[Requirement]:
        if isinstance(attention, np.ndarray):
            enough = self.attention[None, :] >= attention[:, None]
            need = "That needs more attention than you have left this quarter: end the quarter."
        else:
            enough = self.has_attention(float(attention))
            need = (
                f"That needs {attention:g} attention and you have less left this quarter: "
                "end the quarter."
            )
        return [
            (self.can_act, self.over_reason),
            (self.free, "First answer the event card on the table."),
            (enough, need),
        ]

    def home(self, what: str) -> Requirement:
        return (self.at_home, f"{what} happen at headquarters: travel back to {self.home_name}.")


def _row(mask: np.ndarray) -> np.ndarray:
    """A requirement's mask as (actions of the kind, worlds)."""
    return mask[None, :] if mask.ndim == 1 else mask


def requirements(ctx: Context, kind: str) -> list[Requirement]:
    """The requirements of one kind of action, in the order a player should hear them.

    Masks have shape (worlds,) (the same for every action of the kind) or (n, worlds) with one
    row per action of the kind."""
    st, c = ctx.st, ctx.c
    S = len(c.space_ids)
    names = [ctx.name(s) for s in range(S)]
    if kind == "end_quarter":
        return ctx.base(0)
    if kind == "choose":
        card = np.maximum(st.card, 0)
        n = np.where(st.awaiting_choice, c.ev_n_choices[card], 0)
        return [
            (ctx.can_act, ctx.over_reason),
            (st.awaiting_choice, "No card is waiting for an answer."),
            (np.arange(MAX_CHOICES)[:, None] < n[None, :], "That card does not have that many choices."),
        ]
    if kind == "travel":
        reqs = ctx.base(c.scenario.board.travel_attention)
        reqs.append((np.arange(S)[:, None] != ctx.loc[None, :], [f"You are already in {n}." for n in names]))
        reqs.append(
            (
                c.adjacency[:, ctx.loc],
                [f"No direct route to {n} from here: go through a linked city." for n in names],
            )
        )
        return reqs
    if kind == "pitch":
        investors = ", ".join(n for s, n in enumerate(names) if c.can_pitch[s])
        reqs = ctx.base(1)
        reqs.append((c.can_pitch[ctx.loc], f"Nobody here writes cheques; investors wait in {investors}."))
        reqs.append((~st.pitched[np.arange(ctx.W), ctx.loc], "You already pitched here this quarter."))
        reqs.append(
            (
                st.tracks[:, PLAYER, T["equity_sold_pct"]] < c.pitch.max_equity_sold_pct,
                f"You have sold {c.pitch.max_equity_sold_pct:g}% of the lab: no investor will take "
                "more without taking control.",
            )
        )
        return reqs
    if kind == "sign":
        deals = c.scenario.deals
        if not deals:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base(c.deal_attention.astype(float))
        reqs.append(
            (
                c.deal_space[:, None] == ctx.loc[None, :],
                [f'"{d.title}" is signed in {names[c.deal_space[i]]}: travel there first.' for i, d in enumerate(deals)],
            )
        )
        reqs.append(
            (
                c.deal_max[:, None] > st.deals_tried[:, PLAYER].T,
                [
                    f'"{d.title}" can be signed {d.max_times} times per game, and that is used up.'
                    if d.max_times > 1
                    else f'You already went for "{d.title}"; it is a one-time deal.'
                    for d in deals
                ],
            )
        )
        reqs.append(
            (
                ctx.cash[None, :] >= c.deal_cost[:, None],
                [f'"{d.title}" costs {fmt_busd(d.cost_busd)} up front; you have less cash.' for d in deals],
            )
        )
        when = np.stack([holds(p, st, c) for p in c.deal_when])
        reqs.append((when, [f'"{d.title}" is on offer only {describe_condition(d.when, c)}.' for d in deals]))
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
        prods = c.scenario.products
        if not prods:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base(c.prod_attention.astype(float))
        reqs.append(ctx.home("Product launches"))
        reqs.append((~st.running[:, PLAYER].T, [f'"{p.title}" is already running.' for p in prods]))
        when = np.stack([holds(p, st, c) for p in c.prod_when])
        reqs.append((when, [f'"{p.title}" can start only {describe_condition(p.when, c)}.' for p in prods]))
        reqs.append(
            (
                ctx.cash[None, :] >= c.prod_cost[:, None],
                [f'"{p.title}" costs {fmt_busd(p.running_cost_busd_per_quarter.value)} a quarter; you have less cash.' for p in prods],
            )
        )
        return reqs
    if kind == "stop_product":
        prods = c.scenario.products
        if not prods:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        return ctx.base(0) + [(st.running[:, PLAYER].T, [f'"{p.title}" is not running.' for p in prods])]
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
    if kind == "commission_campus":
        site = c.site_of_space[ctx.loc]
        has_site = site >= 0
        where = ", ".join(names[s] for s in range(S) if c.site_of_space[s] >= 0) or "no city in this scenario"
        reqs = ctx.base(0)
        if not len(c.site_gw):
            return reqs + [(has_site, f"There is no campus site here; campuses are built in {where}.")]
        k = np.maximum(site, 0)
        when_ok = np.ones(ctx.W, dtype=bool)
        for j, prog in enumerate(c.site_when):
            if prog.clauses:
                when_ok &= (site != j) | holds(prog, st, c)
        bill = c.site_gw * c.consts.capex_busd_per_gw / max(c.consts.campus_build_quarters, 1)
        opens = "; ".join(
            f"{names[c.site_of_space.tolist().index(j)]}: {describe_condition(s.when, c)}"
            for j, s in enumerate(c.scenario.campus_sites)
            if s.when
        )
        reqs.append((ctx.attention >= c.site_attention[k], "Commissioning a campus needs attention you no longer have this quarter."))
        reqs.append((has_site, f"There is no campus site here; campuses are built in {where}."))
        reqs.append((when_ok, f"This campus site is not open yet ({opens})."))
        reqs.append(
            (
                ctx.cash >= bill[k],
                "You need the first quarter's building bill in cash to break ground.",
            )
        )
        return reqs
    raise ValueError(f"unknown kind of action {kind!r}")


KINDS = (
    "end_quarter",
    "travel",
    "pitch",
    "sign",
    "launch_model",
    "start_product",
    "stop_product",
    "operations",
    "safety_review",
    "commission_campus",
    "choose",
)


def _block(c: Compiled, kind: str) -> slice:
    sp = c.space
    n_s, n_r, n_d, n_p = sp.n_spaces, sp.n_rungs, sp.n_deals, sp.n_products
    starts = {
        "end_quarter": (sp.end_quarter, 1),
        "travel": (sp.travel(0), n_s),
        "pitch": (sp.pitch(0), n_r),
        "sign": (sp.sign(0), n_d),
        "launch_model": (sp.launch_model, 1),
        "start_product": (sp.start_product(0), n_p),
        "stop_product": (sp.stop_product(0), n_p),
        "operations": (sp.operations, 1),
        "safety_review": (sp.safety_review, 1),
        "commission_campus": (sp.commission_campus, 1),
        "choose": (sp.choose(0), MAX_CHOICES),
    }
    a, n = starts[kind]
    return slice(a, a + n)


def legal_matrix(st: BatchState, c: Compiled) -> np.ndarray:
    """(worlds, actions) booleans: what each world may do now.

    Stored action-major (each action's worlds contiguous) and returned as a (worlds, actions)
    view, so a policy reading one action for all worlds reads contiguous memory."""
    ctx = Context(st, c)
    out = np.empty((c.space.size, st.worlds), dtype=bool)
    for kind in KINDS:
        block = _block(c, kind)
        n = block.stop - block.start
        if n == 0:
            continue
        per_world = ctx.ready.copy() if kind != "choose" else np.ones(st.worlds, dtype=bool)
        per_action = []
        for mask, _ in requirements(ctx, kind):
            if mask.ndim == 1:
                per_world &= mask
            else:
                per_action.append(mask)
        m = out[block]
        m[:] = per_world[None, :]
        for mask in per_action:
            m &= mask
    return out.T


def why_illegal(st: BatchState, c: Compiled, a: int, world: int = 0) -> str | None:
    """The first rule that refuses action `a` in `world`, in a player's words; None if legal."""
    if not 0 <= a < c.space.size:
        return "There is no such action."
    kind, i = c.space.kind_of(a)
    for mask, reason in requirements(Context(st, c), kind):
        m = _row(np.asarray(mask))
        if not m[i if m.shape[0] > 1 else 0, world]:
            return reason if isinstance(reason, str) else reason[i]
    return None
