"""The engine: applies actions to a batch of worlds, ends quarters, draws cards, checks endings.

`step` is the only way the state changes. It takes one action id per world (-1: no action),
refuses illegal ones without touching their world, and when every live world has ended its
quarter, runs the economic model, checks the goals and endings, and opens the next quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core import labs as match_rules
from game.core import market
from game.core.cards import deal_cards
from game.core.compiled import HORIZON, Compiled
from game.core.conditions import holds
from game.core.kernels import groups, pick_cells
from game.core.moves import MOVES, Move
from game.core.rules import legal_matrix
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState
from game.model import economy
from game.model.tracks import BOUNDS, DELAYED_KEYS, T

NO_ACTION = -1


@dataclass
class StepReport:
    """What a step did, per world: which actions were applied and what chance decided."""

    applied: np.ndarray  # (W,) bool: the action was legal and done
    success: np.ndarray  # (W,) bool: for pitches and chancy deals, it went through
    chance: np.ndarray  # (W,) float: the odds of going well that were rolled (nan: nothing rolled)
    quarter_ended: bool  # the batch moved to the next quarter
    incidents: np.ndarray  # (W,) bool: an incident struck at the quarter's end


def _select(w: np.ndarray, worlds: int) -> np.ndarray | slice:
    """Index for the sorted, distinct worlds w of a batch of `worlds`: a slice when w is every
    world, so that reads are views and writes go in place instead of gathers and scatters."""
    return slice(None) if len(w) == worlds else w


_LEDGER_RESET = tuple(
    T[name]
    for name in (
        "q_revenue_busd", "q_spend_busd", "q_raised_busd", "q_other_busd", "q_inference_busd",
        "q_training_busd", "q_staff_busd", "q_products_busd", "q_capex_busd", "q_energy_busd", "q_chips_busd",
        "operations_done", "safety_review_done", "away_this_quarter",
    )
)


def begin_quarter(st: BatchState, c: Compiled, worlds: np.ndarray | None = None, cards: np.ndarray | None = None) -> None:
    """Open the current quarter in live worlds: reset the ledger, land deliveries, draw a card.

    cards: the card each opening world is dealt (-1: none), in place of the deck's draw (a
    replay deals the cards it recorded; the draw is still made, so chance moves on as it did)."""
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
        market.open_quarter(st, c, w)
        for space in st.pitched.T:  # one row of worlds per space
            space[sel] = False
        st.quarter_over[sel] = False
        if st.seats > 1:
            match_rules.open_quarter(st, c, w)
    st.card[:] = -1
    st.awaiting_choice[:] = False
    deal_cards(st, c, w, cards)


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
    outcomes: np.ndarray | None = None,
    incident_outcomes: np.ndarray | None = None,
) -> StepReport:
    """Apply one action per world (NO_ACTION for none); then end the quarter if all are done.

    worlds: the (sorted, distinct) indices of the worlds the actions are for, when not all of
    the batch: actions[i] is for world worlds[i], `legal` has one row per world asked about (as
    `legal_matrix(st, c, worlds)` gives), and the report's per-world arrays follow `worlds`.
    The other worlds take no action. u: the chance draws to use instead of the generator's
    (previews only), one per world asked about. open_next=False stops after the quarter's
    economy, so a caller can record it before the next card is drawn with `begin_quarter`.
    outcomes / incident_outcomes: what chance decided, per world, when a replay knows it (+1
    went well / struck, -1 went badly / spared, 0 chance decides); the draws are still made.
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
    if outcomes is not None:
        u = _forced_draws(u, outcomes)
    key_of, table = _apply_groups(c)
    refresh = []
    going_on = False  # a world of this step is still acting: the quarter goes on
    # One group of worlds per move (per action id, unless the move is `merged`: then each world
    # of the group has its own index); group 0 is NO_ACTION (or a refused action).
    keys = key_of.take(actions + 1 if every else np.where(valid, actions + 1, 0))
    if not ok.all():
        np.multiply(keys, ok, out=keys)  # a refused action: group 0
    for g, pos in groups(keys, len(table)):
        if g == 0:
            continue
        move, i, base = table[g]
        w = pos if worlds is None else worlds.take(pos)
        if base is not None:  # one group for all the ids of this move: each world's own index
            i = actions.take(pos) - base
        done = move.apply(st, c, i, w, u.take(pos))
        if done.success is not None:
            success[pos] = done.success
            if st.rushed is not None and move.kind == "launch_model":
                match_rules.count_rushed(st, w[~np.asarray(done.success, dtype=bool)])
        if done.odds is not None:
            odds[pos] = done.odds
        if done.changed:
            refresh.append(w)
        if not going_on and move.kind != "end_quarter":  # one world tells, without a pass over all
            going_on = bool(st.outcome[w[0]] == ONGOING and not st.quarter_over[w[0]])
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))
    if st.seats > 1:  # the acting labs' purchases and the common fate, for their whole match
        acted = rows if worlds is None else worlds.take(rows)
        match_rules.share(st, acted)
    ended = False
    incidents = np.zeros(W, dtype=bool)
    if not going_on:
        live = st.live
        if not (live & ~st.quarter_over).any() and live.any():
            incidents = end_quarter(st, c, open_next=open_next, incidents=incident_outcomes)
            ended = True
    return StepReport(ok, success, odds, ended, incidents)


