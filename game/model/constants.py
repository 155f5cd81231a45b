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
