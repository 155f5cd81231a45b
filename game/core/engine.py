"""The engine: applies actions to a batch of worlds, ends quarters, draws cards, checks endings.

`step` is the only way the state changes. It takes one action id per world (-1: no action),
refuses illegal ones without touching their world, and when every live world has ended its
quarter, runs the economic model, checks the goals and endings, and opens the next quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.compiled import HORIZON, Compiled, Effect
from game.core.rules import calendar_holds, holds, legal_matrix
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState
from game.model import economy
from game.model.tracks import BOUNDS, DELAYED_KEYS, NON_NEGATIVE, T

_DELAYED_IDX = np.array([T[k] for k in DELAYED_KEYS])
NO_ACTION = -1


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
_CAPACITY_INPUTS = frozenset(T[k] for k in ("rented_chips_m", "own_chips_m", "power_gw_online", "inference_cost_mult"))


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
    if e.add[T["cash_busd"]]:
        st.tracks[w, PLAYER, T[ledger]] += e.add[T["cash_busd"]]
    return bool(_CAPACITY_INPUTS.intersection(touched.tolist()))


def _effect_rows(st: BatchState, w: np.ndarray, add: np.ndarray, mul: np.ndarray) -> bool:
    """Per-world effects (add/mul of shape (len(w), T)), as when each world drew its own card."""
    if len(w) == 0:
        return False
    touched = np.flatnonzero((add != 0.0).any(axis=0) | (mul != 1.0).any(axis=0))
    for k in touched:
        _change(st, w, int(k), add[:, k], mul[:, k])
    cash = T["cash_busd"]
    if cash in touched:
        st.tracks[w, PLAYER, T["q_other_busd"]] += add[:, cash]
    return bool(_CAPACITY_INPUTS.intersection(touched.tolist()))


def _schedule(st: BatchState, w: np.ndarray, delayed: np.ndarray) -> None:
    """Add delayed effects (HORIZON, K) or per-world (len(w), HORIZON, K) to the ring buffer."""
    if len(w) == 0 or not delayed.any():
        return
    slots = (st.turn + np.arange(HORIZON)) % HORIZON
    st.pending[w[:, None], PLAYER, slots[None, :]] += delayed


def _spend(st: BatchState, w: np.ndarray, amount: np.ndarray | float, line: str) -> None:
    tr = st.tracks
    tr[w, PLAYER, T["cash_busd"]] -= amount
    tr[w, PLAYER, T[line]] += amount
    tr[w, PLAYER, T["q_spend_busd"]] += amount


def begin_quarter(st: BatchState, c: Compiled, worlds: np.ndarray | None = None) -> None:
    """Open the current quarter in live worlds: reset the ledger, land deliveries, draw a card."""
    w = np.flatnonzero(st.live) if worlds is None else worlds
    tr = st.tracks
    if len(w):
        for src, dst in (("spend_lag2_busd", "spend_lag3_busd"), ("spend_lag1_busd", "spend_lag2_busd")):
            tr[w, :, T[dst]] = tr[w, :, T[src]]
        if st.turn > 0:
            tr[w, :, T["spend_lag1_busd"]] = tr[w, :, T["q_spend_busd"]]
        for name in (
            "q_revenue_busd", "q_spend_busd", "q_raised_busd", "q_other_busd", "q_inference_busd",
            "q_training_busd", "q_staff_busd", "q_products_busd", "q_capex_busd",
            "operations_done", "safety_review_done", "away_this_quarter",
        ):
            tr[w, :, T[name]] = 0.0
        tr[w, :, T["attention"]] = c.consts.attention_per_quarter
        tr[w, :, T["cash_at_quarter_start"]] = tr[w, :, T["cash_busd"]]
        slot = st.turn % HORIZON
        landed = st.pending[w, :, slot]
        tr[np.ix_(w, np.arange(tr.shape[1]), _DELAYED_IDX)] += landed
        tr[w, :, T["q_other_busd"]] += landed[..., list(DELAYED_KEYS).index("cash_busd")]
        st.pending[w, :, slot] = 0.0
        economy.clamp(tr)
        economy.refresh_derived(tr, c.consts)
        st.pitched[w] = False
        st.quarter_over[w] = False
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
    _effect_rows(st, wd, c.ev_effect_add[kd], c.ev_effect_mul[kd])
    st.awaiting_choice[wd] = c.ev_n_choices[kd] > 0
    economy.refresh_derived(st.tracks, c.consts)


def _allowed(st: BatchState, c: Compiled, w: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Whether world w[i] may draw card k[i] (its conditions and `once`)."""
    ok = np.ones(len(w), dtype=bool)
    once = c.ev_once[k]
    ok[once] = st.cards_seen[w[once], k[once]] == 0
    for j in np.unique(k):
        if not c.ev_when[j].clauses:
            continue
        sel = np.flatnonzero(k == j)
        ok[sel] &= holds(c.ev_when[j], st, c, w[sel])
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
    u: np.ndarray | None = None,
    open_next: bool = True,
) -> StepReport:
    """Apply one action per world (NO_ACTION for none); then end the quarter if all are done.

    u: the chance draws to use instead of the generator's (previews only). open_next=False
    stops after the quarter's economy, so a caller can record it before the next card is drawn
    with `begin_quarter`.
    """
    W = st.worlds
    actions = np.asarray(actions, dtype=np.int64)
    if legal is None:
        legal = legal_matrix(st, c)
    valid = (actions >= 0) & (actions < c.space.size)
    ok = np.zeros(W, dtype=bool)
    ok[valid] = legal[np.flatnonzero(valid), actions[valid]]
    success = np.zeros(W, dtype=bool)
    odds = np.full(W, np.nan)
    if u is None:
        u = st.rng.random(W)  # one draw per world per step, used by whatever action needs chance
    acts = np.where(ok, actions, NO_ACTION)
    counts = np.bincount(acts + 1, minlength=c.space.size + 1)
    refresh = False
    for a in np.flatnonzero(counts[1:]):
        w = np.flatnonzero(acts == a)
        refresh |= bool(_apply(st, c, int(a), w, u, success, odds))
    if refresh:
        economy.refresh_derived(st.tracks, c.consts)
    ended = False
    incidents = np.zeros(W, dtype=bool)
    live = st.live
    if live.any() and st.quarter_over[live].all():
        incidents = end_quarter(st, c, open_next=open_next)
        ended = True
    return StepReport(ok, success, odds, ended, incidents)


