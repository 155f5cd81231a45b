"""Away-from-home trust follows one stated rule (help, step 5 of a quarter's end): a quarter in
which the CEO travels away from headquarters costs team trust; a quarter that ends at
headquarters with no trip away earns it back (coming home counts); a quarter spent based
abroad without travelling neither costs nor earns it, and the touring streak waits."""

from __future__ import annotations

from game.core.actions import EndQuarter, Travel
from game.core.session import Game

from .helpers import answer_card, fresh

WHERE = ("cause.away_trust", "cause.home_trust", "cause.abroad_trust")


def _end_quarter(g: Game) -> dict[str, float]:
    """End the quarter; what each cause of its end did to team trust, incidents left aside."""
    rec = g.quarters[-1]
    known = len(rec.causes)
    assert g.apply(EndQuarter()).ok
    out: dict[str, float] = {}
    for f, amounts in rec.causes[known:]:
        if "trust" in amounts:
            out[f.id] = out.get(f.id, 0.0) + amounts["trust"]
    answer_card(g)
    return out


def test_a_quarter_travelling_away_costs_the_stated_trust(default_scenario):
    g = fresh(default_scenario, seed=3)
    loss = g.c.consts.away_trust_loss
    assert g.apply(Travel(to="washington")).ok
    causes = _end_quarter(g)
    assert causes.keys() & set(WHERE) == {"cause.away_trust"}
    assert abs(causes["cause.away_trust"] + loss) < 1e-9 or g.track("trust") in (0.0, 10.0)


def test_a_quarter_based_abroad_without_travelling_neither_costs_nor_earns_trust(default_scenario):
    g = fresh(default_scenario, seed=3)
    assert g.apply(Travel(to="washington")).ok
    _end_quarter(g)  # the quarter it travelled
    streak = g.track("away_streak")
    causes = _end_quarter(g)  # based in Washington all quarter
    assert not causes.keys() & set(WHERE)
    assert g.track("away_streak") == streak


def test_a_quarter_at_headquarters_earns_trust_back_and_ends_the_streak(default_scenario):
    g = fresh(default_scenario, seed=3)
    gain = g.c.consts.home_trust_gain
    causes = _end_quarter(g)
    assert causes.keys() & set(WHERE) == {"cause.home_trust"}
    assert abs(causes["cause.home_trust"] - gain) < 1e-9 or g.track("trust") in (0.0, 10.0)
    assert g.track("away_streak") == 0


def test_coming_home_counts_as_a_quarter_at_headquarters(default_scenario):
    g = fresh(default_scenario, seed=3)
    assert g.apply(Travel(to="washington")).ok
    _end_quarter(g)
    assert g.apply(Travel(to="san_francisco")).ok
    causes = _end_quarter(g)
    assert causes.keys() & set(WHERE) == {"cause.home_trust"}
    assert g.track("away_streak") == 0
