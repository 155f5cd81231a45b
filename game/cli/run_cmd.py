"""Headless commands: `run` (one game with a bot), `simulate` (many worlds), `scenarios`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from game.cli import common

if TYPE_CHECKING:
    from game.core.session import Game

# The engine and numpy load only when a command runs, so `validate` and `--help` start fast.
BOT_NAMES = ("random", "cautious", "historical", "planner", "homebody", "builder", "safety_first", "gulf_funded")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="play one full game headless with a bot")
    common.add_scenario_flags(p)
    p.add_argument("--bot", default="planner", help=f"who plays: {', '.join(BOT_NAMES)} (default: planner)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.add_argument("--result", metavar="FILE", help="also write the game's result file (classroom)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("simulate", help="play many worlds at once with a bot")
    common.add_scenario_flags(p, seed_default=1)
    p.add_argument("--worlds", type=int, default=1000, help="how many worlds (default 1000)")
    p.add_argument("--bot", default="planner", help=f"who plays: {', '.join(BOT_NAMES)} (default: planner)")
    p.add_argument("--labs", type=int, default=None,
                   help="play matches of this many labs (2-4) instead of one-lab worlds: --worlds counts matches")
    p.add_argument("--bots", default=None, metavar="A,B,...",
                   help="with --labs: one bot per seat, comma-separated (seats rotate from match to match; "
                        "default: the scenario's labs' own bots, the planner for yours)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("scenarios", help="list the scenarios found")
    p.add_argument("--mods", action="append", metavar="DIR", help="also look in this folder")
    p.set_defaults(func=cmd_scenarios)


def _check_bot(name: str) -> None:
    from game.bots import BOTS

    if name not in BOTS:
        raise common.UsageError(f'seven-trillion: no bot called "{name}"; choose one of: {", ".join(BOTS)}')


def game_record(game: Game, bot: str) -> dict:
    """The JSON document of a finished game: outcome, final figures, and each quarter."""
    from game.text.words import Words

    say = Words(game.scenario, game.c)
    history = []
    for q in game.quarters:
        if not q.tracks:
            continue
        history.append(
            {
                "turn": q.turn,
                "quarter": q.date,
                "card": q.card,
                "choice": q.choice,
                "actions": [say.say(label) for label in q.labels],
                "action_data": [a.model_dump() for a in q.actions],
                "incident": q.incident,
                "cash_busd": round(q.tracks["cash_busd"], 4),
                "revenue_busd_per_year": round(q.tracks["revenue_busd_per_year"], 4),
                "spend_busd_per_year": round(q.tracks["spend_busd_per_year"], 4),
                "power_gw": round(q.tracks["power_gw_online"], 4),
                "chips": round((q.tracks["rented_chips_m"] + q.tracks["own_chips_m"]) * 1e6),
                "scrutiny": round(q.tracks["scrutiny"], 4),
                "credibility": round(q.tracks["credibility"], 4),
                "trust": round(q.tracks["trust"], 4),
                "valuation_busd": round(q.tracks["valuation_busd"], 4),
            }
        )
    return {
        "scenario": game.scenario.meta.id,
        "seed": game.seed,
        "bot": bot,
        "outcome": game.outcome,
        "reason": game.outcome_id,
        "reason_text": say.outcome_reason(game),
        "turns": len(history),
        "final": game.figures(),
        "history": history,
    }


def cmd_run(args: argparse.Namespace) -> int:
    from game.core.session import Game
    from game.sim.driver import play_game

    _check_bot(args.bot)
    scenario = common.load_scenario(args)
    seed = common.seed_of(args, scenario)
    game = play_game(Game(scenario, seed), args.bot)
    record = game_record(game, args.bot)
    if args.result:
        from game.classroom.results import ResultError, write_result

        try:
            write_result(game, args.result, player=f"bot:{args.bot}")
        except ResultError as e:
            raise common.CommandError(str(e), code=1) from None
    if args.json:
        print(json.dumps(record, indent=None))
        return 0
    f = record["final"]
    print(f"{scenario.meta.title}, seed {seed}, played by the {args.bot} bot")
    print(f"{record['outcome'].upper()} after {record['turns']} quarters: {record['reason_text']}")
    print(
        f"Cash {f['cash_busd']:.1f} $B, revenue {f['revenue_busd_per_year']:.1f} $B/yr, "
        f"spending {f['spend_busd_per_year']:.1f} $B/yr, power {f['power_gw']:.1f} GW, "
        f"chips {f['chips']:,}, scrutiny {f['scrutiny']:.1f}, credibility {f['credibility']:.1f}, "
        f"trust {f['trust']:.1f}, valuation {f['valuation_busd']:.0f} $B"
    )
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.bots import UnknownBot
    from game.core.compiled import compile_scenario
    from game.sim.batch import CHUNK, simulate

    if args.labs is not None or args.bots is not None:
        return _simulate_matches(args)
    _check_bot(args.bot)
    if args.worlds < 1 or args.worlds > 5_000_000:
        raise common.UsageError("seven-trillion: --worlds must be between 1 and 5,000,000")
    scenario = common.load_scenario(args)
    seed = common.seed_of(args, scenario)
    c = compile_scenario(scenario)

    def progress(done: int, worlds: int) -> None:
        if worlds > CHUNK and sys.stderr.isatty():
            print(f"\r  {done:,} of {worlds:,} worlds played", end="\n" if done == worlds else "", file=sys.stderr)

    try:
        summary = simulate(c, args.worlds, args.bot, seed, progress=progress)
    except UnknownBot as e:
        raise common.UsageError(f"seven-trillion: {e}") from None
    summary.update({"bot": args.bot, "seed": seed})
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"{scenario.meta.title}: {args.worlds:,} world{'s' if args.worlds != 1 else ''}, {args.bot} bot, seed {seed}")
    print(f"  win rate       {summary['win_rate']:.1%}")
    for k, v in summary["outcomes"].items():
        print(f"  {k:<28} {v:>8,}  ({v / args.worlds:.1%})")
    for key, label in (("final_cash_busd", "final cash ($B)"), ("final_power_gw", "final power (GW)")):
        pc = summary[key]
        print(f"  {label:<17} " + "  ".join(f"{k} {v:,.1f}" for k, v in pc.items()))
    print(
        f"  throughput     {summary['world_quarters_per_second']:,} world-quarters per second "
        f"({summary['world_quarters']:,} in {summary['seconds']:.2f} s)"
    )
    return 0


def _simulate_matches(args: argparse.Namespace) -> int:
    """simulate --labs N [--bots a,b,...]: matches of several labs, each bot's win rate
    against the others and how often the common fate collapsed."""
    from game.core.compiled import compile_scenario
    from game.sim.batch import CHUNK, simulate_matches

    if args.worlds < 1 or args.worlds > 1_000_000:
        raise common.UsageError("seven-trillion: with --labs, --worlds (matches) must be between 1 and 1,000,000")
    scenario = common.load_scenario(args)
    if scenario.labs is None:
        raise common.UsageError(
            f"seven-trillion: the scenario \"{scenario.meta.id}\" has no labs: section, so it seats one lab; "
            "drop --labs and --bots, or choose a scenario with rival labs (the default campaign has them)"
        )
    most = 1 + len(scenario.labs.rivals)
    labs = args.labs
    if args.bots is not None:
        bots = [b.strip() for b in args.bots.split(",") if b.strip()]
        labs = labs or len(bots)
    else:
        labs = labs or most
        bots = ["planner"] + [r.bot for r in scenario.labs.rivals][: labs - 1]
    if not 2 <= labs <= min(4, most):
        raise common.UsageError(f"seven-trillion: --labs must be between 2 and {min(4, most)} for this scenario")
    if len(bots) != labs:
        raise common.UsageError(f"seven-trillion: --bots names {len(bots)} bot(s) for {labs} labs; name one per lab")
    for b in bots:
        _check_bot(b)
    seed = common.seed_of(args, scenario)
    c = compile_scenario(scenario)

    def progress(done: int, matches: int) -> None:
        if matches * labs > CHUNK and sys.stderr.isatty():
            print(f"\r  {done:,} of {matches:,} matches played", end="\n" if done == matches else "", file=sys.stderr)

    summary = simulate_matches(c, args.worlds, bots, seed, progress=progress)
    summary["seed"] = seed
    if args.json:
        print(json.dumps(summary))
        return 0
    n = args.worlds
    print(f"{scenario.meta.title}: {n:,} match{'es' if n != 1 else ''} of {labs} labs ({', '.join(bots)}), seed {seed}")
    print(f"  each bot's win rate (seats rotate; a fair share is {summary['fair_share']:.0%})")
    for b, rate in sorted(summary["win_rate"].items(), key=lambda kv: -kv[1]):
        print(f"    {b:<14} {rate:>6.1%}  ({summary['wins'][b]:,} wins in {summary['seats_played'][b]:,} seats)")
    print("  how the matches ended")
    for k, v in summary["endings"].items():
        if v or k != "unfinished":
            print(f"    {k:<34} {v:>8,}  ({v / n:.1%})")
    print(f"  common fate collapsed in {summary['collapse_rate']:.1%} of the matches")
    print(
        f"  throughput     {summary['world_quarters_per_second']:,} lab-quarters per second "
        f"({summary['world_quarters']:,} in {summary['seconds']:.2f} s)"
    )
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    from game.scenario.clashes import RULE, clashes
    from game.scenario.files import printable
    from game.scenario.registry import discover
    from game.text.catalog import language

    entries = [e.in_language(language()) for e in discover(common.scenario_dirs(args))]
    if not entries:
        print("No scenarios found.")
        return 1
    hidden = {c.hidden: c.used for c in clashes((e.path, e.id) for e in entries if e.error is None)}
    for e in entries:
        if e.ok:
            m = e.meta
            print(f"{m.id:<24} {printable(m.title, one_line=True)}  ({m.length_minutes} min)  {printable(e.path, one_line=True)}")
        else:
            first = e.error.problems[0] if e.error and e.error.problems else None
            print(f"{printable(e.path.stem, one_line=True):<24} BROKEN: {printable(first)}", file=sys.stdout)
        if e.path in hidden:
            print(f"{'':<24} NOT PLAYED: {printable(hidden[e.path], one_line=True)} has the same id and is played instead")
    if hidden:
        print(f"scenarios: {len(hidden)} file(s) not played because another has the same id; {RULE}", file=sys.stderr)
    return 0
