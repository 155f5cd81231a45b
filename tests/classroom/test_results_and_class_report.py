"""Result files and the class report: what goes in comes out, counted right."""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter

import pytest

from game.classroom.replay import ReplayError, load_any
from game.classroom.results import (
    RESULT_SCHEMA_VERSION,
    ResultError,
    read_result,
    result_json_schema,
    write_result,
)
from game.classroom.summary import write_class_report
from game.core.session import Game
from game.sim.driver import play_game

BOTS_BY_SEED = ("planner", "cautious", "random", "historical")


def test_result_file_holds_what_a_teacher_needs(planner_game, tmp_path):
    path = write_result(planner_game, tmp_path / "r.json", player="Team Ada")
    doc = read_result(path)
    assert doc.schema_version == RESULT_SCHEMA_VERSION
    assert doc.player == "Team Ada"
    assert (doc.scenario.id, doc.seed) == ("the_burn", planner_game.seed)
    assert doc.outcome.result == planner_game.outcome
    assert doc.outcome.id == planner_game.outcome_id
    assert doc.outcome.quarters_played == 8
    assert doc.figures["cash_busd"] == round(planner_game.track("cash_busd"), 4)
    assert len(doc.decisions) == sum(1 for a in planner_game.actions if a.kind != "end_quarter")
    assert all(d.label and d.quarter for d in doc.decisions)
    assert len(doc.cards) == sum(1 for q in planner_game.quarters if q.card)
    assert path.stat().st_size < 100_000


def test_a_result_file_replays_into_the_same_game(planner_game, tmp_path):
    path = write_result(planner_game, tmp_path / "r.json")
    loaded = load_any(path)
    assert loaded.kind == "result" and loaded.warnings == []
    assert loaded.game.figures() == planner_game.figures()
    assert loaded.game.outcome_id == planner_game.outcome_id


def test_the_result_schema_is_exported_with_its_version():
    schema = result_json_schema()
    assert "schema_version" in schema["properties"]
    assert "decisions" in schema["required"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a Seven Trillion result"),
        ('{"format": "seven-trillion-result", "schema_version": 99}', "newer version"),
        ('{"format": "seven-trillion-result", "schema_version": 1}', "damaged at"),
    ],
)
def test_a_bad_result_file_is_refused_with_one_sentence(tmp_path, content, words):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(ResultError) as e:
        read_result(p)
    assert words in str(e.value) and "\n" not in str(e.value)


