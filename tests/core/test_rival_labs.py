"""Rival labs: two to four labs race on one board for the same chips, capital and power.

The rules, as the help states them (game/core/labs.py): what one lab takes the others cannot;
every purchase makes the next chip dearer; the lab furthest behind acts first; incidents and
rushed launches wear the common fate down, and its collapse ends the match lost for all; the
first lab to a goal wins and the match is over for all; when time runs out the best standing
wins. A one-lab game is not changed by any of it.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.core import engine, labs, market
from game.core.compiled import compile_scenario
from game.core.match import Match
from game.core.moves import BuyChips, Choose, EndQuarter, LaunchModel, Pitch, SignDeal, Travel
from game.core.rules import legal_matrix, why_illegal
from game.core.state import LOST, ONGOING, WON
from game.model.industry import M
from game.model.tracks import T
from game.scenario.schema import Calendar
from game.sim.driver import play_batch, play_game, play_matches

SEED = 11


def answer(m: Match) -> None:
    """The acting lab answers its card, if it has one waiting, with its first choice."""
    seat = m.acting
    if seat is not None and m.lab(seat).awaiting_choice:
        assert m.apply(Choose(option=0)).ok


def end_turns(m: Match, n: int) -> None:
    """n labs, in turn, answer their card and end their quarter."""
    for _ in range(n):
        answer(m)
        assert m.apply(EndQuarter()).ok


def variant(scenario, **update):
    """The scenario with some sections replaced (frozen models: a copy)."""
    return scenario.model_copy(update=update)


# ----- shared scarcity ---------------------------------------------------------------------------


def test_when_one_lab_buys_the_quarters_last_chips_the_next_lab_cannot(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=2, compiled=compiled)
    first = m.acting
    answer(m)
    lot = compiled.industry.consts.chip_lot_m
    # the quarter's supply left, shared by both labs: a little more than one lot within reach
    reach_share = float(market.reach(m.st, compiled, np.array([first]))[0] / m.st.market[first, M["chip_left_m"]])
    m.st.market[:, M["chip_left_m"]] = 1.05 * lot / reach_share
    assert m.apply(BuyChips()).ok
    assert m.apply(EndQuarter()).ok
    second = m.acting
    assert second != first
    answer(m)
    refusal = m.lab(second).why_illegal(BuyChips())
    assert refusal is not None and refusal.id == "refused.chips_sold_out"
    assert m.apply(BuyChips()).ok is False


def test_the_price_rises_with_every_labs_demand(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=3, compiled=compiled)
    others = [s for s in range(3) if s != m.acting]
    lot = compiled.industry.consts.chip_lot_m
    before = [float(market.cost(m.st, compiled, lot, np.array([s]))[0]) for s in others]
    answer(m)
    assert m.apply(BuyChips()).ok
    after = [float(market.cost(m.st, compiled, lot, np.array([s]))[0]) for s in others]
    assert all(a > b for a, b in zip(after, before, strict=True)), "the next lab pays more for the same lot"
    assert m.shared()["labs_chips_m"][m.lab_id(m.acting)] == pytest.approx(lot)


def test_a_rival_made_playable_stops_buying_on_its_own(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=2, compiled=compiled)  # seat 1 stands for the search giant
    alone = compiled.industry.rival_ids.index("search_giant")
    assert m.shared()["rivals_chips_m"]["search_giant"] == 0.0
    assert m.shared()["rivals_chips_m"]["cloud_landlord"] > 0.0
    assert alone in m.st.rivals_off


def test_what_one_lab_raises_from_the_gulf_the_others_cannot(default_scenario, compiled):
    st = labs.new_match_batch(compiled, 1, 2, SEED)
    engine.start(compiled, st)
    gulf = compiled.space_ids.index("abu_dhabi")
    pool = compiled.labs.pool_ids.index("gulf_capital")
    st.location[:] = gulf
    st.awaiting_choice[:] = False
    first = int(labs.acting_rows(st)[0])
    second = 1 - first
    rung = int(np.argmin(np.abs(compiled.ladder - 43)))
    ask = compiled.space.pitch(rung)
    rep = engine.step(st, compiled, np.array([ask]), worlds=np.array([first]), outcomes=np.array([1]))
    assert rep.applied[0] and rep.success[0]
    assert st.pools[second, pool] == pytest.approx(compiled.labs.pool_refill[pool] - 43)
    engine.step(st, compiled, np.array([compiled.space.end_quarter]), worlds=np.array([first]))
    assert int(labs.acting_rows(st)[0]) == second
    why = why_illegal(labs.row_view(st, second), compiled, ask)
    assert why is not None and why.id == "refused.capital_short"
    assert why_illegal(labs.row_view(st, second), compiled, compiled.space.pitch(0)) is None  # 1 $B is left


def test_tsmc_lines_reserved_by_two_labs_are_refused_to_the_third(default_scenario, compiled):
    st = labs.new_match_batch(compiled, 1, 3, SEED)
    engine.start(compiled, st)
    st.location[:] = compiled.space_ids.index("hsinchu")
    st.awaiting_choice[:] = False
    st.tracks[:, 0, T["cash_busd"]] = 50.0
    tsmc = compiled.space.sign([d.id for d in default_scenario.deals].index("tsmc_capacity"))
    order = []
    for _ in range(3):
        row = int(labs.acting_rows(st)[0])
        order.append(row)
        legal = legal_matrix(st, compiled, np.array([row]))
        if len(order) < 3:
            assert legal[0, tsmc]
            engine.step(st, compiled, np.array([tsmc]), worlds=np.array([row]), outcomes=np.array([1]))
            engine.step(st, compiled, np.array([compiled.space.end_quarter]), worlds=np.array([row]))
        else:
            assert not legal[0, tsmc]
            assert why_illegal(labs.row_view(st, row), compiled, tsmc).id == "refused.capacity_used"
    assert sorted(order) == [0, 1, 2]


# ----- turn order --------------------------------------------------------------------------------


def test_the_lab_behind_acts_first(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=4, compiled=compiled)
    for _ in range(4):  # four quarters: each opens with the lowest valuation acting
        standing = m.standings()
        assert m.acting == int(np.argmin(standing))
        assert m.order() == sorted(range(4), key=lambda s: (standing[s], s))
        order, seen = m.order(), []
        for _ in range(4):
            seen.append(m.acting)
            end_turns(m, 1)
        assert seen == order, "each lab has one turn a quarter, in the quarter's order"


def test_labs_level_in_standing_act_by_seat(compiled):
    st = labs.new_match_batch(compiled, 1, 4, SEED)
    st.tracks[:, 0, T["valuation_busd"]] = [50.0, 20.0, 50.0, 20.0]
    labs.order(st, compiled)
    assert list(np.argsort(st.rank)) == [1, 3, 0, 2]


def test_a_lab_cannot_act_out_of_its_turn(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=3, compiled=compiled)
    waiting = next(s for s in range(3) if s != m.acting)
    refusal = m.lab(waiting).why_illegal(EndQuarter())
    assert refusal is not None and refusal.id == "refused.not_your_turn"


def test_undo_only_within_your_own_turn(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=2, compiled=compiled)
    answer(m)
    first = m.acting
    here = m.lab(first).location
    to = next(a.to for a in m.lab(first).legal_actions() if isinstance(a, Travel))
    assert m.apply(Travel(to=to)).ok
    assert m.can_undo()
    assert m.undo() and m.acting == first and m.lab(first).location == here
    assert m.apply(EndQuarter()).ok  # the turn passes
    assert m.acting != first
    assert not m.can_undo()


# ----- the common fate ---------------------------------------------------------------------------


def test_a_collapse_of_the_common_track_ends_the_game_for_all(default_scenario, compiled):
    st = labs.new_match_batch(compiled, 2, 4, SEED)  # two matches: only the first collapses
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    _, collapse_at, per_incident, _, recovery = compiled.labs.fate
    st.common[:4] = collapse_at + per_incident - recovery + 0.5  # one incident is not enough...
    struck = np.zeros(8)
    struck[:2] = 1  # ...two labs of the first match are struck this quarter
    struck[2:] = -1
    while not st.quarter_over[st.live].all():
        rows = labs.acting_rows(st)
        ended = engine.step(st, compiled, np.full(len(rows), compiled.space.end_quarter), worlds=rows,
                            incident_outcomes=struck).quarter_ended
        if ended:
            break
    assert (st.outcome[:4] == LOST).all() and (st.reason[:4] == labs.COMMON_FATE).all()
    assert (st.outcome[4:] == ONGOING).all()
    assert st.common[0] <= collapse_at < st.common[4]


def test_rushed_launches_wear_the_common_fate_down(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=2, compiled=compiled)
    fate = m.common_fate
    _, _, _, per_rushed, recovery = compiled.labs.fate
    answer(m)
    seat = m.acting
    m.st.tracks[seat, 0, T["safety_debt"]] = 100.0  # a launch now is rushed for sure
    m.st.tracks[seat, 0, T["cash_busd"]] = 100.0
    assert m.apply(LaunchModel()).ok
    assert m.apply(EndQuarter()).ok
    answer(m)
    assert m.apply(EndQuarter()).ok
    struck = sum(1 for e in m.log if e.kind == "incident" and e.turn == 0)
    assert m.common_fate == pytest.approx(min(fate - per_rushed - struck * compiled.labs.fate[2] + recovery, 10.0))


# ----- winning -----------------------------------------------------------------------------------


def test_the_first_lab_to_reach_a_goal_wins_and_the_match_is_over_for_all(default_scenario):
    goals = default_scenario.goals
    rich = goals.win[0].model_copy(update={"when": type(goals.win[0].when)({"cash_busd": {"gte": 20}})})
    s = variant(default_scenario, goals=goals.model_copy(update={"win": [rich]}))
    m = Match(s, SEED, labs=4)
    m.st.tracks[2, 0, T["cash_busd"]] = 40.0
    m.st.tracks[3, 0, T["cash_busd"]] = 40.0  # two labs reach the goal at the same quarter's end
    m.st.tracks[3, 0, T["valuation_busd"]] = 500.0  # the higher standing of the two
    end_turns(m, 4)
    assert m.over and m.winner == 3
    assert m.outcome_of(3) == "won" and m.outcome_id_of(3) == rich.id
    assert [m.outcome_id_of(s) for s in (0, 1, 2)] == ["rival_won"] * 3


def test_when_time_runs_out_the_best_standing_wins(default_scenario):
    s = variant(default_scenario, calendar=Calendar(start="2024Q1", end="2024Q1"))
    m = Match(s, SEED, labs=3)
    m.st.tracks[1, 0, T["valuation_busd"]] = 400.0
    end_turns(m, 3)
    assert m.over and m.winner == 1 and m.outcome_id_of(1) == "best_standing"
    assert m.outcome_of(0) == m.outcome_of(2) == "lost"


def test_a_match_has_at_most_one_winner_and_a_collapse_leaves_none(compiled):
    run = play_matches(compiled, 60, 4, ["planner", "builder", "cautious", "safety_first"], SEED)
    outcome = run.state.outcome.reshape(-1, 4)
    reason = run.state.reason.reshape(-1, 4)
    assert ((outcome == WON).sum(axis=1) <= 1).all()
    collapsed = (reason == labs.COMMON_FATE).any(axis=1)
    assert not (outcome[collapsed] == WON).any()
    assert (outcome != ONGOING).all()


# ----- cards -------------------------------------------------------------------------------------


def test_a_card_that_hits_all_is_dealt_to_every_lab_of_the_match(default_scenario):
    s = variant(default_scenario, events=[e.model_copy(update={"hits": "all"}) for e in default_scenario.events])
    m = Match(s, SEED, labs=4)
    for _ in range(6):
        assert len(set(m.st.card.tolist())) == 1, "one card, dealt to all four labs"
        end_turns(m, 4)


def test_each_lab_draws_its_own_card_otherwise(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=4, compiled=compiled)
    dealt = []
    while not m.over and len(dealt) < 8:
        dealt.append(tuple(m.st.card.tolist()))
        end_turns(m, int((m.st.outcome == ONGOING).sum()))
    assert any(len(set(d)) > 1 for d in dealt)


# ----- one lab, replays --------------------------------------------------------------------------


def test_a_one_lab_game_is_unchanged_by_the_labs_section(default_scenario, compiled):
    alone = compile_scenario(variant(default_scenario, labs=None))
    for seed in (1, 7):
        a = play_batch(compiled, 200, "planner", seed).state
        b = play_batch(alone, 200, "planner", seed).state
        assert np.array_equal(a.tracks, b.tracks) and np.array_equal(a.outcome, b.outcome)
    from game.core.session import Game

    g1 = play_game(Game(default_scenario, 5, compiled), "planner")
    g2 = play_game(Game(variant(default_scenario, labs=None), 5, alone), "planner")
    assert g1.actions == g2.actions and g1.figures() == g2.figures()


def test_a_replayed_match_is_the_same_match(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=3, compiled=compiled)
    for _ in range(3):
        answer(m)
        seat = m.acting
        if m.lab(seat).why_illegal(BuyChips()) is None:
            m.apply(BuyChips())
        for a in m.lab(seat).legal_actions():
            if isinstance(a, (Pitch, SignDeal)):
                m.apply(a)
                break
        end_turns(m, 1)
    again = Match.replay(default_scenario, m.record(), compiled)
    assert np.array_equal(again.st.tracks, m.st.tracks) and again.acting == m.acting
    assert [e.fact for e in again.log] == [e.fact for e in m.log]


def test_a_handover_tells_what_changed_since_the_lab_last_played(default_scenario, compiled):
    m = Match(default_scenario, SEED, labs=2, compiled=compiled)
    first = m.acting
    end_turns(m, 1)
    second = m.acting
    assert m.handover(second).first
    answer(m)
    assert m.apply(BuyChips()).ok
    assert m.apply(EndQuarter()).ok  # the quarter's business runs for both
    h = m.handover(first)
    assert not h.first and "cash_busd" in h.moved
    assert any(e.seat == second and e.kind == "action" for e in h.others), "the other lab's purchase is told"


def test_the_real_lab_s_history_is_dealt_to_its_own_lab_only(compiled):
    """A reported card tells the real lab's story (its founders, its safety lead, its CEO's
    post): in a race only the scenario's own lab draws it; the rival labs, being fiction, draw
    the fiction cards and those that hit every lab."""
    run = play_matches(compiled, 40, 4, ["planner", "builder", "safety_first", "gulf_funded"], 3, compact=False)
    seen = run.state.cards_seen
    seat = np.arange(len(seen)) % 4
    own = compiled.ev_own_history
    assert own.any()
    assert seen[seat != 0][:, own].sum() == 0
    assert seen[seat == 0][:, own].sum() > 0
    assert seen[seat != 0].sum() > 0  # the rivals still draw cards
