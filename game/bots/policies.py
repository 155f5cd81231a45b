"""The bots: random, cautious, historical, planner and homebody, and the rival labs' builder,
safety_first and gulf_funded.

Every bot reads the scenario it plays, never the default campaign: deals are weighed by their
compiled effects (power, chips, cash, scrutiny...) against their cost, odds and attention,
campus sites by their size, investors by their appetite and the odds of each ask, routes by
the board's adjacency. No deal, site, card or product id appears in this package.

- random: any legal action, uniformly.
- cautious: stays at headquarters, protects the runway, raises small rounds at home, launches
  no model, builds (a campus at home, and power from the safe deals) only when cash is plentiful.
- historical: replays the scenario's `reported_plays` (what the real CEO did, quarter by
  quarter), then plays like planner; with no reported plays it plays like cautious.
- planner: a stronger heuristic: keeps a cash reserve, raises where the odds are best, and
  builds campuses, power and chip supply in step with each other, signing the deals that
  bring what it lacks; deals that cost nothing and risk nothing it signs when it has time.
- homebody: never leaves headquarters and pitches there every quarter, the rung with the best
  expected money among those with fair odds, or the smallest (the strategy that dominated before home money had limits); between rounds it
  runs headquarters like cautious and builds only what headquarters itself offers.
- builder, safety_first, gulf_funded: the planner's play with a rival lab's temper (an
  aggressive builder that launches whenever it can; a lab that clears its safety debt before
  anything and launches only without any; a lab that raises and deals where investors' appetite
  is best away from home). They play any seat of a match, or a one-lab game, by the same rules.
"""

from __future__ import annotations

import numpy as np

from game.bots.base import Bot, select
from game.core import market
from game.core.compiled import DK, Compiled
from game.core.conditions import holds
from game.core.engine import burn_per_quarter
from game.core.moves import pitch_chance, scrutiny_added
from game.core.state import BatchState
from game.model import economy
from game.model.economy import train_cost_busd
from game.model.tracks import T
from game.scenario.schema import ReportedMove, quarter_index


class RandomBot(Bot):
    name = "random"
    rows_only = True  # it reads only the legal matrix

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        """Uniform among legal actions: draw which of its legal actions each world takes (the
        r-th, r uniform below the number it has), then find it by counting along the actions."""
        W, A = legal.shape
        todo = np.flatnonzero(worlds)
        if len(todo) == 0:
            return np.full(W, -1, dtype=np.int64)
        # The legal rows, action-major, as small integers (0/1): one contiguous row per action,
        # so each pass below is a cheap byte-wise operation. Every world is counted (cheaper than
        # picking the rows of the worlds to decide); only the worlds to decide draw.
        rows = legal.T.view(np.uint8)
        dtype = np.uint8 if A < 256 else np.int64
        count = rows.sum(axis=0, dtype=dtype)
        sel = slice(None) if len(todo) == W else todo
        n = count[sel]
        # r = min(u n, max(n, 1) - 1) truncated: truncating first gives the same integers (the
        # bound is an integer) with one pass less over floats
        r = np.zeros(W, dtype=dtype)
        r[sel] = np.minimum((self.rng.random(len(todo)) * n).astype(dtype), np.maximum(n, 1) - 1)
        # seen: legal actions among the first a+1; the chosen id is the number of ids a whose
        # `seen` is still <= r (the ids before the (r+1)-th legal action).
        seen = np.zeros(W, dtype=dtype)
        pick = np.zeros(W, dtype=dtype)
        below = np.empty(W, dtype=bool)
        for a in range(A):
            np.add(seen, rows[a], out=seen)
            np.less_equal(seen, r, out=below)
            np.add(pick, below.view(np.uint8), out=pick)
        return select(worlds & (count > 0), pick, -1)


