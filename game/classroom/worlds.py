"""Parallel worlds: the player's own decisions replayed in many worlds at once, to show luck.

One batch of N worlds (not N games) runs through the batch engine. Every world starts where the
player started and faces its own cards and dice. The replay rule, quarter by quarter:

1. If the world drew a card that asks for an answer: when the player drew the same card that
   quarter, the player's answer; else, if the player answered that card in another quarter,
   that answer; else the answer the planner bot would give (`Bot.answer_cards`).
2. Then every action the player took that quarter, in the player's order. An action the rules
   refuse in a world (not enough cash, the route not reached, a deal already used...) is
   skipped there, and the world goes on with the next one.
3. Then the quarter ends.

The plan covers the quarters the player finished. A world still playing when the player's
decisions run out is counted as "still playing": it is not finished by anyone else's choices.
With one world and the player's seed, the replay is the player's own game, exactly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from game.bots import make_bot
from game.core.actions import Choose, EndQuarter
from game.core.compiled import Compiled
from game.core.engine import NO_ACTION
from game.core.explain import ending_id
from game.core.session import Game
from game.core.state import PLAYER, WON, BatchState
from game.model.tracks import T
from game.sim.driver import MAX_STEPS_PER_QUARTER, play_batch
from game.text import numbers
from game.text.catalog import t
from game.text.words import Words

DEFAULT_WORLDS = 1000
CARD_DEFAULT_BOT = "planner"
STILL_PLAYING = "still_playing"

# Final figures summarised across worlds: key -> (label, how to read it from a batch)
FIGURES: dict[str, str] = {
    "cash_busd": "Cash ($B)",
    "revenue_busd_per_year": "Revenue ($B/yr)",
    "spend_busd_per_year": "Spending ($B/yr)",
    "power_gw_online": "Power online (GW)",
    "valuation_busd": "Valuation ($B)",
    "raised_busd": "Raised ($B)",
    "scrutiny": "Scrutiny (0-10)",
    "credibility": "Credibility (0-10)",
    "trust": "Team trust (0-10)",
}


@dataclass
class Plan:
    """The player's decisions as the batch engine reads them."""

    quarters: list[list[int]]  # per finished quarter: action ids taken, cards' answers left out
    labels: list[list[str]]  # the same actions in words
    answer_same_turn: dict[int, tuple[int, int]]  # turn -> (card index, option chosen)
    answer_any: dict[int, int]  # card index -> option (the player's first answer to it)

    @property
    def turns(self) -> int:
        return len(self.quarters)


def plan_of(game: Game) -> Plan:
    """The player's finished quarters as a plan (an unfinished last quarter is left out)."""
    events = {e.id: i for i, e in enumerate(game.scenario.events)}
    say = Words(game.scenario, game.c)
    quarters: list[list[int]] = []
    labels: list[list[str]] = []
    same: dict[int, tuple[int, int]] = {}
    anyturn: dict[int, int] = {}
    for rec in game.quarters:
        if not rec.tracks:
            break
        ids, words = [], []
        for action, label in zip(rec.actions, rec.labels, strict=True):
            if isinstance(action, Choose):
                if rec.card is not None:
                    k = events[rec.card]
                    same[rec.turn] = (k, action.option)
                    anyturn.setdefault(k, action.option)
                continue
            if isinstance(action, EndQuarter):
                continue
            ids.append(game.codec.encode(action))
            words.append(say.say(label))
        quarters.append(ids)
        labels.append(words)
    return Plan(quarters, labels, same, anyturn)


@dataclass
class OutcomeShare:
    key: str  # goal id, ending id, "time_up" or "still_playing"
    title: str
    result: str  # won | lost | still playing
    count: int
    share: float


@dataclass
class Spread:
    """A figure across the worlds, and where the player's own game sits."""

    key: str
    label: str
    p5: float
    p25: float
    p50: float
    p75: float
    p95: float
    mean: float
    player: float
    player_percentile: float  # share of worlds that ended below the player's figure


@dataclass
class SkippedAction:
    quarter: str
    label: str
    share: float  # share of the worlds still playing where the rules refused it


