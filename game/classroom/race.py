"""Result files of a race of labs: one per team, each with the whole race beside it.

A team's file is an ordinary result (its lab's outcome, figures, decisions and cards, as the
class report reads any result) plus `race`: every lab side by side (team or bot, outcome,
standing, figures), the winner, the common fate, and every lab's moves, which with the seed
replay the race (`replay_race`), so the class report can check each file as it checks a
one-lab game. Bots get no file: they are not teams.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from game.classroom.results import (
    RESULT_FORMAT,
    RESULT_SCHEMA_VERSION,
    CardSeen,
    Decision,
    Outcome,
    Race,
    RaceLab,
    RaceMove,
    ResultError,
    ResultFile,
    ScenarioRef,
    _clean_player,
    _slug,
    results_folder,
)
from game.core.actions import Choose, EndQuarter
from game.core.facts import told_went_well
from game.core.history import RULES_VERSION
from game.core.match import Match, MatchRecord
from game.saves.store import damage, write_atomic
from game.scenario.loader import scenario_hash
from game.scenario.schema import Scenario
from game.text.words import Words


def lab_figures(match: Match, seat: int) -> dict[str, float]:
    """The figures a result reports for one lab (a one-lab game's, and its burn, as `result_of` adds)."""
    return match.lab_figures(seat) | {"burn_busd_per_year": round(match.lab(seat).track("burn_busd_per_year"), 4)}


def race_id(match: Match, stamp: str) -> str:
    return f"{match.scenario.meta.id}-seed{match.seed}-{match.seats}labs-{stamp}"


def race_of(match: Match, teams: dict[int, str], bots: dict[int, str], seat: int, stamp: str) -> Race:
    words = Words(match.scenario, match.c)
    labs = []
    for s in range(match.seats):
        oid = match.outcome_id_of(s)
        labs.append(RaceLab(
            id=match.lab_id(s), name=match.lab_name(s), team=_clean_player(teams.get(s, "")), bot=bots.get(s, "") if s not in teams else "",
            result=match.outcome_of(s) or "unfinished", ending=oid, title=words.ending_title(oid) if match.lab(s).over else "",
            standing=match.standings()[s], figures=lab_figures(match, s),
        ))
    fate = match.scenario.labs.common_fate
    collapsed = fate is not None and any(match.outcome_id_of(s) == fate.id for s in range(match.seats))
    return Race(
        id=race_id(match, stamp), lab=match.lab_id(seat), labs=labs, winner=match.lab_id(match.winner),
        standing=match.scenario.labs.standing, common_fate=match.common_fate, fate_collapsed=collapsed,
        moves=[RaceMove(seat=s, action=a) for s, a in match.moves],
    )


def team_result(match: Match, seat: int, teams: dict[int, str], bots: dict[int, str], stamp: str) -> ResultFile:
    """The result file of the team that played `seat`."""
    words = Words(match.scenario, match.c)
    c = match.c
    own = [a for s, a in match.moves if s == seat]
    told = [e for e in match.log if e.kind == "action" and e.seat == seat]
    decisions: list[Decision] = []
    chosen: dict[int, str] = {}
    events = {e.id: e for e in match.scenario.events}
    cards_at: dict[int, str] = {e.turn: e.fact.figures["card"] for e in match.log if e.kind == "card" and e.seat == seat}
    for action, entry in zip(own, told, strict=True):
        if isinstance(action, EndQuarter):
            continue
        move = entry.fact.figures.get("move")
        label = words.say(move) if move is not None else words.say(entry.fact)
        card = events.get(cards_at.get(entry.turn, ""))
        if isinstance(action, Choose) and card is not None and action.option < len(card.choices):
            label = f"{card.title}: {card.choices[action.option].label}"
            chosen[entry.turn] = card.choices[action.option].label
        decisions.append(Decision(turn=entry.turn, quarter=c.date_label(entry.turn), kind=action.kind, label=label,
                                  outcome=words.result(entry.fact), went_well=told_went_well(entry.fact)))
    cards = [CardSeen(turn=turn, quarter=c.date_label(turn), card=cid, title=events[cid].title, choice=chosen.get(turn))
             for turn, cid in sorted(cards_at.items()) if cid in events]
    quarters = [e.turn for e in match.log if e.kind == "quarter" and e.seat == seat]  # one per quarter it played
    oid = match.outcome_id_of(seat)
    over = match.lab(seat).over
    return ResultFile(
        format=RESULT_FORMAT,
        schema_version=RESULT_SCHEMA_VERSION,
        written_at=datetime.now(UTC).isoformat(timespec="seconds"),
        player=_clean_player(teams.get(seat, "")),
        scenario=ScenarioRef(id=match.scenario.meta.id, title=match.scenario.meta.title, hash=scenario_hash(match.scenario)),
        seed=match.seed,
        outcome=Outcome(
            result=match.outcome_of(seat) or "unfinished", id=oid, title=words.ending_title(oid) if over else "",
            text=words.ending_text(oid) if over else "", quarters_played=len(quarters),
            last_quarter=c.date_label(quarters[-1]) if quarters else match.date,
        ),
        figures=lab_figures(match, seat),
        decisions=decisions,
        cards=cards,
        actions=own,
        rules_version=RULES_VERSION,
        race=race_of(match, teams, bots, seat, stamp),
    )


def write_race_results(match: Match, teams: dict[int, str], bots: dict[int, str], where: str | Path | None = None) -> list[Path]:
    """One result file per team (seat -> team name) into `where` (a folder, made if missing;
    default the results folder): '<team>-<lab>-<scenario>-<when>.json'. Raises ResultError."""
    folder = Path(where) if where else results_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ResultError(f"could not write the result files into {folder}: {e.strerror or e}") from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    paths = []
    for seat in sorted(teams):
        path = folder / f"{_slug(teams[seat]) or 'team'}-{_slug(match.lab_id(seat))}-{_slug(match.scenario.meta.id, 40)}-{stamp}.json"
        try:
            doc = team_result(match, seat, teams, bots, stamp)
        except ValidationError as e:
            raise ResultError(f"could not write the result file {path}: the race holds a value a result cannot keep ({damage(e)})") from None
        try:
            write_atomic(path, doc.model_dump_json(indent=1))
        except (OSError, ValueError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise ResultError(f"could not write the result file {path}: {why}") from None
        paths.append(path)
    return paths


def replay_race(scenario: Scenario, doc: ResultFile) -> Match:
    """The race a team's result file records, played again from its seed and moves (raises
    IllegalAction if a move no longer fits the scenario)."""
    race = doc.race
    assert race is not None
    record = MatchRecord(doc.seed, len(race.labs), [(m.seat, m.action) for m in race.moves])
    return Match.replay(scenario, record)


def race_mismatch(doc: ResultFile, match: Match) -> str | None:
    """How a race result's claims differ from the race its moves give (None when they agree):
    its lab's outcome and figures, and every lab's outcome."""
    race = doc.race
    assert race is not None
    ids = [match.lab_id(s) for s in range(match.seats)]
    if race.lab not in ids:
        return f"it names the lab {race.lab!r}, which is not in the race"
    seat = ids.index(race.lab)
    real = (match.outcome_of(seat) or "unfinished", match.outcome_id_of(seat))
    if (doc.outcome.result, doc.outcome.id) != real:
        return f"it says {doc.outcome.result} ({doc.outcome.id}), but replaying the race gives {real[0]} ({real[1]})"
    fresh = lab_figures(match, seat)
    for key in sorted(set(doc.figures) | set(fresh)):
        said, got = doc.figures.get(key), fresh.get(key)
        if said is None or got is None or not math.isclose(said, got, rel_tol=1e-6, abs_tol=1e-6):
            return f"its figure {key} says {said}, but replaying the race gives {got}"
    for s, lab in enumerate(race.labs):
        if (lab.id, lab.result, lab.ending) != (ids[s], match.outcome_of(s) or "unfinished", match.outcome_id_of(s)):
            return f"it says {lab.id} {lab.result} ({lab.ending}), but replaying the race gives {ids[s]} {match.outcome_of(s)} ({match.outcome_id_of(s)})"
    if race.winner != match.lab_id(match.winner):
        return f"it names {race.winner} the winner, but replaying the race gives {match.lab_id(match.winner)}"
    return None


def race_result_again(match: Match, doc: ResultFile) -> ResultFile:
    """A team's result file said again from its replayed race (in the language in use), keeping
    what identifies it: the team, the race and when it was written."""
    race = doc.race
    assert race is not None
    teams = {s: lab.team for s, lab in enumerate(race.labs) if lab.team}
    bots = {s: lab.bot for s, lab in enumerate(race.labs) if not lab.team}
    seat = [match.lab_id(s) for s in range(match.seats)].index(race.lab)
    fresh = team_result(match, seat, teams, bots, "")
    return fresh.model_copy(update={
        "written_at": doc.written_at, "player": doc.player,
        "race": fresh.race.model_copy(update={"id": race.id}),
    })
