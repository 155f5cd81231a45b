"""Energy has a price: the lab's own campuses pay for the electricity they draw (an assumption,
labelled in the scenario: no article gives the price)."""

from __future__ import annotations

from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T
from tests.core.helpers import answer_card


def set_track(g: Game, name: str, value: float) -> None:
    g.st.tracks[0, PLAYER, T[name]] = value


def _electricity_bill(scenario, own_chips_m: float, power_gw: float) -> float:
    g = Game(scenario, 1)
    answer_card(g)
    set_track(g, "cash_busd", 50.0)
    set_track(g, "own_chips_m", own_chips_m)
    set_track(g, "power_gw_online", power_gw)
    return -g.burn_lines()["q_energy_busd"]  # the line the burn's explanation shows


def _campuses_only(scenario):
    """The scenario without its industry section: no query's electricity on the line, only the
    campuses' GW."""
    return scenario.model_copy(update={"industry": None})


def test_the_electricity_bill_grows_with_the_gw_drawn(default_scenario):
    scenario = _campuses_only(default_scenario)
    per_gw = Game(scenario, 1).c.consts.chips_m_per_gw
    bills = [_electricity_bill(scenario, gw * per_gw, gw) for gw in (0.0, 1.0, 2.0)]
    assert bills[0] == 0.0
    assert 0.0 < bills[1] < bills[2]
    assert abs(bills[2] - 2 * bills[1]) < 1e-9


def test_power_with_no_chips_to_run_draws_no_bill(default_scenario):
    # contracted power that no installed chip uses is not drawn
    assert _electricity_bill(_campuses_only(default_scenario), 0.0, 3.0) == 0.0


def test_the_electricity_bill_is_a_line_of_the_quarter_s_spending():
    assert "q_energy_busd" in T
