"""The debrief credits each decision with what that move did, and nothing else: not a delivery
landing in the same quarter, not the card, not the quarter's business."""

from __future__ import annotations

import pytest

from game.classroom.debrief import DECISION_TRACKS, _decisions
from game.core.actions import EndQuarter, Travel
from game.core.figures import SHOWN_TRACKS
from game.core.session import Game
from game.model.tracks import T
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_game


@pytest.fixture(scope="module")
def game_with_deliveries():
    """A planner's game of the default campaign in which power and chips land in several
    quarters, some of them quarters with decisions (the first such seed)."""
    s = load_scenario_file(BUILTIN_DIR / "default.yaml")
    for seed in range(1, 40):
        g = play_game(Game(s, seed), "planner")
        turns = _delivery_quarters(g)
        if len(turns) >= 3 and any(q.turn in turns and len(q.actions) > 1 for q in g.quarters):
            return g
    raise AssertionError("no planner game with deliveries in three quarters")


def _delivery_quarters(game: Game) -> list[int]:
    return [q.turn for q in game.quarters if any(cause.id == "cause.deliveries" for cause, _ in q.causes)]


def test_the_seeded_game_has_deliveries_in_quarters_with_decisions(game_with_deliveries):
    turns = _delivery_quarters(game_with_deliveries)
    assert len(turns) >= 3
    with_moves = [q for q in game_with_deliveries.quarters if q.turn in turns and len(q.actions) > 1]
    assert with_moves


def test_each_decision_gets_what_its_own_move_did_even_when_deliveries_arrive(game_with_deliveries):
    g = game_with_deliveries
    again = Game(g.scenario, g.seed, g.c)
    own: list[dict[str, float]] = []  # each move's own effect, measured move by move
    for action in g.actions:
        before = again.tracks.copy()
        again.apply_or_raise(action)
        if not isinstance(action, EndQuarter):
            after = again.tracks
            own.append({k: float(after[T[k]] - before[T[k]]) for k in DECISION_TRACKS})
    notes = _decisions(g)
    assert len(notes) == len(own)
    for note, diff in zip(notes, own, strict=True):
        moved = {k: v for k, v in diff.items() if abs(v) > 1e-3 and k in SHOWN_TRACKS}
        assert set(note.changes) <= set(diff), (note.quarter, note.label)
        for k, v in moved.items():
            assert note.changes.get(k, 0.0) == pytest.approx(v, abs=1e-3), (note.quarter, note.label, k)


def test_travelling_never_brings_money_or_power(game_with_deliveries):
    for note in _decisions(game_with_deliveries):
        if isinstance(note.action, Travel):
            assert not {"cash_busd", "power_gw_online", "valuation_busd"} & set(note.changes), (note.quarter, note.label)
