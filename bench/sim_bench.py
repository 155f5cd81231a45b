"""Batch simulator speed: world-quarters per second at 1, 100, 10,000 and 100,000 worlds, and
the same bot playing games one at a time in a loop, with the ratio between the two.

Run: .venv/bin/python bench/sim_bench.py [--bot random] [--sizes 1,100,10000,100000] [--loop 200]
     [--profile N]  (cProfile of one batch of N worlds instead: the 25 costliest functions)
Pins numpy to one thread (the figure asked for is on one core), and prints the peak memory.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

from game.core.compiled import compile_scenario  # noqa: E402
from game.core.session import Game  # noqa: E402
from game.scenario.registry import resolve  # noqa: E402
from game.sim.driver import play_batch, play_game  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--bot", default="random")
    ap.add_argument("--sizes", default="1,100,10000,100000")
    ap.add_argument("--loop", type=int, default=200, help="games played one at a time")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile one batch of N worlds")
    args = ap.parse_args()
    scenario = resolve(args.scenario)
    c = compile_scenario(scenario)
    print(f"scenario {scenario.meta.id}, bot {args.bot}, seed {args.seed}")
    if args.profile:
        play_batch(c, min(args.profile, 1000), args.bot, args.seed)  # warm up
        prof = cProfile.Profile()
        prof.enable()
        run = play_batch(c, args.profile, args.bot, args.seed)
        prof.disable()
        print(f"{run.world_quarters:,} world-quarters in {run.seconds:.2f} s (under the profiler)")
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    best = 0.0
    for size in (int(s) for s in args.sizes.split(",")):
        run = play_batch(c, size, args.bot, args.seed)
        rate = run.world_quarters / run.seconds
        best = rate if size == max(int(s) for s in args.sizes.split(",")) else best
        print(f"batch of {size:>7,} worlds: {run.world_quarters:>10,} world-quarters in {run.seconds:7.2f} s"
              f" = {rate:>12,.0f} world-quarters/s")
    t0 = time.perf_counter()
    wq = 0
    for k in range(args.loop):
        g = play_game(Game(scenario, args.seed + k, c), args.bot)
        wq += len([q for q in g.quarters if q.tracks])
    secs = time.perf_counter() - t0
    loop_rate = wq / secs
    print(f"one game at a time ({args.loop} games): {wq:,} world-quarters in {secs:.2f} s"
          f" = {loop_rate:,.0f} world-quarters/s")
    print(f"ratio, largest batch / one at a time: {best / loop_rate:,.1f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"peak memory (resident): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