@dataclass
class WorldsSummary:
    """What the parallel worlds show; plain data a UI or a report can draw."""

    worlds: int
    seed: int
    seconds: float
    quarters: int  # quarters of decisions replayed
    card_default: str  # who answers cards the player never saw
    player_outcome: str
    player_outcome_title: str
    outcomes: list[OutcomeShare]
    same_outcome_share: float
    win_rate: float
    figures: dict[str, Spread]
    values: dict[str, list[float]] = field(repr=False)  # final figure of every world
    ended_by_quarter: list[int]  # worlds whose game ended at the end of each quarter
    skipped_share: float  # share of all (world, action) tries the rules refused
    most_skipped: list[SkippedAction]
    verdict: str
    last_quarter: str = ""  # the quarter the decisions run out at

    def share_of(self, key: str) -> float:
        return next((o.share for o in self.outcomes if o.key == key), 0.0)


def outcome_key(c: Compiled, outcome: int, reason: int) -> str:
    """The goal or ending a world reached, or STILL_PLAYING."""
    return ending_id(c, outcome, reason) or STILL_PLAYING


def outcome_title(c: Compiled, key: str) -> tuple[str, str]:
    """(title, won|lost|still playing) of an outcome key."""
    g = c.scenario.goals
    if key == STILL_PLAYING:
        return t("worlds.still_playing"), "still playing"
    result = "won" if any(goal.id == key for goal in g.win) else "lost"
    return Words(c.scenario, c).ending_title(key), result


def replay_batch(c: Compiled, plan: Plan, worlds: int, seed: int) -> tuple[BatchState, dict]:
    """Run the plan in `worlds` worlds from one seed; return the final batch and the tallies."""
    replay = _Replay(c, plan, make_bot(CARD_DEFAULT_BOT, c, seed))
    longest = max((len(q) for q in plan.quarters), default=0)
    st = play_batch(
        c,
        worlds,
        replay,
        seed,
        quarters=plan.turns,
        max_steps=max(MAX_STEPS_PER_QUARTER, longest + 6),  # the plan's quarter, cards, its end
    ).state
    refused_by = replay.refused_by + [[0.0] * len(q) for q in plan.quarters[len(replay.refused_by) :]]
    ended_at = np.where(st.ended_turn < plan.turns, st.ended_turn, -1)
    return st, {"ended_at": ended_at, "tries": replay.tries, "refused": replay.refused, "refused_by": refused_by}


