"""A game is its scenario, its seed and its history: every move and every chance outcome."""

from __future__ import annotations

import numpy as np
import pytest

from game.core import engine
from game.core.actions import Choose, EndQuarter, Pitch, Travel
from game.core.history import HISTORY_ADAPTER, CardDealt, ChanceRolled, IncidentRolled, MoveTaken
from game.core.session import Game, IllegalAction
from game.sim.driver import play_game


def _played(scenario, seed: int) -> Game:
    """A whole game played by the planner bot."""
    return play_game(Game(scenario, seed), "planner", seed)


def _same(a: Game, b: Game) -> bool:
    return (
        np.array_equal(a.st.tracks, b.st.tracks)
        and a.turn == b.turn
        and [e.fact for e in a.log] == [e.fact for e in b.log]
    )


def test_every_card_move_and_outcome_is_in_the_history(default_scenario):
    g = _played(default_scenario, 5)
    kinds = {type(e) for e in g.history}
    assert {MoveTaken, ChanceRolled, IncidentRolled, CardDealt} <= kinds
    assert sum(isinstance(e, MoveTaken) for e in g.history) == len(g.actions)
    assert sum(isinstance(e, CardDealt) for e in g.history) == len(g.quarters)
    # a history is plain data: it goes to JSON and back unchanged
    assert HISTORY_ADAPTER.validate_json(HISTORY_ADAPTER.dump_json(g.history)) == g.history


def test_a_history_replays_to_the_same_game(default_scenario):
    g = _played(default_scenario, 7)
    again = Game.replay_history(default_scenario, 7, g.history)
    assert _same(g, again)


def test_a_history_still_replays_after_the_engine_draws_in_another_order(default_scenario, monkeypatch):
    g = _played(default_scenario, 11)
    recorded = list(g.history)
    step = engine.step

    def step_drawing_once_more(st, *args, **kwargs):
        st.rng.random()  # the engine now draws one more number before each move
        return step(st, *args, **kwargs)

    monkeypatch.setattr(engine, "step", step_drawing_once_more)
    again = Game.replay_history(default_scenario, 11, recorded)
    assert _same(g, again)
    # the draws alone no longer give the same game (its moves stop fitting, or it ends
    # elsewhere): the recorded outcomes are what keep it
    try:
        redrawn = Game.replay(default_scenario, 11, g.actions)
    except IllegalAction:
        redrawn = None
    assert redrawn is None or not _same(g, redrawn)


def test_undo_keeps_the_cards_and_outcomes_already_drawn(default_scenario):
    g = Game(default_scenario, 3)
    for _ in range(3):
        if g.awaiting_choice:
            g.apply(Choose(option=0))
        g.apply(Pitch(ask_busd=1.0))
        g.apply(EndQuarter())
    if g.awaiting_choice:
        g.apply(Choose(option=0))
    before = list(g.history)
    target = next(s for s in g.c.space_ids if g.why_illegal(Travel(to=s)) is None)
    assert g.apply(Travel(to=target)).ok
    assert g.undo()
    assert g.history == before


@pytest.mark.parametrize("seed", [1, 2])
def test_replaying_moves_alone_draws_chance_again_as_before(default_scenario, seed):
    g = _played(default_scenario, seed)
    assert _same(g, Game.replay(default_scenario, seed, g.actions))
