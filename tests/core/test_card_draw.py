"""Drawing cards: the engine's quick look-ups say the same as the cards' conditions."""

from __future__ import annotations

import numpy as np

from game.core import engine
from game.core.rules import calendar_holds, holds
from game.core.state import PLAYER, new_batch
from game.model.tracks import T


def test_a_flat_view_reaches_the_same_cells_as_a_pair_of_indices():
    rng = np.random.default_rng(0)
    world_last = np.zeros((5, 6), dtype=np.int16).T
    for a in (world_last, np.zeros((6, 5), dtype=np.int16)):
        a[:] = rng.integers(0, 100, a.shape)
        flat, step0, step1 = engine._cells(a)
        i, j = rng.integers(0, 6, 20), rng.integers(0, 5, 20)
        assert np.array_equal(flat[i * step0 + j * step1], a[i, j])
        flat[i[:1] * step0 + j[:1] * step1] += 1000  # a view: writing through it changes a
        assert a[i[0], j[0]] >= 1000
    assert engine._cells(np.zeros((6, 5))[:, ::2]) is None  # no flat view of a strided pick


def test_the_decks_look_up_agrees_with_each_cards_conditions(compiled):
    c = compiled
    W = 400
    st = new_batch(c, W, seed=3)
    rng = np.random.default_rng(1)
    # worlds spread over the board, with varied deals, products, tracks and cards already seen
    st.location[:] = rng.integers(0, len(c.space_ids), W)
    st.deals_signed[:, PLAYER] = rng.integers(0, 2, st.deals_signed[:, PLAYER].shape)
    st.running[:, PLAYER] = rng.random(st.running[:, PLAYER].shape) < 0.5
    for name in ("scrutiny", "credibility", "trust", "away_streak"):
        st.tracks[:, PLAYER, T[name]] = rng.uniform(0, 10, W)
    st.cards_seen[:] = rng.integers(0, 2, st.cards_seen.shape)
    w = np.flatnonzero(rng.random(W) < 0.7)  # some of the worlds draw
    C = len(c.ev_weight)
    for turn in (0, 5, 9):
        st.turn = turn
        open_now = np.array([calendar_holds(p, st, c) for p in c.ev_when])
        deck = engine._Deck.now(st, c, w, open_now)
        pos = np.repeat(np.arange(len(w)), C)
        k = np.tile(np.arange(C), len(w))
        got = engine._allowed(deck, pos, k).reshape(len(w), C)
        for j in range(C):
            want = holds(c.ev_when[j], st, c, w)
            if c.ev_once[j]:
                want &= st.cards_seen[w, j] == 0
            assert np.array_equal(got[:, j], want), (turn, j)
