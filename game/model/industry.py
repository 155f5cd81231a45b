"""The industry the lab depends on: the world's AI chips, their price, Nvidia dependence, the US
grid's new connections and the energy of a query.

Numpy over a leading axis of worlds (and labs where a figure is a lab's), like the rest of the
model; every number comes from `IndustryConstants`, filled from the scenario's `industry:`
section. The rules, in the words the help text uses:

- Each quarter the world's fabs deliver `supply(t)` million AI chips (growing by a share a
  quarter), plus what fabs funded by deals add. The rivals buy first, up to a share of it; what
  they leave is what the labs can buy this quarter.
- A chip's price rises with what has been bought (as a resource market does in Power Grid):
  the next chip costs `base * (1 + slope * taken / supply)`, so a purchase pays the average of
  that line over the chips it takes. Between quarters the base moves with the shortage: it
  rises when the buyers wanted more than the supply, falls when they wanted less.
- Nvidia dependence (0-100%) is what share of the lab's chips only Nvidia can sell it. It starts
  high and falls with the options of article C: the lab's own chip programme (once it
  delivers), a chip maker bought, more suppliers. A lab pays Nvidia's margin on its dependent
  share (`independence_discount_pct` cut on the rest) and can reach only Nvidia's share of the
  supply left plus its independent share.
- The US grid connects at most `grid(t)` GW of new load a quarter; the rivals take theirs first.
- A query uses `query_energy_ratio` times a web search's energy; its electricity is paid with
  the serving bill.
"""

from __future__ import annotations

import numpy as np

from .constants import IndustryConstants

# The world's market figures, one row per world in `BatchState.market` (their column here).
MARKET: tuple[str, ...] = (
    "chip_supply_m",  # AI chips delivered this quarter, millions (rivals' purchases included)
    "chip_left_m",  # chips still for sale this quarter, millions
    "chip_base_kusd",  # this quarter's base price of a chip, thousand $
    "chips_wanted_m",  # chips the buyers asked for this quarter (what they bought plus what rivals could not get)
    "extra_supply_m",  # chips a quarter added to the supply by fabs that deals funded, millions
    "grid_cap_gw",  # new load the US grid can connect this quarter, GW
    "grid_left_gw",  # new load still to connect this quarter, GW
)
M = {name: i for i, name in enumerate(MARKET)}
N_MARKET = len(MARKET)
CHIPS, GW = 0, 1  # the two things each buyer takes (`BatchState.taken`'s last axis)


def grown(start: float, growth_pct: float, turn: int) -> float:
    """A figure that grows by the same share every quarter, `turn` quarters after the start."""
    return start * (1.0 + growth_pct / 100.0) ** turn


def chip_supply_m(ic: IndustryConstants, turn: int) -> float:
    """The chips the world's fabs deliver in quarter `turn` (before fabs funded by deals), millions."""
    return grown(ic.chip_supply_m_per_quarter, ic.chip_supply_growth_pct, turn)


def grid_cap_gw(ic: IndustryConstants, turn: int) -> float:
    """The new load the US grid can connect in quarter `turn`, GW."""
    return grown(ic.grid_new_gw_per_quarter, ic.grid_growth_pct, turn)


def rivals_take(wanted: np.ndarray, available: np.ndarray | float, max_share_pct: float) -> np.ndarray:
    """What each rival gets: its demand, all scaled down alike when together they want more than
    their share of what is available. wanted: (R,) or (W, R); returns the same shape."""
    wanted = np.asarray(wanted, dtype=float)
    total = wanted.sum(axis=-1, keepdims=True)
    room = np.asarray(available, dtype=float)[..., None] * (max_share_pct / 100.0) if np.ndim(available) else (
        float(available) * max_share_pct / 100.0
    )
    scale = np.where(total > room, room / np.maximum(total, 1e-12), 1.0)
    return wanted * scale


def chip_price_kusd(base: np.ndarray, supply: np.ndarray, left: np.ndarray, slope: float) -> np.ndarray:
    """The price of the next chip on the market, thousand $: the base, dearer by `slope` times
    the share of the quarter's supply already bought."""
    taken = np.clip(1.0 - left / np.maximum(supply, 1e-12), 0.0, 1.0)
    return base * (1.0 + slope * taken)


def dependence_pct(ic: IndustryConstants, programme: np.ndarray, maker: np.ndarray, suppliers: np.ndarray) -> np.ndarray:
    """A lab's Nvidia dependence, %: the start, less what each option it has takes off, never
    below the floor (nor above the start)."""
    dep = ic.dependence_start_pct - ic.dependence_programme_pct * np.minimum(programme, 1.0)
    dep = dep - ic.dependence_chip_maker_pct * np.minimum(maker, 1.0)
    dep = dep - ic.dependence_supplier_pct * suppliers
    return np.clip(dep, min(ic.dependence_floor_pct, ic.dependence_start_pct), ic.dependence_start_pct)


def price_factor(ic: IndustryConstants, dependence: np.ndarray) -> np.ndarray:
    """What share of the market price a lab pays: the whole on its dependent share, less the
    independence discount on the rest."""
    return 1.0 - ic.independence_discount_pct / 100.0 * (1.0 - dependence / 100.0)


def reach_m(ic: IndustryConstants, left: np.ndarray, dependence: np.ndarray) -> np.ndarray:
    """The chips a lab can still buy this quarter, millions: Nvidia's share of what is left,
    plus the rest as far as the lab does not depend on Nvidia."""
    share = np.minimum(ic.nvidia_share_pct / 100.0 + (1.0 - dependence / 100.0), 1.0)
    return left * share


def purchase_busd(
    ic: IndustryConstants, chips_m: np.ndarray | float, base: np.ndarray, supply: np.ndarray, left: np.ndarray,
    dependence: np.ndarray,
) -> np.ndarray:
    """What buying `chips_m` million chips costs the lab now, $B (million chips times thousand $
    is $B): the average price along the market's line from what is taken to what will be taken,
    times the lab's price factor."""
    s = np.maximum(supply, 1e-12)
    taken = 1.0 - left / s
    mid = taken + np.asarray(chips_m) / s / 2.0
    return chips_m * base * (1.0 + ic.chip_price_slope * mid) * price_factor(ic, dependence)


def next_base_kusd(ic: IndustryConstants, base: np.ndarray, wanted: np.ndarray, supply: np.ndarray) -> np.ndarray:
    """The next quarter's base price: moved by `chip_price_drift` per unit of excess demand
    (wanted / supply - 1, counted between -0.5 and 1), kept between a half and four times the
    start figure."""
    excess = np.clip(wanted / np.maximum(supply, 1e-12) - 1.0, -0.5, 1.0)
    new = base * (1.0 + ic.chip_price_drift * excess)
    return np.clip(new, 0.5 * ic.chip_base_price_kusd, 4.0 * ic.chip_base_price_kusd)


def query_energy_busd_per_bq(ic: IndustryConstants, electricity_busd_per_gw_year: float) -> float:
    """The electricity of a billion queries, $B: a query's energy (a web search's times the
    ratio, Wh) at the price a GW drawn for a year costs (8,766 GWh a year)."""
    wh = ic.google_search_wh * ic.query_energy_ratio
    busd_per_gwh = electricity_busd_per_gw_year / (365.25 * 24.0)
    return wh * busd_per_gwh  # 1e9 queries x wh Wh = wh GWh
