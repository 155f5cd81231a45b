"""The words of the effect and condition vocabulary, explained for modders.

The model (game/model/tracks.py) owns the track names; this module says what each one means to
someone writing a card, so the validator's messages and the MODDING.md reference can use the
same sentence. A test checks that every track has its line here.
"""

from __future__ import annotations

from game.model.tracks import BOUNDS, DELAYED_KEYS, EFFECT_KEYS, PCT_EFFECTS, STATE_TRACKS, TRACKS

TRACK_HELP: dict[str, str] = {
    "cash_busd": "money in the bank, $B; below 0 the default campaign is lost",
    "demand_bq": "queries the world wants this quarter, billions",
    "rented_chips_m": "cloud chips the lab rents, millions; they serve queries at once",
    "own_chips_m": "chips installed in the lab's own campuses, millions",
    "chips_reserved_m": "chips a supplier has allocated, millions; installed when a campus has room",
    "campus_gw_built": "campus shells finished, GW of room for own chips",
    "campus_gw_domestic": "campuses commissioned at home, GW, built or building",
    "campus_gw_abroad": "campuses commissioned abroad, GW, built or building",
    "power_gw_online": "power contracted and flowing, GW",
    "scrutiny": "security scrutiny, 0 to 10",
    "credibility": "how seriously investors and customers take the lab, 0 to 10",
    "trust": "the team's trust in its CEO, 0 to 10",
    "valuation_busd": "what investors think the lab is worth, $B",
    "equity_sold_pct": "share of the lab sold to investors so far, percent",
    "price_cents": "revenue per query, US cents",
    "inference_cost_mult": "multiplier on the base cost of a query (1 at the start)",
    "staff_busd_per_year": "the yearly staff bill, $B",
    "attention": "attention points left this quarter",
    "away_streak": "quarters in a row the CEO spent touring",
    "away_this_quarter": "1 when the CEO left headquarters this quarter",
    "based_abroad": "1 while the CEO is based away from headquarters",
    "quarters_since_launch": "quarters since the last frontier model launch",
    "launch_boost_pct": "extra demand growth from recent launches, percent per quarter",
    "safety_debt": "testing skipped and corners cut, 0 to 10; feeds the odds of an incident",
    "operations_done": "1 once operations ran this quarter",
    "safety_review_done": "1 once a safety review ran this quarter",
    "raised_busd": "money raised from investors since the start, $B",
    "chip_programme_done": "1 once the lab's own AI chip delivers (a delayed effect of the deal that starts it)",
    "chip_maker_owned": "1 once the lab owns a chip maker",
    "suppliers_added": "chip suppliers signed beyond Nvidia",
    "nvidia_dependence_pct": "share of the lab's chips only Nvidia can sell it, % (set by the industry section's dependence rule)",
    "q_chips_busd": "this quarter's chip purchases at the market price, $B",
    "revenue_busd_per_year": "revenue run-rate: last quarter's revenue x 4, $B",
    "spend_busd_per_year": "spending run-rate: last quarter's spending x 4, $B",
    "capacity_bq": "queries the lab's chips can serve this quarter, billions",
    "served_bq": "queries served last quarter, billions",
    "power_gw_needed": "power the installed own chips need, GW",
    "inference_cost_cents": "cost of one query, US cents",
    "cash_at_quarter_start": "cash when the quarter opened, $B",
    "q_revenue_busd": "this quarter's revenue so far, $B",
    "q_spend_busd": "this quarter's spending so far, $B",
    "q_raised_busd": "money raised this quarter, $B",
    "q_other_busd": "cash moved by cards and deals this quarter, $B",
    "q_inference_busd": "this quarter's bill for serving queries, $B",
    "q_training_busd": "this quarter's bill for training, $B",
    "q_staff_busd": "this quarter's staff bill, $B",
    "q_products_busd": "this quarter's bill for running products, $B",
    "q_capex_busd": "this quarter's building and prepayments, $B",
    "q_energy_busd": "this quarter's electricity bill: the GW the lab's own campuses draw, and the queries served on rented chips, $B",
    "spend_lag1_busd": "spending one quarter ago, $B",
    "spend_lag2_busd": "spending two quarters ago, $B",
    "spend_lag3_busd": "spending three quarters ago, $B",
}

PCT_HELP = {
    key: f"changes {track} by a percentage: {key}: 10 is +10%" for key, track in PCT_EFFECTS.items()
}

CONDITION_HELP: dict[str, str] = {
    "year": "the calendar year, e.g. year: {gte: 2026}",
    "quarter": "the quarter of the year, 1 to 4, e.g. quarter: 3",
    "turn": "quarters played since the start (0 in the first quarter)",
    "at": "the space where the CEO stands, by id, e.g. at: tokyo",
    "signed": "true once this deal went through, by id",
    "not_signed": "true until this deal went through, by id",
    "running": "true while this product runs, by id",
    "presented_vision": (
        "true once the build-out was presented at this space at its full size (the vision), by "
        "id, e.g. presented_vision: hsinchu: a reaction card needs the presentation that causes it"
    ),
    "buildout_busd": "the build-out's size now, $B: the vision until it is scaled back, e.g. buildout_busd: {lt: 7000}",
}

# Why an effect may not change a track the model computes or keeps for itself.
NOT_AN_EFFECT: dict[str, str] = {
    "own_chips_m": "own chips arrive when reserved chips (chips_reserved_m) fit into a finished campus",
    "campus_gw_built": "campuses are built by the commission-campus action, not by cards",
    "campus_gw_domestic": "campuses are commissioned by the player at a campus site",
    "campus_gw_abroad": "campuses are commissioned by the player at a campus site",
    "raised_busd": "it counts money raised by pitches; give cash with cash_busd",
    "away_this_quarter": "the rules set it when the CEO travels",
    "based_abroad": "the rules set it when the CEO travels",
    "operations_done": "the rules set it when operations run",
    "safety_review_done": "the rules set it when a safety review runs",
}


def track_help(name: str) -> str:
    return TRACK_HELP.get(name) or PCT_HELP.get(name, "")


def why_not_effect(key: str) -> str:
    """Why `key` cannot be an effect, when it names a track (empty when it is no track at all)."""
    if key in NOT_AN_EFFECT:
        return NOT_AN_EFFECT[key]
    if key in TRACKS and key not in STATE_TRACKS:
        return "the model computes it every quarter; change what it is computed from instead"
    return ""


def bounds_of(track: str) -> tuple[float, float] | None:
    """(low, high) for tracks the model clamps; None for open-ended tracks."""
    return BOUNDS.get(track)


__all__ = [
    "BOUNDS",
    "CONDITION_HELP",
    "DELAYED_KEYS",
    "EFFECT_KEYS",
    "PCT_EFFECTS",
    "PCT_HELP",
    "TRACK_HELP",
    "bounds_of",
    "track_help",
    "why_not_effect",
]


def unknown_word(kind: str, word: str, valid: tuple[str, ...] | list[str], plural: str = "") -> str:
    """'unknown effect "x" (did you mean "y"?); the effects are: a, b, c': a word the format does
    not know, the likely misspelling, and every word it would take in that place."""
    from game.scenario.schema import did_you_mean

    return (
        f'unknown {kind} "{word}"{did_you_mean(str(word), list(valid))}; '
        f"the {plural or kind + 's'} are: {', '.join(valid)}"
    )
