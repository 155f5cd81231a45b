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
BLOCK = 4096  # worlds the model works through at a time (see `advance_quarter`)


def train_cost_busd(c: Constants, year: float) -> float:
    """Cost of training one frontier model in a given (fractional) year: it grows by the same
    factor every year from the start figure to the later one, then stays there."""
    span = max(c.train_cost_later_year - c.train_cost_start_year, 1e-9)
    f = min(max((year - c.train_cost_start_year) / span, 0.0), 1.0)
    start = max(c.train_cost_start_busd, 1e-9)
    return start * (max(c.train_cost_later_busd, 1e-9) / start) ** f


def training_compute_busd(c: Constants, year: float) -> float:
    """The quarter's bill for the compute that trains and tests models (a running cost, paid
    whether or not a model is launched), $B: the start figure, grown by the same share every
    quarter since the calendar's start year (`train_cost_start_year`)."""
    quarters = max((year - c.train_cost_start_year) * 4.0, 0.0)
    return c.training_compute_busd_per_year / 4.0 * (1.0 + c.training_compute_growth_pct / 100.0) ** quarters


def electricity_bill_busd(c: Constants, powered_chips_m: np.ndarray | float) -> np.ndarray | float:
    """The quarter's electricity bill for the lab's own campuses, $B: the GW its powered own
    chips draw times the price of a GW for a quarter. Rented chips' power is in their rent."""
    return powered_chips_m / c.chips_m_per_gw * (c.electricity_busd_per_gw_year / 4.0)


def serving_electricity_busd(
    served: np.ndarray, rented: np.ndarray, in_service: np.ndarray, query_energy: float
) -> np.ndarray:
    """The electricity of the queries served on rented chips this quarter, $B: the queries
    served in the rented chips' share of the fleet in service, times a billion queries'
    electricity (`query_energy`, $B per billion). The own chips' power is counted by the GW they
    draw (`electricity_bill_busd`)."""
    share = rented / np.maximum(in_service, 1e-12)
    return served * share * query_energy


def campus_bill_busd(c: Constants, gw: np.ndarray | float) -> np.ndarray | float:
    """What `gw` of campus under construction costs in a quarter, $B: the capital cost of a GW
    spread evenly over the quarters it takes to build."""
    return gw * c.capex_busd_per_gw / max(c.campus_build_quarters, 1)


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


def waiting_for_power(tr: np.ndarray, c: Constants) -> np.ndarray:
    """Whether a lab's chips wait for power: own chips its power cannot run, or chips bought
    that wait for room in a finished campus (a campus is its power plant and building)."""
    own, power = tr[..., T["own_chips_m"]], tr[..., T["power_gw_online"]]
    return (own > power * c.chips_m_per_gw + 1e-9) | (tr[..., T["chips_reserved_m"]] > 1e-9)


def _powered(own: np.ndarray, power_gw: np.ndarray, c: Constants) -> np.ndarray:
    return np.minimum(own, power_gw * c.chips_m_per_gw)


def _capacity(in_service: np.ndarray, c: Constants, out: np.ndarray | None = None) -> np.ndarray:
    """Queries served by the chips in service (rented plus powered own chips)."""
    return np.multiply(in_service, c.queries_bq_per_m_chips, out=out)


def _cost_per_query(
    in_service: np.ndarray, own: np.ndarray, mult: np.ndarray, c: Constants, out: np.ndarray | None = None
) -> np.ndarray:
    """Cost of a query given the chips in service (rented plus powered own chips), the powered
    own chips among them and the efficiency multiplier: in two temporaries (or `out`), the
    operations in the order of `query_cost * mult * (1 - own_share * (1 - own_chip_cost_ratio))`."""
    blend = np.maximum(in_service, 1e-12, out=np.empty(np.shape(in_service)) if out is None else out)
    np.divide(own, blend, out=blend)  # the share of own chips
    blend *= 1.0 - c.own_chip_cost_ratio
    np.subtract(1.0, blend, out=blend)
    cost = np.multiply(mult, c.query_cost_cents)
    return np.multiply(cost, blend, out=blend)


