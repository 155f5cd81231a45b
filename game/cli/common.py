"""What the commands share: errors with exit codes, finding a scenario, common flags."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from game.scenario.loader import ScenarioError
from game.scenario.mods import mod_search_dirs
from game.scenario.registry import BUILTIN_DIR, UnknownScenario, resolve
from game.scenario.schema import SEED_LIMIT, Scenario
from game.text.catalog import t


class UsageError(Exception):
    """A mistake in the command line itself (exit 2)."""


class CommandError(Exception):
    """The command could not do its work; the message says why (exit `code`)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


SEED_RANGE = f"0 to {SEED_LIMIT - 1}"


def seed_range() -> str:
    """The seeds a save can keep, in the language in use: "0 to 4294967295", "0 à 4294967295"."""
    return t("cli.seed_span", last=SEED_LIMIT - 1)


def seed_arg(text: str) -> int:
    """A --seed value: a whole number 0 <= seed < SEED_LIMIT, the range a save file keeps (so
    a game started on it can always be saved); anything else is one line (exit 2)."""
    typed = text.strip()
    if not re.fullmatch(r"\d{1,19}", typed) or int(typed) >= SEED_LIMIT:
        shown = text if len(text) <= 24 else text[:20] + f"... ({len(text)} characters)"
        raise argparse.ArgumentTypeError(t("cli.bad_seed", range=seed_range(), shown=repr(shown)))
    return int(typed)


def whole_number(text: str) -> int:
    """An int flag's value, refusing thousands of digits (or anything else) in one line."""
    typed = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,30}", typed):
        shown = text if len(text) <= 24 else text[:20] + f"... ({len(text)} characters)"
        raise argparse.ArgumentTypeError(t("cli.not_whole", shown=repr(shown)))
    return int(typed)


def add_scenario_flags(p: argparse.ArgumentParser, seed_default: int | None = None) -> None:
    p.add_argument(
        "--scenario",
        default="default",
        metavar="NAME|PATH",
        help="a scenario id, a file name from scenarios/, or a path to a .yaml file (default: default)",
    )
    p.add_argument(
        "--seed", type=seed_arg, default=seed_default, help=f"random seed, {SEED_RANGE} (default: the scenario's)"
    )
    p.add_argument(
        "--mods", action="append", metavar="DIR", help="also look for scenarios in this folder (repeatable)"
    )


def mod_dirs(args: argparse.Namespace) -> list[Path]:
    """The --mods folders, each checked to be a readable folder (UsageError otherwise)."""
    extra = [Path(p) for p in (getattr(args, "mods", None) or [])]
    for d in extra:
        if not d.exists():
            raise UsageError(t("cli.no_mods_folder", folder=str(d)))
        if not d.is_dir():
            raise UsageError(t("cli.mods_is_file", folder=str(d)))
        if not os.access(d, os.R_OK | os.X_OK):
            raise UsageError(t("cli.mods_unreadable", folder=str(d)))
    return extra


def scenario_dirs(args: argparse.Namespace) -> list[Path]:
    """The folders to search: the shipped scenarios, installed mods, and --mods folders."""
    return [BUILTIN_DIR, *mod_search_dirs(mod_dirs(args))]


def in_language(scenario: Scenario) -> Scenario:
    """The scenario with its texts in the language in use (game.text.catalog.language())."""
    from game.scenario.translation import translate
    from game.text.catalog import language

    return translate(scenario, language())


def load_scenario(args: argparse.Namespace) -> Scenario:
    """The scenario named on the command line, or a CommandError that says what is wrong."""
    name = args.scenario
    if not name.strip():
        raise UsageError(t("cli.scenario_empty"))
    if Path(name).is_dir():
        raise UsageError(t("cli.scenario_folder", name=name))
    try:
        dirs = scenario_dirs(args)
        if not (Path(name).suffix in (".yaml", ".yml") or Path(name).exists()):
            # Of files sharing an id the last found is played (game.scenario.clashes), as on
            # the desktop: a --mods folder's copy over the installed one.
            from game.scenario.clashes import played
            from game.scenario.registry import discover

            entry = played(discover(dirs), name)
            if entry is not None and entry.scenario is not None:
                return in_language(entry.scenario)
        return in_language(resolve(args.scenario, dirs))
    except UnknownScenario as e:
        raise UsageError(f"seven-trillion: {e}") from None
    except ScenarioError as e:
        lines = [str(p) for p in e.problems]
        more = t("cli.more_errors", n=len(lines) - 5) if len(lines) > 5 else ""
        raise CommandError(
            t("cli.scenario_errors", name=args.scenario) + "\n  " + "\n  ".join(lines[:5]) + more
            + "\n  " + t("cli.run_validate"),
            code=1,
        ) from None


def seed_of(args: argparse.Namespace, scenario: Scenario) -> int:
    if args.seed is None:
        return scenario.meta.seed
    if not 0 <= args.seed < SEED_LIMIT:
        raise UsageError(t("cli.seed_range", range=seed_range()))
    return args.seed
