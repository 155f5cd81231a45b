"""Classroom commands: `debrief` (one game's debrief, or one team's debrief of a race) and `class-report` (a class's results)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import common
from game.scenario.files import printable
from game.text.catalog import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "debrief",
        help="write the debrief of a game (charts, a one-page PDF, an HTML report) from a save or result file",
    )
    p.add_argument("file", metavar="SAVE_OR_RESULT", help="a save file (from play) or a result file (from run --result, or a team's file of a race)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the debrief into")
    p.add_argument("--worlds", type=int, default=1000, help="parallel worlds to replay the decisions in (default 1000; 0: none)")
    p.add_argument("--player", default=None, help="player or team name to print (default: the one in the file)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF (HTML and PNG only)")
    p.add_argument("--mods", action="append", metavar="DIR", help="also look for the scenario in this folder")
    p.set_defaults(func=cmd_debrief)

    p = sub.add_parser(
        "handout",
        help="print a scenario's one-page student handout (PDF), or with --answers the teacher's answer sheet",
    )
    p.add_argument("--scenario", required=True, metavar="ID|FILE", help="scenario id (the_burn) or a scenario file")
    p.add_argument("-o", "--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--answers", action="store_true", help="the teacher's answer sheet instead of the students' handout")
    p.add_argument("--mods", action="append", metavar="DIR", help="also look for the scenario in this folder")
    p.set_defaults(func=cmd_handout, seed=None)

    p = sub.add_parser("class-report", help="combine a class's result files into a summary, charts and a CSV")
    p.add_argument("inputs", nargs="+", metavar="FILES|DIR", help="result files, or folders holding them")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the summary into")
    p.add_argument("--mods", action="append", metavar="DIR", help="also look for the scenarios in this folder")
    p.set_defaults(func=cmd_class_report)


def _check_out(text: str) -> Path:
    """The --out folder, checked but not made yet (nothing is created before there is something
    to write)."""
    out = Path(text)
    if out.exists() and not out.is_dir():
        raise common.UsageError(t("cli.out_is_file", out=str(out)))
    return out


def _make_out(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise common.CommandError(t("cli.cannot_create", out=str(out), why=str(e.strerror or e))) from None
    return out


def _out_dir(text: str) -> Path:
    return _make_out(_check_out(text))


def cmd_debrief(args: argparse.Namespace) -> int:
    from game.classroom.debrief import write_debrief
    from game.classroom.replay import ReplayError, load_any

    if not 0 <= args.worlds <= 100_000:
        raise common.UsageError(t("cli.worlds_range"))
    dirs = common.scenario_dirs(args)
    try:
        loaded = load_any(args.file, dirs)
    except ReplayError as e:
        raise common.CommandError(str(e)) from None
    out = _out_dir(args.out)
    for w in loaded.warnings:
        print(printable(t("cli.warning", what=w)), file=sys.stderr)
    player = loaded.player if args.player is None else args.player
    if loaded.match is not None:
        return _race_debrief(loaded, out, player, args)
    try:
        paths = write_debrief(loaded.game, out, player=player, pdf=not args.no_pdf, side_process=True, worlds=args.worlds)
    except OSError as e:
        raise common.CommandError(t("cli.cannot_write_debrief", out=str(out), why=str(e.strerror or e))) from None
    g = loaded.game
    outcome = t(f"fact.outcome.{g.outcome}") if g.outcome in ("won", "lost") else t("cli.unfinished")
    print(t("cli.debriefed", title=printable(g.scenario.meta.title, one_line=True), seed=g.seed, outcome=outcome, quarters=sum(1 for q in g.quarters if q.tracks)))
    for p in paths:
        print(t("cli.wrote", path=str(p)))
    return 0


def _race_debrief(loaded, out: Path, player: str, args: argparse.Namespace) -> int:
    """A team's result file of a race: the race debrief, the teams compared."""
    from game.classroom.race_debrief import build_race_debrief, write_race_debrief

    rd = build_race_debrief(loaded.match, loaded.result)
    rd.player = player
    try:
        paths = write_race_debrief(rd, out, pdf=not args.no_pdf)
    except OSError as e:
        raise common.CommandError(t("cli.cannot_write_debrief", out=str(out), why=str(e.strerror or e))) from None
    winner = rd.winner_name or t("cli.race_no_winner")
    print(printable(t("cli.race_debriefed", title=rd.title, seed=rd.seed, lab=rd.lab_name, labs=len(rd.labs), winner=winner), one_line=True))
    for p in paths:
        print(t("cli.wrote", path=str(p)))
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from game.classroom.handout import write_handout

    scenario = common.load_scenario(args)
    out = Path(args.out)
    if out.is_dir():
        raise common.UsageError(t("cli.o_is_folder", out=str(out)))
    try:
        _make_out(out.parent if str(out.parent) else Path("."))
        write_handout(scenario, out, answers=args.answers)
    except OSError as e:
        raise common.CommandError(t("cli.cannot_write", out=str(out), why=str(e.strerror or e))) from None
    print(t("cli.wrote", path=str(out)))
    return 0


def cmd_class_report(args: argparse.Namespace) -> int:
    from game.classroom.results import ResultError
    from game.classroom.summary import check_any, load_results, write_report

    missing = [i for i in args.inputs if not Path(i).exists()]
    if missing:
        raise common.UsageError(t("cli.no_such", path=str(missing[0])))
    out = _check_out(args.out)
    dirs = common.scenario_dirs(args)
    loaded = load_results(args.inputs, dirs)
    if loaded.results or len(loaded.skipped) > 1:  # a lone skipped file is named in the error
        for p, reason in loaded.skipped:
            print(printable(t("cli.skipped", path=str(p), why=reason), one_line=True), file=sys.stderr)
    try:
        check_any(loaded, args.inputs)
    except ResultError as e:
        raise common.CommandError(str(e)) from None
    try:  # written beside --out and moved into place when whole
        paths, loaded, summaries = write_report(loaded, out, dirs)
    except ResultError as e:
        raise common.CommandError(str(e)) from None
    except OSError as e:
        where = f" ({e.filename})" if getattr(e, "filename", None) else ""
        raise common.CommandError(t("cli.cannot_write_summary", out=str(out), where=where, why=str(e.strerror or e))) from None
    for s in summaries:
        counts = ", ".join(f"{o.title} {o.count}" for o in s.outcomes)
        print(printable(t("cli.class_line", title=s.title, games=s.games, counts=counts), one_line=True))
    for p in paths:
        print(t("cli.wrote", path=str(p)))
    return 0
