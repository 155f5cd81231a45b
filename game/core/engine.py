"""The engine: applies actions to a batch of worlds, ends quarters, draws cards, checks endings.

`step` is the only way the state changes. It takes one action id per world (-1: no action),
refuses illegal ones without touching their world, and when every live world has ended its
quarter, runs the economic model, checks the goals and endings, and opens the next quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.compiled import HORIZON, MAX_CHOICES, Compiled, Effect, Program
from game.core.rules import CALENDAR_KINDS, calendar_holds, holds, legal_matrix
from game.core.state import (
    LOST,
    ONGOING,
    PLAYER,
    WON,
    BatchState,
    flat_cells,
    pick_cells,
    put_cells,
)
from game.model import economy
from game.model.tracks import BOUNDS, DELAYED_KEYS, NON_NEGATIVE, T

NO_ACTION = -1
_CASH = T["cash_busd"]
_EQUITY = T["equity_sold_pct"]


@dataclass
class StepReport:
    """What a step did, per world: which actions were applied and what chance decided."""

    applied: np.ndarray  # (W,) bool: the action was legal and done
    success: np.ndarray  # (W,) bool: for pitches and chancy deals, it went through
    chance: np.ndarray  # (W,) float: the odds that were rolled (nan when nothing was rolled)
    quarter_ended: bool  # the batch moved to the next quarter
    incidents: np.ndarray  # (W,) bool: an incident struck at the quarter's end


_BOUNDED = {T[k]: v for k, v in BOUNDS.items()}
_NONNEG = frozenset(T[k] for k in NON_NEGATIVE)


def _select(w: np.ndarray, worlds: int) -> np.ndarray | slice:
    """Index for the sorted, distinct worlds w of a batch of `worlds`: a slice when w is every
    world, so that reads are views and writes go in place instead of gathers and scatters."""
    return slice(None) if len(w) == worlds else w


def _groups(keys: np.ndarray, size: int) -> list[tuple[int, np.ndarray]]:
    """The positions of each key value (0 <= key < size) in `keys`, ascending, one group per
    value present: the same as [(k, np.flatnonzero(keys == k)) for each k], with one sort
    instead of a pass over `keys` per value (a stable sort of small integers is a radix sort)."""
    if len(keys) == 0:
        return []
    small = keys.astype(np.int8 if size <= 127 else np.int16 if size < 32_000 else np.int64, copy=False)
    order = np.argsort(small, kind="stable")
    counts = np.bincount(small, minlength=size)
    present = np.flatnonzero(counts)
    ends = np.cumsum(counts)
    return [(int(k), order[ends[k] - counts[k] : ends[k]]) for k in present]


def _change(st: BatchState, w: np.ndarray, k: int, add: np.ndarray | float, mul: np.ndarray | float) -> None:
    """Track k of the player's lab, in worlds w: new = old * mul + add, kept within its bounds.
    A scalar mul of 1.0 is not applied (x * 1.0 is x, bit for bit): most effects only add."""
    col = st.tracks[:, PLAYER, k]
    v = col[w]  # a gather: a new array, changed in place below
    if not (isinstance(mul, float) and mul == 1.0):
        v *= mul
    v += add
    if k in _BOUNDED:
        lo, hi = _BOUNDED[k]
        v.clip(lo, hi, out=v)
    elif k in _NONNEG:
        np.maximum(v, 0.0, out=v)
    col[w] = v


def _split(w: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """w[mask] and w[~mask], with the positions (in w) of each: (yes, no, yes_pos, no_pos).

    The same as boolean-mask indexing, which numpy does at several times the cost of finding
    the positions once and gathering with them."""
    yes_pos = np.flatnonzero(mask)
    no_pos = np.flatnonzero(~mask)
    return w.take(yes_pos), w.take(no_pos), yes_pos, no_pos


def _effect(st: BatchState, w: np.ndarray, e: Effect, ledger: str = "q_other_busd") -> bool:
    """Apply an effect to the player's lab in worlds w; cash it moves goes to a ledger line.
    Cash that comes with shares sold (an effect adding both cash and equity sold, such as a
    funding round on a card) is money raised, whatever the ledger line asked for.
    Returns whether it changed what the derived tracks depend on."""
    touched = e.touched
    if len(w) == 0 or len(touched) == 0:
        return False
    for k in touched:
        _change(st, w, int(k), e.add[k], e.mul[k])
    if e.add[_CASH]:
        if e.add[_CASH] > 0 and e.add[_EQUITY] > 0:  # an investment
            st.tracks[:, PLAYER, T["raised_busd"]][w] += e.add[_CASH]
            ledger = "q_raised_busd"
        st.tracks[:, PLAYER, T[ledger]][w] += e.add[_CASH]
    return e.moves_capacity


def _card_effects(st: BatchState, c: Compiled, w: np.ndarray, cards: np.ndarray, choice: int | None = None) -> list[np.ndarray]:
    """Apply to each world w[i] the effects of its card cards[i] (or of that card's choice
    `choice`, with its delayed effects); return the groups of worlds whose derived tracks need a
    refresh. Worlds holding the same card are done together, one effect per card."""
    effects = _compiled_effects(c)
    idle = effects["idle"][choice]
    refresh = []
    for k, pos in _groups(cards, len(c.ev_weight)):
        if idle[k]:  # a card (or answer) that changes nothing: its worlds need not be picked
            continue
        wk = w[pos]
        if choice is None:
            changed = _effect(st, wk, effects["card"][k])
        else:
            changed = _effect(st, wk, effects["choice"][k][choice])
            _schedule(st, wk, c.ev_choice_delayed[k, choice])
        if changed:
            refresh.append(wk)
    return refresh


def _compiled_effects(c: Compiled) -> dict:
    """Every card's effect and every choice's effect as `Effect`s, made once per scenario, and
    which of them change nothing ("idle": None for the cards' own effects, j for choice j;
    a choice with deliveries to schedule is not idle)."""
    if "engine.effects" not in c.memo:
        C = len(c.ev_weight)
        card = [Effect(c.ev_effect_add[k], c.ev_effect_mul[k]) for k in range(C)]
        choice = [[Effect(c.ev_choice_add[k, j], c.ev_choice_mul[k, j]) for j in range(MAX_CHOICES)] for k in range(C)]
        idle: dict[int | None, np.ndarray] = {None: np.array([e.empty for e in card], dtype=bool)}
        for j in range(MAX_CHOICES):
            later = c.ev_choice_delayed[:, j].reshape(C, -1).any(axis=1)
            idle[j] = np.array([choice[k][j].empty for k in range(C)], dtype=bool) & ~later
        c.memo["engine.effects"] = {"card": card, "choice": choice, "idle": idle}
    return c.memo["engine.effects"]


def _schedule(st: BatchState, w: np.ndarray, delayed: np.ndarray) -> None:
    """Add delayed effects (HORIZON, K) to the ring buffer of worlds w (only the entries that
    are not zero: a deal delivers a few things, in a few quarters)."""
    if len(w) == 0:
        return
    for h, j in zip(*np.nonzero(delayed), strict=True):
        st.pending[:, PLAYER, (st.turn + h) % HORIZON, j][w] += delayed[h, j]


def _spend(st: BatchState, w: np.ndarray, amount: np.ndarray | float, line: str) -> None:
    tr = st.tracks
    tr[:, PLAYER, _CASH][w] -= amount
    tr[:, PLAYER, T[line]][w] += amount
    tr[:, PLAYER, T["q_spend_busd"]][w] += amount


_LEDGER_RESET = tuple(
    T[name]
    for name in (
        "q_revenue_busd", "q_spend_busd", "q_raised_busd", "q_other_busd", "q_inference_busd",
        "q_training_busd", "q_staff_busd", "q_products_busd", "q_capex_busd",
        "operations_done", "safety_review_done", "away_this_quarter",
    )
)


def begin_quarter(st: BatchState, c: Compiled, worlds: np.ndarray | None = None) -> None:
    """Open the current quarter in live worlds: reset the ledger, land deliveries, draw a card."""
    w = np.flatnonzero(st.live) if worlds is None else worlds
    tr = st.tracks
    if len(w):
        sel = _select(w, st.worlds)

        def labs(k: int) -> np.ndarray:
            """Track k as one row of worlds per lab, (L, W) views: picking worlds in a 1-D
            row costs less than in the (W, L) column."""
            return tr[:, :, k].T

        for src, dst in (("spend_lag2_busd", "spend_lag3_busd"), ("spend_lag1_busd", "spend_lag2_busd")):
            for to, of in zip(labs(T[dst]), labs(T[src]), strict=True):
                to[sel] = of[sel]
        if st.turn > 0:
            for to, of in zip(labs(T["spend_lag1_busd"]), labs(T["q_spend_busd"]), strict=True):
                to[sel] = of[sel]
        for k in _LEDGER_RESET:
            for row in labs(k):
                row[sel] = 0.0
        lo, hi = BOUNDS["attention"]
        for row in labs(T["attention"]):
            row[sel] = min(max(c.consts.attention_per_quarter, lo), hi)
        for to, of in zip(labs(T["cash_at_quarter_start"]), labs(T["cash_busd"]), strict=True):
            to[sel] = of[sel]
        # Deliveries due this quarter land; the ring buffer's slot is emptied for its next turn.
        # Most worlds have nothing due, so only the entries that are not zero are touched: they
        # are found in the whole batch (one comparison over its contiguous memory, no gather),
        # then kept in the opening worlds.
        opening = None
        slot = st.turn % HORIZON
        for j, key in enumerate(DELAYED_KEYS):
            due = st.pending[:, :, slot, j]
            lab, world = np.divmod(np.flatnonzero(due.T.reshape(-1) != 0), st.worlds)
            if len(world) and not isinstance(sel, slice):
                if opening is None:
                    opening = np.zeros(st.worlds, dtype=bool)
                    opening[w] = True
                keep = np.flatnonzero(opening[world])
                lab, world = lab[keep], world[keep]
            if len(world) == 0:
                continue
            where = (world, lab)
            amount = due[where]
            track = tr[:, :, T[key]]
            track[where] = economy.kept_in_bounds(key, track[where] + amount)
            if key == "cash_busd":
                tr[:, :, T["q_other_busd"]][where] += amount
            due[where] = 0.0
        if st.turn == 0:  # the scenario's starting figures are brought within bounds once
            economy.clamp(tr, sel)
        economy.refresh_derived(tr, c.consts, sel)
        for space in st.pitched.T:  # one row of worlds per space
            space[sel] = False
        st.quarter_over[sel] = False
    st.card[:] = -1
    st.awaiting_choice[:] = False
    _draw_cards(st, c, w)


def _draw_cards(st: BatchState, c: Compiled, w: np.ndarray) -> None:
    """Draw one card per world in w from the cards it may draw, by weight.

    Cards are first drawn from the deck as the calendar allows, and each world keeps its card
    if its own conditions (tracks, deals, `once`) allow it; the others draw again. That is
    exact sampling by weight among each world's allowed cards, and costs a few passes over the
    worlds instead of a (worlds x cards) table. After a few rounds, the worlds still without a
    card get the table. What the cards' conditions say in each world is worked out once per
    quarter (`_Deck`), and where a draw falls in the deck once per quarter of the calendar
    (`_Cut`), so that a round only looks them up."""
    C = len(c.ev_weight)
    if len(w) == 0 or C == 0:
        return
    forced = c.script_events.get(st.turn)
    drawn = np.full(len(w), -1)
    if forced is not None:
        drawn[:] = forced
    else:
        open_now, weights, cut = _deck_by_calendar(st, c)
        todo = np.arange(len(w)) if weights.sum() > 0 else np.zeros(0, dtype=np.int64)
        deck = _Deck.now(st, c, w, open_now) if len(todo) else None
        for _ in range(6):
            if len(todo) == 0:
                break
            k = np.minimum(cut.count(st.rng.random(len(todo))), C - 1)
            ok = _allowed(deck, todo, k)
            drawn[todo] = np.where(ok, k, -1)  # the worlds still to draw hold -1
            todo = todo[np.flatnonzero(~ok)]
        if len(todo):
            table = np.zeros((len(todo), C))
            cards = np.flatnonzero(weights)  # every open card for every world left: one look-up
            table[:, cards] = np.where(_allowed(deck, todo[:, None], cards[None, :]), weights[cards], 0.0)
            cumt = np.cumsum(table, axis=1)
            tot = cumt[:, -1]
            u = st.rng.random(len(todo)) * tot
            pick = np.minimum((cumt <= u[:, None]).sum(axis=1), C - 1)
            drawn[todo] = np.where(tot > 0, pick, -1)
    has = drawn >= 0
    if has.all():
        wd, kd = w, drawn
    else:
        got = np.flatnonzero(has)
        wd, kd = w[got], drawn[got]
    st.card[wd] = kd
    cells = flat_cells(st.cards_seen)
    if cells is None:
        st.cards_seen[wd, kd] += 1
    else:  # one flat index per (world, card): each world draws one card, so no index repeats
        seen, world_step, card_step = cells
        seen[wd * world_step + kd * card_step] += 1
    refresh = _card_effects(st, c, wd, kd)
    st.awaiting_choice[wd] = c.ev_n_choices[kd] > 0
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))


def _deck_by_calendar(st: BatchState, c: Compiled) -> tuple[np.ndarray, np.ndarray, _Cut]:
    """The cards the calendar opens now, their weights (0 for the others) and the cut of [0, 1)
    by their cumulative share (a card is drawn by where a uniform draw falls). They depend on
    the quarter alone, so they are worked out once per quarter of the calendar."""
    memo = c.memo.setdefault("engine.deck_by_calendar", {})
    if st.turn not in memo:
        open_now = np.array([calendar_holds(p, st, c) for p in c.ev_when])
        weights = np.where(open_now, c.ev_weight, 0.0)
        total = weights.sum()
        memo[st.turn] = (open_now, weights, _Cut(np.cumsum(weights) / max(total, 1e-300)))
    return memo[st.turn]


class _Cut:
    """`count(u)` = np.searchsorted(edges, u, side="right") for u in [0, 1): how many of the
    (sorted) edges are at most u, looked up instead of searched.

    [0, 1) is split into B equal bins (B a power of two, so u * B is exact and its integer part
    is u's bin). B is made large enough that no bin holds two different edges inside it;
    then the count is the edges at most the bin's start, plus those inside it when u reaches
    them. When no such B up to 2**16 exists, it searches."""

    def __init__(self, edges: np.ndarray):
        self.edges = edges
        self.bins = 0
        for bins in (2**p for p in range(6, 17)):
            start = np.arange(bins + 1) / bins  # bin b is [start[b], start[b + 1])
            below = np.searchsorted(edges, start[:-1], side="right")  # edges <= start[b]
            before_end = np.searchsorted(edges, start[1:], side="left")  # edges < start[b + 1]
            inside = before_end > below
            first = edges[np.minimum(below, len(edges) - 1)]
            last = edges[np.maximum(before_end - 1, 0)]
            if np.all(~inside | (first == last)):  # at most one distinct edge inside each bin
                self.bins = bins
                self.below = below
                self.reached = before_end  # the count once u reaches the edge inside the bin
                self.inner = np.where(inside, first, np.inf)  # that edge (none: never reached)
                break

    def count(self, u: np.ndarray) -> np.ndarray:
        if not self.bins or len(self.edges) == 0:
            return np.searchsorted(self.edges, u, side="right")
        b = (u * self.bins).astype(np.intp)
        return np.where(u >= self.inner[b], self.reached[b], self.below[b])


_ALWAYS, _NEVER = 0, 1  # the first two rows of `_Deck.holds`


def _deck_conditions(c: Compiled) -> tuple[list[Program], np.ndarray, np.ndarray]:
    """The deck's conditions without their calendar clauses, made once per scenario: the
    distinct ones (row 2 + i of `_Deck.holds` is the i-th), each card's row (_ALWAYS when
    the card has no condition on the world), and each card's `once` as how many times it may
    have been drawn before and still be drawn (1 for `once`, any number otherwise)."""
    if "engine.deck_conditions" not in c.memo:
        distinct: dict[tuple, int] = {}
        rows = np.full(len(c.ev_when), _ALWAYS, dtype=np.int64)
        for j, prog in enumerate(c.ev_when):
            key = tuple(cl for cl in prog.clauses if cl[0] not in CALENDAR_KINDS)
            if key:
                rows[j] = 2 + distinct.setdefault(key, len(distinct))
        limit = np.where(c.ev_once, 1, np.iinfo(np.int64).max)
        c.memo["engine.deck_conditions"] = ([Program(key) for key in distinct], rows, limit)
    return c.memo["engine.deck_conditions"]


@dataclass
class _Deck:
    """Whether each drawing world may keep each card, this quarter, ready to be looked up.

    A card's conditions on the world (tracks, location, deals, products) are one row of
    `holds`, evaluated once per quarter over the whole batch (one comparison per world over a
    track's memory costs less than picking the drawing worlds first); cards closed by the
    calendar point to a row that never holds. `once` is read from `cards_seen` at each lookup
    (a card drawn this quarter counts only from the next draw on)."""

    holds: np.ndarray  # (rows * W,) bool, flat: row r, then one value per world of the batch
    offset: np.ndarray  # (C,) where each card's row starts in `holds`
    limit: np.ndarray  # (C,) a card may be drawn while it was drawn fewer times than this
    w: np.ndarray  # (n,) the drawing worlds
    seen: np.ndarray  # cards_seen, flat (`flat_cells`), or itself when it has no flat view
    steps: tuple[int, int] | None  # the steps of `seen`'s world and card axes when it is flat

    @classmethod
    def now(cls, st: BatchState, c: Compiled, w: np.ndarray, open_now: np.ndarray) -> _Deck:
        """The deck as it stands for worlds w, with the cards the calendar opens (open_now)."""
        conditions, rows, limit = _deck_conditions(c)
        rows = np.where(open_now, rows, _NEVER)
        holds_now = np.zeros((2 + len(conditions), st.worlds), dtype=bool)
        holds_now[_ALWAYS] = True
        for r in np.unique(rows[rows >= 2]):  # only the conditions of cards open now
            holds_now[r] = holds(conditions[r - 2], st, c)
        cells = flat_cells(st.cards_seen)
        seen, steps = (st.cards_seen, None) if cells is None else (cells[0], cells[1:])
        return cls(holds_now.ravel(), rows * st.worlds, limit, w, seen, steps)


def _allowed(deck: _Deck, pos: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Whether drawing world deck.w[pos[i]] may draw card k[i] (its conditions and `once`).
    pos and k may be any arrays that broadcast together (a table of worlds x cards)."""
    ww = deck.w[pos]
    ok = deck.holds[deck.offset[k] + ww]
    if deck.steps is None:
        seen = deck.seen[ww, k]
    else:
        seen = deck.seen[ww * deck.steps[0] + k * deck.steps[1]]
    ok &= seen < deck.limit[k]
    return ok


def start(c: Compiled, st: BatchState) -> BatchState:
    """Open the first quarter of fresh worlds."""
    begin_quarter(st, c)
    return st


def step(
    st: BatchState,
    c: Compiled,
    actions: np.ndarray,
    legal: np.ndarray | None = None,
    *,
    worlds: np.ndarray | None = None,
    u: np.ndarray | None = None,
    open_next: bool = True,
) -> StepReport:
    """Apply one action per world (NO_ACTION for none); then end the quarter if all are done.

    worlds: the (sorted, distinct) indices of the worlds the actions are for, when not all of
    the batch: actions[i] is for world worlds[i], `legal` has one row per world asked about (as
    `legal_matrix(st, c, worlds)` gives), and the report's per-world arrays follow `worlds`.
    The other worlds take no action. u: the chance draws to use instead of the generator's
    (previews only), one per world asked about. open_next=False stops after the quarter's
    economy, so a caller can record it before the next card is drawn with `begin_quarter`.
    """
    W = st.worlds
    actions = np.asarray(actions, dtype=np.int64)
    n = len(actions)
    if legal is None:
        legal = legal_matrix(st, c, worlds)
    # an action id in range, in one comparison (seen unsigned, a negative id is a huge one)
    valid = actions.view(np.uint64) < c.space.size
    every = bool(valid.all())  # the usual case: no world without an action
    rows = np.arange(n) if every else np.flatnonzero(valid)
    if every:
        ok = pick_cells(legal, rows, actions).astype(bool, copy=False)
    else:
        ok = np.zeros(n, dtype=bool)
        ok[rows] = pick_cells(legal, rows, actions.take(rows))
    success = np.zeros(n, dtype=bool)
    odds = np.full(n, np.nan)
    if u is None:
        # one draw per world given an action, used by whatever action needs chance
        if every or (actions >= 0).all():
            u = st.rng.random(n)
        else:
            u = np.zeros(n)
            given = np.flatnonzero(actions >= 0)
            u[given] = st.rng.random(len(given))
    key_of, groups = _apply_groups(c)
    refresh = []
    going_on = False  # a world of this step is still acting: the quarter goes on
    # One group of worlds per kind of action (per action id where the kind's effects differ
    # from id to id); group 0 is NO_ACTION (or a refused action) and does nothing.
    keys = key_of.take(actions + 1 if every else np.where(valid, actions + 1, 0))
    if not ok.all():
        np.multiply(keys, ok, out=keys)  # a refused action: group 0
    for g, pos in _groups(keys, len(groups)):
        if g == 0:
            continue
        kind, i, base = groups[g]
        w = pos if worlds is None else worlds.take(pos)
        if base is not None:  # one group for all the ids of this kind: each world's own index
            i = actions.take(pos) - base
        changed, won, p = _apply(st, c, kind, i, w, u.take(pos))
        if won is not None:
            success[pos] = won
        if p is not None:
            odds[pos] = p
        if changed:
            refresh.append(w)
        if not going_on and kind != "end_quarter":  # one world tells, without a pass over all
            going_on = bool(st.outcome[w[0]] == ONGOING and not st.quarter_over[w[0]])
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))
    ended = False
    incidents = np.zeros(W, dtype=bool)
    if not going_on:
        live = st.live
        if not (live & ~st.quarter_over).any() and live.any():
            incidents = end_quarter(st, c, open_next=open_next)
            ended = True
    return StepReport(ok, success, odds, ended, incidents)


