"""Fixtures for the hostile-file tests: a private data folder, a real save and a real result."""

from __future__ import annotations

import json

import pytest

from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_game


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Saves, mods and settings go to a temporary folder, never the user's."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def burn():
    return load_scenario_file(BUILTIN_DIR / "classroom" / "the_burn.yaml")


@pytest.fixture(scope="session")
def lost_game(burn):
    """A game of "The burn" the random bot loses."""
    for seed in range(1, 50):
        g = play_game(Game(burn, seed), "random")
        if g.outcome == "lost":
            return g
    raise AssertionError("the random bot won every game")


@pytest.fixture
def save_doc(lost_game, tmp_path):
    """A real save's JSON document (a fresh copy for each test)."""
    from game.saves.store import save_game

    path = save_game(lost_game, tmp_path / "real-save.json")
    return json.loads(path.read_text())


@pytest.fixture
def result_doc(lost_game, tmp_path):
    from game.classroom.results import write_result

    path = write_result(lost_game, tmp_path / "real-result.json", player="Team Ada")
    return json.loads(path.read_text())
