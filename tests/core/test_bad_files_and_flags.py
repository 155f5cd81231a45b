"""Bad input gets one clear sentence and changes nothing: saves that are not saves, paths that
are folders, flags that make no sense, and a terminal player's mistyped commands."""

from __future__ import annotations

import json
import os
import sys

import numpy as np
import pytest

from game.cli import main as cli_main
from game.cli.text_game import TextGame
from game.core.actions import EndQuarter
from game.core.session import Game
from game.model.tracks import T
from game.saves.store import SaveError, load_game, read_save, save_game, saves_dir
from game.scenario.registry import resolve
from game.sim.batch import CHUNK, chunk_seed, simulate
from game.sim.driver import play_batch
from game.text.words import say, words_for


def finder(scenario_id, path):
    return resolve(scenario_id)


@pytest.fixture
def saved(default_scenario, tmp_path):
    """A real save of a game two quarters in, and its bytes."""
    game = Game(default_scenario, 5)
    while game.turn < 2:
        game.apply(game.legal_actions()[0] if game.awaiting_choice else EndQuarter())
    path = save_game(game, tmp_path / "game.json")
    return path, json.loads(path.read_text())


def altered(tmp_path, doc: dict, name: str, **changes) -> object:
    doc = json.loads(json.dumps(doc))
    doc.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


# ---------------------------------------------------------------- saves


def test_a_folder_is_not_a_save(tmp_path):
    with pytest.raises(SaveError, match="is a folder, not a save"):
        load_game(tmp_path, finder)


def test_a_save_with_a_negative_seed_is_damaged_not_a_crash(saved, tmp_path):
    _, doc = saved
    with pytest.raises(SaveError, match=r"damaged at seed.*\.bak"):
        load_game(altered(tmp_path, doc, "neg.json", seed=-1), finder)


def test_a_version_written_as_text_is_damaged(saved, tmp_path):
    _, doc = saved
    with pytest.raises(SaveError, match="damaged at version"):
        read_save(altered(tmp_path, doc, "v.json", version="1"))


def test_an_unknown_kind_of_action_is_named_in_the_message(saved, tmp_path):
    _, doc = saved
    actions = doc["actions"] + [{"kind": "teleport"}]
    with pytest.raises(SaveError, match="no kind of action called 'teleport'"):
        read_save(altered(tmp_path, doc, "tp.json", actions=actions))


def test_absurdly_nested_json_is_damaged_not_a_crash(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SaveError, match="damaged"):
        read_save(deep)


def test_a_scenario_file_handed_over_as_a_save_is_recognised(tmp_path):
    from game.scenario.registry import BUILTIN_DIR

    with pytest.raises(SaveError, match="scenario file, not a save.*--scenario"):
        read_save(BUILTIN_DIR / "default.yaml")


def test_an_unreadable_save_says_so(saved, monkeypatch):
    path, _ = saved

    real_open = os.open

    def refuse(name, flags, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(SaveError, match=r"cannot read it \(Permission denied\)"):
        read_save(path)


def test_a_save_never_replaces_a_folder(default_scenario, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "keep.txt").write_text("precious")
    with pytest.raises(SaveError, match="is a folder"):
        save_game(Game(default_scenario, 1), folder)
    assert (folder / "keep.txt").read_text() == "precious"
    assert not (tmp_path / "mine.bak").exists()


def test_a_save_into_a_folder_that_does_not_exist_is_refused(default_scenario, tmp_path):
    with pytest.raises(SaveError, match="does not exist"):
        save_game(Game(default_scenario, 1), tmp_path / "no" / "such" / "game.json")
    assert not (tmp_path / "no").exists()


def test_the_games_own_saves_folder_is_made_when_missing(default_scenario):
    assert not saves_dir().exists()
    path = save_game(Game(default_scenario, 1), saves_dir() / "slot-1.json")
    assert read_save(path).seed == 1


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["run", "--scenario", ""], "--scenario needs a scenario id"),
        (["run", "--mods", sys.executable], "is a file"),
        (["simulate", "--worlds", "0"], "between 1 and 5,000,000"),
        (["play", "--scenario", "the_burn", "--load", "game.json"], "--load continues a saved game on its own"),
    ],
)
def test_a_wrong_flag_is_one_line_and_exit_2(capsys, argv, says):
    assert cli_main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_folder_given_as_the_scenario_points_to_mods(capsys, tmp_path):
    assert cli_main(["run", "--scenario", str(tmp_path)]) == 2
    assert f"--mods {tmp_path}" in capsys.readouterr().err


