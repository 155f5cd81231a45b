"""The panels around the board: the tracks, the goal, where you are, and the log."""

from __future__ import annotations

import math

import pygame

from game.core import market
from game.core.session import Game
from game.model.tracks import T
from game.text import numbers as format
from game.text.words import words_for
from game.ui import draw
from game.ui.i18n import t
from game.ui.theme import Theme
from game.ui.widgets import TipLine


def track_from(values: dict[str, float], name: str) -> float:
    """A shown track's value from a quarter's saved figures or `start_values` (chips summed; burn
    and runway as saved: what the quarter's end took, or what the first quarter opened on)."""
    if name in values:
        return values[name]
    if name == "chips":
        return (values.get("rented_chips_m", 0.0) + values.get("own_chips_m", 0.0)) * 1e6
    return values.get(name, 0.0)


def start_values(game: Game) -> dict[str, float]:
    """The figures the game started from, with the burn and runway its first quarter opened on."""
    row = game.start_tracks
    values = {k: float(row[i]) for k, i in T.items()}
    burn_q = game.start_burn
    values["burn_busd_per_year"] = 4.0 * burn_q
    values["runway_quarters"] = math.inf if burn_q <= 0 else max(values["cash_busd"], 0.0) / burn_q
    return values


def previous_close(game: Game) -> dict[str, float]:
    """The figures at the end of the last finished quarter (the start figures before that)."""
    for rec in reversed(game.quarters[:-1] if not game.over else game.quarters[:-1]):
        if rec.tracks:
            return rec.tracks
    return start_values(game)


# The tracks panel: (track, what the second line shows)
TRACK_ROWS: tuple[str, ...] = (
    "cash_busd",
    "burn_busd_per_year",
    "revenue_busd_per_year",
    "chips",
    "power_gw_online",
    "scrutiny",
    "credibility",
    "trust",
    "valuation_busd",
)
BOUNDED = {"scrutiny": (10.0, "high"), "credibility": (0.0, "low"), "trust": (0.0, "low")}


def sub_line(game: Game, track: str) -> str:
    if track == "burn_busd_per_year":
        return t("tracks.runway", value=format.value("runway_quarters", game.track("runway_quarters")))
    if track == "revenue_busd_per_year":
        return t("tracks.spending", value=format.value("spend_busd_per_year", game.track("spend_busd_per_year")))
    if track == "chips":
        return t("tracks.serving", served=format.number(game.track('capacity_bq'), ",.1f"), demand=format.number(game.track('demand_bq'), ",.1f"))
    if track == "power_gw_online":
        return t("tracks.power_needed", value=format.value("power_gw_needed", game.track("power_gw_needed")))
    if track == "valuation_busd":
        return t("tracks.equity_sold", value=format.value("equity_sold_pct", game.track("equity_sold_pct")))
    if track == "cash_busd":
        raised = game.track("raised_busd")
        return t("tracks.raised", value=format.value("raised_busd", raised))
    if track == "scrutiny":
        return t("tracks.scrutiny_limit")
    if track == "trust":
        return t("tracks.trust_limit")
    if track == "credibility":
        return t("tracks.credibility_help")
    return ""


def extra_lines(game: Game, track: str) -> list[TipLine]:
    """More for a track's tooltip: deliveries on the way, the runway's meaning."""
    out: list[TipLine] = []
    if track == "power_gw_online":
        for k, key, v in game.deliveries():
            if key == "power_gw_online":
                out.append(TipLine(format.delayed_text(key, v, max(1, k)), "body", "clock"))
        building = game.campus_gw_building()
        if building > 1e-9:
            out.append(TipLine(t("tracks.campus_building", gw=format.number(building)), "body", "clock"))
    if track == "chips":
        own = game.track("own_chips_m")
        rented = game.track("rented_chips_m")
        reserved = game.track("chips_reserved_m")
        out.append(TipLine(t("tracks.chips_split", own=format.number(own, ".2f"), rented=format.number(rented, ".2f"), reserved=format.number(reserved, ".2f")), "body"))
        for k, key, v in game.deliveries():
            if key in ("chips_reserved_m", "rented_chips_m"):
                out.append(TipLine(format.delayed_text(key, v, max(1, k)), "body", "clock"))
    if track == "chips":
        out += market_lines(game)
    if track == "power_gw_online":
        m = market.summary(game.st, game.c)
        if m is not None:
            out.append(TipLine(t("tracks.grid_left", left=format.number(m['grid_left_gw'], ".1f"), cap=format.number(m['grid_cap_gw'], ".1f"),
                                 rivals=format.number(sum(m['rivals_gw'].values()), ".1f")), "body", "energy"))
    if track == "cash_busd":
        for k, key, v in game.deliveries():
            if key == "cash_busd":
                out.append(TipLine(format.delayed_text(key, v, max(1, k)), "body", "clock"))
    return out


