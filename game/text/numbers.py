"""Numbers in the player's words: track names, units, signs and what counts as good news.

Every track the interface shows has an icon, a translated name, a unit and a direction (is a
rise good news, bad news, or neither?). Colour follows that direction, and an arrow and a sign
always say the same thing, so nothing is told by colour alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from game.scenario.schema import split_source
from game.text.catalog import keys, language, t

# French numbers: a no-break space (U+00A0) groups thousands and a comma marks decimals, "1 000,5";
# the same space goes before a unit, "7 Md$", and before : ; ! ? and inside « ». U+00A0 rather
# than the narrow U+202F: every shipped font has it (EB Garamond Italic lacks U+202F), and one
# space everywhere keeps the catalogs consistent. Python's own format() does the digits; a table
# of two characters is all the localising French needs (babel would add 30 MB of CLDR data for it).
NBSP = "\u00a0"
_SEPARATORS = {"fr": {ord(","): NBSP, ord("."): ","}}
_QUARTER_LABEL = re.compile(r"\bQ([1-4]) (\d{4})\b|\b(\d{4})Q([1-4])\b")
_FRENCH_SPACE_AFTER = re.compile(r"«[ \u202f]?")


def localise(formatted: str) -> str:
    """A number Python formatted in English ("1,000.5") in the language in use ("1 000,5")."""
    table = _SEPARATORS.get(language())
    return formatted.translate(table) if table else formatted


def unit_space() -> str:
    """The space between a number and its unit: a no-break one in French, "7 Md$"."""
    return NBSP if language() == "fr" else " "


def number(v: float, spec: str = ",g") -> str:
    """A plain number in the language in use: number(1000.5) is "1,000.5" or "1 000,5"."""
    return localise(format(v, spec))


def quarter(label: str) -> str:
    """A quarter's label in the language in use: the scenario's "Q1 2024" reads "T1 2024" in
    French, and so does a history point's "2024Q1". Any text with such labels in it can go
    through (the rest is left alone)."""
    return _QUARTER_LABEL.sub(
        lambda m: t("date.quarter", q=m.group(1) or m.group(4), year=m.group(2) or m.group(3)), label
    )


def punctuate(text: str) -> str:
    """French spacing for a sentence written elsewhere (a scenario's text) when the language in
    use is French: a no-break space before : ; ! ? » and after «. Other languages: unchanged.
    A colon inside a word or a web address ("https://") is left alone."""
    if language() != "fr":
        return text
    text = re.sub(r"(?<=\S)[ \u202f]?([;!?»])", NBSP + r"\1", text)
    text = re.sub(r"(?<=\S)[ \u202f]?:(?=\s|$)", NBSP + ":", text)
    return _FRENCH_SPACE_AFTER.sub("«" + NBSP, text)


@dataclass(frozen=True)
class TrackInfo:
    icon: str
    unit: str  # busd, busd_yr, bq, m_chips, chips, gw, points, pct, cents, quarters, count
    rise: int  # +1 a rise is good news, -1 bad news, 0 neither


TRACKS: dict[str, TrackInfo] = {
    "cash_busd": TrackInfo("cash", "busd", +1),
    "burn_busd_per_year": TrackInfo("burn", "busd_yr", -1),
    "runway_quarters": TrackInfo("runway", "quarters", +1),
    "revenue_busd_per_year": TrackInfo("revenue", "busd_yr", +1),
    "spend_busd_per_year": TrackInfo("burn", "busd_yr", -1),
    "staff_busd_per_year": TrackInfo("trust", "busd_yr", -1),
    "demand_bq": TrackInfo("revenue", "bq", +1),
    "served_bq": TrackInfo("chip", "bq", +1),
    "capacity_bq": TrackInfo("chip", "bq", +1),
    "chips": TrackInfo("chip", "chips", +1),
    "rented_chips_m": TrackInfo("chip", "m_chips", +1),
    "own_chips_m": TrackInfo("chip", "m_chips", +1),
    "chips_reserved_m": TrackInfo("chip", "m_chips", +1),
    "power_gw_online": TrackInfo("energy", "gw", +1),
    "power_gw_needed": TrackInfo("energy", "gw", 0),
    "campus_gw_built": TrackInfo("building", "gw", +1),
    "campus_gw_domestic": TrackInfo("building", "gw", +1),
    "campus_gw_abroad": TrackInfo("building", "gw", +1),
    "scrutiny": TrackInfo("scrutiny", "points", -1),
    "credibility": TrackInfo("credibility", "points", +1),
    "trust": TrackInfo("trust", "points", +1),
    "valuation_busd": TrackInfo("valuation", "busd", +1),
    "equity_sold_pct": TrackInfo("valuation", "pct", -1),
    "raised_busd": TrackInfo("cash", "busd", +1),
    "inference_cost_cents": TrackInfo("burn", "cents", -1),
    "price_cents": TrackInfo("revenue", "cents", +1),
    "safety_debt": TrackInfo("warning", "points", -1),
    "away_streak": TrackInfo("plane", "count", -1),
    "attention": TrackInfo("attention", "count", +1),
}

# The order effects are listed in: costs first, then money, then the rest.
EFFECT_ORDER = (
    "attention", "cash_busd", "scrutiny", "credibility", "trust", "valuation_busd", "equity_sold_pct",
    "power_gw_online", "chips_reserved_m", "rented_chips_m", "own_chips_m", "demand_bq", "price_cents",
    "inference_cost_cents", "safety_debt", "revenue_busd_per_year", "spend_busd_per_year", "away_streak",
    "campus_gw_built", "power_gw_needed", "served_bq", "capacity_bq",
)
# Moves a player never needs to see listed (they repeat another line).
QUIET = {"raised_busd", "served_bq", "capacity_bq"}


# Keys a card's effect may name that are not tracks the board shows (a change in percent of a
# track, a multiplier): their names are in the catalogs under effect_name.
EFFECT_ONLY: dict[str, TrackInfo] = {
    "demand_pct": TrackInfo("revenue", "pct", +1),
    "valuation_pct": TrackInfo("valuation", "pct", +1),
    "price_pct": TrackInfo("revenue", "pct", +1),
    "inference_cost_pct": TrackInfo("burn", "pct", -1),
    "inference_cost_mult": TrackInfo("burn", "number", -1),
    "launch_boost_pct": TrackInfo("revenue", "pct", +1),
    "quarters_since_launch": TrackInfo("dice", "count", 0),
}


def info(key: str) -> TrackInfo:
    return TRACKS.get(key) or EFFECT_ONLY.get(key, TrackInfo("dice", "number", 0))


def label(key: str) -> str:
    """The track's short name (a modder's own key that the catalogs do not know: its words)."""
    if key in TRACKS:
        return t(f"track.{key}.name")
    if key in EFFECT_ONLY:
        return t(f"effect_name.{key}")
    return plain_name(key)


UNIT_WORDS = {"busd": "$B", "gw": "GW", "bq": "bn queries", "pct": "%", "usd": "$", "m": "M"}
LEDGER_REF = re.compile(r" ?\(([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\)")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def plain_name(key: str) -> str:
    """A model's field name in words: 'staff_busd_per_year' -> 'Staff $B per year'."""
    words = key.split("_")
    out = [UNIT_WORDS.get(w, w) for w in words if not (w == "bq" and "queries" in words)]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def plain_source(text: str) -> str:
    """A source note for players: no ledger keys ('(inference_bill)'), no snake_case names."""
    text = LEDGER_REF.sub("", text)
    return SNAKE.sub(lambda m: m.group(0).replace("_", " "), text)


