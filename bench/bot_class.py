"""A class of bot games: how far 25 bot teams' answers to the cards spread in the class report.

Each team is a bot with its own seed for its card taste (game.bots.base.CARD_TASTES), all on the
scenario's own seed, as a class shares one. The result files and the class report (HTML, PDF,
CSV) are written to --out; the figures printed are how the class answered each card.

Run: .venv/bin/python bench/bot_class.py [--scenario the_burn] [--games 25]
     [--bots planner,cautious,random] [--out /tmp/bot-class]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from game.classroom.results import write_result
from game.classroom.summary import load_results, write_report
from game.core.session import Game
from game.scenario.registry import resolve
from game.sim.driver import play_game


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="the_burn")
    ap.add_argument("--games", type=int, default=25)
    ap.add_argument("--bots", default="planner,cautious,random", help="bots taking turns as teams")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    scenario = resolve(args.scenario)
    bots = args.bots.split(",")
    out = Path(args.out or tempfile.mkdtemp(prefix="bot-class-"))
    results = out / "results"
    results.mkdir(parents=True, exist_ok=True)
    for k in range(1, args.games + 1):
        bot = bots[(k - 1) % len(bots)]
        game = play_game(Game(scenario, scenario.meta.seed), bot, seed=k)  # k: the bot's own seed
        write_result(game, results / f"team{k:02d}-{bot}.json", player=f"Team {k:02d} ({bot})")
    paths, _, summaries = write_report(load_results([results]), out / "report")
    for s in summaries:
        won = sum(o.count for o in s.outcomes if o.result == "won")
        print(f"{s.title}: {s.games} games on seed {scenario.meta.seed}, bots {', '.join(bots)}; won {won}")
        for ca in s.card_answers:
            spread = "; ".join(f"{a}: {n}" for a, n in sorted(ca.answers.items(), key=lambda an: -an[1]))
            print(f"  {ca.title} -> {spread}")
    print(f"report: {out / 'report'}")


if __name__ == "__main__":
    main()
