"""Many worlds at once: a bot plays a whole batch along numpy's leading axis.

`play_batch` runs N worlds of one scenario to their end with one bot; `play_game` runs a single
`Game` with a bot through the same engine, keeping its full story. `summarise` turns a finished
batch into the figures the simulate command prints.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from game.bots import make_bot
from game.core.compiled import Compiled
from game.core.engine import NO_ACTION, start, step
from game.core.rules import legal_matrix
from game.core.session import Game
from game.core.state import LOST, ONGOING, WON, BatchState, new_batch, put_back, take
from game.model.tracks import T

MAX_STEPS_PER_QUARTER = 40  # a policy that never ends its quarter is stopped here
COMPACT = 0.6  # below this share of live worlds, the finished ones leave the batch


@dataclass
class BatchRun:
    state: BatchState
    seconds: float
    world_quarters: int


def play_batch(c: Compiled, worlds: int, bot_name: str, seed: int) -> BatchRun:
    """Play `worlds` worlds to the end with one bot; all randomness from `seed`."""
    full = new_batch(c, worlds, seed)
    bot = make_bot(bot_name, c, seed)
    t0 = time.perf_counter()
    start(c, full)
    st, where = full, np.arange(worlds)  # the worlds still playing, and their place in `full`
    world_quarters = 0
    steps = 0
    turn = st.turn
    while st.live.any():
        if st.live.mean() < COMPACT:  # finished worlds leave the batch; their results go to `full`
            live = st.live
            _put_back(full, st, where, np.flatnonzero(~live))
            keep = np.flatnonzero(live)
            st, where = take(st, keep), where[keep]
        # Only the worlds still acting this quarter are asked about; the others wait.
        acting = np.flatnonzero(st.live & ~st.quarter_over)
        legal = legal_matrix(st, c, acting)
        acts = bot.choose(st, legal, acting)
        steps += 1
        if steps > MAX_STEPS_PER_QUARTER:
            acts[:] = c.space.end_quarter
            legal[:, c.space.end_quarter] = True
        live_before = int(st.live.sum())
        rep = step(st, c, acts, legal, worlds=acting)
        if rep.quarter_ended or st.turn != turn:
            world_quarters += live_before
            steps = 0
            turn = st.turn
    _put_back(full, st, where)
    return BatchRun(full, time.perf_counter() - t0, world_quarters)


def _put_back(full: BatchState, st: BatchState, where: np.ndarray, worlds: np.ndarray | None = None) -> None:
    """Copy the worlds of a compacted batch (or only its worlds `worlds`) back to the full batch."""
    if st is not full:
        put_back(full, st, where, worlds)


def play_game(game: Game, bot_name: str, seed: int | None = None) -> Game:
    """Let a bot finish a single game, action by action, through the Game's own apply."""
    bot = make_bot(bot_name, game.c, game.seed if seed is None else seed)
    steps = 0
    turn = game.turn
    while not game.over:
        legal = legal_matrix(game.st, game.c)
        a = int(bot.choose(game.st, legal)[0])
        steps = steps + 1 if game.turn == turn else 0
        turn = game.turn
        if a == NO_ACTION or steps > MAX_STEPS_PER_QUARTER:
            a = game.c.space.end_quarter
        game.apply_or_raise(game.codec.decode(a))
    return game


def summarise(run: BatchRun, c: Compiled) -> dict:
    """Win rate, reasons, percentiles of final cash and power, and throughput."""
    st = run.state
    s = c.scenario
    W = st.worlds
    reasons: dict[str, int] = {}
    for o, r in zip(st.outcome.tolist(), st.reason.tolist(), strict=True):
        if o == WON:
            key = f"won: {s.goals.win[r].id}"
        elif o == LOST:
            key = "lost: time_up" if r < 0 else f"lost: {s.goals.lose[r].id}"
        else:
            key = "unfinished"
        reasons[key] = reasons.get(key, 0) + 1
    tr = st.tracks[:, 0]
    pct = [5, 25, 50, 75, 95]

    def spread(x: np.ndarray) -> dict[str, float]:
        return {f"p{p}": round(float(v), 3) for p, v in zip(pct, np.percentile(x, pct), strict=True)}

    return {
        "scenario": s.meta.id,
        "worlds": W,
        "win_rate": round(float((st.outcome == WON).mean()), 4),
        "outcomes": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
        "final_cash_busd": spread(tr[:, T["cash_busd"]]),
        "final_power_gw": spread(tr[:, T["power_gw_online"]]),
        "quarters_played": spread(_quarters_played(st)),
        "seconds": round(run.seconds, 3),
        "world_quarters": run.world_quarters,
        "world_quarters_per_second": round(run.world_quarters / max(run.seconds, 1e-9)),
        "unfinished": int((st.outcome == ONGOING).sum()),
    }


def _quarters_played(st: BatchState) -> np.ndarray:
    """Quarters each world played: up to and including the one in which its game ended."""
    return np.where(st.ended_turn >= 0, st.ended_turn, st.turn) + 1.0