def source_said(text: str) -> str:
    """What a card's, deal's or figure's source says, its kind named in the player's language when
    it is not reported history ("assumption: why" reads "hypothèse : why" in French)."""
    kind, body = split_source(text)
    body = plain_source(body)
    return body if kind == "reported" else t("common.labelled", label=t(f"common.kind.{kind}"), text=body)


def source_line(text: str) -> str:
    """A source as a line under a card or in a tooltip: "Source: outlet, date" for reported
    history, "Source (assumption): why" for the rest, in the player's language."""
    kind, body = split_source(text)
    body = plain_source(body)
    if kind == "reported":
        return t("common.source", source=body)
    return t("common.source_kind", kind=t(f"common.kind.{kind}"), source=body)


def figure_unit(unit: str) -> str:
    """A scenario figure's unit in the language in use ("$B / year" reads "Md$ / an"); a unit
    the catalogs do not know (a mod's own) stays as the scenario wrote it."""
    return t(f"figure_unit.{unit}") if unit and f"figure_unit.{unit}" in keys() else unit


def figure_value(v: float, unit: str) -> str:
    """A scenario figure with its unit, numbers as everywhere else: '1,000 $B', '2 / 10'."""
    n = number(v)
    if unit in ("0-10", "points"):
        return t("sources.out_of_ten", v=n)
    if v == 1 and unit.startswith("points") and language() == "en":
        unit = "point" + unit[6:]
        return f"{n} {unit}".strip()
    said = figure_unit(unit)
    if language() == "fr" and abs(v) < 2:
        # French counts in the singular below two: "1,2 million de puces", "0,5 milliard"
        said = re.sub(r"^(million|milliard)s\b", r"\1", said)
    return f"{n}{unit_space()}{said}".strip()


