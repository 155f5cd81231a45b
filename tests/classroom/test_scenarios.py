"""Every classroom scenario loads cleanly, is built for a lesson, and plays to the end with
every bot."""

from __future__ import annotations

import re

import pytest

from game.bots import BOTS
from game.core.compiled import compile_scenario
from game.core.state import ONGOING
from game.scenario.loader import check_scenario_file, load_scenario_file
from game.sim.driver import play_batch
from tests.classroom.conftest import CLASSROOM_FILES

IDS = [p.stem for p in CLASSROOM_FILES]


def test_there_are_at_least_four_classroom_scenarios():
    assert len(CLASSROOM_FILES) >= 4


@pytest.mark.parametrize("path", CLASSROOM_FILES, ids=IDS)
def test_classroom_scenario_loads_with_no_error_and_no_warning(path):
    checked = check_scenario_file(path)
    assert [str(p) for p in checked.report] == []
    assert checked.scenario is not None


@pytest.mark.parametrize("path", CLASSROOM_FILES, ids=IDS)
def test_classroom_scenario_is_built_for_one_lesson(path):
    s = load_scenario_file(path)
    m = s.meta
    assert 20 <= m.length_minutes <= 35
    assert 8 <= s.calendar.turns <= 14  # two to three minutes a quarter
    assert m.question.strip().endswith("?")
    assert len(m.learning_goals) >= 3
    assert m.seed > 0
    assert s.history and all(h.source for h in s.history)
    assert s.script, "at least one scripted quarter, so the whole class shares it"
    # the balance measured with `simulate` is recorded for every bot
    for bot in BOTS:
        assert re.search(rf"{bot} \d+(\.\d+)?%", m.notes), f"no win rate for {bot} in meta.notes"


@pytest.mark.parametrize("path", CLASSROOM_FILES, ids=IDS)
def test_each_learning_goal_is_read_by_its_own_theme(path):
    themes = load_scenario_file(path).meta.goal_themes
    assert "tracks" not in themes
    assert len(set(themes)) == len(themes)


@pytest.mark.parametrize("path", CLASSROOM_FILES, ids=IDS)
@pytest.mark.parametrize("bot", sorted(BOTS))
def test_classroom_scenario_plays_to_the_end_with_every_bot(path, bot):
    c = compile_scenario(load_scenario_file(path))
    run = play_batch(c, 24, bot, seed=7)
    assert (run.state.outcome != ONGOING).all()
