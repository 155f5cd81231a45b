"""A new campaign: pick a scenario (its summary, learning goals and length), a seed, and start."""

from __future__ import annotations

import secrets

import pygame
import pygame_gui

from game.scenario.schema import SEED_LIMIT, date_label, quarter_index
from game.ui import board, draw, kit
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.library import new_game, scenario_entries
from game.ui.scenes.common import add_button, page_header
from game.ui.widgets import Layer, ScrollArea, Tip, TipLine, Widget

MAX_SEED = SEED_LIMIT - 1  # the one bound of seeds: what a save file keeps


def length_text(scenario) -> str:
    cal = scenario.calendar
    start, end = date_label(quarter_index(cal.start)), date_label(quarter_index(cal.end))
    return t("newgame.length", minutes=scenario.meta.length_minutes, start=start, end=end, quarters=cal.turns)


class NewGameLayer(Layer):
    modal = False
    name = "newgame"

    def __init__(self, app: App):
        super().__init__(app)
        self.entries = scenario_entries(app.options.mods)
        self.index = 0
        for i, e in enumerate(self.entries):
            if e.ok and app.options.scenario in (e.id, e.path.stem, str(e.path)):
                self.index = i
        self.seed_text = str(app.options.seed) if app.options.seed is not None else ""
        self.entry: pygame_gui.elements.UITextEntryLine | None = None
        self.details = pygame.Rect(0, 0, 1, 1)
        self.list_rect = pygame.Rect(0, 0, 1, 1)
        self.seed_rect = pygame.Rect(0, 0, 1, 1)
        self.error = ""

    @property
    def chosen(self):
        e = self.entries[self.index] if self.entries else None
        return e.scenario if e else None

    # ----- layout -------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        top = th.px(168)
        left = th.px(56)
        list_w = th.px(360)
        self.list_rect = pygame.Rect(left, top, list_w, rect.h - top - th.px(120))
        row_h = th.px(64)
        area = self.add_area(ScrollArea(self.list_rect, row_h * len(self.entries)))
        for i, e in enumerate(self.entries):
            w = Widget(f"newgame.scenario.{i}", pygame.Rect(0, i * row_h, list_w - th.px(10), row_h - th.px(8)), self._paint_entry, on_click=(lambda i=i: self.pick(i)), enabled=e.ok, tooltip=(lambda e=e: self._entry_tip(e)), data=i)
            self.add(w, area)
        self.details = pygame.Rect(self.list_rect.right + th.px(32), top, rect.w - self.list_rect.right - th.px(32) - left, rect.h - top - th.px(120))
        # seed: a pygame_gui text field plus a dice button
        seed_y = self.details.bottom - th.px(96)
        self.seed_rect = pygame.Rect(self.details.x + th.px(24), seed_y + th.px(30), th.px(220), th.px(42))
        if self.entry is not None:
            self.seed_text = self.entry.get_text()
            self.entry.kill()
        self.app.gui.clear_and_reset()
        # the placeholder is drawn by draw_over_gui, muted and in italics, so it never looks typed
        self.entry = pygame_gui.elements.UITextEntryLine(self.seed_rect, manager=self.app.gui)
        self.entry.set_allowed_characters("numbers")
        self.entry.length_limit = len(str(MAX_SEED))
        self.entry.set_text(self.seed_text)
        if self.covered():
            self.entry.hide()  # pygame_gui draws over every layer: a dialog on top must not show it
        add_button(self, "newgame.seed", self.seed_rect.copy(), "", self.focus_seed, style="ghost", tooltip=lambda: Tip(t("newgame.seed"), [TipLine(t("newgame.seed_help"))]))
        self.find("newgame.seed").paint = self._paint_seed_focus
        rnd = pygame.Rect(self.seed_rect.right + th.px(10), self.seed_rect.y, th.px(180), self.seed_rect.h)
        add_button(self, "newgame.random", rnd, t("newgame.random_seed"), self.random_seed, icon="dice", hotkey=pygame.K_r)
        # bottom buttons
        b_h = th.px(52)
        start = pygame.Rect(0, 0, th.px(260), b_h)
        start.bottomright = (rect.right - left, rect.bottom - th.px(40))
        add_button(self, "newgame.start", start, t("newgame.start"), self.start, icon="play", style="primary", enabled=self.chosen is not None)
        if self.chosen is not None and self.chosen.labs is not None:  # a race of rival labs, person or bot each
            labs = pygame.Rect(0, 0, max(th.px(240), kit.button_width(th, t("newgame.labs"), 15, "trust")), b_h)
            labs.bottomright = (start.x - th.px(12), start.bottom)
            add_button(self, "newgame.labs", labs, t("newgame.labs"), self.open_labs, icon="trust", hotkey=pygame.K_l,
                       tooltip=lambda: Tip(t("newgame.labs"), [TipLine(t("newgame.labs_help"))]))
        back = pygame.Rect(0, 0, th.px(180), b_h)
        back.bottomleft = (left, rect.bottom - th.px(40))
        add_button(self, "newgame.back", back, t("common.back"), self.back, hotkey=pygame.K_ESCAPE)

    def default_focus(self) -> str | None:
        return "newgame.start"

    def focus_seed(self) -> None:
        if self.entry is not None:
            self.entry.focus()
            self.app.gui.set_focus_set(self.entry)

    def random_seed(self) -> None:
        if self.entry is not None:
            self.entry.set_text(str(secrets.randbelow(1_000_000)))
            self.error = ""

    def pick(self, i: int) -> None:
        self.index = i
        self.error = ""

    def back(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.app.switch(MenuScene(self.app))

    def on_escape(self) -> bool:
        self.back()
        return True

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.entry is not None and self.entry.is_focused:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.entry.unfocus()
                self.start()
                return True
            if event.key in (pygame.K_TAB, pygame.K_ESCAPE):
                self.entry.unfocus()
                return event.key == pygame.K_ESCAPE
        return False

    def seed(self) -> int | None:
        text = (self.entry.get_text() if self.entry is not None else self.seed_text).strip()
        if not text:
            return None
        if len(text) > len(str(MAX_SEED)) or not text.isdigit() or not text.isascii():
            return None  # also keeps int() away from thousands of digits
        value = int(text)
        return value if 0 <= value <= MAX_SEED else None

    def chosen_seed(self) -> int | None:
        """The seed to play: the one typed, else the scenario's own (None, with the error shown,
        when what is typed is no seed)."""
        scenario = self.chosen
        if scenario is None:
            return None
        text = self.entry.get_text().strip() if self.entry is not None else ""
        seed = self.seed()
        if text and seed is None:
            self.error = t("newgame.bad_seed", max=MAX_SEED)
            self.app.mark_dirty()
            return None
        return scenario.meta.seed if seed is None else seed  # empty: the scenario's own seed, shared by the class

    def start(self) -> None:
        from game.ui.scenes.play import GameScene

        scenario = self.chosen
        seed = self.chosen_seed()
        if scenario is None or seed is None:
            return
        entry = self.entries[self.index]
        game = new_game(scenario, seed)
        self.app.switch(GameScene(self.app, game, str(entry.path)))

    def open_labs(self) -> None:
        """Two to four rival labs on one board, each a person or a bot (game.ui.scenes.match_setup)."""
        from game.ui.scenes.match_setup import MatchSetupLayer

        if self.chosen is None or self.chosen.labs is None or self.chosen_seed() is None:
            return
        if self.entry is not None:
            self.entry.unfocus()
            self.entry.hide()
        self.app.scene.push(MatchSetupLayer(self.app, self.chosen, self.chosen_seed, str(self.entries[self.index].path), on_close=self.uncover))

    # ----- drawing ------------------------------------------------------------------------------

    def _entry_tip(self, e) -> Tip | None:
        if not e.ok:
            return Tip(t("newgame.broken"), [TipLine(str(e.error), "bad")], width=460)
        return None

    def _paint_entry(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        e = self.entries[w.data]
        chosen = w.data == self.index
        fill = pal.panel_raised if chosen else pal.panel
        draw.rounded(surf, fill, w.rect, th.px(10))
        edge = pal.accent if chosen or w.hovered else pal.panel_edge
        draw.rounded(surf, edge, w.rect, th.px(10), width=max(1, th.px(2) if chosen else th.px(1)))
        if chosen:
            bar = pygame.Rect(w.rect.x, w.rect.y + th.px(10), th.px(4), w.rect.h - th.px(20))
            draw.rounded(surf, pal.accent, bar, th.px(2))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(18)
        if not e.ok:
            draw.icon(surf, "warning", (x + th.px(8), w.rect.centery), th.px(16), pal.bad, pal.panel)
            draw.text(surf, th, th.ellipsize(e.path.name, 15, w.rect.w - th.px(60), "semibold"), 15, pal.ink_muted, (x + th.px(26), w.rect.y + th.px(10)), weight="semibold")
            draw.text(surf, th, t("newgame.broken"), 12, pal.bad, (x + th.px(26), w.rect.y + th.px(32)))
            return
        s = e  # its meta is enough to list it (the scenario is read when chosen)
        draw.text(surf, th, th.ellipsize(s.meta.title, 15, w.rect.w - th.px(36), "semibold"), 15, pal.ink_light, (x, w.rect.y + th.px(10)), weight="semibold")
        draw.text(surf, th, t("newgame.minutes", minutes=s.meta.length_minutes) + " · " + s.meta.author, 12, pal.ink_muted, (x, w.rect.y + th.px(33)))

    def covered(self) -> bool:
        """Whether a dialog (the rival labs' choice) is open over this screen."""
        scene = self.app.scene
        return self in scene.layers and scene.top is not self

    def uncover(self) -> None:
        if self.entry is not None:
            self.entry.show()

    def placeholder(self) -> str | None:
        """What the empty seed field shows: the seed that Start will use."""
        s = self.chosen
        return t("newgame.seed_placeholder", seed=s.meta.seed) if s is not None else None

    def draw_over_gui(self, surf: pygame.Surface) -> None:
        entry = self.entry
        text = self.placeholder()
        if entry is None or text is None or entry.get_text() or entry.is_focused or self.covered():
            return
        th = self.app.theme
        r = self.seed_rect
        draw.text(surf, th, th.ellipsize(text, 14, r.w - th.px(24), "italic"), 14, th.palette.ink_faint, (r.x + th.px(12), r.centery), anchor="midleft", weight="italic")

    def _paint_seed_focus(self, surf: pygame.Surface, w: Widget) -> None:
        if w.focused:
            draw.focus_ring(surf, self.app.theme, w.rect, 8)

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th, self.chosen)
        page_header(surf, self.app, t("newgame.title"), t("newgame.subtitle"))
        draw.text(surf, th, t("newgame.scenarios").upper(), 12, pal.ink_muted, (self.list_rect.x, self.list_rect.y - th.px(24)), weight="bold")
        draw.panel(surf, th, self.details, radius=16)
        s = self.chosen
        if s is not None:
            self._draw_details(surf, s)
        for a in self.areas:
            a.draw_bar(surf, pal.panel_edge, th.px(4))
        self.draw_widgets(surf)

    def _draw_details(self, surf: pygame.Surface, s) -> None:
        th = self.app.theme
        pal = th.palette
        d = self.details
        x = d.x + th.px(24)
        width = d.w - th.px(48)
        y = d.y + th.px(20)
        r = draw.text(surf, th, th.ellipsize(s.meta.title, 28, width, family="serif"), 28, pal.ink_light, (x, y), family="serif")
        y = r.bottom + th.px(4)
        draw.icon(surf, "clock", (x + th.px(8), y + th.px(9)), th.px(15), pal.accent)
        draw.text(surf, th, length_text(s), 13, pal.accent, (x + th.px(22), y), weight="semibold")
        y += th.px(30)
        limit = d.bottom - th.px(120)
        y = draw.paragraph(surf, th, s.meta.summary, 15, pal.ink_light, x, y, width, spacing=1.1)
        if s.meta.question and y < limit:
            y += th.px(8)
            y = draw.paragraph(surf, th, s.meta.question, 15, pal.ink_muted, x, y, width, family="ui", weight="italic", spacing=1.1)
        if s.meta.learning_goals and y + th.px(40) < limit:
            y += th.px(14)
            draw.text(surf, th, t("newgame.learning_goals").upper(), 12, pal.ink_muted, (x, y), weight="bold")
            y += th.px(22)
            for goal in s.meta.goal_texts:
                if y + th.px(20) > limit:
                    break
                draw.pip(surf, (x + th.px(6), y + th.px(10)), th.px(4), pal.accent, pal.accent)
                y = draw.paragraph(surf, th, goal, 14, pal.ink_light, x + th.px(20), y, width - th.px(20)) + th.px(4)
        # seed
        sy = self.seed_rect.y - th.px(28)
        pygame.draw.line(surf, pal.panel_edge, (x, sy - th.px(12)), (d.right - th.px(24), sy - th.px(12)), th.stroke(1))
        draw.text(surf, th, t("newgame.seed").upper(), 12, pal.ink_muted, (x, sy), weight="bold")
        hint = self.error or t("newgame.seed_hint", seed=s.meta.seed)
        draw.text(surf, th, th.ellipsize(hint, 13, d.right - th.px(24) - (self.seed_rect.right + th.px(200)), ), 13, pal.bad if self.error else pal.ink_muted, (self.seed_rect.right + th.px(200), self.seed_rect.centery), anchor="midleft")


class NewGameScene(Scene):
    uses_gui = True

    def __init__(self, app: App):
        super().__init__(app)
        self.push(NewGameLayer(app))
