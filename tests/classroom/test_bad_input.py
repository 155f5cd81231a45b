"""Bad input to the classroom tools gets one sentence that says where, what and how to fix it,
never a traceback, and nothing already on disk is lost: unreadable or damaged result files,
scenario paths that became folders, result paths that are folders, and player names that try
to run a formula in the teacher's spreadsheet."""

from __future__ import annotations

import csv
import json
import math
import os
import pathlib

import pytest

from game.classroom.replay import ReplayError, load_any
from game.classroom.results import ResultError, read_result, write_result
from game.classroom.summary import csv_cell, load_results, write_class_report, write_csv
from game.cli import main
from game.saves.store import save_game

FORMULA = '=HYPERLINK("http://evil","click")'


@pytest.fixture
def result_doc(planner_game, tmp_path):
    """A real result file's JSON document (a fresh copy for each test)."""
    path = write_result(planner_game, tmp_path / "real.json", player="Team Ada")
    return json.loads(path.read_text())


def written(tmp_path, doc: dict, name: str = "r.json") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def one_line(text: str) -> str:
    text = text.strip()
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


@pytest.fixture
def unreadable(monkeypatch):
    """Make the files named unreadable, as a file without read permission is (root ignores
    permissions, so the read itself is made to fail)."""
    locked: set[pathlib.Path] = set()
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.resolve() in locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    real_open = os.open

    def os_open(name, flags, *args, **kwargs):
        if pathlib.Path(name).resolve() in locked:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    return lambda p: locked.add(pathlib.Path(p).resolve())


# ---------------------------------------------------------------- the spreadsheet


def test_a_player_name_cannot_smuggle_a_spreadsheet_formula(planner_game, tmp_path):
    write_result(planner_game, tmp_path / "in.json", player=FORMULA)
    write_class_report([tmp_path / "in.json"], tmp_path / "out")
    (row,) = csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8"))
    assert row["player"] == "'" + FORMULA


def test_a_file_name_cannot_smuggle_a_formula_either(result_doc, tmp_path):
    written(tmp_path, result_doc, "@SUM(A1).json")
    write_class_report([tmp_path / "@SUM(A1).json"], tmp_path / "out")
    (row,) = csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8"))
    assert row["file"] == "'@SUM(A1).json"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "  =1+1"])
def test_text_a_spreadsheet_would_run_is_written_as_plain_text(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Team Ada", "Pitch 43 $B at Abu Dhabi", "", 3, -2.5, 0.0])
def test_ordinary_cells_and_negative_numbers_are_left_alone(value):
    assert csv_cell(value) == value


def test_a_negative_figure_stays_a_number_in_the_csv(result_doc, tmp_path):
    result_doc["figures"]["cash_busd"] = -3.5  # as a game that ends in debt has it
    path = written(tmp_path, result_doc)
    write_csv([(path, read_result(path))], tmp_path / "results.csv")
    (row,) = csv.DictReader((tmp_path / "results.csv").open(encoding="utf-8"))
    assert row["cash_busd"] == "-3.5"


# ---------------------------------------------------------------- impossible numbers


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("schema_version", lambda d: d.update(schema_version=-1)),
        ("schema_version", lambda d: d.update(schema_version=0)),
        ("schema_version", lambda d: d.update(schema_version="1")),
        ("schema_version", lambda d: d.update(schema_version=True)),
        ("seed", lambda d: d.update(seed=-1)),
        ("seed", lambda d: d.update(seed=2**70)),
        ("seed", lambda d: d.update(seed=1.5)),
        ("outcome.quarters_played", lambda d: d["outcome"].update(quarters_played=-3)),
        ("decisions.0.turn", lambda d: d["decisions"][0].update(turn=-1)),
        ("cards.0.turn", lambda d: d["cards"][0].update(turn=-1)),
        ("figures.cash_busd", lambda d: d["figures"].update(cash_busd=math.nan)),
        ("figures.cash_busd", lambda d: d["figures"].update(cash_busd=math.inf)),
    ],
)
def test_a_result_file_with_an_impossible_number_is_damaged_at_that_field(result_doc, tmp_path, field, change):
    change(result_doc)
    path = written(tmp_path, result_doc)
    with pytest.raises(ResultError) as e:
        read_result(path)
    assert one_line(str(e.value)).startswith(f"{path}: damaged at {field}:")
    with pytest.raises(ReplayError, match=f"damaged at {field}"):
        load_any(path)


