"""Answer the event card on the table with one of its choices (a card has at most three)."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import Field

from game.core.compiled import MAX_CHOICES
from game.core.effects import card_effects
from game.core.facts import fact
from game.core.moves.base import ActionModel, Applied, Move, UnknownAction

_CHOICE_ROWS = np.arange(MAX_CHOICES)[:, None]


class Choose(ActionModel):
    kind: Literal["choose"] = "choose"
    option: int = Field(ge=0, le=MAX_CHOICES - 1, description="Index of the card's choice, from 0.")


class ChooseMove(Move):
    kind = "choose"
    action = Choose
    group = "card"

    def count(self, c):
        return MAX_CHOICES

    def encode(self, c, a):
        if not 0 <= a.option < MAX_CHOICES:
            raise UnknownAction(fact("unknown.choice", option=a.option))
        return a.option

    def decode(self, c, i):
        return Choose(option=i)

    def requirements(self, ctx):
        c, st = ctx.c, ctx.st
        # the choices of the card drawn, none without a card (-1 clipped to a card, then zeroed;
        # a product rather than np.where, which mispredicts a branch at every other world). The
        # cards are not read at all when no world asked about has one waiting (most steps).
        if ctx.awaiting.any():
            n = np.take(c.ev_n_choices, ctx.pick(st.card), mode="clip") * ctx.awaiting
        else:
            n = np.zeros(ctx.W, dtype=c.ev_n_choices.dtype)
        return [
            (ctx.can_act, ctx.over_reason),
            (ctx.awaiting, fact("refused.no_card")),
            (n[None, :] > _CHOICE_ROWS, fact("refused.no_such_choice")),
        ]

    def apply(self, st, c, i, w, u):
        refresh = card_effects(st, c, w, st.card[w], choice=i)
        st.awaiting_choice[w] = False
        return Applied(bool(refresh))

    def label(self, c, i, st):
        k = int(st.card[0])
        return fact("move.choose", option=i, card=c.scenario.events[k].id if k >= 0 else None)

    def about(self, c, i, st):
        k = int(st.card[0])
        return fact("about.choice", card=c.scenario.events[k].id if k >= 0 else None, option=i)

    def offered(self, c, i, st):
        k = int(st.card[0])
        return bool(st.awaiting_choice[0]) and k >= 0 and i < int(c.ev_n_choices[k])

    def told(self, c, i, st, success, odds, turn):
        return fact("told.chose", move=self.label(c, i, st))
