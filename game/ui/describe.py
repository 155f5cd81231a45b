"""What the interface says about actions, cards and effects, from the scenario's own texts."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.menu import danger, outlook
from game.core.moves import MOVE, UnknownAction
from game.core.session import Game, MenuItem
from game.text import numbers as format
from game.text.words import words_for
from game.ui.i18n import t
from game.ui.kit import visible_effects
from game.ui.widgets import Tip, TipLine


@dataclass
class ActionText:
    title: str
    text: str
    source: str
    attention: int


def action_text(game: Game, action) -> ActionText:
    """The action's name in the player's language, what it does and where that comes from:
    its move's label and `about`, through the text layer."""
    words = words_for(game)
    try:
        kind, i = game.c.space.kind_of(game.codec.encode(action))
    except UnknownAction:
        return ActionText(str(action), "", "", 0)
    move = MOVE[kind]
    text, source = words.about(move.about(game.c, i, game.st))
    return ActionText(words.say(move.label(game.c, i, game.st)), text, source, round(move.attention(game.c, i, game.st)))


def attention_cost(item: MenuItem, text: ActionText) -> int:
    a = item.touches.get("attention")
    if a is not None:
        return max(0, round(-a))
    return text.attention


# Scenario effect keys -> (the track they show as, shown as a percentage?)
_EFFECT_AS: dict[str, tuple[str, bool]] = {
    "demand_pct": ("demand_bq", True),
    "valuation_pct": ("valuation_busd", True),
    "price_pct": ("price_cents", True),
    "inference_cost_pct": ("inference_cost_cents", True),
    "staff_busd_per_year": ("spend_busd_per_year", False),
}


def scenario_effects(effects: dict[str, float]) -> list[tuple[str, float, str]]:
    """A scenario's declared effects as (track, amount, text) for chips."""
    out = []
    for key, v in effects.items():
        if abs(v) < 1e-12:
            continue
        track, pct = _EFFECT_AS.get(key, (key, False))
        if pct:
            text = ("+" if v > 0 else "−") + t("unit.pct", v=format.number(abs(v)))
        elif key == "staff_busd_per_year":
            text = ("+" if v > 0 else "−") + t("unit.busd_yr", v=format.number(abs(v)))
        else:
            text = format.delta(track, v)
        out.append((track, v, text))
    rank = {k: i for i, k in enumerate(format.EFFECT_ORDER)}
    out.sort(key=lambda x: rank.get(x[0], len(rank)))
    return out


def action_tip(game: Game, item: MenuItem) -> Tip:
    """Everything about an action before committing: what, effects, odds, later, source, or why not."""
    txt = action_text(game, item.action)
    lines: list[TipLine] = []
    if txt.text:
        lines.append(TipLine(txt.text))
    if not item.legal:
        lines.append(TipLine(t("actions.not_now"), "heading"))
        lines.append(TipLine(words_for(game).say(item.reason) or t("actions.not_allowed"), "bad", "lock"))
    else:
        words = words_for(game)
        for way in item.outcomes:  # each way chance can go, with its odds
            effects = visible_effects(format.ordered(way.touches))
            if way.went_well is None:
                heading = t("actions.effects")
            elif way.went_well:
                heading = t("actions.if_it_works_odds", p=format.percent(way.odds))
            else:
                case = words.say(item.failure)
                heading = t("actions.if_it_fails_odds", case=case[:1].upper() + case[1:], p=format.percent(way.odds))
            if effects or way.went_well is False:
                lines.append(TipLine(heading, "heading"))
            for k, d in effects:
                news = format.good_news(k, d)
                kind = "good" if news > 0 else "bad" if news < 0 else "neutral"
                lines.append(TipLine(f"{format.label(k)} {format.delta(k, d)}", kind, "up" if d > 0 else "down"))
            then = after_text(game, item.action, way.went_well is not False)
            if then:
                lines.append(TipLine(then, "muted", "clock"))
        said = danger(game, item.action)
        if said is not None:
            lines.append(TipLine(words.say(said), "bad", "warning"))
        for later in item.later:
            lines.append(TipLine(format.delayed_text(later.track, later.amount, later.quarters), "body", "clock"))
        for note in item.notes:
            lines.append(TipLine(words_for(game).say(note), "body", "building"))
    if txt.source:
        lines.append(TipLine(format.source_line(txt.source), "source", "book"))
    return Tip(txt.title, lines, width=380)


def after_text(game: Game, action, went_well: bool = True) -> str:
    """The burn and runway a move leaves, and the cash at the quarter's end ("" when the move
    cannot be made): "Then: burn 1.8 $B/yr, runway 15.8 quarters, 6.6 $B left at the quarter's end"."""
    o = outlook(game, action, went_well)
    if o is None:
        return ""
    return t(
        "actions.after",
        burn=format.value("burn_busd_per_year", 4 * o.burn),
        runway=format.value("runway_quarters", o.runway),
        cash=format.money(o.cash_end),
    )


def explain_tip(game: Game, track: str, extra: list[TipLine] | None = None) -> Tip:
    """A track's tooltip: its value, what moved it this quarter and last, and its source."""
    ex = game.explain(track)
    lines: list[TipLine] = [TipLine(t("tracks.now", value=format.value(track, ex["value"])), "body")]
    start = ex.get("quarter_start")
    if start is not None and abs(start - ex["value"]) > 1e-9:
        lines.append(TipLine(t("tracks.quarter_start", value=format.value(track, start)), "muted"))
    lines.append(TipLine(t(f"track.{track}.help"), "muted"))
    if extra:
        lines += extra
    causes = ex.get("causes") or []
    key = ex["causes_track"]
    words = words_for(game)
    if causes:
        lines.append(TipLine(t("tracks.what_moved"), "heading"))
        for turn, cause, amount in causes[-8:]:
            date, label = words.date(turn), words.say(cause)
            news = format.good_news(key, amount)
            kind = "good" if news > 0 else "bad" if news < 0 else "neutral"
            lines.append(TipLine(f"{date} · " + t("common.labelled", label=label, text=format.delta(key, amount)), kind, "up" if amount > 0 else "down"))
    else:
        lines.append(TipLine(t("tracks.nothing_moved_yet" if len(game.quarters) <= 1 else "tracks.nothing_moved"), "muted"))
    if ex.get("origin") is not None:
        lines.append(TipLine(t("tracks.origin"), "heading"))
        lines.append(TipLine(format.plain_source(words.say(ex["origin"])), "source", "book"))
    return Tip(format.label(track), lines, width=400)
