"""Every hostile save, result and mod of the corpus (tests/saves/corpus.py), through every command
that reads it: one clear line naming the file, exit code 1 or 2, no traceback, no hang, and
nothing printed that should not be (no escape codes, no contents of other files)."""

from __future__ import annotations

import io
import json
import shutil
import sys
import threading

import pytest

from game.cli import main
from game.saves.store import SaveError, load_game
from game.scenario.registry import BUILTIN_DIR
from game.ui.library import finder
from tests.saves import corpus

EXAMPLE_MOD = BUILTIN_DIR / "examples" / "harsher_grid"


def run(argv: list[str], capsys, stdin: str = "quit\n", timeout: float = 120.0) -> tuple[int, str]:
    """The command's exit code and everything it printed; fails on a hang or an exception."""
    done: dict = {}
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)

    def target():
        try:
            done["rc"] = main(argv)
        except SystemExit as e:
            done["rc"] = e.code
        except BaseException as e:  # noqa: BLE001 - what a user would see as a traceback
            done["error"] = e

    try:
        t = threading.Thread(target=target, daemon=True)
        t.start()
        t.join(timeout)
    finally:
        sys.stdin = old
    assert not t.is_alive(), f"{argv} hangs"
    assert "error" not in done, f"{argv} raised {done.get('error')!r}"
    out = capsys.readouterr()
    return done["rc"], out.out + out.err


def clean(text: str) -> None:
    assert "Traceback" not in text
    assert "\x1b" not in text and "\x07" not in text, "an escape code was printed raw"
    assert "root:" not in text, "the contents of another file were printed"
    assert all(len(line) < 600 for line in text.splitlines()), "a line of absurd length"


@pytest.mark.parametrize("name", sorted(set(corpus.SAVES) - corpus.HARMLESS))
def test_a_hostile_save_gets_one_clear_line_from_every_command(name, save_doc, tmp_path, capsys):
    path = corpus.SAVES[name](tmp_path, save_doc)
    rc, text = run(["play", "--load", str(path), "--no-autosave"], capsys)
    clean(text)
    assert rc in (1, 2) and path.name in text, text
    rc, text = run(["debrief", str(path), "--out", str(tmp_path / "out"), "--no-pdf", "--worlds", "10"], capsys)
    clean(text)
    assert rc in (1, 2) and path.name in text, text
    with pytest.raises(SaveError) as e:  # the desktop's loader
        load_game(path, finder())
    clean(str(e.value))


@pytest.mark.parametrize("name", sorted(corpus.HARMLESS))
def test_a_save_whose_trick_is_ignored_plays_and_shows_nothing_it_should_not(name, save_doc, tmp_path, capsys):
    path = corpus.SAVES[name](tmp_path, save_doc)
    rc, text = run(["play", "--load", str(path), "--no-autosave"], capsys)
    clean(text)
    assert rc == 0
    game, _ = load_game(path, finder())  # the desktop's loader
    assert game.scenario.meta.id == save_doc["scenario_id"]


@pytest.mark.parametrize("name", sorted(corpus.RESULTS))
def test_a_hostile_result_is_named_and_skipped_and_the_class_report_is_still_written(name, result_doc, tmp_path, capsys):
    bad_folder, good_folder = tmp_path / "in", tmp_path / "good"
    bad_folder.mkdir()
    good_folder.mkdir()
    path = corpus.RESULTS[name](bad_folder, result_doc)
    (bad_folder / "team-ok.json").write_text(json.dumps(result_doc))
    rc, text = run(["debrief", str(path), "--out", str(tmp_path / "one"), "--no-pdf", "--worlds", "10"], capsys)
    clean(text)
    assert rc in (1, 2) or "does not match" in text or name in corpus.COUNTED, text
    rc, text = run(["class-report", str(bad_folder), "--out", str(tmp_path / "report")], capsys)
    clean(text)
    assert (tmp_path / "report").is_dir() and not list(tmp_path.glob(".report*.tmp")), "the report is written whole"
    csv = (tmp_path / "report" / "results.csv").read_text(encoding="utf-8")
    assert not any(cell.lstrip("\ufeff\u200b \t\r\n\xa0").startswith(("=", "+", "@")) for line in csv.splitlines() for cell in line.split(",")), csv
    if name not in corpus.COUNTED:
        assert path.name in text, text


@pytest.mark.parametrize("name", sorted(corpus.mods()))
def test_a_hostile_mod_gets_clear_lines_from_validate_and_scenarios(name, home, tmp_path, capsys):
    mods = home / "mods"
    mods.mkdir(parents=True)
    folder = corpus.mods()[name](mods, EXAMPLE_MOD)
    rc, text = run(["validate", str(folder)], capsys)
    clean(text)
    assert rc in (0, 1, 2), text
    rc, text = run(["scenarios"], capsys)
    clean(text)
    assert "harsher" in text or "default" in text  # the list is still made
    shutil.rmtree(mods, ignore_errors=True)
