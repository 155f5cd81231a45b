"""A scenario turned into arrays the rules can apply to many worlds at once.

Effects become an additive and a multiplicative vector over the tracks; conditions become a
list of clauses evaluated with numpy; actions get integer ids in a fixed layout (`ActionSpace`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property

import numpy as np

from game.model import industry as ind
from game.model.constants import IndustryConstants
from game.model.economy import Constants, PitchConstants
from game.model.tracks import DELAYED_KEYS, N_TRACKS, PCT_EFFECTS, T
from game.scenario.schema import (
    Condition,
    Delayed,
    Effects,
    Scenario,
    date_label,
    quarter_index,
    quarter_of,
    year_of,
)

HORIZON = 13  # delayed effects land at most 12 quarters later; one slot more for the ring
MAX_CHOICES = 3
DK = {name: i for i, name in enumerate(DELAYED_KEYS)}
_CAPACITY_INPUTS = frozenset(T[k] for k in ("rented_chips_m", "own_chips_m", "power_gw_online", "inference_cost_mult"))


@dataclass(frozen=True)
class Effect:
    """An effect as vectors: new = old * mul + add (over all tracks)."""

    add: np.ndarray
    mul: np.ndarray

    @property
    def empty(self) -> bool:
        return len(self.touched) == 0

    @cached_property
    def touched(self) -> np.ndarray:
        """Indices of the tracks this effect changes."""
        return np.flatnonzero((self.add != 0.0) | (self.mul != 1.0))

    @cached_property
    def moves_capacity(self) -> bool:
        """Whether it changes a track the derived tracks (capacity, cost per query) depend on."""
        return bool(_CAPACITY_INPUTS.intersection(self.touched.tolist()))


def compile_effects(e: Effects | dict[str, float] | None) -> Effect:
    add = np.zeros(N_TRACKS)
    mul = np.ones(N_TRACKS)
    for key, val in (e.root if isinstance(e, Effects) else (e or {})).items():
        if key in PCT_EFFECTS:
            mul[T[PCT_EFFECTS[key]]] *= 1.0 + val / 100.0
        else:
            add[T[key]] += val
    return Effect(add, mul)


def compile_delayed(items: list[Delayed]) -> np.ndarray:
    """Delayed effects as an array (HORIZON, len(DELAYED_KEYS)) indexed by quarters from now."""
    out = np.zeros((HORIZON, len(DELAYED_KEYS)))
    for d in items:
        for key, val in d.effects.root.items():
            out[d.after_quarters, DK[key]] += val
    return out


# A clause: (kind, index, op, value). kind: "track" | "year" | "quarter" | "turn" | "at" |
# "signed" | "not_signed" | "running" | "presented_vision" (index: a space) | "buildout_busd".
Clause = tuple[str, int, str, float]
OPS = ("gte", "lte", "gt", "lt", "eq")


@dataclass(frozen=True)
class Program:
    """A compiled condition: all clauses must hold. An empty program always holds."""

    clauses: tuple[Clause, ...] = ()


def compile_condition(cond: Condition | None, index: dict[str, dict[str, int]]) -> Program:
    if cond is None:
        return Program()
    out: list[Clause] = []
    for key, val in cond.root.items():
        if key in ("at", "signed", "not_signed", "running", "presented_vision"):
            kind = {"at": "spaces", "signed": "deals", "not_signed": "deals", "running": "products",
                    "presented_vision": "spaces"}
            out.append((key, index[kind[key]][val], "eq", 1.0))
            continue
        kind = key if key in ("year", "quarter", "turn", "buildout_busd") else "track"
        idx = T[key] if kind == "track" else 0
        for op in OPS:
            bound = getattr(val, op)
            if bound is not None:
                out.append((kind, idx, op, float(bound)))
    return Program(tuple(out))


class ActionSpace:
    """Integer ids of every action: one block of ids per move, in the order of the table of
    moves (game.core.moves.MOVES), each as long as the scenario has actions of that kind."""

    def __init__(self, counts: list[tuple[str, int]]):
        self.blocks: dict[str, range] = {}
        start = 0
        for kind, n in counts:
            self.blocks[kind] = range(start, start + n)
            start += n
        self.size = start
        self.kinds: tuple[tuple[str, int], ...] = tuple(
            (kind, i) for kind, ids in self.blocks.items() for i in range(len(ids))
        )

    def id(self, kind: str, i: int = 0) -> int:
        """The id of action i of a kind (the i-th destination, rung, deal...)."""
        ids = self.blocks[kind]
        if not 0 <= i < len(ids):
            raise ValueError(f"{kind} has no action {i}")
        return ids[i]

    def kind_of(self, a: int) -> tuple[str, int]:
        """('travel', space) / ('pitch', rung) / ... for an action id."""
        if 0 <= a < self.size:
            return self.kinds[a]
        raise ValueError(f"no action has id {a}")

    # The ids by name, for bots and tests that think in moves.
    end_quarter = property(lambda self: self.id("end_quarter"))
    launch_model = property(lambda self: self.id("launch_model"))
    operations = property(lambda self: self.id("operations"))
    safety_review = property(lambda self: self.id("safety_review"))
    commission_campus = property(lambda self: self.id("commission_campus"))

    def travel(self, s: int) -> int:
        return self.id("travel", s)

    def pitch(self, r: int) -> int:
        return self.id("pitch", r)

    def sign(self, d: int) -> int:
        return self.id("sign", d)

    def choose(self, j: int) -> int:
        return self.id("choose", j)


@dataclass(frozen=True)
class BuildoutTerms:
    """The industry build-out of a scenario (`buildout:`), as numbers and arrays over its
    backers; `backer_of_space` gives each space's backer (-1: none)."""

    vision: float  # the programme's full size, $B
    scaled: float  # its size once scaled back, $B
    us_gdp: float  # US yearly GDP, $B
    industry: float  # the chip industry's yearly investment, $B
    size_weight: float
    credibility_weight: float
    scale_back_credibility: float
    forced_credibility: float
    attention: float
    backer_space: np.ndarray  # (B,) the space of each backer
    backer_of_space: np.ndarray  # (S,) the backer at each space, -1 for none
    appetite: np.ndarray  # (B,)
    share: np.ndarray  # (B,) share of the programme a yes pledges
    ridicule: np.ndarray  # (B,)
    effect: list[Effect]  # (B,) at a pledge
    delivers: np.ndarray  # (B, HORIZON, K) what a pledge brings later


