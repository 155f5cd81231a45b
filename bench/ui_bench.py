"""Desktop game pace: frame time while animating, and CPU use while idle.

    .venv/bin/python bench/ui_bench.py                 # headless (SDL dummy driver)
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python bench/ui_bench.py --display

Animating: the CEO's token travels back and forth and event cards are drawn, at 60 frames a
second; each frame's work (input, update, draw, flip) is timed. Idle: the board sits with
nothing moving for a few seconds, and the process's CPU time is divided by the wall time.
Prints the figures; asserts nothing.
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
    p.add_argument("--display", action="store_true", help="use the real display (e.g. under Xvfb) instead of the dummy driver")
    p.add_argument("--size", default="1600x900", help="window size, WxH (default 1600x900)")
    p.add_argument("--seconds", type=float, default=4.0, help="length of each measurement (default 4)")
    p.add_argument("--projector", action="store_true", help="in projector mode (large type, high contrast, the projector board)")
    args = p.parse_args(argv)
    if not args.display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ["SEVEN_TRILLION_HOME"] = tempfile.mkdtemp(prefix="st-bench-")
    w, h = (int(x) for x in args.size.lower().split("x"))

    import pygame

    from game.core.actions import Travel
    from game.ui.app import App, Options
    from game.ui.library import entry_for, new_game
    from game.ui.scenes.overlays import CardLayer
    from game.ui.scenes.play import GameScene
    from game.ui.settings import Settings

    app = App(Options(), settings=Settings(window_width=w, window_height=h, projector=args.projector), persist_settings=False)
    app.on_resize((w, h))
    entry = entry_for("default")
    scene = GameScene(app, new_game(entry.scenario, 1), str(entry.path))
    app.switch(scene)
    # answer the first card so the board is free
    for _ in range(200):
        if not app.frame(block=True):
            break
    game = scene.game
    if game.awaiting_choice:
        scene.do(next(it.action for it in game.menu() if it.legal and it.group == "Event card"))
    for layer in list(scene.layers[1:]):
        scene.pop(layer)

    # ----- animating: travel and card draws, frame by frame ---------------------------------
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    end = time.perf_counter() + args.seconds
    kind = 0
    while time.perf_counter() < end:
        if not (scene.travel or scene.find_layer(CardLayer)):
            if kind % 2 == 0:
                dest = next((it.action for it in scene.items if isinstance(it.action, Travel) and it.legal), None)
                if dest is not None:
                    scene.do(dest)
                    if game.track("attention") < 1:
                        game.undo()  # keep attention for more journeys
            else:
                scene.push(CardLayer(app, scene))
            kind += 1
        elif scene.find_layer(CardLayer) and not scene.find_layer(CardLayer).animating:
            scene.pop(scene.find_layer(CardLayer))
        what = "card" if scene.find_layer(CardLayer) else "travel" if scene.travel else "other"
        t0 = time.perf_counter()
        moving = app.frame(block=False)
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        by_kind.setdefault(what, []).append(ms)
        if moving:
            app._fps_clock.tick(60)
    # ----- idle: nothing moves; the loop should sleep in event.wait -------------------------
    for layer in list(scene.layers[1:]):
        scene.pop(layer)
    while app.frame(block=False):
        pass
    app.render()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    frames0 = app.frames
    wakes = 0
    while time.perf_counter() - wall0 < args.seconds:
        app.frame(block=True)
        wakes += 1
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0

    times.sort()
    driver = pygame.display.get_driver()
    print(f"Seven Trillion desktop game bench ({driver} driver, {w}x{h}{', projector mode' if args.projector else ''}, {sys.platform})")
    print(f"  animating: {len(times)} frames in {args.seconds:.0f} s")
    print(f"    frame work  mean {statistics.fmean(times):.2f} ms   median {statistics.median(times):.2f} ms   "
          f"p95 {times[int(len(times) * 0.95)]:.2f} ms   max {times[-1]:.2f} ms")
    for what, label in (("travel", "token travelling"), ("card", "event card drawn")):
        xs = sorted(by_kind.get(what, []))
        if xs:
            print(f"    {label:17s} {len(xs):4d} frames, mean {statistics.fmean(xs):.2f} ms, p95 {xs[int(len(xs) * 0.95)]:.2f} ms")
    print(f"    frame budget at 60 fps is 16.7 ms; p95 uses {times[int(len(times) * 0.95)] / 16.67:.0%} of it")
    print(f"  idle: {cpu / wall:.2%} of one core over {wall:.1f} s ({wakes} wake-ups, {app.frames - frames0} frames drawn)")
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
