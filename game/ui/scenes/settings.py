"""Settings: window or full screen, interface scale, text size, palette, projector mode, animation speed."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.text.catalog import PSEUDO, language, shipped
from game.ui import board, draw
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.scenes.common import add_button, page_header, segmented
from game.ui.settings import ASK_SETTINGS, UI_SCALES, Settings
from game.ui.widgets import Layer


class SettingsLayer(Layer):
    modal = False
    name = "settings"

    def __init__(self, app: App, back: Callable[[], Scene]):
        super().__init__(app)
        self.back_to = back
        self.rows: list[tuple[str, str, int]] = []
        self.box = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        s = self.app.settings
        left = th.px(56)
        top = th.px(150)
        label_w = th.px(280)
        step = 62
        self.box = pygame.Rect(left, top, min(rect.w - 2 * left, th.px(1100)), th.px(8 * step + 36))
        x = self.box.x + th.px(32) + label_w
        w = self.box.right - th.px(32) - x
        h = th.px(44)
        y = self.box.y + th.px(28)
        self.rows = []

        def row(key: str, hint: str) -> pygame.Rect:
            nonlocal y
            self.rows.append((t(key), t(hint), y))
            r = pygame.Rect(x, y, w, h)
            y += th.px(step)
            return r

        segmented(self, "settings.language", row("settings.language", "settings.language_hint"), [(code, t(f"settings.language_name.{code}")) for code in shipped() if code != PSEUDO], language(), lambda v: self.change(language=v))
        segmented(self, "settings.display", row("settings.display", "settings.display_hint"), [("window", t("settings.window")), ("fullscreen", t("settings.fullscreen"))], "fullscreen" if self.app.fullscreen else "window", lambda v: self.app.set_fullscreen(v == "fullscreen"))
        segmented(self, "settings.scale", row("settings.ui_scale", "settings.ui_scale_hint"), [(str(v), f"{v}%") for v in UI_SCALES], str(th.ui_pct), lambda v: self.change(ui_scale=int(v)))
        segmented(self, "settings.text", row("settings.text_size", "settings.text_size_hint"), [(v, t(f"settings.text.{v}")) for v in ("small", "normal", "large", "larger")], s.text_size, lambda v: self.change(text_size=v))
        segmented(self, "settings.palette", row("settings.palette", "settings.palette_hint"), [("standard", t("settings.palette_standard")), ("colour_blind", t("settings.palette_colour_blind"))], s.palette, lambda v: self.change(palette=v))
        segmented(self, "settings.projector", row("settings.projector", "settings.projector_hint"), [("off", t("settings.projector_off")), ("on", t("settings.projector_on"))], "on" if s.projector else "off", lambda v: self.change(projector=v == "on"))
        segmented(self, "settings.animation", row("settings.animation", "settings.animation_hint"), [(v, t(f"settings.speed.{v}")) for v in ("off", "slow", "normal", "fast")], s.animation_speed, lambda v: self.change(animation_speed=v))
        ask = row("settings.ask", "settings.ask_hint")
        gap = th.px(8)
        bw = (ask.w - gap * (len(ASK_SETTINGS) - 1)) // len(ASK_SETTINGS)
        for i, key in enumerate(ASK_SETTINGS):
            on = bool(getattr(s, key))
            r = pygame.Rect(ask.x + i * (bw + gap), ask.y, bw, ask.h)
            add_button(self, f"settings.{key}", r, t(f"settings.{key}"), (lambda k=key: self.change(**{k: not getattr(self.app.settings, k)})), icon="check" if on else None, style="primary" if on else "secondary", size=14)
        b_h = th.px(52)
        back = pygame.Rect(0, 0, th.px(180), b_h)
        back.bottomleft = (left, rect.bottom - th.px(40))
        add_button(self, "settings.back", back, t("common.back"), self.back, hotkey=pygame.K_ESCAPE)
        reset = pygame.Rect(0, 0, th.px(240), b_h)
        reset.bottomright = (rect.right - left, rect.bottom - th.px(40))
        add_button(self, "settings.reset", reset, t("settings.reset"), self.reset, icon="undo")

    def default_focus(self) -> str | None:
        return "settings.back"

    def change(self, **values) -> None:
        for k, v in values.items():
            setattr(self.app.settings, k, v)
        self.app.apply_settings()

    def reset(self) -> None:
        fresh = Settings()
        fresh.window_width = self.app.settings.window_width
        fresh.window_height = self.app.settings.window_height
        fresh.player_name = self.app.settings.player_name
        self.app.settings = fresh
        if self.app.fullscreen:
            self.app.set_fullscreen(False)
        self.app.apply_settings()

    def back(self) -> None:
        self.app.switch(self.back_to())

    def on_escape(self) -> bool:
        self.back()
        return True

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th)
        page_header(surf, self.app, t("settings.title"), t("settings.subtitle"))
        draw.panel(surf, th, self.box, radius=16)
        x = self.box.x + th.px(32)
        for label, hint, y in self.rows:
            draw.text(surf, th, label, 16, pal.ink_light, (x, y + th.px(2)), weight="semibold")
            draw.paragraph(surf, th, hint, 12, pal.ink_muted, x, y + th.px(26), th.px(260), max_lines=2)
        self.draw_widgets(surf)
        # a live sample of good and bad marks in the chosen palette
        sample_y = self.box.bottom + th.px(18)
        draw.text(surf, th, t("settings.sample"), 13, pal.ink_muted, (x, sample_y))
        sx = x + th.text_width(t("settings.sample"), 13) + th.px(16)
        draw.arrow(surf, pal.good, (sx, sample_y + th.px(9)), th.px(12), True)
        r = draw.text(surf, th, t("settings.sample_good"), 13, pal.good, (sx + th.px(12), sample_y), weight="semibold")
        sx = r.right + th.px(24)
        draw.arrow(surf, pal.bad, (sx, sample_y + th.px(9)), th.px(12), False)
        draw.text(surf, th, t("settings.sample_bad"), 13, pal.bad, (sx + th.px(12), sample_y), weight="semibold")


class SettingsScene(Scene):
    def __init__(self, app: App, back: Callable[[], Scene]):
        super().__init__(app)
        self.push(SettingsLayer(app, back))
