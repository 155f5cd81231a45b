"""The four bots: random, cautious, historical and planner.

- random: any legal action, uniformly.
- cautious: stays at headquarters, protects the runway, raises small rounds at home, builds
  only when cash is plentiful.
- historical: plays 2024 as it was reported (the giant ask at TSMC, Tokyo in spring, a launch
  and Washington in September, the 6.5 $B round at home and a safety review), then pivots to US
  capacity.
- planner: a stronger heuristic: keeps a cash reserve, raises where the odds are best, and
  builds campuses, power and chip supply in step with each other.
"""

from __future__ import annotations

import numpy as np

from game.bots.base import Bot, select
from game.core.compiled import DK, Compiled
from game.core.moves import pitch_chance
from game.core.state import BatchState
from game.model.economy import train_cost_busd
from game.model.tracks import T


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


class _Planning(Bot):
    """Shared reading of a world for the thinking bots."""

    def __init__(self, c: Compiled, seed: int):
        super().__init__(c, seed)
        self.sp = {k: i for i, k in enumerate(c.space_ids)}
        self.deal = {d.id: i for i, d in enumerate(c.scenario.deals)}
        self.home = c.home
        self.sites = {int(s): int(k) for s, k in enumerate(c.site_of_space) if k >= 0}
        self.domestic_sites = [s for s, k in self.sites.items() if c.site_domestic[k]]
        self.investors = [s for s in range(len(c.space_ids)) if c.can_pitch[s]]

    def read(self, st: BatchState) -> dict[str, np.ndarray]:
        c = self.c
        tr = st.tracks[:, 0]
        burn_q = np.maximum((tr[:, T["spend_busd_per_year"]] - tr[:, T["revenue_busd_per_year"]]) / 4.0, 0.0)
        capex_q = st.pipeline_gw[:, 0].sum(axis=1) * c.consts.capex_busd_per_gw / max(c.consts.campus_build_quarters, 1)
        pending = st.pending[:, 0].sum(axis=1)  # (W, K)
        commissioned = tr[:, T["campus_gw_domestic"]] + tr[:, T["campus_gw_abroad"]]
        return {
            "cash": tr[:, T["cash_busd"]],
            "burn_q": burn_q,
            "capex_q": capex_q,
            "reserve": 2.0 + 3.0 * burn_q + 2.0 * capex_q,
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
            added = c.scrutiny_on_success[st.location] * (1.0 + np.log10(ask))
            value = p * ask
            ok = (p >= min_odds) & (value > best_value) & (scr + added < max_scrutiny)
            best = np.where(ok, r, best)
            best_value = np.where(ok, value, best_value)
        return np.where(best >= 0, c.space.pitch(0) + best, -1)

    def deal_plan(self, st, legal, cond, deal_id: str) -> list:
        i = self.deal.get(deal_id)
        if i is None:
            return []
        space = int(self.c.deal_space[i])
        untried = st.deals_tried[:, 0, i] < self.c.deal_max[i]
        return self.go_and_do(st, legal, cond & untried, space, self.c.space.sign(i))

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
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        low = f["cash"] < f["reserve"] + 2.0
        pitch_home = self.best_pitch(st, 0.5, 7.0)
        plan: list = [
            (~home, self.toward(st, np.full(W, self.home))),
            (low & home, pitch_home),
            (home & (f["debt"] >= 2.0), sp.safety_review),
            (home & f["unserved"], sp.operations),
            (home & (f["cash"] > f["launch_cost"] + f["reserve"] + 3.0), sp.launch_model),
            (home & (f["trust"] < 8.0), sp.operations),
        ]
        rich = f["cash"] > f["reserve"] + 30.0
        plan += self.campus_plan(st, legal, rich & (f["power_total"] >= f["commissioned"] + 1))
        plan += self.deal_plan(st, legal, rich & (f["power_total"] < f["commissioned"] + 1), "us_grid_power")
        plan.append((yes, sp.end_quarter))
        return self.first_legal(legal, plan)


class PlannerBot(_Planning):
    name = "planner"
    target_gw = 4.0
    max_scrutiny = 7.5

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        return self.first_legal(legal, self.plan(st, legal))

    def plan(self, st: BatchState, legal: np.ndarray) -> list:
        c, sp = self.c, self.c.space
        f = self.read(st)
        W = st.worlds
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        plan: list = []
        # 1. keep the team
        plan.append((home & (f["trust"] < 4.0), sp.operations))
        plan.append((home & (f["debt"] >= 3.0), sp.safety_review))
        # 2. money first: raise where the odds are good
        building = f["commissioned"] < self.target_gw
        need = (f["cash"] < f["reserve"] + 4.0) | (building & (f["cash"] < f["reserve"] + 30.0))
        here = self.best_pitch(st, 0.45, self.max_scrutiny)
        plan.append((need & (here >= 0), here))
        gulf = self.sp.get("abu_dhabi")
        if gulf is not None:
            calm = f["scrutiny"] < 5.5
            plan += self.go_and_do(st, legal, need & calm & ~st.pitched[:, gulf], gulf, -1)
        plan.append((need & ~home, self.toward(st, np.full(W, self.home))))
        # 3. capacity and launches at home
        plan.append((home & f["unserved"], sp.operations))
        comfy = f["cash"] > f["launch_cost"] + f["reserve"] + 5.0
        plan.append((home & comfy & ~f["unserved"] & (f["since_launch"] >= 3), sp.launch_model))
        # 4. build: campuses, power and chips in step
        rich = f["cash"] > f["reserve"] + 12.0
        short_power = f["power_total"] < f["commissioned"]
        short_chips = f["chips_total"] < f["commissioned"] * c.consts.chips_m_per_gw
        plan += self.deal_plan(st, legal, f["cash"] > f["reserve"] + 2.0, "nuclear_restart")
        plan += self.deal_plan(st, legal, short_power & (f["scrutiny"] < 8.0), "us_grid_power")
        plan += self.deal_plan(st, legal, short_chips & (f["cash"] > f["reserve"] + 4.0), "tsmc_capacity")
        plan += self.deal_plan(st, legal, short_chips & (f["scrutiny"] < 5.0), "mgx_fab_fund")
        plan += self.deal_plan(st, legal, (f["scrutiny"] > 4.0), "federal_permits")
        plan += self.campus_plan(st, legal, rich & (f["commissioned"] < self.target_gw))
        # 5. otherwise, mind the shop
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


class HistoricalBot(PlannerBot):
    """2024 as reported, quarter by quarter; afterwards the pivot to US capacity."""

    name = "historical"

    def decide(self, st: BatchState, legal: np.ndarray, worlds: np.ndarray) -> np.ndarray:
        c, sp = self.c, self.c.space
        W = st.worlds
        yes = np.ones(W, dtype=bool)
        home = st.location == self.home
        back = (~home, self.toward(st, np.full(W, self.home)))
        year, quarter = c.year_of(st.turn), c.quarter_of(st.turn)
        plan: list = []
        ladder = list(np.round(c.ladder, 3))
        if year == 2024 and quarter == 1 and "hsinchu" in self.sp and 7000.0 in ladder:
            hs = self.sp["hsinchu"]
            plan += self.go_and_do(st, legal, ~st.pitched[:, hs], hs, sp.pitch(ladder.index(7000.0)))
            plan.append(back)
        elif year == 2024 and quarter == 2:
            plan += self.deal_plan(st, legal, yes, "nuclear_restart")
            plan.append(back)
        elif year == 2024 and quarter == 3:
            plan.append((home, sp.launch_model))
            plan += self.deal_plan(st, legal, yes, "us_grid_power")
        elif year == 2024 and quarter == 4 and 6.5 in ladder:
            plan.append(back)
            plan.append((home & ~st.pitched[:, self.home], sp.pitch(ladder.index(6.5))))
            plan.append((home, sp.safety_review))  # answering the criticism of lax testing
        else:
            # the pivot: build at home, never host campuses abroad
            plan = [p for p in self.plan(st, legal)]
        plan.append((yes, sp.end_quarter))
        return self.first_legal(legal, plan)


BOTS: dict[str, type[Bot]] = {
    "random": RandomBot,
    "cautious": CautiousBot,
    "historical": HistoricalBot,
    "planner": PlannerBot,
}


class UnknownBot(ValueError):
    pass


def make_bot(name: str, c: Compiled, seed: int) -> Bot:
    try:
        return BOTS[name](c, seed)
    except KeyError:
        raise UnknownBot(f'no bot called "{name}"; choose one of: {", ".join(BOTS)}') from None