def market_lines(game: Game) -> list[TipLine]:
    """The chip market and the lab's Nvidia dependence with its causes, for a tooltip (none
    without an industry section)."""
    m = market.summary(game.st, game.c)
    if m is None:
        return []
    out = [
        TipLine(t("tracks.market_price", price=format.number(m['price_kusd'], ".1f"), lab_price=format.number(m['lab_price_kusd'], ".1f"),
                  reach=format.number(m['reach_m'], ".2f"), left=format.number(m['left_m'], ".2f"), supply=format.number(m['supply_m'], ".2f"),
                  rivals=format.number(sum(m['rivals_chips_m'].values()), ".2f")), "body", "chip"),
        TipLine(t("tracks.dependence", pct=format.number(m['dependence_pct'], ".0f")), "body"),
        TipLine(t("tracks.dependence_start", pct=format.number(m['dependence_start_pct'], "g")), "body"),
    ]
    for cause, pts in m["dependence_causes"]:
        out.append(TipLine(t(f"tracks.dependence_{cause}", pts=format.number(pts, "g")), "good"))
    return out


def track_head(th: Theme, rect: pygame.Rect, name: str, value: str) -> tuple[tuple[str, pygame.Rect], tuple[float, pygame.Rect]]:
    """Where a track row puts its name and its value: the value right-aligned (in smaller type
    when it is wide, so that the name keeps room), the name shortened to the room left of it.
    Returns (the name as shown, its rect), (the value's type size, its rect); they never overlap."""
    name_x = rect.x + th.px(44)
    top = rect.y + th.px(8)
    right = rect.right - th.px(30)
    gap = th.px(8)
    size = 18.0
    least = min(th.text_width(name, 13, "semibold"), th.text_width(name[:4] + "…", 13, "semibold"))
    while size > 12 and right - th.text_width(value, size, "bold") - gap - name_x < least:
        size -= 1
    vw = th.text_width(value, size, "bold")
    value_rect = pygame.Rect(right - vw, top - th.px(2), vw, th.line_height(size, "bold"))
    shown = th.ellipsize(name, 13, max(0, value_rect.x - gap - name_x), "semibold")
    name_rect = pygame.Rect(name_x, top, th.text_width(shown, 13, "semibold"), th.line_height(13, "semibold"))
    return (shown, name_rect), (size, value_rect)