def refresh_derived(tr: np.ndarray, c: Constants, sel: Select = _ALL) -> None:
    """Recompute the derived tracks that depend only on the current state (in place), in the
    worlds `sel` (default: all).

    A batch where most worlds are picked is done in runs of BLOCK worlds through views (see
    `advance_quarter`), the worlds not picked getting their old values back; a few worlds are
    picked out of each track and written back."""
    every = isinstance(sel, slice) and sel == _ALL
    if tr.ndim == 3 and (every or (not isinstance(sel, slice) and 2 * len(sel) > tr.shape[0])):
        others = None
        if not every:
            others = np.ones(tr.shape[0], dtype=bool)
            others[sel] = False
        for lo in range(0, tr.shape[0], BLOCK):
            run = slice(lo, min(lo + BLOCK, tr.shape[0]))
            left = None if others is None else np.flatnonzero(others[run])
            for lab in range(tr.shape[1]):
                _derive(tr[run, lab], c, left if left is not None and len(left) else None)
        return
    get = _reader(tr, sel)
    rented, own = get("rented_chips_m"), get("own_chips_m")
    powered = _powered(own, get("power_gw_online"), c)
    in_service = rented + powered
    _write(tr, "capacity_bq", sel, _capacity(in_service, c))
    _write(tr, "power_gw_needed", sel, own / c.chips_m_per_gw)
    _write(tr, "inference_cost_cents", sel, _cost_per_query(in_service, powered, get("inference_cost_mult"), c))


_DERIVED = ("capacity_bq", "power_gw_needed", "inference_cost_cents")  # what `refresh_derived` sets


def _derive(tr: np.ndarray, c: Constants, others: np.ndarray | None = None) -> None:
    """`refresh_derived` for a run of worlds of one lab (worlds, tracks), in place through views
    of its tracks; the worlds `others` (positions in the run, or None) keep their old values."""

    def col(name: str) -> np.ndarray:
        return tr[:, T[name]]

    if others is not None:
        kept = [col(name)[others] for name in _DERIVED]
    own = col("own_chips_m")
    powered = _powered(own, col("power_gw_online"), c)
    in_service = col("rented_chips_m") + powered
    _capacity(in_service, c, out=col("capacity_bq"))
    np.divide(own, c.chips_m_per_gw, out=col("power_gw_needed"))
    _cost_per_query(in_service, powered, col("inference_cost_mult"), c, out=col("inference_cost_cents"))
    if others is not None:
        for name, old in zip(_DERIVED, kept, strict=True):
            col(name)[others] = old


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


# The tracks `advance_quarter` changes (a world that is not live keeps its values of these).
CHANGED_TRACKS: tuple[str, ...] = (
    "campus_gw_built",
    "own_chips_m",
    "chips_reserved_m",
    "demand_bq",
    "served_bq",
    "launch_boost_pct",
    "price_cents",
    "staff_busd_per_year",
    "inference_cost_mult",
    "q_revenue_busd",
    "q_inference_busd",
    "q_training_busd",
    "q_staff_busd",
    "q_products_busd",
    "q_capex_busd",
    "q_energy_busd",
    "q_spend_busd",
    "cash_busd",
    "revenue_busd_per_year",
    "spend_busd_per_year",
    "trust",
    "away_streak",
    "safety_debt",
    "scrutiny",
    "credibility",
    "valuation_busd",
    "capacity_bq",
    "power_gw_needed",
    "inference_cost_cents",
)


def advance_quarter(
    tr: np.ndarray,
    pipeline_gw: np.ndarray,
    c: Constants,
    year: float,
    products_busd: np.ndarray,
    products_growth_pct: np.ndarray,
    u_incident: np.ndarray,
    live: np.ndarray,
    query_energy: float = 0.0,
) -> np.ndarray:
    """Advance every live world one quarter, in place; return where an incident struck.

    tr: tracks (worlds, labs, tracks). pipeline_gw: campus GW arriving in k+1 quarters
    (worlds, labs, build slots). products_busd / products_growth_pct: running products' cost and
    extra demand growth this quarter (worlds, labs). u_incident: uniform draws (worlds, labs).
    live: worlds still playing (worlds,); the rest are left untouched. query_energy: the
    electricity of a billion queries, $B (`industry.query_energy_busd_per_bq`; 0: not counted apart).

    The worlds are worked through in runs of BLOCK worlds, lab by lab: a run's tracks and
    intermediate arrays then stay in the processor's cache (at 100,000 worlds one track is
    800 kB, and memory traffic rather than arithmetic would set the pace). A run is updated in
    place through views of its tracks, finished worlds included (picking the live worlds out
    and back would cost more than computing the few finished ones), and the finished worlds'
    old values are put back. Each world's figures come from the same operations in the same
    order whatever its run, so neither the block size nor the other worlds change a result.
    """
    labs = tr.shape[1]
    training = training_compute_busd(c, year)  # the same in every world
    incident = np.zeros(tr.shape[:2], dtype=bool)
    for run, dead in _runs(live):
        if len(dead) == run.stop - run.start:
            continue
        for lab in range(labs):
            incident[run, lab] = _advance_run(
                tr[run, lab],
                pipeline_gw[run, lab],
                c,
                training,
                products_busd[run, lab],
                products_growth_pct[run, lab],
                u_incident[run, lab],
                dead if len(dead) else None,
                query_energy,
            )
    return incident


