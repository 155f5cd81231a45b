"""Debrief speed: how long a student waits for the debrief, and where the time goes.

Two figures, as a class meets them (the targets: under 2 s on the command line, under 3 s from
the end screen), then a breakdown of one debrief by step. Each is timed a few times; the best
and the median are printed. Nothing is asserted: read the figures.

- command line: `python -m game debrief RESULT --out DIR` in a fresh process (imports included),
  and the same with the PDF drawn in that process rather than in a forked one beside it. Python
  keeps each module's compiled bytecode after its first import, as on any laptop that has played
  once; a sandbox that sets PYTHONDONTWRITEBYTECODE compiles every module in every process, so
  the bench lifts that setting for its processes and warms the cache with one untimed run;
- end screen: the desktop's Debrief button (`open_debrief` without a browser) in a process that
  has played the game, first press (nothing cached yet);
- steps: the historical bot's path, the parallel worlds, the bots' win rates, the charts, the
  HTML page and the PDF.

Run: .venv/bin/python bench/debrief_bench.py [--scenario the_burn] [--bot planner] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _times(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _show(name: str, ts: list[float]) -> None:
    print(f"  {name:<34} best {min(ts):6.2f} s   median {statistics.median(ts):6.2f} s")


ONE_PROCESS = """
import sys, runpy
import game.classroom.debrief as db
whole = db.write_debrief
db.write_debrief = lambda *a, **k: whole(*a, **{**k, "side_process": False})
sys.argv = ["game", *sys.argv[1:]]
runpy.run_module("game", run_name="__main__")
"""

END_SCREEN = """
import sys, time, tempfile
from game.core.session import Game
from game.scenario.registry import resolve
from game.sim.driver import play_game
game = play_game(Game(resolve(sys.argv[1]), int(sys.argv[3])), sys.argv[2])
from game.classroom.debrief import open_debrief
t0 = time.perf_counter()
open_debrief(game, tempfile.mkdtemp(), open_report=False)
print(time.perf_counter() - t0)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="the_burn")
    ap.add_argument("--bot", default="planner", help="who plays the game that is debriefed")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from game.classroom import charts, report
    from game.classroom import debrief as db
    from game.classroom.results import write_result
    from game.classroom.worlds import DEFAULT_WORLDS, parallel_worlds
    from game.core.session import Game
    from game.scenario.registry import resolve
    from game.sim.driver import play_batch, play_game

    game = play_game(Game(resolve(args.scenario), args.seed), args.bot)
    tmp = Path(tempfile.mkdtemp())
    result = write_result(game, tmp / "result.json", player="bench")
    print(f"{args.scenario}, seed {args.seed}, the {args.bot} bot's game ({game.outcome}, {len(game.quarters)} quarters)")

    print("As a class meets it:")
    cli = [sys.executable, "-m", "game", "debrief", str(result), "--out", str(tmp / "cli")]
    one = [sys.executable, "-c", ONE_PROCESS, *cli[3:]]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cli, check=True, capture_output=True, env=env)  # the bytecode cache, as after a first game
    both, alone = [], []
    for _ in range(args.repeat):  # in turns, so that both meet the same load
        both += _times(lambda: subprocess.run(cli, check=True, capture_output=True, env=env), 1)
        alone += _times(lambda: subprocess.run(one, check=True, capture_output=True, env=env), 1)
    _show("command line (fresh process)", both)
    _show("  the same, PDF not drawn aside", alone)
    end = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", END_SCREEN, args.scenario, args.bot, str(args.seed)],
                             check=True, capture_output=True, text=True, env=env).stdout
        end.append(float(out.split()[-1]))
    _show("end screen (first press)", end)

    print("Step by step (in one process, caches cleared before each):")

    def clear() -> None:
        db._REFERENCE_CACHE.clear()
        db._BOT_RATES.clear()

    def step(name: str, fn) -> None:
        ts = []
        for _ in range(args.repeat):
            clear()
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
        _show(name, ts)

    step("historical bot's path", lambda: db.reference_path(game, db.REFERENCE_BOT))
    step(f"parallel worlds ({DEFAULT_WORLDS:,})", lambda: parallel_worlds(game, DEFAULT_WORLDS, None))
    step("bots' win rates (2 x 200 worlds)", lambda: [play_batch(game.c, 200, b, game.seed) for b in db.COMPARE_BOTS])
    step("build_debrief (all of the above)", lambda: db.build_debrief(game))
    d = db.build_debrief(game)
    (tmp / "charts").mkdir()
    step("charts (PNG)", lambda: charts.debrief_charts(d, tmp / "charts"))
    pngs = charts.debrief_charts(d, tmp / "charts")
    step("report.html", lambda: report.write_html(d, pngs, tmp / "r.html"))
    step("report.pdf", lambda: report.write_pdf(d, tmp / "r.pdf"))
    step("write_debrief (everything)", lambda: db.write_debrief(game, tmp / "all"))


if __name__ == "__main__":
    main()
