"""The table of moves: every kind of action the CEO can take, each in one module.

| move              | action             | file                      |
|-------------------|--------------------|---------------------------|
| end the quarter   | EndQuarter         | moves/quarter.py          |
| travel            | Travel             | moves/travel.py           |
| pitch investors   | Pitch              | moves/pitch.py            |
| present build-out | PresentBuildout    | moves/buildout.py         |
| sign a deal       | SignDeal           | moves/deals.py            |
| launch a model    | LaunchModel        | moves/headquarters.py     |
| start a product   | StartProduct       | moves/products.py         |
| stop a product    | StopProduct        | moves/products.py         |
| run operations    | RunOperations      | moves/headquarters.py     |
| safety review     | SafetyReview       | moves/headquarters.py     |
| commission campus | CommissionCampus   | moves/campus.py           |
| buy chips         | BuyChips           | moves/chips.py            |
| answer a card     | Choose             | moves/card.py             |

The order of MOVES is the order of the action ids (`ActionSpace`) and of the menu.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from game.core.moves.base import ActionModel, Applied, Context, Move, Requirement, UnknownAction
from game.core.moves.buildout import PresentBuildout, PresentBuildoutMove, pledge_odds
from game.core.moves.campus import CommissionCampus, CommissionCampusMove, campus_bill
from game.core.moves.card import Choose, ChooseMove
from game.core.moves.chips import BuyChips, BuyChipsMove
from game.core.moves.deals import SignDeal, SignDealMove
from game.core.moves.headquarters import (
    LaunchModel,
    LaunchModelMove,
    OperationsMove,
    RunOperations,
    SafetyReview,
    SafetyReviewMove,
    training_cost,
)
from game.core.moves.pitch import Pitch, PitchMove, pitch_chance, pitch_odds, scrutiny_added
from game.core.moves.products import StartProduct, StartProductMove, StopProduct, StopProductMove
from game.core.moves.quarter import EndQuarter, EndQuarterMove
from game.core.moves.travel import Travel, TravelMove

MOVES: tuple[Move, ...] = (
    EndQuarterMove(),
    TravelMove(),
    PitchMove(),
    PresentBuildoutMove(),
    SignDealMove(),
    LaunchModelMove(),
    StartProductMove(),
    StopProductMove(),
    OperationsMove(),
    SafetyReviewMove(),
    CommissionCampusMove(),
    BuyChipsMove(),
    ChooseMove(),
)
MOVE: dict[str, Move] = {m.kind: m for m in MOVES}

Action = Annotated[
    EndQuarter
    | Travel
    | Pitch
    | PresentBuildout
    | SignDeal
    | LaunchModel
    | StartProduct
    | StopProduct
    | RunOperations
    | SafetyReview
    | CommissionCampus
    | BuyChips
    | Choose,
    Field(discriminator="kind"),
]
ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)
ACTION_LIST_ADAPTER: TypeAdapter[list[Action]] = TypeAdapter(list[Action])

__all__ = [
    "ACTION_ADAPTER", "ACTION_LIST_ADAPTER", "MOVE", "MOVES", "Action", "ActionModel", "Applied", "BuyChips",
    "ChooseMove", "Choose", "CommissionCampus", "Context", "EndQuarter", "LaunchModel", "Move",
    "Pitch", "PresentBuildout", "Requirement", "RunOperations", "SafetyReview", "SignDeal", "StartProduct", "StopProduct",
    "Travel", "UnknownAction", "campus_bill", "pitch_chance", "pledge_odds", "pitch_odds", "scrutiny_added", "training_cost",
]
