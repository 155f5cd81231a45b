"""Present the industry build-out to the backer at the space where the CEO stands.

The build-out (the scenario's `buildout:`) is a programme of chip fabs, data centres and power
over many years, which the whole industry would build: many backers fund it (Gulf state
funds, chip makers, governments, investors), one at each space that has one. Its size is
measured against the industry, not against the lab: the odds of a pledge fall by
`size_weight` (logit) for each tenfold of the programme over a year of the chip industry's
investment, rise by `credibility_weight` for each point of credibility above neutral, and
with the backer's appetite.

A pledge is the industry's money, not the lab's: no cash comes in. The backer's `effects`
apply at once and its `delivers` land in later quarters (a share of the fabs' chips, of the
power), a modest projection. Each backer pledges once per game; the build-out is presented at
a space at most once a quarter.

A refusal costs credibility: the backer's ridicule for each tenfold of the programme over a
year of the industry's investment. Scepticism forces the scale-back: when a refusal of the full
vision leaves credibility below `scale_back_credibility`, the programme is cut to
`scaled_back_busd` ("hundreds of billions") for the rest of the game, at a further
`forced_credibility`. Presenting the full vision at a space is remembered
(`presented_vision`: the cause a reaction card, such as a chip maker's ridicule, needs)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from game.core.effects import apply_effect, change, col, schedule
from game.core.facts import fact
from game.core.kernels import groups, split
from game.core.moves.base import ActionModel, Applied, Move
from game.core.state import BatchState
from game.model.tracks import T


class PresentBuildout(ActionModel):
    kind: Literal["present_buildout"] = "present_buildout"


def pledge_odds(st: BatchState, c, w: np.ndarray, space: np.ndarray) -> np.ndarray:
    """The odds that the backer at `space` (one per world of w) pledges to the build-out at its
    size in each world: a logistic of the backer's appetite, the lab's credibility and the
    programme's size against a year of the chip industry's investment."""
    bo = c.buildout
    k = np.maximum(bo.backer_of_space.take(space), 0)
    ratio = np.maximum(st.buildout_busd[w] / bo.industry, 1e-9)
    logit = (
        bo.appetite.take(k)
        + bo.credibility_weight * (col(st, "credibility")[w] - c.consts.credibility_neutral)
        - bo.size_weight * np.log10(ratio)
    )
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -500.0, 500.0)))


def ridicule(c, size: np.ndarray, backer: np.ndarray) -> np.ndarray:
    """The credibility a refusal costs: the backer's ridicule for each tenfold of the programme
    over a year of the industry's investment (nothing for a programme smaller than that)."""
    bo = c.buildout
    return bo.ridicule.take(backer) * np.maximum(np.log10(np.maximum(size, 1e-9) / bo.industry), 0.0)


class PresentBuildoutMove(Move):
    kind = "present_buildout"
    action = PresentBuildout
    group = "deals"  # a row with its odds, beside the deals (the raise group is the ladder's tiles)
    chance = "buildout"

    def count(self, c):
        return 1 if c.buildout is not None else 0

    def attention(self, c, i, st=None):
        return c.buildout.attention if c.buildout is not None else 0.0

    def requirements(self, ctx):
        c, st = ctx.c, ctx.st
        bo = c.buildout
        if bo is None:
            return ctx.base() + [(np.zeros(ctx.W, dtype=bool), fact("refused.no_backer", where=()))]
        at_backer = np.take(bo.backer_of_space, ctx.loc) >= 0
        pos = ctx.positions
        presented = st.presented_turn[pos, ctx.loc] == st.turn
        pledged = st.pledged[pos, ctx.loc] & at_backer
        return ctx.base() + [
            (at_backer, fact("refused.no_backer", where=tuple(c.space_ids[s] for s in bo.backer_space))),
            (~presented, fact("refused.presented_here")),
            (~pledged, fact("refused.backer_pledged", space=c.space_ids[int(ctx.loc[0])] if ctx.W == 1 else None)),
            ctx.needs_attention(self.attention(c, 0)),
        ]

    def apply(self, st, c, i, w, u):
        bo = c.buildout
        loc = st.location[w]
        backer = bo.backer_of_space.take(loc)
        col(st, "attention")[w] -= bo.attention
        st.presented_turn[w, loc] = st.turn
        size = st.buildout_busd[w]
        vision = size >= bo.vision - 1e-9
        st.vision_turn[w[vision], loc[vision]] = st.turn
        p = pledge_odds(st, c, w, loc)
        won = u < p
        ww, wl, won_pos, lost_pos = split(w, won)
        # a yes: the backer's pledge to the programme (not the lab's cash), its effects now and
        # what the programme delivers to the lab later
        st.pledged[ww, loc.take(won_pos)] = True
        st.pledged_busd[ww] += bo.share.take(backer.take(won_pos)) * size.take(won_pos)
        changed = False
        for k, pos in groups(backer.take(won_pos), len(bo.share)):
            wk = ww.take(pos)
            changed |= apply_effect(st, wk, bo.effect[k])
            schedule(st, wk, bo.delivers[k])
        # a no: ridicule, and the scale-back once credibility has fallen too low for the vision
        lost_size = size.take(lost_pos)
        change(st, wl, T["credibility"], -ridicule(c, lost_size, backer.take(lost_pos)), 1.0)
        forced = (lost_size >= bo.vision - 1e-9) & (col(st, "credibility")[wl] < bo.scale_back_credibility)
        wf = wl[forced]
        st.buildout_busd[wf] = bo.scaled
        change(st, wf, T["credibility"], bo.forced_credibility, 1.0)
        return Applied(changed, won, p, self.chance)

    def label(self, c, i, st):
        return fact("move.present_buildout", size_busd=float(st.buildout_busd[0]),
                    space=c.space_ids[int(st.location[0])])

    def about(self, c, i, st):
        bo = c.buildout
        size = float(st.buildout_busd[0])
        return fact("about.present_buildout", size_busd=size, gdp_pct=float(round(100.0 * size / bo.us_gdp)),
                    industry_years=float(round(size / bo.industry, 1)), industry_busd=bo.industry,
                    space=c.space_ids[int(st.location[0])])

    def offered(self, c, i, st):
        return c.buildout is not None and int(c.buildout.backer_of_space[int(st.location[0])]) >= 0

    def notes(self, c, i, st):
        bo = c.buildout
        loc = int(st.location[0])
        k = int(bo.backer_of_space[loc])
        if k < 0:
            return []
        size = float(st.buildout_busd[0])
        out = [fact("note.buildout_pledge", pledge_busd=float(bo.share[k]) * size, size_busd=size)]
        if size >= bo.vision - 1e-9:
            out.append(fact("note.buildout_scale_back", credibility=bo.scale_back_credibility,
                            scaled_busd=bo.scaled))
        return out

    def told(self, c, i, st, success, odds, turn):
        bo = c.buildout
        loc = int(st.location[0])
        k = max(int(bo.backer_of_space[loc]), 0)
        if success:
            return fact("told.buildout_yes", move=self.label(c, i, st), odds=odds, backer=c.scenario.buildout.backers[k].name)
        if float(st.buildout_busd[0]) < bo.vision - 1e-9 and int(st.vision_turn[0, loc]) == turn:
            # the full vision was presented here this quarter and it is cut now: the refusal forced it
            return fact("told.buildout_cut", space=c.space_ids[loc], odds=odds, vision_busd=bo.vision,
                        scaled_busd=bo.scaled)
        return fact("told.buildout_no", move=self.label(c, i, st), odds=odds, backer=c.scenario.buildout.backers[k].name)
