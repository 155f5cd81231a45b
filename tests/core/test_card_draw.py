"""Drawing cards: the engine's quick look-ups say the same as the cards' conditions."""

from __future__ import annotations

import numpy as np

from game.core import cards, engine, kernels
from game.core.conditions import calendar_holds, holds
from game.core.kernels import Cut
from game.core.state import PLAYER, new_batch
from game.model.tracks import T


def test_a_flat_view_reaches_the_same_cells_as_a_pair_of_indices():
    rng = np.random.default_rng(0)
    world_last = np.zeros((5, 6), dtype=np.int16).T
    for a in (world_last, np.zeros((6, 5), dtype=np.int16)):
        a[:] = rng.integers(0, 100, a.shape)
        flat, step0, step1 = kernels.flat_cells(a)
        i, j = rng.integers(0, 6, 20), rng.integers(0, 5, 20)
        assert np.array_equal(flat[i * step0 + j * step1], a[i, j])
        flat[i[:1] * step0 + j[:1] * step1] += 1000  # a view: writing through it changes a
        assert a[i[0], j[0]] >= 1000
    assert kernels.flat_cells(np.zeros((6, 5))[:, ::2]) is None  # no flat view of a strided pick


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
    # the build-out's history: presented at some spaces, cut back in some worlds
    st.vision_turn[:] = rng.integers(-1, 2, st.vision_turn.shape)
    st.buildout_busd[:] = np.where(rng.random(W) < 0.5, 7000.0, 500.0)
    w = np.flatnonzero(rng.random(W) < 0.7)  # some of the worlds draw
    C = len(c.ev_weight)
    for turn in (0, 5, 9):
        st.turn = turn
        open_now = np.array([calendar_holds(p, st, c) for p in c.ev_when])
        deck = cards._Deck.now(st, c, w, open_now)
        pos = np.repeat(np.arange(len(w)), C)
        k = np.tile(np.arange(C), len(w))
        got = cards._allowed(deck, pos, k).reshape(len(w), C)
        table = cards._allowed(deck, np.arange(len(w))[:, None], np.arange(C)[None, :])
        assert np.array_equal(table, got)  # the same, as a table of worlds x cards
        for j in range(C):
            want = holds(c.ev_when[j], st, c, w)
            if c.ev_once[j]:
                want &= st.cards_seen[w, j] == 0
            assert np.array_equal(got[:, j], want), (turn, j)


def test_the_cut_counts_as_a_sorted_search_does():
    rng = np.random.default_rng(2)
    decks = [
        np.array([5.0, 5, 3, 4, 5, 2, 3]),  # an ordinary deck
        np.array([0.0, 3, 0, 0, 2, 0]),  # closed cards: repeated edges, one at 0
        np.array([1.0, 1, 1, 1]),  # edges on the bins' starts (0.25, 0.5, 0.75, 1)
        np.array([0.3, 1e-9, 1e-9, 0.7]),  # edges closer than the finest bin: it searches
    ]
    for weights in decks:
        edges = np.cumsum(weights) / weights.sum()
        cut = Cut(edges)
        u = np.concatenate([rng.random(20_000), edges[edges < 1], np.nextafter(edges[edges < 1], 0), [0.0]])
        assert np.array_equal(cut.count(u), np.searchsorted(edges, u, side="right"))
    assert Cut(np.cumsum(decks[0]) / decks[0].sum()).bins > 0
    assert Cut(np.cumsum(decks[3]) / decks[3].sum()).bins == 0


def test_deliveries_land_only_in_the_worlds_opening_their_quarter(compiled):
    c = compiled
    st = new_batch(c, 4, seed=1)
    engine.start(c, st)
    st.turn = 1
    cash = st.tracks[:, PLAYER, T["cash_busd"]].copy()
    st.pending[[0, 2], PLAYER, 1, 0] = 5.0  # 5 $B of cash due this quarter in worlds 0 and 2
    engine.begin_quarter(st, c, worlds=np.array([0, 1, 3]))
    assert st.pending[0, PLAYER, 1, 0] == 0.0 and st.pending[2, PLAYER, 1, 0] == 5.0
    assert st.tracks[2, PLAYER, T["cash_busd"]] == cash[2]
    card_cash = c.ev_effect_add[st.card[0], T["cash_busd"]] if st.card[0] >= 0 else 0.0
    assert st.tracks[0, PLAYER, T["q_other_busd"]] == 5.0 + card_cash  # the ledger says where it came from