# Kinds of action whose ids are applied as one group, each world with its own index: travel
# (the destination) and pitch (the rung) do the same arithmetic for every id, with a value
# per world read from a small table.
_MERGED_KINDS = ("travel", "pitch")


def _apply_groups(c: Compiled) -> tuple[np.ndarray, list[tuple[str, int, int | None]]]:
    """How `step` groups the actions, made once per scenario: key_of[a + 1] is the group of
    action id a (key_of[0], NO_ACTION, is group 0), and groups[g] = (kind, index, base): the
    kind and index of the group's one id, or, for a kind in _MERGED_KINDS, base = the kind's
    first id (a world's index is its id - base)."""
    if "engine.apply_groups" not in c.memo:
        key_of = np.zeros(c.space.size + 1, dtype=np.int8)
        groups: list[tuple[str, int, int | None]] = [("none", 0, None)]
        first: dict[str, int] = {}
        for a, (kind, i) in enumerate(c.space.kinds):
            if kind in _MERGED_KINDS and kind in first:
                key_of[a + 1] = first[kind]
                continue
            key_of[a + 1] = len(groups)
            if kind in _MERGED_KINDS:
                first[kind] = len(groups)
                groups.append((kind, 0, a - i))
            else:
                groups.append((kind, i, None))
        c.memo["engine.apply_groups"] = (key_of, groups)
    return c.memo["engine.apply_groups"]


