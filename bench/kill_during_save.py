"""Kill -9 a game while it saves and autosaves, many times, and count what is lost.

Each round starts a child process that plays the default campaign and saves to one slot and
autosaves every quarter in a loop, kills it with SIGKILL after a random few milliseconds, then
checks the folder as the next start would: the slot and the newest autosave must load (or, for
a round killed before its first write, not exist), and after the next start's clean-up no
`.tmp` file may remain. Prints the rounds, the losses (0 expected) and the leftovers.

Run: .venv/bin/python bench/kill_during_save.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys
from game.core.actions import EndQuarter
from game.core.session import Game
from game.saves.store import autosave, save_game
from game.scenario.registry import resolve
folder = os.environ["SEVEN_TRILLION_HOME"] + "/saves"
os.makedirs(folder, exist_ok=True)
g = Game(resolve("default"), 7)
print("ready", flush=True)
while True:
    if g.over:
        g = Game(resolve("default"), 7)
    if g.awaiting_choice:
        g.apply(g.legal_actions()[0])
    g.apply(EndQuarter())
    save_game(g, __import__("pathlib").Path(folder) / "slot-1.json")
    autosave(g)
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    from game.saves.store import LEFTOVER_AGE_S, SaveError, autosaves, clean_leftovers, load_game
    from game.scenario.registry import resolve

    rng = random.Random(1)
    lost = leftovers = 0
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SEVEN_TRILLION_HOME=home)
        folder = Path(home) / "saves"
        for _ in range(args.rounds):
            child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
            child.stdout.readline()  # wait until it plays
            time.sleep(rng.uniform(0.0, 0.08))
            child.send_signal(signal.SIGKILL)
            child.wait()
            # the next start: old leftovers are cleaned; every save there must load
            clean_leftovers(folder, now=time.time() + LEFTOVER_AGE_S + 1)
            for path in [folder / "slot-1.json", *autosaves(folder)[-1:]]:
                if path.exists():
                    try:
                        load_game(path, lambda sid, _: resolve(sid))
                    except SaveError as e:
                        lost += 1
                        print(f"lost: {e}")
            leftovers += len(list(folder.glob(".*.tmp")))
    print(f"{args.rounds} kills during saves: {lost} saves lost, {leftovers} temporary files left after the next start")
    return 0 if lost == 0 and leftovers == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
