"""The names and types of the model's constants, with no numpy: the scenario checks read them.

Every constant's value comes from the scenario file (with its source); these dataclasses only
say which constants exist.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Constants:
    """The model's constants, in the units their names say (one value each, shared by all worlds)."""

    queries_bq_per_m_chips: float
    chips_m_per_gw: float
    capex_busd_per_gw: float
    campus_build_quarters: int
    query_cost_cents: float
    own_chip_cost_ratio: float
    demand_growth_pct: float
    demand_growth_per_credibility_pct: float
    credibility_neutral: float
    launch_boost_decay: float
    unserved_tolerance: float
    unserved_credibility_penalty: float
    train_cost_start_busd: float
    train_cost_start_year: float
    train_cost_later_busd: float
    train_cost_later_year: float
    training_compute_busd_per_year: float  # the compute that trains and tests models, a running cost, at the start
    training_compute_growth_pct: float  # how fast that bill grows, % a quarter
    electricity_busd_per_gw_year: float  # what a GW drawn all year costs in electricity, $B
    staff_growth_pct: float
    price_decline_pct: float
    efficiency_gain_pct: float
    valuation_multiple: float
    valuation_credibility_weight: float
    valuation_smoothing: float
    scrutiny_floor: float
    scrutiny_decay: float
    away_trust_loss: float
    home_trust_gain: float
    safety_debt_per_away_quarter: float
    incident_base_chance: float
    incident_chance_per_away_quarter: float
    incident_chance_per_safety_debt: float
    incident_credibility: float
    incident_scrutiny: float
    incident_trust: float
    attention_per_quarter: float


@dataclass(frozen=True)
class PitchConstants:
    """How investors weigh a pitch (see `pitch_success_chance`)."""

    pitch_size_weight: float
    pitch_credibility_weight: float
    pitch_scrutiny_weight: float
    pitch_reference_share: float
    pitch_scrutiny_comfort: float
    pitch_success_credibility: float
    giant_ask_share: float
    max_equity_sold_pct: float
    home_raise_free_multiple: float  # money raised, in years of revenue, before home investors balk
    home_raise_weight: float  # logit lost at home per further year of revenue raised


@dataclass(frozen=True)
class IndustryConstants:
    """The industry the lab depends on (a scenario's optional `industry:` section): the world's
    AI chips and their price, Nvidia dependence, the US grid's new connections and the energy of
    a query. See game/model/industry.py for the rules that use them."""

    chip_supply_m_per_quarter: float  # AI chips the world's fabs deliver in the first quarter, millions
    chip_supply_growth_pct: float  # how fast that supply grows, % a quarter
    nvidia_share_pct: float  # Nvidia's share of that supply, %
    chip_base_price_kusd: float  # a chip's price with no shortage at the start, thousand $
    chip_price_slope: float  # how much dearer the next chip is when the whole quarter's supply is taken (x base)
    chip_price_drift: float  # how far the base price moves in a quarter per unit of excess demand (share)
    chip_lot_m: float  # the chips one purchase buys, millions
    rivals_max_share_pct: float  # the most of a quarter's chips or new grid load the rivals take, %
    dependence_start_pct: float  # the lab's Nvidia dependence before any of the options, %
    dependence_programme_pct: float  # points the own chip programme takes off once it delivers
    dependence_chip_maker_pct: float  # points a chip maker bought takes off
    dependence_supplier_pct: float  # points each further supplier takes off
    dependence_floor_pct: float  # the least dependence the options leave, %
    independence_discount_pct: float  # price cut on chips at zero dependence (Nvidia's margin avoided), %
    grid_new_gw_per_quarter: float  # new load the US grid can connect in the first quarter, GW
    grid_growth_pct: float  # how fast that cap grows, % a quarter
    google_search_wh: float  # energy of a web search, Wh
    query_energy_ratio: float  # a chatbot query's energy in web searches


