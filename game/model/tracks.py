"""The named tracks of a lab: one float per track, in a fixed order shared by every layer.

A world's lab state is a row of floats indexed by these names; a batch is an array of shape
(worlds, labs, tracks). Scenario effects and conditions name tracks with these same words.
"""

from __future__ import annotations

# Tracks a scenario may change with an effect (additively), and read in a condition.
STATE_TRACKS: tuple[str, ...] = (
    "cash_busd",  # money in the bank, billions of dollars
    "demand_bq",  # queries the world wants this quarter, billions
    "rented_chips_m",  # cloud chips the lab rents, millions
    "own_chips_m",  # chips installed in the lab's own campuses, millions
    "chips_reserved_m",  # chips allocated by a supplier, waiting for a campus, millions
    "campus_gw_built",  # campus shells finished, GW of capacity
    "campus_gw_domestic",  # campuses commissioned at home (US), GW, built or building
    "campus_gw_abroad",  # campuses commissioned abroad, GW, built or building
    "power_gw_online",  # power contracted and flowing, GW
    "scrutiny",  # security scrutiny, 0 to 10
    "credibility",  # how seriously investors and customers take the lab, 0 to 10
    "trust",  # the team's trust in its CEO, 0 to 10
    "valuation_busd",  # what investors think the lab is worth, billions
    "equity_sold_pct",  # share of the lab sold to investors so far, percent
    "price_cents",  # revenue per query, US cents
    "inference_cost_mult",  # multiplier on the base cost of a query (efficiency gains)
    "staff_busd_per_year",  # the yearly staff bill
    "attention",  # attention points left this quarter
    "away_streak",  # quarters in a row the CEO spent touring
    "away_this_quarter",  # 1 when the CEO left headquarters this quarter
    "based_abroad",  # 1 while the CEO is based away from headquarters
    "quarters_since_launch",  # quarters since the last frontier model launch
    "launch_boost_pct",  # extra demand growth from recent launches, percent per quarter
    "safety_debt",  # testing skipped and corners cut; feeds the odds of an incident
    "operations_done",  # 1 once operations ran this quarter
    "safety_review_done",  # 1 once a safety review ran this quarter
    "raised_busd",  # money raised from investors since the start
    "chip_programme_done",  # 1 once the lab's own chip programme delivers (its design made at a partner fab)
    "chip_maker_owned",  # 1 once the lab has bought a chip maker
    "suppliers_added",  # chip suppliers signed beyond Nvidia
)

# Tracks the model computes each quarter; effects may not target them.
DERIVED_TRACKS: tuple[str, ...] = (
    "revenue_busd_per_year",  # run-rate: last quarter's revenue x 4
    "spend_busd_per_year",  # run-rate: last quarter's spending x 4
    "capacity_bq",  # queries the lab's chips can serve this quarter, billions
    "served_bq",  # queries served last quarter, billions
    "power_gw_needed",  # power the installed own chips need, GW
    "inference_cost_cents",  # cost of one query, US cents
    "cash_at_quarter_start",
    "q_revenue_busd",  # this quarter's ledger, billions
    "q_spend_busd",
    "q_raised_busd",
    "q_other_busd",
    "q_inference_busd",
    "q_training_busd",
    "q_staff_busd",
    "q_products_busd",
    "q_capex_busd",
    "q_energy_busd",  # this quarter's electricity bill: own campuses' GW, and the queries served on rented chips
    "q_chips_busd",  # this quarter's chip purchases at the market price
    "nvidia_dependence_pct",  # share of the lab's chips that must come from Nvidia, % (see game/model/industry.py)
    "spend_lag1_busd",  # spending of the three quarters before this one, for the yearly figure
    "spend_lag2_busd",
    "spend_lag3_busd",
)

TRACKS: tuple[str, ...] = STATE_TRACKS + DERIVED_TRACKS
T = {name: i for i, name in enumerate(TRACKS)}
N_TRACKS = len(TRACKS)

# Effects ending in _pct change a track by a percentage instead of adding to it.
PCT_EFFECTS: dict[str, str] = {
    "demand_pct": "demand_bq",
    "valuation_pct": "valuation_busd",
    "price_pct": "price_cents",
    "inference_cost_pct": "inference_cost_mult",
}

# Bounded tracks and their limits; the model clamps them after every change.
BOUNDS: dict[str, tuple[float, float]] = {
    "scrutiny": (0.0, 10.0),
    "credibility": (0.0, 10.0),
    "trust": (0.0, 10.0),
    "equity_sold_pct": (0.0, 100.0),
    "safety_debt": (0.0, 10.0),
    "attention": (0.0, 99.0),
}

# Tracks that may never go below zero (chips, power, prices).
NON_NEGATIVE: tuple[str, ...] = (
    "demand_bq",
    "rented_chips_m",
    "own_chips_m",
    "chips_reserved_m",
    "campus_gw_built",
    "campus_gw_domestic",
    "campus_gw_abroad",
    "power_gw_online",
    "valuation_busd",
    "price_cents",
    "inference_cost_mult",
    "staff_busd_per_year",
    "away_streak",
    "launch_boost_pct",
    "chip_programme_done",
    "chip_maker_owned",
    "suppliers_added",
)

EFFECT_KEYS: tuple[str, ...] = tuple(
    n
    for n in STATE_TRACKS
    if n
    not in (
        "away_this_quarter",
        "based_abroad",
        "operations_done",
        "safety_review_done",
        "raised_busd",
        "campus_gw_domestic",
        "campus_gw_abroad",
        "campus_gw_built",
        "own_chips_m",
    )
) + tuple(PCT_EFFECTS)

# Tracks a delayed effect (a deal that delivers later) may change.
DELAYED_KEYS: tuple[str, ...] = (
    "cash_busd",
    "power_gw_online",
    "chips_reserved_m",
    "rented_chips_m",
    "credibility",
    "scrutiny",
    "trust",
    "chip_programme_done",
)

CONDITION_KEYS: tuple[str, ...] = TRACKS