def compile_buildout(s: Scenario, index: dict[str, dict[str, int]]) -> BuildoutTerms | None:
    b = s.buildout
    if b is None:
        return None
    spaces = np.array([index["spaces"][x.space] for x in b.backers], dtype=np.int64)
    of_space = np.full(len(index["spaces"]), -1, dtype=np.int64)
    of_space[spaces] = np.arange(len(spaces))
    return BuildoutTerms(
        vision=b.vision_busd.value,
        scaled=b.scaled_back_busd.value,
        us_gdp=b.us_gdp_busd.value,
        industry=b.industry_busd_per_year.value,
        size_weight=b.size_weight.value,
        credibility_weight=b.credibility_weight.value,
        scale_back_credibility=b.scale_back_credibility.value,
        forced_credibility=b.forced_credibility.value,
        attention=float(b.attention),
        backer_space=spaces,
        backer_of_space=of_space,
        appetite=np.array([x.appetite.value for x in b.backers]),
        share=np.array([x.pledge_share.value for x in b.backers]),
        ridicule=np.array([x.ridicule.value for x in b.backers]),
        effect=[compile_effects(x.effects) for x in b.backers],
        delivers=np.array([compile_delayed(x.delivers) for x in b.backers]).reshape(
            len(b.backers), HORIZON, len(DELAYED_KEYS)
        ),
    )


