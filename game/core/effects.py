"""How effects change the worlds: the few writes every move and card is made of.

These are the rules' verbs ("add this effect", "pay this", "deliver that later"); the speed
tricks they need (grouping worlds by key, gathering by positions) stay inside this module.
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import HORIZON, MAX_CHOICES, Compiled, Effect
from game.core.kernels import groups
from game.core.state import PLAYER, BatchState
from game.model.tracks import BOUNDS, NON_NEGATIVE, T

_CASH = T["cash_busd"]
_EQUITY = T["equity_sold_pct"]
_BOUNDED = {T[k]: v for k, v in BOUNDS.items()}
_NONNEG = frozenset(T[k] for k in NON_NEGATIVE)


def col(st: BatchState, name: str) -> np.ndarray:
    """The player's track `name` over all worlds (a 1-D view)."""
    return st.tracks[:, PLAYER, T[name]]


def change(st: BatchState, w: np.ndarray, k: int, add: np.ndarray | float, mul: np.ndarray | float) -> None:
    """Track k of the player's lab, in worlds w: new = old * mul + add, kept within its bounds.
    A scalar mul of 1.0 is not applied (x * 1.0 is x, bit for bit): most effects only add."""
    column = st.tracks[:, PLAYER, k]
    v = column[w]  # a gather: a new array, changed in place below
    if not (isinstance(mul, float) and mul == 1.0):
        v *= mul
    v += add
    if k in _BOUNDED:
        lo, hi = _BOUNDED[k]
        v.clip(lo, hi, out=v)
    elif k in _NONNEG:
        np.maximum(v, 0.0, out=v)
    column[w] = v


def apply_effect(st: BatchState, w: np.ndarray, e: Effect, ledger: str = "q_other_busd") -> bool:
    """Apply an effect to the player's lab in worlds w; cash it moves goes to a ledger line.
    Cash that comes with shares sold (an effect adding both cash and equity sold, such as a
    funding round on a card) is money raised, whatever the ledger line asked for.
    Returns whether it changed what the derived tracks depend on."""
    touched = e.touched
    if len(w) == 0 or len(touched) == 0:
        return False
    for k in touched:
        change(st, w, int(k), e.add[k], e.mul[k])
    if e.add[_CASH]:
        if e.add[_CASH] > 0 and e.add[_EQUITY] > 0:  # an investment
            st.tracks[:, PLAYER, T["raised_busd"]][w] += e.add[_CASH]
            ledger = "q_raised_busd"
        st.tracks[:, PLAYER, T[ledger]][w] += e.add[_CASH]
    return e.moves_capacity


def schedule(st: BatchState, w: np.ndarray, delayed: np.ndarray) -> None:
    """Add delayed effects (HORIZON, K) to the ring buffer of worlds w (only the entries that
    are not zero: a deal delivers a few things, in a few quarters)."""
    if len(w) == 0:
        return
    for h, j in zip(*np.nonzero(delayed), strict=True):
        st.pending[:, PLAYER, (st.turn + h) % HORIZON, j][w] += delayed[h, j]


def spend(st: BatchState, w: np.ndarray, amount: np.ndarray | float, line: str) -> None:
    """Pay `amount` from the cash in worlds w, booked on the ledger line `line`."""
    tr = st.tracks
    tr[:, PLAYER, _CASH][w] -= amount
    tr[:, PLAYER, T[line]][w] += amount
    tr[:, PLAYER, T["q_spend_busd"]][w] += amount


def card_effects(st: BatchState, c: Compiled, w: np.ndarray, cards: np.ndarray, choice: int | None = None) -> list[np.ndarray]:
    """Apply to each world w[i] the effects of its card cards[i] (or of that card's choice
    `choice`, with its delayed effects); return the groups of worlds whose derived tracks need a
    refresh. Worlds holding the same card are done together, one effect per card."""
    effects = _card_table(c)
    idle = effects["idle"][choice]
    refresh = []
    for k, pos in groups(cards, len(c.ev_weight)):
        if idle[k]:  # a card (or answer) that changes nothing: its worlds need not be picked
            continue
        wk = w[pos]
        if choice is None:
            changed = apply_effect(st, wk, effects["card"][k])
        else:
            changed = apply_effect(st, wk, effects["choice"][k][choice])
            schedule(st, wk, c.ev_choice_delayed[k, choice])
        if changed:
            refresh.append(wk)
    return refresh


def _card_table(c: Compiled) -> dict:
    """Every card's effect and every choice's effect as `Effect`s, made once per scenario, and
    which of them change nothing ("idle": None for the cards' own effects, j for choice j;
    a choice with deliveries to schedule is not idle)."""
    if "effects.cards" not in c.memo:
        C = len(c.ev_weight)
        card = [Effect(c.ev_effect_add[k], c.ev_effect_mul[k]) for k in range(C)]
        choice = [[Effect(c.ev_choice_add[k, j], c.ev_choice_mul[k, j]) for j in range(MAX_CHOICES)] for k in range(C)]
        idle: dict[int | None, np.ndarray] = {None: np.array([e.empty for e in card], dtype=bool)}
        for j in range(MAX_CHOICES):
            later = c.ev_choice_delayed[:, j].reshape(C, -1).any(axis=1)
            idle[j] = np.array([choice[k][j].empty for k in range(C)], dtype=bool) & ~later
        c.memo["effects.cards"] = {"card": card, "choice": choice, "idle": idle}
    return c.memo["effects.cards"]
