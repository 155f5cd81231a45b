"""Files from students and strangers are data: a save, a result file or a mod never names a file
for the game to read, is never read unless it is an ordinary file of a sane size, and holds only
numbers within range. Every bad file gets one line saying where, what and how to fix it; no
traceback, no hang, and nothing already saved is lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.classroom.replay import ReplayError, load_any
from game.classroom.results import ResultError, read_result
from game.cli import main
from game.cli.text_game import TextGame
from game.saves.store import SaveError, autosave, load_game, read_save, save_game
from game.scenario.files import FileRefused, printable, read_regular_file
from game.scenario.loader import ScenarioError, read_scenario_file

SECRET = "top-secret-line: never print me"
HUGE = "9" * 5000  # an integer of more digits than Python's int parser takes by default


def one_line(text: str) -> str:
    text = text.strip()
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


def written(path: Path, doc: dict | str) -> Path:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def huge_json(doc: dict, field: str) -> str:
    """The document with one top-level number replaced by a 5000-digit integer."""
    return json.dumps({**doc, field: 1}).replace(f'"{field}": 1', f'"{field}": {HUGE}')


# ---------------------------------------------------------------- a file never names a file


def test_a_save_cannot_name_a_file_to_read(save_doc, tmp_path, capsys):
    secret = written(tmp_path / "secret.yaml", SECRET + "\n")
    asked = []

    def find(scenario_id, path):
        asked.append((scenario_id, path))
        raise LookupError("not installed")

    path = written(tmp_path / "s.json", {**save_doc, "scenario_path": str(secret)})
    with pytest.raises(SaveError):
        load_game(path, find)
    assert asked == [("the_burn", None)]  # looked up by id alone; the path is never passed on
    doc = {**save_doc, "scenario_path": str(secret), "scenario_id": "not_installed"}
    assert main(["play", "--load", str(written(tmp_path / "t.json", doc))]) == 1
    err = one_line(capsys.readouterr().err)
    assert '"not_installed"' in err and "not available" in err and SECRET not in err


def test_a_save_names_its_scenario_by_id_and_hash_only(lost_game, tmp_path):
    path = save_game(lost_game, tmp_path / "s.json", scenario_path="/etc/passwd")
    doc = json.loads(path.read_text())
    assert "scenario_path" not in doc and doc["scenario_id"] == "the_burn" and doc["scenario_hash"]


@pytest.mark.parametrize("where", ["/dev/zero", "fifo", "folder"])
def test_a_saved_path_to_a_device_a_fifo_or_a_folder_is_never_opened(save_doc, tmp_path, where):
    target = {"/dev/zero": "/dev/zero", "fifo": str(tmp_path / "pipe.yaml"), "folder": str(tmp_path)}[where]
    if where == "fifo":
        os.mkfifo(target)
    path = written(tmp_path / "s.json", {**save_doc, "scenario_path": target})
    loaded = load_any(path)  # the game comes back from the id; the path is ignored
    assert loaded.game.scenario.meta.id == "the_burn"


@pytest.mark.parametrize("bad_id", ["/etc/passwd", "../x", "default.yaml", "Default", "x" * 500])
def test_a_scenario_id_that_is_not_a_plain_id_is_damage(save_doc, result_doc, tmp_path, bad_id):
    with pytest.raises(SaveError) as e:
        read_save(written(tmp_path / "s.json", {**save_doc, "scenario_id": bad_id}))
    assert "damaged at scenario_id" in one_line(str(e.value))
    result_doc["scenario"]["id"] = bad_id
    with pytest.raises(ResultError) as e:
        read_result(written(tmp_path / "r.json", result_doc))
    assert "damaged at scenario.id" in one_line(str(e.value))


# ---------------------------------------------------------------- only ordinary files, only so big


def unusual(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        path = tmp_path / "pipe.json"
        os.mkfifo(path)
        return path
    if kind == "folder":
        path = tmp_path / "folder.json"
        path.mkdir()
        return path
    if kind == "device":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero here")
        return Path("/dev/zero")
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_never_opened(tmp_path, kind):
    path = unusual(tmp_path, kind)
    with pytest.raises(FileRefused) as e:
        read_regular_file(path, 1000)
    assert "not an ordinary file" in str(e.value)
    with pytest.raises(SaveError, match="not an ordinary file"):
        read_save(path)
    with pytest.raises(ResultError, match="not an ordinary file"):
        read_result(path)
    with pytest.raises(ReplayError, match="not an ordinary file"):
        load_any(path)
    with pytest.raises(ScenarioError, match="not an ordinary file"):
        read_scenario_file(path)


@pytest.mark.parametrize("command", ["play", "debrief", "class-report"])
def test_every_command_that_reads_a_save_says_one_line_for_a_fifo(tmp_path, capsys, command):
    path = unusual(tmp_path, "fifo")
    argv = {
        "play": ["play", "--load", str(path)],
        "debrief": ["debrief", str(path), "--out", str(tmp_path / "out"), "--worlds", "0", "--no-pdf"],
        "class-report": ["class-report", str(path), "--out", str(tmp_path / "out")],
    }[command]
    assert main(argv) in (1, 2)
    assert "not an ordinary file" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path):
    path = written(tmp_path / "big.json", "x" * 2000)
    with pytest.raises(FileRefused, match="over the"):
        read_regular_file(path, 1000)
    assert read_regular_file(path, 2000) == b"x" * 2000


def test_a_byte_order_mark_is_not_damage(save_doc, tmp_path):
    path = written(tmp_path / "bom.json", "\ufeff" + json.dumps(save_doc))
    assert read_save(path).scenario_id == "the_burn"


def test_a_missing_save_whose_backup_survives_says_so(save_doc, tmp_path):
    written(tmp_path / "s.json.bak", save_doc)
    with pytest.raises(SaveError) as e:
        read_save(tmp_path / "s.json")
    assert "s.json.bak" in one_line(str(e.value))


# ---------------------------------------------------------------- numbers within range


@pytest.mark.parametrize("field", ["seed", "version"])
def test_a_5000_digit_number_in_a_save_is_damage_not_a_crash(save_doc, tmp_path, capsys, field):
    path = written(tmp_path / "s.json", huge_json(save_doc, field))
    with pytest.raises(SaveError) as e:
        read_save(path)
    assert "damaged" in one_line(str(e.value)) and "5,000 digits" in str(e.value)
    assert main(["play", "--load", str(path)]) == 1
    assert "damaged" in one_line(capsys.readouterr().err)


def test_a_5000_digit_number_in_a_result_is_damage_not_a_crash(result_doc, tmp_path, capsys):
    path = written(tmp_path / "r.json", huge_json(result_doc, "seed"))
    with pytest.raises(ResultError, match="damaged"):
        read_result(path)
    assert main(["debrief", str(path), "--out", str(tmp_path / "d"), "--worlds", "0", "--no-pdf"]) == 2
    assert "damaged" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e308, -1e300])
def test_a_pitch_of_nan_inf_or_1e308_in_a_save_is_refused_at_load(save_doc, tmp_path, value):
    save_doc["actions"].insert(0, {"kind": "pitch", "investor": "x", "ask_busd": value})
    path = written(tmp_path / "s.json", save_doc)
    with pytest.raises(SaveError) as e:
        read_save(path)
    assert "damaged at actions.0.ask_busd" in one_line(str(e.value))


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e308])
def test_a_saved_figure_out_of_range_is_refused_at_load(save_doc, tmp_path, value):
    save_doc["snapshot"]["figures"]["cash_busd"] = value
    with pytest.raises(SaveError) as e:
        read_save(written(tmp_path / "s.json", save_doc))
    assert "damaged at snapshot.figures.cash_busd" in one_line(str(e.value))


@pytest.mark.parametrize("version", [0, -1])
def test_a_save_of_version_0_or_below_is_damage(save_doc, tmp_path, version):
    with pytest.raises(SaveError, match="damaged at version"):
        read_save(written(tmp_path / "s.json", {**save_doc, "version": version}))


# ---------------------------------------------------------------- seeds


def test_the_largest_seed_is_played_saved_and_loaded(burn, tmp_path):
    from game.core.session import Game
    from game.scenario.schema import SEED_LIMIT

    g = Game(burn, SEED_LIMIT - 1)
    path = save_game(g, tmp_path / "s.json")
    assert load_any(path).game.seed == SEED_LIMIT - 1


@pytest.mark.parametrize("seed", [str(2**63), str(2**64), "-1", "9" * 5000, "x"])
@pytest.mark.parametrize(
    "argv",
    [["play"], ["run"], ["simulate", "--worlds", "2"], ["validate", "--playtest", "1", "scenarios/default.yaml"]],
)
def test_a_seed_out_of_range_is_one_line_on_every_command(capsys, argv, seed):
    assert main([*argv, "--seed", seed]) == 2
    err = one_line(capsys.readouterr().err)
    assert "--seed" in err and "whole number" in err and len(err) < 300


def test_no_game_is_lost_when_an_autosave_cannot_be_written(burn, home):
    from game.core.session import Game

    g = Game(burn, 2**64)  # a seed no save can keep (the core takes it)
    with pytest.raises(SaveError) as e:
        autosave(g, home / "saves")
    assert "could not write" in one_line(str(e.value))
    lines: list[str] = []
    answers = iter(["1", "end", "quit"])
    TextGame(g, read=lambda _: next(answers), write=lines.append).loop()  # goes on to quit


# ---------------------------------------------------------------- what the terminal prints


def test_escape_codes_in_a_save_label_are_shown_not_run(save_doc, home):
    folder = home / "saves"
    folder.mkdir(parents=True)
    written(folder / "evil.json", {**save_doc, "label": "\x1b]0;pwned\x07\x1b[2J\x9bred\u202e"})
    lines: list[str] = []
    TextGame(load_any(folder / "evil.json").game, write=lines.append).list_saves()
    shown = "\n".join(lines)
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9bred\\u202e" in shown
    assert not any(c in shown for c in "\x1b\x07\x9b\u202e")


def test_printable_keeps_ordinary_text_and_line_breaks():
    assert printable("Team Ada: 43 $B at Abu Dhabi\n\tnext") == "Team Ada: 43 $B at Abu Dhabi\n\tnext"
    assert printable("a\nb", one_line=True) == "a\\x0ab"


def test_a_text_of_absurd_length_is_damage_and_the_line_stays_short(save_doc, tmp_path, capsys):
    save_doc["actions"].insert(0, {"kind": "travel", "to": "x\x1b[31m" * 100_000})
    path = written(tmp_path / "s.json", save_doc)
    assert main(["play", "--load", str(path)]) == 1
    err = one_line(capsys.readouterr().err)
    assert "damaged at actions.0.to" in err and len(err) < 400 and "\x1b" not in err
