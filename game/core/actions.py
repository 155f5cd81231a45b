"""The actions a CEO can take, as typed data ("Pitch 43 $B at Abu Dhabi"), and their integer ids.

Each action is a small pydantic model owned by its move (game.core.moves); `ActionCodec` maps
actions to the integer ids the batch engine uses, and back, for one compiled scenario, by
asking the move of the action's kind.
"""

from __future__ import annotations

from game.core.compiled import Compiled
from game.core.facts import fact
from game.core.moves import (
    ACTION_ADAPTER,
    ACTION_LIST_ADAPTER,
    MOVE,
    Action,
    Choose,
    CommissionCampus,
    EndQuarter,
    LaunchModel,
    Pitch,
    RunOperations,
    SafetyReview,
    SignDeal,
    StartProduct,
    StopProduct,
    Travel,
    UnknownAction,
)


class ActionCodec:
    """Typed actions <-> integer ids for one compiled scenario."""

    def __init__(self, c: Compiled):
        self.c = c

    def encode(self, a: Action) -> int:
        move = MOVE.get(getattr(a, "kind", None))
        if move is None or not isinstance(a, move.action):
            raise UnknownAction(fact("unknown.action"))
        return self.c.space.id(move.kind, move.encode(self.c, a))

    def decode(self, a: int) -> Action:
        kind, i = self.c.space.kind_of(a)
        return MOVE[kind].decode(self.c, i)


__all__ = [
    "ACTION_ADAPTER", "ACTION_LIST_ADAPTER", "Action", "ActionCodec", "Choose", "CommissionCampus",
    "EndQuarter", "LaunchModel", "Pitch", "RunOperations", "SafetyReview", "SignDeal", "StartProduct",
    "StopProduct", "Travel", "UnknownAction",
]
