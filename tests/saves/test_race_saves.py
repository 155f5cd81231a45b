"""A race of several labs is saved, autosaved and loaded with every lab; a one-lab loader says
what a race save is instead of failing, and an altered race save is refused."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.core.match import Match
from game.core.moves import Choose, EndQuarter
from game.saves.store import SaveError, autosave_match, load_game, load_match, save_match
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR


@pytest.fixture(scope="module")
def campaign():
    return load_scenario_file(BUILTIN_DIR / "default.yaml")


def _find(scenario):
    return lambda scenario_id, _path: scenario


def _played(campaign) -> Match:
    m = Match(campaign, 9, 3)
    for _ in range(7):  # two quarters and a bit
        if m.lab(m.acting).awaiting_choice:
            m.apply_or_raise(Choose(option=0))
        m.apply_or_raise(EndQuarter())
    return m


def test_a_saved_race_loads_with_every_lab_and_whose_turn_it_is(campaign, tmp_path):
    m = _played(campaign)
    path = save_match(m, tmp_path / "race.json", players=2)
    again, players, warnings = load_match(path, _find(campaign))
    assert warnings == [] and players == 2
    assert again.seats == 3 and again.acting == m.acting and again.turn == m.turn
    assert np.array_equal(again.st.tracks, m.st.tracks)
    assert again.common_fate == m.common_fate


def test_a_race_save_asks_for_the_race_loader_and_a_game_save_for_the_game_loader(campaign, tmp_path):
    path = save_match(_played(campaign), tmp_path / "race.json", players=3)
    with pytest.raises(SaveError, match="race of 3 labs"):
        load_game(path, _find(campaign))


def test_an_altered_race_save_is_refused(campaign, tmp_path):
    path = save_match(_played(campaign), tmp_path / "race.json", players=3)
    doc = json.loads(path.read_text())
    doc["match"]["lab_figures"][1]["cash_busd"] += 5.0
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="altered"):
        load_match(path, _find(campaign))


def test_a_race_is_autosaved_apart_from_one_lab_games(campaign, home):
    m = _played(campaign)
    for _ in range(7):
        autosave_match(m, players=1)
    names = sorted(p.name for p in (home / "saves").glob("*.json"))
    assert len(names) == 5 and all(n.startswith("race-autosave-") for n in names)
