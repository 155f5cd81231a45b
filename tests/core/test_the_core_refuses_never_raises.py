"""The core refuses an action with out-of-range data, with a reason; it never raises."""

from __future__ import annotations

import math

import pytest

from game.core.actions import Choose, Pitch, SignDeal, StartProduct, Travel
from game.core.session import Game
from game.text.words import say


@pytest.mark.parametrize(
    "action",
    [
        Pitch.model_construct(ask_busd=math.nan),
        Pitch.model_construct(ask_busd=math.inf),
        Pitch.model_construct(ask_busd=-math.inf),
        Pitch.model_construct(ask_busd=1e308),
        Pitch.model_construct(ask_busd="43"),
        Travel.model_construct(to="atlantis"),
        SignDeal.model_construct(deal=""),
        StartProduct.model_construct(product=None),
        Choose.model_construct(option=99),
        Choose.model_construct(option=-1),
    ],
    ids=repr,
)
def test_an_action_with_out_of_range_data_is_refused_with_a_reason(default_scenario, action):
    g = Game(default_scenario, 1)
    before = g.st.tracks.copy()
    refusal = g.why_illegal(action)
    assert refusal is not None and say(g, refusal)
    result = g.apply(action)
    assert not result.ok and say(g, result.reason)
    assert g.preview(action).touches == {}
    assert say(g, g.label(action))
    assert (g.st.tracks == before).all()


def test_a_pitch_that_is_not_a_number_cannot_even_be_written():
    with pytest.raises(ValueError):
        Pitch(ask_busd=math.nan)