def _apply(
    st: BatchState, c: Compiled, kind: str, i: int | np.ndarray, w: np.ndarray, u: np.ndarray
) -> tuple[bool, np.ndarray | None, np.ndarray | float | None]:
    """Do the actions of kind `kind` and index i (a space, rung, deal...) in worlds w, with the
    chance draws u (one per world of w). For travel and pitch, i may be an array: one index per
    world of w.

    Returns whether derived tracks need a refresh in w, and where chance decided: whether it
    went well and the odds that were rolled (None when nothing was rolled)."""
    tr = st.tracks

    def col(name: str) -> np.ndarray:  # the player's track over all worlds (a 1-D view)
        return tr[:, PLAYER, T[name]]

    if kind == "end_quarter":
        st.quarter_over[w] = True
        return False, None, None
    if kind == "travel":
        col("attention")[w] -= c.scenario.board.travel_attention
        dest = np.broadcast_to(i, w.shape)  # one destination per world
        st.location[w] = dest
        col("away_this_quarter")[w.take(np.flatnonzero(dest != c.home))] = 1.0
        return False, None, None
    if kind == "choose":
        refresh = _card_effects(st, c, w, st.card[w], choice=i)
        st.awaiting_choice[w] = False
        return bool(refresh), None, None
    if kind == "pitch":
        return _pitch(st, c, i, w, u)
    if kind == "sign":
        col("attention")[w] -= c.deal_attention[i]
        st.deals_tried[:, PLAYER, i][w] += 1
        if c.deal_cost[i] > 0:
            _spend(st, w, c.deal_cost[i], "q_capex_busd")
        won = u < c.deal_chance[i]
        ww, wl, _, _ = _split(w, won)
        st.deals_signed[:, PLAYER, i][ww] += 1
        changed = _effect(st, ww, c.deal_effect[i])
        _schedule(st, ww, c.deal_delayed[i])
        changed = _effect(st, wl, c.deal_fail[i]) or changed
        return changed, won, (c.deal_chance[i] if c.deal_chance[i] < 1.0 else None)
    if kind == "launch_model":
        col("attention")[w] -= c.launch_attention
        cost = economy.train_cost_busd(c.consts, c.year_frac(st.turn))
        _spend(st, w, cost, "q_training_busd")
        rushed_p = np.clip(c.rushed_chance_per_debt * col("safety_debt")[w], 0.0, 1.0)
        changed = _effect(st, w, c.launch_effect)
        col("quarters_since_launch")[w] = 0.0
        rushed = u >= 1.0 - rushed_p  # low draws are good luck, as for pitches and deals
        changed = _effect(st, w.take(np.flatnonzero(rushed)), c.rushed_effect) or changed
        return changed, ~rushed, rushed_p
    if kind == "start_product":
        col("attention")[w] -= c.prod_attention[i]
        st.running[:, PLAYER, i][w] = True
        return _effect(st, w, c.prod_effect[i]), None, None
    if kind == "stop_product":
        st.running[:, PLAYER, i][w] = False
        return False, None, None
    if kind == "operations":
        col("attention")[w] -= c.ops_attention
        col("operations_done")[w] = 1.0
        return _effect(st, w, c.ops_effect), None, None
    if kind == "safety_review":
        col("attention")[w] -= c.safety_attention
        col("safety_review_done")[w] = 1.0
        return _effect(st, w, c.safety_effect), None, None
    # commission_campus: the site where each world stands
    sites = c.site_of_space[st.location[w]]
    changed = False
    for k, pos in _groups(sites, len(c.site_gw)):
        wk = w.take(pos)
        gw = c.site_gw[k]
        col("attention")[wk] -= c.site_attention[k]
        st.pipeline_gw[:, PLAYER, -1][wk] += gw
        st.campus_gw_space[wk, PLAYER, st.location[wk]] += gw
        key = "campus_gw_domestic" if c.site_domestic[k] else "campus_gw_abroad"
        col(key)[wk] += gw
        changed |= _effect(st, wk, c.site_effect[k])
    return changed, None, None


