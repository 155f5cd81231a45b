"""Parallel worlds speed: one player's decisions replayed in 1,000 (and more) worlds at once.

The debrief runs this while students wait, so it must take under 2 seconds for 1,000 worlds.
The player is a bot (planner by default) on the longest scenario (the default campaign, 28
quarters); each size is timed a few times and the best and median times are printed.

Run: .venv/bin/python bench/parallel_worlds_bench.py [--scenario default] [--bot planner]
     [--sizes 1000,10000] [--repeat 3]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from game.classroom.worlds import parallel_worlds  # noqa: E402
from game.core.session import Game  # noqa: E402
from game.scenario.registry import resolve  # noqa: E402
from game.sim.driver import play_game  # noqa: E402

LIMIT_SECONDS = 2.0  # for 1,000 worlds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--bot", default="planner", help="who plays the game whose decisions are replayed")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    scenario = resolve(args.scenario)
    game = play_game(Game(scenario, args.seed), args.bot)
    played = sum(1 for q in game.quarters if q.tracks)
    print(
        f"{scenario.meta.title}: the {args.bot} bot's game on seed {args.seed} "
        f"({played} quarters, {len(game.actions)} actions, {game.outcome_id})"
    )
    parallel_worlds(game, 10)  # warm-up: imports and caches
    for size in (int(s) for s in args.sizes.split(",")):
        times = []
        for k in range(args.repeat):
            t0 = time.perf_counter()
            summary = parallel_worlds(game, size, seed=100 + k)
            times.append(time.perf_counter() - t0)
        best, median = min(times), statistics.median(times)
        verdict = ""
        if size == 1000:
            verdict = "  OK (under 2 s)" if median < LIMIT_SECONDS else "  TOO SLOW (limit 2 s)"
        print(
            f"  {size:>7,} worlds: best {best:.3f} s, median {median:.3f} s "
            f"({size * played / median:,.0f} world-quarters/s); same ending as the player in "
            f"{summary.same_outcome_share:.0%}{verdict}"
        )


if __name__ == "__main__":
    main()
