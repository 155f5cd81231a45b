"""The rules of a match of several labs, on the batch: a lab is a row.

A match of L labs is L consecutive rows of a `BatchState` (`st.seats` = L): row r is seat
r % L of match r // L. Every move, card, economy and ending rule runs on rows unchanged; this
module adds what makes the rows one match:

- **What the labs share** (`share`): the quarter's chip market (supply, price, what is left,
  the grid's room), what the industry's rivals took, the fabs funded for the world's supply,
  the shared supplies of `labs: shared` (investors' capital at a space: a pitch asking more than
  is left there is refused; a deal's capacity: each deal that goes through takes a unit, none
  left refuses it; both refill as a quarter opens) and the common fate. Only one lab of a match acts at a time, so after each step the acting row's
  shared state is copied to its siblings: what one lab takes, the others cannot, and the price
  each pays counts every lab's purchases. The industry rivals a lab stands for stop buying on
  their own (`st.rivals_off`): their demand is the lab's moves.
- **Turn order** (`order`, `acting_rows`): within a quarter the labs act in turn, the lab
  furthest behind first: the lowest standing (the scenario's `labs: standing`, valuation by
  default) as the quarter opens, ties by seat. A lab's turn lasts until it ends its quarter;
  when every lab still playing has ended it, the quarter's business runs for all at once.
- **Cards** (`share_cards`): each lab draws its own card; a card with `hits: all` drawn by one
  lab of a match is dealt to every lab of it instead (the first such card by turn order).
- **The common fate** (`quarter_end`): a track every lab of a match shares; each incident at
  any lab and each rushed launch by any lab takes points off it, it recovers a little each
  quarter (up to 10). At or below `collapse_at` at a quarter's end it has collapsed: every lab
  still playing loses (reason COMMON_FATE), whatever goal it reached that quarter.
- **Winning** (`quarter_end`, `time_up`): the first lab to reach one of the scenario's goals at
  a quarter's end wins and the match is over for all (the others lose, reason RIVAL_WON); two
  labs reaching a goal at the same quarter's end are parted by standing, then by seat. A lab
  that meets a losing ending is out; the others play on. When time runs out, the best standing
  among the labs still playing wins (reason BEST_STANDING; ties by seat), unless the scenario
  says `time_up: no_winner`.
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import Compiled
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState, new_batch
from game.model.industry import CHIPS, GW

# Why a lab of a match ended, beside the scenario's goals (>= 0) and time up (-1): st.reason.
RIVAL_WON = -2  # lost: another lab of the match won
COMMON_FATE = -3  # lost: the common fate collapsed
BEST_STANDING = -4  # won: the best standing when time ran out

MIN_LABS, MAX_LABS = 2, 4


def new_match_batch(c: Compiled, matches: int, labs: int, seed: int) -> BatchState:
    """`matches` matches of `labs` labs each, fresh (before the first card): rows
    m * labs + seat, each lab with its own starting figures."""
    if c.labs is None:
        raise ValueError("this scenario has no labs: section; it is played by one lab")
    if not MIN_LABS <= labs <= min(MAX_LABS, c.labs.most):
        raise ValueError(f"a match of this scenario seats {MIN_LABS} to {min(MAX_LABS, c.labs.most)} labs, not {labs}")
    st = new_batch(c, matches * labs, seed)
    st.seats = labs
    seat = np.arange(matches * labs) % labs
    st.tracks[:, PLAYER, :] = c.labs.start[seat]
    st.rank = seat.copy()
    if c.labs.fate is not None:
        st.common = np.full(matches * labs, c.labs.fate[0])
        st.rushed = np.zeros(matches * labs, dtype=np.int64)
    st.rivals_off = tuple(int(r) for r in c.labs.rival_of[:labs] if r >= 0)
    if len(c.labs.pool_ids):
        st.pools = np.tile(c.labs.pool_refill, (matches * labs, 1))
        st.pool_taken = np.zeros_like(st.pools)
    return st


def open_quarter(st: BatchState, c: Compiled, w: np.ndarray) -> None:
    """A quarter opens in the rows w: the turn order is set and the shared supplies refill."""
    order(st, c)
    if st.pools is not None:
        refills = np.flatnonzero(c.labs.pool_refills)
        if len(refills):
            st.pools[np.ix_(w, refills)] = c.labs.pool_refill[refills]
        st.pool_taken[w] = 0.0


def capital_left(st: BatchState, c: Compiled, w: np.ndarray | slice, loc: np.ndarray) -> np.ndarray:
    """What the investors at each row's space (loc) still have to invest this quarter, $B
    (infinite where they are no shared supply, or outside a match)."""
    if st.pools is None or c.labs is None:
        return np.full(len(loc), np.inf)
    pool = c.labs.pool_of_space[loc]
    left = np.full(len(loc), np.inf)
    has = np.flatnonzero(pool >= 0)
    if len(has):
        rows = np.arange(st.worlds)[w][has]
        left[has] = st.pools[rows, pool[has]]
    return left


def take_capital(st: BatchState, c: Compiled, w: np.ndarray, loc: np.ndarray, busd: np.ndarray) -> None:
    """The labs of rows w raised `busd` from the investors at their space: it leaves the pool."""
    if st.pools is None or c.labs is None or len(w) == 0:
        return
    pool = c.labs.pool_of_space[loc]
    has = np.flatnonzero(pool >= 0)
    if len(has):
        st.pools[w[has], pool[has]] -= busd[has]
        st.pool_taken[w[has], pool[has]] += busd[has]


def capacity_ok(st: BatchState, c: Compiled, w: np.ndarray | slice) -> np.ndarray | None:
    """(D, rows) whether each deal's shared supply still has a unit this quarter (None: no
    deal draws on one here)."""
    if st.pools is None or c.labs is None or not (c.labs.pool_of_deal >= 0).any():
        return None
    pool = c.labs.pool_of_deal
    left = st.pools[w]  # (rows, P)
    ok = np.ones((len(pool), left.shape[0]), dtype=bool)
    for d in np.flatnonzero(pool >= 0):
        ok[d] = left[:, pool[d]] >= 1.0 - 1e-9
    return ok


def take_capacity(st: BatchState, c: Compiled, d: int, w: np.ndarray) -> None:
    """Deal d went through for the labs of rows w: each takes a unit of its shared supply."""
    if st.pools is None or c.labs is None or len(w) == 0 or c.labs.pool_of_deal[d] < 0:
        return
    k = int(c.labs.pool_of_deal[d])
    st.pools[w, k] -= 1.0
    st.pool_taken[w, k] += 1.0


def seat_of(st: BatchState, rows: np.ndarray) -> np.ndarray:
    return np.asarray(rows) % st.seats


def siblings(st: BatchState, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(every row of the matches of `rows`, the row of `rows` each one copies from)."""
    rows = np.asarray(rows, dtype=np.int64)
    S = st.seats
    first = rows - rows % S
    return (first[:, None] + np.arange(S)).ravel(), np.repeat(rows, S)


