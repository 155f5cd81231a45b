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


class UsageError(Exception):
    """A mistake in the command line itself (exit 2)."""


class CommandError(Exception):
    """The command could not do its work; the message says why (exit `code`)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


SEED_RANGE = f"0 to {SEED_LIMIT - 1}"


def seed_arg(text: str) -> int:
    """A --seed value: a whole number 0 <= seed < SEED_LIMIT, the range a save file keeps (so
    a game started on it can always be saved); anything else is one line (exit 2)."""
    t = text.strip()
    if not re.fullmatch(r"\d{1,19}", t) or int(t) >= SEED_LIMIT:
        shown = text if len(text) <= 24 else text[:20] + f"... ({len(text)} characters)"
        raise argparse.ArgumentTypeError(f"the seed must be a whole number from {SEED_RANGE}, not {shown!r}")
    return int(t)


def whole_number(text: str) -> int:
    """An int flag's value, refusing thousands of digits (or anything else) in one line."""
    t = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,30}", t):
        shown = text if len(text) <= 24 else text[:20] + f"... ({len(text)} characters)"
        raise argparse.ArgumentTypeError(f"expected a whole number, not {shown!r}")
    return int(t)


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
            raise UsageError(f"seven-trillion: --mods folder {d} does not exist")
        if not d.is_dir():
            raise UsageError(f"seven-trillion: --mods takes a folder of scenarios, and {d} is a file")
        if not os.access(d, os.R_OK | os.X_OK):
            raise UsageError(f"seven-trillion: cannot read the --mods folder {d} (permission denied)")
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
        raise UsageError("seven-trillion: --scenario needs a scenario id or a .yaml path, e.g. --scenario default")
    if Path(name).is_dir():
        raise UsageError(
            f"seven-trillion: --scenario {name} is a folder; give a scenario file in it, or add the "
            f"folder with --mods {name} and name the scenario by its id"
        )
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
        more = f" (and {len(lines) - 5} more)" if len(lines) > 5 else ""
        raise CommandError(
            f"the scenario {args.scenario} has errors:\n  " + "\n  ".join(lines[:5]) + more
            + "\n  (run `python -m game validate` on it for the full report)",
            code=1,
        ) from None


def seed_of(args: argparse.Namespace, scenario: Scenario) -> int:
    if args.seed is None:
        return scenario.meta.seed
    if not 0 <= args.seed < SEED_LIMIT:
        raise UsageError(f"seven-trillion: --seed must be a whole number from {SEED_RANGE}")
    return args.seed
