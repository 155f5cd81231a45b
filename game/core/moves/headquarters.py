"""The moves made at headquarters: launch a frontier model, run operations, a safety review.

A launch pays the year's training cost (it grows from the start figure to the later one) and
lifts demand; safety debt makes a rushed launch likelier, with its own effects. Operations and
the safety review each run once a quarter, with the effects the scenario gives them."""

from __future__ import annotations

from typing import Literal

import numpy as np

from game.core import market
from game.core.effects import apply_effect, col, spend
from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, Move
from game.model import economy
from game.model.tracks import T


class LaunchModel(ActionModel):
    kind: Literal["launch_model"] = "launch_model"


class RunOperations(ActionModel):
    kind: Literal["operations"] = "operations"


class SafetyReview(ActionModel):
    kind: Literal["safety_review"] = "safety_review"


def training_cost(c, turn: int) -> float:
    """What training a frontier model costs in the quarter `turn`, $B."""
    return economy.train_cost_busd(c.consts, c.year_frac(turn))


def _about_hq(self, c, i, st):
    """The headquarters' terms of a move (its text and source in the scenario)."""
    return fact("about.hq", move=self.kind)


class LaunchModelMove(Move):
    kind = "launch_model"
    action = LaunchModel
    group = "hq"
    chance = "rushed_launch"
    about = _about_hq

    def attention(self, c, i, st=None):
        return float(c.launch_attention)

    def requirements(self, ctx):
        c = ctx.c
        cost = training_cost(c, ctx.st.turn)
        return ctx.base() + [
            ctx.home(self.kind),
            (ctx.track("quarters_since_launch") >= c.launch_cooldown, fact("refused.cooldown", quarters=c.launch_cooldown)),
            (ctx.cash >= cost, fact("refused.training_cost", cost_busd=round(cost, 1))),
            ctx.needs_attention(self.attention(c, 0)),
        ]

    def apply(self, st, c, i, w, u):
        col(st, "attention")[w] -= c.launch_attention
        spend(st, w, training_cost(c, st.turn), "q_training_busd")
        rushed_p = np.clip(c.rushed_chance_per_debt * col(st, "safety_debt")[w], 0.0, 1.0)
        changed = apply_effect(st, w, c.launch_effect)
        col(st, "quarters_since_launch")[w] = 0.0
        rushed = u >= 1.0 - rushed_p  # low draws are good luck, as for pitches and deals
        changed = apply_effect(st, w.take(np.flatnonzero(rushed)), c.rushed_effect) or changed
        return Applied(changed, ~rushed, 1.0 - rushed_p, self.chance)  # the odds of a launch that is not rushed

    def told(self, c, i, st, success, odds, turn):
        rushed = 1.0 - (odds if odds is not None else 1.0)
        move = self.label(c, i, st)
        if not success:
            return fact("told.launch_rushed", move=move, rushed=rushed)
        return fact("told.launch_clean" if rushed > 0 else "told.launch", move=move, rushed=rushed)


class _OncePerQuarter(Move):
    """A move at headquarters that runs once a quarter with the scenario's effects."""

    flag: str  # the track that records it ran this quarter
    effect: str  # the name of its compiled effect
    group = "hq"
    about = _about_hq

    def _terms(self, c):
        return getattr(c.scenario.hq_actions, self.kind)

    def attention(self, c, i, st=None):
        return float(self._terms(c).attention)

    def requirements(self, ctx):
        return ctx.base() + [
            ctx.home(self.kind),
            (ctx.track(self.flag) == 0, fact(f"refused.{self.kind}_done")),
            ctx.needs_attention(self.attention(ctx.c, 0)),
        ]

    def apply(self, st, c, i, w, u):
        col(st, "attention")[w] -= self._terms(c).attention
        col(st, self.flag)[w] = 1.0
        return Applied(apply_effect(st, w, getattr(c, self.effect)))


class OperationsMove(_OncePerQuarter):
    kind = "operations"
    action = RunOperations
    flag = "operations_done"
    effect = "ops_effect"  # the compiled scenario's effect of the move

    def apply(self, st, c, i, w, u):
        """The scenario's effects; with an industry, the cloud chips it rents come out of the
        quarter's supply (their rent is in the cost of a query), as many as are left."""
        done = super().apply(st, c, i, w, u)
        rent = float(c.ops_effect.add[T["rented_chips_m"]])
        if c.industry is not None and rent > 0 and len(w):
            got = np.minimum(market.reach(st, c, w), rent)
            col(st, "rented_chips_m")[w] -= rent - got
            market.take_chips(st, w, got)
        return done


class SafetyReviewMove(_OncePerQuarter):
    kind = "safety_review"
    action = SafetyReview
    flag = "safety_review_done"
    effect = "safety_effect"
