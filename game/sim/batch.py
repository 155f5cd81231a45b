"""Many worlds at once: a bot plays a whole batch along numpy's leading axis.

`play_batch` runs N worlds of one scenario to their end with one bot; `play_game` runs a single
`Game` with a bot through the same engine, keeping its full story. `simulate` plays any number
of worlds chunk by chunk and `summarise_finals` turns the worlds' final figures into what the
simulate command prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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


CHUNK = 100_000  # `simulate` plays at most this many worlds at once, so memory stays flat


@dataclass
class Finals:
    """What a summary needs of each finished world: a few numbers, not its whole state."""

    outcome: np.ndarray
    reason: np.ndarray
    cash: np.ndarray
    power: np.ndarray
    quarters: np.ndarray

    @classmethod
    def of(cls, st: BatchState) -> Finals:
        tr = st.tracks[:, 0]
        return cls(
            st.outcome.copy(),
            st.reason.copy(),
            tr[:, T["cash_busd"]].copy(),
            tr[:, T["power_gw_online"]].copy(),
            _quarters_played(st),
        )

    @classmethod
    def concat(cls, parts: list[Finals]) -> Finals:
        return cls(*(np.concatenate([getattr(p, k) for p in parts]) for k in cls.__dataclass_fields__))


def chunk_seed(seed: int, k: int) -> int:
    """The seed of the k-th chunk of a simulation: the simulation's own seed for the first (so
    a run of up to CHUNK worlds is exactly `play_batch`), independent streams for the others."""
    if k == 0:
        return seed
    return int(np.random.SeedSequence([seed, k]).generate_state(1, np.uint64)[0] >> np.uint64(1))


def simulate(
    c: Compiled,
    worlds: int,
    bot_name: str,
    seed: int,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Play `worlds` worlds with one bot and summarise them (`summarise_finals`). Beyond `chunk`
    worlds they are played chunk after chunk (each with its own seed, `chunk_seed`), keeping
    only each world's final figures: five million worlds need no more memory than one chunk.
    progress(done, worlds) is called after each chunk."""
    parts, seconds, world_quarters = [], 0.0, 0
    for k, first in enumerate(range(0, worlds, chunk)):
        run = play_batch(c, min(chunk, worlds - first), bot_name, chunk_seed(seed, k))
        parts.append(Finals.of(run.state))
        seconds += run.seconds
        world_quarters += run.world_quarters
        del run
        if progress is not None:
            progress(min(first + chunk, worlds), worlds)
    return summarise_finals(Finals.concat(parts), c, seconds, world_quarters)


def summarise_finals(f: Finals, c: Compiled, seconds: float, world_quarters: int) -> dict:
    """Win rate, reasons, percentiles of final cash and power, and throughput."""
    s = c.scenario
    W = len(f.outcome)
    reasons: dict[str, int] = {}
    for o, r in zip(f.outcome.tolist(), f.reason.tolist(), strict=True):
        if o == WON:
            key = f"won: {s.goals.win[r].id}"
        elif o == LOST:
            key = "lost: time_up" if r < 0 else f"lost: {s.goals.lose[r].id}"
        else:
            key = "unfinished"
        reasons[key] = reasons.get(key, 0) + 1
    pct = [5, 25, 50, 75, 95]

    def spread(x: np.ndarray) -> dict[str, float]:
        return {f"p{p}": round(float(v), 3) for p, v in zip(pct, np.percentile(x, pct), strict=True)}

    return {
        "scenario": s.meta.id,
        "worlds": W,
        "win_rate": round(float((f.outcome == WON).mean()), 4),
        "outcomes": dict(sorted(reasons.items(), key=lambda kv: -kv[1])),
        "final_cash_busd": spread(f.cash),
        "final_power_gw": spread(f.power),
        "quarters_played": spread(f.quarters),
        "seconds": round(seconds, 3),
        "world_quarters": world_quarters,
        "world_quarters_per_second": round(world_quarters / max(seconds, 1e-9)),
        "unfinished": int((f.outcome == ONGOING).sum()),
    }


def _quarters_played(st: BatchState) -> np.ndarray:
    """Quarters each world played: up to and including the one in which its game ended."""
    return np.where(st.ended_turn >= 0, st.ended_turn, st.turn) + 1.0
