"""Load a game: every save slot and autosave, newest first; damaged files are shown, not hidden."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pygame

from game.saves.store import RACE_AUTOSAVE, SaveInfo, list_saves
from game.text import numbers
from game.ui import board, draw
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.scenes.common import add_button, page_header, show_message
from game.ui.widgets import Layer, ScrollArea, Tip, TipLine, Widget


def when(saved_at: str) -> str:
    try:
        dt = datetime.fromisoformat(saved_at).astimezone()
    except ValueError:
        return saved_at
    return dt.strftime("%Y-%m-%d %H:%M")


def save_kind(info: SaveInfo) -> str:
    name = info.path.name
    if name.startswith(RACE_AUTOSAVE):
        return t("saves.kind_race_autosave")
    if name.startswith("autosave-"):
        return t("saves.kind_autosave")
    if name.startswith("slot-"):
        return t("saves.kind_slot", n=name.removeprefix("slot-").removesuffix(".json"))
    return t("saves.kind_file")


class LoadLayer(Layer):
    modal = False
    name = "load"

    def __init__(self, app: App, back: Callable[[], Scene]):
        super().__init__(app)
        self.back_to = back
        self.saves = list_saves()
        self.box = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        left = th.px(56)
        top = th.px(160)
        self.box = pygame.Rect(left, top, min(rect.w - 2 * left, th.px(1000)), rect.h - top - th.px(120))
        row_h = th.px(72)
        area = self.add_area(ScrollArea(self.box.inflate(-th.px(24), -th.px(24)), row_h * len(self.saves)))
        for i, info in enumerate(self.saves):
            w = Widget(f"load.save.{i}", pygame.Rect(0, i * row_h, area.rect.w - th.px(12), row_h - th.px(8)), self._paint_row, on_click=(lambda info=info: self.open(info)), tooltip=(lambda info=info: self._tip(info)), data=info)
            self.add(w, area)
        b_h = th.px(52)
        back = pygame.Rect(0, 0, th.px(180), b_h)
        back.bottomleft = (left, rect.bottom - th.px(40))
        add_button(self, "load.back", back, t("common.back"), self.back, hotkey=pygame.K_ESCAPE)

    def default_focus(self) -> str | None:
        return "load.save.0" if self.saves else "load.back"

    def open(self, info: SaveInfo) -> None:
        from game.ui.scenes.menu import open_save

        if info.error:
            show_message(self.app, t("saves.cannot_load_title"), t("saves.cannot_load", why=info.error), "bad")
            return
        open_save(self.app, info.path)

    def back(self) -> None:
        self.app.switch(self.back_to())

    def on_escape(self) -> bool:
        self.back()
        return True

    def _tip(self, info: SaveInfo) -> Tip:
        if info.error:
            return Tip(t("saves.damaged"), [TipLine(info.error, "bad"), TipLine(t("saves.others_untouched"), "muted")], width=460)
        return Tip(numbers.quarter(info.label) or info.path.name, [TipLine(str(info.path), "muted")], width=460)

    def _paint_row(self, surf: pygame.Surface, w: Widget) -> None:
        th = self.app.theme
        pal = th.palette
        info: SaveInfo = w.data
        broken = info.error is not None
        fill = pal.panel_raised if w.hovered else pal.panel
        draw.rounded(surf, fill, w.rect, th.px(10))
        draw.rounded(surf, pal.accent if w.hovered else pal.panel_edge, w.rect, th.px(10), width=th.stroke(1))
        if w.focused:
            draw.focus_ring(surf, th, w.rect)
        x = w.rect.x + th.px(18)
        icon = "warning" if broken else ("clock" if info.path.name.startswith(("autosave-", RACE_AUTOSAVE)) else "save")
        draw.icon(surf, icon, (x + th.px(10), w.rect.centery), th.px(22), pal.bad if broken else pal.accent, fill)
        x += th.px(36)
        if broken:
            draw.text(surf, th, info.path.name, 15, pal.ink_light, (x, w.rect.y + th.px(12)), weight="semibold")
            draw.text(surf, th, th.ellipsize(t("common.labelled", label=t("saves.damaged"), text=info.error), 12, w.rect.w - th.px(80)), 12, pal.bad, (x, w.rect.y + th.px(38)))
            return
        title = numbers.quarter(info.label) or info.path.name  # the line under says whether it is an autosave
        draw.text(surf, th, th.ellipsize(title, 15, w.rect.w - th.px(300), "semibold"), 15, pal.ink_light, (x, w.rect.y + th.px(12)), weight="semibold")
        status = t("saves.finished") if info.outcome else t("saves.in_progress")
        draw.text(surf, th, f"{save_kind(info)} · {numbers.quarter(info.date)} · {status}", 12, pal.ink_muted, (x, w.rect.y + th.px(38)))
        draw.text(surf, th, when(info.saved_at), 13, pal.ink_muted, (w.rect.right - th.px(18), w.rect.centery), anchor="midright")

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th)
        page_header(surf, self.app, t("saves.load_title"), t("saves.load_subtitle"))
        draw.panel(surf, th, self.box, radius=16)
        if not self.saves:
            draw.text(surf, th, t("saves.none"), 16, pal.ink_muted, self.box.center, anchor="center")
        for a in self.areas:
            a.draw_bar(surf, pal.panel_edge, th.px(4))
        self.draw_widgets(surf)


class LoadScene(Scene):
    def __init__(self, app: App, back: Callable[[], Scene]):
        super().__init__(app)
        self.push(LoadLayer(app, back))
