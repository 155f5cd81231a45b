"""Pieces shared by the screens: page headers, message dialogs and a few button shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import draw, kit
from game.ui.i18n import t
from game.ui.widgets import Layer, Tip, Widget

if TYPE_CHECKING:
    from game.ui.app import App


def add_button(layer: Layer, wid: str, rect: pygame.Rect, label: str, on_click: Callable[[], None] | None, icon: str | None = None, style: str = "secondary", hotkey: int | None = None, enabled: bool = True, tooltip: Callable[[], Tip | None] | None = None, align: str = "center", size: float = 15, refusal: Callable[[], str | None] | None = None, area=None) -> Widget:
    app = layer.app
    cap = kit.key_name(hotkey) if hotkey is not None else None
    w = Widget(
        wid,
        rect,
        kit.button(lambda: app.theme, label, icon, style, cap, align, size),
        on_click=on_click,
        enabled=enabled,
        tooltip=tooltip,
        hotkeys=(hotkey,) if hotkey is not None else (),
        refusal=refusal,
    )
    return layer.add(w, area)


def page_header(surf: pygame.Surface, app: App, title: str, subtitle: str | None = None) -> int:
    """A screen title in the serif face, with an amber rule; returns the y under it."""
    th = app.theme
    pal = th.palette
    x = th.px(56)
    y = th.px(40)
    r = draw.text(surf, th, title, 40, pal.ink_light, (x, y), family="serif")
    pygame.draw.line(surf, pal.accent, (x, r.bottom + th.px(6)), (x + th.px(64), r.bottom + th.px(6)), th.stroke(3, 2))
    y = r.bottom + th.px(18)
    if subtitle:
        y = draw.paragraph(surf, th, subtitle, 15, pal.ink_muted, x, y, th.px(900))
    return y + th.px(10)


class MessageLayer(Layer):
    """A paper dialog with a title, a message and one or two buttons."""

    name = "message"

    def __init__(self, app: App, title: str, message: str, kind: str = "info", buttons: list[tuple[str, Callable[[], None] | None]] | None = None):
        super().__init__(app)
        self.title = title
        self.message = message
        self.kind = kind
        self.buttons = buttons or [(t("common.ok"), None)]
        self.box = pygame.Rect(0, 0, 1, 1)

    def _close_then(self, fn: Callable[[], None] | None) -> Callable[[], None]:
        def go() -> None:
            self.app.scene.pop(self)
            if fn is not None:
                fn()

        return go

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        gap = th.px(12)
        # each button as wide as its label needs (at least 180); the box widens to hold them all
        widths = [max(th.px(180), th.text_width(label, 15, "semibold") + th.px(40)) for label, _ in self.buttons]
        wide = th.px(980) if len(self.message) > 700 else th.px(620)  # a long text gets a wider page
        w = min(max(wide, sum(widths) + gap * (len(widths) - 1) + th.px(64)), rect.w - th.px(40))
        room = w - th.px(64) - gap * (len(widths) - 1)
        if sum(widths) > room:  # a narrow window: the buttons share the room
            widths = [room // len(widths)] * len(widths)
        frame = th.px(96) + th.line_height(24, family="serif") + th.px(56)
        # the message in the largest type that fits the window, down to 11
        self.size = 15
        while self.size > 11 and frame + draw.paragraph_height(th, self.message, self.size, w - th.px(80)) > rect.h - th.px(24):
            self.size -= 1
        body_h = draw.paragraph_height(th, self.message, self.size, w - th.px(80))
        h = min(frame + body_h, rect.h - th.px(8))
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = rect.center
        x = self.box.right - th.px(32)
        for i, ((label, fn), bw) in enumerate(zip(reversed(self.buttons), reversed(widths), strict=True)):
            b = pygame.Rect(0, 0, bw, th.px(44))
            b.bottomright = (x, self.box.bottom - th.px(24))
            style = "primary" if i == 0 else "paper"
            add_button(self, f"message.button.{len(self.buttons) - 1 - i}", b, label, self._close_then(fn), style=style)
            x -= bw + gap

    def default_focus(self) -> str | None:
        return f"message.button.{len(self.buttons) - 1}"

    def on_escape(self) -> bool:
        self.app.scene.pop(self)
        return True

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        draw.paper(surf, th, self.box)
        x = self.box.x + th.px(40)
        y = self.box.y + th.px(32)
        icon = {"bad": "warning", "good": "check"}.get(self.kind, "card")
        colour = pal.bad_on_paper if self.kind == "bad" else pal.good_on_paper if self.kind == "good" else pal.accent_dark
        draw.icon(surf, icon, (x + th.px(12), y + th.px(16)), th.px(26), colour, pal.paper)
        r = draw.text(surf, th, self.title, 24, pal.ink, (x + th.px(36), y), family="serif")
        draw.paragraph(surf, th, self.message, getattr(self, "size", 15), pal.ink, x, r.bottom + th.px(14), self.box.w - th.px(80))
        self.draw_widgets(surf)


def show_message(app: App, title: str, message: str, kind: str = "info", buttons: list[tuple[str, Callable[[], None] | None]] | None = None) -> None:
    app.scene.push(MessageLayer(app, title, message, kind, buttons))


def segmented(layer: Layer, prefix: str, rect: pygame.Rect, options: list[tuple[str, str]], current: str, choose: Callable[[str], None]) -> None:
    """A row of mutually exclusive options; the chosen one is amber and ticked."""
    app = layer.app
    th = app.theme
    n = len(options)
    gap = th.px(8)
    w = (rect.w - gap * (n - 1)) // n
    for i, (value, label) in enumerate(options):
        r = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.h)
        chosen = value == current
        add_button(layer, f"{prefix}.{value}", r, label, (lambda v=value: choose(v)), icon="check" if chosen else None, style="primary" if chosen else "secondary", size=14)
