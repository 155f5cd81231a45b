"""The actions a CEO can take, as typed, readable data ("Pitch 43 $B at Abu Dhabi").

Each action is a small pydantic model discriminated by `kind`. `ActionCodec` maps actions to the
integer ids the batch engine uses, and back, for one compiled scenario.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.core.compiled import Compiled, fmt_busd


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EndQuarter(_Action):
    kind: Literal["end_quarter"] = "end_quarter"


class Travel(_Action):
    kind: Literal["travel"] = "travel"
    to: str = Field(description="Space id to travel to.")


class Pitch(_Action):
    kind: Literal["pitch"] = "pitch"
    ask_busd: float = Field(description="The ask, one rung of the ladder, $B.")


class SignDeal(_Action):
    kind: Literal["sign"] = "sign"
    deal: str


class LaunchModel(_Action):
    kind: Literal["launch_model"] = "launch_model"


class StartProduct(_Action):
    kind: Literal["start_product"] = "start_product"
    product: str


class StopProduct(_Action):
    kind: Literal["stop_product"] = "stop_product"
    product: str


class RunOperations(_Action):
    kind: Literal["operations"] = "operations"


class SafetyReview(_Action):
    kind: Literal["safety_review"] = "safety_review"


class CommissionCampus(_Action):
    kind: Literal["commission_campus"] = "commission_campus"


class Choose(_Action):
    kind: Literal["choose"] = "choose"
    option: int = Field(ge=0, le=2, description="Index of the card's choice, from 0.")


Action = Annotated[
    EndQuarter
    | Travel
    | Pitch
    | SignDeal
    | LaunchModel
    | StartProduct
    | StopProduct
    | RunOperations
    | SafetyReview
    | CommissionCampus
    | Choose,
    Field(discriminator="kind"),
]
ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)
ACTION_LIST_ADAPTER: TypeAdapter[list[Action]] = TypeAdapter(list[Action])


class UnknownAction(ValueError):
    """An action that names something the scenario does not have."""


class ActionCodec:
    """Typed actions <-> integer ids, and their labels, for one compiled scenario."""

    def __init__(self, c: Compiled):
        self.c = c
        s = c.scenario
        self.space_index = {k: i for i, k in enumerate(c.space_ids)}
        self.deal_index = {d.id: i for i, d in enumerate(s.deals)}
        self.product_index = {p.id: i for i, p in enumerate(s.products)}

    def encode(self, a: Action) -> int:
        sp = self.c.space
        try:
            match a:
                case EndQuarter():
                    return sp.end_quarter
                case Travel(to=to):
                    return sp.travel(self.space_index[to])
                case Pitch(ask_busd=ask):
                    for r, v in enumerate(self.c.ladder):
                        if abs(v - ask) < 1e-9:
                            return sp.pitch(r)
                    ladder = ", ".join(fmt_busd(v) for v in self.c.ladder)
                    raise UnknownAction(f"{fmt_busd(ask)} is not on the ask ladder ({ladder})")
                case SignDeal(deal=d):
                    return sp.sign(self.deal_index[d])
                case LaunchModel():
                    return sp.launch_model
                case StartProduct(product=p):
                    return sp.start_product(self.product_index[p])
                case StopProduct(product=p):
                    return sp.stop_product(self.product_index[p])
                case RunOperations():
                    return sp.operations
                case SafetyReview():
                    return sp.safety_review
                case CommissionCampus():
                    return sp.commission_campus
                case Choose(option=j):
                    return sp.choose(j)
        except KeyError as e:
            raise UnknownAction(f"this scenario has nothing called {e.args[0]!r}") from None
        raise UnknownAction(f"unknown action {a!r}")

    def decode(self, a: int) -> Action:
        kind, i = self.c.space.kind_of(a)
        s = self.c.scenario
        match kind:
            case "end_quarter":
                return EndQuarter()
            case "travel":
                return Travel(to=self.c.space_ids[i])
            case "pitch":
                return Pitch(ask_busd=float(self.c.ladder[i]))
            case "sign":
                return SignDeal(deal=s.deals[i].id)
            case "launch_model":
                return LaunchModel()
            case "start_product":
                return StartProduct(product=s.products[i].id)
            case "stop_product":
                return StopProduct(product=s.products[i].id)
            case "operations":
                return RunOperations()
            case "safety_review":
                return SafetyReview()
            case "commission_campus":
                return CommissionCampus()
            case _:
                return Choose(option=i)

    def label(self, a: Action, location: str | None = None, card_choices: list[str] | None = None) -> str:
        """The action in the game's words."""
        s = self.c.scenario
        here = s.space(location).name if location else ""
        match a:
            case EndQuarter():
                return "End the quarter"
            case Travel(to=to):
                return f"Travel to {s.space(to).name}"
            case Pitch(ask_busd=ask):
                return f"Pitch {fmt_busd(ask)} at {here}" if here else f"Pitch {fmt_busd(ask)}"
            case SignDeal(deal=d):
                return f"Sign: {next(x.title for x in s.deals if x.id == d)}"
            case LaunchModel():
                return f"Launch: {s.hq_actions.launch_model.title}"
            case StartProduct(product=p):
                return f"Launch: {next(x.title for x in s.products if x.id == p)}"
            case StopProduct(product=p):
                return f"Shut down: {next(x.title for x in s.products if x.id == p)}"
            case RunOperations():
                return s.hq_actions.operations.title
            case SafetyReview():
                return s.hq_actions.safety_review.title
            case CommissionCampus():
                if location:
                    site = next((x for x in s.campus_sites if x.space == location), None)
                    if site:
                        return f"Commission: {site.title}"
                return "Commission a campus"
            case Choose(option=j):
                if card_choices and j < len(card_choices):
                    return f"Choose: {card_choices[j]}"
                return f"Choose option {j + 1}"
        return str(a)