def share(st: BatchState, rows: np.ndarray) -> None:
    """Make what the labs share the same in every row of the matches of `rows` (one acting row
    per match), copied from those rows: the market, the rivals' purchases, the fabs funded and
    the common fate."""
    if len(rows) == 0:
        return
    to, src = siblings(st, rows)
    st.market[to] = st.market[src]
    st.fab_pending[to] = st.fab_pending[src]
    if st.taken.shape[1] > 1:
        st.taken[to, 1:] = st.taken[src, 1:]
    if st.common is not None:
        st.common[to] = st.common[src]
    if st.pools is not None:
        st.pools[to] = st.pools[src]


def order(st: BatchState, c: Compiled) -> None:
    """This quarter's turn order in every match: the lowest standing first, ties by seat (a lab
    that has left the game comes last)."""
    S = st.seats
    standing = st.tracks[:, PLAYER, c.labs.standing].reshape(-1, S)
    key = np.where((st.outcome == ONGOING).reshape(-1, S), standing, np.inf)
    by = np.argsort(key, axis=1, kind="stable")  # stable: ties keep the seats' order
    rank = np.empty_like(by)
    np.put_along_axis(rank, by, np.arange(S)[None, :], axis=1)
    st.rank = rank.ravel()


def acting_rows(st: BatchState) -> np.ndarray:
    """The row whose turn it is in each match still playing this quarter (sorted): the first
    lab in turn order that plays on and has not ended its quarter."""
    S = st.seats
    waiting = (st.live & ~st.quarter_over).reshape(-1, S)
    key = np.where(waiting, st.rank.reshape(-1, S), S + 1)
    pick = np.argmin(key, axis=1)
    m = np.flatnonzero(waiting.any(axis=1))
    return m * S + pick[m]


