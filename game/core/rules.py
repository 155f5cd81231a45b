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


def compare(x: np.ndarray | float, op: str, val: float) -> np.ndarray | bool:
    """x op val, for a condition's comparison op (gte, lte, gt, lt, eq)."""
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


OP_WORDS = {"gte": "at least", "lte": "at most", "gt": "above", "lt": "below", "eq": "exactly"}

# How a condition names a track: (the words, plural?, unit). A unit of "$B" is written as the
# game writes money ("7,000 $B"); "%" sticks to the number; any other unit follows it.
CONDITION_NAMES: dict[str, tuple[str, bool, str]] = {
    "cash_busd": ("your cash", False, "$B"),
    "revenue_busd_per_year": ("your revenue", False, "$B a year"),
    "spend_busd_per_year": ("your spending", False, "$B a year"),
    "staff_busd_per_year": ("your staff bill", False, "$B a year"),
    "demand_bq": ("demand", False, "billion queries a quarter"),
    "served_bq": ("the queries you serve", True, "billion a quarter"),
    "capacity_bq": ("your capacity", False, "billion queries a quarter"),
    "rented_chips_m": ("your rented chips", True, "million"),
    "own_chips_m": ("your own chips", True, "million"),
    "chips_reserved_m": ("your chips on order", True, "million"),
    "campus_gw_built": ("your finished campuses", True, "GW"),
    "campus_gw_domestic": ("your campuses at home", True, "GW"),
    "campus_gw_abroad": ("your campuses abroad", True, "GW"),
    "power_gw_online": ("your power online", False, "GW"),
    "power_gw_needed": ("the power your chips need", False, "GW"),
    "scrutiny": ("scrutiny", False, ""),
    "credibility": ("your credibility", False, ""),
    "trust": ("the team's trust", False, ""),
    "valuation_busd": ("your valuation", False, "$B"),
    "equity_sold_pct": ("the share of the lab you have sold", False, "%"),
    "raised_busd": ("the money you have raised", False, "$B"),
    "price_cents": ("your revenue per query", False, "cents"),
    "inference_cost_cents": ("your cost per query", False, "cents"),
    "inference_cost_mult": ("the cost of a query (1 at the start)", False, "times"),
    "attention": ("the attention you have left", False, ""),
    "quarters_since_launch": ("the quarters since your last launch", True, ""),
    "launch_boost_pct": ("the demand boost from launches", False, "% a quarter"),
    "safety_debt": ("your safety debt", False, ""),
    "cash_at_quarter_start": ("your cash at the start of the quarter", False, "$B"),
}