class DealTerms:
    """What each deal of a scenario brings, read from its compiled effects: the totals over
    signing and deliveries, if it goes through (arrays over the deals)."""

    def __init__(self, c: Compiled):
        D = len(c.deal_space)

        def total(key: str) -> np.ndarray:
            now = np.array([c.deal_effect[i].add[T[key]] for i in range(D)], dtype=float)
            later = c.deal_delayed[:, :, DK[key]].sum(axis=1) if key in DK and D else 0.0
            return now + later

        self.power = total("power_gw_online")
        self.chips = total("chips_reserved_m") + total("own_chips_m")  # chips for own campuses
        self.rented = total("rented_chips_m")  # cloud capacity: serves demand at once
        self.scrutiny = total("scrutiny")
        self.credibility = total("credibility")
        self.cash = total("cash_busd") - c.deal_cost  # net of the price
        # quarters until a deal's power arrives (0: at signing)
        later = c.deal_delayed[:, :, DK["power_gw_online"]] > 0 if D else np.zeros((0, 1), dtype=bool)
        self.power_lag = np.where(later.any(axis=1), np.argmax(later, axis=1), 0)
        self.cheaper = np.array([1.0 - c.deal_effect[i].mul[T["inference_cost_mult"]] for i in range(D)])
        # what a deal does for the lab's Nvidia dependence (points off, on signing or later)
        self.independence = np.zeros(D)
        ci = c.industry
        if ci is not None:
            ic = ci.consts
            self.independence = (
                ic.dependence_programme_pct * total("chip_programme_done")
                + ic.dependence_chip_maker_pct * total("chip_maker_owned")
                + ic.dependence_supplier_pct * total("suppliers_added")
            )
        fail = np.array([c.deal_fail[i].add[T["credibility"]] for i in range(D)]) if D else np.zeros(0)
        self.cost, self.chance = c.deal_cost.astype(float), c.deal_chance.astype(float)
        if ci is not None:  # chips bought on the market: their price as the quarter opens, roughly
            self.cost = self.cost + ci.deal_chips * chip_price_estimate(c)
        # deals that bring something and risk nothing: free, certain, no scrutiny, no failure
        gains = (self.power > 0) | (self.chips > 0) | (self.rented > 0) | (self.credibility > 0) | (self.cheaper > 0)
        self.free = (self.cost == 0) & (self.chance >= 1) & (self.scrutiny <= 0) & (self.cash >= 0) & gains & (fail >= 0)
        # the worth of one point of each, for ordering deals of a kind (power per $B, ...)
        risk = 1.0 + self.cost + np.maximum(self.scrutiny, 0.0) - np.minimum(fail, 0.0) * (1.0 - self.chance)
        self.power_value = self.chance * self.power / risk
        self.chip_value = self.chance * self.chips / risk

    def ranked(self, which: np.ndarray, value: np.ndarray) -> list[int]:
        """The deals `which` selects, best `value` first (ties: file order)."""
        idx = np.flatnonzero(which)
        return [int(i) for i in idx[np.argsort(-value[idx], kind="stable")]]


def chip_price_estimate(c: Compiled) -> float:
    """A chip's price as the bots reckon it before they look at the market, thousand $ (so
    that million chips times it is $B): the base price, dearer by what the rivals buy first."""
    ci = c.industry
    if ci is None:
        return 0.0
    ic = ci.consts
    return ic.chip_base_price_kusd * (1.0 + ic.chip_price_slope * ic.rivals_max_share_pct / 100.0)


