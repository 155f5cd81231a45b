"""A four-team class race, from the teacher's side: each team's result file, the class report
that compares the teams, the debrief's answer for a race, and the facilitator's side-by-side
pause."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.bots.policies import make_bot
from game.classroom.facilitator import match_pause
from game.classroom.race import write_race_results
from game.classroom.replay import load_any
from game.classroom.results import read_result, write_result
from game.classroom.summary import load_results, write_class_report
from game.core.actions import EndQuarter
from game.core.match import Match
from game.core.rules import legal_matrix
from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.sim.driver import play_game
from tests.classroom.conftest import CLASSROOM_DIR

TEAMS = {0: "Les Bleus", 1: "Team Ada", 2: "Équipe 3", 3: "Room 12"}


@pytest.fixture(scope="module")
def race_scenario():
    return load_scenario_file(CLASSROOM_DIR / "rival_labs.yaml")


def play(match: Match, until_turn: int | None = None) -> Match:
    """Every lab plays as its seat's bot would (a class of four teams, played for the test)."""
    bots = {s: make_bot(match.c.labs.bots[s] or "planner", match.c, s) for s in range(match.seats)}
    while not match.over and (until_turn is None or match.turn < until_turn):
        s = match.acting
        a = int(bots[s].choose(match.st, legal_matrix(match.st, match.c, [s]), np.array([s]))[0])
        if a < 0 or not match.apply(match.codec.decode(a)).ok:
            match.apply_or_raise(EndQuarter())
    return match


@pytest.fixture(scope="module")
def race(race_scenario):
    return play(Match(race_scenario, race_scenario.meta.seed, 4))


@pytest.fixture
def class_folder(race, tmp_path):
    return tmp_path, write_race_results(race, TEAMS, {}, tmp_path)


def test_the_classroom_race_is_for_four_teams(race_scenario):
    assert race_scenario.labs is not None
    assert 1 + len(race_scenario.labs.rivals) == 4
    assert race_scenario.labs.common_fate is not None


def test_each_team_of_a_four_team_class_game_gets_its_own_result_file(race, class_folder):
    folder, paths = class_folder
    assert len(paths) == 4 and len(set(paths)) == 4
    docs = [read_result(p) for p in paths]
    assert sorted(d.player for d in docs) == sorted(TEAMS.values())
    assert sorted(d.race.lab for d in docs) == sorted(race.lab_id(s) for s in range(4))
    assert len({d.race.id for d in docs}) == 1, "the four files name the same race"
    for d in docs:
        seat = [race.lab_id(s) for s in range(4)].index(d.race.lab)
        assert d.actions == [a for s, a in race.moves if s == seat], "a team's actions are its own lab's"
        assert d.outcome.result == race.outcome_of(seat)
        assert [lab.team for lab in d.race.labs] == [TEAMS[s] for s in range(4)]


def test_a_bot_s_lab_gets_no_result_file_but_is_named_in_the_race(race, tmp_path):
    paths = write_race_results(race, {0: "Solo"}, {1: "builder", 2: "safety_first", 3: "gulf_funded"}, tmp_path)
    assert len(paths) == 1
    doc = read_result(paths[0])
    assert [lab.bot for lab in doc.race.labs] == ["", "builder", "safety_first", "gulf_funded"]


def test_the_class_report_counts_every_team_s_file_after_replaying_its_race(class_folder):
    folder, paths = class_folder
    loaded = load_results([folder])
    assert loaded.skipped == []
    assert len(loaded.results) == 4


def test_a_race_result_edited_to_a_win_is_not_counted(race, class_folder):
    folder, paths = class_folder
    loser = next(p for p in paths if read_result(p).outcome.result != "won")
    data = json.loads(loser.read_text(encoding="utf-8"))
    data["outcome"]["result"] = "won"
    loser.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_results([folder])
    assert [p for p, _ in loaded.skipped] == [loser]
    assert "not counted" in loaded.skipped[0][1]


def test_the_class_report_compares_the_teams_of_a_race(race, class_folder, tmp_path):
    folder, _ = class_folder
    out = tmp_path / "report"
    write_class_report([folder], out)
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (r,) = doc["races"]
    assert sorted(row["lab"] for row in r["labs"]) == sorted(race.lab_id(s) for s in range(4))
    assert r["teams_collected"] == 4
    assert r["winner"] == (race.lab_name(race.winner) if race.winner is not None else None)
    html = (out / "summary.html").read_text(encoding="utf-8")
    for s in range(4):
        assert race.lab_name(s) in html and TEAMS[s] in html
    # printed too: the scenario's page, then the page of the races
    assert b"/Count 2" in (out / "summary.pdf").read_bytes()


def test_a_one_lab_class_report_has_no_race_section(tmp_path):
    s = load_scenario_file(CLASSROOM_DIR / "the_burn.yaml")
    write_result(play_game(Game(s, 3), "planner"), tmp_path / "team.json", player="Solo")
    write_class_report([tmp_path / "team.json"], tmp_path / "report")
    doc = json.loads((tmp_path / "report" / "summary.json").read_text(encoding="utf-8"))
    assert "races" not in doc
    assert b"/Count 1" in (tmp_path / "report" / "summary.pdf").read_bytes()


def test_the_debrief_of_a_race_result_replays_the_whole_race(race, class_folder):
    _, paths = class_folder
    loaded = load_any(paths[0])
    assert loaded.kind == "race" and loaded.game is None
    assert loaded.match.moves == race.moves


def test_the_facilitator_pause_shows_every_lab_side_by_side_with_its_place(race_scenario):
    m = play(Match(race_scenario, race_scenario.meta.seed, 4), until_turn=1)  # 2024Q2, a scripted quarter
    pause = match_pause(m, [True, True, False, True])
    assert [c.name for c in pause.labs] == [m.lab_name(s) for s in range(4)]
    assert sorted(c.place for c in pause.labs) == [1, 2, 3, 4]
    best = max(range(4), key=lambda s: (m.standings()[s], -s))
    assert pause.labs[best].place == 1
    assert pause.note == " ".join(race_scenario.script[0].note.split())
    assert race_scenario.labs.common_fate.name in pause.fate
    assert all(set(c.figures) >= {"cash_busd", "valuation_busd"} for c in pause.labs)
