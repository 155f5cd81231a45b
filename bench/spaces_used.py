"""Which spaces a bot uses: the share of games in which it raised money, presented the build-out or
made a deal in each city, or ended a quarter there (issue 11 asks that the planner use the Gulf, Tokyo, Hsinchu and
Washington at least once in most games).

Nothing is asserted: read the figures.

Run: .venv/bin/python bench/spaces_used.py [--scenario default] [--worlds 1000] [--seed 5] [--bot planner ...]
"""

from __future__ import annotations

import argparse

import numpy as np

from game.core.compiled import compile_scenario
from game.core.state import PLAYER
from game.scenario.registry import resolve
from game.sim.driver import play_batch


def spaces_used(c, worlds: int, bot: str, seed: int) -> tuple[dict[str, float], float]:
    """For each space, the share of the `worlds` games in which the bot pitched there, presented
    the build-out there, tried a deal there or ended a quarter there; and the share of games that used every space but
    headquarters."""
    used = np.zeros((worlds, len(c.space_ids)), dtype=bool)

    def at_quarter_end(st, where) -> None:
        used[where, st.location] = True
        used[where] |= st.pitched

    run = play_batch(c, worlds, bot, seed, on_quarter=at_quarter_end)
    used |= run.state.presented_turn >= 0  # presented the build-out there
    tried = run.state.deals_tried[:, PLAYER] > 0  # (worlds, deals)
    for d, space in enumerate(c.deal_space):
        used[:, int(space)] |= tried[:, d]
    away = [s for s in range(len(c.space_ids)) if s != c.home]
    return {sid: float(used[:, s].mean()) for s, sid in enumerate(c.space_ids)}, float(used[:, away].all(axis=1).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="default")
    ap.add_argument("--worlds", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--bot", nargs="+", default=["planner", "historical", "homebody", "cautious", "random"])
    args = ap.parse_args()
    c = compile_scenario(resolve(args.scenario))
    print(f"{args.scenario}, {args.worlds:,} worlds, seed {args.seed}: share of games that used each space")
    print("bot".ljust(12) + "".join(s[:13].rjust(14) for s in c.space_ids) + "   all four away")
    for bot in args.bot:
        share, every = spaces_used(c, args.worlds, bot, args.seed)
        print(bot.ljust(12) + "".join(f"{share[s]:14.1%}" for s in c.space_ids) + f"{every:17.1%}")


if __name__ == "__main__":
    main()
