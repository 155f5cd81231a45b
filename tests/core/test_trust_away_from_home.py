"""Away-from-home trust follows one rule: a quarter the CEO spends away from headquarters,
travelling or based abroad without travelling, costs team trust; only a quarter wholly at
home earns it back."""

from __future__ import annotations

from game.core.actions import EndQuarter, Travel
from game.core.session import Game

from .helpers import answer_card, fresh


def _end_quarter(g: Game) -> tuple[float, float, set[str]]:
    """End the quarter: (trust before, trust it ended on, the ids of its end's causes)."""
    rec, before = g.quarters[-1], g.track("trust")
    known = len(rec.causes)
    assert g.apply(EndQuarter()).ok
    return before, rec.tracks["trust"], {f.id for f, _ in rec.causes[known:]}


def test_a_quarter_based_abroad_without_travelling_does_not_gain_trust(default_scenario):
    g = fresh(default_scenario, seed=3)
    assert g.apply(Travel(to="washington")).ok
    _end_quarter(g)  # the quarter it travelled
    answer_card(g)
    before, after, ids = _end_quarter(g)  # based in Washington, no travel
    assert after <= before
    assert "cause.away_trust" in ids and "cause.home_trust" not in ids


def test_a_quarter_wholly_at_home_earns_trust_back(default_scenario):
    g = fresh(default_scenario, seed=3)
    before, after, ids = _end_quarter(g)
    assert "cause.home_trust" in ids and "cause.away_trust" not in ids
    if "cause.incident" not in ids:
        assert after >= before
