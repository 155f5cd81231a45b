"""What the core states: an id and its figures, never a sentence.

A `Fact` is "why a move is refused", "what a move is", "what happened": an id such as
`refused.no_route` with the figures that go with it (`to="tokyo"`). The text layer
(game/text) turns each one into a sentence through the translation catalogs; nothing below it
writes a word a player reads. Figures are ids of the scenario (spaces, deals, products, sites,
cards), numbers, or other facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fact:
    id: str
    figures: Mapping[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted((k, repr(v)) for k, v in self.figures.items()))))


def fact(id: str, **figures: Any) -> Fact:
    """Fact(id, figures) written as fact("refused.no_route", to="tokyo")."""
    return Fact(id, figures)


# What a move's `told.*` fact says chance made of it.
_WENT = {"told.pitch_yes": True, "told.deal_through": True, "told.launch_clean": True,
         "told.buildout_yes": True,
         "told.pitch_no": False, "told.deal_fell": False, "told.launch_rushed": False,
         "told.buildout_no": False, "told.buildout_cut": False}


def told_went_well(told: Fact) -> bool | None:
    """Whether chance went the mover's way, from the fact the log tells (None: no chance)."""
    return _WENT.get(told.id)