@dataclass(frozen=True)
class CompiledIndustry:
    """A scenario's `industry:` section as arrays (see game/model/industry.py)."""

    consts: IndustryConstants
    rival_ids: list[str]
    rival_chips: np.ndarray  # (R,) chips each rival wants in the first quarter, millions
    rival_chips_growth: np.ndarray  # (R,) % a quarter
    rival_gw: np.ndarray  # (R,) new grid load each rival wants in the first quarter, GW
    rival_gw_growth: np.ndarray  # (R,) % a quarter
    buy_attention: int
    deal_chips: np.ndarray  # (D,) chips each deal buys on the market, millions (0: none)
    deal_grid_gw: np.ndarray  # (D,) new grid load each deal connects, GW (0: none)
    deal_fab: np.ndarray  # (D,) chips a quarter each deal's fabs add to the supply, millions
    deal_fab_after: np.ndarray  # (D,) quarters before they do
    query_energy_busd_per_bq: float  # electricity of a billion queries served, $B
    deal_moves_dependence: np.ndarray  # (D,) bool: signing the deal (or its failure) changes the lab's dependence now

    def rivals_wanted(self, turn: int) -> tuple[np.ndarray, np.ndarray]:
        """(chips, GW) each rival wants in quarter `turn`: (R,) each."""
        chips = self.rival_chips * (1.0 + self.rival_chips_growth / 100.0) ** turn
        gw = self.rival_gw * (1.0 + self.rival_gw_growth / 100.0) ** turn
        return chips, gw


_DEPENDENCE_TRACKS = ("chip_programme_done", "chip_maker_owned", "suppliers_added")


def compile_industry(s: Scenario, index: dict[str, dict[str, int]], electricity_busd_per_gw_year: float) -> CompiledIndustry | None:
    if s.industry is None:
        return None
    sec = s.industry
    ic = IndustryConstants(**{f.name: float(sec.constants[f.name].value) for f in fields(IndustryConstants)})
    D = len(s.deals)
    chips, grid, fab, after = np.zeros(D), np.zeros(D), np.zeros(D), np.zeros(D, dtype=int)
    for e in sec.chip_deals:
        chips[index["deals"][e.deal]] = e.chips_m
    for g in sec.grid_deals:
        grid[index["deals"][g.deal]] = g.gw
    for f in sec.fab_deals:
        fab[index["deals"][f.deal]] = f.chips_m_per_quarter
        after[index["deals"][f.deal]] = f.after_quarters
    return CompiledIndustry(
        consts=ic,
        rival_ids=[r.id for r in sec.rivals],
        rival_chips=np.array([r.chips_m_per_quarter.value for r in sec.rivals], dtype=float),
        rival_chips_growth=np.array([r.chips_growth_pct.value for r in sec.rivals], dtype=float),
        rival_gw=np.array([r.grid_gw_per_quarter.value for r in sec.rivals], dtype=float),
        rival_gw_growth=np.array([r.grid_growth_pct.value for r in sec.rivals], dtype=float),
        buy_attention=sec.buy_chips_attention,
        deal_chips=chips,
        deal_grid_gw=grid,
        deal_fab=fab,
        deal_fab_after=after,
        query_energy_busd_per_bq=ind.query_energy_busd_per_bq(ic, electricity_busd_per_gw_year),
        deal_moves_dependence=np.array([
            any(k in eff.root for eff in (d.effects, d.on_fail) for k in _DEPENDENCE_TRACKS) for d in s.deals
        ], dtype=bool),
    )


