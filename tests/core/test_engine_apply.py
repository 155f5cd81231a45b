"""How the engine applies a step's actions: grouped by kind, each world as if alone."""

from __future__ import annotations

import numpy as np

from game.core import engine, kernels
from game.core.kernels import split
from game.core.moves import MOVES
from game.core.state import new_batch


def test_split_is_boolean_mask_indexing():
    w = np.array([3, 5, 8, 13, 21, 34])
    mask = np.array([True, False, False, True, True, False])
    yes, no, yes_pos, no_pos = split(w, mask)
    assert yes.tolist() == w[mask].tolist() and no.tolist() == w[~mask].tolist()
    assert yes_pos.tolist() == [0, 3, 4] and no_pos.tolist() == [1, 2, 5]
    empty = split(w[:0], mask[:0])
    assert all(len(x) == 0 for x in empty)


def test_every_action_id_is_applied_by_the_move_of_its_kind(compiled):
    key_of, table = engine._apply_groups(compiled)
    assert key_of[0] == 0  # NO_ACTION
    for a, (kind, i) in enumerate(compiled.space.kinds):
        move, g_i, base = table[key_of[a + 1]]
        assert move.kind == kind
        assert (a - base if base is not None else g_i) == i
    # a merged move (travel, pitch) is one group for all its ids; any other, one group per id
    merged = {move.kind for move, _, base in table[1:] if base is not None}
    assert merged == {m.kind for m in MOVES if m.merged}

def _fresh(compiled, worlds, setup):
    """Worlds at the start, all alike (the card drawn and its effects undone)."""
    st = new_batch(compiled, worlds, 0)
    engine.start(compiled, st)
    st.tracks[:] = st.tracks[:1]
    st.awaiting_choice[:] = False
    setup(st)
    return st


def _step(compiled, st, actions, u):
    """A step in which every action counts as legal (these tests are about applying them)."""
    legal = np.ones((len(actions), compiled.space.size), dtype=bool)
    return engine.step(st, compiled, actions, legal, u=u)


def _worlds_alone(compiled, setup, actions, u):
    """Each world's state after its action, applied in a batch of its own."""
    out = []
    for a, ui in zip(actions, u, strict=True):
        st = _fresh(compiled, 1, setup)
        out.append((st, _step(compiled, st, np.array([a]), np.array([ui]))))
    return out


def test_pitches_of_every_rung_at_once_are_each_worlds_own(compiled):
    R = len(compiled.ladder)
    here = compiled.space_ids.index("abu_dhabi")

    def setup(st):
        st.location[:] = here

    actions = np.array([compiled.space.pitch(r) for r in range(R)] * 2)
    u = np.r_[np.zeros(R), np.ones(R)]  # every rung wins once and is refused once
    st = _fresh(compiled, len(actions), setup)
    rep = _step(compiled, st, actions, u)
    for k, (alone, rep1) in enumerate(_worlds_alone(compiled, setup, actions, u)):
        assert np.array_equal(st.tracks[k], alone.tracks[0])
        assert np.array_equal(st.pitched[k], alone.pitched[0])
        assert rep.success[k] == rep1.success[0] and rep.chance[k] == rep1.chance[0]


def test_travel_to_every_space_at_once_is_each_worlds_own(compiled):
    S = len(compiled.space_ids)

    def setup(st):
        st.location[:] = compiled.home

    actions = np.array([compiled.space.travel(s) for s in range(S)])
    u = np.full(S, 0.5)
    st = _fresh(compiled, S, setup)
    _step(compiled, st, actions, u)
    assert st.location.tolist() == list(range(S))
    for k, (alone, _) in enumerate(_worlds_alone(compiled, setup, actions, u)):
        assert np.array_equal(st.tracks[k], alone.tracks[0])
    away = st.tracks[:, 0, engine.T["away_this_quarter"]]
    assert away.tolist() == [float(s != compiled.home) for s in range(S)]


def test_pick_and_put_read_and_write_any_layout():
    rows, cols = np.array([0, 2, 3, 3]), np.array([1, 0, 2, 0])
    base = np.arange(12).reshape(4, 3)
    for a in (base.copy(), np.asfortranarray(base), np.tile(base, 2)[:, :3]):  # C, F, neither
        assert kernels.pick_cells(a, rows, cols).tolist() == base[rows, cols].tolist()
        kernels.put_cells(a, rows, cols, -1)
        want = base.copy()
        want[rows, cols] = -1
        assert a.tolist() == want.tolist()



def test_no_action_out_of_range_and_refused_actions_change_nothing(compiled):
    st = new_batch(compiled, 4, 0)
    engine.start(compiled, st)
    st.awaiting_choice[:] = False
    before = st.tracks.copy()
    end, pitch = compiled.space.end_quarter, compiled.space.pitch(0)
    actions = np.array([engine.NO_ACTION, compiled.space.size + 5, end, pitch])
    legal = np.ones((4, compiled.space.size), dtype=bool)
    legal[3, pitch] = False
    draws = np.random.Generator(type(st.rng.bit_generator)())
    draws.bit_generator.state = st.rng.bit_generator.state
    rep = engine.step(st, compiled, actions, legal)
    assert rep.applied.tolist() == [False, False, True, False]
    assert st.quarter_over.tolist() == [False, False, True, False]
    assert np.array_equal(st.tracks, before)
    draws.random(3)  # one draw per world given an action id, in range or not
    assert st.rng.bit_generator.state == draws.bit_generator.state


def test_grouping_by_key_gives_the_positions_of_each_key_in_order():
    keys = np.array([2, 0, 2, 1, 0, 2, 5])
    got = {k: pos.tolist() for k, pos in kernels.groups(keys, 6)}
    assert got == {k: np.flatnonzero(keys == k).tolist() for k in np.unique(keys)}
    assert kernels.groups(keys[:0], 6) == []
