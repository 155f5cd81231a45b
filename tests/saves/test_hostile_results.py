"""A teacher's class report counts only what the moves in a result file really gave: an edited
result is named and not counted, a bad file is reported and skipped, the report is still written
whole, and a failure half-way leaves no half-written folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from game.classroom.summary import csv_cell, load_results
from game.cli import main


def written(path: Path, doc: dict | str) -> Path:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_an_edited_result_does_not_count_as_a_win(result_doc, tmp_path, capsys):
    assert result_doc["outcome"]["result"] == "lost"
    folder = tmp_path / "class"
    folder.mkdir()
    written(folder / "honest.json", result_doc)
    edited = json.loads(json.dumps(result_doc))
    edited["player"] = "Team Eve"
    edited["outcome"]["result"] = "won"
    edited["figures"]["cash_busd"] = 999.0
    written(folder / "edited.json", edited)
    assert main(["class-report", str(folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"skipped {folder / 'edited.json'}: edited or from another version" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    (scenario,) = summary["scenarios"]
    assert scenario["games"] == 1 and scenario["win_rate"] == 0


@pytest.mark.parametrize("change", ["figure", "quarters"])
def test_an_edited_figure_or_length_is_flagged_by_the_replay(result_doc, tmp_path, change):
    if change == "figure":
        result_doc["figures"]["raised_busd"] = result_doc["figures"].get("raised_busd", 0) + 1
    else:
        result_doc["outcome"]["quarters_played"] += 1
    loaded = load_results([written(tmp_path / "r.json", result_doc)])
    assert loaded.results == []
    assert loaded.skipped[0][1].startswith("edited or from another version of the scenario")


def test_debrief_warns_when_a_result_does_not_match_its_replay(result_doc, tmp_path, capsys):
    result_doc["outcome"]["result"] = "won"
    path = written(tmp_path / "r.json", result_doc)
    assert main(["debrief", str(path), "--out", str(tmp_path / "d"), "--worlds", "0", "--no-pdf"]) == 0
    assert "does not match a replay of its moves" in capsys.readouterr().err


@pytest.mark.parametrize("figures", [{"cash_busd": 1e308}, {}, {"cash_busd": float("nan")}])
def test_a_bad_figure_is_one_line_per_file_and_the_report_is_still_written(result_doc, tmp_path, capsys, figures):
    folder = tmp_path / "class"
    folder.mkdir()
    written(folder / "good.json", result_doc)
    written(folder / "bad.json", {**result_doc, "player": "x", "figures": figures})
    assert main(["class-report", str(folder), "--out", str(tmp_path / "out")]) == 0
    (line,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("skipped")]
    assert line.startswith(f"skipped {folder / 'bad.json'}: damaged at figures")
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"summary.html", "results.csv", "summary.json"}


def test_a_report_that_fails_half_way_leaves_no_half_written_folder(result_doc, tmp_path, monkeypatch, capsys):
    from game.classroom import charts

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(charts, "class_charts", broken)
    path = written(tmp_path / "r.json", result_doc)
    assert main(["class-report", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["r.json", "real-result.json"]


def test_a_report_written_again_replaces_the_old_one_whole(result_doc, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("the teacher's own notes")
    path = written(tmp_path / "r.json", result_doc)
    assert main(["class-report", str(path), "--out", str(out)]) == 0
    assert (out / "notes.txt").read_text() == "the teacher's own notes"
    assert (out / "summary.html").is_file() and not list(tmp_path.glob(".out.*"))


@pytest.mark.parametrize(
    "text",
    ["\n=1+1", "\r\n=1", "\u00a0=HYPERLINK(1)", "\u200b=1", "\ufeff+1", "\u2060-1", " \t @A1", "\u3000=1"],
)
def test_a_formula_after_invisible_characters_is_plain_text(text):
    assert csv_cell(text) == "'" + text


def test_a_team_name_with_a_hidden_formula_is_plain_text_in_the_csv(result_doc, tmp_path):
    result_doc["player"] = "\u200b=HYPERLINK(\"http://evil\")"
    path = written(tmp_path / "r.json", result_doc)
    assert main(["class-report", str(path), "--out", str(tmp_path / "out")]) == 0
    (row,) = csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8"))
    assert row["player"].startswith("'")


def test_a_result_that_cannot_be_kept_is_a_sentence_not_a_crash(burn, tmp_path):
    from game.classroom.results import ResultError, write_result
    from game.core.session import Game

    with pytest.raises(ResultError, match="could not write the result file"):
        write_result(Game(burn, 2**64), tmp_path / "r.json")
    assert not (tmp_path / "r.json").exists()