def test_a_file_that_is_neither_save_nor_result_cannot_be_debriefed(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("[1, 2]")
    with pytest.raises(ReplayError, match="not a Seven Trillion save or result"):
        load_any(p)


@pytest.fixture(scope="module")
def class_folder(burn, tmp_path_factory):
    """25 result files from 25 seeds (four bots in turn), plus a stray file and a duplicate."""
    folder = tmp_path_factory.mktemp("class")
    for seed in range(1, 26):
        game = play_game(Game(burn, seed), BOTS_BY_SEED[seed % 4])
        write_result(game, folder / f"team{seed:02d}.json", player=f"Team {seed}")
    (folder / "notes.json").write_text('{"hello": 1}')
    (folder / "copy").mkdir()
    (folder / "copy" / "team01-again.json").write_bytes((folder / "team01.json").read_bytes())
    return folder


@pytest.fixture(scope="module")
def class_report(class_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    paths, loaded, summaries = write_class_report([class_folder], out)
    return out, paths, loaded, summaries


def _inputs(class_folder):
    return [read_result(class_folder / f"team{s:02d}.json") for s in range(1, 26)]


def test_class_report_counts_every_outcome(class_folder, class_report):
    _, _, loaded, summaries = class_report
    (s,) = summaries
    docs = _inputs(class_folder)
    assert s.games == 25 == len(loaded.results)
    assert {o.key: o.count for o in s.outcomes} == dict(Counter(d.outcome.id for d in docs))
    assert s.win_rate == round(sum(d.outcome.result == "won" for d in docs) / 25, 4)
    assert sorted(s.seeds) == list(range(1, 26))


def test_class_report_skips_strays_and_counts_a_copy_once(class_report):
    _, _, loaded, _ = class_report
    assert [p.name for p, _ in loaded.skipped] == ["notes.json"]
    assert [p.name for p in loaded.duplicates] == ["team01-again.json"]


def test_class_report_spreads_match_the_inputs(class_folder, class_report):
    (s,) = class_report[3]
    docs = _inputs(class_folder)
    for key in ("cash_busd", "revenue_busd_per_year", "raised_busd", "trust"):
        values = [d.figures[key] for d in docs]
        sp = s.figures[key]
        assert sp.median == pytest.approx(statistics.median(values), abs=1e-3)
        assert (sp.min, sp.max) == (pytest.approx(min(values), abs=1e-3), pytest.approx(max(values), abs=1e-3))
    assert s.quarters_played.max == max(d.outcome.quarters_played for d in docs)


def test_class_report_most_common_decision_is_counted_per_game(class_folder, class_report):
    (s,) = class_report[3]
    docs = _inputs(class_folder)
    top = s.common_decisions[0]
    assert top.games == sum(any(x.label == top.label for x in d.decisions) for d in docs)
    assert top.times == sum(x.label == top.label for d in docs for x in d.decisions)
    assert all(top.games >= c.games for c in s.common_decisions)


def test_class_report_writes_a_csv_row_per_game(class_folder, class_report):
    out, paths, _, _ = class_report
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8")))
    docs = {f"team{s:02d}.json": d for s, d in zip(range(1, 26), _inputs(class_folder), strict=True)}
    assert len(rows) == 25
    for row in rows:
        d = docs[row["file"]]
        assert row["ending"] == d.outcome.id
        assert float(row["cash_busd"]) == pytest.approx(d.figures["cash_busd"])
        assert int(row["pitches"]) == sum(x.kind == "pitch" for x in d.decisions)
    names = {p.name for p in paths}
    assert {"summary.html", "results.csv", "summary.json", "outcomes.png", "figures.png", "decisions.png"} <= names
    summary = json.loads((out / "summary.json").read_text())
    assert summary["games"] == 25 and summary["scenarios"][0]["scenario_id"] == "the_burn"


def test_class_report_counts_a_save_file_as_a_result(burn, tmp_path):
    from game.saves.store import save_game

    game = play_game(Game(burn, 3), "cautious")
    (tmp_path / "in").mkdir()
    save_game(game, tmp_path / "in" / "save.json", player="Team Save")
    write_result(play_game(Game(burn, 4), "planner"), tmp_path / "in" / "result.json", player="Team Result")
    _, loaded, (s,) = write_class_report([tmp_path / "in"], tmp_path / "out")
    assert loaded.skipped == [] and s.games == 2
    assert sorted(s.players) == ["Team Result", "Team Save"]


def test_class_report_with_no_result_file_says_so(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    with pytest.raises(ResultError, match="no result files"):
        write_class_report([tmp_path], tmp_path / "out")


def test_a_page_with_no_room_left_says_which_file_holds_the_rest():
    """The class report's PDF points to summary.html, the debrief's to report.html; a handout,
    which has no web page, marks the cut with an ellipsis alone."""
    from game.classroom.charts import plt
    from game.classroom.report import _Column

    said = {}
    for rest_in in ("summary.html", "report.html", ""):
        fig = plt.figure()
        col = _Column(fig, 0.05, 0.2, 0.1, 80, rest_in=rest_in)
        while col.line("a line of the report"):
            pass
        said[rest_in] = fig.texts[-1].get_text()
        plt.close(fig)
    assert "summary.html" in said["summary.html"] and "report.html" in said["report.html"]
    assert said[""] == "…"
