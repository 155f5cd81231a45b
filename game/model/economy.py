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
_NONNEG_NAMES = frozenset(NON_NEGATIVE)
_ALL = slice(None)


def train_cost_busd(c: Constants, year: float) -> float:
    """Cost of training one frontier model in a given (fractional) year: it grows by the same
    factor every year from the start figure to the later one, then stays there."""
    span = max(c.train_cost_later_year - c.train_cost_start_year, 1e-9)
    f = min(max((year - c.train_cost_start_year) / span, 0.0), 1.0)
    start = max(c.train_cost_start_busd, 1e-9)
    return start * (max(c.train_cost_later_busd, 1e-9) / start) ** f


Select = slice | np.ndarray  # the worlds to work on: slice(None) for all, or their indices


def clamp(tr: np.ndarray, sel: Select = _ALL) -> None:
    """Keep bounded tracks in their range and physical quantities non-negative (in place), in
    the worlds `sel` (default: all)."""
    for i, lo, hi in zip(_BOUND_IDX, _BOUND_LO, _BOUND_HI, strict=True):
        _clamp_track(tr, i, sel, lambda v, lo=lo, hi=hi: np.clip(v, lo, hi, out=v))
    for i in _NONNEG_IDX:
        _clamp_track(tr, i, sel, lambda v: np.maximum(v, 0.0, out=v))


def _clamp_track(tr: np.ndarray, i: int, sel: Select, fix) -> None:
    col = tr[..., i]  # one track of every lab over all worlds: a view
    if sel is _ALL:
        fix(col)  # in place, through the view
    else:
        v = col[sel]
        fix(v)
        col[sel] = v


