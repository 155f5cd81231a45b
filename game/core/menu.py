"""The menu and previews: every action worth offering now, and what it would do.

A preview runs the engine's own step on a copy of the game, once for each way chance can go,
so what it shows is what the move does; nothing here changes the game."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from game.core import engine
from game.core.compiled import HORIZON
from game.core.facts import Fact, fact
from game.core.figures import PREVIEW_TRACKS, diff_tracks
from game.core.moves import MOVE, MOVES, Action, UnknownAction
from game.core.rules import legal_matrix, why_illegal
from game.core.state import PLAYER
from game.model.tracks import DELAYED_KEYS, T

if TYPE_CHECKING:
    from game.core.session import Game

class Delivery(NamedTuple):
    """Something due later: `amount` added to `track` in `quarters` quarters."""

    track: str
    amount: float
    quarters: int


@dataclass
class Possible:
    """One way a move can go: its odds and what it changes."""

    went_well: bool | None  # None: chance does not decide this move
    odds: float
    touches: dict[str, float]


@dataclass
class Preview:
    """What an action would do if it goes well, computed by the engine on a copy.

    When chance decides (`odds` is not None), `on_failure` is what the same engine does on
    another copy when the draw goes against you (a refused pitch, a deal that falls through, a
    rushed launch), and `failure` names that case ("if they say no"); both are None when it
    cannot go wrong."""

    touches: dict[str, float]
    odds: float | None
    later: list[Delivery]
    notes: list[Fact]
    on_failure: dict[str, float] | None = None
    failure: Fact | None = None

    @property
    def outcomes(self) -> list[Possible]:
        """Every way the move can go, with its odds (they add up to 1)."""
        if self.odds is None:
            return [Possible(None, 1.0, self.touches)]
        out = [Possible(True, self.odds, self.touches)]
        if self.on_failure is not None:
            out.append(Possible(False, 1.0 - self.odds, self.on_failure))
        return out


@dataclass
class MenuItem:
    """One action a client can offer, legal or not, with what it would do."""

    action: Action
    label: Fact
    group: str  # the move's group id: travel, raise, deals, hq, build, card, quarter
    legal: bool
    reason: Fact | None
    touches: dict[str, float]
    odds: float | None
    later: list[Delivery] = field(default_factory=list)
    notes: list[Fact] = field(default_factory=list)
    on_failure: dict[str, float] | None = None  # what chance going against you does (see Preview)
    failure: Fact | None = None  # failure.pitch ("if they say no"), failure.deal, failure.rushed_launch
    attention: float = 0.0  # what it costs in attention

    @property
    def outcomes(self) -> list[Possible]:
        """Every way the move can go, with its odds (empty for a refused move)."""
        if not self.legal:
            return []
        return Preview(self.touches, self.odds, self.later, self.notes, self.on_failure, self.failure).outcomes



def menu(game: Game) -> list[MenuItem]:
    """Every action worth showing now: legal ones, and illegal ones with their reason."""
    items = []
    legal = legal_matrix(game.st, game.c)[0]
    for move in MOVES:
        for i, a in enumerate(game.c.space.blocks[move.kind]):
            if not move.offered(game.c, i, game.st):
                continue
            action = move.decode(game.c, i)
            ok = bool(legal[a])
            prev = game.preview(action) if ok and move.kind != "end_quarter" else None
            items.append(
                MenuItem(
                    action=action,
                    label=move.label(game.c, i, game.st),
                    group=move.group,
                    legal=ok,
                    reason=None if ok else why_illegal(game.st, game.c, a),
                    touches=prev.touches if prev else {},
                    odds=prev.odds if prev else None,
                    later=prev.later if prev else [],
                    notes=prev.notes if prev else [],
                    on_failure=prev.on_failure if prev else None,
                    failure=prev.failure if prev else None,
                    attention=move.attention(game.c, i, game.st),
                )
            )
    return items


def preview(game: Game, action: Action) -> Preview:
    """What an action would change if it goes well, its odds if chance decides, and what
    it delivers later. Computed on a copy by the same engine; nothing here changes."""
    try:
        a = game.codec.encode(action)
    except UnknownAction:
        return Preview({}, None, [], [])
    kind, i = game.c.space.kind_of(a)
    move = MOVE[kind]
    trial = game.st.copy()
    before = trial.tracks[0, PLAYER].copy()
    pending_before = trial.pending.copy()
    rep = engine.step(trial, game.c, np.array([a]), open_next=False, outcomes=_GOES_WELL)
    if not rep.applied[0]:
        return Preview({}, None, [], [])
    touches = diff_tracks(before, trial.tracks[0, PLAYER], PREVIEW_TRACKS)
    odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
    on_failure, failure = None, None
    if odds is not None and odds < 1.0:
        # the same action on another copy, chance going against you
        bad = game.st.copy()
        bad_rep = engine.step(bad, game.c, np.array([a]), open_next=False, outcomes=_GOES_BADLY)
        if bad_rep.applied[0] and not bad_rep.success[0]:
            on_failure = diff_tracks(before, bad.tracks[0, PLAYER], PREVIEW_TRACKS)
            failure = fact(f"failure.{move.chance}")
    later = []
    extra = trial.pending - pending_before
    for k in range(1, HORIZON):
        slot = (game.st.turn + k) % HORIZON
        for j, key in enumerate(DELAYED_KEYS):
            v = float(extra[0, PLAYER, slot, j])
            if abs(v) > 1e-12:
                later.append(Delivery(key, v, k))
    return Preview(touches, odds, later, move.notes(game.c, i, game.st), on_failure, failure)


@dataclass
class Outlook:
    """Where the cash would stand after a move: the cash now, what the quarter's end would
    leave (no further move, no incident) and the burn in between, worked out by the engine's
    own forecast on a copy of the game."""

    cash_now: float
    cash_end: float

    @property
    def burn(self) -> float:
        """What the quarter's end takes from the cash, $B a quarter (negative: it brings cash in)."""
        return self.cash_now - self.cash_end

    @property
    def runway(self) -> float:
        """Quarters the cash lasts at this burn (inf when the quarter brings cash in)."""
        return math.inf if self.burn <= 0 else max(self.cash_now, 0.0) / self.burn


