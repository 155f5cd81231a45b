"""The end of a match: who won the race, and how it ended for each lab."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.classroom.race import write_race_results
from game.classroom.results import ResultError, results_folder
from game.core.match import Match
from game.text import numbers as format
from game.text.words import words_for
from game.ui import board, draw
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.scenes.common import add_button, page_header, show_message
from game.ui.scenes.match import bot_name, colour_of, team_label
from game.ui.widgets import Layer, Tip, TipLine, Widget


def headline(match: Match) -> str:
    """Who won the race, or that no lab did (the common fate's collapse names itself)."""
    w = match.winner
    if w is not None:
        return t("match.end.winner", lab=match.lab_name(w))
    fate = match.scenario.labs.common_fate
    if fate is not None and any(match.outcome_id_of(s) == fate.id for s in range(match.seats)):
        return t("match.end.fate", name=fate.name)
    return t("match.end.no_winner")


class MatchEndLayer(Layer):
    modal = False
    name = "match_end"

    def __init__(self, app: App, scene: MatchEndScene):
        super().__init__(app)
        self.scene = scene
        self.rows: list[pygame.Rect] = []

    @property
    def match(self) -> Match:
        return self.scene.match

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        m = self.match
        left = th.px(56)
        top = th.px(150)
        bottom = rect.bottom - th.px(110)
        gap = th.px(10)
        h = min(th.px(120), (bottom - top - gap * (m.seats - 1)) // m.seats)
        # the winner, then the labs that raced to the end by standing, then those out earlier
        out_early = {g.id for g in m.scenario.goals.lose}
        order = sorted(range(m.seats), key=lambda s: (m.outcome_of(s) != "won", m.outcome_id_of(s) in out_early, -m.standings()[s], s))
        self.rows = []
        for k, seat in enumerate(order):
            r = pygame.Rect(left, top + k * (h + gap), rect.w - 2 * left, h)
            self.rows.append(r)
            self.add(Widget(f"end.lab.{seat}", r, self._paint_row, tooltip=(lambda s=seat: self._tip(s)), data=seat))
        b_h = th.px(52)
        menu = pygame.Rect(0, 0, th.px(240), b_h)
        menu.bottomright = (rect.right - left, rect.bottom - th.px(36))
        add_button(self, "end.menu", menu, t("end.menu"), self.scene.to_menu, icon="menu", style="primary")
        if self.scene.results:
            where = pygame.Rect(0, 0, th.px(280), b_h)
            where.bottomleft = (left, rect.bottom - th.px(36))
            add_button(self, "end.results", where, t("match.end.results_button"), self.scene.show_results, icon="folder")

    def default_focus(self) -> str | None:
        return "end.menu"

    def _tip(self, seat: int) -> Tip:
        m = self.match
        words = words_for(m)
        return Tip(m.lab_name(seat), [TipLine(words.ending_text(m.outcome_id_of(seat)))], width=420)

    def _paint_row(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        m = self.match
        seat = w.data
        won = m.outcome_of(seat) == "won"
        draw.panel(surf, th, w.rect, edge=pal.accent if won else None)
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(24)
        cy = w.rect.y + th.px(26)
        draw.circle(surf, colour_of(m, seat), (x + th.px(10), cy), th.px(11))
        if won:
            draw.icon(surf, "trophy", (x + th.px(10), cy), th.px(13), pal.accent_ink)
        words = words_for(m)
        who = team_label(seat) if self.scene.people[seat] else t("match.bot", bot=t(f"match.bots.{bot_name(m, seat)}"))
        standing = m.scenario.labs.standing
        figures = f"{format.label(standing)} {format.value(standing, m.standings()[seat])} · {format.label('cash_busd')} {format.value('cash_busd', m.lab(seat).track('cash_busd'))}"
        fr = draw.text(surf, th, figures, 14, pal.ink_light, (w.rect.right - th.px(24), cy), anchor="midright", weight="semibold")
        name = f"{m.lab_name(seat)} · {who}"
        draw.text(surf, th, th.ellipsize(name, 18, fr.x - x - th.px(50), "semibold"), 18, pal.ink_light, (x + th.px(30), cy), anchor="midleft", weight="semibold")
        title = words.ending_title(m.outcome_id_of(seat))
        colour = pal.good if won else pal.bad
        r = draw.text(surf, th, th.ellipsize(title, 14, w.rect.w - th.px(80), "bold"), 14, colour, (x + th.px(30), cy + th.px(18)), weight="bold")
        room = w.rect.bottom - th.px(8) - (r.bottom + th.px(2))
        if room >= th.line_height(12):
            draw.paragraph(surf, th, words.ending_text(m.outcome_id_of(seat)), 12, pal.ink_muted, x + th.px(30), r.bottom + th.px(2), w.rect.w - th.px(80), max_lines=max(1, room // th.line_height(12)))

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th, self.match.scenario)
        sub = t("match.end.subtitle", date=format.quarter(self.match.date), labs=self.match.seats)
        page_header(surf, self.app, headline(self.match), sub)
        if self.scene.results_note:
            draw.text(surf, th, th.ellipsize(self.scene.results_note, 12, self.app.screen_rect.w - th.px(700)), 12, pal.ink_muted, (th.px(56) + th.px(296), self.app.screen_rect.bottom - th.px(62)), anchor="midleft")
        self.draw_widgets(surf)


class MatchEndScene(Scene):
    """The end of a race. A race that has just ended here (`fresh`) writes one result file per
    team into the results folder, for the teacher's class report."""

    def __init__(self, app: App, match: Match, people: list[bool], scenario_path: str | None = None, fresh: bool = False):
        super().__init__(app)
        self.match = match
        self.people = list(people)
        self.scenario_path = scenario_path
        self.results: list[Path] = []
        self.results_note = ""
        if fresh:
            self.write_results()
        self.push(MatchEndLayer(app, self))

    def write_results(self) -> None:
        m = self.match
        teams = {s: team_label(s) for s in range(m.seats) if self.people[s]}
        bots = {s: bot_name(m, s) for s in range(m.seats) if not self.people[s]}
        try:
            self.results = write_race_results(m, teams, bots)
        except ResultError as e:
            self.app.toast(t("match.end.results_failed", why=str(e)), "bad")
            return
        self.results_note = t("match.end.results_written", n=len(self.results), folder=str(results_folder()))

    def to_menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.app.switch(MenuScene(self.app))

    def show_results(self) -> None:
        files = "\n".join(p.name for p in self.results)
        show_message(self.app, t("match.end.results_button"), t("match.end.results_where", folder=str(results_folder()), files=files), "info")
