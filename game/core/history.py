"""A game's history: every move and every chance outcome, in order, as OpenSpiel records
chance nodes.

A game is its scenario, its seed and this history. Replaying the history deals the cards and
gives the outcomes it recorded, so a saved game comes back the same even after the engine
changes the order in which it draws its random numbers. RULES_VERSION names the rules the
history was played under: a save from other rules is refused with one sentence.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.core.moves import Action

RULES_VERSION = 2  # 1: seed and moves only (the draws were replayed); 2: chance outcomes recorded


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MoveTaken(_Event):
    """The CEO made a move."""

    event: Literal["move"] = "move"
    action: Action


class ChanceRolled(_Event):
    """Chance decided the move just made (a pitch, a deal, a launch that could be rushed)."""

    event: Literal["chance"] = "chance"
    went_well: bool


class IncidentRolled(_Event):
    """At the end of a quarter, chance decided whether an incident struck."""

    event: Literal["incident"] = "incident"
    struck: bool


class CardDealt(_Event):
    """A quarter opened with this card (None: no card could be dealt)."""

    event: Literal["card"] = "card"
    card: str | None


Event = Annotated[MoveTaken | ChanceRolled | IncidentRolled | CardDealt, Field(discriminator="event")]
HISTORY_ADAPTER: TypeAdapter[list[Event]] = TypeAdapter(list[Event])
