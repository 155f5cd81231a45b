"""The rules: which actions are legal in each world, and why an action is refused.

Each move (game.core.moves) lists its requirements: a mask over worlds and that kind's actions
(one column per destination, rung or deal) with the fact told when it fails. `legal_matrix`
is the conjunction of every requirement of every move; `why_illegal` is the first failing
fact. Both read the same lists, so the reason told is always the rule applied.
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled
from game.core.facts import Fact, fact
from game.core.moves import MOVE, MOVES, Context
from game.core.state import BatchState


def legal_matrix(st: BatchState, c: Compiled, worlds: np.ndarray | None = None) -> np.ndarray:
    """(worlds, actions) booleans: what each world may do now.

    worlds: indices of the worlds to ask about (default: all); row i is then world worlds[i].
    Stored action-major (each action's worlds contiguous) and returned as a (worlds, actions)
    view, so a policy reading one action for all worlds reads contiguous memory."""
    ctx = Context(st, c, worlds)
    out = np.empty((c.space.size, ctx.W), dtype=bool)
    for move in MOVES:
        block = c.space.blocks[move.kind]
        if not len(block):
            continue
        per_world = np.ones(ctx.W, dtype=bool)
        per_action = []
        for mask, _ in move.requirements(ctx):
            if mask.ndim == 1:
                per_world &= mask
            else:
                per_action.append(mask)
        m = out[block.start : block.stop]
        if per_action:
            np.logical_and(per_world[None, :], per_action[0], out=m)
            for mask in per_action[1:]:
                m &= mask
        else:
            m[:] = per_world[None, :]
    return out.T


def why_illegal(st: BatchState, c: Compiled, a: int, world: int = 0) -> Fact | None:
    """The first rule that refuses action `a` in `world`, as a fact; None if it is legal."""
    if not 0 <= a < c.space.size:
        return fact("refused.no_such_action")
    kind, i = c.space.kind_of(a)
    for mask, reason in MOVE[kind].requirements(Context(st, c, np.array([world]))):
        m = np.asarray(mask)
        m = m[None, :] if m.ndim == 1 else m
        if not m[i if m.shape[0] > 1 else 0, 0]:
            return reason if isinstance(reason, Fact) else reason[i]
    return None