def pitch_chance(st: BatchState, c: Compiled, rung: int | np.ndarray, w: np.ndarray) -> np.ndarray:
    """Odds that a pitch of ladder rung `rung` (or of rung[i] in world w[i]) succeeds in worlds
    w, where the CEO stands."""
    return _pitch_odds(st, c, c.ladder[rung], w, st.location[w])


def _pitch_odds(st: BatchState, c: Compiled, ask: np.ndarray | float, w: np.ndarray, loc: np.ndarray) -> np.ndarray:
    """`pitch_chance` for the ask(s) `ask`, with the CEO's location loc in each world of w."""
    tr = st.tracks
    p = c.pitch
    return economy.pitch_success_chance(
        ask,
        tr[:, PLAYER, T["valuation_busd"]][w],
        tr[:, PLAYER, T["credibility"]][w],
        tr[:, PLAYER, T["scrutiny"]][w],
        c.appetite[loc],
        size_weight=p.pitch_size_weight,
        credibility_weight=p.pitch_credibility_weight,
        scrutiny_weight=p.pitch_scrutiny_weight,
        reference_share=p.pitch_reference_share,
        credibility_neutral=c.consts.credibility_neutral,
        scrutiny_comfort=p.pitch_scrutiny_comfort,
    )


def _ask_lift(c: Compiled) -> np.ndarray:
    """1 + log10(ask) for each rung of the ladder (how much a raise's size adds to scrutiny),
    worked out once per scenario, rung by rung as a scalar, as the pitch rules always did."""
    if "engine.ask_lift" not in c.memo:
        c.memo["engine.ask_lift"] = np.array([1.0 + np.log10(c.ladder[r]) for r in range(len(c.ladder))])
    return c.memo["engine.ask_lift"]


