"""What every move is made of, and the facts about the worlds its requirements read.

A `Move` is one kind of action (travel, pitch, sign a deal...). It owns, in its own module:
- its action (a small pydantic model) and how many actions of the kind a scenario has
  (one per destination, per rung of the ladder, per deal...);
- its requirements: each a mask over those actions and the worlds asked about, with the fact
  a player is told when it fails (`refused.*`: an id and its figures);
- `apply`: what it does to the acting worlds, vectorised, and what chance decided;
- its label, its place in the menu and what a preview adds to the engine's own diff, as facts.

Legality, why_illegal, the engine's step, the codec, the menu, previews, the log and the bots
all read the table of moves (game.core.moves.MOVES); adding a kind of action is adding a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from game.core.compiled import Compiled
from game.core.conditions import holds
from game.core.facts import Fact, fact
from game.core.kernels import at_space
from game.core.state import ONGOING, PLAYER, BatchState
from game.model.tracks import T

# A requirement: a mask, (worlds,) for every action of the kind or (actions, worlds), and the
# fact told when it fails (one, or one per action of the kind).
Requirement = tuple[np.ndarray, Fact | list[Fact]]


class UnknownAction(ValueError):
    """An action that names something the scenario does not have (the message is a Fact)."""

    def __init__(self, why: Fact):
        super().__init__(why.id)
        self.why = why


class ActionModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class Applied:
    """What a move did in its acting worlds.

    changed: derived tracks (capacity, cost per query) need a refresh in those worlds.
    success: for a move chance decides, whether it went well in each world (None otherwise).
    odds: the odds of going well that were rolled, per world or one for all (None: no roll).
    chance: which chance decided. scheduled: what it delivers in later quarters."""

    changed: bool = False
    success: np.ndarray | None = None
    odds: np.ndarray | float | None = None
    chance: str | None = None  # which chance it was: the move's `chance` ("pitch", "deal", "rushed_launch")
    scheduled: np.ndarray | None = None  # deliveries scheduled where it went well: (quarters ahead, delayed keys)


class Move:
    """One kind of action. Subclasses fill the class attributes and the methods they need."""

    kind: ClassVar[str]
    action: ClassVar[type[ActionModel]]
    group: ClassVar[str]  # the menu's group id ("travel", "raise", "deals", "hq", "build", "card", "quarter")
    chance: ClassVar[str | None] = None  # which chance it is, when chance decides ("pitch", "deal", "rushed_launch")
    merged: ClassVar[bool] = False  # the engine applies all its actions as one group of worlds

    def count(self, c: Compiled) -> int:
        """How many actions of this kind the scenario has."""
        return 1

    def encode(self, c: Compiled, a: ActionModel) -> int:
        """The action's index within its kind (raises UnknownAction)."""
        return 0

    def decode(self, c: Compiled, i: int) -> ActionModel:
        return self.action()

    def requirements(self, ctx: Context) -> list[Requirement]:
        raise NotImplementedError

    def apply(self, st: BatchState, c: Compiled, i: int | np.ndarray, w: np.ndarray, u: np.ndarray) -> Applied:
        raise NotImplementedError

    def attention(self, c: Compiled, i: int, st: BatchState | None = None) -> float:
        """The attention action i costs (from the scenario)."""
        return 0.0

    def label(self, c: Compiled, i: int, st: BatchState) -> Fact:
        """What action i is, said in world 0 of st (where the CEO stands, the card on the table)."""
        return fact(f"move.{self.kind}")

    def offered(self, c: Compiled, i: int, st: BatchState) -> bool:
        """Whether the menu of world 0 lists action i at all (legal or not): an action that
        could not make sense here (travel to where you stand) is left out."""
        return True

    def told(self, c: Compiled, i: int, st: BatchState, success: bool | None, odds: float | None, turn: int) -> Fact:
        """What the log says once action i, made in quarter `turn`, is done in world 0 of st."""
        return fact("told.done", move=self.label(c, i, st))

    def about(self, c: Compiled, i: int, st: BatchState) -> Fact:
        """What action i is about, for its tooltip: `about.<kind>` with the scenario ids whose
        text and source the text layer shows."""
        return fact(f"about.{self.kind}")

    def notes(self, c: Compiled, i: int, st: BatchState) -> list[Fact]:
        """What a preview adds to the engine's own diff of the tracks (a campus's bill...)."""
        return []