def _runs(live: np.ndarray):
    """The runs of BLOCK worlds the model works through, each with its finished worlds'
    positions in the run (see `advance_quarter`)."""
    for lo in range(0, len(live), BLOCK):
        run = slice(lo, min(lo + BLOCK, len(live)))
        yield run, np.flatnonzero(~live[run])


def forecast(
    tr: np.ndarray,
    pipeline_gw: np.ndarray,
    c: Constants,
    year: float,
    products_busd: np.ndarray,
    products_growth_pct: np.ndarray,
    live: np.ndarray,
    track: str | None = None,
    query_energy: float = 0.0,
) -> np.ndarray:
    """What `advance_quarter` would make of the worlds with no incident, leaving them as they
    are: the tracks after the quarter (worlds, labs, tracks), or only `track` (worlds, labs).
    Worked run by run on copies of each run (in the run's own memory layout), so that no
    batch-sized copy is made."""
    labs = tr.shape[1]
    training = training_compute_busd(c, year)
    out = np.empty(tr.shape[:2]) if track is not None else np.empty_like(tr)
    for run, dead in _runs(live):
        for lab in range(labs):
            block = np.copy(tr[run, lab], order="K")
            if len(dead) < run.stop - run.start:
                _advance_run(
                    block,
                    np.copy(pipeline_gw[run, lab], order="K"),
                    c,
                    training,
                    products_busd[run, lab],
                    products_growth_pct[run, lab],
                    np.full(run.stop - run.start, 2.0),  # a draw no incident's odds reach
                    dead if len(dead) else None,
                    query_energy,
                )
            if track is None:
                out[run, lab] = block
            else:
                out[run, lab] = block[:, T[track]]
    return out


