"""Before a move, the player sees the burn and runway it leaves, and a ruinous move asks first."""

from __future__ import annotations

import math

from game.core.actions import Choose, EndQuarter, LaunchModel, Pitch, Travel
from game.core.menu import danger, outlook
from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T


def _game(default_scenario, cash: float | None = None) -> Game:
    g = Game(default_scenario, 1)
    if g.awaiting_choice:
        g.apply(Choose(option=0))
    if cash is not None:
        g.st.tracks[0, PLAYER, T["cash_busd"]] = cash
    return g


def test_the_outlook_after_a_move_is_what_the_game_shows_once_it_is_made(default_scenario):
    g = _game(default_scenario)
    before = g.track("cash_busd")
    ahead = outlook(g, LaunchModel())
    assert ahead is not None
    g.apply(LaunchModel())
    assert math.isclose(ahead.burn, g.burn_per_quarter(), abs_tol=1e-9)
    assert math.isclose(ahead.cash_now, g.track("cash_busd"), abs_tol=1e-9)
    assert math.isclose(ahead.runway, g.track("runway_quarters"), abs_tol=1e-9)
    assert g.track("cash_busd") < before


def test_working_out_an_outlook_changes_nothing(default_scenario):
    g = _game(default_scenario)
    tracks = g.st.tracks.copy()
    outlook(g, LaunchModel())
    outlook(g, Pitch(ask_busd=43), went_well=False)
    assert (g.st.tracks == tracks).all()


def test_a_refused_move_has_no_outlook(default_scenario):
    g = _game(default_scenario)
    assert outlook(g, Travel(to=g.location)) is None


def test_a_launch_that_leaves_less_than_two_quarters_of_runway_asks_first(default_scenario):
    poor = _game(default_scenario, cash=1.5)
    said = danger(poor, LaunchModel())
    assert said is not None and said.id in ("danger.short_runway", "danger.cash_below_zero")
    rich = _game(default_scenario)
    assert danger(rich, LaunchModel()) is None


def test_a_move_that_changes_no_cash_does_not_ask_even_when_the_runway_is_short(default_scenario):
    poor = _game(default_scenario, cash=0.5)
    others = [it.action for it in poor.menu() if it.legal and isinstance(it.action, Travel)]
    assert others and all(danger(poor, a) is None for a in others)


def test_a_pitch_at_zero_percent_asks_first_and_a_likely_one_does_not(default_scenario):
    g = _game(default_scenario)
    pitches = {it.action.ask_busd: it.odds for it in g.menu() if it.legal and isinstance(it.action, Pitch)}
    hopeless = max(pitches)
    assert round(100 * pitches[hopeless]) == 0
    assert danger(g, Pitch(ask_busd=hopeless)).id == "danger.zero_odds"
    assert danger(g, Pitch(ask_busd=min(pitches))) is None


def test_ending_a_quarter_with_attention_left_asks_first(default_scenario):
    g = _game(default_scenario)
    assert danger(g, EndQuarter()).id == "danger.attention_unused"
    while g.track("attention") >= 1:
        g.apply(next(it.action for it in g.menu() if it.legal and isinstance(it.action, Travel)))
    assert danger(g, EndQuarter()) is None