def _apply(
    st: BatchState, c: Compiled, a: int, w: np.ndarray, u: np.ndarray, success: np.ndarray, odds: np.ndarray
) -> bool:
    """Do action `a` in worlds w; return whether derived tracks need a refresh."""
    kind, i = c.space.kind_of(a)
    tr = st.tracks
    att = T["attention"]
    if kind == "end_quarter":
        st.quarter_over[w] = True
        return False
    if kind == "travel":
        tr[w, PLAYER, att] -= c.scenario.board.travel_attention
        st.location[w] = i
        if i != c.home:
            tr[w, PLAYER, T["away_this_quarter"]] = 1.0
        return False
    if kind == "choose":
        cards = st.card[w]
        changed = _effect_rows(st, w, c.ev_choice_add[cards, i], c.ev_choice_mul[cards, i])
        _schedule(st, w, c.ev_choice_delayed[cards, i])
        st.awaiting_choice[w] = False
        return changed
    if kind == "pitch":
        _pitch(st, c, i, w, u, success, odds)
        return False
    if kind == "sign":
        tr[w, PLAYER, att] -= c.deal_attention[i]
        st.deals_tried[w, PLAYER, i] += 1
        if c.deal_cost[i] > 0:
            _spend(st, w, c.deal_cost[i], "q_capex_busd")
        won = u[w] < c.deal_chance[i]
        if c.deal_chance[i] < 1.0:
            odds[w] = c.deal_chance[i]
        success[w] = won
        ww, wl = w[won], w[~won]
        st.deals_signed[ww, PLAYER, i] += 1
        changed = _effect(st, ww, c.deal_effect[i])
        _schedule(st, ww, c.deal_delayed[i])
        return _effect(st, wl, c.deal_fail[i]) or changed
    if kind == "launch_model":
        tr[w, PLAYER, att] -= c.launch_attention
        cost = economy.train_cost_busd(c.consts, c.year_frac(st.turn))
        _spend(st, w, cost, "q_training_busd")
        rushed_p = np.clip(c.rushed_chance_per_debt * tr[w, PLAYER, T["safety_debt"]], 0.0, 1.0)
        changed = _effect(st, w, c.launch_effect)
        tr[w, PLAYER, T["quarters_since_launch"]] = 0.0
        odds[w] = rushed_p
        rushed = u[w] >= 1.0 - rushed_p  # low draws are good luck, as for pitches and deals
        success[w] = ~rushed
        return _effect(st, w[rushed], c.rushed_effect) or changed
    if kind == "start_product":
        tr[w, PLAYER, att] -= c.prod_attention[i]
        st.running[w, PLAYER, i] = True
        return _effect(st, w, c.prod_effect[i])
    if kind == "stop_product":
        st.running[w, PLAYER, i] = False
        return False
    if kind == "operations":
        tr[w, PLAYER, att] -= c.ops_attention
        tr[w, PLAYER, T["operations_done"]] = 1.0
        return _effect(st, w, c.ops_effect)
    if kind == "safety_review":
        tr[w, PLAYER, att] -= c.safety_attention
        tr[w, PLAYER, T["safety_review_done"]] = 1.0
        return _effect(st, w, c.safety_effect)
    # commission_campus: the site where each world stands
    sites = c.site_of_space[st.location[w]]
    changed = False
    for k in np.unique(sites):
        wk = w[sites == k]
        gw = c.site_gw[k]
        tr[wk, PLAYER, att] -= c.site_attention[k]
        st.pipeline_gw[wk, PLAYER, -1] += gw
        st.campus_gw_space[wk, PLAYER, st.location[wk]] += gw
        key = "campus_gw_domestic" if c.site_domestic[k] else "campus_gw_abroad"
        tr[wk, PLAYER, T[key]] += gw
        changed |= _effect(st, wk, c.site_effect[k])
    return changed


