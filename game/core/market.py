"""The industry's rules on a batch of worlds: the quarter's chip supply and grid connections,
what the rivals take first, what a lab's purchase costs and takes, and Nvidia dependence.

The arithmetic is game/model/industry.py's; this module reads and writes the batch's market
state (`BatchState.market`, `taken`, `fab_pending`). Nothing happens when the scenario has no
`industry:` section (chips and new grid load are then unlimited, as under the older rules).
"""

from __future__ import annotations

import numpy as np

from game.core.compiled import HORIZON, Compiled
from game.core.effects import spend
from game.core.state import PLAYER, BatchState
from game.model import industry as ind
from game.model.industry import CHIPS, GW, M
from game.model.tracks import T

_DEP = T["nvidia_dependence_pct"]


def refresh_dependence(st: BatchState, c: Compiled, w: np.ndarray | slice = slice(None)) -> None:
    """Every lab's Nvidia dependence in the worlds w, from the options it has."""
    if c.industry is None:
        return
    tr = st.tracks
    dep = ind.dependence_pct(
        c.industry.consts,
        tr[w, :, T["chip_programme_done"]],
        tr[w, :, T["chip_maker_owned"]],
        tr[w, :, T["suppliers_added"]],
    )
    tr[w, :, _DEP] = dep


def open_quarter(st: BatchState, c: Compiled, w: np.ndarray) -> None:
    """Open the quarter's market in the worlds w: fabs funded earlier start delivering, the
    world's supply and the grid's cap are set, the rivals buy first, dependence is worked out."""
    ci = c.industry
    if ci is None or len(w) == 0:
        return
    ic = ci.consts
    m = st.market
    slot = st.turn % HORIZON
    m[w, M["extra_supply_m"]] += st.fab_pending[w, slot]
    st.fab_pending[w, slot] = 0.0
    if st.turn == 0:
        m[w, M["chip_base_kusd"]] = ic.chip_base_price_kusd
    supply = ind.chip_supply_m(ic, st.turn) + m[w, M["extra_supply_m"]]
    cap = ind.grid_cap_gw(ic, st.turn)
    chips_wanted, gw_wanted = ci.rivals_wanted(st.turn)
    if st.rivals_off:  # rivals playing as labs buy through their own moves
        off = list(st.rivals_off)
        chips_wanted, gw_wanted = chips_wanted.copy(), gw_wanted.copy()
        chips_wanted[off] = 0.0
        gw_wanted[off] = 0.0
    labs = st.tracks.shape[1]
    taken = st.taken
    taken[w] = 0.0
    if len(chips_wanted):
        got = ind.rivals_take(np.broadcast_to(chips_wanted, (len(w), len(chips_wanted))), supply, ic.rivals_max_share_pct)
        gw_got = ind.rivals_take(gw_wanted, cap, ic.rivals_max_share_pct)
        taken[w, labs:, CHIPS] = got
        taken[w, labs:, GW] = gw_got
        rivals_chips = got.sum(axis=1)
        rivals_gw = float(gw_got.sum())
    else:
        rivals_chips, rivals_gw = 0.0, 0.0
    m[w, M["chip_supply_m"]] = supply
    m[w, M["chip_left_m"]] = supply - rivals_chips
    m[w, M["chips_wanted_m"]] = float(chips_wanted.sum())
    m[w, M["grid_cap_gw"]] = cap
    m[w, M["grid_left_gw"]] = cap - rivals_gw
    refresh_dependence(st, c, w)


def close_quarter(st: BatchState, c: Compiled, w: np.ndarray) -> None:
    """At the quarter's end, in the worlds w: the base price moves with the shortage (what the
    buyers wanted against the supply)."""
    ci = c.industry
    if ci is None or len(w) == 0:
        return
    m = st.market
    m[w, M["chip_base_kusd"]] = ind.next_base_kusd(
        ci.consts, m[w, M["chip_base_kusd"]], m[w, M["chips_wanted_m"]], m[w, M["chip_supply_m"]]
    )


def price_now(st: BatchState, c: Compiled, w: np.ndarray | slice = slice(None)) -> np.ndarray:
    """The price of the next chip on the market in the worlds w, thousand $ (before the lab's
    dependence)."""
    m = st.market
    return ind.chip_price_kusd(
        m[w, M["chip_base_kusd"]], m[w, M["chip_supply_m"]], m[w, M["chip_left_m"]], c.industry.consts.chip_price_slope
    )


def asked(ctx, chips_m: float) -> tuple[np.ndarray, np.ndarray]:
    """(the chips within the player's reach, what `chips_m` million chips would cost) in the
    worlds a requirements question asks about (a moves' Context), worked out once per question
    and amount: the chip purchase and the deals that buy chips share them."""
    memo = ctx.__dict__.setdefault("_market", {})
    w = slice(None) if ctx.w is None else ctx.w  # in place when every world is asked about
    if "reach" not in memo:
        memo["reach"] = reach(ctx.st, ctx.c, w)
    if chips_m not in memo:
        memo[chips_m] = cost(ctx.st, ctx.c, chips_m, w)
    return memo["reach"], memo[chips_m]


