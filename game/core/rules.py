"""The rules: which actions are legal in each world, and why an action is refused.

Each kind of action (travel, pitch, sign, ...) has a list of requirements. A requirement is a
mask over worlds and that kind's actions (one column per destination, rung or deal), with the
sentence a player reads when it fails (one sentence, or one per column). `legal_matrix` is the
conjunction of every requirement; `why_illegal` is the first failing sentence. Both read the same
list, so the reason shown is always the rule applied.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from game.core.compiled import MAX_CHOICES, Compiled, Program, fmt_busd
from game.core.state import ONGOING, PLAYER, BatchState, pick_cells
from game.model.economy import train_cost_busd
from game.model.tracks import T
from game.scenario.schema import Condition

Requirement = tuple[np.ndarray, str | list[str]]

CALENDAR_KINDS = ("year", "quarter", "turn")  # clauses that read the calendar, not a world


def _compare(x: np.ndarray | float, op: str, val: float) -> np.ndarray | bool:
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
            if not _compare(_calendar_value(kind, st, c), op, val):
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
            m = _compare(st.tracks[:, PLAYER, idx][sel], op, val)
        if ok is None:
            ok = m
        else:
            ok &= m
    return np.ones(n, dtype=bool) if ok is None else ok


def calendar_holds(prog: Program, st: BatchState, c: Compiled) -> bool:
    """Whether the calendar clauses (year, quarter, turn) of a condition hold now."""
    return all(
        bool(_compare(_calendar_value(kind, st, c), op, val))
        for kind, _, op, val in prog.clauses
        if kind in CALENDAR_KINDS
    )


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


def _texts(c: Compiled) -> dict:
    """The rules' sentences that depend only on the scenario, written once per scenario."""
    if "rules.texts" in c.memo:
        return c.memo["rules.texts"]
    s = c.scenario
    S = len(c.space_ids)
    names = [s.space(c.space_ids[k]).name for k in range(S)]
    deals, prods = s.deals, s.products
    investors = ", ".join(n for k, n in enumerate(names) if c.can_pitch[k])
    where = ", ".join(names[k] for k in range(S) if c.site_of_space[k] >= 0) or "no city in this scenario"
    opens = "; ".join(
        f"{names[c.site_of_space.tolist().index(j)]}: {describe_condition(site.when, c)}"
        for j, site in enumerate(s.campus_sites)
        if site.when
    )
    lo, hi = int(c.deal_max.min(initial=0)), int(c.deal_max.max(initial=0))
    t = {
        "names": names,
        "already_in": [f"You are already in {n}." for n in names],
        "no_route": [f"No direct route to {n} from here: go through a linked city." for n in names],
        "no_investors": f"Nobody here writes cheques; investors wait in {investors}.",
        "sold_out": (
            f"You have sold {c.pitch.max_equity_sold_pct:g}% of the lab: no investor will take "
            "more without taking control."
        ),
        "deal_where": [f'"{d.title}" is signed in {names[c.deal_space[i]]}: travel there first.' for i, d in enumerate(deals)],
        "deal_used": [
            f'"{d.title}" can be signed {d.max_times} times per game, and that is used up.'
            if d.max_times > 1
            else f'You already went for "{d.title}"; it is a one-time deal.'
            for d in deals
        ],
        "deal_cost": [f'"{d.title}" costs {fmt_busd(d.cost_busd)} up front; you have less cash.' for d in deals],
        "deal_when": [f'"{d.title}" is on offer only {describe_condition(d.when, c)}.' for d in deals],
        "cooldown": f"The next model is not ready: launches need {c.launch_cooldown} quarters between them.",
        "prod_running": [f'"{p.title}" is already running.' for p in prods],
        "prod_when": [f'"{p.title}" can start only {describe_condition(p.when, c)}.' for p in prods],
        "prod_cost": [
            f'"{p.title}" costs {fmt_busd(p.running_cost_busd_per_quarter.value)} a quarter; you have less cash.'
            for p in prods
        ],
        "prod_idle": [f'"{p.title}" is not running.' for p in prods],
        "no_site": f"There is no campus site here; campuses are built in {where}.",
        "site_closed": f"This campus site is not open yet ({opens}).",
        "home": {},  # what -> "... happen at headquarters: travel back to ..."
        "attention": {},  # points -> "That needs ... attention ..."
        # the first quarter's building bill of each site, in $B
        "site_bill": c.site_gw * c.consts.capex_busd_per_gw / max(c.consts.campus_build_quarters, 1),
        "deal_attention": c.deal_attention.astype(float),
        "prod_attention": c.prod_attention.astype(float),
        "choice_rows": np.arange(MAX_CHOICES)[:, None],
        "elsewhere": ~np.eye(S, dtype=bool),  # row s, column t: space t is not s
        # the deals' limits in the smallest integer type that holds them: comparing the (int16)
        # counts with them then widens no count to int64
        "deal_max": c.deal_max.astype(np.result_type(np.min_scalar_type(lo), np.min_scalar_type(hi))),
    }
    c.memo["rules.texts"] = t
    return t