def _advance_run(
    tr: np.ndarray,
    pipeline_gw: np.ndarray,
    c: Constants,
    training: float,
    products_busd: np.ndarray,
    products_growth_pct: np.ndarray,
    u_incident: np.ndarray,
    dead: np.ndarray | None,
    query_energy: float = 0.0,
) -> np.ndarray:
    """Advance a run of worlds of one lab one quarter, in place, except the worlds `dead`
    (positions in the run, or None); return where an incident struck.

    tr: that lab's tracks (worlds, tracks); pipeline_gw: its build slots (worlds, slots); the
    other arrays are (worlds,). Each track is a view, updated in place by the same operations,
    in the same order, as `new = f(old, ...)` would do: a track's old value is never read
    after its update, and a value is kept within bounds only after its last use unclamped.
    Only the two operands of a sum or a product may trade places (`x *= k` for `k * x`),
    which gives the same bits in floating point.
    """

    def col(name: str) -> np.ndarray:  # one track over the run: a contiguous view
        return tr[:, T[name]]

    slots = [pipeline_gw[:, b] for b in range(pipeline_gw.shape[-1])]
    if dead is not None:  # saved now, put back at the end
        kept = [col(name)[dead] for name in CHANGED_TRACKS]
        kept_slots = [slot[dead] for slot in slots]

    # Campuses under construction: pay this quarter's share, shift the pipeline (slot by slot:
    # the pipeline is stored slot-major, one contiguous run of worlds per slot).
    capex = slots[0].copy()  # GW building
    for more in slots[1:]:
        capex += more
    capex = campus_bill_busd(c, capex)
    built = col("campus_gw_built")
    built += slots[0]  # arriving
    for b in range(len(slots) - 1):
        slots[b][:] = slots[b + 1]
    slots[-1][:] = 0.0

    # Reserved chips move into finished campuses.
    own, reserved = col("own_chips_m"), col("chips_reserved_m")
    install = np.multiply(built, c.chips_m_per_gw)
    install -= own
    np.maximum(install, 0.0, out=install)  # room
    np.minimum(install, reserved, out=install)
    own += install
    reserved -= install
    kept_in_bounds("campus_gw_built", built)
    kept_in_bounds("chips_reserved_m", reserved)

    # Demand grows with credibility and recent launches; capacity serves what it can.
    credibility, boost = col("credibility"), col("launch_boost_pct")
    growth = credibility - c.credibility_neutral
    growth *= c.demand_growth_per_credibility_pct
    growth += c.demand_growth_pct
    growth += boost
    growth += products_growth_pct
    growth /= 100.0
    np.maximum(growth, -0.5, out=growth)
    growth += 1.0
    demand = col("demand_bq")
    demand *= growth
    rented, power, mult = col("rented_chips_m"), col("power_gw_online"), col("inference_cost_mult")
    powered = _powered(own, power, c)
    in_service = rented + powered
    served = _capacity(in_service, c, out=col("served_bq"))
    np.minimum(demand, served, out=served)
    cred_loss = np.maximum(demand, 1e-12)
    np.divide(served, cred_loss, out=cred_loss)
    np.subtract(1.0, cred_loss, out=cred_loss)  # the share of demand not served
    cred_loss -= c.unserved_tolerance
    np.maximum(cred_loss, 0, out=cred_loss)
    cred_loss *= c.unserved_credibility_penalty
    kept_in_bounds("demand_bq", demand)
    boost *= c.launch_boost_decay
    kept_in_bounds("launch_boost_pct", boost)

    # Money in and out.
    price, staff_year = col("price_cents"), col("staff_busd_per_year")
    revenue = served * price
    revenue /= 100.0
    inference = _cost_per_query(in_service, powered, mult, c)
    inference *= served
    inference /= 100.0
    staff = staff_year / 4.0
    energy = electricity_bill_busd(c, powered)  # the GW the powered own chips draw
    if query_energy:
        # The electricity of the queries served on rented chips: inside the cost of a query
        # (the cloud pays the power and bills it), shown on the electricity line.
        on_rented = serving_electricity_busd(served, rented, in_service, query_energy)
        inference -= on_rented
        energy += on_rented
    spend = inference + training
    spend += energy
    spend += staff
    spend += products_busd
    spend += capex
    q_revenue, q_spend = col("q_revenue_busd"), col("q_spend_busd")
    q_revenue += revenue
    col("q_inference_busd")[:] += inference
    col("q_training_busd")[:] += training
    col("q_staff_busd")[:] += staff
    col("q_products_busd")[:] += products_busd
    col("q_capex_busd")[:] += capex
    col("q_energy_busd")[:] += energy
    q_spend += spend
    cash = col("cash_busd")
    cash += revenue
    cash -= spend
    revenue_year = np.multiply(q_revenue, 4.0, out=col("revenue_busd_per_year"))
    spend_year = np.add(q_spend, col("spend_lag1_busd"), out=col("spend_busd_per_year"))
    spend_year += col("spend_lag2_busd")
    spend_year += col("spend_lag3_busd")

    # Drift: prices fall, efficiency improves, the payroll grows.
    price *= 1.0 - c.price_decline_pct / 100.0
    mult *= 1.0 - c.efficiency_gain_pct / 100.0
    staff_year *= 1.0 + c.staff_growth_pct / 100.0
    for name, value in (("price_cents", price), ("inference_cost_mult", mult), ("staff_busd_per_year", staff_year)):
        kept_in_bounds(name, value)

    # People: a touring CEO loses the team, a CEO at headquarters wins it back, and a quarter
    # spent based abroad without travelling does neither (the touring streak waits as it is);
    # scrutiny fades slowly; unserved demand costs trust of customers (credibility).
    away = col("away_this_quarter") > 0
    home = ~away & (col("based_abroad") <= 0)
    trust, streak, debt, sc = col("trust"), col("away_streak"), col("safety_debt"), col("scrutiny")
    trust += np.where(away, -c.away_trust_loss, np.where(home, c.home_trust_gain, 0.0))
    streak[:] = np.where(away, streak + 1.0, np.where(home, 0.0, streak))
    debt += np.where(away, c.safety_debt_per_away_quarter, 0.0)
    scrutiny = np.where(sc > c.scrutiny_floor, np.maximum(sc - c.scrutiny_decay, c.scrutiny_floor), sc)
    credibility -= cred_loss

    # Incidents: rushed launches and lapses grow likelier with touring and skipped safety work.
    chance = streak * c.incident_chance_per_away_quarter
    chance += c.incident_base_chance
    chance += debt * c.incident_chance_per_safety_debt
    incident = u_incident < chance
    credibility += np.where(incident, c.incident_credibility, 0.0)
    np.add(scrutiny, np.where(incident, c.incident_scrutiny, 0.0), out=sc)
    trust += np.where(incident, c.incident_trust, 0.0)
    for name, value in (("trust", trust), ("away_streak", streak), ("safety_debt", debt), ("scrutiny", sc)):
        kept_in_bounds(name, value)

    # Valuation drifts towards a revenue multiple that credibility stretches or shrinks.
    step = credibility - c.credibility_neutral
    step *= c.valuation_credibility_weight
    step += 1.0
    np.maximum(step, 0.2, out=step)
    step *= c.valuation_multiple
    np.multiply(revenue_year, step, out=step)  # the target
    val = col("valuation_busd")
    step -= val
    step *= c.valuation_smoothing
    val += step
    kept_in_bounds("credibility", credibility)
    kept_in_bounds("valuation_busd", val)
    kept_in_bounds("own_chips_m", own)

    _derive(tr, c)  # the derived tracks follow from the new state

    if dead is not None:
        for name, old in zip(CHANGED_TRACKS, kept, strict=True):
            col(name)[dead] = old
        for slot, old in zip(slots, kept_slots, strict=True):
            slot[dead] = old
        incident[dead] = False
    return incident


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
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -500.0, 500.0)))  # no overflow at absurd asks
