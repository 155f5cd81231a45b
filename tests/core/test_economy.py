"""The economic model: the 2024 figures, accounting, and balance across many worlds."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.session import Game
from game.core.state import PLAYER
from game.model.tracks import T
from game.sim.driver import play_batch, play_game
from game.text.words import say


def test_2024_played_as_reported_lands_near_3_billion_revenue_and_at_least_7_spending(default_scenario):
    # the running costs alone come to about 7 (tests/model); the reported plays add a launch
    # and the deals' bills on top
    game = play_game(Game(default_scenario, 1), "historical")
    end_2024 = next(q for q in game.quarters if q.date == "Q4 2024").tracks
    assert abs(end_2024["revenue_busd_per_year"] - 3.0) <= 0.15 * 3.0
    assert end_2024["spend_busd_per_year"] >= 0.85 * 7.0
    played = [say(game, a) for q in game.quarters[:4] for a in q.labels]
    assert "Present the 7,000 $B build-out in Hsinchu" in played
    tokyo = next(d for d in default_scenario.deals if d.id == "nuclear_restart")
    assert f"Sign: {tokyo.title}" in played
    assert "Pitch 6.5 $B at San Francisco" in played


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), bot=st.sampled_from(["random", "cautious", "planner"]))
def test_every_invariant_holds_at_every_quarter(default_scenario, compiled, seed, bot):
    from game.bots import make_bot
    from game.core.rules import legal_matrix

    game = Game(default_scenario, seed, compiled)
    policy = make_bot(bot, compiled, seed)
    steps = 0
    while not game.over and steps < 400:
        steps += 1
        a = int(policy.choose(game.st, legal_matrix(game.st, compiled))[0])
        turn = game.turn
        assert game.apply(game.codec.decode(a if a >= 0 else 0)).ok
        tr = game.st.tracks[0, PLAYER]
        assert np.isfinite(tr).all()
        for name in ("power_gw_online", "own_chips_m", "rented_chips_m", "chips_reserved_m", "demand_bq"):
            assert tr[T[name]] >= 0
        for name in ("scrutiny", "credibility", "trust"):
            assert 0 <= tr[T[name]] <= 10
        if game.turn != turn or game.over:
            q = game.quarters[turn].tracks
            start = game.quarters[turn - 1].tracks["cash_busd"] if turn else default_scenario.start["cash_busd"].value
            change = q["cash_busd"] - start
            ledger = q["q_revenue_busd"] - q["q_spend_busd"] + q["q_raised_busd"] + q["q_other_busd"]
            assert np.isclose(change, ledger, atol=1e-9), (turn, change, ledger)
    assert game.over


def test_the_campaign_is_neither_trivial_nor_hopeless(compiled):
    worlds = 600
    planner = (play_batch(compiled, worlds, "planner", 21).state.outcome == 1).mean()
    random = (play_batch(compiled, worlds, "random", 21).state.outcome == 1).mean()
    assert random < 0.05
    assert planner > random + 0.05
    assert planner < 0.95


def test_a_world_s_quarter_depends_neither_on_the_other_worlds_nor_on_the_runs(compiled, monkeypatch):
    """The model works through the worlds in runs of BLOCK worlds and computes finished worlds
    too, then puts their old values back: each live world must come out exactly as it would
    alone, and a finished world exactly as it was."""
    from game.core.state import new_batch
    from game.model import economy

    rng = np.random.default_rng(5)
    worlds, labs = 23, 2
    st = new_batch(compiled, worlds, 5, labs=labs)
    tr = st.tracks
    tr *= rng.uniform(0.2, 3.0, tr.shape)  # varied worlds (start figures scaled)
    tr[..., T["away_this_quarter"]] = rng.random((worlds, labs)) < 0.5
    tr[..., T["away_streak"]] = rng.integers(0, 4, (worlds, labs))
    st.pipeline_gw[:] = rng.random(st.pipeline_gw.shape) * (rng.random(st.pipeline_gw.shape) < 0.5)
    products, growth = rng.random((worlds, labs)), rng.normal(0, 2, (worlds, labs))
    u = rng.random((worlds, labs)) * 0.3
    live = rng.random(worlds) < 0.7
    consts, year = compiled.consts, 2026.25

    alone = []
    for w in range(worlds):
        one_tr, one_pipe = tr[w : w + 1].copy(), st.pipeline_gw[w : w + 1].copy()
        hit = economy.advance_quarter(
            one_tr, one_pipe, consts, year, products[w : w + 1], growth[w : w + 1], u[w : w + 1], np.ones(1, bool)
        )
        alone.append((one_tr[0], one_pipe[0], hit[0]))

    monkeypatch.setattr(economy, "BLOCK", 4)  # several runs, the last one shorter
    before_tr, before_pipe = tr.copy(), st.pipeline_gw.copy()
    hit = economy.advance_quarter(tr, st.pipeline_gw, consts, year, products, growth, u, live)
    for w in range(worlds):
        if live[w]:
            assert tr[w].tobytes() == alone[w][0].tobytes()
            assert st.pipeline_gw[w].tobytes() == alone[w][1].tobytes()
            assert (hit[w] == alone[w][2]).all()
        else:
            assert tr[w].tobytes() == before_tr[w].tobytes()
            assert st.pipeline_gw[w].tobytes() == before_pipe[w].tobytes()
            assert not hit[w].any()
    assert live.any() and not live.all() and hit[live].any()


def test_refreshing_most_worlds_of_a_batch_leaves_the_others_alone(compiled, monkeypatch):
    """refresh_derived does a batch where most worlds are picked in runs, through views, and puts
    the old values of the others back: the picked worlds must come out as a lone row would."""
    from game.core.state import new_batch
    from game.model import economy

    rng = np.random.default_rng(6)
    worlds, labs = 23, 2
    tr = new_batch(compiled, worlds, 6, labs=labs).tracks
    tr *= rng.uniform(0.2, 3.0, tr.shape)  # varied worlds, derived tracks out of date
    picked = np.concatenate([np.flatnonzero(rng.random(worlds) < 0.7), [3]])  # unsorted, maybe twice
    assert 2 * len(picked) > worlds
    rows = {(w, lab): tr[w, lab].copy() for w in picked for lab in range(labs)}
    for row in rows.values():
        economy.refresh_derived(row, compiled.consts)
    before = tr.copy()

    monkeypatch.setattr(economy, "BLOCK", 4)
    economy.refresh_derived(tr, compiled.consts, picked)
    for w in range(worlds):
        for lab in range(labs):
            expected = rows[w, lab] if w in picked else before[w, lab]
            assert tr[w, lab].tobytes() == expected.tobytes()
