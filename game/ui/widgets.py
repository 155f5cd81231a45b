"""A small widget kit for a board game: clickable things, layers, scrolling and tooltips.

A `Layer` is one sheet of interface (the board, a card on top of it, a dialog). Only the top
layer takes input. Its widgets can be clicked with the mouse or reached with the keyboard:
Tab and Shift+Tab walk through them, the arrow keys move to the nearest one in that direction,
Enter or Space activates, Escape steps back. A widget that is greyed out still takes the focus
so its tooltip can say why it cannot be used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass
class TipLine:
    """One line of a tooltip. kind: body, muted, good, bad, source, heading."""

    text: str
    kind: str = "body"
    mark: str | None = None  # "up", "down" or None: drawn as an arrow before the text


@dataclass
class Tip:
    title: str
    lines: list[TipLine] = field(default_factory=list)
    width: int = 340  # at the reference size


@dataclass(eq=False)
class Widget:
    """Something on screen the player can point at, click or reach with the keyboard."""

    id: str
    rect: pygame.Rect
    paint: Callable[[pygame.Surface, Widget], None]
    on_click: Callable[[], None] | None = None
    enabled: bool = True
    focusable: bool = True
    tooltip: Callable[[], Tip | None] | None = None
    refusal: Callable[[], str | None] | None = None  # said when a greyed widget is clicked
    hotkeys: tuple[int, ...] = ()
    data: Any = None
    # state, managed by the layer
    hovered: bool = False
    pressed: bool = False
    focused: bool = False
    visible: bool = True
    area: ScrollArea | None = None
    base: pygame.Rect | None = None  # position inside a scroll area, before scrolling


class ScrollArea:
    """A clipped region whose content scrolls with the wheel, PageUp/PageDown and the focus."""

    def __init__(self, rect: pygame.Rect, content_height: int, offset: int = 0):
        self.rect = rect
        self.content_height = content_height
        self.children: list[Widget] = []
        self.offset = 0
        self.scroll_to(offset)

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.rect.h)

    def add(self, w: Widget) -> Widget:
        """Add a widget whose rect is given relative to the top of the content."""
        w.area = self
        w.base = w.rect.copy()
        self.children.append(w)
        self._place(w)
        return w

    def _place(self, w: Widget) -> None:
        assert w.base is not None
        w.rect = w.base.move(self.rect.x, self.rect.y - self.offset)
        w.visible = w.rect.colliderect(self.rect)

    def scroll_to(self, offset: int) -> None:
        self.offset = max(0, min(self.max_offset, int(offset)))
        for w in self.children:
            self._place(w)

    def scroll_by(self, dy: int) -> None:
        self.scroll_to(self.offset + dy)

    def ensure_visible(self, w: Widget, margin: int = 8) -> None:
        if w.base is None:
            return
        top, bottom = w.base.top - margin, w.base.bottom + margin
        if top < self.offset:
            self.scroll_to(top)
        elif bottom > self.offset + self.rect.h:
            self.scroll_to(bottom - self.rect.h)

    def draw_bar(self, surf: pygame.Surface, colour: tuple[int, int, int], width: int) -> None:
        if self.max_offset <= 0:
            return
        h = max(width * 3, round(self.rect.h * self.rect.h / self.content_height))
        y = self.rect.y + round((self.rect.h - h) * self.offset / self.max_offset)
        bar = pygame.Rect(self.rect.right - width, y, width, h)
        pygame.draw.rect(surf, colour, bar, border_radius=width // 2)


class Layer:
    """One sheet of interface. Subclasses build widgets in `build` and draw in `draw`."""

    modal = True  # a modal layer dims what is below and takes every key
    name = "layer"
    auto_focus = True  # opening the layer puts the focus on its default widget
    # Enter and Space act only on a focus the player can see and moved there: on the board a
    # stray Enter must not spend money on an action nobody chose
    enter_needs_focus = False

    def __init__(self, app: App):
        self.app = app
        self.widgets: list[Widget] = []
        self.areas: list[ScrollArea] = []
        self.focus_id: str | None = None
        self.hover_id: str | None = None
        self._press_id: str | None = None
        self.closed = False

    # ----- to override --------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> None:
        """Create the widgets for a screen of this size (called on open, resize and change)."""

    def draw(self, surf: pygame.Surface) -> None:
        """Draw the layer: its own art, then `self.draw_widgets(surf)`."""
        self.draw_widgets(surf)

    def on_key(self, event: pygame.event.Event) -> bool:
        """Keys the layer handles itself; return True if used."""
        return False

    def on_escape(self) -> bool:
        return False

    def update(self, now: float) -> bool:
        """Advance animations; return True while something moves."""
        return False

    def default_focus(self) -> str | None:
        return None

    # ----- building helpers ---------------------------------------------------------------------

    def rebuild(self) -> None:
        focus, hover = self.focus_id, self.hover_id
        offsets = [a.offset for a in self.areas]
        self.widgets, self.areas = [], []
        self.build(self.app.screen_rect)
        for a, off in zip(self.areas, offsets, strict=False):
            a.scroll_to(off)
        self.focus_id = focus if self.find(focus) else None
        self.hover_id = hover if self.find(hover) else None
        self._sync_flags()

    def add(self, w: Widget, area: ScrollArea | None = None) -> Widget:
        if area is not None:
            area.add(w)
        self.widgets.append(w)
        return w

    def add_area(self, area: ScrollArea) -> ScrollArea:
        self.areas.append(area)
        return area

    def find(self, wid: str | None) -> Widget | None:
        if wid is None:
            return None
        for w in self.widgets:
            if w.id == wid:
                return w
        return None

    def draw_widgets(self, surf: pygame.Surface, only: Callable[[Widget], bool] | None = None) -> None:
        for w in self.widgets:
            if only is not None and not only(w):
                continue
            if not w.visible:
                continue
            if w.area is not None:
                old = surf.get_clip()
                surf.set_clip(w.area.rect.clip(old) if old else w.area.rect)
                w.paint(surf, w)
                surf.set_clip(old)
            else:
                w.paint(surf, w)

    def _sync_flags(self) -> None:
        for w in self.widgets:
            w.focused = w.id == self.focus_id and self.app.keyboard_mode
            w.hovered = w.id == self.hover_id
            w.pressed = w.id == self._press_id and w.hovered

    # ----- input ----------------------------------------------------------------------------------

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        for w in reversed(self.widgets):
            if not w.visible or not w.rect.collidepoint(pos):
                continue
            if w.area is not None and not w.area.rect.collidepoint(pos):
                continue
            return w
        return None

    def area_at(self, pos: tuple[int, int]) -> ScrollArea | None:
        for a in reversed(self.areas):
            if a.rect.collidepoint(pos):
                return a
        return None

    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable]

    def set_focus(self, w: Widget | None) -> None:
        self.focus_id = w.id if w else None
        if w is not None and w.area is not None:
            w.area.ensure_visible(w)
        self.app.tooltip_reset()
        self._sync_flags()

    def focused(self) -> Widget | None:
        return self.find(self.focus_id)

    def move_focus(self, step: int) -> None:
        items = self.focusables()
        if not items:
            return
        cur = self.focused()
        if cur is None or cur not in items:
            start = self.find(self.default_focus())
            self.set_focus(start if start in items else items[0 if step > 0 else -1])
            return
        i = items.index(cur)
        self.set_focus(items[(i + step) % len(items)])

    def move_focus_direction(self, dx: int, dy: int) -> None:
        """Arrow keys: the nearest widget in that direction (or the next one in order)."""
        items = self.focusables()
        cur = self.focused()
        if cur is None or cur not in items:
            self.move_focus(1)
            return
        cx, cy = cur.rect.center
        best, best_score = None, None
        for w in items:
            if w is cur:
                continue
            wx, wy = w.rect.center
            ddx, ddy = wx - cx, wy - cy
            along = ddx * dx + ddy * dy
            if along <= 0:
                continue
            # how far aside it lies: the gap between the two rects across the move (none when
            # they overlap), so that a full-width row right below is never skipped for a
            # narrow tile further on that happens to share a centre line
            if dy:
                across = max(0, w.rect.left - cur.rect.right, cur.rect.left - w.rect.right)
            else:
                across = max(0, w.rect.top - cur.rect.bottom, cur.rect.top - w.rect.bottom)
            score = along + across * 2.5 + 0.01 * abs(ddx * dy + ddy * dx)  # ties: the nearer centre line
            if best_score is None or score < best_score:
                best, best_score = w, score
        if best is not None:
            self.set_focus(best)
        else:
            self.move_focus(1 if dx + dy > 0 else -1)

    def activate(self, w: Widget) -> None:
        self.app.tip_hold = True  # the click's result speaks now: no tooltip until the pointer moves on
        if w.enabled and w.on_click is not None:
            self.app.mark_dirty()
            w.on_click()
        elif not w.enabled and w.refusal is not None:
            reason = w.refusal()
            if reason:
                self.app.toast(reason, "bad")

    def handle(self, event: pygame.event.Event) -> None:
        app = self.app
        if event.type == pygame.MOUSEMOTION:
            w = self.widget_at(event.pos)
            new = w.id if w else None
            if new != self.hover_id:
                self.hover_id = new
                app.tip_hold = False
                app.tooltip_reset()
            if event.rel != (0, 0):
                app.keyboard_mode = False
            self._sync_flags()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            app.keyboard_mode = False
            w = self.widget_at(event.pos)
            self.hover_id = w.id if w else None
            self._press_id = w.id if w else None
            if w is not None and w.focusable:
                self.focus_id = w.id
            self._sync_flags()
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            w = self.widget_at(event.pos)
            pressed, self._press_id = self._press_id, None
            self._sync_flags()
            if w is not None and w.id == pressed:
                self.activate(w)
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos() if app.real_mouse else app.mouse_pos
            a = self.area_at(pos) or (self.areas[0] if len(self.areas) == 1 else None)
            if a is not None:
                a.scroll_by(-event.y * app.theme.px(48))
                w = self.widget_at(pos)
                self.hover_id = w.id if w else None
                self._sync_flags()
        elif event.type == pygame.KEYDOWN:
            self.handle_key(event)

    def handle_key(self, event: pygame.event.Event) -> None:
        app = self.app
        key, mods = event.key, event.mod
        for w in self.widgets:
            if key in w.hotkeys and not (mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)):
                self.activate(w)
                return
        if self.on_key(event):
            return
        navigation = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT)
        if key in navigation and not app.keyboard_mode and self.focused() is not None:
            # the first key press shows where the focus is, without moving it
            app.keyboard_mode = True
            self.set_focus(self.focused())
            return
        if key == pygame.K_TAB:
            app.keyboard_mode = True
            self.move_focus(-1 if mods & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT):
            app.keyboard_mode = True
            dx = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(key, 0)
            dy = {pygame.K_UP: -1, pygame.K_DOWN: 1}.get(key, 0)
            self.move_focus_direction(dx, dy)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            w = self.focused()
            if self.enter_needs_focus and (w is None or not app.keyboard_mode):
                self._sync_flags()
                return
            if w is None:
                w = self.find(self.default_focus())
                if w is not None and key == pygame.K_SPACE:
                    app.keyboard_mode = True
                    self.set_focus(w)
                    return
            if w is not None:
                app.keyboard_mode = True
                self.activate(w)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            w = self.focused()
            a = w.area if w and w.area else (self.areas[0] if self.areas else None)
            if a is not None:
                a.scroll_by((1 if key == pygame.K_PAGEDOWN else -1) * round(a.rect.h * 0.8))
        elif key == pygame.K_ESCAPE:
            self.on_escape()
        self._sync_flags()
