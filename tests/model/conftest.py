"""Fixtures for the core tests: the default campaign, loaded once."""

from __future__ import annotations

import pytest

from game.core.compiled import compile_scenario
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR


@pytest.fixture(scope="session")
def default_scenario():
    return load_scenario_file(BUILTIN_DIR / "default.yaml")


@pytest.fixture(scope="session")
def compiled(default_scenario):
    return compile_scenario(default_scenario)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Saves and settings go to a temporary folder, never the user's."""
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path / "home"))