@dataclass
class Compiled:
    """Everything the rules need from a scenario, as numpy arrays and plain values."""

    scenario: Scenario
    consts: Constants
    pitch: PitchConstants
    space_ids: list[str]
    home: int
    start_space: int
    adjacency: np.ndarray
    ladder: np.ndarray
    can_pitch: np.ndarray
    appetite: np.ndarray
    scrutiny_on_success: np.ndarray
    ridicule: np.ndarray
    deal_space: np.ndarray
    deal_cost: np.ndarray
    deal_chance: np.ndarray
    deal_max: np.ndarray
    deal_attention: np.ndarray
    deal_effect: list[Effect]
    deal_fail: list[Effect]
    deal_delayed: np.ndarray  # (D, HORIZON, K)
    deal_when: list[Program]
    prod_cost: np.ndarray
    prod_growth: np.ndarray
    prod_attention: np.ndarray
    prod_effect: list[Effect]
    prod_when: list[Program]
    ops_effect: Effect
    safety_effect: Effect
    launch_effect: Effect
    launch_attention: int
    launch_cooldown: int
    rushed_chance_per_debt: float
    rushed_effect: Effect
    site_of_space: np.ndarray  # (S,) campus site index or -1
    site_gw: np.ndarray
    site_domestic: np.ndarray
    site_attention: np.ndarray
    site_effect: list[Effect]
    site_when: list[Program]
    ev_weight: np.ndarray
    ev_once: np.ndarray
    ev_effect_add: np.ndarray  # (C, T)
    ev_effect_mul: np.ndarray
    ev_n_choices: np.ndarray
    ev_choice_add: np.ndarray  # (C, MAX_CHOICES, T)
    ev_choice_mul: np.ndarray
    ev_choice_delayed: np.ndarray  # (C, MAX_CHOICES, HORIZON, K)
    ev_when: list[Program]
    win_when: list[Program]
    lose_when: list[Program]
    script_events: dict[int, int]  # turn -> event index
    start_tracks: np.ndarray
    start_turn: int  # absolute quarter index of the first quarter
    turns: int
    index: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> id -> position
    buildout: BuildoutTerms | None = None  # the industry build-out, when the scenario has one
    industry: CompiledIndustry | None = None  # the chip market, dependence, grid cap and rivals (None: none)
    labs: CompiledLabs | None = None  # the rival labs a match can seat (None: one lab only)
    ev_hits_all: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # (C,) dealt to every lab of a match
    # (C,) the real lab's own history (a reported card not dealt to every lab): in a match only
    # the scenario's own lab (seat 0) draws it; the rival labs are fiction
    ev_own_history: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # Values derived from this scenario once and kept by the modules that use them (the rules'
    # sentences, the bots' routes), so that no one rebuilds them at every step.
    memo: dict = field(init=False, default_factory=dict, repr=False, compare=False)

    @cached_property
    def space(self) -> ActionSpace:
        """The action ids of this scenario, one block per move of the table of moves."""
        from game.core.moves import MOVES  # the moves read Compiled: imported once it exists

        return ActionSpace([(m.kind, m.count(self)) for m in MOVES])

    def year_of(self, turn: int) -> int:
        return year_of(self.start_turn + turn)

    def quarter_of(self, turn: int) -> int:
        return quarter_of(self.start_turn + turn)

    def date_label(self, turn: int) -> str:
        return date_label(self.start_turn + turn)

    def year_frac(self, turn: int) -> float:
        return (self.start_turn + turn) / 4.0


