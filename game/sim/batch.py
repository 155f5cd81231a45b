"""Many worlds at once: `simulate` and its summary.

`simulate` plays any number of worlds chunk by chunk through the driver loop
(`game.sim.driver.play_batch`) and `summarise_finals` turns the worlds' final figures into what
the simulate command prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.core.compiled import Compiled
from game.core.labs import BEST_STANDING, COMMON_FATE, RIVAL_WON
from game.core.state import LOST, ONGOING, WON, BatchState
from game.model.tracks import T
from game.sim.driver import play_batch, play_matches

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


def simulate_matches(
    c: Compiled,
    matches: int,
    bots: list[str],
    seed: int,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Play `matches` matches of len(bots) labs with the one rule set (game.sim.driver.play_matches,
    the bots' seats rotating from match to match) and summarise them: each bot's wins against
    the others, how the matches ended, and how often the common fate collapsed. Beyond `chunk`
    rows the matches are played chunk after chunk, each with its own seed."""
    labs = len(bots)
    per_chunk = max(chunk // labs, 1)
    kinds = sorted(set(bots))
    seats = {b: 0 for b in kinds}
    wins = {b: 0 for b in kinds}
    ends = {"a lab reached a goal": 0, "best standing when time ran out": 0, "common fate collapsed": 0,
            "no winner": 0, "unfinished": 0}
    seconds, world_quarters = 0.0, 0
    for k, first in enumerate(range(0, matches, per_chunk)):
        n = min(per_chunk, matches - first)
        run = play_matches(c, n, labs, bots, chunk_seed(seed, k))
        st = run.state
        for i, b in enumerate(run.bots):
            mine = run.bot_of == i
            seats[b] += int(mine.sum())
            wins[b] += int((st.outcome[mine] == WON).sum())
        outcome = st.outcome.reshape(-1, labs)
        reason = st.reason.reshape(-1, labs)
        won = outcome == WON
        collapsed = (reason == COMMON_FATE).any(axis=1)
        by_goal = (won & (reason >= 0)).any(axis=1)
        by_standing = (won & (reason == BEST_STANDING)).any(axis=1)
        going = (outcome == ONGOING).any(axis=1)
        ends["a lab reached a goal"] += int(by_goal.sum())
        ends["best standing when time ran out"] += int(by_standing.sum())
        ends["common fate collapsed"] += int(collapsed.sum())
        ends["unfinished"] += int(going.sum())
        ends["no winner"] += int((~by_goal & ~by_standing & ~collapsed & ~going).sum())
        seconds += run.seconds
        world_quarters += run.world_quarters
        del run
        if progress is not None:
            progress(first + n, matches)
    return {
        "scenario": c.scenario.meta.id,
        "matches": matches,
        "labs": labs,
        "bots": list(bots),
        "win_rate": {b: round(wins[b] / max(seats[b], 1), 4) for b in kinds},
        "wins": wins,
        "seats_played": seats,
        "fair_share": round(1.0 / labs, 4),
        "endings": ends,
        "collapse_rate": round(ends["common fate collapsed"] / max(matches, 1), 4),
        "seconds": round(seconds, 3),
        "world_quarters": world_quarters,
        "world_quarters_per_second": round(world_quarters / max(seconds, 1e-9)),
    }


# why a lab of a match lost, beside the scenario's endings (for reports)
MATCH_REASONS = {RIVAL_WON: "rival_won", COMMON_FATE: "common_fate", BEST_STANDING: "best_standing"}
