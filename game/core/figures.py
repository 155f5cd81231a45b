"""The figures a game shows and records: which tracks, and what changed between two moments."""

from __future__ import annotations

import numpy as np

from game.model.tracks import DERIVED_TRACKS, T

# Tracks shown to players and saved in each quarter's history.
SHOWN_TRACKS: tuple[str, ...] = (
    "cash_busd",
    "revenue_busd_per_year",
    "spend_busd_per_year",
    "demand_bq",
    "served_bq",
    "capacity_bq",
    "rented_chips_m",
    "own_chips_m",
    "chips_reserved_m",
    "power_gw_online",
    "power_gw_needed",
    "campus_gw_built",
    "scrutiny",
    "credibility",
    "trust",
    "valuation_busd",
    "equity_sold_pct",
    "raised_busd",
    "inference_cost_cents",
    "price_cents",
    "safety_debt",
    "away_streak",
) + tuple(n for n in DERIVED_TRACKS if n.startswith("q_"))  # the quarter's ledger lines

# The tracks a preview reports, in the order a short list should keep them: cash and the
# equity a raise sells first (a client showing only the first few still shows them), then the
# others as SHOWN_TRACKS orders them, attention last.
PREVIEW_TRACKS: tuple[str, ...] = (
    ("cash_busd", "equity_sold_pct")
    + tuple(k for k in SHOWN_TRACKS if k not in ("cash_busd", "equity_sold_pct"))
    + ("attention",)
)



def track_dict(row: np.ndarray) -> dict[str, float]:
    """The shown tracks of one lab's row of tracks, by name."""
    return {k: float(row[T[k]]) for k in SHOWN_TRACKS}


def diff_tracks(before: np.ndarray, after: np.ndarray, names: tuple[str, ...] = SHOWN_TRACKS) -> dict[str, float]:
    """What moved between two rows of tracks (the quarter's ledger lines left out), by name."""
    out = {}
    for k in names:
        if k.startswith("q_"):
            continue
        d = float(after[T[k]] - before[T[k]])
        if abs(d) > 1e-9:
            out[k] = d
    return out


# The figures a result or a save reports for a lab: (its key, the track it reads, decimals kept).
REPORTED: tuple[tuple[str, str, int | None], ...] = (
    ("cash_busd", "cash_busd", 4),
    ("revenue_busd_per_year", "revenue_busd_per_year", 4),
    ("spend_busd_per_year", "spend_busd_per_year", 4),
    ("power_gw", "power_gw_online", 4),
    ("chips", "chips", None),
    ("scrutiny", "scrutiny", 4),
    ("credibility", "credibility", 4),
    ("trust", "trust", 4),
    ("valuation_busd", "valuation_busd", 4),
    ("equity_sold_pct", "equity_sold_pct", 4),
    ("raised_busd", "raised_busd", 4),
)


def reported_figures(track) -> dict[str, float]:
    """The figures a result or a save reports for a lab, from `track(name)` (a game's or one
    lab's of a race): one list, so that a one-lab result, a race's team file and a race save
    report the same keys."""
    return {key: (round(track(name), digits) if digits is not None else round(track(name))) for key, name, digits in REPORTED}

