"""Races of several labs: how long the batch simulator takes to play N four-lab matches (one
batch of N x 4 rows, the one rule set), and how long a quarter with three bot rivals takes in a
single match as the desktop and the text mode play it (`Match`, a bot asked move by move).

Run: .venv/bin/python bench/labs_bench.py [--matches 10000] [--bots planner,builder,cautious,safety_first]
     [--quarters 20]  (quarters timed in the single match)  [--profile N]
Pins numpy to one thread, and prints the figures (nothing is asserted).
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

import numpy as np  # noqa: E402

from game.bots import make_bot  # noqa: E402
from game.core.compiled import compile_scenario  # noqa: E402
from game.core.engine import NO_ACTION  # noqa: E402
from game.core.labs import COMMON_FATE  # noqa: E402
from game.core.match import Match  # noqa: E402
from game.core.moves import Choose, EndQuarter  # noqa: E402
from game.core.rules import legal_matrix  # noqa: E402
from game.core.state import WON  # noqa: E402
from game.scenario.registry import resolve  # noqa: E402
from game.sim.driver import play_matches  # noqa: E402


def quarter_with_bots(scenario, c, bots: list[str], quarters: int, seed: int) -> list[float]:
    """Seconds each quarter of a single match takes for the bots' turns, the person's lab
    (seat 0) answering its card and ending its quarter at once."""
    m = Match(scenario, seed, len(bots), c)
    players = {s: make_bot(b, c, seed + s) for s, b in enumerate(bots) if s > 0}
    times = []
    while not m.over and len(times) < quarters:
        turn = m.turn
        t0 = time.perf_counter()
        while m.turn == turn and not m.over:
            seat = m.acting
            if seat == 0:
                if m.lab(0).awaiting_choice:
                    m.apply_or_raise(Choose(option=0))
                m.apply_or_raise(EndQuarter())
                continue
            legal = legal_matrix(m.st, c, np.array([seat]))
            a = int(players[seat].choose(m.st, legal, np.array([seat]))[0])
            if a == NO_ACTION:
                a = c.space.end_quarter if legal[0, c.space.end_quarter] else int(np.argmax(legal[0]))
            m.apply_or_raise(m.codec.decode(a))
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--matches", type=int, default=10_000)
    ap.add_argument("--bots", default="planner,builder,cautious,safety_first")
    ap.add_argument("--quarters", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile N matches instead")
    args = ap.parse_args()
    scenario = resolve(args.scenario)
    c = compile_scenario(scenario)
    bots = [b.strip() for b in args.bots.split(",")]
    labs = len(bots)
    print(f"scenario {scenario.meta.id}, {labs} labs: {', '.join(bots)}, seed {args.seed}")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run = play_matches(c, args.profile, labs, bots, args.seed)
        prof.disable()
        print(f"{args.profile:,} matches in {run.seconds:.2f} s (under the profiler)")
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    play_matches(c, 50, labs, bots, args.seed)  # warm up
    run = play_matches(c, args.matches, labs, bots, args.seed)
    st = run.state
    collapsed = float((st.reason.reshape(-1, labs) == COMMON_FATE).any(axis=1).mean())
    print(f"{args.matches:,} matches of {labs} labs ({args.matches * labs:,} rows): {run.seconds:.1f} s, "
          f"{run.world_quarters:,} lab-quarters = {run.world_quarters / run.seconds:,.0f} lab-quarters/s, "
          f"{args.matches / run.seconds:,.0f} matches/s")
    for k, b in enumerate(run.bots):
        mine = run.bot_of == k
        print(f"  {b:<14} won {float((st.outcome[mine] == WON).mean()):.1%} of its seats")
    print(f"  common fate collapsed in {collapsed:.1%} of the matches")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MB")
    times = quarter_with_bots(scenario, c, bots, args.quarters, args.seed)
    ms = np.array(times) * 1000
    print(f"single match, a quarter with {labs - 1} bot rivals (Match, move by move): median {np.median(ms):.0f} ms, "
          f"worst {ms.max():.0f} ms over {len(ms)} quarters")


if __name__ == "__main__":
    main()
