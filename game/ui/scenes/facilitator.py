"""The facilitator's pause screen: the whole screen, in type the back row can read.

It shows what `game.classroom.facilitator.pause_screen(game)` returns for the current quarter:
the quarter and the progress through the scenario, six big figures, the scenario's question,
the scripted note for this quarter, talking points read from the game, the card on the table
with its source, and the learning goals. It always uses the projector palette (white on
near-black), whatever the settings, and shrinks its type only as far as it must to fit the
window (1280x720 included). Any key or click returns to the game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.classroom.facilitator import PauseScreen, pause_screen
from game.text import numbers as format
from game.ui import draw
from game.ui.i18n import t
from game.ui.theme import PROJECTOR, PROJECTOR_COLOUR_BLIND, Colour, Palette, Theme
from game.ui.widgets import Layer

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.play import GameScene

# The pause screen's figures come keyed by track (game.classroom.facilitator): the key gives
# the icon, the translated name and the ten-cell track of the bounded ones.
BOUNDED = ("scrutiny", "credibility", "trust")
# keys that do not close the screen on their own (a modifier being held, a window switch)
MODIFIERS = {
    pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT,
    pygame.K_LGUI, pygame.K_RGUI, pygame.K_CAPSLOCK, pygame.K_NUMLOCK, pygame.K_MODE,
}
MIN_FIT = 0.5
GOALS_MIN = 0.8


@dataclass
class _Pen:
    """Draws (or, without a surface, only measures) text at a type scale k."""

    th: Theme
    surf: pygame.Surface | None
    k: float

    def size(self, n: float) -> float:
        return n * self.k

    def lh(self, n: float, weight: str = "regular", family: str = "ui") -> int:
        return self.th.line_height(self.size(n), weight, family)

    def text(self, s: str, n: float, colour: Colour, pos: tuple[int, int], anchor: str = "topleft", weight: str = "regular", family: str = "ui") -> pygame.Rect:
        img = self.th.render(s, self.size(n), colour, weight, family)
        r = img.get_rect(**{anchor: pos})
        if self.surf is not None:
            self.surf.blit(img, r)
        return r

    def para(self, s: str, n: float, colour: Colour, x: int, y: int, width: int, weight: str = "regular", family: str = "ui", spacing: float = 1.08, max_lines: int | None = None) -> int:
        size = self.size(n)
        lh = round(self.th.line_height(size, weight, family) * spacing)
        lines = self.th.wrap(s, size, max(10, width), weight, family)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.th.ellipsize(lines[-1] + " …", size, width, weight, family)
        for line in lines:
            if self.surf is not None and line:
                self.surf.blit(self.th.render(line, size, colour, weight, family), (x, y))
            y += lh
        return y


class FacilitatorLayer(Layer):
    """The teacher's pause screen over the game; any key or click goes back."""

    name = "facilitator"

    def __init__(self, app: App, scene: GameScene):
        super().__init__(app)
        self.scene = scene
        self.data: PauseScreen = pause_screen(scene.game)
        self.fit = 1.0
        self.goals_fit = 1.0  # the learning goals shrink first, down to GOALS_MIN of the rest
        self.box = pygame.Rect(0, 0, 1, 1)

    @property
    def palette(self) -> Palette:
        return PROJECTOR_COLOUR_BLIND if self.app.settings.palette == "colour_blind" else PROJECTOR

    # ----- layout ------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        m = th.px(44)
        self.box = rect.inflate(-2 * m, -2 * m)
        # the largest type that fits: measure the page at shrinking scales
        boost = self._text_boost()
        self.fit = MIN_FIT
        self.goals_fit = GOALS_MIN
        for k in [1.0 - 0.05 * i for i in range(int((1.0 - MIN_FIT) / 0.05) + 1)]:
            for g in (1.0, 0.9, GOALS_MIN):
                self.goals_fit = g
                if self._page(_Pen(th, None, k / boost)) <= self.box.bottom:
                    self.fit = k
                    return
        self.goals_fit = GOALS_MIN

    def _text_boost(self) -> float:
        """The theme's own text enlargement (projector mode, text size), already in its sizes."""
        th = self.app.theme
        return max(0.5, th.text_scale / th.scale / 1.15)

    def close(self) -> None:
        self.scene.pop(self)

    def handle(self, event: pygame.event.Event) -> None:
        key = event.type == pygame.KEYDOWN and event.key not in MODIFIERS
        click = event.type == pygame.MOUSEBUTTONUP and event.button in (1, 2, 3)
        if key or click:
            self.close()

    # ----- drawing -----------------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = self.palette
        surf.fill(pal.sea_bottom)
        band = pygame.Rect(0, 0, surf.get_width(), th.px(10))
        pygame.draw.rect(surf, pal.accent, band)
        self._page(_Pen(th, surf, self.fit / self._text_boost()))
        hint = t("facilitator.back")
        draw.text(surf, th, hint, 15 * self.fit / self._text_boost(), pal.ink_muted, (surf.get_width() // 2, surf.get_height() - th.px(14)), anchor="midbottom", weight="semibold")

    def _page(self, pen: _Pen) -> int:
        """Lay out (and with a surface, draw) the page; return the y under the last line."""
        th = self.app.theme
        pal = self.palette
        d = self.data
        box = self.box
        x = box.x
        # --- the header: kicker, scenario, the quarter; the figures on the right
        fig_w = min(box.w // 2, th.px(660))
        head_w = box.w - fig_w - th.px(32)
        y = box.y
        r = pen.text(t("facilitator.kicker").upper(), 16, pal.accent, (x, y), weight="bold")
        y = r.bottom + th.px(2)
        y = pen.para(d.title, 24, pal.ink_muted, x, y, head_w, weight="semibold", max_lines=2)
        r = pen.text(d.quarter, 66, pal.ink_light, (x - th.px(2), y), family="serif")
        y = r.bottom
        y = pen.para(d.progress, 22, pal.ink_light, x, y, head_w, weight="semibold")
        y = self._progress_bar(pen, x, y + th.px(8), min(head_w, th.px(420))) + th.px(4)
        fig_bottom = self._figures(pen, pygame.Rect(box.right - fig_w, box.y, fig_w, 0))
        y = max(y, fig_bottom) + th.px(22)
        # --- the question, across the page
        if d.question:
            qx = x + th.px(22)
            r = pen.text(t("facilitator.question").upper(), 16, pal.accent, (qx, y), weight="bold")
            end = pen.para(d.question, 30, pal.ink_light, qx, r.bottom + th.px(4), box.w - th.px(22), weight="semibold")
            if pen.surf is not None:
                pygame.draw.rect(pen.surf, pal.accent, pygame.Rect(x, y, th.px(8), end - y))
            y = end + th.px(22)
        # --- two columns: for this quarter | the card and the goals
        gap = th.px(48)
        left_w = round((box.w - gap) * 0.56)
        right_x = x + left_w + gap
        right_w = box.w - left_w - gap
        # left: this quarter (the card, the scripted note, the talking points)
        ly = y
        if d.card:
            title, source = d.card_title or d.card, d.card_source
            ly = self._heading(pen, t("facilitator.card"), x, ly)
            ly = pen.para(title, 26, pal.ink_light, x, ly, left_w, weight="semibold")
            if source:
                lh = pen.lh(18, "italic")
                if pen.surf is not None:
                    draw.icon(pen.surf, "book", (x + lh * 0.4, ly + lh / 2), lh * 0.7, pal.ink_muted)
                ly = pen.para(source, 18, pal.ink_muted, x + round(lh * 1.1), ly, left_w - round(lh * 1.1), weight="italic")
            ly += th.px(16)
        if d.note:
            ly = self._heading(pen, t("facilitator.note"), x, ly)
            ly = pen.para(d.note, 24, pal.ink_light, x, ly, left_w)
            ly += th.px(16)
        if d.talking_points:
            ly = self._heading(pen, t("facilitator.talking_points"), x, ly)
            ly = self._bullets(pen, d.talking_points, 24, x, ly, left_w)
        # right: what the lesson is for (smaller first when room runs out)
        ry = y
        if d.learning_goals:
            goals = _Pen(pen.th, pen.surf, pen.k * self.goals_fit)
            ry = self._heading(pen, t("facilitator.goals"), right_x, ry)
            ry = self._bullets(goals, d.learning_goals, 21, right_x, ry, right_w)
        # keep clear of the hint at the bottom
        return max(ly, ry) + pen.lh(15, "semibold") + th.px(6)

    def _heading(self, pen: _Pen, text: str, x: int, y: int) -> int:
        r = pen.text(text.upper(), 16, self.palette.accent, (x, y), weight="bold")
        return r.bottom + self.app.theme.px(6)

    def _bullets(self, pen: _Pen, items: list[str], size: float, x: int, y: int, width: int) -> int:
        th = self.app.theme
        pal = self.palette
        indent = round(pen.lh(size) * 0.9)
        for item in items:
            if pen.surf is not None:
                cy = y + pen.lh(size) / 2
                draw.pip(pen.surf, (x + indent * 0.35, cy), max(3, indent * 0.2), pal.accent, pal.accent)
            y = pen.para(item, size, pal.ink_light, x + indent, y, width - indent) + th.px(8)
        return y + th.px(10)

    def _progress_bar(self, pen: _Pen, x: int, y: int, w: int) -> int:
        th = self.app.theme
        pal = self.palette
        g = self.scene.game
        h = max(th.px(8), round(th.px(14) * pen.k))
        if pen.surf is not None:
            bar = pygame.Rect(x, y, w, h)
            total = max(1, g.c.turns)
            done = format.quarters_done(g.turn, g.over, total)
            colours = (pal.panel_raised, pal.accent, pal.panel_edge)
            draw.progress(pen.surf, th, bar, done, total, edge=max(1, th.px(1.5)), colours=colours)
        return y + h

    def _figures(self, pen: _Pen, area: pygame.Rect) -> int:
        """The big numbers, three to a row: icon, name, value, and a track for the bounded ones."""
        th = self.app.theme
        pal = self.palette
        g = self.scene.game
        items = list(self.data.figures.items())
        cols = 3
        gap = th.px(14)
        w = (area.w - gap * (cols - 1)) // cols
        pad = th.px(12)
        h = pad * 2 + pen.lh(16, "semibold") + pen.lh(34, "bold") + max(th.px(6), round(th.px(12) * pen.k)) + th.px(6)
        bottom = area.y
        for i, (label, value) in enumerate(items):
            cell = pygame.Rect(area.x + (i % cols) * (w + gap), area.y + (i // cols) * (h + gap), w, h)
            bottom = cell.bottom
            if pen.surf is None:
                continue
            key = label if label in format.TRACKS else None
            draw.rounded(pen.surf, pal.panel, cell, th.px(12))
            draw.rounded(pen.surf, pal.panel_edge, cell, th.px(12), width=max(1, th.px(1.5)))
            name = format.label(key) if key else label
            lh = pen.lh(16, "semibold")
            nx = cell.x + pad
            if key:
                draw.icon(pen.surf, format.info(key).icon, (nx + lh * 0.45, cell.y + pad + lh / 2), lh * 0.9, pal.accent, pal.panel)
                nx += round(lh * 1.1)
            label_size = pen.size(16)
            pen.surf.blit(th.render(th.ellipsize(name, label_size, cell.right - pad - nx, "semibold"), label_size, pal.ink_muted, "semibold"), (nx, cell.y + pad))
            vy = cell.y + pad + lh
            value_size = pen.size(34)
            shown = th.ellipsize(value, value_size, cell.w - 2 * pad, "bold")
            pen.surf.blit(th.render(shown, value_size, pal.ink_light, "bold"), (cell.x + pad, vy))
            if key in BOUNDED:
                bar = pygame.Rect(cell.x + pad, cell.bottom - pad - max(th.px(6), round(th.px(12) * pen.k)), cell.w - 2 * pad, max(th.px(6), round(th.px(12) * pen.k)))
                self._cells(pen.surf, bar, g.track(key), key)
        return bottom

    def _cells(self, surf: pygame.Surface, bar: pygame.Rect, now: float, key: str) -> None:
        th = self.app.theme
        pal = self.palette
        cells = 10
        gap = max(2, th.px(3))
        cw = (bar.w - gap * (cells - 1)) / cells
        high = key == "scrutiny"
        for i in range(cells):
            cell = pygame.Rect(round(bar.x + i * (cw + gap)), bar.y, max(1, round(cw)), bar.h)
            danger = (high and i >= 8) or (not high and i <= 1)
            pygame.draw.rect(surf, pal.panel_raised, cell, border_radius=max(1, th.px(2)))
            if danger:
                draw.hatch(surf, cell, pal.bad, max(4, th.px(5)), max(1, th.px(1.5)))
            fill = max(0.0, min(1.0, now - i))
            if fill > 0:
                part = cell.copy()
                part.w = max(1, round(cell.w * fill))
                pygame.draw.rect(surf, pal.bad if danger else pal.ink_light, part, border_radius=max(1, th.px(2)))