class Context:
    """Facts about the worlds asked about that many requirements share, computed once per question.

    The worlds asked about are all of the batch, or the worlds `w` (indices): every mask is then
    over those worlds only, in the order of `w`. Each column of the state is picked for those
    worlds at most once per question (a pick costs about as much as all the comparisons made
    with it)."""

    def __init__(self, st: BatchState, c: Compiled, w: np.ndarray | None = None):
        self.st, self.c = st, c
        if w is not None and len(w) == st.worlds and np.array_equal(w, np.arange(st.worlds)):
            w = None  # every world, in order: read the columns in place rather than pick them
        self.w = w
        self.sel = slice(None) if w is None else w
        self.W = st.worlds if w is None else len(w)
        self.text = _texts(c)
        self._tracks: dict[str, np.ndarray] = {}
        self.attention = self.track("attention")
        self.cash = self.track("cash_busd")
        self.loc = self.pick(st.location)
        self.at_home = self.loc == c.home
        self.home_name = self.text["names"][c.home]
        playing = self.pick(st.outcome) == ONGOING
        self.can_act = playing & ~self.pick(st.quarter_over)
        self.over_reason = "This quarter is over for you." if playing.all() else "The game is over."
        self.awaiting = self.pick(st.awaiting_choice)
        self.free = ~self.awaiting
        self.ready = self.can_act & self.free
        self._att: dict[float, np.ndarray] = {}
        self._loc_bits: np.ndarray | None = None

    def pick(self, x: np.ndarray) -> np.ndarray:
        """x (one value per world of the batch) for the worlds asked about."""
        return x if self.w is None else np.take(x, self.w)

    def track(self, name: str) -> np.ndarray:
        """The player's track `name` in the worlds asked about (a contiguous column, then a pick)."""
        if name not in self._tracks:
            self._tracks[name] = self.pick(self.st.tracks[:, PLAYER, T[name]])
        return self._tracks[name]

    def rows(self, x: np.ndarray) -> np.ndarray:
        """x (one row per action, one column per world of the batch) for the worlds asked about."""
        return x if self.w is None else np.take(x, self.w, axis=1)

    @cached_property
    def running(self) -> np.ndarray:
        """(products, worlds): which of the player's products run."""
        return self.rows(self.st.running[:, PLAYER].T)

    def at(self, table: np.ndarray) -> np.ndarray:
        """table[..., loc]: a fact about each space (the last axis of `table`, booleans) read at
        the space each world asked about is in; (W,) for a (S,) table, (n, W) for (n, S).

        Each world's space is held as one bit of a small integer and each row of the table as
        the set of its spaces' bits: a row is then one AND and one comparison per world, several
        times cheaper than picking table cells one by one."""
        S = table.shape[-1]
        if S > 64:
            return np.take(table, self.loc, axis=-1)
        dt = np.dtype(f"uint{max(8, 1 << (S - 1).bit_length())}")
        if self._loc_bits is None:
            self._loc_bits = np.left_shift(dt.type(1), self.loc.astype(dt))
        codes = np.left_shift(table.astype(dt), np.arange(S, dtype=dt)).sum(axis=-1, dtype=dt)
        return (self._loc_bits & np.asarray(codes)[..., None]) != 0

    def name(self, s: int) -> str:
        return self.text["names"][int(s)]

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
            texts = self.text["attention"]
            if attention not in texts:
                texts[attention] = (
                    f"That needs {attention:g} attention and you have less left this quarter: "
                    "end the quarter."
                )
            need = texts[attention]
        return [
            (self.can_act, self.over_reason),
            (self.free, "First answer the event card on the table."),
            (enough, need),
        ]

    def home(self, what: str) -> Requirement:
        texts = self.text["home"]
        if what not in texts:
            texts[what] = f"{what} happen at headquarters: travel back to {self.home_name}."
        return (self.at_home, texts[what])