def paint_track(surf: pygame.Surface, th: Theme, rect: pygame.Rect, game: Game, track: str, prev: dict[str, float], hovered: bool, focused: bool, shown: float | None = None) -> None:
    """One row of the tracks panel: icon, name, value, trend, and a board-game track if bounded."""
    pal = th.palette
    if hovered or focused:
        draw.rounded(surf, pal.panel_raised, rect, th.px(10))
    if focused:
        draw.focus_ring(surf, th, rect)
    now = game.track(track) if shown is None else shown
    before = track_from(prev, track)
    d = game.track(track) - before if not (math.isinf(before) or math.isinf(game.track(track))) else 0.0
    x = rect.x + th.px(12)
    cy_top = rect.y + th.px(8)
    icon_c = pal.accent
    draw.icon(surf, format.info(track).icon, (x + th.px(11), cy_top + th.px(11)), th.px(20), icon_c, pal.panel)
    name_x = x + th.px(32)
    # value, right-aligned, and the trend in its own column after it; the name takes what is left
    val = format.value(track, now)
    trend_x = rect.right - th.px(16)
    (name, name_rect), (value_size, value_rect) = track_head(th, rect, format.label(track), val)
    draw.text(surf, th, name, 13, pal.ink_muted, name_rect.topleft, weight="semibold")
    vr = draw.text(surf, th, val, value_size, pal.ink_light, (trend_x - th.px(14), cy_top - th.px(2)), anchor="topright", weight="bold")
    news = format.good_news(track, d)
    colour = pal.good if news > 0 else pal.bad if news < 0 else pal.ink_faint
    ay = vr.centery + th.px(1)
    significant = abs(d) > (0.05 if format.info(track).unit in ("points",) else 1e-3 * max(1.0, abs(before)))
    if significant:
        draw.arrow(surf, colour, (trend_x, ay), th.px(10), d > 0)
    else:
        draw.circle(surf, pal.ink_faint, (trend_x, ay), th.px(2.5))
    y2 = cy_top + th.px(24)
    if track in BOUNDED:
        # a ten-cell track, as on a board
        cells = 10
        gap = max(1, th.px(2))
        bar_w = rect.w - th.px(44) - th.px(12)
        cw = (bar_w - gap * (cells - 1)) / cells
        ch = th.px(8)
        limit, side = BOUNDED[track]
        for i in range(cells):
            cell = pygame.Rect(round(name_x + i * (cw + gap)), y2 + th.px(2), max(1, round(cw)), ch)
            fill = max(0.0, min(1.0, now - i))
            danger = (side == "high" and i >= 8) or (side == "low" and i <= 1)
            base = pal.panel_raised
            pygame.draw.rect(surf, base, cell, border_radius=max(1, th.px(2)))
            if danger:
                draw.hatch(surf, cell, pal.bad, max(3, th.px(4)), 1)
            if fill > 0:
                part = cell.copy()
                part.w = max(1, round(cell.w * fill))
                col = pal.ink_light if not danger else pal.bad
                pygame.draw.rect(surf, col, part, border_radius=max(1, th.px(2)))
        y2 += th.px(14)
        sub = f"{format.delta(track, d)} " + t("tracks.since_last") if significant else t("tracks.steady")
        draw.text(surf, th, th.ellipsize(sub, 11, rect.right - name_x - th.px(12)), 11, pal.ink_faint, (name_x, y2))
        return
    if track == "power_gw_online":
        need = game.track("power_gw_needed")
        online = now
        bar = pygame.Rect(name_x, y2 + th.px(3), rect.right - th.px(12) - name_x, th.px(6))
        pygame.draw.rect(surf, pal.panel_raised, bar, border_radius=bar.h // 2)
        top = max(need, online, 1e-9)
        if online > 0:
            part = bar.copy()
            part.w = max(2, round(bar.w * min(1.0, online / top)))
            pygame.draw.rect(surf, pal.ink_light, part, border_radius=bar.h // 2)
        if need > 0:
            mx = bar.x + round(bar.w * min(1.0, need / top))
            pygame.draw.line(surf, pal.accent, (mx, bar.y - th.px(3)), (mx, bar.bottom + th.px(3)), th.stroke(2, 2))
        y2 += th.px(14)
    sub = sub_line(game, track)
    if significant:
        full = f"{format.delta(track, d)} · {sub}" if sub else format.delta(track, d)
        if th.text_width(full, 12) <= rect.right - name_x - th.px(28):
            sub = full
    warn = track == "power_gw_online" and game.track("power_gw_needed") > game.track("power_gw_online") + 1e-9
    if track == "burn_busd_per_year" and game.track("runway_quarters") < 2:
        warn = True
    sx = name_x
    if warn:
        draw.icon(surf, "warning", (sx + th.px(6), y2 + th.px(8)), th.px(12), pal.bad, pal.panel)
        sx += th.px(16)
    draw.text(surf, th, th.ellipsize(sub, 12, rect.right - sx - th.px(12)), 12, pal.bad if warn else pal.ink_muted, (sx, y2))


def goal_progress(game: Game) -> list[tuple[str, str, float, float, float]]:
    """For the first winning goal: (label, text, now, target, fraction done) per condition."""
    goals = game.scenario.goals.win
    if not goals:
        return []
    out = []
    for key, op, target, now, _ in game.condition_facts(goals[0].when):
        if op not in ("gte", "gt"):  # a figure to reach, not a limit to stay under
            continue
        frac = 1.0 if target <= 0 else max(0.0, min(1.0, now / target))
        label = format.label(key)
        out.append((label, f"{format.value(key, now)} / {format.value(key, target)}", now, target, frac))
    return out


def condition_facts(game: Game, when) -> list[tuple[str, bool]]:
    """Each figure a goal or ending tests, in words with its value now: ('Revenue 4.1 $B a
    year, needed at least 5.5 $B a year', met?). Conditions on places or deals are left out."""
    out = []
    for key, op, bound, now, met in game.condition_facts(when):
        words = t(f"end.op_{op}", v=format.value(key, bound))
        text = t("end.fact_met" if met else "end.fact_missed", name=format.label(key), now=format.value(key, now), bound=words)
        out.append((text, met))
    return out


def rule_text(when) -> str:
    """A goal's or ending's conditions in words: 'Own chips at least 1.2 M chips, Energy at least 3 GW'."""
    parts = []
    for key, comp in when.root.items():
        if key not in T or not hasattr(comp, "bounds"):
            continue
        for op, bound in comp.bounds().items():
            parts.append(f"{format.label(key)} {t(f'end.op_{op}', v=format.value(key, bound))}")
    return ", ".join(parts)


def goals_text(game: Game) -> tuple[str, str]:
    """The scenario's own ways to win and to lose, for the help text."""
    goals = game.scenario.goals
    win = t("common.or").join(f"{g.title} ({rule_text(g.when)})" if rule_text(g.when) else g.title for g in goals.win)
    lose = t("common.semicolon").join(f"{e.title} ({rule_text(e.when)})" if rule_text(e.when) else e.title for e in goals.lose)
    return win, lose


def decided_by(game: Game) -> str:
    """Which goal or ending decided the game, with the figures that decided it."""
    oid = game.outcome_id
    goals = game.scenario.goals
    if oid is None:
        return ""
    if oid == "time_up":
        parts = []
        for goal in goals.win:
            missed = [text for text, met in condition_facts(game, goal.when) if not met]
            parts.append(t("end.decided_time_up", goal=goal.title, facts=t("common.semicolon").join(missed) or t("end.nothing_missing")))
        return " ".join(parts)
    for goal in goals.win:
        if goal.id == oid:
            facts = [text for text, met in condition_facts(game, goal.when) if met]
            return t("end.decided_won", goal=goal.title, facts=t("common.semicolon").join(facts))
    for ending in goals.lose:
        if ending.id == oid:
            facts = [text for text, met in condition_facts(game, ending.when) if met]
            return t("end.decided_lost", goal=ending.title, facts=t("common.semicolon").join(facts))
    return ""


def paint_goal(surf: pygame.Surface, th: Theme, rect: pygame.Rect, game: Game) -> None:
    pal = th.palette
    goals = game.scenario.goals.win
    if not goals or rect.h < th.px(60):
        return
    draw.rounded(surf, pal.sea_bottom, rect, th.px(10))
    x = rect.x + th.px(12)
    y = rect.y + th.px(10)
    draw.icon(surf, "trophy", (x + th.px(8), y + th.px(8)), th.px(16), pal.accent)
    draw.text(surf, th, th.ellipsize(t("goal.title", goal=goals[0].title), 13, rect.w - th.px(48), "semibold"), 13, pal.ink_light, (x + th.px(22), y), weight="semibold")
    y += th.px(24)
    for label, text, _, _, frac in goal_progress(game):
        if y + th.px(24) > rect.bottom:
            break
        draw.text(surf, th, th.ellipsize(label, 11, rect.w // 2), 11, pal.ink_muted, (x, y))
        vr = draw.text(surf, th, text, 11, pal.ink_light, (rect.right - th.px(12), y), anchor="topright", weight="semibold")
        bar = pygame.Rect(x, y + th.px(16), rect.w - th.px(24), th.px(4))
        pygame.draw.rect(surf, pal.panel_raised, bar, border_radius=bar.h // 2)
        part = bar.copy()
        part.w = max(0, round(bar.w * frac))
        if part.w:
            pygame.draw.rect(surf, pal.accent if frac < 1 else pal.good, part, border_radius=bar.h // 2)
        if frac >= 1:  # ticked before the figures, never on top of them
            draw.icon(surf, "check", (vr.x - th.px(9), vr.centery), th.px(10), pal.good)
        y += th.px(26)


LOG_ICONS = {"action": "play", "card": "card", "choice": "check", "quarter": "clock", "incident": "warning", "outcome": "trophy"}


def log_rows(th: Theme, game: Game, width: int) -> list[tuple[int, str, str, list[str]]]:
    """The log laid out: (y, date, kind, wrapped lines); newest last."""
    rows = []
    y = 0
    lh = th.line_height(12)
    text_w = width - th.px(92)
    last_date = None
    words = words_for(game)
    for entry in game.log:
        said = words.say(entry.fact)
        if "chips_reserved_m" in entry.fact.figures.get("landed", {}):
            said += " " + t("log.chips_on_order")  # chips on order are not Compute yet: say why
        lines = th.wrap(said, 12, text_w)
        when = words.date(entry.turn)
        date = when if when != last_date else ""
        last_date = when
        if date and rows:
            y += th.px(6)
        rows.append((y, date, entry.kind, lines))
        y += lh * len(lines) + th.px(4)
    return rows


def paint_log(surf: pygame.Surface, th: Theme, area_rect: pygame.Rect, offset: int, rows, game: Game) -> None:
    pal = th.palette
    old = surf.get_clip()
    surf.set_clip(area_rect.clip(old) if old else area_rect)
    lh = th.line_height(12)
    for y, date, kind, lines in rows:
        sy = area_rect.y + y - offset
        if sy > area_rect.bottom or sy + lh * len(lines) < area_rect.y:
            continue
        if date:
            draw.text(surf, th, date, 11, pal.accent, (area_rect.x, sy + th.px(1)), weight="semibold")
        colour = pal.bad if kind == "incident" else pal.ink_light if kind in ("card", "outcome") else pal.ink_muted
        draw.icon(surf, LOG_ICONS.get(kind, "play"), (area_rect.x + th.px(68), sy + lh / 2), th.px(11), colour, pal.panel)
        for k, line in enumerate(lines):
            surf.blit(th.render(line, 12, colour, "semibold" if kind in ("card", "outcome", "incident") else "regular"), (area_rect.x + th.px(80), sy + k * lh))
    surf.set_clip(old)