def compile_scenario(s: Scenario) -> Compiled:
    """Turn a validated scenario into arrays (the scenario must have passed the loader)."""
    space_ids = [sp.id for sp in s.board.spaces]
    index = {
        "spaces": {k: i for i, k in enumerate(space_ids)},
        "deals": {d.id: i for i, d in enumerate(s.deals)},
        "products": {p.id: i for i, p in enumerate(s.products)},
        "events": {e.id: i for i, e in enumerate(s.events)},
    }
    cv = {k: f.value for k, f in s.constants.items()}
    consts = Constants(
        **{
            f.name: (int(round(cv[f.name])) if f.type in (int, "int") else float(cv[f.name]))
            for f in fields(Constants)
        }
    )
    pitch = PitchConstants(**{f.name: float(cv[f.name]) for f in fields(PitchConstants)})
    S = len(space_ids)
    adjacency = np.zeros((S, S), dtype=bool)
    for a, b in s.board.routes:
        ia, ib = index["spaces"][a], index["spaces"][b]
        adjacency[ia, ib] = adjacency[ib, ia] = True

    def per_space(attr: str) -> np.ndarray:
        return np.array(
            [getattr(sp.pitch, attr).value if sp.pitch else 0.0 for sp in s.board.spaces]
        )

    site_of_space = np.full(S, -1)
    for i, c in enumerate(s.campus_sites):
        site_of_space[index["spaces"][c.space]] = i

    C = len(s.events)
    ev_choice_add = np.zeros((C, MAX_CHOICES, N_TRACKS))
    ev_choice_mul = np.ones((C, MAX_CHOICES, N_TRACKS))
    ev_choice_delayed = np.zeros((C, MAX_CHOICES, HORIZON, len(DELAYED_KEYS)))
    for i, e in enumerate(s.events):
        for j, ch in enumerate(e.choices):
            eff = compile_effects(ch.effects)
            ev_choice_add[i, j], ev_choice_mul[i, j] = eff.add, eff.mul
            ev_choice_delayed[i, j] = compile_delayed(ch.delayed)
    ev_eff = [compile_effects(e.effects) for e in s.events]

    start = _start_vector(s.start, consts)
    start_turn = quarter_index(s.calendar.start)
    script = {
        quarter_index(t.quarter) - start_turn: index["events"][t.event]
        for t in s.script
        if t.event is not None
    }
    hq = s.hq_actions
    return Compiled(
        scenario=s,
        consts=consts,
        pitch=pitch,
        space_ids=space_ids,
        home=index["spaces"][s.board.home.id],
        start_space=index["spaces"][s.start_space or s.board.home.id],
        adjacency=adjacency,
        ladder=np.array([f.value for f in s.ask_ladder]),
        can_pitch=np.array([sp.pitch is not None for sp in s.board.spaces]),
        appetite=per_space("appetite"),
        scrutiny_on_success=per_space("scrutiny_on_success"),
        ridicule=per_space("ridicule"),
        deal_space=np.array([index["spaces"][d.space] for d in s.deals], dtype=int),
        deal_cost=np.array([d.cost_busd for d in s.deals]),
        deal_chance=np.array([d.chance for d in s.deals]),
        deal_max=np.array([d.max_times for d in s.deals]),
        deal_attention=np.array([d.attention for d in s.deals]),
        deal_effect=[compile_effects(d.effects) for d in s.deals],
        deal_fail=[compile_effects(d.on_fail) for d in s.deals],
        deal_delayed=np.array([compile_delayed(d.delayed) for d in s.deals]).reshape(
            len(s.deals), HORIZON, len(DELAYED_KEYS)
        ),
        deal_when=[compile_condition(d.when, index) for d in s.deals],
        prod_cost=np.array([p.running_cost_busd_per_quarter.value for p in s.products]),
        prod_growth=np.array([p.growth_pct_while_running for p in s.products]),
        prod_attention=np.array([p.attention for p in s.products]),
        prod_effect=[compile_effects(p.launch_effects) for p in s.products],
        prod_when=[compile_condition(p.when, index) for p in s.products],
        ops_effect=compile_effects(hq.operations.effects),
        safety_effect=compile_effects(hq.safety_review.effects),
        launch_effect=compile_effects(hq.launch_model.effects),
        launch_attention=hq.launch_model.attention,
        launch_cooldown=hq.launch_model.cooldown_quarters,
        rushed_chance_per_debt=hq.launch_model.rushed_chance_per_safety_debt,
        rushed_effect=compile_effects(hq.launch_model.rushed_effects),
        site_of_space=site_of_space,
        site_gw=np.array([c.gw for c in s.campus_sites]),
        site_domestic=np.array([c.domestic for c in s.campus_sites], dtype=bool),
        site_attention=np.array([c.attention for c in s.campus_sites]),
        site_effect=[compile_effects(c.effects) for c in s.campus_sites],
        site_when=[compile_condition(c.when, index) for c in s.campus_sites],
        ev_weight=np.array([e.weight for e in s.events]),
        ev_once=np.array([e.once for e in s.events], dtype=bool),
        ev_effect_add=np.array([e.add for e in ev_eff]),
        ev_effect_mul=np.array([e.mul for e in ev_eff]),
        ev_n_choices=np.array([len(e.choices) for e in s.events]),
        ev_choice_add=ev_choice_add,
        ev_choice_mul=ev_choice_mul,
        ev_choice_delayed=ev_choice_delayed,
        ev_when=[compile_condition(e.when, index) for e in s.events],
        win_when=[compile_condition(g.when, index) for g in s.goals.win],
        lose_when=[compile_condition(g.when, index) for g in s.goals.lose],
        script_events=script,
        start_tracks=start,
        start_turn=start_turn,
        turns=s.calendar.turns,
        index=index,
        buildout=compile_buildout(s, index),
        industry=compile_industry(s, index, consts.electricity_busd_per_gw_year),
        labs=compile_labs(s, consts, start),
        ev_hits_all=np.array([e.hits == "all" for e in s.events], dtype=bool),
        ev_own_history=np.array([e.truth == "reported" and e.hits != "all" for e in s.events], dtype=bool),
    )


