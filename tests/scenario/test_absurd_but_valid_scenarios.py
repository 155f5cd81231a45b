"""A scenario that validates cannot make the model produce NaN or infinity: every constant at the
edges of its range, and the starting figures at theirs, still give finite games."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.compiled import compile_scenario
from game.model.constants import RANGES
from game.scenario.loader import load_scenario_file
from game.scenario.refs import INDUSTRY_CONSTANTS, MAX_START, REQUIRED_CONSTANTS, check_references
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_batch

BASE = load_scenario_file(BUILTIN_DIR / "default.yaml")


def test_every_constant_has_a_range_and_the_shipped_values_lie_in_it():
    assert set(REQUIRED_CONSTANTS) | set(INDUSTRY_CONSTANTS) == set(RANGES)
    assert BASE.industry is not None
    for key, fig in list(BASE.constants.items()) + list(BASE.industry.constants.items()):
        lo, hi = RANGES[key]
        assert lo <= fig.value <= hi, key


def _shipped(key: str):
    return BASE.constants[key] if key in BASE.constants else BASE.industry.constants[key]


def _edge(key: str) -> st.SearchStrategy[float]:
    lo, hi = RANGES[key]
    return st.sampled_from([lo, hi, _shipped(key).value])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    constants=st.fixed_dictionaries({k: _edge(k) for k in sorted(RANGES)}),
    cash=st.sampled_from([0.0, 7.0, MAX_START]),
    valuation=st.sampled_from([0.0, 150.0, MAX_START]),
    bot=st.sampled_from(["random", "planner"]),
)
def test_a_scenario_at_the_edges_of_its_ranges_gives_finite_games(constants, cash, valuation, bot):
    figures = {k: _shipped(k).model_copy(update={"value": v}) for k, v in constants.items()}
    industry = BASE.industry.model_copy(update={"constants": {k: figures.pop(k) for k in INDUSTRY_CONSTANTS}})
    start = dict(BASE.start)
    start["cash_busd"] = start["cash_busd"].model_copy(update={"value": cash})
    start["valuation_busd"] = start["valuation_busd"].model_copy(update={"value": valuation})
    s = BASE.model_copy(update={"constants": figures, "start": start, "industry": industry})
    assert not [p for p in check_references(s) if p.path[:1] in (("constants",), ("start",), ("industry",))]  # it validates
    run = play_batch(compile_scenario(s), 8, bot, 3)
    assert np.isfinite(run.state.tracks).all()
    assert np.isfinite(run.state.pending).all() and np.isfinite(run.state.pipeline_gw).all()
    assert np.isfinite(run.state.market).all() and np.isfinite(run.state.taken).all()