def pitch_chance(st: BatchState, c: Compiled, rung: int, w: np.ndarray) -> np.ndarray:
    """Odds that a pitch of ladder rung `rung` succeeds in worlds w, where the CEO stands."""
    tr = st.tracks
    loc = st.location[w]
    p = c.pitch
    return economy.pitch_success_chance(
        c.ladder[rung],
        tr[w, PLAYER, T["valuation_busd"]],
        tr[w, PLAYER, T["credibility"]],
        tr[w, PLAYER, T["scrutiny"]],
        c.appetite[loc],
        size_weight=p.pitch_size_weight,
        credibility_weight=p.pitch_credibility_weight,
        scrutiny_weight=p.pitch_scrutiny_weight,
        reference_share=p.pitch_reference_share,
        credibility_neutral=c.consts.credibility_neutral,
        scrutiny_comfort=p.pitch_scrutiny_comfort,
    )


def _pitch(
    st: BatchState, c: Compiled, rung: int, w: np.ndarray, u: np.ndarray, success: np.ndarray, odds: np.ndarray
) -> None:
    tr = st.tracks
    ask = c.ladder[rung]
    loc = st.location[w]
    tr[w, PLAYER, T["attention"]] -= 1
    st.pitched[w, loc] = True
    p = pitch_chance(st, c, rung, w)
    odds[w] = p
    won = u[w] < p
    success[w] = won
    ww, lw = w[won], w[~won]
    val = tr[ww, PLAYER, T["valuation_busd"]]
    tr[ww, PLAYER, T["cash_busd"]] += ask
    tr[ww, PLAYER, T["q_raised_busd"]] += ask
    tr[ww, PLAYER, T["raised_busd"]] += ask
    sold = tr[ww, PLAYER, T["equity_sold_pct"]]
    # the new investors' share of the post-money lab dilutes everyone, earlier investors included
    new_share = ask / (val + ask)
    tr[ww, PLAYER, T["equity_sold_pct"]] = sold + (100.0 - sold) * new_share
    tr[ww, PLAYER, T["valuation_busd"]] = val + ask
    _change(st, ww, T["scrutiny"], c.scrutiny_on_success[st.location[ww]] * (1.0 + np.log10(ask)), 1.0)
    _change(st, ww, T["credibility"], c.pitch.pitch_success_credibility, 1.0)
    _change(st, ww, T["equity_sold_pct"], 0.0, 1.0)
    vl = tr[lw, PLAYER, T["valuation_busd"]]
    giant = ask > c.pitch.giant_ask_share * vl
    lg = lw[giant]
    ratio = ask / np.maximum(vl[giant], 1e-9)
    _change(st, lg, T["credibility"], -c.ridicule[st.location[lg]] * (1.0 + np.log10(ratio)), 1.0)


def end_quarter(st: BatchState, c: Compiled, open_next: bool = True) -> np.ndarray:
    """Run the model for every live world, check goals and endings, open the next quarter."""
    live = st.live
    tr = st.tracks
    products_cost = (st.running * c.prod_cost).sum(axis=-1)
    products_growth = (st.running * c.prod_growth).sum(axis=-1)
    u = st.rng.random(tr.shape[:2])
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
    tr[live, :, T["quarters_since_launch"]] += 1.0
    _check_endings(st, c)
    if st.turn + 1 >= c.turns:
        still = st.outcome == ONGOING
        st.outcome[still] = LOST
        st.reason[still] = -1
        st.quarter_over[:] = True
        return incidents[:, PLAYER]
    st.turn += 1
    if open_next:
        begin_quarter(st, c)
    return incidents[:, PLAYER]


def _check_endings(st: BatchState, c: Compiled) -> None:
    live = st.outcome == ONGOING
    lost = np.zeros(st.worlds, dtype=bool)
    for k, prog in enumerate(c.lose_when):
        hit = live & ~lost & holds(prog, st, c)
        st.reason[hit] = k
        lost |= hit
    st.outcome[lost] = LOST
    won = np.zeros(st.worlds, dtype=bool)
    for k, prog in enumerate(c.win_when):
        hit = live & ~lost & ~won & holds(prog, st, c)
        st.reason[hit] = k
        won |= hit
    st.outcome[won] = WON
