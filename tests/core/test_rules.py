"""The rules of the game, as a player meets them."""

from __future__ import annotations

import numpy as np
import pytest

from game.core import engine
from game.core.actions import (
    CommissionCampus,
    EndQuarter,
    LaunchModel,
    Pitch,
    RunOperations,
    SignDeal,
    Travel,
)
from game.core.moves import PresentBuildout, pitch_chance
from game.core.session import Game
from game.core.state import PLAYER, new_batch
from game.model.tracks import T
from game.text.words import say, words_for

from .helpers import answer_card, fresh


def snapshot(game: Game):
    st = game.st
    return (
        st.tracks.copy(),
        st.location.copy(),
        st.pending.copy(),
        st.deals_tried.copy(),
        st.rng.bit_generator.state,
        len(game.actions),
    )


def same(a, b) -> bool:
    return all(
        (np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y) for x, y in zip(a, b, strict=True)
    )


def test_a_refused_action_changes_nothing_and_says_why(default_scenario):
    g = fresh(default_scenario)
    before = snapshot(g)
    result = g.apply(SignDeal(deal="nuclear_restart"))
    assert not result.ok
    assert "Tokyo" in say(g, result.reason) and "travel there first" in say(g, result.reason)
    assert same(before, snapshot(g))


def test_there_is_no_direct_route_from_san_francisco_to_abu_dhabi(default_scenario):
    g = fresh(default_scenario)
    reason = say(g, g.why_illegal(Travel(to="abu_dhabi")))
    assert reason is not None and "No direct route to Abu Dhabi" in reason
    assert g.why_illegal(Travel(to="washington")) is None


def test_nobody_writes_cheques_in_washington(default_scenario):
    g = fresh(default_scenario)
    assert g.apply(Travel(to="washington")).ok
    reason = say(g, g.why_illegal(Pitch(ask_busd=6.5)))
    assert reason is not None and "Nobody here writes cheques" in reason


def test_launches_happen_only_at_headquarters(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="tokyo"))
    assert "headquarters" in say(g, g.why_illegal(LaunchModel()))


def test_three_points_of_attention_a_quarter(default_scenario):
    g = fresh(default_scenario)
    assert g.apply(Travel(to="washington")).ok
    assert g.apply(Travel(to="san_francisco")).ok
    assert g.apply(RunOperations()).ok
    reason = say(g, g.why_illegal(Travel(to="tokyo")))
    assert reason is not None and "attention" in reason
    turn = g.turn
    assert g.apply(EndQuarter()).ok
    assert g.turn == turn + 1
    assert g.track("attention") == 3


def test_an_ask_off_the_ladder_is_refused_in_words(default_scenario):
    g = fresh(default_scenario)
    reason = say(g, g.why_illegal(Pitch(ask_busd=5.0)))
    assert "not on the ask ladder" in reason