class _Planning(Bot):
    """Shared reading of a scenario and of a world for the thinking bots."""

    def __init__(self, c: Compiled, seed: int):
        super().__init__(c, seed)
        self.home = c.home
        self.sites = {int(s): int(k) for s, k in enumerate(c.site_of_space) if k >= 0}
        self.domestic_sites = [s for s, k in self.sites.items() if c.site_domestic[k]]
        self.terms = DealTerms(c)
        t = self.terms
        self.safe_power_deals = t.ranked((t.power > 0) & (t.scrutiny <= 0) & (t.chance >= 1), t.power_value)
        self.chip_deals = t.ranked((t.chips > 0) & (t.power <= 0), t.chip_value)
        self.calming_deals = t.ranked((t.scrutiny < 0) & (t.power <= 0) & (t.chips <= 0), -t.scrutiny)
        self.money_deals = t.ranked((t.cash > 0) & (t.power <= 0) & (t.chips <= 0), t.cash / (1.0 + np.maximum(t.scrutiny, 0)))
        self.free_deals = t.ranked(t.free, t.credibility + t.power + t.chips + t.rented + t.cheaper)
        # deals that lower Nvidia dependence, the most points for the least risk first
        self.independence_deals = t.ranked(
            (t.independence > 0) & (t.power <= 0), t.independence * t.chance / (1.0 + t.cost + np.maximum(t.scrutiny, 0))
        )
        # deals that fund fabs for the world's chip supply
        self.fab_deals = [int(i) for i in np.flatnonzero(c.industry.deal_fab)] if c.industry is not None else []
        self.buy_chips = c.space.id("buy_chips") if len(c.space.blocks["buy_chips"]) else -1
        # investors: where the appetite is best, if better than at home
        pitchable = np.flatnonzero(c.can_pitch)
        away = [int(s) for s in pitchable if s != c.home]
        best = max(away, key=lambda s: c.appetite[s], default=None)
        home_appetite = c.appetite[c.home] if c.can_pitch[c.home] else -np.inf
        self.money_space = best if best is not None and c.appetite[best] > home_appetite else None
        # money is measured against the lab's own size: its spending per quarter at the start,
        # and the price of one campus
        self.money = max(float(c.start_tracks[T["spend_busd_per_year"]]) / 4.0, 1e-3)
        gw = float(c.site_gw.max()) if len(c.site_gw) else 1.0
        self.unit_gw = gw
        # a campus and, with a chip market, the chips to fill it (its bill no longer holds them)
        self.campus_cost = (c.consts.capex_busd_per_gw + c.consts.chips_m_per_gw * chip_price_estimate(c)) * gw
        # power worth buying: a GW for no more than twice what a GW of campus costs
        worth = t.cost <= 2.0 * self.campus_cost / max(gw, 1e-9) * t.power
        self.power_deals = t.ranked((t.power > 0) & worth, t.power_value)
        self._burn: tuple[tuple[int, int, int], np.ndarray] | None = None

    def burn(self, st: BatchState) -> np.ndarray:
        """Each world's burn as the quarter opened (engine.burn_per_quarter), worked out once a
        quarter: the bot plans against what the quarter's end will take."""
        key = (id(st.tracks), st.turn, st.worlds)
        if self._burn is None or self._burn[0] != key:
            self._burn = (key, burn_per_quarter(st, self.c))
        return self._burn[1]

    def read(self, st: BatchState) -> dict[str, np.ndarray]:
        c = self.c
        tr = st.tracks[:, 0]
        burn_q = np.maximum(self.burn(st), 0.0)
        capex_q = economy.campus_bill_busd(c.consts, st.pipeline_gw[:, 0].sum(axis=1))
        pending = st.pending[:, 0].sum(axis=1)  # (W, K)
        commissioned = tr[:, T["campus_gw_domestic"]] + tr[:, T["campus_gw_abroad"]]
        return {
            "cash": tr[:, T["cash_busd"]],
            "burn_q": burn_q,
            "capex_q": capex_q,
            "reserve": self.money + 3.0 * burn_q + 2.0 * capex_q,
            "power_total": tr[:, T["power_gw_online"]] + pending[:, DK["power_gw_online"]],
            "chips_total": tr[:, T["own_chips_m"]]
            + tr[:, T["chips_reserved_m"]]
            + pending[:, DK["chips_reserved_m"]],
            "commissioned": commissioned,
            "scrutiny": tr[:, T["scrutiny"]],
            "trust": tr[:, T["trust"]],
            "debt": tr[:, T["safety_debt"]],
            "attention": tr[:, T["attention"]],
            "unserved": tr[:, T["demand_bq"]] > 0.97 * tr[:, T["capacity_bq"]],
            "launch_cost": np.full(st.worlds, train_cost_busd(c.consts, c.year_frac(st.turn))),
            "since_launch": tr[:, T["quarters_since_launch"]],
        }

    def best_pitch(self, st: BatchState, min_odds: float, max_scrutiny: float) -> np.ndarray:
        """The rung with the best expected money at the current space, if its odds clear
        `min_odds` and the raise would not push scrutiny past `max_scrutiny`; -1 otherwise."""
        c = self.c
        W = st.worlds
        w = slice(None)  # every world (as a slice, the tracks are read in place)
        best = np.full(W, -1)
        best_value = np.zeros(W)
        scr = st.tracks[:, 0, T["scrutiny"]]
        for r, ask in enumerate(c.ladder):
            p = pitch_chance(st, c, r, w)
            added = scrutiny_added(c, r, st.location)
            value = p * ask
            ok = (p >= min_odds) & (value > best_value) & (scr + added < max_scrutiny)
            best = np.where(ok, r, best)
            best_value = np.where(ok, value, best_value)
        return np.where(best >= 0, c.space.pitch(0) + best, -1)

    def deal_plan(self, st, legal, cond, i: int) -> list:
        """Go and sign deal i where `cond` holds, it has not been tried as often as allowed and
        it is on offer (its `when:`, and the chips or grid room it needs still there)."""
        space = int(self.c.deal_space[i])
        untried = st.deals_tried[:, 0, i] < self.c.deal_max[i]
        return self.go_and_do(st, legal, cond & untried & self.deal_open(st, i), space, self.c.space.sign(i))

    def deal_open(self, st: BatchState, i: int) -> np.ndarray | bool:
        """Where deal i is on offer as the world stands: its condition holds, and the quarter
        still has the chips it buys within reach and the grid room it connects."""
        c = self.c
        ok = holds(c.deal_when[i], st, c) if c.deal_when[i].clauses else np.ones(st.worlds, dtype=bool)
        ci = c.industry
        if ci is not None:
            if ci.deal_chips[i]:
                ok = ok & (market.reach(st, c) >= ci.deal_chips[i])
            if ci.deal_grid_gw[i]:
                ok = ok & (st.market[:, market.M["grid_left_gw"]] >= ci.deal_grid_gw[i])
        return ok

    def affordable(self, f: dict, i: int) -> np.ndarray:
        """Worlds that can pay deal i and keep their reserve."""
        return f["cash"] > f["reserve"] + self.terms.cost[i] + 0.5 * self.money

    def calm_enough(self, f: dict, i: int, limit: float) -> np.ndarray:
        """Worlds where deal i's scrutiny keeps them below `limit`."""
        return f["scrutiny"] + max(float(self.terms.scrutiny[i]), 0.0) < limit

    def chips_plan(self, f: dict, home: np.ndarray, cond: np.ndarray, ahead_gw: float = 0.0) -> list:
        """At headquarters, buy chips on the market for campuses commissioned (and `ahead_gw`
        more) but short of them, where `cond` holds and the lot leaves the reserve whole."""
        if self.buy_chips < 0:
            return []
        c = self.c
        short = f["chips_total"] < (f["commissioned"] + ahead_gw) * c.consts.chips_m_per_gw - 1e-9
        lot_cost = c.industry.consts.chip_lot_m * chip_price_estimate(c)
        return [(home & cond & short & (f["cash"] > f["reserve"] + lot_cost), self.buy_chips)]

    def campus_plan(self, st, legal, cond, domestic: bool = True) -> list:
        sites = self.domestic_sites if domestic else [s for s in self.sites if s not in self.domestic_sites]
        plan: list = []
        for s in sites:
            plan += self.go_and_do(st, legal, cond, s, self.c.space.commission_campus)
        return plan


