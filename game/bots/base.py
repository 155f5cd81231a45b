"""What every bot shares: the policy interface, routing across the board, answering cards.

A bot looks at a batch of worlds and the legal-action matrix and returns one action id per
world. Bots use only the rules' answers (legal actions, compiled scenario data); they never
change the state themselves.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from game.core.compiled import Compiled
from game.core.engine import NO_ACTION
from game.core.state import BatchState
from game.model.tracks import N_TRACKS, T

# How much a bot likes each track when it answers a card (per unit of the track's change).
CARD_WEIGHTS: dict[str, float] = {
    "cash_busd": 1.0,
    "credibility": 1.2,
    "trust": 1.5,
    "scrutiny": -1.2,
    "valuation_busd": 0.002,
    "demand_bq": 0.05,
    "power_gw_online": 3.0,
    "rented_chips_m": 20.0,
    "chips_reserved_m": 10.0,
    "safety_debt": -0.5,
    "attention": 0.5,
}
# Each policy's own taste (its changes to CARD_WEIGHTS) and how far its worlds vary around it
# (the spread of a lognormal factor on each weight): a class of bot games answers with a spread.
CARD_TASTES: dict[str, tuple[dict[str, float], float]] = {
    "bot": ({}, 0.5),
    "planner": ({"power_gw_online": 4.0, "chips_reserved_m": 14.0}, 0.7),
    "cautious": ({"cash_busd": 1.6, "scrutiny": -2.4, "safety_debt": -1.0, "power_gw_online": 1.5}, 0.6),
    "builder": ({"power_gw_online": 5.0, "chips_reserved_m": 16.0, "scrutiny": -0.6, "safety_debt": -0.2}, 0.7),
    "safety_first": ({"trust": 2.5, "scrutiny": -2.0, "safety_debt": -2.5, "credibility": 1.6}, 0.6),
    "gulf_funded": ({"cash_busd": 1.6, "scrutiny": -0.8, "power_gw_online": 3.5}, 0.7),
    "random": ({}, 0.0),  # no taste at all: each world weighs each track by a coin of either sign
}


class Bot:
    """A policy over a batch. Subclasses implement `decide`."""

    name = "bot"

    def __init__(self, c: Compiled, seed: int):
        self.c = c
        self.rng = np.random.default_rng(seed + 7_919)  # the bot's own dice, never the game's
        self.next_hop = _next_hops(c)
        # how much the bot likes each track when choosing among a card's options: its own
        # policy's taste, varied world by world from the bot's seed (card_taste)
        self.card_weights = np.zeros(N_TRACKS)
        taste, self.card_spread = CARD_TASTES.get(self._taste_of(c), CARD_TASTES["bot"])
        for k, w in {**CARD_WEIGHTS, **taste}.items():
            self.card_weights[T[k]] = w
        self._taste_rng = np.random.default_rng([seed, 104_729])  # apart from the bot's other dice
        self._taste_tracks = np.flatnonzero(self.card_weights)  # the tracks a taste weighs
        self._tastes = np.ones((0, len(self._taste_tracks)))

    # Whether `decide` reads nothing but the legal rows and the mask it is given (no state of
    # the worlds): such a bot can be asked about some worlds of a batch without the others.
    rows_only = False

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray | None = None) -> np.ndarray:
        """One action id per world (NO_ACTION where a world has nothing to do).

        worlds: indices of the worlds asked about (sorted, distinct; default: all), when `legal`
        has one row per world asked about (`legal_matrix(st, c, worlds)`); the answer then has
        one action per world asked about."""
        n = legal.shape[0]
        acts = np.full(n, NO_ACTION, dtype=np.int64)
        # any legal action per row, reading the action-major matrix row by row (contiguous)
        can = np.logical_or.reduce(legal.T, axis=0) if legal.shape[1] else np.zeros(n, dtype=bool)
        if not can.any():
            return acts
        # The worlds are picked by index, never by boolean mask (several times dearer per world).
        awaiting = st.awaiting_choice if worlds is None else np.take(st.awaiting_choice, worlds)
        waiting = awaiting & can
        rest = can & ~waiting
        if waiting.any():
            i = np.flatnonzero(waiting)
            rows = np.take(legal.T, i, axis=1).T  # their legal rows, picked action by action
            acts[i] = self._answers(st, rows, i if worlds is None else np.take(worlds, i))
        if rest.any():
            if worlds is None or self.rows_only:
                acts = select(rest, self.decide(st, legal, rest), acts)
            else:
                # a bot that reads the worlds' state decides over the whole batch, the worlds not
                # asked about having no legal action (as for worlds that have ended their quarter)
                full = np.zeros((legal.shape[1], st.worlds), dtype=bool)
                full[:, worlds] = legal.T
                i = np.flatnonzero(rest)
                mask = np.zeros(st.worlds, dtype=bool)
                mask[worlds[i]] = True
                acts[i] = np.take(self.decide(st, full.T, mask), worlds[i])
        return acts

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def answer_cards(self, st: BatchState, legal: np.ndarray) -> np.ndarray:
        """For worlds with a card to answer: the choice whose effects score best for this bot."""
        out = np.full(st.worlds, self.c.space.end_quarter, dtype=np.int64)
        w = np.flatnonzero(st.awaiting_choice)
        if len(w):
            out[w] = self._answers(st, legal[w], w)
        return out

    def _taste_of(self, c: Compiled) -> str:
        """Whose taste in cards this bot has: its own; the historical bot answers like the
        bot it plays like outside its reported quarters (planner, or cautious without any)."""
        if self.name == "historical":
            return "planner" if c.scenario.reported_plays else "cautious"
        return self.name

    def card_taste(self, worlds: int) -> np.ndarray:
        """Each world's weights for the tracks a taste weighs (`_taste_tracks`), (worlds, those
        tracks): the policy's own, each scaled by a factor drawn once per world from the bot's seed (world k
        gets the same factors whatever the batch's size)."""
        have = self._tastes.shape[0]
        if worlds > have:
            size = (worlds - have, len(self._taste_tracks))  # only the tracks it weighs
            if self.card_spread > 0:
                noise = self._taste_rng.lognormal(0.0, self.card_spread, size=size)
            else:
                noise = self._taste_rng.normal(0.0, 1.0, size=size)
            self._tastes = np.vstack([self._tastes, noise * self.card_weights[self._taste_tracks]])
        return self._tastes[:worlds]

    def _answers(self, st: BatchState, legal: np.ndarray, w: np.ndarray) -> np.ndarray:
        """`answer_cards` for the worlds w (each with a card to answer), legal having their rows."""
        c = self.c
        card = st.card[w]
        if not hasattr(self, "_pct_tracks"):
            pct = c.ev_choice_mul - 1.0
            self._pct_tracks = [(i, k) for i, k in enumerate(self._taste_tracks) if pct[..., k].any()]
            self._choice_add = c.ev_choice_add[:, :, self._taste_tracks]  # (C, J, tracks weighed)
        taste = self.card_taste(st.worlds)[w]  # (n, tracks weighed)
        score = np.einsum("njk,nk->nj", self._choice_add[card], taste)
        for i, k in self._pct_tracks:
            score += (c.ev_choice_mul[card, :, k] - 1.0) * st.tracks[:, 0, k][w][:, None] * taste[:, i][:, None]
        add_scrutiny = c.ev_choice_add[card, :, T["scrutiny"]]
        add_cash = c.ev_choice_add[card, :, T["cash_busd"]]
        score = score + self.scrutiny_fear(st, w)[:, None] * add_scrutiny + self.cash_fear(st, w)[:, None] * add_cash
        first = c.space.choose(0)
        ok = legal[:, first : first + score.shape[1]]
        score = np.where(ok, score, -np.inf)
        return first + np.argmax(score, axis=1)

    def scrutiny_fear(self, st: BatchState, w: np.ndarray | slice = slice(None)) -> np.ndarray:
        """Extra weight against scrutiny as it nears the limit (in the worlds w, default all)."""
        s = st.tracks[:, 0, T["scrutiny"]][w]
        return -np.maximum(s - 5.0, 0.0) * 1.5

    def cash_fear(self, st: BatchState, w: np.ndarray | slice = slice(None)) -> np.ndarray:
        cash = st.tracks[:, 0, T["cash_busd"]][w]
        return np.where(cash < 3.0, 2.0, 0.0)

    # ---- helpers for subclasses ----

    def toward(self, st: BatchState, target: np.ndarray) -> np.ndarray:
        """The travel action that moves each world one hop toward `target` (a space index)."""
        # one lookup in the flattened (from, to) table: cheaper than indexing it with two arrays
        S = self.next_hop.shape[1]
        hop = np.take(self.next_hop.ravel(), st.location * S + target)
        return np.array([self.c.space.travel(0)]) + hop

    def first_legal(self, legal: np.ndarray, plan: list[tuple[np.ndarray, np.ndarray | int]]) -> np.ndarray:
        """For each world, the first (condition, action) in `plan` that holds and is legal;
        END_QUARTER when none does."""
        W, A = legal.shape
        by_action = legal.T  # one row of worlds per action (contiguous for the rules' matrix)
        out = np.full(W, self.c.space.end_quarter, dtype=np.int64)
        done = np.zeros(W, dtype=bool)
        rows = np.arange(W)
        for cond, action in plan:
            if np.ndim(action) == 0:  # one action for every world: whole rows, no picking
                a = int(action)
                if not 0 <= a < A:
                    continue
                ok = cond & by_action[a] & ~done
                out[ok] = a
            else:
                a = np.broadcast_to(np.asarray(action, dtype=np.int64), (W,))
                valid = (a >= 0) & (a < A)
                ok = cond & ~done & valid
                ok[ok] = legal[rows[ok], a[ok]]
                out[ok] = a[ok]
            done |= ok
        return out

    def go_and_do(
        self, st: BatchState, legal: np.ndarray, cond: np.ndarray, space: int, action: int, cost: float = 1.0
    ) -> list[tuple[np.ndarray, np.ndarray | int]]:
        """Plan steps: do `action` where it is offered, or travel toward its space if there is
        attention left for the trip and the action."""
        here = st.location == space
        att = st.tracks[:, 0, T["attention"]]
        hops = self.hops[:, space][st.location]
        travel_cost = self.c.scenario.board.travel_attention
        reachable = att >= hops * travel_cost + cost
        return [
            (cond & here, action),
            (cond & ~here & reachable, self.toward(st, np.full(st.worlds, space))),
        ]

    @property
    def hops(self) -> np.ndarray:
        return _hop_counts(self.c)


def select(mask: np.ndarray, a: np.ndarray, b: np.ndarray | int) -> np.ndarray:
    """np.where(mask, a, b) for integers, as int64, in arithmetic: b + mask * (a - b).

    With a mask that changes from world to world, np.where mispredicts a branch at about every
    other world; the arithmetic has no branch and is several times cheaper."""
    b64 = np.asarray(b, dtype=np.int64)
    out = np.subtract(a, b64, dtype=np.int64)
    out *= mask
    out += b64
    return out


def _bfs(c: Compiled) -> tuple[np.ndarray, np.ndarray]:
    S = len(c.space_ids)
    nxt = np.zeros((S, S), dtype=np.int64)
    dist = np.full((S, S), 99, dtype=np.int64)
    for src in range(S):
        dist[src, src] = 0
        nxt[src, src] = src
        q = deque([src])
        first: dict[int, int] = {src: src}
        while q:
            u = q.popleft()
            for v in np.flatnonzero(c.adjacency[u]):
                v = int(v)
                if dist[src, v] == 99:
                    dist[src, v] = dist[src, u] + 1
                    first[v] = v if u == src else first[u]
                    nxt[src, v] = first[v]
                    q.append(v)
    return nxt, dist


_CACHE: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _routes(c: Compiled) -> tuple[np.ndarray, np.ndarray]:
    key = id(c)
    if key not in _CACHE:
        _CACHE[key] = _bfs(c)
    return _CACHE[key]


def _next_hops(c: Compiled) -> np.ndarray:
    return _routes(c)[0]


def _hop_counts(c: Compiled) -> np.ndarray:
    return _routes(c)[1]