# Flags the engine keeps as 0 or 1: a condition on them reads as what they mean.
_FLAG_WORDS = {
    "away_this_quarter": ("in a quarter you left headquarters", "in a quarter you stayed at headquarters"),
    "operations_done": ("once operations ran this quarter", "before operations run this quarter"),
    "safety_review_done": ("once a safety review ran this quarter", "before a safety review runs this quarter"),
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _amount(val: float, unit: str) -> str:
    if unit == "$B":
        return fmt_busd(val)
    if unit.startswith("%"):
        return f"{val:g}{unit}"
    return f"{val:g} {unit}" if unit else f"{val:g}"


def _track_name(key: str) -> tuple[str, bool, str]:
    if key in CONDITION_NAMES:
        return CONDITION_NAMES[key]
    from game.scenario.vocab import TRACK_HELP  # the modders' words for the other tracks

    words, _, unit = TRACK_HELP.get(key, key.replace("_", " ")).partition(", ")
    return words, False, unit if unit in ("$B", "GW", "billions", "millions") else ""


def _predicate(key: str, op: str, bound: float) -> str:
    """'scrutiny reaches 10', 'your campuses at home reach 1 GW', 'your cash is below 0 $B'."""
    words, plural, unit = _track_name(key)
    value = _amount(bound, unit)
    if op == "gte":
        return f"{words} {'reach' if plural else 'reaches'} {value}"
    be = "are" if plural else "is"
    if op == "eq":
        return f"{words} {be} {value}"
    return f"{words} {be} {OP_WORDS[op]} {value}"


def _calendar_phrase(key: str, op: str, bound: float) -> str | None:
    if key == "year":
        y = f"{bound:g}"
        return {"gte": f"from {y}", "gt": f"after {y}", "lte": f"until the end of {y}", "lt": f"before {y}", "eq": f"in {y}"}[op]
    if key == "quarter":
        q = f"Q{bound:g}"
        return {"gte": f"from {q} of each year", "gt": f"after {q} of each year", "lte": f"up to {q} of each year",
                "lt": f"before {q} of each year", "eq": f"in {q} of each year"}[op]
    if key == "turn" and float(bound).is_integer() and bound >= 0:
        nth = f"the game's {_ordinal(int(bound) + 1)} quarter"  # turn 0 is the game's 1st quarter
        return {"gte": f"from {nth}", "gt": f"after {nth}", "lte": f"up to {nth}", "lt": f"before {nth}", "eq": f"in {nth}"}[op]
    if key == "turn":
        return f"when the quarters played are {OP_WORDS[op]} {bound:g}"
    return None


def _touring_phrase(op: str, bound: float) -> str:
    """A condition on the quarters in a row spent touring (away_streak, a whole number)."""
    n = int(np.floor(bound)) + 1 if op == "gt" else int(np.ceil(bound))  # the fewest that hold
    most = int(np.ceil(bound)) - 1 if op == "lt" else int(np.floor(bound))  # the most that hold
    if op in ("lte", "lt", "eq") and most <= 0:
        return "when you have not been on tour"
    if op in ("lte", "lt"):
        return f"when you have toured at most {most} quarter{'s' if most != 1 else ''} in a row"
    if op in ("gte", "gt") and n <= 0:
        return "whether or not you have been on tour"
    if op in ("gte", "gt") and n == 1:
        return "once you have spent a quarter on tour"
    quarters = f"{n} quarter{'s' if n != 1 else ''} in a row"
    if op == "eq" and float(bound).is_integer():
        return f"when you have toured exactly {quarters}"
    return f"once you have toured {quarters}"


def _flag_phrase(key: str, op: str, bound: float) -> str | None:
    """A condition on a 0-or-1 flag, as what it means (None if it does not split 0 from 1)."""
    if key not in _FLAG_WORDS:
        return None
    yes, no = _FLAG_WORDS[key]
    at_one, at_zero = bool(compare(1.0, op, bound)), bool(compare(0.0, op, bound))
    if at_one != at_zero:
        return yes if at_one else no
    return None


def describe_condition(cond: Condition | None, c: Compiled, connector: str | None = None) -> str:
    """A condition as words that read after "only" or after "at the end of a quarter":
    'when your campuses at home reach 1 GW', 'while scrutiny is at most 8', 'from 2025',
    'in Abu Dhabi and before "MGX fab fund" is signed'.

    The comparisons of tracks are said together after one word: "while" when they all set an
    upper limit, else "when" (or `connector`, e.g. "if"). No condition: "at any time"."""
    if cond is None or not cond.root:
        return "at any time"
    s = c.scenario
    parts: list[str] = []
    tracks: list[str] = []
    ops_seen: list[str] = []
    group_at: int | None = None
    for key, val in cond.root.items():
        if key == "at":
            parts.append(f"in {s.space(val).name}")
        elif key == "signed":
            parts.append(f'after "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "not_signed":
            parts.append(f'until "{next(d.title for d in s.deals if d.id == val)}" is signed')
        elif key == "running":
            parts.append(f'while "{next(p.title for p in s.products if p.id == val)}" runs')
        else:
            for op, bound in val.bounds().items():
                if key in CALENDAR_KINDS:
                    phrase = _calendar_phrase(key, op, bound)
                elif key == "away_streak":
                    phrase = _touring_phrase(op, bound)
                else:
                    phrase = _flag_phrase(key, op, bound)
                if phrase is not None:
                    parts.append(phrase)
                    continue
                if group_at is None:
                    group_at = len(parts)
                    parts.append("")  # the place of the tracks' words, filled below
                tracks.append(_predicate(key, op, bound))
                ops_seen.append(op)
    if group_at is not None:
        word = connector or ("while" if all(op in ("lte", "lt") for op in ops_seen) else "when")
        listed = tracks[0] if len(tracks) == 1 else ", ".join(tracks[:-1]) + " and " + tracks[-1]
        parts[group_at] = f"{word} {listed}"
    return " and ".join(parts)


def describe_ending(cond: Condition | None, c: Compiled, won: bool) -> str:
    """When a goal or an ending is reached, as one sentence. The engine checks them at the end
    of a quarter, after the quarter's business: 'You lose at the end of a quarter if scrutiny
    reaches 10.'"""
    who = "You win" if won else "You lose"
    if cond is None or not cond.root:
        return f"{who} at the end of any quarter."
    return f"{who} at the end of a quarter {describe_condition(cond, c, connector='if')}."


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
        f"{names[c.site_of_space.tolist().index(j)]} only {describe_condition(site.when, c)}"
        for j, site in enumerate(s.campus_sites)
        if site.when and site.when.root
    )
    site_closed_at = [
        f"This campus site opens only {describe_condition(s.campus_sites[j].when, c)}."
        if j >= 0 and s.campus_sites[j].when and s.campus_sites[j].when.root
        else "This campus site is not open yet."
        for j in c.site_of_space.tolist()
    ]
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
        "deal_when": [
            f'"{d.title}" is on offer only {describe_condition(d.when, c)}.' if d.when and d.when.root
            else f'"{d.title}" is not on offer now.'
            for d in deals
        ],
        "cooldown": f"The next model is not ready: launches need {c.launch_cooldown} quarters between them.",
        "prod_running": [f'"{p.title}" is already running.' for p in prods],
        "prod_when": [
            f'"{p.title}" can start only {describe_condition(p.when, c)}.' if p.when and p.when.root
            else f'"{p.title}" cannot start now.'
            for p in prods
        ],
        "prod_cost": [
            f'"{p.title}" costs {fmt_busd(p.running_cost_busd_per_quarter.value)} a quarter; you have less cash.'
            for p in prods
        ],
        "prod_idle": [f'"{p.title}" is not running.' for p in prods],
        "no_site": f"There is no campus site here; campuses are built in {where}.",
        "site_closed": f"This campus site is not open yet (campuses open {opens})." if opens else "This campus site is not open yet.",
        "site_closed_at": site_closed_at,  # per space: the sentence for the site there
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

    def base(self) -> list[Requirement]:
        """What every action needs first: a quarter still open, and no card waiting."""
        return [
            (self.can_act, self.over_reason),
            (self.free, "First answer the event card on the table."),
        ]

    def needs_attention(self, attention: float | np.ndarray) -> Requirement:
        """The attention an action needs. It comes after each kind's own requirements (where,
        when, how often, what it costs): those say more than "end the quarter" does."""
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
        return (enough, need)

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
        return ctx.base()
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
    # Each kind: the quarter and the card first, then where, once, when and what it costs,
    # and the attention it needs last.
    if kind == "travel":
        reqs = ctx.base()
        reqs.append((ctx.at(t["elsewhere"]), t["already_in"]))
        reqs.append((ctx.at(c.adjacency), t["no_route"]))
        reqs.append(ctx.needs_attention(c.scenario.board.travel_attention))
        return reqs
    if kind == "pitch":
        reqs = ctx.base()
        reqs.append((ctx.at(c.can_pitch), t["no_investors"]))
        w = np.arange(ctx.W) if ctx.w is None else ctx.w
        reqs.append((~pick_cells(st.pitched, w, ctx.loc), "You already pitched here this quarter."))
        reqs.append((ctx.track("equity_sold_pct") < c.pitch.max_equity_sold_pct, t["sold_out"]))
        reqs.append(ctx.needs_attention(1))
        return reqs
    if kind == "sign":
        if not c.scenario.deals:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base()
        reqs.append((c.deal_space[:, None] == ctx.loc[None, :], t["deal_where"]))
        reqs.append((t["deal_max"][:, None] > ctx.rows(st.deals_tried[:, PLAYER].T), t["deal_used"]))
        reqs.append((_holds_rows(ctx, c.deal_when), t["deal_when"]))
        reqs.append((ctx.cash[None, :] >= c.deal_cost[:, None], t["deal_cost"]))
        reqs.append(ctx.needs_attention(t["deal_attention"]))
        return reqs
    if kind == "launch_model":
        cost = train_cost_busd(c.consts, c.year_frac(st.turn))
        reqs = ctx.base()
        reqs.append(ctx.home("Launches"))
        reqs.append((ctx.track("quarters_since_launch") >= c.launch_cooldown, t["cooldown"]))
        reqs.append((ctx.cash >= cost, f"Training this model costs {fmt_busd(round(cost, 1))}; you have less cash."))
        reqs.append(ctx.needs_attention(c.launch_attention))
        return reqs
    if kind == "start_product":
        if not c.scenario.products:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        reqs = ctx.base()
        reqs.append(ctx.home("Product launches"))
        reqs.append((~ctx.running, t["prod_running"]))
        reqs.append((_holds_rows(ctx, c.prod_when), t["prod_when"]))
        reqs.append((ctx.cash[None, :] >= c.prod_cost[:, None], t["prod_cost"]))
        reqs.append(ctx.needs_attention(t["prod_attention"]))
        return reqs
    if kind == "stop_product":
        if not c.scenario.products:
            return [(np.zeros((0, ctx.W), dtype=bool), [])]
        return ctx.base() + [(ctx.running, t["prod_idle"])]
    if kind == "operations":
        reqs = ctx.base()
        reqs.append(ctx.home("Operations"))
        reqs.append((ctx.track("operations_done") == 0, "Operations already ran this quarter."))
        reqs.append(ctx.needs_attention(c.ops_attention))
        return reqs
    if kind == "safety_review":
        reqs = ctx.base()
        reqs.append(ctx.home("Safety reviews"))
        reqs.append((ctx.track("safety_review_done") == 0, "A safety review already ran this quarter."))
        reqs.append(ctx.needs_attention(c.safety_attention))
        return reqs
    if kind == "commission_campus":
        site = c.site_of_space  # per space
        has_site = ctx.at(site >= 0)
        reqs = ctx.base()
        if not len(c.site_gw):
            return reqs + [(has_site, t["no_site"])]
        k = np.maximum(site, 0)
        when_ok = np.ones(ctx.W, dtype=bool)
        for j, prog in enumerate(c.site_when):
            if prog.clauses:
                when_ok &= ctx.at(site != j) | holds(prog, st, c, ctx.w)
        reqs.append((has_site, t["no_site"]))
        closed = t["site_closed_at"][int(ctx.loc[0])] if ctx.W == 1 else t["site_closed"]
        reqs.append((when_ok, closed))
        bill = np.take(t["site_bill"][k], ctx.loc)
        reqs.append((ctx.cash >= bill, "You need the first quarter's building bill in cash to break ground."))
        need = np.take(c.site_attention[k], ctx.loc)
        reqs.append((ctx.attention >= need, "Commissioning a campus needs attention you no longer have this quarter."))
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
