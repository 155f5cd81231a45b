"""What one quarter's parts cost on their own: a floor for the batch simulator's speed.

Every world-quarter the batch simulator pays for the economic model, a card draw and the CEO's
actions (about 3.9 acting steps a world-quarter with the random bot: legal matrix, choice,
effects). This bench times the parts on a batch where every world is live, with nothing else
running, and prints each as world-quarters per second: the model alone is an upper bound on
what the whole simulator can reach with this model in numpy.

Run: .venv/bin/python bench/model_bench.py [--worlds 100000] [--repeat 7]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from game.bots import make_bot  # noqa: E402
from game.core.compiled import compile_scenario  # noqa: E402
from game.core.engine import begin_quarter, end_quarter, start, step  # noqa: E402
from game.core.rules import legal_matrix  # noqa: E402
from game.core.state import new_batch  # noqa: E402
from game.model import economy  # noqa: E402
from game.scenario.registry import resolve  # noqa: E402


def best(fn, repeat: int) -> float:
    """The fastest of `repeat` timings of fn() (seconds): the least disturbed by other work."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--worlds", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    c = compile_scenario(resolve(args.scenario))
    W = args.worlds
    st = start(c, new_batch(c, W, 1))
    live = np.ones(W, dtype=bool)
    zeros = np.zeros((W, 1))
    u = np.random.default_rng(2).random((W, 1))
    rate = {}

    def model() -> None:
        economy.advance_quarter(st.tracks, st.pipeline_gw, c.consts, c.year_frac(0), zeros, zeros, u, live)

    rate["economic model (advance_quarter)"] = best(model, args.repeat)
    rate["whole end of quarter (model, endings, card draw)"] = best(
        lambda: (_reopen(st), end_quarter(st, c)), args.repeat
    )
    rate["card draw and quarter opening (begin_quarter)"] = best(lambda: (_reopen(st), begin_quarter(st, c)), args.repeat)
    bot = make_bot("random", c, 1)
    every = np.arange(W)

    def one_action() -> None:
        legal = legal_matrix(st, c, every)
        acts = bot.choose(st, legal, every)
        step(st, c, acts, legal, worlds=every, open_next=False)

    fresh = st.copy()
    rate["one acting step of every world (legal, random bot, apply)"] = best(
        lambda: (_restore(st, fresh), one_action()), args.repeat
    )
    print(f"scenario {c.scenario.meta.id}, {W:,} worlds, all live, best of {args.repeat}")
    for name, secs in rate.items():
        print(f"  {name:<62} {secs * 1e3:8.1f} ms = {W / secs:>12,.0f} world-quarters/s")
    per_wq = rate["whole end of quarter (model, endings, card draw)"] + 3.9 * rate[
        "one acting step of every world (legal, random bot, apply)"
    ]
    print(f"  {'end of quarter + 3.9 acting steps (the random bot average)':<62} {per_wq * 1e3:8.1f} ms = {W / per_wq:>12,.0f} world-quarters/s")


def _reopen(st) -> None:
    """Let the batch play its quarter again: every world live and acting, on the same turn."""
    st.outcome[:] = 0
    st.quarter_over[:] = False
    st.turn = 0


def _restore(st, fresh) -> None:
    for k, v in fresh.__dict__.items():
        if isinstance(v, np.ndarray):
            getattr(st, k)[...] = v
    st.turn = fresh.turn


if __name__ == "__main__":
    main()
