"""`play`: the game in a terminal. The text game itself lives in game/cli/text_game.py and loads
only when the command runs, so other commands start fast."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli import common
from game.text.catalog import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play the game in the terminal")
    common.add_scenario_flags(p)
    p.add_argument("--load", metavar="FILE", help="continue a saved game")
    p.add_argument("--no-autosave", action="store_true", help="do not autosave each quarter")
    p.add_argument("--team", metavar="NAME", help="team name for the result file written at the end (asked for if left out)")
    p.add_argument("--result", metavar="PATH", help="where the result file goes: a .json file or a folder (default: the results folder)")
    p.set_defaults(func=cmd_play, scenario=None)  # None: not given (the default campaign, or the save's)


def cmd_play(args: argparse.Namespace) -> int:
    from game.cli.text_game import TextGame, _finder
    from game.core.session import Game
    from game.saves.store import SaveError, load_game

    if args.load:
        if args.scenario is not None or args.seed is not None:
            raise common.UsageError(t("cli.load_and_scenario"))
        try:
            game, warnings = load_game(Path(args.load), _finder(None, common.mod_dirs(args)))
        except SaveError as e:
            raise common.CommandError(str(e), code=1) from None
        for w in warnings:
            print(t("terminal.note", what=w))
        path = None
    else:
        args.scenario = args.scenario or "default"
        scenario = common.load_scenario(args)
        game = Game(scenario, common.seed_of(args, scenario))
        path = args.scenario if Path(args.scenario).suffix in (".yaml", ".yml") else None
    return TextGame(game, autosave_on=not args.no_autosave, scenario_path=path, team=args.team, result=args.result).loop()