def test_a_result_file_never_replaces_a_folder(capsys, tmp_path):
    folder = tmp_path / "results"
    folder.mkdir()
    assert cli_main(["run", "--seed", "1", "--bot", "cautious", "--result", str(folder)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert folder.is_dir() and not (tmp_path / "results.bak").exists()


# ---------------------------------------------------------------- simulating many worlds


def test_up_to_one_chunk_a_simulation_is_exactly_one_batch(compiled):
    one = play_batch(compiled, 300, "random", 9).state
    summary = simulate(compiled, 300, "random", 9)
    assert summary["worlds"] == 300
    assert summary["final_cash_busd"]["p50"] == round(float(np.median(one.tracks[:, 0, T["cash_busd"]])), 3)


def test_a_simulation_beyond_one_chunk_plays_each_chunk_with_its_own_seed(compiled):
    whole = simulate(compiled, 250, "random", 4, chunk=100)
    parts = [play_batch(compiled, n, "random", chunk_seed(4, k)).state for k, n in enumerate((100, 100, 50))]
    assert whole["worlds"] == 250
    assert whole["win_rate"] == round(float(np.mean(np.concatenate([p.outcome for p in parts]) == 1)), 4)
    assert len({chunk_seed(4, k) for k in range(50)}) == 50 and chunk_seed(4, 0) == 4
    assert CHUNK >= 100_000  # the benchmark's largest batch is still played in one piece


# ---------------------------------------------------------------- the terminal game


def terminal(game: Game, *lines: str) -> list[str]:
    out: list[str] = []
    tg = TextGame(game, read=lambda _: "", write=out.append, autosave_on=False)
    for line in lines:
        tg.command(line)
    return out


def test_save_alone_never_overwrites_another_game(default_scenario):
    def answered() -> Game:
        game = Game(default_scenario, 3)
        if game.awaiting_choice:  # the card on the table is answered first, the same way
            game.apply(game.legal_actions()[0])
        return game

    terminal(answered(), "save")
    first = sorted(p.name for p in saves_dir().glob("*.json"))
    other = answered()
    other.apply(other.legal_actions()[0])  # the same start, another move: another game
    terminal(other, "save")
    names = sorted(p.name for p in saves_dir().glob("*.json"))
    assert len(names) == 2 and set(first) < set(names)
    assert all(not p.name.endswith(".bak") for p in saves_dir().iterdir())


def test_saving_the_same_game_again_updates_its_file(default_scenario):
    game = Game(default_scenario, 3)
    terminal(game, "save", "save")
    assert len(list(saves_dir().glob("*.json"))) == 1


def test_loading_a_folder_in_the_terminal_keeps_the_game_going(default_scenario, tmp_path):
    game = Game(default_scenario, 3)
    out = terminal(game, f"load {tmp_path}")
    assert any(line.startswith("Could not load:") and "folder" in line for line in out)


def test_log_wants_a_positive_number(default_scenario):
    out = terminal(Game(default_scenario, 3), "log -5", "log abc")
    assert out == [
        "log takes a number of lines, 1 or more (log 20), not '-5'.",
        "log takes a number of lines, 1 or more (log 20), not 'abc'.",
    ]


def test_load_alone_lists_the_saves(default_scenario):
    game = Game(default_scenario, 3)
    out = terminal(game, "load", "save", "load")
    assert out[0].startswith("No saves yet")
    assert out[-2] == "Type load FILE with one of these (newest first):"
    assert "text-default-seed3-q01.json" in out[-1]


def test_a_new_save_is_readable_by_others_as_any_new_file_is(default_scenario, tmp_path):
    old = os.umask(0o022)
    try:
        path = save_game(Game(default_scenario, 1), tmp_path / "shared.json")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_an_action_keeps_its_number_all_game(default_scenario):
    game = Game(default_scenario, 3)
    if game.awaiting_choice:  # the card on the table is answered first
        game.apply(game.legal_actions()[0])
    tg = TextGame(game, read=lambda _: "", write=lambda _: None, autosave_on=False)
    tg.show()
    ops = next(k for k, it in tg.keys.items() if say(game, it.label) == "Run operations")
    tg.command(next(k for k, it in tg.keys.items() if say(game, it.label).startswith("Pitch 1 $B") and it.legal))
    assert say(game, tg.keys[ops].label) == "Run operations"  # a pitch shifted nothing
    tg.command(ops)
    assert say(game, tg.keys[ops].label) == "Run operations" and not tg.keys[ops].legal


def test_a_number_with_words_after_it_does_nothing(default_scenario):
    game = Game(default_scenario, 3)
    out = terminal(game, "list", "1 2")
    assert out[-1] == '"1 2": type one action at a time, its number or letter alone.'
    assert game.actions == [] and game.turn == 0


def test_a_card_is_answered_by_letter_and_a_number_is_told_to_wait(default_scenario):
    game = next(g for g in (Game(default_scenario, s) for s in range(40)) if g.awaiting_choice)
    out = terminal(game, "list", "1")
    assert out[-1].startswith("First answer the card on the table: type a, b")
    terminal(game, "list", "a")
    assert not game.awaiting_choice and len(game.actions) == 1


def test_goals_say_how_to_win_and_how_far_the_game_is(default_scenario):
    out = terminal(Game(default_scenario, 3), "goals")
    text = "\n".join(out)
    assert text.startswith("To win, reach any of these:")
    assert "You win at the end of a quarter if" in text
    assert "Revenue: 3.20 of 12  (27% of the way)" in text
    assert "Out of cash" in text and "calendar runs out after Q4 2030" in text


def test_the_ending_is_told_once_with_the_final_figures(default_scenario):
    game = Game(default_scenario, 5)
    out: list[str] = []
    answers = iter(["a", "1"] * 200)
    TextGame(game, read=lambda _: next(answers), write=out.append, autosave_on=False).loop()
    text = "\n".join(out)
    assert game.over
    assert text.count(words_for(game).outcome_reason(game).split(":")[0]) == 1
    assert f"== The game is over in {game.date}: you {game.outcome}. ==" in text and "Final figures: cash" in text


def test_a_game_that_runs_out_of_time_says_which_figures_fell_short():
    burn = resolve("the_burn")
    game = Game(burn, burn.meta.seed)
    out: list[str] = []
    moves = iter(["a", "8", "22", "1"] * 20)  # answer, pitch 6.5 $B, operations, end the quarter
    TextGame(game, read=lambda _: next(moves), write=out.append, autosave_on=False).loop()
    assert game.outcome_id == "time_up"
    text = "\n".join(out)
    short = game.track("revenue_busd_per_year")
    assert short < 4.5
    assert f"Short of Two years, still standing: Revenue {short:.2f}, needed at least 4.5" in " ".join(text.split())
    # no quarter is coming: the status shows the runway the last quarter ended on
    assert game.track("runway_quarters") == game.quarters[-1].tracks["runway_quarters"]
