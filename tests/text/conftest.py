"""Fixtures for the language tests: a private data folder, and English back after each test."""

from __future__ import annotations

import pytest

from game.text.catalog import set_language


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Saves, settings and results go to a temporary folder, never the user's."""
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that switches the language leaves the next one in English."""
    yield
    set_language("en")