def test_a_class_report_skips_a_result_with_a_negative_version(result_doc, tmp_path):
    result_doc["schema_version"] = -1
    path = written(tmp_path, result_doc)
    loaded = load_results([path])
    assert loaded.results == [] and loaded.skipped == [(path, "damaged at schema_version: Input should be greater than or equal to 1")]


def test_a_folder_is_not_a_result_file(tmp_path):
    with pytest.raises(ResultError, match="is a folder, not a result file"):
        read_result(tmp_path)


def test_absurdly_nested_json_is_damage_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ResultError, match="damaged"):
        read_result(path)
    with pytest.raises(ReplayError, match="damaged"):
        load_any(path)


# ---------------------------------------------------------------- unreadable inputs


def test_class_report_names_the_input_it_cannot_read_and_blames_no_output(result_doc, tmp_path, unreadable, capsys):
    path = written(tmp_path, result_doc, "locked.json")
    unreadable(path)
    out = tmp_path / "out"
    assert main(["class-report", str(path), "--out", str(out)]) == 2
    err = one_line(capsys.readouterr().err)
    assert str(path) in err and "cannot read it (Permission denied)" in err
    assert "could not write" not in err and str(out) not in err


def test_class_report_skips_an_unreadable_file_and_reports_the_rest(result_doc, tmp_path, unreadable, capsys):
    (tmp_path / "in").mkdir()
    locked = written(tmp_path / "in", result_doc, "locked.json")
    result_doc["player"] = "Team Bo"
    written(tmp_path / "in", result_doc, "bo.json")
    unreadable(locked)
    assert main(["class-report", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"skipped {locked}: cannot read it (Permission denied)" in err
    (row,) = csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8"))
    assert row["player"] == "Team Bo"


def test_debrief_names_the_file_it_cannot_read(result_doc, tmp_path, unreadable, capsys):
    path = written(tmp_path, result_doc, "locked.json")
    unreadable(path)
    assert main(["debrief", str(path), "--out", str(tmp_path / "d"), "--worlds", "0", "--no-pdf"]) == 2
    assert one_line(capsys.readouterr().err) == f"seven-trillion: {path}: cannot read it (Permission denied)"
    assert not (tmp_path / "d").exists()


def test_class_report_with_nothing_to_report_creates_no_folder(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.json").write_text('{"hello": 1}')
    out = tmp_path / "out" / "deeper"
    assert main(["class-report", str(tmp_path / "in"), "--out", str(out)]) == 2
    err = one_line(capsys.readouterr().err)
    assert "no result files" in err and "notes.json: this is not a Seven Trillion result file" in err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- scenario paths


SECRET = "top-secret-line: do not print me"


@pytest.fixture
def secret(tmp_path):
    """A private file a hostile save or result names as its scenario."""
    path = tmp_path / "secret.yaml"
    path.write_text(SECRET + "\n")
    return path


@pytest.mark.parametrize("where", [None, "folder", "fifo", "secret"])
def test_a_result_cannot_name_a_file_to_read(result_doc, tmp_path, secret, where, capsys):
    target = {None: None, "folder": str(tmp_path), "fifo": str(tmp_path / "pipe.yaml"), "secret": str(secret)}[where]
    if where == "fifo":
        os.mkfifo(target)
    result_doc["scenario"]["path"] = target
    path = written(tmp_path, result_doc)
    loaded = load_any(path)  # found by its id among the shipped scenarios; the path is never read
    assert loaded.game.scenario.meta.id == "the_burn"
    result_doc["scenario"]["id"] = "not_installed"
    path = written(tmp_path, result_doc, "other.json")
    assert main(["debrief", str(path), "--out", str(tmp_path / "d"), "--worlds", "0", "--no-pdf"]) == 2
    err = one_line(capsys.readouterr().err)
    assert '"not_installed" is not available' in err and SECRET not in err
    assert not (tmp_path / "d").exists()


def test_a_save_cannot_name_a_file_to_read(planner_game, tmp_path, secret, capsys):
    path = save_game(planner_game, tmp_path / "save.json", scenario_path=str(secret))
    assert "scenario_path" not in path.read_text()  # never written
    doc = json.loads(path.read_text())
    doc["scenario_path"] = str(secret)  # an old or hostile save naming a file
    doc["scenario_id"] = "not_installed"
    path.write_text(json.dumps(doc))
    assert main(["play", "--load", str(path)]) == 1
    err = one_line(capsys.readouterr().err)
    assert "not_installed" in err and "is not available" in err and SECRET not in err


@pytest.mark.parametrize("bad_id", ["/etc/passwd", "../../secret", "C:\\x.yaml", "default.yaml", "x" * 5000])
def test_a_save_or_result_whose_scenario_id_is_not_a_plain_id_is_refused(planner_game, result_doc, tmp_path, bad_id):
    path = save_game(planner_game, tmp_path / "save.json")
    doc = json.loads(path.read_text())
    doc["scenario_id"] = bad_id
    path.write_text(json.dumps(doc))
    with pytest.raises(ReplayError) as e:
        load_any(path)
    assert "damaged at scenario_id" in one_line(str(e.value))
    result_doc["scenario"]["id"] = bad_id
    with pytest.raises(ResultError) as e:
        read_result(written(tmp_path, result_doc))
    assert "damaged at scenario.id" in one_line(str(e.value))


# ---------------------------------------------------------------- writing result files


def test_a_result_is_never_written_over_a_folder(planner_game, tmp_path):
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "team1.json").write_text("kept")
    with pytest.raises(ResultError) as e:
        write_result(planner_game, folder)
    assert one_line(str(e.value)) == (
        f"could not write the result file {folder}: it is a folder; give a file name such as {folder / 'file.json'}"
    )
    assert (folder / "team1.json").read_text() == "kept"
    assert not (tmp_path / "results.bak").exists()


def test_a_result_is_not_written_into_a_folder_that_does_not_exist(planner_game, tmp_path):
    path = tmp_path / "nowhere" / "deeper" / "r.json"
    with pytest.raises(ResultError) as e:
        write_result(planner_game, path)
    assert f"the folder {path.parent} does not exist" in one_line(str(e.value))
    assert not (tmp_path / "nowhere").exists()


def test_a_result_cannot_go_inside_a_file(planner_game, tmp_path):
    (tmp_path / "notes.txt").write_text("kept")
    with pytest.raises(ResultError, match="is a file, not a folder"):
        write_result(planner_game, tmp_path / "notes.txt" / "r.json")
    assert (tmp_path / "notes.txt").read_text() == "kept"


def test_a_folder_in_the_way_of_the_backup_is_a_sentence_and_the_old_result_is_kept(planner_game, tmp_path):
    path = tmp_path / "r.json"
    path.write_text("the old result")
    (tmp_path / "r.json.bak").mkdir()
    with pytest.raises(ResultError) as e:
        write_result(planner_game, path)
    assert "r.json.bak is in the way" in one_line(str(e.value))
    assert path.read_text() == "the old result"


def test_rewriting_a_result_keeps_the_old_one_as_bak(planner_game, tmp_path):
    path = tmp_path / "r.json"
    path.write_text("the old result")
    write_result(planner_game, path)
    assert (tmp_path / "r.json.bak").read_text() == "the old result"
    assert read_result(path).seed == planner_game.seed


@pytest.mark.parametrize("where", ["folder", "missing parent", "bak folder"])
def test_run_with_a_bad_result_path_says_so_in_one_line(tmp_path, capsys, where):
    path = {"folder": tmp_path, "missing parent": tmp_path / "no" / "r.json", "bak folder": tmp_path / "r.json"}[where]
    if where == "bak folder":
        (tmp_path / "r.json.bak").mkdir()
    code = main(["run", "--scenario", "the_burn", "--bot", "cautious", "--result", str(path)])
    assert code != 0
    err = one_line(capsys.readouterr().err)
    assert err.startswith("seven-trillion: ") and str(path) in err
    assert tmp_path.is_dir() and not (tmp_path / "no").exists()
