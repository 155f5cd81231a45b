"""The facilitator's pause for a match: every lab side by side on the projector.

What it shows comes from `game.classroom.facilitator.match_pause`: the quarter, the scenario's
question and note, the common fate, and one column per lab (its team or bot, its place by
standing, its key figures and what moved this quarter). Projector palette whatever the settings;
the type shrinks only as far as it must to fit. Any key or click goes back.
"""

from __future__ import annotations

import pygame

from game.classroom.facilitator import MatchPause, match_pause
from game.text import numbers as format
from game.ui import draw
from game.ui.app import App
from game.ui.i18n import t
from game.ui.scenes.facilitator import MIN_FIT, MODIFIERS, _Pen
from game.ui.theme import PROJECTOR, PROJECTOR_COLOUR_BLIND, Palette
from game.ui.widgets import Layer


class MatchFacilitatorLayer(Layer):
    name = "facilitator"
    opaque = True

    def __init__(self, app: App, match, people: list[bool]):
        super().__init__(app)
        self.match = match
        self.data: MatchPause = match_pause(match, people)
        self.fit = 1.0
        self.box = pygame.Rect(0, 0, 1, 1)

    @property
    def palette(self) -> Palette:
        return PROJECTOR_COLOUR_BLIND if self.app.settings.palette == "colour_blind" else PROJECTOR

    def _boost(self) -> float:
        th = self.app.theme
        return max(0.5, th.text_scale / th.scale / 1.15)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        self.box = rect.inflate(-2 * th.px(36), -2 * th.px(32))
        self.fit = MIN_FIT
        for k in [1.0 - 0.05 * i for i in range(int((1.0 - MIN_FIT) / 0.05) + 1)]:
            if self._page(_Pen(th, None, k / self._boost())) <= self.box.bottom:
                self.fit = k
                return

    def handle(self, event: pygame.event.Event) -> None:
        key = event.type == pygame.KEYDOWN and event.key not in MODIFIERS
        click = event.type == pygame.MOUSEBUTTONUP and event.button in (1, 2, 3)
        if key or click:
            self.app.scene.pop(self)

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = self.palette
        surf.fill(pal.sea_bottom)
        pygame.draw.rect(surf, pal.accent, pygame.Rect(0, 0, surf.get_width(), th.px(10)))
        self._page(_Pen(th, surf, self.fit / self._boost()))
        draw.text(surf, th, t("facilitator.back"), 15 * self.fit / self._boost(), pal.ink_muted, (surf.get_width() // 2, surf.get_height() - th.px(12)), anchor="midbottom", weight="semibold")

    def _page(self, pen: _Pen) -> int:
        th = self.app.theme
        pal = self.palette
        d = self.data
        box = self.box
        x = box.x
        y = box.y
        r = pen.text(t("facilitator.match.kicker").upper(), 15, pal.accent, (x, y), weight="bold")
        r = pen.text(d.quarter, 56, pal.ink_light, (x, r.bottom + th.px(2)), family="serif")
        pen.text(d.progress, 22, pal.ink_muted, (r.right + th.px(18), r.centery), anchor="midleft", weight="semibold")
        y = r.bottom + th.px(4)
        if d.fate:
            y = pen.para(d.fate, 24, pal.bad if self.match.common_fate is not None and self.match.common_fate - self.match.c.labs.fate[1] < 1.5 else pal.ink_light, x, y, box.w, weight="semibold") + th.px(4)
        if d.question:
            y = pen.para(d.question, 22, pal.ink_light, x, y, box.w, weight="italic", max_lines=2) + th.px(4)
        if d.note:
            y = pen.para(d.note, 20, pal.ink_muted, x, y, box.w, max_lines=3) + th.px(4)
        y += th.px(10)
        n = len(d.labs)
        gap = th.px(18)
        w = (box.w - gap * (n - 1)) // n
        bottom = y
        for k, lab in enumerate(d.labs):
            cx = x + k * (w + gap)
            bottom = max(bottom, self._column(pen, lab, pygame.Rect(cx, y, w, 0)))
        return bottom + pen.lh(15, "semibold") + th.px(6)

    def _column(self, pen: _Pen, lab, area: pygame.Rect) -> int:
        th = self.app.theme
        pal = self.palette
        pad = th.px(14)
        x = area.x + pad
        w = area.w - 2 * pad
        y = area.y + pad + th.px(8)
        lh_name = pen.lh(30, "semibold")
        c = pygame.Color(lab.colour)
        if pen.surf is not None:
            draw.circle(pen.surf, (c.r, c.g, c.b), (x + lh_name * 0.35, y + lh_name / 2), lh_name * 0.35)
        y = pen.para(lab.name, 30, pal.ink_light, x + round(lh_name * 0.85), y, w - round(lh_name * 0.85), weight="semibold", max_lines=1)
        y = pen.para(lab.team, 19, pal.ink_muted, x, y, w, max_lines=1)
        y = pen.para(t("facilitator.match.place", n=lab.place, standing=lab.standing), 21, pal.accent, x, y, w, weight="bold", max_lines=1)
        y = pen.para(lab.status, 19, pal.ink_light, x, y, w, weight="semibold", max_lines=2) + th.px(6)
        size = 21
        for key, value in lab.figures.items():
            lh = pen.lh(size)
            label = format.label(key)
            room = w - th.text_width(value, pen.size(size), "bold") - th.px(6)
            if th.text_width(label, pen.size(size)) > room:  # a long name: the figure goes under it
                pen.text(th.ellipsize(label, pen.size(size), w), size, pal.ink_muted, (x, y))
                y += lh
            pen.text(value, size, pal.ink_light, (x + w, y), anchor="topright", weight="bold")
            if th.text_width(label, pen.size(size)) <= room:
                pen.text(label, size, pal.ink_muted, (x, y))
            y += lh
        y += th.px(6)
        if lab.moved:
            y = pen.para(t("facilitator.match.moved").upper(), 15, pal.accent, x, y, w, weight="bold")
            for line in lab.moved[:4]:
                y = pen.para(line, 18, pal.ink_light, x, y, w, max_lines=1)
        bottom = y + pad
        if pen.surf is not None:
            box = pygame.Rect(area.x, area.y, area.w, bottom - area.y)
            draw.rounded(pen.surf, pal.panel_edge, box, th.px(12), width=max(1, th.px(1.5)))
            pygame.draw.rect(pen.surf, (c.r, c.g, c.b), pygame.Rect(area.x + th.px(8), area.y + th.px(4), area.w - th.px(16), th.px(6)), border_radius=th.px(3))
        return bottom