# The range each constant may take in a scenario: wide enough for any what-if a modder may want,
# narrow enough that the model stays finite (a hypothesis test drives scenarios at these limits
# through whole games). `validate` refuses a value outside its range, at its line.
RANGES: dict[str, tuple[float, float]] = {
    "queries_bq_per_m_chips": (0.0, 1e5),
    "chips_m_per_gw": (0.01, 100.0),
    "capex_busd_per_gw": (0.0, 1000.0),
    "campus_build_quarters": (1, 40),
    "query_cost_cents": (0.0, 100.0),
    "own_chip_cost_ratio": (0.0, 10.0),
    "demand_growth_pct": (-90.0, 200.0),
    "demand_growth_per_credibility_pct": (-50.0, 50.0),
    "credibility_neutral": (0.0, 10.0),
    "launch_boost_decay": (0.0, 1.0),
    "unserved_tolerance": (0.0, 1.0),
    "unserved_credibility_penalty": (0.0, 10.0),
    "train_cost_start_busd": (0.0, 1e4),
    "train_cost_start_year": (2000.0, 2100.0),
    "train_cost_later_busd": (0.0, 1e4),
    "train_cost_later_year": (2000.0, 2100.0),
    "training_compute_busd_per_year": (0.0, 1e4),
    "training_compute_growth_pct": (-50.0, 100.0),
    "electricity_busd_per_gw_year": (0.0, 100.0),
    "staff_growth_pct": (-50.0, 100.0),
    "price_decline_pct": (-50.0, 90.0),
    "efficiency_gain_pct": (-50.0, 90.0),
    "valuation_multiple": (0.0, 1000.0),
    "valuation_credibility_weight": (0.0, 1.0),
    "valuation_smoothing": (0.0, 1.0),
    "scrutiny_floor": (0.0, 10.0),
    "scrutiny_decay": (0.0, 10.0),
    "away_trust_loss": (0.0, 10.0),
    "home_trust_gain": (0.0, 10.0),
    "safety_debt_per_away_quarter": (0.0, 10.0),
    "incident_base_chance": (0.0, 1.0),
    "incident_chance_per_away_quarter": (0.0, 1.0),
    "incident_chance_per_safety_debt": (0.0, 1.0),
    "incident_credibility": (-10.0, 10.0),
    "incident_scrutiny": (-10.0, 10.0),
    "incident_trust": (-10.0, 10.0),
    "attention_per_quarter": (0, 10),
    "pitch_size_weight": (0.0, 100.0),
    "pitch_credibility_weight": (0.0, 100.0),
    "pitch_scrutiny_weight": (0.0, 100.0),
    "pitch_reference_share": (0.001, 10.0),
    "pitch_scrutiny_comfort": (0.0, 10.0),
    "pitch_success_credibility": (-10.0, 10.0),
    "giant_ask_share": (0.0, 100.0),
    "max_equity_sold_pct": (0.0, 100.0),
    "home_raise_free_multiple": (0.0, 100.0),
    "home_raise_weight": (0.0, 100.0),
    "chip_supply_m_per_quarter": (0.001, 1000.0),
    "chip_supply_growth_pct": (-50.0, 100.0),
    "nvidia_share_pct": (0.0, 100.0),
    "chip_base_price_kusd": (0.01, 1000.0),
    "chip_price_slope": (0.0, 100.0),
    "chip_price_drift": (0.0, 10.0),
    "chip_lot_m": (0.001, 100.0),
    "rivals_max_share_pct": (0.0, 100.0),
    "dependence_start_pct": (0.0, 100.0),
    "dependence_programme_pct": (0.0, 100.0),
    "dependence_chip_maker_pct": (0.0, 100.0),
    "dependence_supplier_pct": (0.0, 100.0),
    "dependence_floor_pct": (0.0, 100.0),
    "independence_discount_pct": (0.0, 100.0),
    "grid_new_gw_per_quarter": (0.0, 1000.0),
    "grid_growth_pct": (-50.0, 100.0),
    "google_search_wh": (0.0, 100.0),
    "query_energy_ratio": (0.0, 1000.0),
}
