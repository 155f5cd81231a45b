"""Painters shared by every screen: buttons, effect chips, tooltips and toasts."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.text import numbers as format
from game.ui import draw
from game.ui.theme import Colour, Theme
from game.ui.widgets import Tip, Widget


def key_name(key: int) -> str:
    names = {pygame.K_RETURN: "Enter", pygame.K_ESCAPE: "Esc", pygame.K_SPACE: "Space", pygame.K_BACKSPACE: "⌫"}
    return names.get(key, pygame.key.name(key).upper())


def keycap(surf: pygame.Surface, th: Theme, label: str, right_center: tuple[int, int], fg: Colour, edge: Colour) -> int:
    """A small key cap ('E') drawn with its right edge at the point; returns its width."""
    img = th.render(label, 11, fg, "semibold")
    w = max(img.get_width() + th.px(10), th.px(20))
    r = pygame.Rect(0, 0, w, img.get_height() + th.px(2))
    r.midright = right_center
    draw.rounded(surf, edge, r, th.px(5), width=th.stroke(1))
    surf.blit(img, img.get_rect(center=r.center))
    return w


def button_width(th: Theme, label: str, size: float = 15, icon: str | None = None, hotkey: str | None = None) -> int:
    """The width a button needs to show its label whole, with its icon and key cap (as `button`
    paints them)."""
    w = th.px(24) + th.text_width(label, size, "semibold")
    if icon:
        w += th.px(18) + th.px(8)
    if hotkey:
        w += max(th.text_width(hotkey, 11, "semibold") + th.px(10), th.px(20)) + th.px(8)
    return w


def button(th_get: Callable[[], Theme], label: str, icon: str | None = None, style: str = "secondary", hotkey: str | None = None, align: str = "center", size: float = 15) -> Callable[[pygame.Surface, Widget], None]:
    """A painter for a button. style: primary (amber), secondary (on the board), paper, ghost."""

    def paint(surf: pygame.Surface, w: Widget) -> None:
        th = th_get()
        pal = th.palette
        r = w.rect
        rad = th.px(10)
        if style == "primary":
            fill, fg, edge = pal.accent, pal.accent_ink, pal.accent_dark
            if w.hovered:
                fill = tuple(min(255, c + 18) for c in pal.accent)
            if w.pressed:
                fill = pal.accent_dark
        elif style == "paper":
            fill, fg, edge = pal.paper_shade, pal.ink, pal.paper_edge
            if w.hovered:
                fill = tuple(max(0, c - 10) for c in pal.paper_shade)
                edge = pal.accent_dark
            if w.pressed:
                fill = pal.paper_edge
        elif style == "ghost":
            fill, fg, edge = None, pal.ink_light, None
            if w.hovered:
                fill = pal.panel_raised
        else:
            fill, fg, edge = pal.panel_raised, pal.ink_light, pal.panel_edge
            if w.hovered:
                fill = tuple(min(255, c + 10) for c in pal.panel_raised)
                edge = pal.accent
            if w.pressed:
                fill = pal.panel
        if not w.enabled:
            fill = pal.panel if style != "paper" else pal.paper
            fg = pal.ink_faint if style != "paper" else pal.ink_soft
            edge = pal.panel_edge if style != "paper" else pal.paper_edge
        if style == "primary" and w.enabled:
            draw.shadow(surf, r, rad, blur=th.px(4), offset=th.px(2), alpha=90)
        if fill is not None:
            draw.rounded(surf, fill, r, rad)
        if edge is not None:
            draw.rounded(surf, edge, r, rad, width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, r, 10)
        img = th.render(label, size, fg, "semibold")
        icon_size = th.px(18)
        gap = th.px(8) if icon else 0
        cap_w = 0
        if hotkey and w.enabled and r.w > th.px(120):
            cap_w = keycap(surf, th, hotkey, (r.right - th.px(10), r.centery), fg, edge or pal.panel_edge) + th.px(8)
        avail = r.w - th.px(24) - cap_w - (icon_size + gap if icon else 0)
        if img.get_width() > avail > 0:
            img = th.render(th.ellipsize(label, size, avail, "semibold"), size, fg, "semibold")
        total = img.get_width() + (icon_size + gap if icon else 0)
        x = r.x + th.px(14) if align == "left" else r.x + (r.w - cap_w - total) // 2
        shown_icon = "lock" if not w.enabled and style != "ghost" else icon
        if shown_icon:
            draw.icon(surf, shown_icon, (x + icon_size / 2, r.centery), icon_size, fg, fill or pal.panel)
            x += icon_size + gap
        surf.blit(img, img.get_rect(midleft=(x, r.centery)))

    return paint


def effect_chip(surf: pygame.Surface, th: Theme, key: str, d: float, x: int, y: int, on_paper: bool, size: float = 12, text: str | None = None) -> int:
    """One effect as a chip: icon, arrow and signed amount. Returns the chip's width."""
    pal = th.palette
    news = format.good_news(key, d)
    if on_paper:
        fg = pal.good_on_paper if news > 0 else pal.bad_on_paper if news < 0 else pal.ink_soft
        bg = pal.paper_shade
    else:
        fg = pal.good if news > 0 else pal.bad if news < 0 else pal.ink_muted
        bg = pal.panel
    label = text if text is not None else format.delta(key, d)
    img = th.render(label, size, fg, "semibold")
    h = img.get_height() + th.px(4)
    isz = round(h * 0.72)
    w = th.px(6) + isz + th.px(3) + round(h * 0.45) + th.px(3) + img.get_width() + th.px(8)
    r = pygame.Rect(x, y, w, h)
    draw.rounded(surf, bg, r, h // 2)
    cx = x + th.px(6) + isz / 2
    draw.icon(surf, format.info(key).icon, (cx, r.centery), isz, fg, bg)
    ax = cx + isz / 2 + th.px(3) + h * 0.22
    if d > 0:
        draw.arrow(surf, fg, (ax, r.centery), h * 0.4, True)
    elif d < 0:
        draw.arrow(surf, fg, (ax, r.centery), h * 0.4, False)
    surf.blit(img, (ax + h * 0.22 + th.px(3), r.y + th.px(2)))
    return w


def chip_text(key: str, d: float, named: bool) -> str:
    return f"{format.label(key)} {format.delta(key, d)}" if named else format.delta(key, d)


def visible_effects(effects: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The effects worth a badge: a change that rounds to nothing ("−0") is left out."""
    return [(k, d) for k, d in effects if any(ch in "123456789" for ch in format.delta(k, d))]


def effect_chips(surf: pygame.Surface, th: Theme, effects: list[tuple[str, float]], x: int, y: int, width: int, on_paper: bool, size: float = 12, max_rows: int = 1, named: bool = False) -> int:
    """A row (or a few) of effect chips; returns the height used. Extra chips become '+N'."""
    effects = visible_effects(effects)
    if not effects:
        return 0
    gap = th.px(5)
    line_h = th.line_height(size, "semibold") + th.px(4)
    cx, row, last_end = x, 0, x
    for i, (k, d) in enumerate(effects):
        est = chip_width(th, k, d, size, chip_text(k, d, named))
        if cx + est > x + width and cx > x:
            if row + 1 >= max_rows:
                rest = len(effects) - i
                pal = th.palette
                more = th.render(f"+{rest}", size, pal.ink_soft if on_paper else pal.ink_muted, "semibold")
                surf.blit(more, (min(x + width - more.get_width(), last_end), y + row * (line_h + gap) + th.px(2)))
                return (row + 1) * (line_h + gap) - gap
            row += 1
            cx = x
        effect_chip(surf, th, k, d, cx, y + row * (line_h + gap), on_paper, size, chip_text(k, d, named))
        cx += est + gap
        last_end = cx
    return (row + 1) * (line_h + gap) - gap


def chip_width(th: Theme, key: str, d: float, size: float = 12, text: str | None = None) -> int:
    img_w = th.text_width(text if text is not None else format.delta(key, d), size, "semibold")
    h = th.line_height(size, "semibold") + th.px(4)
    isz = round(h * 0.72)
    return th.px(6) + isz + th.px(3) + round(h * 0.45) + th.px(3) + img_w + th.px(8)


def odds_pill(surf: pygame.Surface, th: Theme, p: float, right: int, cy: int, on_paper: bool = False, size: float = 12) -> int:
    """The chance of success, with a die: '62%'. Returns its width."""
    pal = th.palette
    fg = pal.ink if on_paper else pal.ink_light
    bg = pal.paper_shade if on_paper else pal.panel
    img = th.render(format.percent(p), size, fg, "bold")
    h = img.get_height() + th.px(4)
    w = h + img.get_width() + th.px(10)
    r = pygame.Rect(0, 0, w, h)
    r.midright = (right, cy)
    draw.rounded(surf, bg, r, h // 2)
    draw.rounded(surf, pal.accent if not on_paper else pal.accent_dark, r, h // 2, width=th.stroke(1))
    draw.icon(surf, "dice", (r.x + h * 0.55, cy), h * 0.62, fg)
    surf.blit(img, img.get_rect(midleft=(r.x + h, cy)))
    return w


def odds_pill_width(th: Theme, p: float, size: float = 12) -> int:
    img_w = th.text_width(format.percent(p), size, "bold")
    h = th.line_height(size, "bold") + th.px(4)
    return h + img_w + th.px(10)


# ----- tooltips ---------------------------------------------------------------------------------


def tooltip_surface(th: Theme, tip: Tip) -> pygame.Surface:
    pal = th.palette
    width = th.px(tip.width)
    pad = th.px(14)
    inner = width - 2 * pad
    rows: list[tuple[str, list[str], str | None]] = []
    h = pad
    title_lines = th.wrap(tip.title, 16, inner, "semibold")
    h += th.line_height(16, "semibold") * len(title_lines) + th.px(6)
    styles = {
        "body": (13, pal.ink, "regular"),
        "muted": (12, pal.ink_soft, "regular"),
        "good": (13, pal.good_on_paper, "semibold"),
        "bad": (13, pal.bad_on_paper, "semibold"),
        "neutral": (13, pal.ink_soft, "semibold"),
        "source": (12, pal.ink_soft, "italic"),
        "heading": (12, pal.ink_soft, "bold"),
    }
    for line in tip.lines:
        size, _, weight = styles.get(line.kind, styles["body"])
        indent = th.px(16) if line.mark else 0
        wrapped = th.wrap(line.text, size, inner - indent, weight)
        rows.append((line.kind, wrapped, line.mark))
        h += th.line_height(size, weight) * len(wrapped) + (th.px(6) if line.kind == "heading" else th.px(2))
    h += pad
    surf = pygame.Surface((width + th.px(24), h + th.px(24)), pygame.SRCALPHA)
    box = pygame.Rect(th.px(8), th.px(6), width, h)
    draw.shadow(surf, box, th.px(10), blur=th.px(6), offset=th.px(3), alpha=140)
    draw.rounded(surf, pal.paper, box, th.px(10))
    draw.rounded(surf, pal.paper_edge, box, th.px(10), width=th.stroke(1))
    y = box.y + pad
    for line in title_lines:
        surf.blit(th.render(line, 16, pal.ink, "semibold"), (box.x + pad, y))
        y += th.line_height(16, "semibold")
    y += th.px(6)
    for kind, wrapped, mark in rows:
        size, colour, weight = styles.get(kind, styles["body"])
        if kind == "heading":
            y += th.px(4)
            pygame.draw.line(surf, pal.paper_edge, (box.x + pad, y - th.px(3)), (box.right - pad, y - th.px(3)), th.stroke(1))
        lh = th.line_height(size, weight)
        x = box.x + pad
        if mark:
            mcol = colour
            if mark == "up":
                draw.arrow(surf, mcol, (x + th.px(6), y + lh / 2), th.px(9), True)
            elif mark == "down":
                draw.arrow(surf, mcol, (x + th.px(6), y + lh / 2), th.px(9), False)
            elif mark == "book":
                draw.icon(surf, "book", (x + th.px(6), y + lh / 2), th.px(12), mcol)
            elif mark == "lock":
                draw.icon(surf, "lock", (x + th.px(6), y + lh / 2), th.px(12), mcol)
            elif mark in ("clock", "warning", "building", "chip", "energy"):
                draw.icon(surf, mark, (x + th.px(6), y + lh / 2), th.px(12), mcol)
            else:
                draw.steady(surf, mcol, (x + th.px(6), y + lh / 2), th.px(9))
            x += th.px(16)
        for line in wrapped:
            if line:
                surf.blit(th.render(line, size, colour, weight), (x, y))
            y += lh
        y += th.px(6) if kind == "heading" else th.px(2)
    return surf


def place_tooltip(screen: pygame.Rect, target: pygame.Rect, size: tuple[int, int], gap: int) -> tuple[int, int]:
    """Beside the target (right, else left, else below), kept on screen."""
    w, h = size
    if target.right + gap + w <= screen.right:
        x = target.right + gap
    elif target.left - gap - w >= screen.left:
        x = target.left - gap - w
    else:
        x = min(max(screen.left, target.centerx - w // 2), screen.right - w)
    y = min(max(screen.top, target.top - gap), screen.bottom - h)
    if target.w > screen.w // 3 and x not in (target.right + gap, target.left - gap - w):
        y = target.bottom + gap if target.bottom + gap + h <= screen.bottom else max(screen.top, target.top - gap - h)
    return x, max(screen.top, y)


def toast_surface(th: Theme, message: str, kind: str) -> pygame.Surface:
    pal = th.palette
    pad = th.px(14)
    maxw = th.px(620)
    lines = th.wrap(message, 14, maxw - pad * 2 - th.px(28), "semibold")
    lh = th.line_height(14, "semibold")
    w = min(maxw, max(th.text_width(line, 14, "semibold") for line in lines) + pad * 2 + th.px(28))
    h = lh * len(lines) + pad * 2 - th.px(6)
    surf = pygame.Surface((w + th.px(20), h + th.px(20)), pygame.SRCALPHA)
    box = pygame.Rect(th.px(10), th.px(4), w, h)
    draw.shadow(surf, box, th.px(10), blur=th.px(5), offset=th.px(3), alpha=150)
    edge = pal.good if kind == "good" else pal.bad if kind == "bad" else pal.accent
    draw.rounded(surf, pal.panel_raised, box, th.px(10))
    draw.rounded(surf, edge, box, th.px(10), width=th.stroke(2, 2))
    ic = {"good": "check", "bad": "warning"}.get(kind, "card")
    draw.icon(surf, ic, (box.x + pad + th.px(9), box.y + pad - th.px(3) + lh / 2), th.px(18), edge, pal.panel_raised)
    y = box.y + pad - th.px(3)
    for line in lines:
        surf.blit(th.render(line, 14, pal.ink_light, "semibold"), (box.x + pad + th.px(28), y))
        y += lh
    return surf
