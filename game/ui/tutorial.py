"""How to play: a first-quarter walkthrough on the real board, which the player can skip.

Each step points at a part of the board (a widget, or a region of it), says what it is in
the catalog's words (tutorial.<step>), and moves on when the player has done what it asks
(travelled, pitched, ended the quarter) or pressed Next. Nothing here changes the game: the
moves are the player's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.core.actions import Pitch

if TYPE_CHECKING:
    from game.core.session import Game


@dataclass(frozen=True)
class Step:
    key: str  # its words: tutorial.<key>.title and tutorial.<key>.text
    target: str | None  # the widget id (or id prefix) it points at; "attention" is the top bar's pips
    done: Callable[[Game, Start], bool] | None = None  # the player did what it asks (None: Next only)


@dataclass(frozen=True)
class Start:
    """The game as the step found it."""

    location: str
    turn: int
    actions: int


def _travelled(g: Game, s: Start) -> bool:
    return g.location != s.location


def _pitched(g: Game, s: Start) -> bool:
    return any(isinstance(a, Pitch) for a in g.actions[s.actions :])


def _ended(g: Game, s: Start) -> bool:
    return g.turn > s.turn or g.over


STEPS: tuple[Step, ...] = (
    Step("welcome", None),
    Step("tracks", "track."),
    Step("attention", "attention"),
    Step("travel", "action.travel.", _travelled),
    Step("pitch", "action.pitch.", _pitched),
    Step("card", "log"),
    Step("end", "actions.end_quarter", _ended),
    Step("done", None),
)


class Tutorial:
    """Where the walkthrough is."""

    def __init__(self, game: Game):
        self.index = 0
        self.start = self._start(game)

    @staticmethod
    def _start(g: Game) -> Start:
        return Start(g.location, g.turn, len(g.actions))

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    @property
    def finished(self) -> bool:
        return self.index >= len(STEPS)

    def next(self, game: Game) -> None:
        self.index += 1
        if not self.finished:
            self.start = self._start(game)

    def after_move(self, game: Game) -> None:
        """The player moved: a step whose task is done gives way to the next."""
        if not self.finished and self.step.done is not None and self.step.done(game, self.start):
            self.next(game)
