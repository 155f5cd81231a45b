"""How the classroom tools write numbers and changes: '6.5 $B', 'scrutiny +1.6', '2.0 GW'."""

from __future__ import annotations

import math

# Tracks a teacher reads, with a short name and how a value of it is written.
NAMES: dict[str, str] = {
    "cash_busd": "cash",
    "revenue_busd_per_year": "revenue",
    "spend_busd_per_year": "spending",
    "burn_busd_per_year": "burn",
    "power_gw_online": "power online",
    "power_gw": "power online",
    "power_gw_needed": "power needed",
    "scrutiny": "scrutiny",
    "credibility": "credibility",
    "trust": "trust",
    "valuation_busd": "valuation",
    "raised_busd": "raised",
    "equity_sold_pct": "equity sold",
    "rented_chips_m": "rented chips",
    "own_chips_m": "own chips",
    "chips_reserved_m": "chips on order",
    "chips": "chips",
    "demand_bq": "demand",
    "safety_debt": "safety debt",
    "inference_cost_cents": "cost per query",
    "price_cents": "revenue per query",
    "staff_busd_per_year": "staff bill",
    "attention": "attention",
    "campus_gw_domestic": "US campuses",
    "campus_gw_abroad": "campuses abroad",
}


def value(key: str, v: float) -> str:
    """A track's value in its unit."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if key == "chips":
        return f"{v / 1e6:.2f} M chips"
    if key.endswith("_busd_per_year"):
        return f"{v:,.1f} $B/yr"
    if key.endswith("_busd"):
        return f"{v:,.0f} $B" if abs(v) >= 100 else f"{v:,.1f} $B"
    if "_gw" in key:
        return f"{v:.1f} GW"
    if key.endswith("_chips_m"):
        return f"{v:.2f} M chips"
    if key.endswith("_pct"):
        return f"{v:.0f}%"
    if key.endswith("_cents"):
        return f"{v:.2f} cents"
    if key.endswith("_bq"):
        return f"{v:.1f} bn queries"
    return f"{v:.1f}"


def change(key: str, d: float) -> str:
    """A change of a track: 'cash +6.5 $B', 'scrutiny -0.5'."""
    name = NAMES.get(key, key.replace("_", " "))
    sign = "+" if d >= 0 else "-"
    a = abs(d)
    if key.endswith("_busd_per_year"):
        return f"{name} {sign}{a:,.1f} $B/yr"
    if key.endswith("_busd"):
        return f"{name} {sign}{a:,.1f} $B"
    if "_gw" in key:
        return f"{name} {sign}{a:.1f} GW"
    if key.endswith("_chips_m"):
        return f"{name} {sign}{a * 1e6:,.0f}"
    if key.endswith("_pct"):
        return f"{name} {sign}{a:.1f} points"
    if key.endswith("_bq"):
        return f"{name} {sign}{a:.1f} bn queries"
    return f"{name} {sign}{a:.1f}"


def changes(diff: dict[str, float], keys: tuple[str, ...] | None = None, limit: int = 4) -> str:
    """The biggest changes of a diff, in words, biggest first."""
    items = [(k, d) for k, d in diff.items() if (keys is None or k in keys) and abs(d) > 1e-6]
    items.sort(key=lambda kd: -abs(kd[1]) / SCALE.get(kd[0], 1.0))
    return ", ".join(change(k, d) for k, d in items[:limit])


def busd(x: float) -> str:
    """6.5 -> '6.5 $B', 7000 -> '7,000 $B'."""
    if math.isclose(x, round(x)):
        return f"{int(round(x)):,} $B"
    return f"{x:,.1f} $B"


def pct(x: float) -> str:
    return f"{x:.0%}"


# How big a change must be to matter, per track (used to rank decisions and changes).
SCALE: dict[str, float] = {
    "cash_busd": 2.0,
    "valuation_busd": 15.0,
    "scrutiny": 0.5,
    "credibility": 0.5,
    "trust": 0.5,
    "power_gw_online": 0.3,
    "chips_reserved_m": 0.1,
    "rented_chips_m": 0.03,
    "own_chips_m": 0.1,
    "safety_debt": 1.0,
    "demand_bq": 2.0,
    "equity_sold_pct": 3.0,
    "price_cents": 0.3,
    "inference_cost_mult": 0.05,
    "staff_busd_per_year": 0.3,
    "campus_gw_domestic": 0.5,
    "campus_gw_abroad": 0.5,
    "raised_busd": 1e9,  # counted through cash
}
