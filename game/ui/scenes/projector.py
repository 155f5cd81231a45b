"""Projector mode's board: readable from the back of a classroom.

The same board, actions and rules as the ordinary layout, with fewer secondary details and the
key tracks big: nine track rows that fill the left side (no scrolling, a large number and a
thick ten-cell track for the bounded ones), a taller top bar, and under the map only the goal
and what just happened, in large type. The colours, the larger text and the thicker lines come
from the theme (`Theme.projector`); this module only lays the board out and draws its panels.

`ProjectorBoard` is mixed into the board layer (`scenes.play.BoardLayer`), which calls
`_build_projector` and the `_draw_*_projector` methods when the setting is on.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.text import numbers as format
from game.text.words import words_for
from game.ui import draw, panels
from game.ui.describe import explain_tip
from game.ui.i18n import t
from game.ui.widgets import Widget

if TYPE_CHECKING:
    from game.core.session import Game
    from game.ui.app import App
    from game.ui.scenes.play import GameScene

# type sizes at the reference window (the theme adds projector mode's larger text on top)
VALUE_SIZE = 24
NAME_SIZE = 15
LINE_SIZE = 15
GOAL_TITLE = 19
GOAL_LINE = 17
TOP_H = 78
LEFT_W = 400
RIGHT_W = 390


class ProjectorBoard:
    """The projector layout of the board layer (a mixin: it uses the layer's attributes)."""

    app: App
    scene: GameScene
    game: Game
    widgets: list[Widget]

    # ----- layout ------------------------------------------------------------------------------------

    def _build_projector(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        m = th.px(14)
        self.top = pygame.Rect(0, 0, rect.w, th.px(TOP_H))
        body_y = self.top.h + m
        body_h = rect.h - body_y - m
        left_w = min(th.px(LEFT_W), rect.w // 3)
        right_w = min(th.px(RIGHT_W), rect.w // 3)
        self.left = pygame.Rect(m, body_y, left_w, body_h)
        self.right = pygame.Rect(rect.w - m - right_w, body_y, right_w, body_h)
        self.centre = pygame.Rect(self.left.right + m, body_y, self.right.x - m - self.left.right - m, body_h)
        view = self.scene.view
        view.layout(pygame.Rect(self.centre.x, self.centre.y, self.centre.w, round(self.centre.h * 0.64)))
        view.rect.midtop = (self.centre.centerx, self.centre.y)
        below = pygame.Rect(self.centre.x, view.rect.bottom + m, self.centre.w, self.centre.bottom - view.rect.bottom - m)
        goal_w = round(below.w * 0.48)
        self.goal = pygame.Rect(below.x, below.y, goal_w, below.h)
        self.log = pygame.Rect(self.goal.right + m, below.y, below.right - self.goal.right - m, below.h)
        self.here = pygame.Rect(below.x, below.y, 0, 0)
        self.tracks_area = None
        self.log_area = None
        self.log_rows = []
        self.tracks_big = True
        self._build_top(rect)
        self._build_big_tracks()
        self._build_spaces()
        self._build_actions()

    def _build_big_tracks(self) -> None:
        th = self.app.theme
        inner = self.left.inflate(-th.px(12), -th.px(12))
        rows = panels.TRACK_ROWS
        row_h = inner.h // len(rows)
        for i, track in enumerate(rows):
            r = pygame.Rect(inner.x, inner.y + i * row_h, inner.w, row_h - th.px(2))
            self.add(Widget(f"track.{track}", r, self._paint_big_track, tooltip=(lambda tr=track: explain_tip(self.game, tr, panels.extra_lines(self.game, tr))), data=track))

    # ----- painters ----------------------------------------------------------------------------------

    def _paint_big_track(self, surf: pygame.Surface, w: Widget) -> None:
        """One track, big: icon, name, the number and its trend; a thick track or one key line."""
        th = self.app.theme
        pal = th.palette
        g = self.game
        track = w.data
        rect = w.rect
        if w.hovered or w.focused:
            draw.rounded(surf, pal.panel_raised, rect, th.px(10))
        if w.focused:
            draw.focus_ring(surf, th, rect)
        prev = panels.previous_close(g)
        now = self.scene.shown(track)
        before = panels.track_from(prev, track)
        real = g.track(track)
        d = real - before if not (math.isinf(before) or math.isinf(real)) else 0.0
        significant = abs(d) > (0.05 if format.info(track).unit == "points" else 1e-3 * max(1.0, abs(before)))
        news = format.good_news(track, d)
        trend_colour = pal.good if news > 0 else pal.bad if news < 0 else pal.ink_faint
        value_lh = th.line_height(VALUE_SIZE, "bold")
        line_lh = th.line_height(LINE_SIZE, "semibold")
        pad = max(th.px(2), (rect.h - value_lh - line_lh) // 2)
        cy = rect.y + pad + value_lh // 2
        x = rect.x + th.px(10)
        draw.icon(surf, format.info(track).icon, (x + th.px(13), cy), th.px(26), pal.accent, pal.panel)
        name_x = x + th.px(36)
        # the number and its trend, right-aligned; the name gets what is left
        trend_x = rect.right - th.px(16)
        vr = draw.text(surf, th, format.value(track, now), VALUE_SIZE, pal.ink_light, (trend_x - th.px(18), cy), anchor="midright", weight="bold")
        if significant:
            draw.arrow(surf, trend_colour, (trend_x, cy), th.px(14), d > 0)
        else:
            draw.steady(surf, pal.ink_faint, (trend_x, cy), th.px(12))
        name = th.ellipsize(format.label(track), NAME_SIZE, vr.x - th.px(10) - name_x, "semibold")
        draw.text(surf, th, name, NAME_SIZE, pal.ink_muted, (name_x, cy), anchor="midleft", weight="semibold")
        y2 = cy + value_lh // 2
        width = rect.right - th.px(16) - name_x
        if track in panels.BOUNDED:
            self._big_cells(surf, pygame.Rect(name_x, y2 + th.px(2), width, max(th.px(12), line_lh - th.px(6))), now, track)
            return
        if track == "power_gw_online":
            need = g.track("power_gw_needed")
            warn = need > real + 1e-9
            text = t("projector.power_needed", value=format.value("power_gw_needed", need))
            self._line(surf, name_x, y2, width, text, warn)
            return
        if track == "burn_busd_per_year":
            runway = g.track("runway_quarters")
            self._line(surf, name_x, y2, width, t("tracks.runway", value=format.value("runway_quarters", runway)), runway < 2)
            return
        if significant:
            col = pal.good if news > 0 else pal.bad if news < 0 else pal.ink_muted
            self._line(surf, name_x, y2, width, f"{format.delta(track, d)} " + t("tracks.since_last"), False, col)

    def _line(self, surf: pygame.Surface, x: int, y: int, width: int, text: str, warn: bool, colour=None) -> None:
        th = self.app.theme
        pal = th.palette
        if warn:
            lh = th.line_height(LINE_SIZE, "semibold")
            draw.icon(surf, "warning", (x + th.px(8), y + lh / 2), th.px(16), pal.bad, pal.panel)
            x += th.px(22)
            width -= th.px(22)
        col = pal.bad if warn else (colour or pal.ink_muted)
        draw.text(surf, th, th.ellipsize(text, LINE_SIZE, width, "semibold"), LINE_SIZE, col, (x, y), weight="semibold")

    def _big_cells(self, surf: pygame.Surface, bar: pygame.Rect, now: float, track: str) -> None:
        """A ten-cell track, thick; the danger end hatched, so it does not rely on colour."""
        th = self.app.theme
        pal = th.palette
        cells = 10
        gap = max(2, th.px(3))
        cw = (bar.w - gap * (cells - 1)) / cells
        _, side = panels.BOUNDED[track]
        for i in range(cells):
            cell = pygame.Rect(round(bar.x + i * (cw + gap)), bar.y, max(1, round(cw)), bar.h)
            fill = max(0.0, min(1.0, now - i))
            danger = (side == "high" and i >= 8) or (side == "low" and i <= 1)
            pygame.draw.rect(surf, pal.panel_raised, cell, border_radius=max(1, th.px(3)))
            if danger:
                draw.hatch(surf, cell, pal.bad, max(4, th.px(6)), th.stroke(1))
            if fill > 0:
                part = cell.copy()
                part.w = max(1, round(cell.w * fill))
                pygame.draw.rect(surf, pal.bad if danger else pal.ink_light, part, border_radius=max(1, th.px(3)))
            pygame.draw.rect(surf, pal.panel_edge, cell, th.stroke(0.5), border_radius=max(1, th.px(3)))

    # ----- drawing -----------------------------------------------------------------------------------

    def _draw_top_projector(self, surf: pygame.Surface) -> None:
        """The date, the quarter, the attention left and where the CEO is, in large type."""
        th = self.app.theme
        pal = th.palette
        g = self.game
        bar = self.top
        draw.top_bar(surf, th, bar)
        x = th.px(20)
        r = draw.text(surf, th, format.quarter(g.date), 34, pal.ink_light, (x, bar.centery), anchor="midleft", family="serif")
        total = g.c.turns
        px = r.right + th.px(18)
        label_y = bar.centery - th.px(6)
        q = draw.text(surf, th, t("top.quarter_of", n=min(g.turn + 1, total), total=total), 15, pal.ink_light, (px, label_y), anchor="bottomleft", weight="bold")
        track = pygame.Rect(px, bar.centery + th.px(4), max(th.px(150), q.w), th.px(10))
        draw.progress(surf, th, track, format.quarters_done(g.turn, g.over, total), total, edge=th.stroke(0.5))
        x = track.right + th.px(32)
        left = max(0, round(g.track("attention")))
        cap = max(round(g.c.consts.attention_per_quarter), left)
        a = draw.text(surf, th, t("top.attention").upper(), 14, pal.ink_muted, (x, label_y), anchor="bottomleft", weight="bold")
        step = th.px(30)
        for i in range(cap):
            cx = x + th.px(11) + i * step
            draw.pip(surf, (cx, bar.centery + th.px(14)), th.px(11), pal.accent if i < left else None, pal.accent if i < left else pal.ink_faint)
        x += max(a.w, cap * step) + th.px(32)
        here = g.scenario.space(g.location)
        draw.text(surf, th, t("top.location").upper(), 14, pal.ink_muted, (x, label_y), anchor="bottomleft", weight="bold")
        draw.icon(surf, "pin", (x + th.px(9), bar.centery + th.px(14)), th.px(18), pal.accent, pal.panel)
        limit = self.top_buttons_x - th.px(16) - (x + th.px(24))
        if limit > th.px(40):
            draw.text(surf, th, th.ellipsize(here.name, 19, limit, "semibold"), 19, pal.ink_light, (x + th.px(24), bar.centery + th.px(14)), anchor="midleft", weight="semibold")

    def _draw_below_board_projector(self, surf: pygame.Surface) -> None:
        """Under the map: the goal and its progress, and what just happened (newest first)."""
        th = self.app.theme
        pal = th.palette
        g = self.game
        draw.panel(surf, th, self.goal)
        box = self.goal.inflate(-th.px(28), -th.px(22))
        goals = g.scenario.goals.win
        y = box.y
        if goals:
            draw.icon(surf, "trophy", (box.x + th.px(11), y + th.px(13)), th.px(22), pal.accent)
            y = draw.paragraph(surf, th, t("goal.title", goal=goals[0].title), GOAL_TITLE, pal.ink_light, box.x + th.px(30), y, box.w - th.px(30), weight="semibold", max_lines=2)
            y += th.px(10)
            lh = th.line_height(GOAL_LINE, "semibold")
            bar_h = th.px(14)
            for label, text, _, _, frac in panels.goal_progress(g):
                done = frac >= 1
                text_w = th.text_width(text, GOAL_LINE, "bold") + (th.px(24) if done else 0)
                two_lines = th.text_width(label, GOAL_LINE) + th.px(12) + text_w > box.w
                if y + lh * (2 if two_lines else 1) + bar_h + th.px(4) > box.bottom:
                    break
                draw.text(surf, th, th.ellipsize(label, GOAL_LINE, box.w), GOAL_LINE, pal.ink_muted, (box.x, y))
                if two_lines:
                    y += lh
                vr = draw.text(surf, th, th.ellipsize(text, GOAL_LINE, box.w, "bold"), GOAL_LINE, pal.ink_light, (box.right, y), anchor="topright", weight="bold")
                if done:  # reached: a tick as well as the colour
                    draw.icon(surf, "check", (vr.x - th.px(12), vr.centery), th.px(16), pal.good)
                bar = pygame.Rect(box.x, y + lh + th.px(3), box.w, bar_h)
                pygame.draw.rect(surf, pal.panel_raised, bar, border_radius=bar.h // 2)
                part = bar.copy()
                part.w = max(0, round(bar.w * frac))
                if part.w:
                    pygame.draw.rect(surf, pal.good if done else pal.accent, part, border_radius=bar.h // 2)
                pygame.draw.rect(surf, pal.panel_edge, bar, th.stroke(0.5), border_radius=bar.h // 2)
                y = bar.bottom + th.px(14)
        draw.panel(surf, th, self.log)
        box = self.log.inflate(-th.px(28), -th.px(22))
        r = draw.text(surf, th, t("projector.latest").upper(), 14, pal.ink_muted, (box.x, box.y), weight="bold")
        y = r.bottom + th.px(8)
        lh = th.line_height(LINE_SIZE)
        date_w = th.text_width("Q4 2099", 14, "semibold") + th.px(12)
        log = g.log
        for i in range(len(log) - 1, -1, -1):
            entry = log[i]
            if entry.kind == "quarter":
                continue
            nxt = log[i + 1] if i + 1 < len(log) else None
            if entry.kind == "action" and nxt is not None and nxt.turn == entry.turn and nxt.kind in ("quarter", "incident", "outcome"):
                continue  # ending the quarter: the date already says so
            room = min(2, (box.bottom - y) // lh)
            if room <= 0:
                break
            weight = "semibold" if entry.kind in ("card", "outcome", "incident") else "regular"
            text_w = box.w - date_w
            words = words_for(g)
            # the outcome matters more than the odds: the brief line keeps it in view
            text = words.brief(entry.fact) if entry.kind == "action" else words.say(entry.fact)
            lines = th.wrap(text, LINE_SIZE, text_w, weight)
            if len(lines) > room:
                lines = lines[:room]
                lines[-1] = th.ellipsize(lines[-1] + " …", LINE_SIZE, text_w, weight)
            colour = pal.bad if entry.kind == "incident" else pal.ink_light
            draw.text(surf, th, words.date(entry.turn), 14, pal.accent, (box.x, y + th.px(2)), weight="semibold")
            for line in lines:
                surf.blit(th.render(line, LINE_SIZE, colour, weight), (box.x + date_w, y))
                y += lh
            y += th.px(6)