def _holds_rows(ctx: Context, progs: list[Program]) -> np.ndarray:
    """(programs, worlds): where each condition holds in the worlds asked about. A condition
    without clauses holds everywhere and is not evaluated."""
    out = np.ones((len(progs), ctx.W), dtype=bool)
    for i, prog in enumerate(progs):
        if prog.clauses:
            out[i] = holds(prog, ctx.st, ctx.c, ctx.w)
    return out


def _row(mask: np.ndarray) -> np.ndarray:
    """A requirement's mask as (actions of the kind, worlds)."""
    return mask[None, :] if mask.ndim == 1 else mask


def requirements(ctx: Context, kind: str) -> list[Requirement]:
    """The requirements of one kind of action, in the order a player should hear them.

    Masks have shape (worlds,) (the same for every action of the kind) or (n, worlds) with one
    row per action of the kind."""
    st, c, t = ctx.st, ctx.c, ctx.text
    if kind == "end_quarter":
        return ctx.base(0)
    if kind == "choose":
        # the choices of the card drawn, none without a card (-1 clipped to a card, then zeroed;
        # a product rather than np.where, which mispredicts a branch at every other world). The
        # cards are not read at all when no world asked about has one waiting (most steps).
        if ctx.awaiting.any():
            n = np.take(c.ev_n_choices, ctx.pick(st.card), mode="clip") * ctx.awaiting
        else:
            n = np.zeros(ctx.W, dtype=c.ev_n_choices.dtype)
        return [
            (ctx.can_act, ctx.over_reason),
            (ctx.awaiting, "No card is waiting for an answer."),
            (t["choice_rows"] < n[None, :], "That card does not have that many choices."),
        ]
    if kind == "travel":
        reqs = ctx.base(c.scenario.board.travel_attention)
        reqs.append((ctx.at(t["elsewhere"]), t["already_in"]))
        reqs.append((ctx.at(c.adjacency), t["no_route"]))
        return reqs
    if kind == "pitch":
        reqs = ctx.base(1)
        reqs.append((ctx.at(c.can_pitch), t["no_investors"]))
        w = np.arange(ctx.W) if ctx.w is None else ctx.w
        reqs.append((~pick_cells(st.pitched, w, ctx.loc), "You already pitched here this quarter."))
        reqs.append((ctx.track("equity_sold_pct") < c.pitch.max_equity_sold_pct, t["sold_out"]))
        return reqs
    if kind == "sign":
        if not c.scenario.deals:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base(t["deal_attention"])
        reqs.append((c.deal_space[:, None] == ctx.loc[None, :], t["deal_where"]))
        reqs.append((t["deal_max"][:, None] > ctx.rows(st.deals_tried[:, PLAYER].T), t["deal_used"]))
        reqs.append((ctx.cash[None, :] >= c.deal_cost[:, None], t["deal_cost"]))
        reqs.append((_holds_rows(ctx, c.deal_when), t["deal_when"]))
        return reqs
    if kind == "launch_model":
        cost = train_cost_busd(c.consts, c.year_frac(st.turn))
        reqs = ctx.base(c.launch_attention)
        reqs.append(ctx.home("Launches"))
        reqs.append((ctx.track("quarters_since_launch") >= c.launch_cooldown, t["cooldown"]))
        reqs.append((ctx.cash >= cost, f"Training this model costs {fmt_busd(round(cost, 1))}; you have less cash."))
        return reqs
    if kind == "start_product":
        if not c.scenario.products:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base(t["prod_attention"])
        reqs.append(ctx.home("Product launches"))
        reqs.append((~ctx.running, t["prod_running"]))
        reqs.append((_holds_rows(ctx, c.prod_when), t["prod_when"]))
        reqs.append((ctx.cash[None, :] >= c.prod_cost[:, None], t["prod_cost"]))
        return reqs
    if kind == "stop_product":
        if not c.scenario.products:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        return ctx.base(0) + [(ctx.running, t["prod_idle"])]
    if kind == "operations":
        reqs = ctx.base(c.ops_attention)
        reqs.append(ctx.home("Operations"))
        reqs.append((ctx.track("operations_done") == 0, "Operations already ran this quarter."))
        return reqs
    if kind == "safety_review":
        reqs = ctx.base(c.safety_attention)
        reqs.append(ctx.home("Safety reviews"))
        reqs.append((ctx.track("safety_review_done") == 0, "A safety review already ran this quarter."))
        return reqs
    if kind == "commission_campus":
        site = c.site_of_space  # per space
        has_site = ctx.at(site >= 0)
        reqs = ctx.base(0)
        if not len(c.site_gw):
            return reqs + [(has_site, t["no_site"])]
        k = np.maximum(site, 0)
        when_ok = np.ones(ctx.W, dtype=bool)
        for j, prog in enumerate(c.site_when):
            if prog.clauses:
                when_ok &= ctx.at(site != j) | holds(prog, st, c, ctx.w)
        need = np.take(c.site_attention[k], ctx.loc)
        reqs.append((ctx.attention >= need, "Commissioning a campus needs attention you no longer have this quarter."))
        reqs.append((has_site, t["no_site"]))
        reqs.append((when_ok, t["site_closed"]))
        bill = np.take(t["site_bill"][k], ctx.loc)
        reqs.append((ctx.cash >= bill, "You need the first quarter's building bill in cash to break ground."))
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
    """The ids of one kind of action, as a slice of the action space."""
    if "rules.blocks" not in c.memo:
        blocks: dict[str, slice] = {}
        for a, (k, _) in enumerate(c.space.kinds):
            b = blocks.get(k)
            blocks[k] = slice(a, a + 1) if b is None else slice(b.start, a + 1)
        c.memo["rules.blocks"] = blocks
    return c.memo["rules.blocks"].get(kind, slice(0, 0))


