"""The one driver loop: bots play a batch of worlds until every world's game has ended.

Everything that lets bots play goes through here: `simulate`, `validate --playtest`, the
debrief's reference path and parallel worlds, the benchmarks and the tests.

- `play_batch(c, worlds, bot, seed)` plays N worlds (one batch, along numpy's leading axis)
  with one bot, or with a table of bots (`who`: which bot plays each world). Optional:
  `on_quarter` is called at the end of every quarter (after the quarter's economy, before the
  next card is drawn), `quarters` stops the batch after that many quarters.
- `play_matches(c, matches, labs, bots, seed)` plays N matches of L labs (L * N rows of one
  batch, game/core/labs.py), one bot per seat, rotated across matches.
- `play_game(game, bot)` is the single-game variant: one `Game`, action by action through the
  Game's own `apply`, so that its full story (labels, outcomes, quarters) is kept.

The core is used only through its public entry points: `new_batch`, `start`, `legal_matrix`,
`step` (with `open_next=False`) and `begin_quarter`, and `Game.apply_or_raise`.

One guard against a quarter that never ends: a bot gets at most `max_steps` acting steps per
quarter (MAX_STEPS_PER_QUARTER by default). When a quarter has lasted that long, every world
still acting in it is made to end its quarter (END_QUARTER, allowed even where the rules would
refuse it), the game goes on, and the run counts the quarters that had to be ended this way
(`BatchRun.forced_quarters`, `play_game`'s game is not marked). Forcing rather than raising
keeps a balance run usable when one bot loops (a policy that keeps travelling, say) and the
count lets a caller warn about it (validate --playtest does).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from game.bots import make_bot
from game.core.compiled import Compiled
from game.core.engine import NO_ACTION, begin_quarter, start, step
from game.core.labs import acting_rows, new_match_batch
from game.core.rules import legal_matrix
from game.core.session import Game
from game.core.state import BatchState, new_batch, put_back, take

MAX_STEPS_PER_QUARTER = 40  # acting steps a quarter may last before its end is forced
COMPACT = 0.6  # below this share of live worlds, the finished ones leave the batch


class Policy(Protocol):
    """What the driver asks of a bot: one action id per world asked about (NO_ACTION for none).

    `legal` has one row per world of `worlds` (indices into `st`), as `legal_matrix(st, c,
    worlds)` gives."""

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray | None = None) -> np.ndarray: ...


# Called at the end of each quarter: the batch (with only the worlds still in it when finished
# worlds have left it) and, for each of its worlds, its index in the batch that was asked for.
QuarterHook = Callable[[BatchState, np.ndarray], None]


@dataclass
class BatchRun:
    state: BatchState  # every world, as its game ended (or where it stopped)
    seconds: float
    world_quarters: int  # quarters played, summed over the worlds
    forced_quarters: int = 0  # quarters whose end the guard had to force


def _drive(
    c: Compiled,
    full: BatchState,
    policy,
    *,
    max_steps: int,
    compact: bool,
    quarters: int | None = None,
    on_quarter: QuarterHook | None = None,
) -> tuple[int, int]:
    """The one loop: start `full` and let `policy` play it until every game has ended (or
    `quarters` have been played). A row is a world, or a lab of a match when `full.seats` > 1:
    then each match's acting lab is asked, and a match leaves the batch whole. Returns the
    quarters played (summed over rows) and how many quarters the guard had to end."""
    start(c, full)
    st, where = full, np.arange(full.worlds)  # the rows still playing, and their place in `full`
    world_quarters = forced = 0
    steps = 0
    while st.live.any() and (quarters is None or st.turn < quarters):
        if compact and st.live.mean() < COMPACT:  # finished games leave; results go to `full`
            playing = _playing(st)
            if st is not full:
                put_back(full, st, where, np.flatnonzero(~playing))
            keep = np.flatnonzero(playing)
            st, where = take(st, keep), where[keep]
            policy.keep(keep)
        # Only the rows acting now are asked about; the others wait.
        acting = np.flatnonzero(st.live & ~st.quarter_over) if st.seats == 1 else acting_rows(st)
        legal = legal_matrix(st, c, acting)
        acts = policy.choose(st, legal, acting)
        steps += 1
        if steps > max_steps:  # the guard: this quarter has gone on too long
            acts[:] = c.space.end_quarter
            legal[:, c.space.end_quarter] = True
            forced += 1
        live_before = int(st.live.sum())
        rep = step(st, c, acts, legal, worlds=acting, open_next=False)
        if rep.quarter_ended:
            world_quarters += live_before
            steps = 0
            if on_quarter is not None:
                on_quarter(st, where)
            if st.live.any():
                begin_quarter(st, c)
    if st is not full:
        put_back(full, st, where)
    return world_quarters, forced


def _playing(st: BatchState) -> np.ndarray:
    """The rows of games still going on: live worlds, or every lab of a match still playing."""
    if st.seats == 1:
        return st.live
    return np.repeat(st.live.reshape(-1, st.seats).any(axis=1), st.seats)


def play_batch(
    c: Compiled,
    worlds: int,
    bot: str | Policy | Sequence[str | Policy],
    seed: int,
    *,
    who: np.ndarray | None = None,
    on_quarter: QuarterHook | None = None,
    quarters: int | None = None,
    max_steps: int = MAX_STEPS_PER_QUARTER,
    compact: bool = True,
) -> BatchRun:
    """Play `worlds` worlds from the start until every game has ended; all randomness from `seed`.

    bot: a bot's name (made with the same seed), a policy, or a list of them with `who` (one
    index into the list per world) to give each world its own bot.
    on_quarter(st, where): called at the end of every quarter, before the next one opens.
    quarters: stop once that many quarters have been played (the next one is opened, as in a
    game in progress); worlds still playing then keep outcome ONGOING.
    compact: let finished worlds leave the batch (faster; `on_quarter` then sees fewer worlds).
    """
    full = new_batch(c, worlds, seed)
    policy = _policy(c, bot, seed, who)
    t0 = time.perf_counter()
    world_quarters, forced = _drive(c, full, policy, max_steps=max_steps, compact=compact, quarters=quarters, on_quarter=on_quarter)
    return BatchRun(full, time.perf_counter() - t0, world_quarters, forced)


@dataclass
class MatchRun:
    """Matches of several labs played by bots: `state` has one row per lab (row m * labs + seat),
    `bot_of[row]` is the index (into `bots`) of the bot that played the row."""

    state: BatchState
    labs: int
    bots: list[str]
    bot_of: np.ndarray  # (rows,) index into bots
    seconds: float
    world_quarters: int  # quarters played, summed over the labs' rows
    forced_quarters: int = 0

    @property
    def matches(self) -> int:
        return self.state.worlds // self.labs


def play_matches(
    c: Compiled,
    matches: int,
    labs: int,
    bots: Sequence[str],
    seed: int,
    *,
    rotate: bool = True,
    max_steps: int = MAX_STEPS_PER_QUARTER,
    compact: bool = True,
) -> MatchRun:
    """Play `matches` matches of `labs` labs each from the start until every match has ended,
    with the one rule set: one batch of matches x labs rows (game/core/labs.py), every match's
    acting lab asked at each step. bots: one bot name per seat; with `rotate`, match m seats
    them shifted by m (seat s plays bots[(s + m) % labs]), so that no bot always has the same
    seat, start figures and place in the turn order. All randomness comes from `seed`."""
    if len(bots) != labs:
        raise ValueError(f"{labs} labs need {labs} bots, one per seat; got {len(bots)}")
    full = new_match_batch(c, matches, labs, seed)
    rows = matches * labs
    seat = np.arange(rows) % labs
    bot_of = (seat + (np.arange(rows) // labs if rotate else 0)) % labs
    names = list(bots)
    kinds = sorted(set(names))
    policy = _Seats([make_bot(b, c, seed) for b in kinds], np.array([kinds.index(names[k]) for k in bot_of]))
    t0 = time.perf_counter()
    world_quarters, forced = _drive(c, full, policy, max_steps=max_steps * labs, compact=compact)  # a quarter lasts every lab's turn
    return MatchRun(full, labs, names, bot_of, time.perf_counter() - t0, world_quarters, forced)


def play_game(game: Game, bot: str | Policy, seed: int | None = None, max_steps: int = MAX_STEPS_PER_QUARTER) -> Game:
    """The single-game variant: a bot finishes `game`, action by action through the Game's own
    apply (its story is kept). A world with nothing to do, or a quarter past `max_steps`
    actions, ends the quarter (a card still waiting for an answer gets its first allowed one)."""
    policy = make_bot(bot, game.c, game.seed if seed is None else seed) if isinstance(bot, str) else bot
    steps = 0
    turn = game.turn
    while not game.over:
        legal = legal_matrix(game.st, game.c)
        a = int(policy.choose(game.st, legal)[0])
        steps = steps + 1 if game.turn == turn else 0
        turn = game.turn
        if a == NO_ACTION or steps > max_steps:
            end = game.c.space.end_quarter
            # end the quarter; with a card on the table, its first allowed answer comes first
            a = end if legal[0, end] or not legal[0].any() else int(np.argmax(legal[0]))
        game.apply_or_raise(game.codec.decode(a))
    return game


class _One:
    """One policy for every world."""

    def __init__(self, policy: Policy):
        self.policy = policy

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        return self.policy.choose(st, legal, worlds)

    def keep(self, keep: np.ndarray) -> None:
        pass


class _Table:
    """A policy per world: each world asks the policy `who` names for it."""

    def __init__(self, policies: list[Policy], who: np.ndarray):
        self.policies = policies
        self.who = np.asarray(who, dtype=np.int64)

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        acts = np.full(len(worlds), NO_ACTION, dtype=np.int64)
        mine = self.who.take(worlds)
        for k, policy in enumerate(self.policies):
            i = np.flatnonzero(mine == k)
            if len(i):
                acts[i] = policy.choose(st, legal[i], worlds.take(i))
        return acts

    def keep(self, keep: np.ndarray) -> None:
        self.who = self.who[keep]


class _Seats(_Table):
    """A policy per row of a batch of matches. Only one lab of each match acts at a time, so
    most rows wait: each bot decides over a batch of its acting rows alone (`take`), not over
    the whole batch as a bot asked about some worlds otherwise does."""

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        acts = np.full(len(worlds), NO_ACTION, dtype=np.int64)
        mine = self.who.take(worlds)
        for k, policy in enumerate(self.policies):
            i = np.flatnonzero(mine == k)
            if len(i) == 0:
                continue
            rows = worlds.take(i)
            if 4 * len(rows) >= st.worlds:  # most of the batch: no need to gather it
                acts[i] = policy.choose(st, legal[i], rows)
            else:
                acts[i] = policy.choose(take(st, rows), legal[i])
        return acts


def _policy(c: Compiled, bot: str | Policy | Sequence[str | Policy], seed: int, who: np.ndarray | None) -> _One | _Table:
    def made(b: str | Policy) -> Policy:
        return make_bot(b, c, seed) if isinstance(b, str) else b

    if who is None:
        if isinstance(bot, str) or not isinstance(bot, Sequence):
            return _One(made(bot))
        if len(bot) != 1:
            raise ValueError("several bots need `who`: which bot plays each world")
        return _One(made(bot[0]))
    bots = [bot] if isinstance(bot, str) or not isinstance(bot, Sequence) else list(bot)
    who = np.asarray(who)
    if who.ndim != 1 or (len(who) and (who.min() < 0 or who.max() >= len(bots))):
        raise ValueError(f"`who` needs one index per world, from 0 to {len(bots) - 1}")
    return _Table([made(b) for b in bots], who)
