"""No dominant strategy: staying home and raising there every quarter does not win the campaign."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.compiled import compile_scenario
from game.core.state import ONGOING, WON
from game.model.tracks import T
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_batch

WORLDS, SEED = 200, 5


@pytest.fixture(scope="module")
def win_rates() -> dict[str, float]:
    c = compile_scenario(load_scenario_file(BUILTIN_DIR / "default.yaml"))
    rates = {}
    for bot in ("random", "homebody", "planner"):
        st = play_batch(c, WORLDS, bot, SEED).state
        assert (st.outcome != ONGOING).all()
        rates[bot] = float(np.mean(st.outcome == WON))
    return rates


def test_the_planner_wins_clearly_more_often_than_the_homebody(win_rates):
    assert win_rates["planner"] >= win_rates["homebody"] + 0.2


def test_random_play_rarely_wins(win_rates):
    assert win_rates["random"] <= 0.05


def test_the_homebody_never_leaves_headquarters_and_pitches_there():
    c = compile_scenario(load_scenario_file(BUILTIN_DIR / "default.yaml"))
    seen = []
    run = play_batch(c, 20, "homebody", SEED, on_quarter=lambda st, *a: seen.append(st.location.copy()))
    assert seen and all((loc == c.home).all() for loc in seen)
    assert (run.state.tracks[:, 0, T["raised_busd"]] > 0).all()
