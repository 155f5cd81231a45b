"""Drawing from code: soft panels with shadows, text blocks, arrows, patterns and the icon set.

Every icon is a few anti-aliased shapes drawn at any size, so the game ships no bitmaps and
looks crisp from 1280x720 to 4K.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pygame

from game.ui.theme import Colour, Theme

# ----- panels -------------------------------------------------------------------------------------


def rounded(surf: pygame.Surface, colour: Colour, rect: pygame.Rect, radius: int, width: int = 0) -> None:
    pygame.draw.rect(surf, colour, rect, width, border_radius=max(0, min(radius, rect.h // 2, rect.w // 2)))


@lru_cache(maxsize=256)
def _shadow_surface(w: int, h: int, radius: int, blur: int, alpha: int) -> pygame.Surface:
    pad = blur * 2
    s = pygame.Surface((w + pad * 2, h + pad * 2), pygame.SRCALPHA)
    pygame.draw.rect(s, (0, 0, 0, alpha), pygame.Rect(pad, pad, w, h), border_radius=radius)
    if blur > 0:
        s = pygame.transform.box_blur(s, blur)
    return s


def shadow(surf: pygame.Surface, rect: pygame.Rect, radius: int, blur: int = 8, offset: int = 4, alpha: int = 110) -> None:
    if rect.w <= 0 or rect.h <= 0 or rect.w > 5000 or rect.h > 5000:
        return
    s = _shadow_surface(rect.w, rect.h, radius, blur, alpha)
    surf.blit(s, (rect.x - blur * 2, rect.y - blur * 2 + offset))


def panel(surf: pygame.Surface, th: Theme, rect: pygame.Rect, fill: Colour | None = None, edge: Colour | None = None, radius: float = 14, lift: bool = True) -> None:
    """A raised panel on the navy board."""
    pal = th.palette
    r = th.px(radius)
    if lift:
        shadow(surf, rect, r, blur=th.px(6), offset=th.px(3), alpha=120)
    rounded(surf, fill or pal.panel, rect, r)
    rounded(surf, edge or pal.panel_edge, rect, r, width=th.stroke(1))


def progress(surf: pygame.Surface, th: Theme, rect: pygame.Rect, done: int, total: int, edge: int = 0, colours: tuple[Colour, Colour, Colour] | None = None) -> None:
    """A rounded bar filled `done` of `total` in the accent colour, with an edge `edge` pixels
    wide drawn over it (none when 0). colours: (track, fill, edge), default from the palette."""
    pal = th.palette
    track_c, fill_c, edge_c = colours or (pal.panel_raised, pal.accent, pal.panel_edge)
    radius = rect.h // 2
    pygame.draw.rect(surf, track_c, rect, border_radius=radius)
    part = rect.copy()
    part.w = round(rect.w * done / max(1, total))
    if part.w:
        pygame.draw.rect(surf, fill_c, part, border_radius=radius)
    if edge:
        pygame.draw.rect(surf, edge_c, rect, edge, border_radius=radius)


def top_bar(surf: pygame.Surface, th: Theme, bar: pygame.Rect) -> None:
    """The strip along the top of the board: a panel with a hairline under it."""
    pal = th.palette
    pygame.draw.rect(surf, pal.panel, bar)
    pygame.draw.line(surf, pal.panel_edge, bar.bottomleft, (bar.right, bar.bottom - 1), th.stroke(1))


def paper(surf: pygame.Surface, th: Theme, rect: pygame.Rect, radius: float = 12, lift: bool = True) -> None:
    """A warm paper card with a deckled inner line."""
    pal = th.palette
    r = th.px(radius)
    if lift:
        shadow(surf, rect, r, blur=th.px(10), offset=th.px(6), alpha=150)
    rounded(surf, pal.paper, rect, r)
    inner = rect.inflate(-th.px(10), -th.px(10))
    rounded(surf, pal.paper_edge, inner, max(1, r - th.px(4)), width=th.stroke(1))


@lru_cache(maxsize=8)
def _veil(size: tuple[int, int], alpha: int, colour: Colour) -> pygame.Surface:
    veil = pygame.Surface(size, pygame.SRCALPHA)
    veil.fill((*colour, alpha))
    return veil


def dim(surf: pygame.Surface, alpha: int = 150, colour: Colour = (4, 9, 18)) -> None:
    surf.blit(_veil(surf.get_size(), alpha, tuple(colour)), (0, 0))


def hatch(surf: pygame.Surface, rect: pygame.Rect, colour: Colour, spacing: int = 6, width: int = 1) -> None:
    """Diagonal stripes inside rect: the pattern for "not finished yet"."""
    clip = surf.get_clip()
    surf.set_clip(rect.clip(clip) if clip else rect)
    for x in range(rect.left - rect.h, rect.right, max(3, spacing)):
        pygame.draw.line(surf, colour, (x, rect.bottom), (x + rect.h, rect.top), width)
    surf.set_clip(clip)


def focus_ring(surf: pygame.Surface, th: Theme, rect: pygame.Rect, radius: float = 10) -> None:
    pal = th.palette
    ring = rect.inflate(th.px(6), th.px(6))
    rounded(surf, pal.focus, ring, th.px(radius) + th.px(3), width=th.stroke(2, 2))


# ----- text ---------------------------------------------------------------------------------------


def text(surf: pygame.Surface, th: Theme, s: str, size: float, colour: Colour, pos: tuple[int, int], anchor: str = "topleft", weight: str = "regular", family: str = "ui") -> pygame.Rect:
    img = th.render(s, size, colour, weight, family)
    r = img.get_rect(**{anchor: pos})
    surf.blit(img, r)
    return r


def paragraph(surf: pygame.Surface, th: Theme, s: str, size: float, colour: Colour, x: int, y: int, width: int, weight: str = "regular", family: str = "ui", spacing: float = 1.0, max_lines: int | None = None) -> int:
    """Draw wrapped text from (x, y); return the y under the last line."""
    lh = round(th.line_height(size, weight, family) * spacing)
    lines = th.wrap(s, size, width, weight, family)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = th.ellipsize(lines[-1] + " …", size, width, weight, family)
    for line in lines:
        if line:
            surf.blit(th.render(line, size, colour, weight, family), (x, y))
        y += lh
    return y


def paragraph_height(th: Theme, s: str, size: float, width: int, weight: str = "regular", family: str = "ui", spacing: float = 1.0) -> int:
    return round(th.line_height(size, weight, family) * spacing) * len(th.wrap(s, size, width, weight, family))


# ----- marks --------------------------------------------------------------------------------------


def arrow(surf: pygame.Surface, colour: Colour, center: tuple[float, float], size: float, up: bool) -> None:
    """A solid triangle pointing up (rising) or down (falling)."""
    cx, cy = center
    h = size * 0.9
    w = size
    pts = [(cx, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)] if up else [(cx, cy + h / 2), (cx + w / 2, cy - h / 2), (cx - w / 2, cy - h / 2)]
    pygame.draw.polygon(surf, colour, pts)
    pygame.draw.aalines(surf, colour, True, pts)


def steady(surf: pygame.Surface, colour: Colour, center: tuple[float, float], size: float) -> None:
    """A flat bar: no change."""
    cx, cy = center
    pygame.draw.line(surf, colour, (cx - size / 2, cy), (cx + size / 2, cy), max(2, round(size / 5)))


def pip(surf: pygame.Surface, center: tuple[float, float], r: float, fill: Colour | None, edge: Colour) -> None:
    """An attention pip: a diamond, filled when available, hollow when spent."""
    cx, cy = center
    pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    if fill is not None:
        pygame.draw.polygon(surf, fill, pts)
    pygame.draw.polygon(surf, edge, pts, max(1, round(r / 5)))
    pygame.draw.aalines(surf, edge, True, pts)


def circle(surf: pygame.Surface, colour: Colour, center: tuple[float, float], r: float, width: int = 0) -> None:
    if r <= 0:
        return
    if width == 0:
        pygame.draw.aacircle(surf, colour, (round(center[0]), round(center[1])), max(1, round(r)))
    else:
        pygame.draw.aacircle(surf, colour, (round(center[0]), round(center[1])), max(1, round(r)), width)


# ----- icons --------------------------------------------------------------------------------------


def icon(surf: pygame.Surface, name: str, center: tuple[float, float], size: float, colour: Colour, back: Colour | None = None) -> None:
    """Draw the named icon centred at `center`, about `size` pixels across."""
    fn = _ICONS.get(name)
    if fn is None:
        circle(surf, colour, center, size / 3)
        return
    cx, cy = center
    fn(surf, cx, cy, size / 2, colour, back)


def _line_w(r: float) -> int:
    return max(1, round(r / 5))


def _i_cash(s, cx, cy, r, c, b):  # a coin with a dollar sign
    circle(s, c, (cx, cy), r * 0.95, _line_w(r))
    w = _line_w(r)
    pygame.draw.arc(s, c, pygame.Rect(cx - r * 0.38, cy - r * 0.55, r * 0.76, r * 0.56), math.radians(20), math.radians(270), w)
    pygame.draw.arc(s, c, pygame.Rect(cx - r * 0.38, cy - r * 0.02, r * 0.76, r * 0.56), math.radians(200), math.radians(450), w)
    pygame.draw.line(s, c, (cx, cy - r * 0.72), (cx, cy + r * 0.72), w)


def _i_flame(s, cx, cy, r, c, b):  # burn
    pts = []
    for k in range(0, 361, 15):
        a = math.radians(k)
        rr = r * (0.55 + 0.45 * max(0.0, -math.sin(a))) if k not in range(250, 291) else r
        pts.append((cx + math.cos(a) * r * 0.6, cy + math.sin(a) * rr * 0.9 + r * 0.1))
    top = (cx + r * 0.05, cy - r * 1.0)
    body = [(cx - r * 0.6, cy + r * 0.2), (cx - r * 0.3, cy - r * 0.4), top, (cx + r * 0.35, cy - r * 0.35), (cx + r * 0.6, cy + r * 0.2)]
    bottom = [(cx + r * 0.5 * math.cos(math.radians(a)), cy + r * 0.25 + r * 0.65 * math.sin(math.radians(a))) for a in range(0, 181, 20)]
    poly = body + bottom
    pygame.draw.polygon(s, c, poly)
    pygame.draw.aalines(s, c, True, poly)
    if b is not None:
        inner = [(cx, cy - r * 0.1), (cx + r * 0.25, cy + r * 0.35), (cx, cy + r * 0.7), (cx - r * 0.25, cy + r * 0.35)]
        pygame.draw.polygon(s, b, inner)


def _i_hourglass(s, cx, cy, r, c, b):  # runway
    w = _line_w(r)
    pygame.draw.line(s, c, (cx - r * 0.6, cy - r * 0.9), (cx + r * 0.6, cy - r * 0.9), w + 1)
    pygame.draw.line(s, c, (cx - r * 0.6, cy + r * 0.9), (cx + r * 0.6, cy + r * 0.9), w + 1)
    pts = [(cx - r * 0.5, cy - r * 0.9), (cx + r * 0.5, cy - r * 0.9), (cx - r * 0.5, cy + r * 0.9), (cx + r * 0.5, cy + r * 0.9)]
    pygame.draw.aalines(s, c, False, pts)
    pygame.draw.lines(s, c, False, pts, w)
    pygame.draw.polygon(s, c, [(cx - r * 0.3, cy + r * 0.85), (cx + r * 0.3, cy + r * 0.85), (cx, cy + r * 0.45)])


def _i_revenue(s, cx, cy, r, c, b):  # rising bars
    bw = r * 0.38
    for k, h in enumerate((0.6, 1.0, 1.5)):
        x = cx - r * 0.85 + k * (bw + r * 0.22)
        pygame.draw.rect(s, c, pygame.Rect(round(x), round(cy + r * 0.85 - h * r * 1.1), round(bw), round(h * r * 1.1)), border_radius=max(1, round(r / 8)))


def _i_chip(s, cx, cy, r, c, b):  # a processor with pins
    w = _line_w(r)
    body = pygame.Rect(0, 0, round(r * 1.2), round(r * 1.2))
    body.center = (round(cx), round(cy))
    pygame.draw.rect(s, c, body, w, border_radius=max(1, round(r / 6)))
    core = body.inflate(-round(r * 0.6), -round(r * 0.6))
    pygame.draw.rect(s, c, core, border_radius=max(1, round(r / 10)))
    for k in (-0.35, 0.0, 0.35):
        for side in (-1, 1):
            pygame.draw.line(s, c, (cx + k * r * 1.2, cy + side * r * 0.6), (cx + k * r * 1.2, cy + side * r * 0.95), w)
            pygame.draw.line(s, c, (cx + side * r * 0.6, cy + k * r * 1.2), (cx + side * r * 0.95, cy + k * r * 1.2), w)


def _i_bolt(s, cx, cy, r, c, b):  # energy
    pts = [(cx + r * 0.15, cy - r), (cx - r * 0.55, cy + r * 0.12), (cx - r * 0.02, cy + r * 0.12), (cx - r * 0.2, cy + r), (cx + r * 0.55, cy - r * 0.15), (cx + r * 0.02, cy - r * 0.15)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)


def _i_eye(s, cx, cy, r, c, b):  # scrutiny
    w = _line_w(r)
    top = [(cx + r * math.cos(math.radians(a)), cy - r * 0.55 * math.sin(math.radians(a))) for a in range(0, 181, 12)]
    bot = [(cx + r * math.cos(math.radians(a)), cy + r * 0.55 * math.sin(math.radians(a))) for a in range(180, -1, -12)]
    pygame.draw.lines(s, c, True, top + bot, w)
    pygame.draw.aalines(s, c, True, top + bot)
    circle(s, c, (cx, cy), r * 0.34)
    if b is not None:
        circle(s, b, (cx - r * 0.1, cy - r * 0.1), r * 0.1)


def _star_points(cx, cy, r, inner=0.45, n=5, rot=-90):
    pts = []
    for k in range(n * 2):
        rr = r if k % 2 == 0 else r * inner
        a = math.radians(rot + k * 180 / n)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def _i_star(s, cx, cy, r, c, b):  # credibility
    pts = _star_points(cx, cy + r * 0.08, r * 1.02)
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)


def _i_people(s, cx, cy, r, c, b):  # trust: two figures
    for dx, sc in ((-0.38, 0.85), (0.38, 1.0)):
        x = cx + dx * r
        circle(s, c, (x, cy - r * 0.45 * sc), r * 0.3 * sc)
        body = pygame.Rect(0, 0, round(r * 0.8 * sc), round(r * 0.75 * sc))
        body.midtop = (round(x), round(cy - r * 0.05))
        pygame.draw.rect(s, c, body, border_top_left_radius=round(r * 0.4), border_top_right_radius=round(r * 0.4))


def _i_gem(s, cx, cy, r, c, b):  # valuation
    pts = [(cx - r * 0.95, cy - r * 0.3), (cx - r * 0.5, cy - r * 0.8), (cx + r * 0.5, cy - r * 0.8), (cx + r * 0.95, cy - r * 0.3), (cx, cy + r * 0.9)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)
    if b is not None:
        pygame.draw.aaline(s, b, (cx - r * 0.95, cy - r * 0.3), (cx + r * 0.95, cy - r * 0.3))
        pygame.draw.aaline(s, b, (cx - r * 0.3, cy - r * 0.3), (cx, cy + r * 0.85))
        pygame.draw.aaline(s, b, (cx + r * 0.3, cy - r * 0.3), (cx, cy + r * 0.85))


def _i_diamond(s, cx, cy, r, c, b):  # attention
    pip(s, (cx, cy), r * 0.85, c, c)


def _i_lock(s, cx, cy, r, c, b):
    w = _line_w(r)
    body = pygame.Rect(0, 0, round(r * 1.3), round(r * 1.0))
    body.midtop = (round(cx), round(cy - r * 0.1))
    pygame.draw.rect(s, c, body, border_radius=max(1, round(r / 6)))
    pygame.draw.arc(s, c, pygame.Rect(cx - r * 0.45, cy - r * 0.95, r * 0.9, r * 1.3), 0, math.pi, w + 1)
    pygame.draw.line(s, c, (cx - r * 0.45, cy - r * 0.3), (cx - r * 0.45, cy - r * 0.1), w + 1)
    pygame.draw.line(s, c, (cx + r * 0.42, cy - r * 0.3), (cx + r * 0.42, cy - r * 0.1), w + 1)


def _i_plane(s, cx, cy, r, c, b):  # travel
    pts = [
        (cx + r, cy), (cx + r * 0.75, cy - r * 0.12), (cx + r * 0.1, cy - r * 0.12), (cx - r * 0.35, cy - r * 0.85),
        (cx - r * 0.55, cy - r * 0.85), (cx - r * 0.25, cy - r * 0.12), (cx - r * 0.7, cy - r * 0.12), (cx - r * 0.88, cy - r * 0.38),
        (cx - r, cy - r * 0.38), (cx - r * 0.85, cy), (cx - r, cy + r * 0.38), (cx - r * 0.88, cy + r * 0.38), (cx - r * 0.7, cy + r * 0.12),
        (cx - r * 0.25, cy + r * 0.12), (cx - r * 0.55, cy + r * 0.85), (cx - r * 0.35, cy + r * 0.85), (cx + r * 0.1, cy + r * 0.12),
        (cx + r * 0.75, cy + r * 0.12),
    ]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)


def _i_home(s, cx, cy, r, c, b):
    roof = [(cx - r, cy - r * 0.05), (cx, cy - r * 0.95), (cx + r, cy - r * 0.05)]
    pygame.draw.polygon(s, c, roof)
    pygame.draw.aalines(s, c, True, roof)
    body = pygame.Rect(0, 0, round(r * 1.3), round(r * 0.95))
    body.midtop = (round(cx), round(cy - r * 0.1))
    pygame.draw.rect(s, c, body)
    if b is not None:
        door = pygame.Rect(0, 0, round(r * 0.4), round(r * 0.55))
        door.midbottom = body.midbottom
        pygame.draw.rect(s, b, door)


def _i_building(s, cx, cy, r, c, b):  # a data-centre campus: server blocks
    w = _line_w(r)
    body = pygame.Rect(0, 0, round(r * 1.7), round(r * 1.5))
    body.center = (round(cx), round(cy + r * 0.1))
    pygame.draw.rect(s, c, body, border_radius=max(1, round(r / 6)))
    if b is not None:
        for k in range(3):
            y = body.top + round(body.h * (0.22 + k * 0.27))
            pygame.draw.line(s, b, (body.left + w * 2, y), (body.right - w * 2, y), w)
            circle(s, b, (body.right - w * 3.5, y), w)


def _i_clock(s, cx, cy, r, c, b):
    w = _line_w(r)
    circle(s, c, (cx, cy), r * 0.92, w)
    pygame.draw.line(s, c, (cx, cy), (cx, cy - r * 0.55), w)
    pygame.draw.line(s, c, (cx, cy), (cx + r * 0.4, cy + r * 0.15), w)


def _i_book(s, cx, cy, r, c, b):  # a source
    w = _line_w(r)
    left = [(cx, cy - r * 0.6), (cx - r * 0.95, cy - r * 0.8), (cx - r * 0.95, cy + r * 0.7), (cx, cy + r * 0.9)]
    right = [(cx, cy - r * 0.6), (cx + r * 0.95, cy - r * 0.8), (cx + r * 0.95, cy + r * 0.7), (cx, cy + r * 0.9)]
    pygame.draw.lines(s, c, True, left, w)
    pygame.draw.lines(s, c, True, right, w)


def _i_dice(s, cx, cy, r, c, b):  # odds
    w = _line_w(r)
    body = pygame.Rect(0, 0, round(r * 1.7), round(r * 1.7))
    body.center = (round(cx), round(cy))
    pygame.draw.rect(s, c, body, w, border_radius=max(2, round(r / 3)))
    for dx, dy in ((-0.45, -0.45), (0, 0), (0.45, 0.45)):
        circle(s, c, (cx + dx * r, cy + dy * r), max(1.0, r * 0.17))


def _i_card(s, cx, cy, r, c, b):
    w = _line_w(r)
    body = pygame.Rect(0, 0, round(r * 1.3), round(r * 1.8))
    body.center = (round(cx), round(cy))
    pygame.draw.rect(s, c, body, w, border_radius=max(2, round(r / 4)))
    pygame.draw.line(s, c, (body.left + w * 3, body.top + body.h * 0.35), (body.right - w * 3, body.top + body.h * 0.35), w)
    pygame.draw.line(s, c, (body.left + w * 3, body.top + body.h * 0.55), (body.right - w * 3, body.top + body.h * 0.55), w)


def _i_save(s, cx, cy, r, c, b):
    w = _line_w(r)
    body = [(cx - r * 0.85, cy - r * 0.85), (cx + r * 0.5, cy - r * 0.85), (cx + r * 0.85, cy - r * 0.5), (cx + r * 0.85, cy + r * 0.85), (cx - r * 0.85, cy + r * 0.85)]
    pygame.draw.lines(s, c, True, body, w + 1)
    pygame.draw.rect(s, c, pygame.Rect(cx - r * 0.45, cy - r * 0.85, r * 0.8, r * 0.55))
    pygame.draw.rect(s, c, pygame.Rect(cx - r * 0.5, cy + r * 0.15, r * 1.0, r * 0.7), w)


def _i_menu(s, cx, cy, r, c, b):
    w = max(2, _line_w(r) + 1)
    for dy in (-0.55, 0.0, 0.55):
        pygame.draw.line(s, c, (cx - r * 0.8, cy + dy * r), (cx + r * 0.8, cy + dy * r), w)


def _i_undo(s, cx, cy, r, c, b):
    w = max(2, _line_w(r) + 1)
    pygame.draw.arc(s, c, pygame.Rect(cx - r * 0.75, cy - r * 0.55, r * 1.5, r * 1.4), math.radians(-60), math.radians(160), w)
    tip = (cx - r * 0.72, cy + r * 0.05)
    pts = [tip, (tip[0] - r * 0.35, tip[1] - r * 0.45), (tip[0] + r * 0.4, tip[1] - r * 0.35)]
    pygame.draw.polygon(s, c, pts)


def _i_gear(s, cx, cy, r, c, b):
    teeth = _star_points(cx, cy, r * 0.98, inner=0.74, n=8, rot=0)
    pygame.draw.polygon(s, c, teeth)
    pygame.draw.aalines(s, c, True, teeth)
    circle(s, b or (0, 0, 0), (cx, cy), r * 0.32)


def _i_trophy(s, cx, cy, r, c, b):
    w = _line_w(r)
    cup = [(cx - r * 0.6, cy - r * 0.85), (cx + r * 0.6, cy - r * 0.85), (cx + r * 0.45, cy - r * 0.05), (cx, cy + r * 0.2), (cx - r * 0.45, cy - r * 0.05)]
    pygame.draw.polygon(s, c, cup)
    pygame.draw.arc(s, c, pygame.Rect(cx - r * 0.95, cy - r * 0.8, r * 0.6, r * 0.6), math.radians(90), math.radians(270), w + 1)
    pygame.draw.arc(s, c, pygame.Rect(cx + r * 0.35, cy - r * 0.8, r * 0.6, r * 0.6), math.radians(-90), math.radians(90), w + 1)
    pygame.draw.line(s, c, (cx, cy + r * 0.2), (cx, cy + r * 0.65), w + 1)
    pygame.draw.rect(s, c, pygame.Rect(cx - r * 0.5, cy + r * 0.62, r * 1.0, r * 0.3))


def _i_cross(s, cx, cy, r, c, b):
    w = max(2, _line_w(r) + 1)
    pygame.draw.line(s, c, (cx - r * 0.6, cy - r * 0.6), (cx + r * 0.6, cy + r * 0.6), w)
    pygame.draw.line(s, c, (cx - r * 0.6, cy + r * 0.6), (cx + r * 0.6, cy - r * 0.6), w)


def _i_check(s, cx, cy, r, c, b):
    w = max(2, _line_w(r) + 1)
    pygame.draw.lines(s, c, False, [(cx - r * 0.7, cy), (cx - r * 0.2, cy + r * 0.55), (cx + r * 0.75, cy - r * 0.6)], w)


def _i_warning(s, cx, cy, r, c, b):
    pts = [(cx, cy - r * 0.95), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)
    if b is not None:
        w = max(2, _line_w(r))
        pygame.draw.line(s, b, (cx, cy - r * 0.35), (cx, cy + r * 0.25), w)
        circle(s, b, (cx, cy + r * 0.52), max(1.0, w * 0.7))


def _i_pin(s, cx, cy, r, c, b):  # a location
    circle(s, c, (cx, cy - r * 0.3), r * 0.62)
    pygame.draw.polygon(s, c, [(cx - r * 0.52, cy - r * 0.05), (cx + r * 0.52, cy - r * 0.05), (cx, cy + r)])
    if b is not None:
        circle(s, b, (cx, cy - r * 0.3), r * 0.25)


def _i_log(s, cx, cy, r, c, b):
    w = max(1, _line_w(r))
    for k, dy in enumerate((-0.6, -0.2, 0.2, 0.6)):
        pygame.draw.line(s, c, (cx - r * 0.85 + (0 if k % 2 == 0 else r * 0.3), cy + dy * r), (cx + r * 0.85, cy + dy * r), w + 1)


def _i_play(s, cx, cy, r, c, b):
    pts = [(cx - r * 0.55, cy - r * 0.8), (cx + r * 0.8, cy), (cx - r * 0.55, cy + r * 0.8)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)


def _i_folder(s, cx, cy, r, c, b):
    pts = [(cx - r * 0.9, cy - r * 0.7), (cx - r * 0.3, cy - r * 0.7), (cx - r * 0.1, cy - r * 0.45), (cx + r * 0.9, cy - r * 0.45), (cx + r * 0.9, cy + r * 0.75), (cx - r * 0.9, cy + r * 0.75)]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.aalines(s, c, True, pts)


def _i_door(s, cx, cy, r, c, b):  # quit
    w = max(2, _line_w(r))
    pygame.draw.lines(s, c, False, [(cx + r * 0.2, cy - r * 0.9), (cx - r * 0.8, cy - r * 0.9), (cx - r * 0.8, cy + r * 0.9), (cx + r * 0.2, cy + r * 0.9)], w)
    pygame.draw.line(s, c, (cx - r * 0.2, cy), (cx + r * 0.85, cy), w)
    pygame.draw.polygon(s, c, [(cx + r * 0.95, cy), (cx + r * 0.5, cy - r * 0.35), (cx + r * 0.5, cy + r * 0.35)])


def _i_dice_random(s, cx, cy, r, c, b):
    _i_dice(s, cx, cy, r, c, b)


_ICONS = {
    "cash": _i_cash,
    "burn": _i_flame,
    "runway": _i_hourglass,
    "revenue": _i_revenue,
    "chip": _i_chip,
    "energy": _i_bolt,
    "scrutiny": _i_eye,
    "credibility": _i_star,
    "trust": _i_people,
    "valuation": _i_gem,
    "attention": _i_diamond,
    "lock": _i_lock,
    "plane": _i_plane,
    "home": _i_home,
    "building": _i_building,
    "clock": _i_clock,
    "book": _i_book,
    "dice": _i_dice,
    "random": _i_dice_random,
    "card": _i_card,
    "save": _i_save,
    "menu": _i_menu,
    "undo": _i_undo,
    "gear": _i_gear,
    "trophy": _i_trophy,
    "cross": _i_cross,
    "check": _i_check,
    "warning": _i_warning,
    "pin": _i_pin,
    "log": _i_log,
    "play": _i_play,
    "folder": _i_folder,
    "door": _i_door,
}

ICON_NAMES = tuple(_ICONS)