class CautiousBot(_Planning):
    name = "cautious"

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        sp = self.c.space
        f = self.read(st)
        W = st.worlds
        m = self.money
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        low = f["cash"] < f["reserve"] + m
        pitch_home = self.best_pitch(st, 0.5, 7.0)
        plan: list = [
            (~home, self.toward(st, np.full(W, self.home))),
            (low & home, pitch_home),
            (home & (f["debt"] >= 2.0), sp.safety_review),
            (home & f["unserved"], sp.operations),
            (home & (f["trust"] < 8.0), sp.operations),
        ]
        rich = f["cash"] > f["reserve"] + 1.5 * self.campus_cost
        powered = f["power_total"] >= f["commissioned"] + self.unit_gw
        plan += self.chips_plan(f, home, yes)
        plan += self.campus_plan(st, legal, rich & powered)
        for i in self.safe_power_deals:
            plan += self.deal_plan(st, legal, rich & ~powered, i)
        plan.append((yes, sp.end_quarter))
        return self.first_legal(legal, plan)


class HomebodyBot(_Planning):
    name = "homebody"

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        sp = self.c.space
        f = self.read(st)
        W = st.worlds
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        plan: list = [
            (~home, self.toward(st, np.full(W, self.home))),
            # every quarter: the best expected money among asks with fair odds, else the smallest
            (home, self.best_pitch(st, 0.3, np.inf)),
            (home, sp.pitch(0)),
            (home & (f["debt"] >= 2.0), sp.safety_review),
            (home & f["unserved"], sp.operations),
            (home & (f["trust"] < 8.0), sp.operations),
        ]
        rich = f["cash"] > f["reserve"] + 1.5 * self.campus_cost
        powered = f["power_total"] >= f["commissioned"] + self.unit_gw
        # building, only what can be done without leaving: a campus site and deals at home
        plan += self.chips_plan(f, home, yes)
        if self.home in self.sites:
            plan.append((home & rich & powered, sp.commission_campus))
        for i in self.safe_power_deals:
            if int(self.c.deal_space[i]) == self.home:
                plan += self.deal_plan(st, legal, home & rich & ~powered, i)
        plan.append((yes, sp.end_quarter))
        return self.first_legal(legal, plan)


