"""The engine: applies actions to a batch of worlds, ends quarters, draws cards, checks endings.

`step` is the only way the state changes. It takes one action id per world (-1: no action),
refuses illegal ones without touching their world, and when every live world has ended its
quarter, runs the economic model, checks the goals and endings, and opens the next quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.compiled import HORIZON, MAX_CHOICES, Compiled, Effect
from game.core.rules import calendar_holds, holds, legal_matrix
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState
from game.model import economy
from game.model.tracks import BOUNDS, DELAYED_KEYS, NON_NEGATIVE, T

NO_ACTION = -1
_CASH = T["cash_busd"]


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
    small = keys.astype(np.int8 if size <= 127 else np.int16 if size < 32_000 else np.int64)
    order = np.argsort(small, kind="stable")
    counts = np.bincount(small, minlength=size)
    present = np.flatnonzero(counts)
    ends = np.cumsum(counts)
    return [(int(k), order[ends[k] - counts[k] : ends[k]]) for k in present]


def _change(st: BatchState, w: np.ndarray, k: int, add: np.ndarray | float, mul: np.ndarray | float) -> None:
    """Track k of the player's lab, in worlds w: new = old * mul + add, kept within its bounds."""
    col = st.tracks[:, PLAYER, k]
    v = col[w] * mul + add
    if k in _BOUNDED:
        lo, hi = _BOUNDED[k]
        np.clip(v, lo, hi, out=v)
    elif k in _NONNEG:
        np.maximum(v, 0.0, out=v)
    col[w] = v


def _effect(st: BatchState, w: np.ndarray, e: Effect, ledger: str = "q_other_busd") -> bool:
    """Apply an effect to the player's lab in worlds w; cash it moves goes to a ledger line.
    Returns whether it changed what the derived tracks depend on."""
    touched = e.touched
    if len(w) == 0 or len(touched) == 0:
        return False
    for k in touched:
        _change(st, w, int(k), e.add[k], e.mul[k])
    if e.add[_CASH]:
        st.tracks[:, PLAYER, T[ledger]][w] += e.add[_CASH]
    return e.moves_capacity