def reach(st: BatchState, c: Compiled, w: np.ndarray | slice = slice(None), lab: int = PLAYER) -> np.ndarray:
    """The chips the lab can still buy this quarter in the worlds w, millions."""
    return ind.reach_m(c.industry.consts, st.market[w, M["chip_left_m"]], st.tracks[w, lab, _DEP])


def cost(st: BatchState, c: Compiled, chips_m: float, w: np.ndarray | slice = slice(None), lab: int = PLAYER) -> np.ndarray:
    """What `chips_m` million chips would cost the lab now in the worlds w, $B."""
    m = st.market
    return ind.purchase_busd(
        c.industry.consts, chips_m, m[w, M["chip_base_kusd"]], m[w, M["chip_supply_m"]], m[w, M["chip_left_m"]],
        st.tracks[w, lab, _DEP],
    )


def buy(st: BatchState, c: Compiled, w: np.ndarray, chips_m: float) -> np.ndarray:
    """The player's lab buys `chips_m` million chips in the worlds w: it pays the market (on the
    chips line of the ledger), and the chips leave the quarter's supply. Returns what it paid."""
    paid = cost(st, c, chips_m, w)
    spend(st, w, paid, "q_chips_busd")
    take_chips(st, w, chips_m)
    return paid


def take_chips(st: BatchState, w: np.ndarray, chips_m: float | np.ndarray, lab: int = PLAYER) -> None:
    """The chips leave the quarter's supply, taken by the lab (counted in what buyers wanted)."""
    m = st.market
    m[w, M["chip_left_m"]] -= chips_m
    m[w, M["chips_wanted_m"]] += chips_m
    st.taken[w, lab, CHIPS] += chips_m


def connect(st: BatchState, w: np.ndarray, gw: float, lab: int = PLAYER) -> None:
    """The lab connects `gw` of new load to the US grid in the worlds w."""
    st.market[w, M["grid_left_gw"]] -= gw
    st.taken[w, lab, GW] += gw


def fund_fabs(st: BatchState, w: np.ndarray, chips_m: float, after: int) -> None:
    """Fabs that add `chips_m` million chips a quarter to the world's supply, `after` quarters on."""
    st.fab_pending[w, (st.turn + after) % HORIZON] += chips_m


def summary(st: BatchState, c: Compiled, world: int = 0, lab: int = PLAYER) -> dict | None:
    """The market as world `world` stands, for the board and the text mode (None without an
    industry section): the next chip's price (thousand $, on the market and for this lab), the
    quarter's supply and what is left within the lab's reach (millions), the grid's cap and
    what is left (GW), the lab's dependence and the options that lowered it, and what each
    rival took this quarter."""
    ci = c.industry
    if ci is None:
        return None
    ic = ci.consts
    w = np.array([world])
    m = st.market[world]
    tr = st.tracks[world, lab]
    dep = float(tr[_DEP])
    labs = st.tracks.shape[1]
    causes = []
    if tr[T["chip_programme_done"]] >= 1:
        causes.append(("programme", ic.dependence_programme_pct))
    if tr[T["chip_maker_owned"]] >= 1:
        causes.append(("chip_maker", ic.dependence_chip_maker_pct))
    if tr[T["suppliers_added"]] > 0:
        causes.append(("suppliers", ic.dependence_supplier_pct * float(tr[T["suppliers_added"]])))
    price = float(price_now(st, c, w)[0])
    return {
        "price_kusd": price,
        "lab_price_kusd": price * float(ind.price_factor(ic, np.array(dep))),
        "supply_m": float(m[M["chip_supply_m"]]),
        "left_m": float(m[M["chip_left_m"]]),
        "reach_m": float(reach(st, c, w, lab)[0]),
        "grid_cap_gw": float(m[M["grid_cap_gw"]]),
        "grid_left_gw": float(m[M["grid_left_gw"]]),
        "dependence_pct": dep,
        "dependence_start_pct": ic.dependence_start_pct,
        "dependence_causes": causes,
        "rivals_chips_m": {r: float(st.taken[world, labs + k, CHIPS]) for k, r in enumerate(ci.rival_ids)},
        "rivals_gw": {r: float(st.taken[world, labs + k, GW]) for k, r in enumerate(ci.rival_ids)},
    }


def rule_figures(c: Compiled) -> dict[str, float] | None:
    """The figures the help's statement of the industry's rules quotes (None without one)."""
    ci = c.industry
    if ci is None:
        return None
    ic = ci.consts
    return {
        "supply_growth": ic.chip_supply_growth_pct,
        "rivals_share": ic.rivals_max_share_pct,
        "slope_x": 1.0 + ic.chip_price_slope,
        "dep_start": ic.dependence_start_pct,
        "discount": ic.independence_discount_pct,
        "nvidia": ic.nvidia_share_pct,
        "programme": ic.dependence_programme_pct,
        "maker": ic.dependence_chip_maker_pct,
        "supplier": ic.dependence_supplier_pct,
        "floor": ic.dependence_floor_pct,
        "grid": ic.grid_new_gw_per_quarter,
        "ratio": ic.query_energy_ratio,
    }
