"""A save keeps the game's history (every move and chance outcome) and the rules it was played under."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.core import engine
from game.core.session import Game
from game.saves.store import SaveError, load_game, save_game
from game.scenario.registry import resolve
from game.sim.driver import play_game


def _finder(scenario_id, _path):
    return resolve(scenario_id)


@pytest.fixture(scope="module")
def played():
    return play_game(Game(resolve("default"), 21), "planner", 21)


def test_a_save_loads_the_same_game_after_the_engine_draws_in_another_order(played, tmp_path, monkeypatch):
    path = save_game(played, tmp_path / "game.json")
    step = engine.step

    def step_drawing_once_more(st, *args, **kwargs):
        st.rng.random()  # the engine now draws one more number before each move
        return step(st, *args, **kwargs)

    monkeypatch.setattr(engine, "step", step_drawing_once_more)
    game, warnings = load_game(path, _finder)
    assert warnings == []
    assert np.array_equal(game.st.tracks, played.st.tracks) and game.outcome_id == played.outcome_id


def test_a_save_from_before_the_outcomes_were_recorded_still_loads(played, tmp_path):
    doc = json.loads(save_game(played, tmp_path / "new.json").read_text())
    old = {k: v for k, v in doc.items() if k not in ("history", "rules_version")}
    old["version"] = 1
    old["actions"] = [m["action"] for m in doc["history"] if m["event"] == "move"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    game, _ = load_game(path, _finder)
    assert np.array_equal(game.st.tracks, played.st.tracks)


@pytest.mark.parametrize("rules", [3, 0])
def test_a_save_from_rules_this_game_cannot_replay_gets_one_sentence_and_is_kept(played, tmp_path, rules):
    path = save_game(played, tmp_path / "game.json")
    doc = json.loads(path.read_text())
    doc["rules_version"] = rules
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    with pytest.raises(SaveError) as e:
        load_game(path, _finder)
    message = str(e.value)
    assert "\n" not in message and str(path) in message and f"version {rules}" in message
    assert path.read_bytes() == before