def _card_effects(st: BatchState, c: Compiled, w: np.ndarray, cards: np.ndarray, choice: int | None = None) -> list[np.ndarray]:
    """Apply to each world w[i] the effects of its card cards[i] (or of that card's choice
    `choice`, with its delayed effects); return the groups of worlds whose derived tracks need a
    refresh. Worlds holding the same card are done together, one effect per card."""
    effects = _compiled_effects(c)
    refresh = []
    for k, pos in _groups(cards, len(c.ev_weight)):
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
    """Every card's effect and every choice's effect as `Effect`s, made once per scenario."""
    if "engine.effects" not in c.memo:
        C = len(c.ev_weight)
        c.memo["engine.effects"] = {
            "card": [Effect(c.ev_effect_add[k], c.ev_effect_mul[k]) for k in range(C)],
            "choice": [
                [Effect(c.ev_choice_add[k, j], c.ev_choice_mul[k, j]) for j in range(MAX_CHOICES)] for k in range(C)
            ],
        }
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

        def col(name: str) -> np.ndarray:  # one track of every lab, over all worlds: (W, L) view
            return tr[:, :, T[name]]

        for src, dst in (("spend_lag2_busd", "spend_lag3_busd"), ("spend_lag1_busd", "spend_lag2_busd")):
            col(dst)[sel] = col(src)[sel]
        if st.turn > 0:
            col("spend_lag1_busd")[sel] = col("q_spend_busd")[sel]
        for k in _LEDGER_RESET:
            tr[:, :, k][sel] = 0.0
        lo, hi = BOUNDS["attention"]
        col("attention")[sel] = min(max(c.consts.attention_per_quarter, lo), hi)
        col("cash_at_quarter_start")[sel] = col("cash_busd")[sel]
        # Deliveries due this quarter land; the ring buffer's slot is emptied for its next turn.
        # Most worlds have nothing due, so only the entries that are not zero are touched.
        slot = st.turn % HORIZON
        for j, key in enumerate(DELAYED_KEYS):
            due = st.pending[:, :, slot, j]
            landed = due[sel]
            where = np.nonzero(landed)
            if len(where[0]) == 0:
                continue
            ww = (w[where[0]],) + where[1:]
            amount = landed[where]
            track = tr[:, :, T[key]]
            track[ww] = economy.kept_in_bounds(key, track[ww] + amount)
            if key == "cash_busd":
                col("q_other_busd")[ww] += amount
            due[ww] = 0.0
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
    card get the table."""
    C = len(c.ev_weight)
    if len(w) == 0 or C == 0:
        return
    forced = c.script_events.get(st.turn)
    drawn = np.full(len(w), -1)
    if forced is not None:
        drawn[:] = forced
    else:
        open_now = np.array([calendar_holds(p, st, c) for p in c.ev_when])
        weights = np.where(open_now, c.ev_weight, 0.0)
        total = weights.sum()
        todo = np.arange(len(w)) if total > 0 else np.zeros(0, dtype=np.int64)
        cum = np.cumsum(weights) / max(total, 1e-300)
        for _ in range(6):
            if len(todo) == 0:
                break
            k = np.minimum(np.searchsorted(cum, st.rng.random(len(todo)), side="right"), C - 1)
            ok = _allowed(st, c, w[todo], k)
            drawn[todo[ok]] = k[ok]
            todo = todo[~ok]
        if len(todo):
            ww = w[todo]
            table = np.zeros((len(todo), C))
            for j in np.flatnonzero(weights):
                table[:, j] = np.where(_allowed(st, c, ww, np.full(len(todo), j)), weights[j], 0.0)
            cumt = np.cumsum(table, axis=1)
            tot = cumt[:, -1]
            u = st.rng.random(len(todo)) * tot
            pick = np.minimum((cumt <= u[:, None]).sum(axis=1), C - 1)
            drawn[todo] = np.where(tot > 0, pick, -1)
    has = drawn >= 0
    wd, kd = w[has], drawn[has]
    st.card[wd] = kd
    st.cards_seen[wd, kd] += 1
    refresh = _card_effects(st, c, wd, kd)
    st.awaiting_choice[wd] = c.ev_n_choices[kd] > 0
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))


def _allowed(st: BatchState, c: Compiled, w: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Whether world w[i] may draw card k[i] (its conditions and `once`)."""
    ok = np.ones(len(w), dtype=bool)
    once = c.ev_once[k]
    ok[once] = st.cards_seen[w[once], k[once]] == 0
    for j, pos in _groups(k, len(c.ev_weight)):
        if not c.ev_when[j].clauses:
            continue
        ok[pos] &= holds(c.ev_when[j], st, c, w[pos])
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
    valid = (actions >= 0) & (actions < c.space.size)
    ok = np.zeros(n, dtype=bool)
    ok[valid] = legal[np.flatnonzero(valid), actions[valid]]
    success = np.zeros(n, dtype=bool)
    odds = np.full(n, np.nan)
    if u is None:
        # one draw per world given an action, used by whatever action needs chance
        u = np.zeros(n)
        given = np.flatnonzero(actions >= 0)
        u[given] = st.rng.random(len(given))
    acts = np.where(ok, actions, NO_ACTION)
    refresh = []
    # One group of worlds per action id, in increasing id order (ids shifted by one: NO_ACTION
    # is group 0 and does nothing).
    for a1, pos in _groups(acts + 1, c.space.size + 1):
        if a1 == 0:
            continue
        w = pos if worlds is None else worlds[pos]
        changed, won, p = _apply(st, c, a1 - 1, w, u[pos])
        if won is not None:
            success[pos] = won
        if p is not None:
            odds[pos] = p
        if changed:
            refresh.append(w)
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))
    ended = False
    incidents = np.zeros(W, dtype=bool)
    live = st.live
    if not (live & ~st.quarter_over).any() and live.any():
        incidents = end_quarter(st, c, open_next=open_next)
        ended = True
    return StepReport(ok, success, odds, ended, incidents)