class NamedMove(Move):
    """A move with one action per entry of a scenario list (a space, a deal, a product): the
    action names the entry by id in its field `field`, and the entry's place in the list is
    the action's index."""

    field: ClassVar[str]  # the action's field holding the id
    entries: ClassVar[str]  # which list of the scenario: "spaces", "deals", "products"

    def count(self, c: Compiled) -> int:
        return len(c.index[self.entries])

    def encode(self, c: Compiled, a: ActionModel) -> int:
        name = getattr(a, self.field, None)
        if not isinstance(name, str) or name not in c.index[self.entries]:
            raise UnknownAction(fact(f"unknown.{self.entries}", name=str(name)[:60]))
        return c.index[self.entries][name]

    def decode(self, c: Compiled, i: int) -> ActionModel:
        return self.action(**{self.field: list(c.index[self.entries])[i]})


class Context:
    """Facts about the worlds asked about that many requirements share, computed once per question.

    The worlds asked about are all of the batch, or the worlds `w` (indices): every mask is then
    over those worlds only, in the order of `w`. Each column of the state is picked for those
    worlds at most once per question (a pick costs about as much as all the comparisons made
    with it)."""

    def __init__(self, st: BatchState, c: Compiled, w: np.ndarray | None = None):
        self.st, self.c = st, c
        if w is not None and len(w) == st.worlds and np.array_equal(w, np.arange(st.worlds)):
            w = None  # every world, in order: read the columns in place rather than pick them
        self.w = w
        self.W = st.worlds if w is None else len(w)
        self._tracks: dict[str, np.ndarray] = {}
        self.attention = self.track("attention")
        self.cash = self.track("cash_busd")
        self.loc = self.pick(st.location)
        self.at_home = self.loc == c.home
        playing = self.pick(st.outcome) == ONGOING
        self.can_act = playing & ~self.pick(st.quarter_over)
        self.over_reason = fact("refused.quarter_over" if playing.all() else "refused.game_over")
        self.awaiting = self.pick(st.awaiting_choice)
        self.free = ~self.awaiting
        self._att: dict[float, np.ndarray] = {}
        self._loc_bits: np.ndarray | None = None

    @property
    def positions(self) -> np.ndarray:
        """The worlds asked about, as indices of the batch."""
        return np.arange(self.W) if self.w is None else self.w

    def pick(self, x: np.ndarray) -> np.ndarray:
        """x (one value per world of the batch) for the worlds asked about."""
        return x if self.w is None else np.take(x, self.w)

    def track(self, name: str) -> np.ndarray:
        """The player's track `name` in the worlds asked about (a contiguous column, then a pick)."""
        if name not in self._tracks:
            self._tracks[name] = self.pick(self.st.tracks[:, PLAYER, T[name]])
        return self._tracks[name]

    def rows(self, x: np.ndarray) -> np.ndarray:
        """x (one row per action, one column per world of the batch) for the worlds asked about."""
        return x if self.w is None else np.take(x, self.w, axis=1)

    @cached_property
    def running(self) -> np.ndarray:
        """(products, worlds): which of the player's products run."""
        return self.rows(self.st.running[:, PLAYER].T)

    def at(self, table: np.ndarray) -> np.ndarray:
        """table[..., loc]: a fact about each space (the last axis of `table`) read at the
        space each world asked about is in; (W,) for a (S,) table, (n, W) for (n, S)."""
        out, self._loc_bits = at_space(table, self.loc, self._loc_bits)
        return out

    def has_attention(self, need: float) -> np.ndarray:
        if need not in self._att:
            self._att[need] = self.attention >= need
        return self._att[need]

    def base(self) -> list[Requirement]:
        """What every action needs first: a quarter still open, and no card waiting."""
        return [(self.can_act, self.over_reason), (self.free, fact("refused.card_waiting"))]

    def needs_attention(self, need: float | np.ndarray) -> Requirement:
        """The attention an action needs. It comes after each kind's own requirements (where,
        when, how often, what it costs): those say more than "end the quarter" does."""
        if isinstance(need, np.ndarray):
            enough = self.attention[None, :] >= need[:, None]
            return (enough, [fact("refused.attention", need=float(x)) for x in need])
        return (self.has_attention(float(need)), fact("refused.attention", need=float(need)))

    def home(self, move: str) -> Requirement:
        """The move happens at headquarters only."""
        return (self.at_home, fact("refused.not_home", move=move, home=self.c.space_ids[self.c.home]))


def holds_rows(ctx: Context, progs: list) -> np.ndarray:
    """(programs, worlds): where each condition holds in the worlds asked about. A condition
    without clauses holds everywhere and is not evaluated."""
    out = np.ones((len(progs), ctx.W), dtype=bool)
    for i, prog in enumerate(progs):
        if prog.clauses:
            out[i] = holds(prog, ctx.st, ctx.c, ctx.w)
    return out


def scenario_memo(c: Compiled, key: str, make):
    """A value worked out once per scenario (kept in c.memo under `key`)."""
    if key not in c.memo:
        c.memo[key] = make()
    return c.memo[key]
