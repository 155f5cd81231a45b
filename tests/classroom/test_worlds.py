"""Parallel worlds: the player's decisions replayed in many worlds, by the rule TEACHING.md states."""

from __future__ import annotations

import numpy as np

from game.classroom.worlds import STILL_PLAYING, Plan, parallel_worlds, plan_of, replay_batch
from game.core.actions import Choose, Travel
from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T
from game.sim.driver import play_game


def test_one_world_with_the_players_seed_is_the_players_own_game(planner_game, random_game):
    for game in (planner_game, random_game):
        st, _ = replay_batch(game.c, plan_of(game), 1, game.seed)
        assert np.allclose(st.tracks[0, PLAYER], game.st.tracks[0, PLAYER])
        assert (st.outcome[0], st.reason[0]) == (game.st.outcome[0], game.st.reason[0])


def test_parallel_worlds_count_every_world_once(planner_game):
    w = parallel_worlds(planner_game, 300)
    assert sum(o.count for o in w.outcomes) == 300
    assert abs(sum(o.share for o in w.outcomes) - 1.0) < 1e-9
    assert w.player_outcome == planner_game.outcome_id
    assert w.same_outcome_share == w.share_of(planner_game.outcome_id)
    assert len(w.values["cash_busd"]) == 300
    assert w.figures["cash_busd"].player == round(planner_game.track("cash_busd"), 4)


def test_the_same_seed_gives_the_same_worlds(planner_game):
    a = parallel_worlds(planner_game, 200, seed=9)
    b = parallel_worlds(planner_game, 200, seed=9)
    assert a.values == b.values and a.outcomes == b.outcomes


def test_a_decision_the_rules_refuse_is_skipped_and_the_world_goes_on(burn):
    game = Game(burn, 1)
    no_route = game.codec.encode(Travel(to="abu_dhabi"))  # no direct route from San Francisco
    plan = Plan(quarters=[[no_route], []], labels=[["Travel to Abu Dhabi"], []], answer_same_turn={}, answer_any={})
    st, tally = replay_batch(game.c, plan, 50, seed=2)
    assert tally["refused_by"][0] == [1.0]
    assert st.turn == 2 and (st.location == game.c.home).all()


def test_a_card_the_player_answered_gets_the_same_answer_in_every_world(burn):
    # "The burn" scripts the four-cents card in the first quarter: every world draws it.
    game = Game(burn, 4)
    game.apply_or_raise(Choose(option=0))  # charge more per query
    game.apply_or_raise(game.codec.decode(game.c.space.end_quarter))
    st, _ = replay_batch(game.c, plan_of(game), 100, seed=3)
    price = st.tracks[:, PLAYER, T["price_cents"]]
    assert np.allclose(price, game.track("price_cents"))


def test_worlds_still_playing_when_the_decisions_run_out_are_counted_as_such(burn):
    game = Game(burn, 6)
    for _ in range(3):  # three quarters of doing nothing, then stop
        if game.awaiting_choice:
            game.apply_or_raise(Choose(option=0))
        game.apply_or_raise(game.codec.decode(game.c.space.end_quarter))
    w = parallel_worlds(game, 100)
    assert w.player_outcome == STILL_PLAYING
    assert w.quarters == 3
    assert "not over yet" in w.verdict


def test_a_lost_game_replayed_often_ends_the_same_way(random_game):
    w = parallel_worlds(random_game, 300)
    assert random_game.outcome == "lost"
    assert w.same_outcome_share > 0.1  # the same ending comes back in a good share of worlds
    assert w.verdict


def test_the_planner_decisions_win_more_worlds_than_random_ones(planner_game, burn):
    loser = play_game(Game(burn, burn.meta.seed), "random")
    assert parallel_worlds(planner_game, 200).win_rate > parallel_worlds(loser, 200).win_rate