def _pitch(st: BatchState, c: Compiled, rung: int | np.ndarray, w: np.ndarray, u: np.ndarray) -> tuple[bool, np.ndarray, np.ndarray]:
    """A pitch of rung `rung` (or of rung[i] in world w[i]) in worlds w (chance draws u);
    returns as `_apply` does."""
    tr = st.tracks
    valuation = tr[:, PLAYER, T["valuation_busd"]]
    equity = tr[:, PLAYER, T["equity_sold_pct"]]
    rung = np.broadcast_to(rung, w.shape)  # one rung per world
    ask = c.ladder.take(rung)
    loc = st.location[w]
    tr[:, PLAYER, T["attention"]][w] -= 1
    put_cells(st.pitched, w, loc, True)
    p = _pitch_odds(st, c, ask, w, loc)
    won = u < p
    ww, lw, won_pos, lost_pos = _split(w, won)
    ask_w = ask.take(won_pos)
    val = valuation[ww]
    for name in ("cash_busd", "q_raised_busd", "raised_busd"):
        tr[:, PLAYER, T[name]][ww] += ask_w
    sold = equity[ww]
    # the new investors' share of the post-money lab dilutes everyone, earlier investors included
    new_share = ask_w / (val + ask_w)
    equity[ww] = sold + (100.0 - sold) * new_share
    valuation[ww] = val + ask_w
    lift = _ask_lift(c).take(rung.take(won_pos))
    _change(st, ww, T["scrutiny"], c.scrutiny_on_success.take(loc.take(won_pos)) * lift, 1.0)
    _change(st, ww, T["credibility"], c.pitch.pitch_success_credibility, 1.0)
    _change(st, ww, T["equity_sold_pct"], 0.0, 1.0)
    vl = valuation[lw]
    ask_l = ask.take(lost_pos)
    giant = np.flatnonzero(ask_l > c.pitch.giant_ask_share * vl)
    lg = lw.take(giant)
    ratio = ask_l.take(giant) / np.maximum(vl.take(giant), 1e-9)
    _change(st, lg, T["credibility"], -c.ridicule.take(loc.take(lost_pos).take(giant)) * (1.0 + np.log10(ratio)), 1.0)
    return False, won, p


