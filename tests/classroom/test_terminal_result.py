"""The terminal game leaves the teacher a result file with a team name, as the desktop does."""

from __future__ import annotations

import argparse
import csv

from game.classroom.results import read_result, write_result
from game.classroom.summary import write_class_report
from game.cli import play_cmd
from game.cli.text_game import TextGame


def _run(game, **options) -> list[str]:
    out: list[str] = []
    answers = iter(options.pop("answers", []))
    TextGame(game, read=lambda _: next(answers), write=out.append, autosave_on=False, **options).loop()
    return out


def test_a_team_given_on_the_command_line_names_the_result_file(planner_game, tmp_path):
    _run(planner_game, team="Team Ada", result=str(tmp_path))
    (path,) = tmp_path.glob("*.json")
    assert path.name.startswith("team-ada-the-burn-")
    doc = read_result(path)
    assert doc.player == "Team Ada" and doc.outcome.result == planner_game.outcome


def test_without_a_team_the_game_asks_for_one_at_the_end(planner_game, tmp_path):
    _run(planner_game, result=str(tmp_path / "ada.json"), answers=["  Ada   and Bo "])
    assert read_result(tmp_path / "ada.json").player == "Ada and Bo"


def test_the_result_goes_to_the_results_folder_by_default(planner_game, tmp_path):
    _run(planner_game, team="Bo")
    (path,) = (tmp_path / "home" / "results").glob("*.json")
    assert read_result(path).player == "Bo"


def test_a_skipped_name_writes_no_file(planner_game, tmp_path):
    out = _run(planner_game, result=str(tmp_path), answers=[""])
    assert not list(tmp_path.glob("*.json"))
    assert any("--team" in line for line in out)


def test_play_takes_team_and_result_options(tmp_path):
    p = argparse.ArgumentParser()
    play_cmd.register(p.add_subparsers())
    args = p.parse_args(["play", "--scenario", "the_burn", "--team", "Ada", "--result", str(tmp_path)])
    assert args.team == "Ada" and args.result == str(tmp_path)


def test_the_class_csv_never_has_a_blank_player(planner_game, tmp_path):
    (tmp_path / "in").mkdir()
    write_result(planner_game, tmp_path / "in" / "unnamed.json", player="")
    write_class_report([tmp_path / "in"], tmp_path / "out")
    (row,) = list(csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8")))
    assert row["player"] == "unnamed"