def powered_own_chips(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Own chips that have the power to run: installed chips, capped by GW online."""
    return _powered(tr[..., T["own_chips_m"]], tr[..., T["power_gw_online"]], c)


def _powered(own: np.ndarray, power_gw: np.ndarray, c: Constants) -> np.ndarray:
    return np.minimum(own, power_gw * c.chips_m_per_gw)


def capacity_bq(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Queries the lab can serve in a quarter, billions: rented plus powered own chips."""
    return _capacity(tr[..., T["rented_chips_m"]], powered_own_chips(tr, c), c)


def _capacity(rented: np.ndarray, powered: np.ndarray, c: Constants) -> np.ndarray:
    return (rented + powered) * c.queries_bq_per_m_chips


def cost_per_query_cents(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Blended cost of one query: own, powered chips are cheaper than rented ones."""
    return _cost_per_query(tr[..., T["rented_chips_m"]], powered_own_chips(tr, c), tr[..., T["inference_cost_mult"]], c)


def _cost_per_query(rented: np.ndarray, own: np.ndarray, mult: np.ndarray, c: Constants) -> np.ndarray:
    total = np.maximum(rented + own, 1e-12)
    own_share = own / total
    blend = 1.0 - own_share * (1.0 - c.own_chip_cost_ratio)
    return c.query_cost_cents * mult * blend


def refresh_derived(tr: np.ndarray, c: Constants, sel: Select = _ALL) -> None:
    """Recompute the derived tracks that depend only on the current state (in place), in the
    worlds `sel` (default: all)."""
    get = _reader(tr, sel)
    rented, own = get("rented_chips_m"), get("own_chips_m")
    powered = _powered(own, get("power_gw_online"), c)
    _write(tr, "capacity_bq", sel, _capacity(rented, powered, c))
    _write(tr, "power_gw_needed", sel, own / c.chips_m_per_gw)
    _write(tr, "inference_cost_cents", sel, _cost_per_query(rented, powered, get("inference_cost_mult"), c))


def _reader(tr: np.ndarray, sel: Select):
    """name -> that track of every lab in the worlds `sel`: a view of the track when sel is
    every world, else a copy of the worlds picked (one track, never full rows). tr may have
    any leading axes (worlds, labs) or none (one lab's row)."""

    def get(name: str) -> np.ndarray:
        col = tr[..., T[name]]
        return col if sel is _ALL else col[sel]

    return get


def _write(tr: np.ndarray, name: str, sel: Select, value: np.ndarray) -> None:
    """Set track `name` in the worlds `sel` (as `_reader` reads it)."""
    if sel is _ALL:
        tr[..., T[name]] = value
    else:
        tr[..., T[name]][sel] = value


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

    Only the live worlds are computed: each track they need is read once (a view when every
    world is live, else a copy of the live worlds), the new values are worked out in local
    variables, and each changed track is written back once at the end.
    """
    idx = np.flatnonzero(live)
    sel: Select = _ALL if len(idx) == len(live) else idx
    get = _reader(tr, sel)
    products_busd = products_busd[sel]
    products_growth_pct = products_growth_pct[sel]
    new: dict[str, np.ndarray] = {}

    # Campuses under construction: pay this quarter's share, shift the pipeline (slot by slot:
    # the pipeline is stored slot-major, one contiguous run of worlds per slot).
    slots = [pipeline_gw[..., b][sel] for b in range(pipeline_gw.shape[-1])]
    building = slots[0].copy()
    for more in slots[1:]:
        building += more
    capex = building * c.capex_busd_per_gw / c.campus_build_quarters
    arriving = slots[0].copy()
    for b, later in enumerate(slots[1:]):
        pipeline_gw[..., b][sel] = later
    pipeline_gw[..., -1][sel] = 0.0
    new["campus_gw_built"] = built = get("campus_gw_built") + arriving

    # Reserved chips move into finished campuses.
    own, reserved = get("own_chips_m"), get("chips_reserved_m")
    room = np.maximum(built * c.chips_m_per_gw - own, 0.0)
    install = np.minimum(room, reserved)
    new["own_chips_m"] = own = own + install
    new["chips_reserved_m"] = reserved - install

    # Demand grows with credibility and recent launches; capacity serves what it can.
    credibility, boost = get("credibility"), get("launch_boost_pct")
    growth = (
        c.demand_growth_pct
        + c.demand_growth_per_credibility_pct * (credibility - c.credibility_neutral)
        + boost
        + products_growth_pct
    ) / 100.0
    demand = get("demand_bq") * (1.0 + np.maximum(growth, -0.5))
    rented, power, mult = get("rented_chips_m"), get("power_gw_online"), get("inference_cost_mult")
    powered = _powered(own, power, c)
    cap = _capacity(rented, powered, c)
    served = np.minimum(demand, cap)
    unserved_share = 1.0 - served / np.maximum(demand, 1e-12)
    cred_loss = c.unserved_credibility_penalty * np.maximum(unserved_share - c.unserved_tolerance, 0)
    new["demand_bq"] = demand
    new["served_bq"] = served
    new["launch_boost_pct"] = boost * c.launch_boost_decay

    # Money in and out.
    price, staff_year = get("price_cents"), get("staff_busd_per_year")
    revenue = served * price / 100.0
    inference = served * _cost_per_query(rented, powered, mult, c) / 100.0
    training = c.research_share_of_train_cost * train_cost_busd(c, year) / 4.0
    staff = staff_year / 4.0
    spend = inference + training + staff + products_busd + capex
    new["q_revenue_busd"] = q_revenue = get("q_revenue_busd") + revenue
    new["q_inference_busd"] = get("q_inference_busd") + inference
    new["q_training_busd"] = get("q_training_busd") + training
    new["q_staff_busd"] = get("q_staff_busd") + staff
    new["q_products_busd"] = get("q_products_busd") + products_busd
    new["q_capex_busd"] = get("q_capex_busd") + capex
    new["q_spend_busd"] = q_spend = get("q_spend_busd") + spend
    new["cash_busd"] = get("cash_busd") + revenue - spend
    new["revenue_busd_per_year"] = revenue_year = q_revenue * 4.0
    new["spend_busd_per_year"] = q_spend + get("spend_lag1_busd") + get("spend_lag2_busd") + get("spend_lag3_busd")

    # Drift: prices fall, efficiency improves, the payroll grows.
    new["price_cents"] = price * (1.0 - c.price_decline_pct / 100.0)
    new["inference_cost_mult"] = mult * (1.0 - c.efficiency_gain_pct / 100.0)
    new["staff_busd_per_year"] = staff_year * (1.0 + c.staff_growth_pct / 100.0)

    # People: a touring CEO loses the team; scrutiny fades slowly; unserved demand costs trust
    # of customers (credibility).
    away = get("away_this_quarter") > 0
    trust = get("trust") + np.where(away, -c.away_trust_loss, c.home_trust_gain)
    new["away_streak"] = streak = np.where(away, get("away_streak") + 1.0, 0.0)
    new["safety_debt"] = debt = get("safety_debt") + np.where(away, c.safety_debt_per_away_quarter, 0.0)
    sc = get("scrutiny")
    scrutiny = np.where(sc > c.scrutiny_floor, np.maximum(sc - c.scrutiny_decay, c.scrutiny_floor), sc)
    credibility = credibility - cred_loss

    # Incidents: rushed launches and lapses grow likelier with touring and skipped safety work.
    chance = c.incident_base_chance + c.incident_chance_per_away_quarter * streak + c.incident_chance_per_safety_debt * debt
    incident = u_incident[sel] < chance
    new["credibility"] = credibility = credibility + np.where(incident, c.incident_credibility, 0.0)
    new["scrutiny"] = scrutiny + np.where(incident, c.incident_scrutiny, 0.0)
    new["trust"] = trust + np.where(incident, c.incident_trust, 0.0)

    # Valuation drifts towards a revenue multiple that credibility stretches or shrinks.
    multiple = c.valuation_multiple * np.maximum(
        1.0 + c.valuation_credibility_weight * (credibility - c.credibility_neutral), 0.2
    )
    target = revenue_year * multiple
    val = get("valuation_busd")
    new["valuation_busd"] = val + c.valuation_smoothing * (target - val)

    # Keep the changed tracks within their bounds (the others have not moved since they were
    # last kept there), then the derived tracks follow from the new state.
    for name, value in new.items():
        kept_in_bounds(name, value)
    own, mult = new["own_chips_m"], new["inference_cost_mult"]
    powered = _powered(own, power, c)
    new["capacity_bq"] = _capacity(rented, powered, c)
    new["power_gw_needed"] = own / c.chips_m_per_gw
    new["inference_cost_cents"] = _cost_per_query(rented, powered, mult, c)

    # Every value above was computed from the state at the quarter's start (or from the new
    # values before it), so the tracks can be written now, in any order.
    for name, value in new.items():
        _write(tr, name, sel, value)
    if isinstance(sel, slice):
        return incident
    out = np.zeros(live.shape + incident.shape[1:], dtype=bool)
    out[sel] = incident
    return out


def kept_in_bounds(name: str, value: np.ndarray) -> np.ndarray:
    """New values of track `name`, clamped (in place) as `clamp` would do it."""
    if name in BOUNDS:
        lo, hi = BOUNDS[name]
        np.clip(value, lo, hi, out=value)
    elif name in _NONNEG_NAMES:
        np.maximum(value, 0.0, out=value)
    return value


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
