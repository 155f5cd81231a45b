"""`validate PATH...`: check scenario files and mod folders, report every problem at once.

Each problem is one line, `path:line:column: error|warning: dotted.field.path: message`, in file
order; a summary goes to stderr. Exit 0 when there is no error, 1 when there is (or a warning,
with --strict), 2 on bad usage. `--playtest N` then plays N seeded worlds of each clean scenario
with the bots and warns when it cannot be won, is always won, or mostly ends before half time.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.cli.common import SEED_RANGE, whole_number
from game.scenario.clashes import clashes, peek_id, warnings_for
from game.scenario.loader import Checked
from game.scenario.mods import (
    MANIFEST,
    installed_mod_dirs,
    is_dir_safely,
    is_file_safely,
    mod_root_of,
    read_mod,
)
from game.scenario.registry import BUILTIN_DIR, Bases, check_file, scenario_files, walk
from game.scenario.report import WARNING, Located, Report
from game.scenario.schema import SEED_LIMIT, Scenario

PLAYTEST_BOTS = ("random", "cautious", "planner")
ALWAYS_WON_SHARE = 0.95  # the random bot wins this share of worlds: the scenario is no contest
EARLY_END_SHARE = 0.5  # more than this share of worlds over before half time: too short
# Random play goes bankrupt early in any scenario about burning cash; only thoughtful play counts.
EARLY_END_BOTS = ("cautious", "planner")
# Enough worlds for any balance question; each world costs memory, and simulate goes further.
MAX_PLAYTEST_WORLDS = 100_000


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check scenario files and mod folders, and report every problem",
        description=(
            "Check scenario files and mod folders and print every problem as "
            "path:line:column: error|warning: field: message. With no PATH, check the shipped "
            "scenarios and the installed mods. Exit 0 clean, 1 errors, 2 bad usage."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="scenario files, mod folders or folders of them"
    )
    p.add_argument(
        "--mods",
        action="append",
        metavar="DIR",
        default=[],
        help="a folder of mods whose scenarios overrides may extend (repeatable)",
    )
    p.add_argument("--strict", action="store_true", help="count warnings as errors (exit 1)")
    p.add_argument(
        "--playtest",
        type=whole_number,
        default=0,
        metavar="N",
        help="after a clean validation, play N seeded worlds with each bot and report the balance",
    )
    p.add_argument(
        "--seed", type=whole_number, default=0, help=f"seed of the playtest worlds, {SEED_RANGE} (default 0)"
    )
    p.add_argument("--quiet", action="store_true", help="print problems only, no summary")
    p.set_defaults(func=run)


@dataclass
class Validation:
    """What one run of the validator found."""

    report: Report = field(default_factory=Report)
    files: int = 0
    scenarios: list[tuple[Path, Scenario]] = field(default_factory=list)


def validate_paths(paths: list[Path], mods: list[Path] | None = None) -> Validation:
    """Check every file and mod under `paths` (all shipped and installed ones when empty).

    A folder or file that cannot be read is reported as a problem and the rest is still
    checked; a folder named on the command line that holds no scenario file is an error.
    """
    out = Validation()
    mods = list(mods or [])
    named = bool(paths)
    targets = paths or [BUILTIN_DIR, *installed_mod_dirs(mods)]
    bases = Bases([*(p if is_dir_safely(p) else p.parent for p in targets), *mods])
    seen: set[Path] = set()
    ids: list[tuple[Path, str]] = []  # every file checked, with its scenario id
    places: dict[Path, Checked] = {}
    for target in targets:
        if target.name == MANIFEST and is_file_safely(target):
            target = target.parent
        if is_dir_safely(target):
            found = walk(target)
            folders, files = found.mod_folders, found.files
            unreadable = [_unreadable(p, "cannot read this folder", why) for p, why in found.unreadable]
            out.report.extend(unreadable)
            out.report.extend(found.refused)
        elif is_file_safely(target):
            folders, files = [], [target]
        elif _exists(target) and not _reachable_problem(target):
            out.report.add(Located(str(target), 1, 1, "error", "", f"not read: {_not_a_file(target)}"))
            continue
        else:
            out.report.add(
                _unreadable(target, "cannot reach it (or the folder that holds it)", _reachable_problem(target) or "unknown reason")
            )
            continue
        for folder in folders:
            mod = read_mod(folder)
            out.report.extend(mod.problems)
            out.files += 1
        if named and not folders and not files and not unreadable:
            out.report.add(
                Located(
                    str(target),
                    1,
                    1,
                    "error",
                    "",
                    "no scenario file (.yaml or .yml) here, nor in any folder inside it; "
                    "name a scenario file or a folder that holds some",
                )
            )
        for f in files:
            key = f.resolve()
            if key in seen:
                continue
            seen.add(key)
            out.files += 1
            checked = check_file(f, bases, mod_root_of(f))
            out.report.extend(checked.report.problems)
            if checked.scenario is not None:
                out.scenarios.append((f, checked.scenario))
            meta = checked.source.data.get("meta") if checked.source else None
            if isinstance(meta, dict) and isinstance(meta.get("id"), str):
                ids.append((f, meta["id"]))
                places[f.resolve()] = checked
    out.report.extend(_same_ids(ids, places, named, mods))
    return out


def _same_ids(ids: list[tuple[Path, str]], places: dict, named: bool, mods: list[Path]) -> list[Located]:
    """A warning on each checked file that shares its scenario id with another file the game
    finds. Files named on the command line are taken as if added with --mods after the others;
    the shipped scenarios and the installed mods they may clash with are read for their ids."""
    found = ids
    if named:
        checked = {f.resolve() for f, _ in ids}
        search = [f for f in scenario_files([BUILTIN_DIR, *installed_mod_dirs(mods)]) if f.resolve() not in checked]
        found = [(f, sid) for f in search if (sid := peek_id(f))] + ids
    out = []
    for clash in clashes(found):
        for path, message in warnings_for(clash, set(places)):
            out.append(places[path.resolve()].place(("meta", "id"), message, WARNING))
    return out


def _exists(p: Path) -> bool:
    """True when `p` is there, even if what holds it cannot be read (that is reported later)."""
    try:
        p.stat()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def _reachable_problem(p: Path) -> str:
    """Why p cannot be stat'ed ('' when it can)."""
    try:
        p.stat()
    except OSError as e:
        return e.strerror or str(e)
    return ""


