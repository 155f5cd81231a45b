"""The end of a quarter in the desktop race, you against three bot rivals (issue 15's target:
under 200 ms).

    .venv/bin/python bench/labs_desk_bench.py                 # headless (SDL dummy driver)
    .venv/bin/python bench/labs_desk_bench.py --quarters 20 --size 1920x1080

What is timed, quarter after quarter: from the person pressing "End your turn" until the board
is drawn again for the person's next turn: the three bots' turns (each bot choosing and making
its moves), the quarter's business for the four labs, the next quarter's cards, the race's
autosave, and the board rebuilt and drawn once. Your lab's moves are chosen by the planner bot and made through the
board like a player's clicks (not timed); only the press that ends your turn is. The last press,
after which the bots may play on alone to the end of the match, is not counted. Prints the
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", default="1600x900", help="window size, WxH (default 1600x900)")
    p.add_argument("--quarters", type=int, default=12, help="quarters to time (default 12)")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ["SEVEN_TRILLION_HOME"] = tempfile.mkdtemp(prefix="st-bench-")
    w, h = (int(x) for x in args.size.lower().split("x"))

    import numpy as np

    from game.bots.policies import make_bot
    from game.core.actions import EndQuarter
    from game.core.match import Match
    from game.core.rules import legal_matrix
    from game.ui.app import App, Options
    from game.ui.library import entry_for
    from game.ui.scenes.match import MatchScene
    from game.ui.settings import ASK_SETTINGS, Settings

    settings = Settings(**{k: False for k in ASK_SETTINGS}, show_tour=False)
    app = App(Options(), settings=settings, persist_settings=False)
    app.on_resize((w, h))
    entry = entry_for("default")
    match = Match(entry.scenario, args.seed, 4)
    scene = MatchScene(app, match, [True, False, False, False], str(entry.path))
    app.switch(scene)
    app.render()
    you = make_bot("planner", match.c, args.seed)
    total, bots, moves = [], [], []
    steps = 0
    while not match.over and len(total) < args.quarters:
        act = int(you.choose(match.st, legal_matrix(match.st, match.c, [0]), np.array([0]))[0])
        action = match.codec.decode(act) if act >= 0 and steps < 60 else EndQuarter()
        if not isinstance(action, EndQuarter):
            steps += 1
            if not scene.do(action):
                steps = 60
            app.render()
            continue
        steps = 0
        t0 = time.perf_counter()
        scene.do(EndQuarter())
        app.render()
        if match.over:
            break
        total.append(time.perf_counter() - t0)
        bots.append(scene.bot_seconds)
        moves.append(scene.bot_moves)
    if not total:
        print("the match ended before a quarter could be timed")
        return 1
    ms = [x * 1000 for x in total]
    print(f"desktop race, you against three bots, {len(ms)} quarters at {w}x{h} (seed {args.seed}):")
    print(f"  end of a quarter, press to board drawn: median {statistics.median(ms):.0f} ms, "
          f"mean {statistics.mean(ms):.0f} ms, max {max(ms):.0f} ms (target: under 200 ms)")
    print(f"  of which the bots' turns and the quarter's business: median {statistics.median(bots) * 1000:.0f} ms "
          f"for {statistics.mean(moves):.1f} bot moves a quarter on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