def test_actions_read_in_the_games_words(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    g.apply(Travel(to="abu_dhabi"))
    assert say(g, g.label(Pitch(ask_busd=43.0))) == "Pitch 43 $B at Abu Dhabi"
    assert say(g, g.label(Pitch(ask_busd=1000.0))) == "Pitch 1,000 $B at Abu Dhabi"
    assert say(g, g.label(PresentBuildout())) == "Present the 7,000 $B build-out in Abu Dhabi"
    assert say(g, g.label(CommissionCampus())) == "Commission: A UAE campus (1 GW)"


def test_pitch_odds_fall_as_the_ask_grows(compiled):
    st = new_batch(compiled, 1, 0)
    engine.start(compiled, st)
    st.location[:] = compiled.space_ids.index("abu_dhabi")
    odds = [float(pitch_chance(st, compiled, r, np.array([0]))[0]) for r in range(len(compiled.ladder))]
    assert odds == sorted(odds, reverse=True)
    assert odds[0] > 0.9 and odds[-1] < 0.01  # 1,000 $B, far more than the lab is worth


def test_huge_ask_at_tsmc_costs_credibility(compiled):
    st = new_batch(compiled, 1, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    st.location[:] = compiled.space_ids.index("hsinchu")
    cred = st.tracks[0, PLAYER, T["credibility"]]
    val = st.tracks[0, PLAYER, T["valuation_busd"]]
    rung = list(compiled.ladder).index(1000.0)
    # a draw of 1.0 is the worst luck: the pitch is refused
    rep = engine.step(st, compiled, np.array([compiled.space.pitch(rung)]), u=np.ones(1))
    assert rep.applied[0] and not rep.success[0]
    ridicule = compiled.ridicule[compiled.space_ids.index("hsinchu")]
    expected = cred - ridicule * (1 + np.log10(1000.0 / val))
    assert np.isclose(st.tracks[0, PLAYER, T["credibility"]], max(expected, 0.0))
    assert st.tracks[0, PLAYER, T["cash_busd"]] == st.tracks[0, PLAYER, T["cash_at_quarter_start"]]


def test_a_raise_brings_cash_dilution_and_gulf_scrutiny(compiled):
    st = new_batch(compiled, 1, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    st.location[:] = compiled.space_ids.index("abu_dhabi")
    before = st.tracks[0, PLAYER].copy()
    rung = list(compiled.ladder).index(43.0)
    rep = engine.step(st, compiled, np.array([compiled.space.pitch(rung)]), u=np.zeros(1))
    assert rep.success[0]
    after = st.tracks[0, PLAYER]
    assert np.isclose(after[T["cash_busd"]] - before[T["cash_busd"]], 43.0)
    assert np.isclose(after[T["equity_sold_pct"]], 100 * 43 / (before[T["valuation_busd"]] + 43))
    assert after[T["scrutiny"]] > before[T["scrutiny"]] + 1.0


def test_a_touring_ceo_loses_the_teams_trust(default_scenario):
    home = fresh(default_scenario, seed=5)
    away = fresh(default_scenario, seed=5)
    home.apply(EndQuarter())
    away.apply(Travel(to="tokyo"))
    away.apply(EndQuarter())
    assert away.quarters[0].tracks["trust"] < home.quarters[0].tracks["trust"]
    assert away.quarters[0].tracks["away_streak"] == 1


def test_a_campus_needs_power_before_its_chips_serve(compiled):
    st = new_batch(compiled, 2, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    tr = st.tracks
    tr[:, PLAYER, T["cash_busd"]] = 200.0
    tr[:, PLAYER, T["chips_reserved_m"]] = 0.4
    tr[1, PLAYER, T["power_gw_online"]] = 1.0
    st.location[:] = compiled.space_ids.index("washington")
    engine.step(st, compiled, np.full(2, compiled.space.commission_campus))
    capacity = []
    for _ in range(compiled.consts.campus_build_quarters + 1):
        st.awaiting_choice[:] = False
        tr[:, PLAYER, T["cash_busd"]] = 200.0
        tr[:, PLAYER, T["trust"]] = 8.0
        engine.step(st, compiled, np.zeros(2, dtype=np.int64))
        capacity.append(tr[:, PLAYER, T["capacity_bq"]].copy())
    own = tr[:, PLAYER, T["own_chips_m"]]
    assert np.allclose(own, 0.4)  # the chips are installed in both worlds
    rented_capacity = tr[:, PLAYER, T["rented_chips_m"]] * compiled.consts.queries_bq_per_m_chips
    assert np.isclose(capacity[-1][0], rented_capacity[0])  # no power: the campus stays dark
    assert capacity[-1][1] > rented_capacity[1] + 30  # 1 GW online: 400,000 chips serve


def test_a_campus_costs_its_price_per_gigawatt_over_its_build(compiled):
    st = new_batch(compiled, 1, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    st.tracks[0, PLAYER, T["cash_busd"]] = 100.0
    st.location[:] = compiled.space_ids.index("washington")
    engine.step(st, compiled, np.array([compiled.space.commission_campus]))
    paid = 0.0
    for _ in range(compiled.consts.campus_build_quarters + 2):
        st.awaiting_choice[:] = False
        st.tracks[0, PLAYER, T["cash_busd"]] = 100.0
        st.tracks[0, PLAYER, T["trust"]] = 8.0
        st.tracks[0, PLAYER, T["scrutiny"]] = 1.0
        engine.step(st, compiled, np.zeros(1, dtype=np.int64), open_next=False)
        paid += st.tracks[0, PLAYER, T["q_capex_busd"]]
        engine.begin_quarter(st, compiled)
    assert np.isclose(paid, compiled.consts.capex_busd_per_gw * 1.0)


def test_running_out_of_cash_ends_the_game(default_scenario):
    g = fresh(default_scenario)
    g.st.tracks[0, PLAYER, T["cash_busd"]] = 0.1
    g.apply(EndQuarter())
    assert g.over and g.outcome == "lost" and g.outcome_id == "bankrupt"
    assert "Out of cash" in words_for(g).outcome_reason(g)
    assert not g.apply(EndQuarter()).ok


def test_undo_takes_back_a_move_without_dice(default_scenario):
    g = fresh(default_scenario)
    before = snapshot(g)
    g.apply(Travel(to="washington"))
    assert g.can_undo()
    assert g.undo()
    assert same(before, snapshot(g))
    g.apply(Pitch(ask_busd=1.0))
    assert not g.can_undo()


def test_every_track_can_say_where_its_figure_comes_from(default_scenario):
    g = fresh(default_scenario)
    g.apply(EndQuarter())
    ex = g.explain("revenue_busd_per_year")
    origin = say(g, ex["origin"])
    assert "New York Times" in origin and "autumn 2024" in origin
    assert any(say(g, label) == "Revenue" for _, label, _ in ex["causes"])


def test_a_deal_previews_what_it_delivers_later(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    item = next(it for it in g.menu() if say(g, it.label) == "Sign: Grid power for a US campus")
    assert item.legal and [tuple(d) for d in item.later] == [("power_gw_online", 1.0, 4)]


def test_deliveries_are_their_own_cause_not_the_cards(default_scenario):
    g = fresh(default_scenario)
    g.apply(Travel(to="washington"))
    assert g.apply(SignDeal(deal="us_grid_power")).ok
    for _ in range(4):
        answer_card(g)
        g.apply(EndQuarter())
    answer_card(g)
    causes = [say(g, label) for _, label, _ in g.explain("power_gw_online")["causes"]]
    assert "Deliveries from earlier deals" in causes
    assert not any(label.startswith("Card:") for label in causes)


def test_campuses_show_what_is_built_and_what_is_building(default_scenario):
    g = fresh(default_scenario)
    g.st.tracks[0, PLAYER, T["cash_busd"]] = 100.0
    g.apply(Travel(to="washington"))
    assert g.apply(CommissionCampus()).ok
    assert [(v.space, v.built_gw, v.building_gw) for v in g.campus_views()] == [("washington", 0.0, 1.0)]
    for _ in range(g.c.consts.campus_build_quarters):
        answer_card(g)
        g.st.tracks[0, PLAYER, T["cash_busd"]] = 100.0
        g.st.tracks[0, PLAYER, T["trust"]] = 8.0
        g.apply(EndQuarter())
    assert [(v.space, v.built_gw, v.building_gw) for v in g.campus_views()] == [("washington", 1.0, 0.0)]
    assert g.track("campus_gw_built") == 1.0


def test_a_finished_game_stays_on_the_quarter_it_ended_in(default_scenario):
    g = fresh(default_scenario)
    g.apply(EndQuarter())
    answer_card(g)
    date = g.date
    g.st.tracks[0, PLAYER, T["cash_busd"]] = 0.1
    g.apply(EndQuarter())
    assert g.over and g.outcome_id == "bankrupt"
    assert g.date == date and g.quarters[-1].date == date


def test_a_preview_lists_each_way_chance_can_go_with_its_odds(default_scenario):
    g = fresh(default_scenario)
    item = next(it for it in g.menu() if it.action == Pitch(ask_busd=6.5))
    yes, no = item.outcomes
    assert yes.went_well and not no.went_well
    assert yes.odds + no.odds == pytest.approx(1.0) and 0 < yes.odds < 1
    assert yes.touches["cash_busd"] == pytest.approx(6.5) and "cash_busd" not in no.touches
    travel = next(it for it in g.menu() if it.action == Travel(to="washington"))
    assert [(o.went_well, o.odds) for o in travel.outcomes] == [(None, 1.0)]


def test_the_fourth_round_at_home_is_harder_than_the_first(compiled):
    """Home investors price each round on revenue: three rounds raised at headquarters make the
    fourth dearer, although each round lifted the valuation; abroad the same ask got easier."""
    st = new_batch(compiled, 1, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    home = compiled.home
    abroad = compiled.space_ids.index("abu_dhabi")
    st.location[:] = home
    rung = list(compiled.ladder).index(6.5)
    w = np.array([0])

    def odds(space):
        st.location[:] = space
        p = float(pitch_chance(st, compiled, rung, w)[0])
        st.location[:] = home
        return p

    first, first_abroad = odds(home), odds(abroad)
    for _ in range(3):  # three rounds at home, each a yes (the best luck)
        st.pitched[:] = False
        st.tracks[0, PLAYER, T["attention"]] = compiled.consts.attention_per_quarter
        rep = engine.step(st, compiled, np.array([compiled.space.pitch(rung)]), u=np.zeros(1))
        assert rep.success[0]
    fourth = odds(home)
    assert fourth < first - 0.1
    assert odds(abroad) >= first_abroad
    # revenue that grows makes room again
    st.tracks[0, PLAYER, T["revenue_busd_per_year"]] *= 10
    assert odds(home) > fourth
