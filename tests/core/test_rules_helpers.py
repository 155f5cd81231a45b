"""The helpers behind the legal-action matrix and the random bot: same answers as the plain numpy
they stand for."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots.base import select
from game.bots.policies import RandomBot
from game.core import engine
from game.core.conditions import holds
from game.core.moves.base import Context
from game.core.moves.base import holds_rows as _holds_rows
from game.core.rules import legal_matrix, why_illegal
from game.core.state import new_batch


@pytest.mark.parametrize("spaces", [2, 5, 8, 9, 20, 64, 70])
def test_a_space_fact_is_read_at_the_space_of_each_world(compiled, spaces):
    rng = np.random.default_rng(spaces)
    st = new_batch(compiled, 50, 0)
    ctx = Context(st, compiled, np.arange(0, 50, 2))
    ctx.loc = rng.integers(0, spaces, ctx.W)  # a board of `spaces` spaces, as far as `at` knows
    ctx._loc_bits = None
    row = rng.random(spaces) < 0.5
    table = rng.random((4, spaces)) < 0.5
    assert np.array_equal(ctx.at(row), row[ctx.loc])
    assert np.array_equal(ctx.at(table), table[:, ctx.loc])


def test_the_worlds_asked_about_see_the_same_rules_as_the_whole_batch(compiled):
    rng = np.random.default_rng(3)
    st = new_batch(compiled, 40, 0)
    engine.start(compiled, st)
    st.location[:] = rng.integers(0, len(compiled.space_ids), 40)
    st.pitched[:] = rng.random(st.pitched.shape) < 0.5
    st.awaiting_choice[:] = rng.random(40) < 0.3
    st.quarter_over[:] = rng.random(40) < 0.2
    full = legal_matrix(st, compiled)
    some = np.sort(rng.choice(40, 15, replace=False))
    assert np.array_equal(legal_matrix(st, compiled, some), full[some])
    assert np.array_equal(legal_matrix(st, compiled, np.arange(40)), full)
    for w in (0, 7, 21):
        for a in range(compiled.space.size):
            assert (why_illegal(st, compiled, a, w) is None) == bool(full[w, a])


def test_select_is_where_for_integers():
    rng = np.random.default_rng(0)
    mask = rng.random(100) < 0.5
    a = rng.integers(0, 30, 100).astype(np.uint8)
    b = rng.integers(-5, 5, 100)
    wide = a.astype(np.int64)  # np.where itself would keep uint8 and wrap -1 to 255
    assert np.array_equal(select(mask, a, b), np.where(mask, wide, b))
    assert np.array_equal(select(mask, a, -1), np.where(mask, wide, -1))
    assert select(mask, a, -1).dtype == np.int64


def test_the_random_bot_takes_a_legal_action_in_the_worlds_asked_only(compiled):
    rng = np.random.default_rng(1)
    legal = rng.random((compiled.space.size, 200)) < 0.2  # action-major, as the rules store it
    legal[:, :10] = False  # worlds with nothing legal
    asked = rng.random(200) < 0.7
    bot = RandomBot(compiled, 0)
    acts = bot.decide(None, legal.T, asked)
    decided = asked & legal.any(axis=0)
    assert np.all(acts[~decided] == -1)
    assert np.all(legal.T[np.flatnonzero(decided), acts[decided]])
    # the same draws pick the same actions
    assert np.array_equal(RandomBot(compiled, 0).decide(None, legal.T, asked), acts)


def test_conditions_as_rows_are_the_conditions_one_by_one(compiled):
    rng = np.random.default_rng(2)
    st = new_batch(compiled, 30, 0)
    engine.start(compiled, st)
    st.tracks[:, 0, :] *= rng.uniform(0.0, 3.0, (30, 1))
    w = np.arange(1, 30, 3)
    rows = _holds_rows(Context(st, compiled, w), compiled.deal_when + compiled.prod_when)
    expected = [holds(p, st, compiled, w) for p in compiled.deal_when + compiled.prod_when]
    assert any(p.clauses for p in compiled.deal_when) and not all(p.clauses for p in compiled.deal_when)
    assert np.array_equal(rows, np.stack(expected))