def share_cards(st: BatchState, c: Compiled, w: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """The cards dealt to the opening rows w: a `hits: all` card drawn by one lab of a match
    goes to every lab of it (the first such card in turn order)."""
    hit = (drawn >= 0) & c.ev_hits_all[np.maximum(drawn, 0)]
    if not hit.any():
        return drawn
    S = st.seats
    match = w // S
    idx = np.flatnonzero(hit)
    first = idx[np.lexsort((st.rank[w[idx]], match[idx]))]  # by match, then turn order
    m_first, at = np.unique(match[first], return_index=True)
    card = np.full(int(match.max()) + 1, -1)
    card[m_first] = drawn[first[at]]
    given = card[match]
    return np.where(given >= 0, given, drawn)


def count_rushed(st: BatchState, rows: np.ndarray) -> None:
    """Rushed launches count against the common fate at the quarter's end."""
    if st.rushed is not None and len(rows):
        np.add.at(st.rushed, rows, 1)


def quarter_end(st: BatchState, c: Compiled, live: np.ndarray, struck: np.ndarray) -> None:
    """Before the goals and endings are checked: the common fate moves with every lab's
    incidents and rushed launches this quarter, and a match whose common fate collapsed ends,
    lost for every lab still playing."""
    if st.common is None or c.labs.fate is None:
        return
    _, collapse_at, per_incident, per_rushed, recovery = c.labs.fate
    S = st.seats
    hurt = (struck[:, PLAYER] & live).reshape(-1, S).sum(axis=1) * per_incident
    hurt = hurt + (st.rushed * live).reshape(-1, S).sum(axis=1) * per_rushed
    now = st.common.reshape(-1, S)[:, 0]
    new = np.clip(now - hurt + recovery, 0.0, 10.0)
    st.common[:] = np.repeat(new, S)
    st.rushed[:] = 0
    gone = np.flatnonzero(np.repeat(new <= collapse_at + 1e-9, S) & (st.outcome == ONGOING))
    st.outcome[gone] = LOST
    st.reason[gone] = COMMON_FATE
    st.ended_turn[gone] = st.turn


def settle_winners(st: BatchState, c: Compiled) -> None:
    """After the goals are checked: in a match where a lab won this quarter, it alone wins
    (two winners at once: the higher standing, then the lower seat) and the match is over."""
    S = st.seats
    won_now = ((st.outcome == WON) & (st.ended_turn == st.turn)).reshape(-1, S)
    matches = np.flatnonzero(won_now.any(axis=1))
    if len(matches) == 0:
        return
    standing = st.tracks[:, PLAYER, c.labs.standing].reshape(-1, S)[matches]
    key = np.where(won_now[matches], standing, -np.inf)
    best = np.argmax(key, axis=1)  # the first (lowest seat) of the highest
    rows = (matches[:, None] * S + np.arange(S)).ravel()
    winner = np.zeros((len(matches), S), dtype=bool)
    winner[np.arange(len(matches)), best] = True
    beaten = rows[~winner.ravel() & ((st.outcome[rows] == ONGOING) | (st.outcome[rows] == WON) & (st.ended_turn[rows] == st.turn))]
    st.outcome[beaten] = LOST
    st.reason[beaten] = RIVAL_WON
    st.ended_turn[beaten] = st.turn


def time_up(st: BatchState, c: Compiled) -> None:
    """The calendar has run out: in each match, the best standing among the labs still playing
    wins (ties: the lower seat), unless the scenario names no winner then."""
    if not c.labs.best_at_time_up:
        return
    S = st.seats
    playing = (st.outcome == ONGOING).reshape(-1, S)
    matches = np.flatnonzero(playing.any(axis=1))
    if len(matches) == 0:
        return
    standing = st.tracks[:, PLAYER, c.labs.standing].reshape(-1, S)[matches]
    best = np.argmax(np.where(playing[matches], standing, -np.inf), axis=1)
    rows = matches * S + best
    st.outcome[rows] = WON
    st.reason[rows] = BEST_STANDING
    st.ended_turn[rows] = st.turn


def taken_by_seat(st: BatchState, first_row: int) -> np.ndarray:
    """(seats, 2): the chips (M) and new grid load (GW) each lab of the match starting at
    `first_row` took this quarter."""
    return st.taken[first_row : first_row + st.seats, PLAYER, [CHIPS, GW]]


def row_view(st: BatchState, r: int) -> BatchState:
    """One row of the batch as a batch of one (views: reading it reads the match, writes go
    through). Its `seats` is 1: a step on a copy of it plays that lab alone (previews)."""
    kw = {k: (v[r : r + 1] if isinstance(v, np.ndarray) else v) for k, v in st.__dict__.items()}
    kw["seats"] = 1
    return BatchState(**kw)
