"""The opening of 2024 as the articles report it (A, B: the New York Times, autumn 2024): sales of
a little over 3 $B a year, spending of about 7, mostly on the compute to train models, so a burn
of about 4 $B a year, about 1 $B a quarter."""

from __future__ import annotations

import numpy as np

from game.core.engine import burn_per_quarter
from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T
from game.sim.driver import play_batch


def _year_2024(compiled, bot: str) -> list[dict[str, float]]:
    """Each 2024 quarter's bills, averaged over 200 worlds the bot plays."""
    quarters: list[dict[str, float]] = []

    def note(st, where):
        tr = st.tracks[:, PLAYER]
        quarters.append({k: float(np.mean(tr[:, T[k]])) for k in ("q_revenue_busd", "q_spend_busd", "q_training_busd", "q_inference_busd", "q_staff_busd")})

    play_batch(compiled, 200, bot, 5, quarters=4, compact=False, on_quarter=note)
    return quarters[:4]


def test_a_cautious_2024_spends_about_7_and_earns_about_3(compiled):
    year = _year_2024(compiled, "cautious")  # stays home: no launch, no deal
    spent = sum(q["q_spend_busd"] for q in year)
    earned = sum(q["q_revenue_busd"] for q in year)
    assert abs(spent - 7.0) <= 0.15 * 7.0
    assert abs(earned - 3.0) <= 0.15 * 3.0


def test_the_compute_to_train_models_is_the_largest_running_cost(compiled):
    first = _year_2024(compiled, "cautious")[0]
    assert first["q_training_busd"] >= first["q_inference_busd"]
    assert first["q_training_busd"] > first["q_staff_busd"]


def test_the_burn_at_the_start_is_about_1_billion_a_quarter(default_scenario):
    game = Game(default_scenario, 1)
    burn = float(burn_per_quarter(game.st, game.c)[0])
    assert 0.8 <= burn <= 1.2


def test_the_starting_valuation_and_cash_are_labelled_assumptions(default_scenario):
    start = default_scenario.start
    assert start["valuation_busd"].assumption
    assert start["cash_busd"].assumption