def _num(v: float, digits: int) -> str:
    s = f"{abs(v):,.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return localise(s)


def _digits(key: str, v: float) -> int:
    a = abs(v)
    u = info(key).unit
    if u in ("points", "count", "quarters"):
        return 1 if u == "points" else 0
    if u == "pct":
        return 1
    if u == "chips":
        return 0
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 1:
        return 2 if u in ("cents",) else 1
    if a >= 0.1:
        return 2
    return 3


def value(key: str, v: float) -> str:
    """A track's value with its unit: '6.5 $B', '1.2 GW', '6.0 / 10'."""
    u = info(key).unit
    if u == "quarters":
        if math.isinf(v):
            return t("unit.runway_forever")
        if v >= 40:  # ten years and more: the quarters after the point say nothing
            return t("unit.runway_decade")
        return t("unit.quarters", v=_num(v, 1))
    if u == "chips":
        if abs(v) >= 1e6:
            return t("unit.m_chips", v=_num(v / 1e6, 2))
        return t("unit.chips", v=number(round(v), ","))
    n = _num(v, _digits(key, v))
    if v < 0:
        n = "−" + n
    return t(f"unit.{u}", v=n)


def delta(key: str, d: float) -> str:
    """A change with its sign: '+6.5 $B', '−0.8'."""
    u = info(key).unit
    sign = "+" if d > 0 else "−" if d < 0 else "±"
    if u == "chips":
        return sign + t("unit.m_chips", v=_num(d / 1e6, 2))
    if u == "quarters":
        return sign + t("unit.quarters", v=_num(d, 1))
    return sign + t(f"unit.{u}", v=_num(d, max(1, _digits(key, d))))


def good_news(key: str, d: float) -> int:
    """+1 if this change is good for the lab, -1 if bad, 0 if neither."""
    if abs(d) < 1e-9:
        return 0
    return info(key).rise * (1 if d > 0 else -1)


def ordered(touches: dict[str, float]) -> list[tuple[str, float]]:
    """Effects worth listing, in a stable, meaningful order."""
    keys = [k for k in touches if k not in QUIET and abs(touches[k]) > 1e-9]
    rank = {k: i for i, k in enumerate(EFFECT_ORDER)}
    keys.sort(key=lambda k: rank.get(k, len(rank)))
    return [(k, touches[k]) for k in keys]


def delayed_text(key: str, v: float, k: int) -> str:
    return t("effects.later", what=f"{label(key)} {delta(key, v)}", count=k, n=k)


def money(busd: float) -> str:
    """A sum in $B as the game writes an ask or a price: '1 $B', '6.5 $B', '7,000 $B', and in
    millions below 1 $B ('450 $M'). A figure that is not a number reads as one ('nan $B')."""
    if not math.isfinite(busd):
        return t("unit.busd", v=str(busd))
    if 0 < abs(busd) < 1.0:
        return t("unit.musd", v=number(busd * 1000, ",.0f"))
    if math.isclose(busd, round(busd)):
        return t("unit.busd", v=number(int(round(busd)), ","))
    return t("unit.busd", v=number(busd, ",.1f"))


def percent(p: float) -> str:
    """A share as a whole percentage: "12%" in English, "12 %" in French."""
    return t("unit.pct", v=f"{round(p * 100):d}")


def quarters_done(turn: int, over: bool, total: int) -> int:
    """Quarters of the calendar played: the current one counts once the game has ended in it."""
    return min(total, turn + (1 if over else 0))