class PlannerBot(_Planning):
    name = "planner"
    target_gw = 4.0  # campuses to build, in units of the scenario's largest campus (1 GW by default)
    max_scrutiny = 7.5

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        return self.first_legal(legal, self.plan(st, legal))

    def plan(self, st: BatchState, legal: np.ndarray) -> list:
        c, sp = self.c, self.c.space
        f = self.read(st)
        W = st.worlds
        m = self.money
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        plan: list = []
        # 1. keep the team: only a quarter that ends at headquarters wins its trust back
        plan.append((~home & (f["trust"] < 4.0), self.toward(st, np.full(W, self.home))))
        plan.append((home & (f["trust"] < 4.0), sp.operations))
        plan.append((home & (f["debt"] >= 3.0), sp.safety_review))
        # 2. money first: raise where the odds are good, or take a deal that pays
        target = self.target_gw * self.unit_gw
        building = f["commissioned"] < target
        need = (f["cash"] < f["reserve"] + 2.0 * m) | (building & (f["cash"] < f["reserve"] + 1.5 * self.campus_cost))
        here = self.best_pitch(st, 0.45, self.max_scrutiny)
        plan.append((need & (here >= 0), here))
        for i in self.money_deals:
            plan += self.deal_plan(st, legal, need & self.calm_enough(f, i, 7.0), i)
        if self.money_space is not None:
            s = self.money_space
            calm = f["scrutiny"] < 5.5
            plan += self.go_and_do(st, legal, need & calm & ~st.pitched[:, s], s, -1)
        plan.append((need & ~home, self.toward(st, np.full(W, self.home))))
        # 3. capacity and launches at home
        plan.append((home & f["unserved"], sp.operations))
        comfy = f["cash"] > f["launch_cost"] + f["reserve"] + 3.0 * m
        plan.append((home & comfy & ~f["unserved"] & (f["since_launch"] >= 3), sp.launch_model))
        # 4. build: campuses, power and chips in step, from the deals that bring them
        rich = f["cash"] > f["reserve"] + 0.6 * self.campus_cost
        short_power = f["power_total"] < f["commissioned"]
        # power slower to come than a campus to build is signed ahead, while building
        ahead = building & (f["power_total"] < target)
        slow = self.terms.power_lag > c.consts.campus_build_quarters
        short_chips = f["chips_total"] < f["commissioned"] * c.consts.chips_m_per_gw
        for i in self.power_deals:
            wanted = (ahead if slow[i] else short_power) & self.affordable(f, i) & self.calm_enough(f, i, 7.0)
            plan += self.deal_plan(st, legal, wanted, i)
        # chips for the campuses commissioned, and for the next one while building
        plan += self.chips_plan(f, home, yes, ahead_gw=0.0)
        plan += self.chips_plan(f, home, building & rich, ahead_gw=self.unit_gw)
        for i in self.chip_deals:
            plan += self.deal_plan(st, legal, short_chips & self.affordable(f, i) & self.calm_enough(f, i, 7.0), i)
        # fabs for the world's supply while building, if the scrutiny they add stays bearable
        for i in self.fab_deals:
            plan += self.deal_plan(st, legal, building & self.affordable(f, i) & self.calm_enough(f, i, 6.5), i)
        # lower Nvidia dependence once the campuses are commissioned, with money to spare
        # (measured: signing them while still building cost the planner about a tenth of its wins)
        wealthy = f["cash"] > f["reserve"] + self.campus_cost
        for i in self.independence_deals:
            when = wealthy & ~building & self.affordable(f, i) & self.calm_enough(f, i, 6.5)
            plan += self.deal_plan(st, legal, when, i)
        for i in self.calming_deals:
            plan += self.deal_plan(st, legal, (f["scrutiny"] > 4.0) & self.affordable(f, i), i)
        plan += self.campus_plan(st, legal, rich & (f["commissioned"] < target))
        # 5. deals that cost nothing and risk nothing, when there is time for them
        for i in self.free_deals:
            plan += self.deal_plan(st, legal, f["trust"] >= 6.0, i)
        # 6. otherwise, mind the shop (from abroad, come home first)
        plan.append((~home, self.toward(st, np.full(W, self.home))))
        plan.append((home, sp.operations))
        plan.append((home & (f["debt"] >= 1.0), sp.safety_review))
        plan.append((yes, sp.end_quarter))
        return plan

    def go_and_do(self, st, legal, cond, space, action, cost=1.0):
        if action == -1:  # travel there to pitch: the pitch itself is chosen on arrival
            here = st.location == space
            att = st.tracks[:, 0, T["attention"]]
            reachable = att >= self.hops[st.location, space] * self.c.scenario.board.travel_attention + 1
            return [(cond & ~here & reachable, self.toward(st, np.full(st.worlds, space)))]
        return super().go_and_do(st, legal, cond, space, action, cost)