def end_quarter(st: BatchState, c: Compiled, open_next: bool = True) -> np.ndarray:
    """Run the model for every live world, check goals and endings, open the next quarter."""
    live = st.live
    tr = st.tracks
    products_cost = (st.running * c.prod_cost).sum(axis=-1)
    products_growth = (st.running * c.prod_growth).sum(axis=-1)
    w = np.flatnonzero(live)
    u = np.zeros(tr.shape[:2])  # one draw per lab of each live world, for incidents
    u[w] = st.rng.random((len(w), tr.shape[1]))
    incidents = economy.advance_quarter(
        tr,
        st.pipeline_gw,
        c.consts,
        c.year_frac(st.turn),
        products_cost,
        products_growth,
        u,
        live,
    )
    tr[:, :, T["quarters_since_launch"]][_select(w, st.worlds)] += 1.0
    _check_endings(st, c, live)
    if st.turn + 1 >= c.turns:
        still = st.outcome == ONGOING
        st.outcome[still] = LOST
        st.reason[still] = -1
        st.ended_turn[still] = st.turn
        st.quarter_over[:] = True
        return incidents[:, PLAYER]
    if not (st.outcome == ONGOING).any():  # every game has ended: the calendar stays where it ended
        st.quarter_over[:] = True
        return incidents[:, PLAYER]
    st.turn += 1
    if open_next:
        begin_quarter(st, c)
    return incidents[:, PLAYER]


def _check_endings(st: BatchState, c: Compiled, live: np.ndarray) -> None:
    """Goals and endings, in the live worlds (a mask): the first ending that holds, else the first goal.

    Each condition is read over every world of the batch (contiguous columns, no gather of the
    live worlds) and then masked; only the few worlds that end are written."""
    still = live.copy()  # live worlds no ending or goal has claimed yet
    for outcome, conditions in ((LOST, c.lose_when), (WON, c.win_when)):
        for k, prog in enumerate(conditions):
            hit = np.flatnonzero(holds(prog, st, c) & still)
            if len(hit):
                st.reason[hit] = k
                st.outcome[hit] = outcome
                st.ended_turn[hit] = st.turn
                still[hit] = False
