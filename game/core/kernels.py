"""The speed tricks the rules stand on, kept here so that the rules read as rules.

Each helper does something plain (group worlds by a key, pick cells of a 2-D array, count how
many edges a draw passes, read a per-space fact at each world's space) in the way numpy does
fastest; each has a test against the plain way (tests/core/test_kernels.py).
"""

from __future__ import annotations

import numpy as np


def groups(keys: np.ndarray, size: int) -> list[tuple[int, np.ndarray]]:
    """The positions of each key value (0 <= key < size) in `keys`, ascending, one group per
    value present: the same as [(k, np.flatnonzero(keys == k)) for each k], with one sort
    instead of a pass over `keys` per value (a stable sort of small integers is a radix sort)."""
    if len(keys) == 0:
        return []
    small = keys.astype(np.int8 if size <= 127 else np.int16 if size < 32_000 else np.int64, copy=False)
    order = np.argsort(small, kind="stable")
    counts = np.bincount(small, minlength=size)
    present = np.flatnonzero(counts)
    ends = np.cumsum(counts)
    return [(int(k), order[ends[k] - counts[k] : ends[k]]) for k in present]


def split(w: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """w[mask] and w[~mask], with the positions (in w) of each: (yes, no, yes_pos, no_pos).

    The same as boolean-mask indexing, which numpy does at several times the cost of finding
    the positions once and gathering with them."""
    yes_pos = np.flatnonzero(mask)
    no_pos = np.flatnonzero(~mask)
    return w.take(yes_pos), w.take(no_pos), yes_pos, no_pos


def world_last(shape: tuple[int, ...], dtype: type = float) -> np.ndarray:
    """Zeros of `shape` (worlds first) stored with the worlds axis last in memory: each track,
    delivery slot, deal or card is one contiguous run over the worlds, which is how the rules
    and the model read and write them (one column over all worlds at a time)."""
    return np.zeros(shape[::-1], dtype=dtype).T


def is_world_last(v: np.ndarray) -> bool:
    """Whether an array of a batch is stored as `world_last` makes it."""
    return v.ndim > 1 and v.T.flags.c_contiguous


def flat_cells(a: np.ndarray) -> tuple[np.ndarray, int, int] | None:
    """A 2-D array as one flat view of its memory and the step of each axis in it: a[i, j] is
    flat[i * step0 + j * step1]. One int index per cell gathers and scatters faster than a
    pair of index arrays. None when a is not one contiguous block (no flat view exists)."""
    if not (a.flags.c_contiguous or a.flags.f_contiguous):
        return None
    flat = a.ravel(order="K")  # a view, in memory order
    return flat, a.strides[0] // a.itemsize, a.strides[1] // a.itemsize


def pick_cells(a: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """a[rows, cols], through `flat_cells` when a has a flat view."""
    cells = flat_cells(a)
    if cells is None:
        return a[rows, cols]
    flat, step0, step1 = cells
    return flat.take(rows * step0 + cols * step1)


def put_cells(a: np.ndarray, rows: np.ndarray, cols: np.ndarray, value: object) -> None:
    """a[rows, cols] = value, through `flat_cells` when a has a flat view."""
    cells = flat_cells(a)
    if cells is None:
        a[rows, cols] = value
    else:
        flat, step0, step1 = cells
        flat[rows * step0 + cols * step1] = value


class Cut:
    """`count(u)` = np.searchsorted(edges, u, side="right") for u in [0, 1): how many of the
    (sorted) edges are at most u, looked up instead of searched.

    [0, 1) is split into B equal bins (B a power of two, so u * B is exact and its integer part
    is u's bin). B is made large enough that no bin holds two different edges inside it;
    then the count is the edges at most the bin's start, plus those inside it when u reaches
    them. When no such B up to 2**16 exists, it searches."""

    def __init__(self, edges: np.ndarray):
        self.edges = edges
        self.bins = 0
        for bins in (2**p for p in range(6, 17)):
            start = np.arange(bins + 1) / bins  # bin b is [start[b], start[b + 1])
            below = np.searchsorted(edges, start[:-1], side="right")  # edges <= start[b]
            before_end = np.searchsorted(edges, start[1:], side="left")  # edges < start[b + 1]
            inside = before_end > below
            first = edges[np.minimum(below, len(edges) - 1)]
            last = edges[np.maximum(before_end - 1, 0)]
            if np.all(~inside | (first == last)):  # at most one distinct edge inside each bin
                self.bins = bins
                self.below = below
                self.reached = before_end  # the count once u reaches the edge inside the bin
                self.inner = np.where(inside, first, np.inf)  # that edge (none: never reached)
                break

    def count(self, u: np.ndarray) -> np.ndarray:
        if not self.bins or len(self.edges) == 0:
            return np.searchsorted(self.edges, u, side="right")
        b = (u * self.bins).astype(np.intp)
        return np.where(u >= self.inner[b], self.reached[b], self.below[b])




def at_space(table: np.ndarray, loc: np.ndarray, bits: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """table[..., loc]: a fact about each space (the last axis of `table`, booleans) read at
    each world's space loc; (W,) for a (S,) table, (n, W) for (n, S). Returns it with the
    worlds' space bits, to pass back as `bits` for the next table of the same worlds.

    Each world's space is held as one bit of a small integer and each row of the table as
    the set of its spaces' bits: a row is then one AND and one comparison per world, several
    times cheaper than picking table cells one by one."""
    S = table.shape[-1]
    if S > 64:
        return np.take(table, loc, axis=-1), bits
    dt = np.dtype(f"uint{max(8, 1 << (S - 1).bit_length())}")
    if bits is None:
        bits = np.left_shift(dt.type(1), loc.astype(dt))
    codes = np.left_shift(table.astype(dt), np.arange(S, dtype=dt)).sum(axis=-1, dtype=dt)
    return (bits & np.asarray(codes)[..., None]) != 0, bits
