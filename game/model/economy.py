"""The quarterly economic model: demand, capacity, revenue, spending, cash, power and valuation.

Everything here is numpy over a leading axis of worlds and a second axis of labs, so one call
advances one game (a batch of one) or a hundred thousand. Every number comes from `Constants`,
which the core fills from the scenario file; this module holds no figure of its own.
"""

from __future__ import annotations

import numpy as np

from .constants import Constants, PitchConstants  # noqa: F401 - re-exported
from .tracks import BOUNDS, NON_NEGATIVE, T

_BOUND_IDX = np.array([T[k] for k in BOUNDS])
_BOUND_LO = np.array([v[0] for v in BOUNDS.values()])
_BOUND_HI = np.array([v[1] for v in BOUNDS.values()])
_NONNEG_IDX = np.array([T[k] for k in NON_NEGATIVE])


def train_cost_busd(c: Constants, year: float) -> float:
    """Cost of training one frontier model in a given (fractional) year: it grows by the same
    factor every year from the start figure to the later one, then stays there."""
    span = max(c.train_cost_later_year - c.train_cost_start_year, 1e-9)
    f = min(max((year - c.train_cost_start_year) / span, 0.0), 1.0)
    start = max(c.train_cost_start_busd, 1e-9)
    return start * (max(c.train_cost_later_busd, 1e-9) / start) ** f


def clamp(tr: np.ndarray) -> None:
    """Keep bounded tracks in their range and physical quantities non-negative (in place)."""
    for i, lo, hi in zip(_BOUND_IDX, _BOUND_LO, _BOUND_HI, strict=True):
        col = tr[..., i]
        np.clip(col, lo, hi, out=col)
    for i in _NONNEG_IDX:
        col = tr[..., i]
        np.maximum(col, 0.0, out=col)


