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


class Bot:
    """A policy over a batch. Subclasses implement `decide`."""

    name = "bot"

    def __init__(self, c: Compiled, seed: int):
        self.c = c
        self.rng = np.random.default_rng(seed + 7_919)  # the bot's own dice, never the game's
        self.next_hop = _next_hops(c)
        # how much the bot likes each track when choosing among a card's options
        self.card_weights = np.zeros(N_TRACKS)
        for k, w in {
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
        }.items():
            self.card_weights[T[k]] = w

    def choose(self, st: BatchState, legal: np.ndarray) -> np.ndarray:
        """One action id per world (NO_ACTION where a world has nothing to do)."""
        acts = np.full(st.worlds, NO_ACTION, dtype=np.int64)
        can = legal.any(axis=1)
        if not can.any():
            return acts
        cards = self.answer_cards(st, legal)
        waiting = st.awaiting_choice & can
        acts[waiting] = cards[waiting]
        rest = can & ~waiting
        if rest.any():
            acts[rest] = self.decide(st, legal, rest)[rest]
        return acts

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def answer_cards(self, st: BatchState, legal: np.ndarray) -> np.ndarray:
        """For worlds with a card to answer: the choice whose effects score best for this bot."""
        c = self.c
        out = np.full(st.worlds, c.space.end_quarter, dtype=np.int64)
        w = np.flatnonzero(st.awaiting_choice)
        if len(w) == 0:
            return out
        card = st.card[w]
        if not hasattr(self, "_choice_score"):
            self._choice_score = c.ev_choice_add @ self.card_weights  # (C, J)
            pct = c.ev_choice_mul - 1.0
            self._pct_tracks = [k for k in np.flatnonzero(self.card_weights) if pct[..., k].any()]
        score = self._choice_score[card]
        for k in self._pct_tracks:
            score += (c.ev_choice_mul[card, :, k] - 1.0) * st.tracks[w, 0, k][:, None] * self.card_weights[k]
        add_scrutiny = c.ev_choice_add[card, :, T["scrutiny"]]
        add_cash = c.ev_choice_add[card, :, T["cash_busd"]]
        score = score + self.scrutiny_fear(st)[w, None] * add_scrutiny + self.cash_fear(st)[w, None] * add_cash
        first = c.space.choose(0)
        ok = legal[w, first : first + score.shape[1]]
        score = np.where(ok, score, -np.inf)
        out[w] = first + np.argmax(score, axis=1)
        return out

    def scrutiny_fear(self, st: BatchState) -> np.ndarray:
        """Extra weight against scrutiny as it nears the limit."""
        s = st.tracks[:, 0, T["scrutiny"]]
        return -np.maximum(s - 5.0, 0.0) * 1.5

    def cash_fear(self, st: BatchState) -> np.ndarray:
        cash = st.tracks[:, 0, T["cash_busd"]]
        return np.where(cash < 3.0, 2.0, 0.0)

    # ---- helpers for subclasses ----

    def toward(self, st: BatchState, target: np.ndarray) -> np.ndarray:
        """The travel action that moves each world one hop toward `target` (a space index)."""
        hop = self.next_hop[st.location, target]
        return np.array([self.c.space.travel(0)]) + hop

    def first_legal(self, legal: np.ndarray, plan: list[tuple[np.ndarray, np.ndarray | int]]) -> np.ndarray:
        """For each world, the first (condition, action) in `plan` that holds and is legal;
        END_QUARTER when none does."""
        W = legal.shape[0]
        out = np.full(W, self.c.space.end_quarter, dtype=np.int64)
        done = np.zeros(W, dtype=bool)
        rows = np.arange(W)
        for cond, action in plan:
            a = np.broadcast_to(np.asarray(action, dtype=np.int64), (W,))
            valid = (a >= 0) & (a < legal.shape[1])
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
        hops = self.hops[st.location, space]
        travel_cost = self.c.scenario.board.travel_attention
        reachable = att >= hops * travel_cost + cost
        return [
            (cond & here, action),
            (cond & ~here & reachable, self.toward(st, np.full(st.worlds, space))),
        ]

    @property
    def hops(self) -> np.ndarray:
        return _hop_counts(self.c)


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
