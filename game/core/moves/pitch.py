"""Pitch investors one rung of the ask ladder where the CEO stands.

The odds fall as the ask outgrows the valuation and rise with the investors' appetite and the
lab's credibility (game.model.economy.pitch_success_chance). A yes brings the cash, sells a
share of the lab at the post-money valuation and draws scrutiny that grows with the ask; a
giant ask that is refused costs credibility (ridicule).

Home money has limits: investors at headquarters price each round on revenue, so once the lab
has raised more than `home_raise_free_multiple` years of revenue, every further year of revenue
raised cuts the odds at home by `home_raise_weight` (logit). Repeated rounds at home get dearer;
revenue that grows makes room again."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from pydantic import Field

from game.core import labs
from game.core.effects import change
from game.core.facts import fact
from game.core.kernels import pick_cells, put_cells, split
from game.core.moves.base import ActionModel, Applied, Move, UnknownAction, scenario_memo
from game.core.state import PLAYER
from game.model import economy
from game.model.tracks import T


class Pitch(ActionModel):
    kind: Literal["pitch"] = "pitch"
    ask_busd: float = Field(allow_inf_nan=False, description="The ask, one rung of the ladder, $B.")


def pitch_odds(st, c, ask, w, loc) -> np.ndarray:
    """Odds that a pitch of `ask` (one per world, or one for all) succeeds in worlds w, with the
    CEO at space loc in each."""
    tr = st.tracks
    p = c.pitch
    odds = economy.pitch_success_chance(
        ask,
        tr[:, PLAYER, T["valuation_busd"]][w],
        tr[:, PLAYER, T["credibility"]][w],
        tr[:, PLAYER, T["scrutiny"]][w],
        c.appetite[loc],
        size_weight=p.pitch_size_weight,
        credibility_weight=p.pitch_credibility_weight,
        scrutiny_weight=p.pitch_scrutiny_weight,
        reference_share=p.pitch_reference_share,
        credibility_neutral=c.consts.credibility_neutral,
        scrutiny_comfort=p.pitch_scrutiny_comfort,
    )
    return odds * home_discount(st, c, w, loc, odds)


def home_raise_penalty(st, c, w) -> np.ndarray:
    """The logit home investors take off a pitch in worlds w: `home_raise_weight` for each year
    of revenue raised beyond `home_raise_free_multiple`."""
    tr = st.tracks
    raised = tr[:, PLAYER, T["raised_busd"]][w]
    revenue = np.maximum(tr[:, PLAYER, T["revenue_busd_per_year"]][w], 1e-3)
    excess = np.maximum(raised / revenue - c.pitch.home_raise_free_multiple, 0.0)
    return c.pitch.home_raise_weight * excess


def home_discount(st, c, w, loc, odds) -> np.ndarray:
    """The factor that takes the home penalty off the odds (1 away from headquarters): the odds
    p become 1 / (1 + (1 - p) / p * e^penalty), the logit lowered by the penalty."""
    penalty = np.where(np.asarray(loc) == c.home, home_raise_penalty(st, c, w), 0.0)
    p = np.clip(odds, 1e-12, 1.0)
    return 1.0 / (p + (1.0 - p) * np.exp(np.minimum(penalty, 500.0)))


def pitch_chance(st, c, rung, w) -> np.ndarray:
    """Odds that a pitch of ladder rung `rung` (or rung[i] in world w[i]) succeeds in worlds w,
    where the CEO stands."""
    return pitch_odds(st, c, c.ladder[rung], w, st.location[w])


def scrutiny_added(c, rung, space) -> np.ndarray:
    """The scrutiny a pitch that succeeds adds: the space's own figure, lifted by the size of
    the raise (1 + log10 of the ask)."""
    lift = scenario_memo(c, "pitch.lift", lambda: np.array([1.0 + np.log10(v) for v in c.ladder]))
    return c.scrutiny_on_success.take(space) * lift.take(rung)


class PitchMove(Move):
    kind = "pitch"
    action = Pitch
    group = "raise"
    chance = "pitch"
    merged = True  # every rung: one group of worlds, one rung each

    def count(self, c):
        return len(c.ladder)

    def encode(self, c, a):
        ask = a.ask_busd
        if isinstance(ask, float) and math.isfinite(ask):
            for r, v in enumerate(c.ladder):
                if abs(v - ask) < 1e-9:
                    return r
        raise UnknownAction(fact("unknown.rung", ask_busd=ask, ladder=tuple(float(v) for v in c.ladder)))

    def decode(self, c, i):
        return Pitch(ask_busd=float(c.ladder[i]))

    def attention(self, c, i, st=None):
        return float(c.scenario.board.pitch_attention)

    def requirements(self, ctx):
        c, st = ctx.c, ctx.st
        return ctx.base() + [
            (ctx.at(c.can_pitch), fact("refused.no_investors")),
            (~pick_cells(st.pitched, ctx.positions, ctx.loc), fact("refused.pitched_here")),
            (ctx.track("equity_sold_pct") < c.pitch.max_equity_sold_pct,
             fact("refused.sold_out", pct=c.pitch.max_equity_sold_pct)),
            *self._capital(ctx),
            ctx.needs_attention(self.attention(c, 0)),
        ]

    def _capital(self, ctx) -> list:
        """In a match whose investors here have a shared sum to invest: an ask above what is
        left this quarter is refused (what other labs raised here this quarter is gone)."""
        c, st = ctx.c, ctx.st
        if st.pools is None or c.labs is None or not (c.labs.pool_of_space >= 0).any():
            return []
        left = labs.capital_left(st, c, slice(None) if ctx.w is None else ctx.w, ctx.loc)
        ok = c.ladder[:, None] <= left[None, :] + 1e-9
        one = ctx.W == 1
        return [(ok, [fact("refused.capital_short", ask_busd=float(a), left_busd=float(left[0]) if one else None)
                      for a in c.ladder])]

    def apply(self, st, c, i, w, u):
        tr = st.tracks
        valuation = tr[:, PLAYER, T["valuation_busd"]]
        equity = tr[:, PLAYER, T["equity_sold_pct"]]
        rung = np.broadcast_to(i, w.shape)  # one rung per world
        ask = c.ladder.take(rung)
        loc = st.location[w]
        tr[:, PLAYER, T["attention"]][w] -= self.attention(c, 0)
        put_cells(st.pitched, w, loc, True)
        p = pitch_odds(st, c, ask, w, loc)
        won = u < p
        ww, lw, won_pos, lost_pos = split(w, won)
        ask_w = ask.take(won_pos)
        if st.pools is not None:
            labs.take_capital(st, c, ww, loc.take(won_pos), ask_w)
        val = valuation[ww]
        for name in ("cash_busd", "q_raised_busd", "raised_busd"):
            tr[:, PLAYER, T[name]][ww] += ask_w
        sold = equity[ww]
        # the new investors' share of the post-money lab dilutes everyone, earlier investors included
        equity[ww] = sold + (100.0 - sold) * (ask_w / (val + ask_w))
        valuation[ww] = val + ask_w
        change(st, ww, T["scrutiny"], scrutiny_added(c, rung.take(won_pos), loc.take(won_pos)), 1.0)
        change(st, ww, T["credibility"], c.pitch.pitch_success_credibility, 1.0)
        change(st, ww, T["equity_sold_pct"], 0.0, 1.0)
        vl = valuation[lw]
        ask_l = ask.take(lost_pos)
        giant = np.flatnonzero(ask_l > c.pitch.giant_ask_share * vl)
        ratio = ask_l.take(giant) / np.maximum(vl.take(giant), 1e-9)
        ridicule = c.ridicule.take(loc.take(lost_pos).take(giant)) * (1.0 + np.log10(ratio))
        change(st, lw.take(giant), T["credibility"], -ridicule, 1.0)
        return Applied(False, won, p, self.chance)

    def label(self, c, i, st):
        return fact("move.pitch", ask_busd=float(c.ladder[i]), space=c.space_ids[int(st.location[0])])

    def about(self, c, i, st):
        return fact("about.pitch", space=c.space_ids[int(st.location[0])], rung=i)

    def offered(self, c, i, st):
        return bool(c.can_pitch[int(st.location[0])])

    def told(self, c, i, st, success, odds, turn):
        return fact("told.pitch_yes" if success else "told.pitch_no", move=self.label(c, i, st),
                    odds=odds, ask_busd=float(c.ladder[i]))
