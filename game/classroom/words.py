"""How the classroom tools write changes and rank them: 'cash +6.5 $B', 'scrutiny +1.6'.

Numbers and track names come from the one text layer (game.text.numbers), as on the board."""

from __future__ import annotations

import math

from game.text import numbers

# Names the result files use for tracks the board calls otherwise.
_ALIASES = {"power_gw": "power_gw_online"}


def value(key: str, v: float | None) -> str:
    """A track's value in its unit, as the board writes it ('-' when there is none)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return numbers.value(_ALIASES.get(key, key), v)


def change(key: str, d: float) -> str:
    """A change of a track: 'cash +6.5 $B', 'scrutiny −0.5'."""
    key = _ALIASES.get(key, key)
    return f"{numbers.label(key).lower()} {numbers.delta(key, d)}"


def changes(diff: dict[str, float], keys: tuple[str, ...] | None = None, limit: int = 4) -> str:
    """The biggest changes of a diff, in words, biggest first."""
    items = [(k, d) for k, d in diff.items() if (keys is None or k in keys) and abs(d) > 1e-6]
    items.sort(key=lambda kd: -abs(kd[1]) / SCALE.get(kd[0], 1.0))
    return ", ".join(change(k, d) for k, d in items[:limit])


busd = numbers.money  # 6.5 -> '6.5 $B', 7000 -> '7,000 $B'


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
