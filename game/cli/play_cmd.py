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
    p.add_argument("--labs", type=int, metavar="N",
                   help="a race of N labs (2-4) on one board, in a scenario with rival labs (the default campaign has them)")
    p.add_argument("--players", type=int, metavar="N",
                   help="with --labs: how many of the labs people play here, hot-seat (the first N; default: all); bots play the rest")
    p.set_defaults(func=cmd_play, scenario=None)  # None: not given (the default campaign, or the save's)


def cmd_play_match(args: argparse.Namespace) -> int:
    """play --labs N [--players K]: a race of several labs in the terminal."""
    from game.cli.text_match import TextMatch
    from game.core.match import Match

    if args.load:
        from game.cli.text_game import _finder
        from game.saves.store import SaveError, load_match

        if args.scenario is not None or args.seed is not None:
            raise common.UsageError(t("cli.load_and_scenario"))
        if args.labs is not None:
            raise common.UsageError(t("cli.labs_no_load"))
        try:
            match, people, warnings = load_match(Path(args.load), _finder(None, common.mod_dirs(args)))
        except SaveError as e:
            raise common.CommandError(str(e), code=1) from None
        for w in warnings:
            print(t("terminal.note", what=w))
        people = people if args.players is None else min(args.players, match.seats)
        return TextMatch(match, people=people, autosave_on=not args.no_autosave).loop()
    args.scenario = args.scenario or "default"
    scenario = common.load_scenario(args)
    if scenario.labs is None:
        raise common.UsageError(t("cli.no_labs", scenario=scenario.meta.id))
    most = min(4, 1 + len(scenario.labs.rivals))
    labs = args.labs if args.labs is not None else most
    if not 2 <= labs <= most:
        raise common.UsageError(t("cli.labs_range", most=most))
    players = labs if args.players is None else args.players
    if not 0 <= players <= labs:
        raise common.UsageError(t("cli.players_range", labs=labs))
    match = Match(scenario, common.seed_of(args, scenario), labs)
    return TextMatch(match, people=players, autosave_on=not args.no_autosave).loop()


def cmd_play(args: argparse.Namespace) -> int:
    from game.cli.text_game import TextGame, _finder
    from game.core.session import Game
    from game.saves.store import SaveError, load_game

    if args.labs is not None or args.players is not None or (args.load and _is_race(Path(args.load))):
        return cmd_play_match(args)
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


def _is_race(path: Path) -> bool:
    """Whether a save file is a race of several labs (a broken file is left to the loader)."""
    from game.saves.store import SaveError, read_save

    try:
        return read_save(path).match is not None
    except SaveError:
        return False