class BuilderBot(PlannerBot):
    """The aggressive builder: twice the planner's campuses, launches whenever the cooldown and
    the cash allow (safety debt or not), and bears more scrutiny; reviews only when the debt is
    heavy."""

    name = "builder"
    target_gw = 8.0
    max_scrutiny = 8.5

    def plan(self, st: BatchState, legal: np.ndarray) -> list:
        c, sp = self.c, self.c.space
        f = self.read(st)
        home = st.location == self.home
        cooled = f["since_launch"] >= c.launch_cooldown
        rich = f["cash"] > f["launch_cost"] + self.money
        first = [
            (home & cooled & rich & ~f["unserved"], sp.launch_model),
            (home & (f["debt"] >= 5.0), sp.safety_review),
        ]
        return first + super().plan(st, legal)


class SafetyFirstBot(PlannerBot):
    """The safety-first lab: a safety review every quarter there is debt to clear, a launch
    only with no debt left, half the planner's campuses and less scrutiny borne."""

    name = "safety_first"
    target_gw = 2.0
    max_scrutiny = 6.0

    def plan(self, st: BatchState, legal: np.ndarray) -> list:
        sp = self.c.space
        f = self.read(st)
        home = st.location == self.home
        first = [
            (home & (f["debt"] > 0.0), sp.safety_review),
            (~home & (f["debt"] >= 2.0), self.toward(st, np.full(st.worlds, self.home))),
        ]
        plan = super().plan(st, legal)
        # no launch while any debt is left: the planner's launch waits for a clean slate
        plan = [(cond & (f["debt"] <= 0.0), a) if _is(a, sp.launch_model) else (cond, a) for cond, a in plan]
        return first + plan


