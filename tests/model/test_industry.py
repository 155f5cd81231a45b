"""The industry the lab depends on, as the articles tell it: demand for AI chips far exceeds the
supply and the big rivals buy from it too (D), the lab wants to end its Nvidia dependence with
its own chip, a chip maker or more suppliers (C), a ChatGPT query takes about ten times a web
search's energy (A), and the US grid cannot take unlimited new load (the scenario's assumption,
labelled as such)."""

from __future__ import annotations

import numpy as np
import pytest

from game.core import market
from game.core.moves import BuyChips, CommissionCampus, EndQuarter, SignDeal, Travel
from game.core.session import Game
from game.core.state import PLAYER
from game.model import economy
from game.model import industry as ind
from game.model.industry import M
from game.model.tracks import T
from tests.core.helpers import answer_card, fresh


def _with_rivals_wanting(scenario, factor: float):
    """The scenario with every rival wanting `factor` times its chips."""
    rivals = [
        r.model_copy(update={"chips_m_per_quarter": r.chips_m_per_quarter.model_copy(
            update={"value": r.chips_m_per_quarter.value * factor})})
        for r in scenario.industry.rivals
    ]
    return scenario.model_copy(update={"industry": scenario.industry.model_copy(update={"rivals": rivals})})


def _play_quarters(g: Game, n: int) -> None:
    for _ in range(n):
        answer_card(g)
        assert g.apply(EndQuarter()).ok
        if g.over:
            break


def _at_home_with_cash(scenario, cash: float = 200.0) -> Game:
    g = fresh(scenario)
    g.st.tracks[0, PLAYER, T["cash_busd"]] = cash
    return g


def test_chip_prices_rise_when_rivals_buy_more(default_scenario):
    calm = fresh(default_scenario)
    hungry = fresh(_with_rivals_wanting(default_scenario, 1.15))
    # this quarter: the rivals took more of the supply, so the next chip is dearer
    assert market.summary(hungry.st, hungry.c)["price_kusd"] > market.summary(calm.st, calm.c)["price_kusd"]
    # and quarter after quarter: a shortage pushes the base price up
    far = fresh(_with_rivals_wanting(default_scenario, 3.0))
    base0 = far.st.market[0, M["chip_base_kusd"]]
    _play_quarters(far, 3)
    assert far.st.market[0, M["chip_base_kusd"]] > base0


def test_every_chip_bought_makes_the_next_one_dearer(default_scenario):
    g = _at_home_with_cash(default_scenario)
    before = market.summary(g.st, g.c)
    assert g.apply(BuyChips()).ok
    after = market.summary(g.st, g.c)
    assert after["price_kusd"] > before["price_kusd"]
    assert after["left_m"] == pytest.approx(before["left_m"] - g.c.industry.consts.chip_lot_m)
    assert g.track("q_chips_busd") > 0  # paid on the chips line of the ledger


def test_the_lab_cannot_buy_more_chips_than_the_quarter_s_supply_left(default_scenario):
    g = _at_home_with_cash(default_scenario, 10_000.0)
    lot = g.c.industry.consts.chip_lot_m
    bought = 0
    while g.why_illegal(BuyChips()) is None:
        assert g.apply(BuyChips()).ok
        bought += 1
        assert bought < 1000
    why = g.why_illegal(BuyChips())
    assert why.id == "refused.chips_sold_out"
    summary = market.summary(g.st, g.c)
    assert summary["reach_m"] < lot
    assert summary["left_m"] >= 0.0
    assert bought * lot <= summary["supply_m"]  # never more than the quarter delivered
    # next quarter brings a new supply
    _play_quarters(g, 1)
    answer_card(g)
    assert g.why_illegal(BuyChips()) is None


def test_a_lab_hooked_on_nvidia_reaches_only_nvidia_s_share_of_what_is_left(default_scenario):
    g = fresh(default_scenario)
    ic = g.c.industry.consts
    s = market.summary(g.st, g.c)
    share = min(ic.nvidia_share_pct / 100 + (1 - s["dependence_pct"] / 100), 1.0)
    assert s["reach_m"] == pytest.approx(s["left_m"] * share)
    assert s["dependence_pct"] == ic.dependence_start_pct
    # with no dependence left the lab pays less for the same chips
    full = ind.purchase_busd(ic, 0.1, np.array(15.0), np.array(1.0), np.array(0.5), np.array(100.0))
    free = ind.purchase_busd(ic, 0.1, np.array(15.0), np.array(1.0), np.array(0.5), np.array(0.0))
    assert free == pytest.approx(full * (1 - ic.independence_discount_pct / 100))


def test_a_campus_s_chips_are_paid_once(default_scenario):
    g = fresh(default_scenario)
    c = g.c.consts
    ic = g.c.industry.consts
    # the campus bill, over its build, is the shell alone: the scenario's cost a GW without chips
    shell = economy.campus_bill_busd(c, 1.0) * c.campus_build_quarters
    assert shell == pytest.approx(c.capex_busd_per_gw)
    # the shell plus the chips a GW holds, at the market's price in 2024, is about the reported
    # 20 $B a GW (dc_cost / dc_power: 100 $B for 5 GW)
    price = market.summary(g.st, g.c)["price_kusd"]
    assert shell + c.chips_m_per_gw * price == pytest.approx(20.0, rel=0.15)
    # commissioning a campus buys no chips: they are paid when bought, on their own line
    g.st.tracks[0, PLAYER, T["cash_busd"]] = 100.0
    assert g.apply(Travel(to="washington")).ok
    cash = g.track("cash_busd")
    assert g.apply(CommissionCampus()).ok
    assert g.track("q_chips_busd") == 0.0
    assert g.track("cash_busd") == cash  # the building bill comes at the quarter's end
    assert g.track("chips_reserved_m") == 0.0  # and it brings no chips: they are bought apart
    # a lot bought pays its chips once, on the chips line
    left = g.st.market[0, M["chip_left_m"]]
    answer_card(g)
    assert g.apply(Travel(to="san_francisco")).ok
    assert g.apply(BuyChips()).ok
    assert g.track("q_chips_busd") == pytest.approx(cash - g.track("cash_busd"))
    assert g.st.market[0, M["chip_left_m"]] == pytest.approx(left - ic.chip_lot_m)


