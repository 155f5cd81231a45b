"""Line charts drawn from code, readable without colour: each series has its own dash and marker."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.text.numbers import localise
from game.ui import draw, worldmap
from game.ui.theme import Colour, Theme


@dataclass
class Series:
    name: str
    values: list[float]
    colour: Colour
    dash: str = "solid"  # solid, dashed, dotted
    marker: str = "circle"  # circle, square, triangle


@dataclass
class Mark:
    """A reference point (what really happened), drawn as a hollow diamond."""

    x: float
    y: float
    label: str


def nice_ticks(lo: float, hi: float, target: int = 4) -> list[float]:
    """Round tick values covering lo..hi: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if hi - lo < 1e-12:
        hi = lo + 1
    raw = (hi - lo) / target
    exp = math.floor(math.log10(raw))
    step = next(m * 10**exp for m in (1, 2, 2.5, 5, 10) if m * 10**exp >= raw - 1e-12)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    n = round((last - first) / step)
    return [first + k * step for k in range(n + 1)]


def tick_label(v: float, step: float) -> str:
    decimals = 0
    while decimals < 4 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    text = f"{v:,.{decimals}f}"
    return "0" if text.strip("-0.,") == "" else localise(text)


def _marker(surf: pygame.Surface, kind: str, c: tuple[float, float], r: float, colour: Colour, back: Colour) -> None:
    x, y = c
    if kind == "square":
        rect = pygame.Rect(0, 0, round(r * 1.8), round(r * 1.8))
        rect.center = (round(x), round(y))
        pygame.draw.rect(surf, colour, rect)
    elif kind == "triangle":
        pts = [(x, y - r * 1.1), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
        pygame.draw.polygon(surf, colour, pts)
    else:
        draw.circle(surf, colour, (x, y), r)
        draw.circle(surf, back, (x, y), max(1.0, r * 0.45))


def line_chart(surf: pygame.Surface, th: Theme, rect: pygame.Rect, title: str, series: list[Series], x_labels: list[str], fixed: tuple[float, float] | None = None, marks: list[Mark] | None = None, unit: str = "") -> None:
    pal = th.palette
    small, legend = (12, 13) if th.projector else (10, 11)  # ticks and legend, bigger on a projector
    tr = draw.text(surf, th, title, 15, pal.ink, (rect.x, rect.y), weight="semibold")
    # the legend on the title line's right, or on a line of its own when they would meet
    legend_w = sum(th.text_width(s.name, legend) + th.px(48) for s in series)
    ly, below = rect.y + th.px(3), 0
    if tr.right + th.px(16) + legend_w > rect.right:
        ly = tr.bottom + th.px(2)
        below = th.line_height(legend) + th.px(2)
    lx = rect.right
    for s in reversed(series):
        img = th.render(s.name, legend, pal.ink_soft)
        lx -= img.get_width()
        surf.blit(img, (lx, ly))
        lx -= th.px(34)
        y = ly + img.get_height() // 2
        _line(surf, s.dash, [(lx, y), (lx + th.px(28), y)], s.colour, th.stroke(2, 2), th)
        _marker(surf, s.marker, (lx + th.px(14), y), th.px(3.5), s.colour, pal.paper)
        lx -= th.px(14)
    plot = pygame.Rect(rect.x + th.px(46), rect.y + th.px(30) + below, rect.w - th.px(52), rect.h - th.px(54) - below)
    if plot.w < 10 or plot.h < 10:
        return
    values = [v for s in series for v in s.values if v is not None and math.isfinite(v)]
    if marks:
        values += [m.y for m in marks]
    if fixed:
        lo, hi = fixed
        ticks = nice_ticks(lo, hi, 5)
    else:
        ticks = nice_ticks(min(0.0, min(values, default=0.0)), max(values, default=1.0))
        lo, hi = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    n = max((len(s.values) for s in series), default=1)

    def sx(i: float) -> float:
        return plot.x + (plot.w * i / max(1, n - 1))

    def sy(v: float) -> float:
        return plot.bottom - plot.h * (v - lo) / (hi - lo)

    # grid and axis labels
    for v in ticks:
        y = sy(v)
        pygame.draw.line(surf, pal.paper_shade, (plot.x, y), (plot.right, y), th.stroke(1))
        draw.text(surf, th, tick_label(v, step) + unit, small, pal.ink_soft, (plot.x - th.px(6), y), anchor="midright")
    pygame.draw.line(surf, pal.paper_edge, (plot.x, plot.bottom), (plot.right, plot.bottom), th.stroke(1))
    if lo < 0 < hi:
        pygame.draw.line(surf, pal.ink_soft, (plot.x, sy(0)), (plot.right, sy(0)), th.stroke(1))
    # x labels: years (every fourth quarter)
    step = max(1, math.ceil(len(x_labels) / 8))
    for i, lab in enumerate(x_labels):
        if lab and i % step == 0:
            draw.text(surf, th, lab, small, pal.ink_soft, (sx(i), plot.bottom + th.px(4)), anchor="midtop")
    # series
    for s in series:
        pts = [(sx(i), sy(v)) for i, v in enumerate(s.values) if v is not None and math.isfinite(v)]
        if len(pts) >= 2:
            _line(surf, s.dash, pts, s.colour, th.stroke(2.5, 2), th)
        every = max(1, len(pts) // 7)
        for k, p in enumerate(pts):
            if k % every == 0 or k == len(pts) - 1:
                _marker(surf, s.marker, p, th.px(3.5), s.colour, pal.paper)
    for m in marks or []:
        if 0 <= m.x <= n - 1:
            c = (sx(m.x), sy(m.y))
            draw.pip(surf, c, th.px(6), None, pal.ink)
            img = th.render(m.label, small, pal.ink, "semibold")
            box = img.get_rect(midleft=(c[0] + th.px(10), c[1] + th.px(12)))
            draw.rounded(surf, pal.paper, box.inflate(th.px(8), th.px(4)), th.px(4))
            draw.rounded(surf, pal.paper_edge, box.inflate(th.px(8), th.px(4)), th.px(4), width=1)
            surf.blit(img, box)


def _line(surf: pygame.Surface, dash: str, pts: list[tuple[float, float]], colour: Colour, width: int, th: Theme) -> None:
    if dash == "dashed":
        worldmap.dashed(surf, colour, pts, width, th.px(8), th.px(5))
    elif dash == "dotted":
        worldmap.dashed(surf, colour, pts, width, th.px(2), th.px(4))
    else:
        pygame.draw.lines(surf, colour, False, pts, width)
