"""The state of a batch of worlds: plain numpy arrays plus the seeded generator that drives chance.

A single game is a batch of one. All worlds of a batch share the calendar (they advance a
quarter together); each world has its own labs, location, cards, deals and outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.compiled import HORIZON, Compiled
from game.core.kernels import is_world_last, world_last
from game.model.industry import N_MARKET
from game.model.tracks import DELAYED_KEYS, N_TRACKS, T

PLAYER = 0  # the lab the CEO runs; further labs are rivals

ONGOING, WON, LOST = 0, 1, 2


@dataclass
class BatchState:
    turn: int  # quarters since the calendar's start
    tracks: np.ndarray  # (W, L, T) float
    location: np.ndarray  # (W,) space index of the CEO's token
    pending: np.ndarray  # (W, L, HORIZON, K) delayed effects, ring buffer indexed by turn
    pipeline_gw: np.ndarray  # (W, L, build quarters) campus GW arriving in k+1 quarters
    campus_gw_space: np.ndarray  # (W, L, S) campus GW commissioned per space
    deals_tried: np.ndarray  # (W, L, D) signing attempts
    deals_signed: np.ndarray  # (W, L, D) deals that went through
    running: np.ndarray  # (W, L, P) products running
    pitched: np.ndarray  # (W, S) pitched there this quarter
    cards_seen: np.ndarray  # (W, C) times each card was drawn
    # the build-out (game.core.moves.buildout): what the world remembers of it
    vision_turn: np.ndarray  # (W, S) the last quarter (turn) the full vision was presented there, -1 never
    presented_turn: np.ndarray  # (W, S) the last quarter (turn) it was presented there, -1 never
    pledged: np.ndarray  # (W, S) bool: the backer at this space pledged
    buildout_busd: np.ndarray  # (W,) the programme's size now, $B (0 without a build-out)
    pledged_busd: np.ndarray  # (W,) pledged to the programme, $B: the industry's money, not the lab's
    card: np.ndarray  # (W,) card drawn this quarter, -1 for none
    awaiting_choice: np.ndarray  # (W,) bool: the card drawn needs an answer
    quarter_over: np.ndarray  # (W,) bool: the world ended its quarter, waiting for the others
    outcome: np.ndarray  # (W,) ONGOING / WON / LOST
    reason: np.ndarray  # (W,) index of the goal (won) or ending (lost); -1 for time up
    ended_turn: np.ndarray  # (W,) the quarter (turn) in which the game ended; -1 while playing
    # The industry, shared by every lab of a world (game/model/industry.py; zeros when the
    # scenario has no `industry:` section). Buyers are the labs (axis 1 of `tracks`, in order)
    # then the scenario's rivals, so that a rival made a playable lab keeps the same state.
    market: np.ndarray  # (W, N_MARKET) this quarter's chip supply, price, grid cap and what is left
    taken: np.ndarray  # (W, labs + rivals, 2) chips (M) and new grid load (GW) each buyer took this quarter
    fab_pending: np.ndarray  # (W, HORIZON) chips a quarter that funded fabs add from that quarter on, ring by turn
    rng: np.random.Generator
    # A match of several labs (game/core/labs.py) is `seats` consecutive rows of the batch, one
    # lab a row; every rule runs on rows unchanged, and what the labs share (the market, the
    # rivals' purchases, fabs funded, the common fate) is made the same in every row of a match.
    seats: int = 1  # labs per match; 1: every row is a game of its own
    common: np.ndarray | None = None  # (W,) the match's common-fate track, 0-10 (None: no common fate)
    rushed: np.ndarray | None = None  # (W,) rushed launches of the row's lab this quarter (with a common fate)
    rank: np.ndarray | None = None  # (W,) the row's place in its match's turn order this quarter, 0 first
    rivals_off: tuple[int, ...] = ()  # industry rivals playing as labs: they no longer buy on their own
    pools: np.ndarray | None = None  # (W, P) what is left this quarter of each shared supply (labs: shared)
    pool_taken: np.ndarray | None = None  # (W, P) what the row's lab took of each this quarter

    @property
    def worlds(self) -> int:
        return self.tracks.shape[0]

    @property
    def live(self) -> np.ndarray:
        return self.outcome == ONGOING

    def copy(self) -> BatchState:
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = self.rng.bit_generator.state
        kw = {
            k: (np.copy(v, order="K") if isinstance(v, np.ndarray) else v)
            for k, v in self.__dict__.items()
            if k != "rng"
        }
        return BatchState(rng=rng, **kw)


def take(st: BatchState, idx: np.ndarray) -> BatchState:
    """A batch holding only the worlds `idx` (same turn, same generator, which it advances)."""
    kw = {}
    for k, v in st.__dict__.items():
        if isinstance(v, np.ndarray) and is_world_last(v):
            # gathered column by column in world-last memory, and seen worlds-first again: the
            # same layout as `new_batch` makes
            kw[k] = np.take(v.T, idx, axis=-1).T
        elif isinstance(v, np.ndarray):
            kw[k] = v[idx]
        else:
            kw[k] = v
    return BatchState(**kw)


def put_back(full: BatchState, part: BatchState, where: np.ndarray, worlds: np.ndarray | None = None) -> None:
    """Copy the worlds of `part` (a batch made by `take`), or only its worlds `worlds`, back to
    their places `where` in `full`."""
    sel = slice(None) if worlds is None else worlds
    to = where[sel]
    for k, v in part.__dict__.items():
        if not isinstance(v, np.ndarray):
            continue
        dst = getattr(full, k)
        if is_world_last(v) and is_world_last(dst):
            # one contiguous row of worlds at a time (a scatter along the rows' last axis
            # would copy each world's few values with large strides)
            for d, s in zip(dst.T.reshape(-1, dst.shape[0]), v.T.reshape(-1, v.shape[0]), strict=True):
                d[to] = s[sel]
        else:
            dst[to] = v[sel]
    full.turn = part.turn


def new_batch(c: Compiled, worlds: int, seed: int, labs: int = 1) -> BatchState:
    """Fresh worlds at the start of the calendar (before the first card is drawn)."""
    S, D, P, C = len(c.space_ids), len(c.deal_space), len(c.prod_cost), len(c.ev_weight)
    tracks = world_last((worlds, labs, N_TRACKS))
    tracks[:] = c.start_tracks
    tracks[:, PLAYER, T["based_abroad"]] = float(c.start_space != c.home)
    return BatchState(
        turn=0,
        tracks=tracks,
        location=np.full(worlds, c.start_space, dtype=np.int64),
        pending=world_last((worlds, labs, HORIZON, len(DELAYED_KEYS))),
        pipeline_gw=world_last((worlds, labs, max(c.consts.campus_build_quarters, 1))),
        campus_gw_space=world_last((worlds, labs, S)),
        deals_tried=world_last((worlds, labs, D), np.int16),
        deals_signed=world_last((worlds, labs, D), np.int16),
        running=world_last((worlds, labs, P), bool),
        pitched=world_last((worlds, S), bool),
        cards_seen=world_last((worlds, C), np.int16),
        vision_turn=np.full((worlds, S), -1, dtype=np.int64),
        presented_turn=np.full((worlds, S), -1, dtype=np.int64),
        pledged=world_last((worlds, S), bool),
        buildout_busd=np.full(worlds, c.buildout.vision if c.buildout is not None else 0.0),
        pledged_busd=np.zeros(worlds),
        card=np.full(worlds, -1, dtype=np.int64),
        awaiting_choice=np.zeros(worlds, dtype=bool),
        quarter_over=np.zeros(worlds, dtype=bool),
        outcome=np.zeros(worlds, dtype=np.int8),
        reason=np.full(worlds, -1, dtype=np.int64),
        ended_turn=np.full(worlds, -1, dtype=np.int64),
        market=world_last((worlds, N_MARKET)),
        taken=world_last((worlds, labs + (len(c.industry.rival_ids) if c.industry is not None else 0), 2)),
        fab_pending=world_last((worlds, HORIZON)),
        rng=np.random.default_rng(seed),
    )