def _apply(
    st: BatchState, c: Compiled, a: int, w: np.ndarray, u: np.ndarray
) -> tuple[bool, np.ndarray | None, np.ndarray | float | None]:
    """Do action `a` in worlds w, with the chance draws u (one per world of w).

    Returns whether derived tracks need a refresh in w, and where chance decided: whether it
    went well and the odds that were rolled (None when nothing was rolled)."""
    kind, i = c.space.kind_of(a)
    tr = st.tracks

    def col(name: str) -> np.ndarray:  # the player's track over all worlds (a 1-D view)
        return tr[:, PLAYER, T[name]]

    if kind == "end_quarter":
        st.quarter_over[w] = True
        return False, None, None
    if kind == "travel":
        col("attention")[w] -= c.scenario.board.travel_attention
        st.location[w] = i
        if i != c.home:
            col("away_this_quarter")[w] = 1.0
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
        ww, wl = w[won], w[~won]
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
        changed = _effect(st, w[rushed], c.rushed_effect) or changed
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
    for k in np.unique(sites):
        wk = w[sites == k]
        gw = c.site_gw[k]
        col("attention")[wk] -= c.site_attention[k]
        st.pipeline_gw[:, PLAYER, -1][wk] += gw
        st.campus_gw_space[wk, PLAYER, st.location[wk]] += gw
        key = "campus_gw_domestic" if c.site_domestic[k] else "campus_gw_abroad"
        col(key)[wk] += gw
        changed |= _effect(st, wk, c.site_effect[k])
    return changed, None, None


def pitch_chance(st: BatchState, c: Compiled, rung: int, w: np.ndarray) -> np.ndarray:
    """Odds that a pitch of ladder rung `rung` succeeds in worlds w, where the CEO stands."""
    tr = st.tracks
    loc = st.location[w]
    p = c.pitch
    return economy.pitch_success_chance(
        c.ladder[rung],
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


def _pitch(st: BatchState, c: Compiled, rung: int, w: np.ndarray, u: np.ndarray) -> tuple[bool, np.ndarray, np.ndarray]:
    """A pitch of rung `rung` in worlds w (chance draws u); returns as `_apply` does."""
    tr = st.tracks
    valuation = tr[:, PLAYER, T["valuation_busd"]]
    equity = tr[:, PLAYER, T["equity_sold_pct"]]
    ask = c.ladder[rung]
    loc = st.location[w]
    tr[:, PLAYER, T["attention"]][w] -= 1
    st.pitched[w, loc] = True
    p = pitch_chance(st, c, rung, w)
    won = u < p
    ww, lw = w[won], w[~won]
    val = valuation[ww]
    for name in ("cash_busd", "q_raised_busd", "raised_busd"):
        tr[:, PLAYER, T[name]][ww] += ask
    sold = equity[ww]
    # the new investors' share of the post-money lab dilutes everyone, earlier investors included
    new_share = ask / (val + ask)
    equity[ww] = sold + (100.0 - sold) * new_share
    valuation[ww] = val + ask
    _change(st, ww, T["scrutiny"], c.scrutiny_on_success[loc[won]] * (1.0 + np.log10(ask)), 1.0)
    _change(st, ww, T["credibility"], c.pitch.pitch_success_credibility, 1.0)
    _change(st, ww, T["equity_sold_pct"], 0.0, 1.0)
    vl = valuation[lw]
    giant = ask > c.pitch.giant_ask_share * vl
    lg = lw[giant]
    ratio = ask / np.maximum(vl[giant], 1e-9)
    _change(st, lg, T["credibility"], -c.ridicule[loc[~won][giant]] * (1.0 + np.log10(ratio)), 1.0)
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