def _not_a_file(p: Path) -> str:
    """What p (there, but neither a folder nor an ordinary file) is, as a refusal."""
    from game.scenario.files import FileRefused, check_regular

    try:
        check_regular(p)
    except FileRefused as e:
        return str(e)
    except OSError as e:
        return e.strerror or str(e)
    return "it is not an ordinary file"


def _unreadable(where: Path, what: str, why: str) -> Located:
    return Located(
        str(where),
        1,
        1,
        "error",
        "",
        f"{what}: {why}; give yourself permission to read it (e.g. chmod u+rx), or move it away",
    )


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    mods = [Path(p) for p in args.mods]
    for p in [*paths, *mods]:
        if not _exists(p):
            print(f"validate: no such file or folder: {p}", file=sys.stderr)
            return 2
    if args.playtest < 0:
        print("validate: --playtest takes a number of worlds, 0 or more", file=sys.stderr)
        return 2
    if args.playtest > MAX_PLAYTEST_WORLDS:
        print(
            f"validate: --playtest plays at most {MAX_PLAYTEST_WORLDS:,} worlds per bot "
            f"(got {args.playtest:,}); use simulate for bigger runs",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.seed < SEED_LIMIT:
        print(f"validate: --seed must be a whole number from {SEED_RANGE}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    found = validate_paths(paths, mods)
    for problem in found.report:
        print(problem, flush=True)
    seconds = time.perf_counter() - t0
    if not args.quiet:
        print(
            f"validate: {found.files} file{'s' if found.files != 1 else ''} checked in "
            f"{seconds:.2f} s: {found.report.summary()}",
            file=sys.stderr,
        )
    failed = not found.report.ok or (args.strict and found.report.warnings)
    if args.playtest and not found.report.errors:
        notes = []
        for path, scenario in found.scenarios:
            notes += playtest(path, scenario, args.playtest, args.seed, quiet=args.quiet)
        for note in notes:
            print(note)
        failed = failed or (args.strict and bool(notes))
    elif args.playtest and not args.quiet:
        print("validate: playtest skipped; fix the errors first", file=sys.stderr)
    return 1 if failed else 0


# ---------------------------------------------------------------------------- playtest


@dataclass
class BotResult:
    bot: str
    worlds: int
    won: int
    early: int  # worlds over before half the calendar
    forced: int = 0  # quarters the driver's guard had to end (the bot would not)


def play_worlds(scenario: Scenario, worlds: int, seed: int, bot_name: str) -> BotResult:
    """Play `worlds` seeded worlds to the end with one bot (the driver loop); count wins and
    early endings (games over before half the calendar)."""
    from game.core.compiled import compile_scenario
    from game.core.state import WON
    from game.sim.driver import play_batch

    c = compile_scenario(scenario)
    run = play_batch(c, worlds, bot_name, seed)
    st = run.state
    won = int((st.outcome == WON).sum())
    early = int(((st.ended_turn >= 0) & (st.ended_turn + 1 < c.turns / 2)).sum())
    return BotResult(bot_name, worlds, won, early, run.forced_quarters)


def playtest(
    path: Path, scenario: Scenario, worlds: int, seed: int, quiet: bool = False
) -> list[Located]:
    """Warnings about a scenario's balance, from N worlds played by each bot."""
    from game.sim.driver import MAX_STEPS_PER_QUARTER

    results = [play_worlds(scenario, worlds, seed, bot) for bot in PLAYTEST_BOTS]
    if not quiet:
        shares = ", ".join(f"{r.bot} wins {r.won}/{r.worlds}" for r in results)
        print(f"validate: playtest of {scenario.meta.id}: {shares}", file=sys.stderr)
    notes = []

    def warn(message: str) -> None:
        notes.append(Located(str(path), 1, 1, "warning", "playtest", message))

    if not any(r.won for r in results):
        warn(
            f"no bot won any of {worlds} worlds ({', '.join(PLAYTEST_BOTS)}): it may be impossible to win"
        )
    by_name = {r.bot: r for r in results}
    rnd = by_name["random"]
    if rnd.won >= ALWAYS_WON_SHARE * rnd.worlds:
        warn(
            f"even random play won {rnd.won} of {rnd.worlds} worlds: it is won whatever the player does"
        )
    for r in results:
        if r.forced:
            warn(
                f"the {r.bot} bot would not end {r.forced} quarter(s) within "
                f"{MAX_STEPS_PER_QUARTER} actions; the driver ended them (a move that costs no "
                "attention and can be repeated forever?)"
            )
        if r.bot in EARLY_END_BOTS and r.early > EARLY_END_SHARE * r.worlds:
            warn(
                f"the {r.bot} bot's games ended before half the calendar in {r.early} of "
                f"{r.worlds} worlds: most games end far too soon"
            )
    return notes


def main(argv: list[str] | None = None) -> int:
    """Run the validate command alone (used by bench/validate_bench.py)."""
    parser = argparse.ArgumentParser(prog="validate")
    sub = parser.add_subparsers()
    register(sub)
    args = parser.parse_args(["validate", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