def _apply_groups(c: Compiled) -> tuple[np.ndarray, list[tuple[Move | None, int, int | None]]]:
    """How `step` groups the actions, made once per scenario: key_of[a + 1] is the group of
    action id a (key_of[0], NO_ACTION, is group 0), and table[g] = (move, index, base): the
    move and index of the group's one id, or, for a `merged` move, base = its first id (a
    world's index is then its id - base)."""
    if "engine.apply_groups" not in c.memo:
        key_of = np.zeros(c.space.size + 1, dtype=np.int8)
        table: list[tuple[Move | None, int, int | None]] = [(None, 0, None)]
        for move in MOVES:
            ids = c.space.blocks[move.kind]
            if move.merged and len(ids):
                key_of[ids.start + 1 : ids.stop + 1] = len(table)
                table.append((move, 0, ids.start))
                continue
            for i, a in enumerate(ids):
                key_of[a + 1] = len(table)
                table.append((move, i, None))
        c.memo["engine.apply_groups"] = (key_of, table)
    return c.memo["engine.apply_groups"]


def _forced_draws(u: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
    """Chance draws that give the recorded outcomes: +1 went well, -1 went badly, 0 not
    recorded (the draw stands). Every chance of the game goes well on a low draw, so -1 goes
    well and 2 goes badly whatever the odds are now."""
    outcomes = np.asarray(outcomes)
    return np.where(outcomes > 0, -1.0, np.where(outcomes < 0, 2.0, u))


def forecast(st: BatchState, c: Compiled, track: str | None = None) -> np.ndarray:
    """The tracks every world would end this quarter on if it ended now, with no incident and
    no further move (or only `track`): the quarter's business worked out by the model on
    copies; the worlds are left as they are."""
    products_cost = (st.running * c.prod_cost).sum(axis=-1)
    products_growth = (st.running * c.prod_growth).sum(axis=-1)
    return economy.forecast(
        st.tracks, st.pipeline_gw, c.consts, c.year_frac(st.turn), products_cost, products_growth, st.live, track,
        query_energy=_query_energy(c),
    )


def _query_energy(c: Compiled) -> float:
    """The electricity of a billion queries served, $B (0 without an industry section)."""
    return c.industry.query_energy_busd_per_bq if c.industry is not None else 0.0


def burn_per_quarter(st: BatchState, c: Compiled) -> np.ndarray:
    """The burn: what the end of this quarter will take from each world's cash as things
    stand (running costs, research and building bills, less revenue), $B. Negative when the
    quarter brings in more than it costs. The board, the bots and the lessons all read it."""
    return st.tracks[:, PLAYER, T["cash_busd"]] - forecast(st, c, "cash_busd")[:, PLAYER]


def end_quarter(st: BatchState, c: Compiled, open_next: bool = True, incidents: np.ndarray | None = None) -> np.ndarray:
    """Run the model for every live world, check goals and endings, open the next quarter.

    incidents: per world, +1 an incident strikes the player's lab, -1 none, 0 chance decides
    (a replay passes what it recorded; the draw is still made)."""
    live = st.live
    tr = st.tracks
    products_cost = (st.running * c.prod_cost).sum(axis=-1)
    products_growth = (st.running * c.prod_growth).sum(axis=-1)
    w = np.flatnonzero(live)
    u = np.zeros(tr.shape[:2])  # one draw per lab of each live world, for incidents
    u[w] = st.rng.random((len(w), tr.shape[1]))
    if incidents is not None:
        u[:, PLAYER] = _forced_draws(u[:, PLAYER], incidents)
    struck = economy.advance_quarter(
        tr,
        st.pipeline_gw,
        c.consts,
        c.year_frac(st.turn),
        products_cost,
        products_growth,
        u,
        live,
        query_energy=_query_energy(c),
    )
    market.close_quarter(st, c, w)
    tr[:, :, T["quarters_since_launch"]][_select(w, st.worlds)] += 1.0
    if st.seats > 1:  # a match: the common fate first, then one winner per match
        match_rules.quarter_end(st, c, live, struck)
        _check_endings(st, c, live & (st.outcome == ONGOING))
        match_rules.settle_winners(st, c)
    else:
        _check_endings(st, c, live)
    if st.turn + 1 >= c.turns:
        if st.seats > 1:
            match_rules.time_up(st, c)
        still = st.outcome == ONGOING
        st.outcome[still] = LOST
        st.reason[still] = -1
        st.ended_turn[still] = st.turn
        st.quarter_over[:] = True
        return struck[:, PLAYER]
    if not (st.outcome == ONGOING).any():  # every game has ended: the calendar stays where it ended
        st.quarter_over[:] = True
        return struck[:, PLAYER]
    st.turn += 1
    if open_next:
        begin_quarter(st, c)
    return struck[:, PLAYER]


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
