"""The one driver loop: bots play a batch until every world ends, with one guard."""

from __future__ import annotations

import numpy as np

from game.core.session import Game
from game.core.state import ONGOING
from game.sim.driver import play_batch, play_game


class Wanderer:
    """A policy that never ends its quarter: it travels back and forth while it can, and
    otherwise does nothing at all."""

    def __init__(self, c):
        self.c = c

    def choose(self, st, legal, worlds=None):
        first = self.c.space.travel(0)
        travel = legal[:, first : first + len(self.c.space_ids)]
        return np.where(travel.any(axis=1), first + np.argmax(travel, axis=1), -1)


def test_every_world_ends_and_the_quarters_are_counted(compiled):
    run = play_batch(compiled, 50, "planner", 4)
    assert (run.state.outcome != ONGOING).all()
    assert run.world_quarters == int((run.state.ended_turn + 1).sum())
    assert run.forced_quarters == 0


def test_a_quarter_that_never_ends_is_ended_by_the_guard(compiled):
    run = play_batch(compiled, 20, Wanderer(compiled), 1, max_steps=10)
    assert (run.state.outcome != ONGOING).all()
    assert run.forced_quarters == run.state.turn + 1  # every quarter had to be ended
    game = play_game(Game(compiled.scenario, 1, compiled), Wanderer(compiled))
    assert game.over


def test_the_quarter_hook_is_called_once_per_quarter(compiled):
    seen = []

    run = play_batch(compiled, 30, "random", 2, on_quarter=lambda st, where: seen.append(len(where)))
    assert len(seen) == run.state.ended_turn.max() + 1  # once per quarter played
    assert seen[0] == 30  # finished worlds may leave the batch later


def test_a_batch_stops_after_the_quarters_asked_for(compiled):
    st = play_batch(compiled, 10, "cautious", 3, quarters=2).state
    assert st.turn == 2 and (st.outcome == ONGOING).all()


def test_each_world_can_have_its_own_bot(compiled):
    alone = play_batch(compiled, 40, "planner", 5).state
    table = play_batch(compiled, 40, ["random", "planner"], 5, who=np.ones(40, dtype=int)).state
    assert np.array_equal(alone.tracks, table.tracks) and np.array_equal(alone.outcome, table.outcome)
    mixed = play_batch(compiled, 40, ["random", "planner"], 5, who=np.arange(40) % 2).state
    assert (mixed.outcome != ONGOING).all()
    assert not np.array_equal(mixed.tracks, alone.tracks)
