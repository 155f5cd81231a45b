"""What holds a lab back, year by year: cash, chips or energy (issue 11 asks that energy or chips, not
cash alone, become the bottleneck from 2025, as the articles expect).

For every world still playing at a quarter's end, it counts:
- compute-bound: demand went unserved beyond the tolerance (customers turned away);
- power-bound: the lab owns chips its power cannot run, or bought chips that wait for room in a
  finished campus (a campus is its power plant and building);
- chips sold out: the quarter's chip supply left for the lab was under 1% of the supply;
- grid full: the US grid's new connections left this quarter were under 1% of its cap;
- short of cash: the lab ended the quarter with less than one quarter of spending in the bank.

Nothing is asserted: read the figures.

Run: .venv/bin/python bench/bottleneck.py [--scenario default] [--worlds 1000] [--seed 5] [--bot planner ...]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np

from game.core.compiled import compile_scenario
from game.core.state import PLAYER
from game.model import economy
from game.model.industry import M
from game.model.tracks import T
from game.scenario.registry import resolve
from game.sim.driver import play_batch

COLUMNS = ("compute-bound", "power-bound", "chips sold out", "grid full", "short of cash")


def bottlenecks(c, worlds: int, bot: str, seed: int) -> dict[int, dict[str, float]]:
    """For each calendar year, the share of live world-quarters held back by each constraint."""
    counts: dict[int, np.ndarray] = defaultdict(lambda: np.zeros(len(COLUMNS)))
    seen: dict[int, int] = defaultdict(int)
    k = c.consts

    def at_quarter_end(st, where) -> None:
        live = st.live
        if not live.any():
            return
        tr = st.tracks[live, PLAYER]
        m = st.market[live]
        demand, served = tr[:, T["demand_bq"]], tr[:, T["served_bq"]]
        unserved = 1.0 - served / np.maximum(demand, 1e-12)
        power_bound = economy.waiting_for_power(tr, k)
        sold_out = m[:, M["chip_left_m"]] < 0.01 * np.maximum(m[:, M["chip_supply_m"]], 1e-12)
        grid_full = m[:, M["grid_left_gw"]] < 0.01 * np.maximum(m[:, M["grid_cap_gw"]], 1e-12)
        if c.industry is None:
            sold_out[:] = False
            grid_full[:] = False
        broke = tr[:, T["cash_busd"]] < tr[:, T["q_spend_busd"]]
        # (a quarter's spending, the one just closed: the bank holds less than one more)
        flags = np.stack([unserved > k.unserved_tolerance, power_bound, sold_out, grid_full, broke])
        year = c.year_of(st.turn - 1)  # the quarter that just ended
        counts[year] += flags.sum(axis=1)
        seen[year] += int(live.sum())

    play_batch(c, worlds, bot, seed, on_quarter=at_quarter_end, compact=False)
    return {
        y: dict(zip(COLUMNS, counts[y] / max(seen[y], 1), strict=True))
        | {"live": seen[y] / 4 / worlds}
        for y in sorted(counts)
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--worlds", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--bot", nargs="+", default=["planner", "historical", "cautious", "homebody"])
    args = ap.parse_args()
    c = compile_scenario(resolve(args.scenario))
    print(
        f"{args.scenario}, {args.worlds:,} worlds, seed {args.seed}: share of live world-quarters held back by each"
    )
    for bot in args.bot:
        print(f"\n{bot}")
        print("year  live " + "".join(col.rjust(16) for col in COLUMNS))
        for year, row in bottlenecks(c, args.worlds, bot, args.seed).items():
            print(f"{year}  {row['live']:4.0%} " + "".join(f"{row[col]:16.1%}" for col in COLUMNS))


if __name__ == "__main__":
    main()
