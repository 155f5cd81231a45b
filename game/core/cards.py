"""The deck: which card each world is dealt at the start of a quarter.

A card is dealt by weight among the cards the world may draw now: the calendar opens cards,
a card's `when:` must hold in the world, and a `once` card is dealt at most once. A scripted
quarter deals its card to every world. In a match of several labs, a reported card tells the
real lab's own history: only the scenario's own lab (seat 0) draws it, the rival labs (fiction)
draw the fiction cards and those that hit every lab.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core import labs
from game.core.compiled import Compiled, Program
from game.core.conditions import CALENDAR_KINDS, calendar_holds, holds
from game.core.effects import card_effects
from game.core.kernels import Cut, flat_cells
from game.core.state import BatchState
from game.model import economy


def deal_cards(st: BatchState, c: Compiled, w: np.ndarray, forced: np.ndarray | None = None) -> None:
    """Draw one card per world in w from the cards it may draw, by weight.

    Cards are first drawn from the deck as the calendar allows, and each world keeps its card
    if its own conditions (tracks, deals, `once`) allow it; the others draw again. That is
    exact sampling by weight among each world's allowed cards, and costs a few passes over the
    worlds instead of a (worlds x cards) table. After a few rounds, the worlds still without a
    card get the table. What the cards' conditions say in each world is worked out once per
    quarter (`_Deck`), and where a draw falls in the deck once per quarter of the calendar
    (`Cut`), so that a round only looks them up."""
    C = len(c.ev_weight)
    if len(w) == 0 or C == 0:
        return
    scripted = c.script_events.get(st.turn)
    drawn = np.full(len(w), -1)
    if scripted is not None:
        drawn[:] = scripted
        if st.seats > 1 and c.ev_own_history[scripted]:
            drawn[w % st.seats != 0] = -1  # the real lab's history is not the rivals'
    else:
        open_now, weights, cut = _deck_by_calendar(st, c)
        todo = np.arange(len(w)) if weights.sum() > 0 else np.zeros(0, dtype=np.int64)
        deck = _Deck.now(st, c, w, open_now) if len(todo) else None
        for _ in range(6):
            if len(todo) == 0:
                break
            k = np.minimum(cut.count(st.rng.random(len(todo))), C - 1)
            ok = _allowed(deck, todo, k)
            drawn[todo] = np.where(ok, k, -1)  # the worlds still to draw hold -1
            todo = todo[np.flatnonzero(~ok)]
        if len(todo):
            table = np.zeros((len(todo), C))
            cards = np.flatnonzero(weights)  # every open card for every world left: one look-up
            table[:, cards] = np.where(_allowed(deck, todo[:, None], cards[None, :]), weights[cards], 0.0)
            cumt = np.cumsum(table, axis=1)
            tot = cumt[:, -1]
            u = st.rng.random(len(todo)) * tot
            pick = np.minimum((cumt <= u[:, None]).sum(axis=1), C - 1)
            drawn[todo] = np.where(tot > 0, pick, -1)
    if st.seats > 1 and scripted is None and c.ev_hits_all.any():
        drawn = labs.share_cards(st, c, w, drawn)
    if forced is not None:
        drawn = np.asarray(forced, dtype=np.int64).copy()
    has = drawn >= 0
    if has.all():
        wd, kd = w, drawn
    else:
        got = np.flatnonzero(has)
        wd, kd = w[got], drawn[got]
    st.card[wd] = kd
    cells = flat_cells(st.cards_seen)
    if cells is None:
        st.cards_seen[wd, kd] += 1
    else:  # one flat index per (world, card): each world draws one card, so no index repeats
        seen, world_step, card_step = cells
        seen[wd * world_step + kd * card_step] += 1
    refresh = card_effects(st, c, wd, kd)
    st.awaiting_choice[wd] = c.ev_n_choices[kd] > 0
    if refresh:
        economy.refresh_derived(st.tracks, c.consts, np.concatenate(refresh))


def _deck_by_calendar(st: BatchState, c: Compiled) -> tuple[np.ndarray, np.ndarray, Cut]:
    """The cards the calendar opens now, their weights (0 for the others) and the cut of [0, 1)
    by their cumulative share (a card is drawn by where a uniform draw falls). They depend on
    the quarter alone, so they are worked out once per quarter of the calendar."""
    memo = c.memo.setdefault("engine.deck_by_calendar", {})
    if st.turn not in memo:
        open_now = np.array([calendar_holds(p, st, c) for p in c.ev_when])
        weights = np.where(open_now, c.ev_weight, 0.0)
        total = weights.sum()
        memo[st.turn] = (open_now, weights, Cut(np.cumsum(weights) / max(total, 1e-300)))
    return memo[st.turn]


_ALWAYS, _NEVER = 0, 1  # the first two rows of `_Deck.holds`


def _deck_conditions(c: Compiled) -> tuple[list[Program], np.ndarray, np.ndarray]:
    """The deck's conditions without their calendar clauses, made once per scenario: the
    distinct ones (row 2 + i of `_Deck.holds` is the i-th), each card's row (_ALWAYS when
    the card has no condition on the world), and each card's `once` as how many times it may
    have been drawn before and still be drawn (1 for `once`, any number otherwise)."""
    if "engine.deck_conditions" not in c.memo:
        distinct: dict[tuple, int] = {}
        rows = np.full(len(c.ev_when), _ALWAYS, dtype=np.int64)
        for j, prog in enumerate(c.ev_when):
            key = tuple(cl for cl in prog.clauses if cl[0] not in CALENDAR_KINDS)
            if key:
                rows[j] = 2 + distinct.setdefault(key, len(distinct))
        limit = np.where(c.ev_once, 1, np.iinfo(np.int64).max)
        c.memo["engine.deck_conditions"] = ([Program(key) for key in distinct], rows, limit)
    return c.memo["engine.deck_conditions"]


@dataclass
class _Deck:
    """Whether each drawing world may keep each card, this quarter, ready to be looked up.

    A card's conditions on the world (tracks, location, deals, products) are one row of
    `holds`, evaluated once per quarter over the whole batch (one comparison per world over a
    track's memory costs less than picking the drawing worlds first); cards closed by the
    calendar point to a row that never holds. `once` is read from `cards_seen` at each lookup
    (a card drawn this quarter counts only from the next draw on)."""

    holds: np.ndarray  # (rows * W,) bool, flat: row r, then one value per world of the batch
    offset: np.ndarray  # (C,) where each card's row starts in `holds`
    limit: np.ndarray  # (C,) a card may be drawn while it was drawn fewer times than this
    w: np.ndarray  # (n,) the drawing worlds
    seen: np.ndarray  # cards_seen, flat (`flat_cells`), or itself when it has no flat view
    steps: tuple[int, int] | None  # the steps of `seen`'s world and card axes when it is flat

    @classmethod
    def now(cls, st: BatchState, c: Compiled, w: np.ndarray, open_now: np.ndarray) -> _Deck:
        """The deck as it stands for worlds w, with the cards the calendar opens (open_now)."""
        conditions, rows, limit = _deck_conditions(c)
        rows = np.where(open_now, rows, _NEVER)
        holds_now = np.zeros((2 + len(conditions), st.worlds), dtype=bool)
        holds_now[_ALWAYS] = True
        for r in np.unique(rows[rows >= 2]):  # only the conditions of cards open now
            holds_now[r] = holds(conditions[r - 2], st, c)
        own = np.flatnonzero(c.ev_own_history & open_now) if st.seats > 1 else ()
        if len(own):  # the real lab's history: its condition, and only in seat 0's rows
            seat0 = np.arange(st.worlds) % st.seats == 0
            rows = rows.copy()
            extra = []
            for j in own:
                extra.append(holds_now[rows[j]] & seat0)
                rows[j] = len(holds_now) + len(extra) - 1
            holds_now = np.vstack([holds_now, *extra])
        cells = flat_cells(st.cards_seen)
        seen, steps = (st.cards_seen, None) if cells is None else (cells[0], cells[1:])
        return cls(holds_now.ravel(), rows * st.worlds, limit, w, seen, steps)


def _allowed(deck: _Deck, pos: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Whether drawing world deck.w[pos[i]] may draw card k[i] (its conditions and `once`).
    pos and k may be any arrays that broadcast together (a table of worlds x cards)."""
    ww = deck.w[pos]
    ok = deck.holds[deck.offset[k] + ww]
    if deck.steps is None:
        seen = deck.seen[ww, k]
    else:
        seen = deck.seen[ww * deck.steps[0] + k * deck.steps[1]]
    ok &= seen < deck.limit[k]
    return ok


