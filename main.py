"""Opens Seven Trillion: the desktop game, or with --text the same game in the terminal.

    ./play                         the main menu (new campaign, continue, load, settings...)
    ./play --scenario default      straight into a new campaign (--seed N for a fixed one)
    ./play --text                  the terminal game
    ./play --text --labs 3         a race of three labs in the terminal, hot-seat
    ./play --mods DIR              also look for scenarios in DIR
    ./play --windowed | --fullscreen

With no display to open a window on, it says so in one line and exits with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PROG = "play"
NO_DISPLAY = (
    "play: no display to open the game window on (no DISPLAY or WAYLAND_DISPLAY); "
    "run ./play --text to play in the terminal"
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong flag gets one line on stderr and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{PROG}: {message} (try {PROG} --help)\n")
        raise SystemExit(2)


def _seed(text: str) -> int:
    try:
        value = int(text) if len(text) <= 40 else None
    except ValueError:
        value = None
    if value is None:
        shown = text if len(text) <= 24 else text[:20] + "..."
        raise argparse.ArgumentTypeError(f"the seed must be a whole number, not {shown!r}")
    from game.scenario.schema import SEED_LIMIT  # the one bound of seeds: what a save file keeps

    if not 0 <= value < SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"the seed must be between 0 and {SEED_LIMIT - 1}")
    return value


def _lang(text: str) -> str:
    """A --lang value: a shipped language ("fr", "en"), or one line saying which exist."""
    from game.text.catalog import UnknownLanguage, choose_language

    try:
        return choose_language(text)
    except UnknownLanguage as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = _Parser(prog=PROG, description="Seven Trillion: a board game about the economics of frontier AI.")
    p.add_argument("--text", action="store_true", help="play in the terminal instead of a window")
    p.add_argument("--scenario", metavar="NAME", help="scenario id, file name or path (starts a new campaign)")
    p.add_argument("--seed", metavar="N", type=_seed, help="seed for the new campaign (same seed, same cards and dice)")
    p.add_argument("--mods", metavar="DIR", action="append", default=[], help="a folder of scenario mods (may be repeated)")
    p.add_argument("--lang", metavar="fr|en", type=_lang, help="the game's language (default: as in the settings, the system's on a first run)")
    p.add_argument("--labs", metavar="N", type=int, help="with --text: a race of N labs (2-4) on one board, hot-seat")
    p.add_argument("--players", metavar="N", type=int, help="with --text --labs: how many labs people play (default: all); bots play the rest")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--windowed", action="store_true", help="open in a window")
    mode.add_argument("--fullscreen", action="store_true", help="open full screen")
    return p.parse_args(argv)


def run_text(args: argparse.Namespace) -> int:
    """Hand over to the terminal game (game.cli's `play`)."""
    try:
        from game.cli import main as cli_main
    except ImportError:
        sys.stderr.write(f"{PROG}: the terminal game is not available in this copy of the game\n")
        return 2
    cli_args = ["play"]
    scenario = args.scenario
    if args.mods:
        # the terminal game takes a scenario path; find the mod's file for it
        try:
            from game.ui.library import entry_for

            entry = entry_for(scenario, [Path(m) for m in args.mods])
            scenario = str(entry.path)
        except Exception as e:  # noqa: BLE001 - one line for the player
            sys.stderr.write(f"{PROG}: {str(e).splitlines()[0]}\n")
            return 2
    if scenario:
        cli_args += ["--scenario", scenario]
    if args.seed is not None:
        cli_args += ["--seed", str(args.seed)]
    if args.lang:
        cli_args += ["--lang", args.lang]
    if args.labs is not None:
        cli_args += ["--labs", str(args.labs)]
    if args.players is not None:
        cli_args += ["--players", str(args.players)]
    result = cli_main(cli_args)
    return int(result or 0)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    for m in args.mods:
        if not Path(m).is_dir():
            sys.stderr.write(f"{PROG}: --mods {m}: no such folder\n")
            return 2
    if args.text:
        return run_text(args)
    if args.labs is not None or args.players is not None:
        sys.stderr.write(f"{PROG}: --labs and --players are for the terminal game for now: add --text\n")
        return 2
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import Options, display_available

    if not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    import pygame

    from game.ui import app as desktop

    options = Options(
        scenario=args.scenario,
        seed=args.seed,
        mods=[Path(m) for m in args.mods],
        fullscreen=True if args.fullscreen else False if args.windowed else None,
        start_game=args.scenario is not None or args.seed is not None,
        language=args.lang,
    )
    try:
        return desktop.run(options)
    except pygame.error as e:
        if "video" in str(e).lower() or "display" in str(e).lower() or "x11" in str(e).lower():
            print(NO_DISPLAY, file=sys.stderr)
            return 2
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