class GulfFundedBot(PlannerBot):
    """The Gulf-funded lab: raises its money where investors' appetite is best away from home
    (the sovereign funds, in the shipped scenarios) and signs every deal offered there that it
    can pay, then builds like the planner."""

    name = "gulf_funded"
    target_gw = 5.0
    max_scrutiny = 7.5

    def __init__(self, c: Compiled, seed: int):
        super().__init__(c, seed)
        s = self.money_space
        self.gulf_deals = [] if s is None else [i for i in range(len(c.deal_space)) if int(c.deal_space[i]) == s]

    def plan(self, st: BatchState, legal: np.ndarray) -> list:
        f = self.read(st)
        first: list = []
        if self.money_space is not None:
            s = self.money_space
            there = st.location == s
            # the team first, as the planner does: a quarter away from a worried team costs it
            steady = (f["trust"] >= 4.0) & (f["debt"] < 3.0)
            short = steady & (f["cash"] < f["reserve"] + 4.0 * self.money)
            first.append((there & short, self.best_pitch(st, 0.35, 6.5)))
            for i in self.gulf_deals:
                first += self.deal_plan(st, legal, steady & self.affordable(f, i) & self.calm_enough(f, i, 6.0), i)
            first += self.go_and_do(st, legal, short & ~st.pitched[:, s] & (f["scrutiny"] < 5.0), s, -1)
        return first + super().plan(st, legal)


def _is(a, action: int) -> bool:
    """Whether a plan's action is the fixed action id `action` (not a per-world array)."""
    return isinstance(a, int | np.integer) and int(a) == action


class HistoricalBot(PlannerBot):
    """The scenario's reported plays, quarter by quarter (`reported_plays`); in the quarters
    they do not cover, the planner's play. A scenario with no reported plays is played as the
    cautious bot plays it."""

    name = "historical"

    def __init__(self, c: Compiled, seed: int):
        super().__init__(c, seed)
        plays = c.scenario.reported_plays
        # each quarter's moves as (kind, space or deal index, action id), read once
        self.reported = {quarter_index(q.quarter) - c.start_turn: [self._read(m) for m in q.moves] for q in plays}
        self.fallback = None if plays else CautiousBot(c, seed)

    def _read(self, move: ReportedMove) -> tuple[str, int, int]:
        c, sp = self.c, self.c.space
        if move.travel is not None:
            return "travel", c.space_ids.index(move.travel), -1
        if move.pitch is not None:
            at = c.space_ids.index(move.at) if move.at is not None else self.home
            return "pitch", at, sp.pitch(int(np.argmin(np.abs(c.ladder - move.pitch))))
        if move.sign is not None:
            return "sign", [d.id for d in c.scenario.deals].index(move.sign), -1
        if move.present is not None:  # the build-out, presented at that space
            return "present", c.space_ids.index(move.present), sp.id("present_buildout")
        hq = {"launch_model": sp.launch_model, "operations": sp.operations, "safety_review": sp.safety_review}
        return "hq", self.home, hq[move.hq]

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        if self.fallback is not None:
            return self.fallback.decide(st, legal, worlds)
        moves = self.reported.get(st.turn)
        if moves is None:
            return super().decide(st, legal, worlds)
        W = st.worlds
        yes = np.ones(W, dtype=bool)
        plan: list = []
        for kind, target, action in moves:  # each move travels where it needs, then is made
            if kind == "travel":
                plan.append((st.location != target, self.toward(st, np.full(W, target))))
            elif kind == "pitch":
                plan += self.go_and_do(st, legal, ~st.pitched[:, target], target, action)
            elif kind == "present":
                plan += self.go_and_do(st, legal, st.presented_turn[:, target] != st.turn, target, action)
            elif kind == "sign":
                plan += self.deal_plan(st, legal, yes, target)
            else:  # a headquarters action, made there
                plan.append((st.location == target, action))
        plan.append((yes, self.c.space.end_quarter))
        return self.first_legal(legal, plan)


BOTS: dict[str, type[Bot]] = {
    "random": RandomBot,
    "cautious": CautiousBot,
    "historical": HistoricalBot,
    "planner": PlannerBot,
    "homebody": HomebodyBot,
    "builder": BuilderBot,
    "safety_first": SafetyFirstBot,
    "gulf_funded": GulfFundedBot,
}


class UnknownBot(ValueError):
    pass


def make_bot(name: str, c: Compiled, seed: int) -> Bot:
    try:
        return BOTS[name](c, seed)
    except KeyError:
        raise UnknownBot(f'no bot called "{name}"; choose one of: {", ".join(BOTS)}') from None
