"""Fixtures for the classroom tests: the classroom scenarios and a few finished games."""

from __future__ import annotations

import pytest

from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.scenario.translation import is_translation_file
from game.sim.driver import play_game

CLASSROOM_DIR = BUILTIN_DIR / "classroom"
# NAME.fr.yaml beside a scenario holds its French texts, not a scenario (game.scenario.translation)
CLASSROOM_FILES = sorted(p for p in CLASSROOM_DIR.glob("*.yaml") if not is_translation_file(p))


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Saves, settings and debriefs go to a temporary folder, never the user's."""
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def burn():
    return load_scenario_file(CLASSROOM_DIR / "the_burn.yaml")


@pytest.fixture(scope="session")
def planner_game(burn):
    """The planner bot's game of "The burn" on the scenario's seed."""
    return play_game(Game(burn, burn.meta.seed), "planner")


@pytest.fixture(scope="session")
def random_game(burn):
    return play_game(Game(burn, 5), "random")