def test_the_own_chip_programme_lowers_dependence_only_after_its_delivery_years(default_scenario):
    g = _at_home_with_cash(default_scenario)
    start = g.track("nvidia_dependence_pct")
    assert g.apply(Travel(to="hsinchu")).ok
    assert g.apply(SignDeal(deal="own_chip_programme")).ok
    signed_turn = g.turn
    years = next(d for d in g.scenario.deals if d.id == "own_chip_programme").delayed[0].after_quarters
    while g.turn < signed_turn + years - 1:
        _play_quarters(g, 1)
        assert g.track("nvidia_dependence_pct") == start, f"dependence fell after {g.turn - signed_turn} quarters"
    _play_quarters(g, 1)
    assert g.turn == signed_turn + years
    drop = g.c.industry.consts.dependence_programme_pct
    assert g.track("nvidia_dependence_pct") == pytest.approx(start - drop)


def test_the_grid_refuses_new_load_beyond_the_quarter_s_cap(default_scenario):
    g = _at_home_with_cash(default_scenario)
    assert g.apply(Travel(to="washington")).ok
    gw = g.c.industry.deal_grid_gw[g.c.index["deals"]["us_grid_power"]]
    g.st.market[0, M["grid_left_gw"]] = gw / 2  # the rivals' new load took the rest
    why = g.why_illegal(SignDeal(deal="us_grid_power"))
    assert why is not None and why.id == "refused.grid_full"
    g.st.market[0, M["grid_left_gw"]] = gw * 1.5
    assert g.apply(SignDeal(deal="us_grid_power")).ok
    assert g.st.market[0, M["grid_left_gw"]] == pytest.approx(gw * 0.5)
    assert g.st.taken[0, PLAYER, ind.GW] == pytest.approx(gw)


def test_the_rivals_take_their_chips_and_grid_load_first_each_quarter(default_scenario):
    g = fresh(default_scenario)
    ci = g.c.industry
    labs = g.st.tracks.shape[1]
    took = g.st.taken[0, labs:, ind.CHIPS]
    assert len(took) == len(ci.rival_ids) and (took > 0).all()
    m = g.st.market[0]
    assert m[M["chip_left_m"]] == pytest.approx(m[M["chip_supply_m"]] - took.sum())
    assert took.sum() <= m[M["chip_supply_m"]] * ci.consts.rivals_max_share_pct / 100 + 1e-9
    assert m[M["grid_left_gw"]] == pytest.approx(m[M["grid_cap_gw"]] - g.st.taken[0, labs:, ind.GW].sum())


def test_a_query_s_electricity_is_ten_web_searches_on_the_serving_bill(default_scenario):
    g = fresh(default_scenario)
    ic = g.c.industry.consts
    assert ic.query_energy_ratio == 10  # reported (A)
    per_bq = g.c.industry.query_energy_busd_per_bq
    wh = ic.google_search_wh * ic.query_energy_ratio
    assert per_bq == pytest.approx(wh * g.c.consts.electricity_busd_per_gw_year / 8766.0)
    lines = g.burn_lines()
    served = g.st.tracks[0, PLAYER, T["demand_bq"]]  # the rented fleet serves nearly all demand
    assert -lines["q_energy_busd"] == pytest.approx(served * per_bq, rel=0.1)
    # without the industry section the same game shows no query electricity, and the total
    # spending is the same: the 4 cents a query (Bernstein) already pay for its power
    plain = fresh(default_scenario.model_copy(update={"industry": None}))
    assert plain.burn_lines()["q_energy_busd"] == 0.0
    assert sum(v for k, v in plain.burn_lines().items() if k != "q_revenue_busd") == pytest.approx(
        sum(v for k, v in lines.items() if k != "q_revenue_busd"))


def test_fabs_funded_in_the_gulf_add_to_everyone_s_supply_later(default_scenario):
    g = _at_home_with_cash(default_scenario)
    fab = g.c.industry.deal_fab[g.c.index["deals"]["mgx_fab_fund"]]
    after = int(g.c.industry.deal_fab_after[g.c.index["deals"]["mgx_fab_fund"]])
    assert g.apply(Travel(to="washington")).ok
    assert g.apply(Travel(to="abu_dhabi")).ok
    assert g.apply(SignDeal(deal="mgx_fab_fund")).ok
    signed = g.turn
    assert g.track("chips_reserved_m") == 0.0  # no free chips
    while g.turn < signed + after - 1:
        _play_quarters(g, 1)
        assert g.st.market[0, M["extra_supply_m"]] == 0.0
    _play_quarters(g, 1)
    assert g.st.market[0, M["extra_supply_m"]] == pytest.approx(fab)
    assert g.st.market[0, M["chip_supply_m"]] == pytest.approx(ind.chip_supply_m(g.c.industry.consts, g.turn) + fab)


def test_the_market_is_saved_with_the_game_and_comes_back_on_replay(default_scenario):
    g = fresh(default_scenario)
    assert g.apply(BuyChips()).ok
    _play_quarters(g, 2)
    again = Game.replay_history(default_scenario, g.seed, list(g.history))
    assert np.array_equal(again.st.market, g.st.market)
    assert np.array_equal(again.st.taken, g.st.taken)