def _start_vector(figures: dict, consts: Constants) -> np.ndarray:
    """A lab's tracks before its first quarter, from its starting figures."""
    start = np.zeros(N_TRACKS)
    start[T["inference_cost_mult"]] = 1.0
    start[T["attention"]] = consts.attention_per_quarter
    for k, f in figures.items():
        start[T[k]] = f.value
    spend0 = start[T["spend_busd_per_year"]] / 4.0
    for lag in ("spend_lag1_busd", "spend_lag2_busd", "spend_lag3_busd"):
        start[T[lag]] = spend0
    start[T["quarters_since_launch"]] = 99.0
    capacity = start[T["rented_chips_m"]] * consts.queries_bq_per_m_chips
    start[T["served_bq"]] = min(start[T["demand_bq"]], capacity)  # the quarter before the first
    return start


@dataclass
class CompiledLabs:
    """A scenario's `labs:` section as arrays: seat 0 is the scenario's own lab, then its rivals."""

    ids: list[str]  # per seat ("you" for seat 0)
    names: list[str]
    colours: list[str]
    bots: list[str]  # the bot that plays each seat when no person does ("" for seat 0)
    start: np.ndarray  # (seats, N_TRACKS) each lab's tracks before its first quarter
    rival_of: np.ndarray  # (seats,) the industry rival each lab stands for, -1 none
    standing: int  # the track that ranks the labs
    best_at_time_up: bool  # when time runs out, the best standing wins
    fate: tuple[float, float, float, float, float] | None  # start, collapse_at, per incident, per rushed launch, recovery
    pool_ids: list[str]  # the shared supplies: capital first, then capacity
    pool_refill: np.ndarray  # (P,) what each holds at a quarter's start ($B of capital, deals of capacity)
    pool_refills: np.ndarray  # (P,) bool: it refills each quarter (else what it holds at the start is all)
    pool_of_space: np.ndarray  # (S,) the capital pool pitches at each space draw on, -1 none
    pool_of_deal: np.ndarray  # (D,) the capacity pool each deal draws on, -1 none

    @property
    def most(self) -> int:
        """The most labs a match of this scenario can seat."""
        return len(self.ids)


YOUR_LAB = "you"  # the id of seat 0, the scenario's own lab


def compile_labs(s: Scenario, consts: Constants, start: np.ndarray) -> CompiledLabs | None:
    sec = s.labs
    if sec is None:
        return None
    base = {k: f for k, f in s.start.items()}
    starts = [start] + [_start_vector({**base, **lab.start}, consts) for lab in sec.rivals]
    rivals = [r.id for r in s.industry.rivals] if s.industry is not None else []
    cf = sec.common_fate
    spaces = [sp.id for sp in s.board.spaces]
    deals = [d.id for d in s.deals]
    pool_of_space = np.full(len(spaces), -1)
    pool_of_deal = np.full(len(deals), -1)
    pool_ids: list[str] = []
    refill: list[float] = []
    refills: list[bool] = []
    for cap in sec.shared.capital:
        pool_of_space[spaces.index(cap.space)] = len(pool_ids)
        pool_ids.append(cap.id)
        refill.append(cap.busd_per_quarter.value)
        refills.append(True)
    for pool in sec.shared.capacity:
        for d in pool.deals:
            pool_of_deal[deals.index(d)] = len(pool_ids)
        pool_ids.append(pool.id)
        refill.append(pool.per_quarter.value)
        refills.append(pool.refills)
    return CompiledLabs(
        ids=[YOUR_LAB] + [lab.id for lab in sec.rivals],
        names=[sec.your_lab.name] + [lab.name for lab in sec.rivals],
        colours=[sec.your_lab.colour] + [lab.colour for lab in sec.rivals],
        bots=[""] + [lab.bot for lab in sec.rivals],
        start=np.array(starts),
        rival_of=np.array([-1] + [rivals.index(lab.rival) if lab.rival in rivals else -1 for lab in sec.rivals]),
        standing=T[sec.standing],
        best_at_time_up=sec.time_up == "best_standing",
        fate=None if cf is None else (
            cf.start.value, cf.collapse_at.value, cf.per_incident.value, cf.per_rushed_launch.value, cf.recovery.value
        ),
        pool_ids=pool_ids,
        pool_refill=np.array(refill, dtype=float),
        pool_refills=np.array(refills, dtype=bool),
        pool_of_space=pool_of_space,
        pool_of_deal=pool_of_deal,
    )
