"""Hooks other parts of the game can fill in for the desktop interface.

The debrief: the end screen shows a "Debrief" button only when an opener is available. Either
register one with `set_debrief_opener(fn)`, or give `game.classroom.debrief` a function
`open_debrief(game)`, which is found automatically. The opener receives the finished `Game`
and does what it likes (open a report, a browser page, a window); an exception it raises is
shown to the player as a message, and the game goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from game.core.session import Game

DebriefOpener = Callable[[Game], object]

_opener: DebriefOpener | None = None


def set_debrief_opener(fn: DebriefOpener | None) -> None:
    """Register (or, with None, remove) the function that opens a debrief for a finished game."""
    global _opener
    _opener = fn


def debrief_opener() -> DebriefOpener | None:
    """The registered opener, else game.classroom.debrief.open_debrief if it exists, else None."""
    if _opener is not None:
        return _opener
    try:
        module = importlib.import_module("game.classroom.debrief")
    except ImportError:
        return None
    fn = getattr(module, "open_debrief", None)
    return fn if callable(fn) else None