def legal_matrix(st: BatchState, c: Compiled, worlds: np.ndarray | None = None) -> np.ndarray:
    """(worlds, actions) booleans: what each world may do now.

    worlds: indices of the worlds to ask about (default: all); row i is then world worlds[i].
    Stored action-major (each action's worlds contiguous) and returned as a (worlds, actions)
    view, so a policy reading one action for all worlds reads contiguous memory."""
    ctx = Context(st, c, worlds)
    out = np.empty((c.space.size, ctx.W), dtype=bool)
    for kind in KINDS:
        block = _block(c, kind)
        if block.stop == block.start:
            continue
        per_world = ctx.ready.copy() if kind != "choose" else np.ones(ctx.W, dtype=bool)
        per_action = []
        for mask, _ in requirements(ctx, kind):
            if mask.ndim == 1:
                per_world &= mask
            else:
                per_action.append(mask)
        m = out[block]
        if per_action:
            np.logical_and(per_world[None, :], per_action[0], out=m)
            for mask in per_action[1:]:
                m &= mask
        else:
            m[:] = per_world[None, :]
    return out.T


def why_illegal(st: BatchState, c: Compiled, a: int, world: int = 0) -> str | None:
    """The first rule that refuses action `a` in `world`, in a player's words; None if legal."""
    if not 0 <= a < c.space.size:
        return "There is no such action."
    kind, i = c.space.kind_of(a)
    for mask, reason in requirements(Context(st, c, np.array([world])), kind):
        m = _row(np.asarray(mask))
        if not m[i if m.shape[0] > 1 else 0, 0]:
            return reason if isinstance(reason, str) else reason[i]
    return None