class _Replay:
    """The replay rule as a policy for the driver loop. Every world acts in step with the others,
    one phase of the quarter per step: the cards' answers (when a world awaits one), then each
    of the player's actions in order, then the quarter's end. It counts the actions the rules
    refuse, quarter by quarter."""

    def __init__(self, c: Compiled, plan: Plan, bot):
        self.c, self.plan, self.bot = c, plan, bot
        self.turn = -1
        self.phase = 0  # the next of the quarter's actions
        self.tries = self.refused = 0
        self.refused_by: list[list[float]] = []

    def choose(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        c = self.c
        acts = np.full(len(worlds), NO_ACTION, dtype=np.int64)
        waiting = np.flatnonzero(np.take(st.awaiting_choice, worlds))
        if st.turn != self.turn:  # a new quarter: answer the cards first, if any world has one
            self.turn, self.phase = st.turn, 0
            self.refused_by.append([])
            if len(waiting):
                acts[waiting] = self._answers(st, legal, worlds, waiting)
                return acts
        actions = self.plan.quarters[st.turn]
        if self.phase < len(actions):  # the player's next action, in every world still acting
            a = actions[self.phase]
            self.phase += 1
            n = len(worlds)
            bad = int(n - np.count_nonzero(legal[:, a]))
            self.tries += n
            self.refused += bad
            self.refused_by[-1].append(bad / n if n else 0.0)
            acts[:] = a
            return acts
        acts[:] = c.space.end_quarter  # the quarter ends (a card still on the table answered first)
        if len(waiting):
            acts[waiting] = self.bot.choose(st, legal[waiting], worlds.take(waiting))
        return acts

    def _answers(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray, waiting: np.ndarray) -> np.ndarray:
        """The player's answer to each waiting world's card where the rules allow it, else the bot's."""
        plan = self.plan
        first_choice = self.c.space.choose(0)
        acts = self.bot.choose(st, legal[waiting], worlds.take(waiting))
        card = np.take(st.card, worlds.take(waiting))
        answer = np.full(len(waiting), -1)
        for k, opt in plan.answer_any.items():
            answer[card == k] = opt
        if st.turn in plan.answer_same_turn:
            k, opt = plan.answer_same_turn[st.turn]
            answer[card == k] = opt
        mine = answer >= 0
        mine[mine] = legal[waiting[mine], first_choice + answer[mine]]
        acts[mine] = first_choice + answer[mine]
        return acts


def parallel_worlds(game: Game, worlds: int = DEFAULT_WORLDS, seed: int | None = None) -> WorldsSummary:
    """Replay the player's decisions in `worlds` worlds (one batch) and summarise the outcomes.

    seed: the batch's seed (default: the player's seed + 1, so the worlds are not the player's)."""
    if worlds < 1:
        raise ValueError("parallel worlds need at least one world")
    c = game.c
    plan = plan_of(game)
    seed = game.seed + 1 if seed is None else int(seed)
    t0 = time.perf_counter()
    st, tally = replay_batch(c, plan, worlds, seed)
    seconds = time.perf_counter() - t0

    keys = [outcome_key(c, int(o), int(r)) for o, r in zip(st.outcome, st.reason, strict=True)]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    player_key = outcome_key(c, int(game.st.outcome[0]), int(game.st.reason[0]))
    outcomes = []
    for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        title, result = outcome_title(c, k)
        outcomes.append(OutcomeShare(k, title, result, n, n / worlds))
    same = counts.get(player_key, 0) / worlds
    win_rate = float((st.outcome == WON).mean())

    tr = st.tracks[:, PLAYER]
    figures: dict[str, Spread] = {}
    values: dict[str, list[float]] = {}
    for key, label in FIGURES.items():
        x = tr[:, T[key]].astype(float)
        mine = game.track(key)
        p = np.percentile(x, [5, 25, 50, 75, 95])
        figures[key] = Spread(
            key, label, *(round(float(v), 4) for v in p), round(float(x.mean()), 4),
            round(mine, 4), round(float((x < mine - 1e-9).mean()), 4),
        )
        values[key] = [round(float(v), 4) for v in x]

    ended = np.bincount(tally["ended_at"][tally["ended_at"] >= 0], minlength=plan.turns)[: plan.turns]
    skipped = []
    for turn, shares in enumerate(tally["refused_by"]):
        for label, share in zip(plan.labels[turn], shares, strict=True):
            if share > 0:
                skipped.append(SkippedAction(c.date_label(turn), label, round(share, 4)))
    skipped.sort(key=lambda s: -s.share)
    title, _ = outcome_title(c, player_key)
    summary = WorldsSummary(
        worlds=worlds,
        seed=seed,
        seconds=round(seconds, 3),
        quarters=plan.turns,
        card_default=CARD_DEFAULT_BOT,
        player_outcome=player_key,
        player_outcome_title=title,
        outcomes=outcomes,
        same_outcome_share=same,
        win_rate=round(win_rate, 4),
        figures=figures,
        values=values,
        ended_by_quarter=[int(v) for v in ended],
        skipped_share=round(tally["refused"] / max(tally["tries"], 1), 4),
        most_skipped=skipped[:5],
        verdict="",
        last_quarter=c.date_label(max(plan.turns - 1, 0)),
    )
    summary.verdict = verdict(summary)
    return summary


def verdict(s: WorldsSummary) -> str:
    """One sentence on strategy against luck, for the class."""
    pct = numbers.percent
    top = s.outcomes[0]
    mine = s.player_outcome_title
    if s.player_outcome == STILL_PLAYING:
        ended = [o for o in s.outcomes if o.key != STILL_PLAYING]
        if not ended:
            return t("classroom.verdict.unfinished_none_ended")
        return t(
            "classroom.verdict.unfinished", ended=pct(1 - s.share_of(STILL_PLAYING)),
            ending=ended[0].title, share=pct(ended[0].share),
        )
    going = s.share_of(STILL_PLAYING)
    if going > 0:
        # the game ended before the calendar did: the worlds where it did not end that way
        # ran out of decisions, so they say nothing about strategy or luck after that point
        return t(
            "classroom.verdict.ended_early", same=pct(s.same_outcome_share), ending=mine,
            going=pct(going), quarter=numbers.quarter(s.last_quarter or ""),
        )
    if s.same_outcome_share >= 0.7:
        return t("classroom.verdict.strategy", same=pct(s.same_outcome_share), ending=mine)
    if s.same_outcome_share >= 0.3:
        return t("classroom.verdict.both", same=pct(s.same_outcome_share), ending=mine)
    other = top if top.key != s.player_outcome else (s.outcomes[1] if len(s.outcomes) > 1 else top)
    return t(
        "classroom.verdict.luck", same=pct(s.same_outcome_share), ending=mine,
        other=other.title, share=pct(other.share),
    )