# Below this many quarters of runway a move asks before it is made.
SHORT_RUNWAY = 2.0


def outlook(game: Game, action: Action | None = None, went_well: bool = True) -> Outlook | None:
    """The cash, burn and runway after `action` (None: as things stand), chance going as
    `went_well` says; None when the action would be refused. Nothing in the game changes."""
    trial = game.st.copy()
    if action is not None:
        try:
            a = game.codec.encode(action)
        except UnknownAction:
            return None
        if game.c.space.kind_of(a)[0] == "end_quarter":
            return None
        rep = engine.step(trial, game.c, np.array([a]), open_next=False, outcomes=_GOES_WELL if went_well else _GOES_BADLY)
        if not rep.applied[0]:
            return None
    end = engine.forecast(trial, game.c, "cash_busd")[0, PLAYER]
    return Outlook(float(trial.tracks[0, PLAYER, T["cash_busd"]]), float(end))


def danger(game: Game, action: Action) -> Fact | None:
    """Why the move deserves a second thought, or None: it would leave less than two quarters
    of runway or the cash below zero at the quarter's end (in any way chance can go), when it
    makes either worse than it is; a pitch whose odds round to 0%; or ending the quarter with
    attention left that a move could still use."""
    try:
        kind = game.c.space.kind_of(game.codec.encode(action))[0]
    except UnknownAction:
        return None
    if kind == "end_quarter":
        left = game.track("attention")
        usable = any(it.legal and it.group not in ("quarter", "card") and 0 < it.attention <= left + 1e-9 for it in menu(game))
        return fact("danger.attention_unused", attention=round(left)) if left >= 1 and usable else None
    now = outlook(game)
    if now is None:
        return None
    item_odds = game.preview(action).odds
    for went_well in (True, False) if item_odds is not None else (True,):
        after = outlook(game, action, went_well)
        if after is None:
            continue
        if after.cash_end < 0 and after.cash_end < now.cash_end - 1e-9:
            return fact("danger.cash_below_zero", cash_busd=after.cash_end)
        if after.runway < SHORT_RUNWAY and after.runway < now.runway - 1e-9:
            return fact("danger.short_runway", quarters=round(after.runway, 1))
    if item_odds is not None and kind == "pitch" and round(100 * item_odds) == 0:
        return fact("danger.zero_odds", odds=item_odds)
    return None


# The two ways chance can go, as the engine takes a recorded outcome.
_GOES_WELL = np.array([1])
_GOES_BADLY = np.array([-1])