def powered_own_chips(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Own chips that have the power to run: installed chips, capped by GW online."""
    return np.minimum(tr[..., T["own_chips_m"]], tr[..., T["power_gw_online"]] * c.chips_m_per_gw)


def capacity_bq(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Queries the lab can serve in a quarter, billions: rented plus powered own chips."""
    return (tr[..., T["rented_chips_m"]] + powered_own_chips(tr, c)) * c.queries_bq_per_m_chips


def cost_per_query_cents(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Blended cost of one query: own, powered chips are cheaper than rented ones."""
    rented = tr[..., T["rented_chips_m"]]
    own = powered_own_chips(tr, c)
    total = np.maximum(rented + own, 1e-12)
    own_share = own / total
    blend = 1.0 - own_share * (1.0 - c.own_chip_cost_ratio)
    return c.query_cost_cents * tr[..., T["inference_cost_mult"]] * blend


def refresh_derived(tr: np.ndarray, c: Constants) -> None:
    """Recompute the derived tracks that depend only on the current state (in place)."""
    tr[..., T["capacity_bq"]] = capacity_bq(tr, c)
    tr[..., T["power_gw_needed"]] = tr[..., T["own_chips_m"]] / c.chips_m_per_gw
    tr[..., T["inference_cost_cents"]] = cost_per_query_cents(tr, c)


def advance_quarter(
    tr: np.ndarray,
    pipeline_gw: np.ndarray,
    c: Constants,
    year: float,
    products_busd: np.ndarray,
    products_growth_pct: np.ndarray,
    u_incident: np.ndarray,
    live: np.ndarray,
) -> np.ndarray:
    """Advance every live world one quarter, in place; return where an incident struck.

    tr: tracks (worlds, labs, tracks). pipeline_gw: campus GW arriving in k+1 quarters
    (worlds, labs, build slots). products_busd / products_growth_pct: running products' cost and
    extra demand growth this quarter (worlds, labs). u_incident: uniform draws (worlds, labs).
    live: worlds still playing (worlds,); the rest are left untouched.
    """
    lv = live[:, None]

    def put(name: str, value: np.ndarray) -> None:
        i = T[name]
        tr[..., i] = np.where(lv, value, tr[..., i])

    # Views into tr: each one shows an update as soon as `put` writes it, so the steps below
    # read the state as the previous steps left it.
    g = {name: tr[..., i] for name, i in T.items()}

    # Campuses under construction: pay this quarter's share, shift the pipeline.
    building = pipeline_gw.sum(axis=-1)
    capex = building * c.capex_busd_per_gw / c.campus_build_quarters
    arriving = pipeline_gw[..., 0].copy()
    shifted = np.concatenate([pipeline_gw[..., 1:], np.zeros_like(pipeline_gw[..., :1])], axis=-1)
    pipeline_gw[...] = np.where(lv[..., None], shifted, pipeline_gw)
    put("campus_gw_built", g["campus_gw_built"] + arriving)

    # Reserved chips move into finished campuses.
    room = np.maximum(g["campus_gw_built"] * c.chips_m_per_gw - g["own_chips_m"], 0.0)
    install = np.minimum(room, g["chips_reserved_m"])
    put("own_chips_m", g["own_chips_m"] + install)
    put("chips_reserved_m", g["chips_reserved_m"] - install)

    # Demand grows with credibility and recent launches; capacity serves what it can.
    growth = (
        c.demand_growth_pct
        + c.demand_growth_per_credibility_pct * (g["credibility"] - c.credibility_neutral)
        + g["launch_boost_pct"]
        + products_growth_pct
    ) / 100.0
    demand = g["demand_bq"] * (1.0 + np.maximum(growth, -0.5))
    cap = capacity_bq(tr, c)
    served = np.minimum(demand, cap)
    unserved_share = 1.0 - served / np.maximum(demand, 1e-12)
    cred_loss = c.unserved_credibility_penalty * np.maximum(unserved_share - c.unserved_tolerance, 0)
    put("demand_bq", demand)
    put("served_bq", served)
    put("launch_boost_pct", g["launch_boost_pct"] * c.launch_boost_decay)

    # Money in and out.
    revenue = served * g["price_cents"] / 100.0
    inference = served * cost_per_query_cents(tr, c) / 100.0
    training = c.research_share_of_train_cost * train_cost_busd(c, year) / 4.0
    staff = g["staff_busd_per_year"] / 4.0
    spend = inference + training + staff + products_busd + capex
    put("q_revenue_busd", g["q_revenue_busd"] + revenue)
    put("q_inference_busd", g["q_inference_busd"] + inference)
    put("q_training_busd", g["q_training_busd"] + training)
    put("q_staff_busd", g["q_staff_busd"] + staff)
    put("q_products_busd", g["q_products_busd"] + products_busd)
    put("q_capex_busd", g["q_capex_busd"] + capex)
    put("q_spend_busd", g["q_spend_busd"] + spend)
    put("cash_busd", g["cash_busd"] + revenue - spend)
    put("revenue_busd_per_year", g["q_revenue_busd"] * 4.0)
    put(
        "spend_busd_per_year",
        g["q_spend_busd"] + g["spend_lag1_busd"] + g["spend_lag2_busd"] + g["spend_lag3_busd"],
    )

    # Drift: prices fall, efficiency improves, the payroll grows.
    put("price_cents", g["price_cents"] * (1.0 - c.price_decline_pct / 100.0))
    put("inference_cost_mult", g["inference_cost_mult"] * (1.0 - c.efficiency_gain_pct / 100.0))
    put("staff_busd_per_year", g["staff_busd_per_year"] * (1.0 + c.staff_growth_pct / 100.0))

    # People: a touring CEO loses the team; scrutiny fades slowly; unserved demand costs trust
    # of customers (credibility).
    away = g["away_this_quarter"] > 0
    put("trust", g["trust"] + np.where(away, -c.away_trust_loss, c.home_trust_gain))
    put("away_streak", np.where(away, g["away_streak"] + 1.0, 0.0))
    put("safety_debt", g["safety_debt"] + np.where(away, c.safety_debt_per_away_quarter, 0.0))
    sc = g["scrutiny"]
    put("scrutiny", np.where(sc > c.scrutiny_floor, np.maximum(sc - c.scrutiny_decay, c.scrutiny_floor), sc))
    put("credibility", g["credibility"] - cred_loss)

    # Incidents: rushed launches and lapses grow likelier with touring and skipped safety work.
    chance = (
        c.incident_base_chance
        + c.incident_chance_per_away_quarter * g["away_streak"]
        + c.incident_chance_per_safety_debt * g["safety_debt"]
    )
    incident = (u_incident < chance) & lv
    put("credibility", g["credibility"] + np.where(incident, c.incident_credibility, 0.0))
    put("scrutiny", g["scrutiny"] + np.where(incident, c.incident_scrutiny, 0.0))
    put("trust", g["trust"] + np.where(incident, c.incident_trust, 0.0))

    # Valuation drifts towards a revenue multiple that credibility stretches or shrinks.
    multiple = c.valuation_multiple * np.maximum(
        1.0 + c.valuation_credibility_weight * (g["credibility"] - c.credibility_neutral), 0.2
    )
    target = g["revenue_busd_per_year"] * multiple
    val = g["valuation_busd"]
    put("valuation_busd", val + c.valuation_smoothing * (target - val))

    clamp(tr)
    refresh_derived(tr, c)
    return incident


def pitch_success_chance(
    ask_busd: np.ndarray | float,
    valuation_busd: np.ndarray,
    credibility: np.ndarray,
    scrutiny: np.ndarray,
    appetite: np.ndarray | float,
    *,
    size_weight: float,
    credibility_weight: float,
    scrutiny_weight: float,
    reference_share: float,
    credibility_neutral: float,
    scrutiny_comfort: float,
) -> np.ndarray:
    """Odds that investors say yes: falls as the ask outgrows the valuation, rises with appetite."""
    ratio = np.asarray(ask_busd) / np.maximum(valuation_busd * reference_share, 1e-9)
    logit = (
        appetite
        + credibility_weight * (credibility - credibility_neutral)
        - size_weight * np.log10(np.maximum(ratio, 1e-9))
        - scrutiny_weight * np.maximum(scrutiny - scrutiny_comfort, 0.0)
    )
    return 1.0 / (1.0 + np.exp(-logit))
