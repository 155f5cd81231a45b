"""The window and its loop: scenes, input, animation time, tooltips, toasts and the frame pace.

While something moves the loop runs at 60 frames a second; when nothing does it blocks in
`pygame.event.wait` with a timeout, so an idle game uses next to no CPU. The clock is a
parameter so tests can run animations without waiting for them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pygame_gui

from game.ui import kit
from game.ui.i18n import set_language, t
from game.ui.paths import FONTS
from game.ui.settings import ANIMATION_FACTOR, Settings, load_settings, save_settings
from game.ui.theme import Theme
from game.ui.widgets import Layer, Tip, Widget

MIN_SIZE = (1280, 720)
FPS = 60
IDLE_TIMEOUT_MS = 1000
TOOLTIP_DELAY = 0.35
TOAST_SECONDS = 4.0
JOB_DONE = pygame.event.custom_type()  # a background job finished: its callback runs on the main thread


@dataclass
class Options:
    """What main.py was asked to do."""

    scenario: str | None = None
    seed: int | None = None
    mods: list[Path] = field(default_factory=list)
    fullscreen: bool | None = None  # None: as in the settings
    start_game: bool = False  # go straight to a game instead of the main menu
    language: str | None = None  # --lang: None as in the settings (the system's on a first run)


class Scene:
    """A screen: a base layer and, on top of it, any dialogs or cards."""

    uses_gui = False  # True when the scene has pygame_gui elements (text fields)

    def __init__(self, app: App):
        self.app = app
        self.layers: list[Layer] = []
        self._top_moving = False
        self._under: pygame.Surface | None = None
        self._under_key: tuple | None = None

    @property
    def top(self) -> Layer | None:
        return self.layers[-1] if self.layers else None

    def push(self, layer: Layer) -> Layer:
        self.app.tooltip_reset()
        self.layers.append(layer)
        layer.rebuild()
        focus = layer.find(layer.default_focus())
        if focus is not None and layer.focus_id is None and layer.auto_focus:
            layer.focus_id = focus.id
            layer._sync_flags()
        self.app.mark_dirty()
        return layer

    def pop(self, layer: Layer | None = None) -> None:
        layer = layer or self.top
        if layer in self.layers:
            self.layers.remove(layer)
            layer.closed = True
        self.app.tooltip_reset()
        if self.top is not None:
            self.top.rebuild()
        self.app.mark_dirty()

    def find_layer(self, kind: type) -> Layer | None:
        for layer in self.layers:
            if isinstance(layer, kind):
                return layer
        return None

    def rebuild(self) -> None:
        for layer in self.layers:
            layer.rebuild()

    def draw(self, surf: pygame.Surface) -> None:
        from game.ui import draw as d

        top = self.top
        if top is not None and len(self.layers) > 1 and top.modal and self._top_moving:
            # while a card or dialog animates over a still board, draw the board once
            key = (self.app.input_serial, surf.get_size(), len(self.layers), id(self.app.theme))
            if self._under is None or self._under_key != key:
                self._under = surf.copy()
                self._draw_layers(self._under, self.layers[:-1])
                d.dim(self._under, 150)
                self._under_key = key
            surf.blit(self._under, (0, 0))
            top.draw(surf)
            return
        self._under = None
        self._draw_layers(surf, self.layers)

    def _draw_layers(self, surf: pygame.Surface, layers: list[Layer]) -> None:
        from game.ui import draw as d

        for i, layer in enumerate(layers):
            if i > 0 and layer.modal:
                d.dim(surf, 150)
            layer.draw(surf)

    def update(self, now: float) -> bool:
        moving = False
        self._top_moving = False
        for layer in list(self.layers):
            m = layer.update(now)
            if m and layer is self.top:
                self._top_moving = True
            moving = m or moving
        return moving

    def handle(self, event: pygame.event.Event) -> None:
        if self.top is not None:
            self.top.handle(event)

    def draw_over_gui(self, surf: pygame.Surface) -> None:
        """Drawn on top of the pygame_gui fields (a placeholder in its own style)."""
        for layer in self.layers:
            hook = getattr(layer, "draw_over_gui", None)
            if hook is not None:
                hook(surf)

    def enter(self) -> None:
        """Called when the scene becomes the current one."""

    def leave(self) -> None:
        """Called when another scene replaces it."""

    def on_quit(self) -> None:
        """Called before the window closes."""


class App:
    """The desktop game: one window, one current scene."""

    def __init__(self, options: Options | None = None, settings: Settings | None = None, clock: Callable[[], float] | None = None, persist_settings: bool = True):
        self.options = options or Options()
        self.clock = clock or time.monotonic
        self.persist_settings = persist_settings
        self.settings_problem: str | None = None
        if settings is None:
            settings, self.settings_problem = load_settings()
        self.settings = settings
        if self.options.fullscreen is not None:
            self.fullscreen = self.options.fullscreen
        else:
            self.fullscreen = settings.fullscreen
        if self.options.language:
            settings.language = self.options.language
        settings.language = set_language(settings.language)
        if sys.platform.startswith("linux") and not os.environ.get("WAYLAND_DISPLAY"):
            # The board is drawn in software; on X11 the native shared-memory framebuffer
            # presents a frame in about a millisecond, where SDL's GL-backed one can take 20-30 ms
            # without a GPU driver (classroom laptops, Xvfb). The player's own setting wins.
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        self.surface = self._open_window()
        pygame.display.set_caption(t("app.title"))
        self._set_icon()
        self.screen_rect = self.surface.get_rect()
        self.theme = Theme(self.settings, self.screen_rect.size)
        self.gui = pygame_gui.UIManager(self.screen_rect.size, self._gui_theme(), enable_live_theme_updates=False, starting_language=settings.language)
        self.running = True
        self.dirty = True
        self.keyboard_mode = False
        self.mouse_pos = (0, 0)
        self.real_mouse = False
        self.toasts: list[tuple[str, str, float]] = []
        self._hover_since = self.clock()
        self._tip_cache: tuple[str, pygame.Surface] | None = None
        self._tip_shown = False
        self.tip_hold = False  # after a click, until the pointer reaches another widget
        self._last_frame = self.clock()
        self._fps_clock = pygame.time.Clock()
        self.frames = 0
        self.input_serial = 0  # grows with every input event and relayout: cached drawings go stale
        self._last_input = self.clock()
        self.sleep = time.sleep  # the idle loop's nap (tests replace it)
        self.jobs: list[threading.Thread] = []
        self._animating = False  # background work (a debrief being written)
        self.scene: Scene = self._first_scene()
        self.scene.enter()
        self.scene.rebuild()
        if self.settings_problem:
            self.toast(t("settings.bad_file"), "bad")

    # ----- window ---------------------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.fullscreen:
            surf = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            size = (self.settings.window_width, self.settings.window_height)
            try:
                desk = pygame.display.get_desktop_sizes()[0]
                size = (min(size[0], desk[0]), min(size[1], desk[1]))
            except (pygame.error, IndexError):
                pass
            surf = pygame.display.set_mode(size, pygame.RESIZABLE)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    win = pygame.Window.from_display_module()
                    desk = pygame.display.get_desktop_sizes()[0]
                    if desk[0] >= MIN_SIZE[0] and desk[1] >= MIN_SIZE[1]:
                        win.minimum_size = MIN_SIZE
            except (pygame.error, AttributeError, IndexError, ValueError):
                pass
        return surf

    def _set_icon(self) -> None:
        from game.ui import draw

        icon = pygame.Surface((64, 64), pygame.SRCALPHA)
        draw.rounded(icon, (13, 27, 46), pygame.Rect(0, 0, 64, 64), 14)
        draw.pip(icon, (32, 32), 20, (242, 169, 59), (242, 169, 59))
        pygame.display.set_icon(icon)

    def _gui_theme(self) -> dict:
        pal = self.theme.palette
        hexc = "#{:02x}{:02x}{:02x}".format
        return {
            "text_entry_line": {
                "colours": {
                    "dark_bg": hexc(*pal.panel),
                    "normal_text": hexc(*pal.ink_light),
                    "selected_bg": hexc(*pal.accent_dark),
                    "selected_text": hexc(*pal.accent_ink),
                    "text_cursor": hexc(*pal.accent),
                    "normal_border": hexc(*pal.panel_edge),
                    "focused_border": hexc(*pal.accent),
                },
                "font": {"name": "inter", "size": str(max(10, round(16 * self.theme.text_scale))), "regular_path": str(FONTS / "Inter-Regular.otf")},
                "misc": {"shape": "rounded_rectangle", "shape_corner_radius": str(self.theme.px(8)), "border_width": str(max(1, self.theme.px(1))), "padding": f"{self.theme.px(10)},{self.theme.px(6)}"},
            }
        }

    def on_resize(self, size: tuple[int, int]) -> None:
        size = (max(320, int(size[0])), max(240, int(size[1])))
        if not self.fullscreen:
            if self.surface.get_size() != size:
                self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            self.settings.window_width = max(640, min(7680, size[0]))
            self.settings.window_height = max(360, min(4320, size[1]))
        self.surface = pygame.display.get_surface() or self.surface
        self.relayout()

    def relayout(self) -> None:
        self.input_serial += 1
        self.screen_rect = self.surface.get_rect()
        self.theme = Theme(self.settings, self.screen_rect.size)
        self.gui.set_window_resolution(self.screen_rect.size)
        self.gui.get_theme().load_theme(self._gui_theme())
        self._tip_cache = None
        self.scene.rebuild()
        self.mark_dirty()

    def set_fullscreen(self, on: bool) -> None:
        self.fullscreen = on
        self.settings.fullscreen = on
        self.surface = self._open_window()
        self.relayout()
        self.save_settings()

    def apply_settings(self) -> None:
        """After the settings screen changed something (the language too: no restart)."""
        self.settings.language = set_language(self.settings.language)
        self.gui.set_locale(self.settings.language)
        self.relayout()
        self.save_settings()

    def save_settings(self) -> None:
        if self.persist_settings:
            problem = save_settings(self.settings)
            if problem:
                self.toast(t("settings.not_saved", why=problem), "bad")

    # ----- scenes -----------------------------------------------------------------------------------

    def _first_scene(self) -> Scene:
        from game.ui.scenes.menu import MenuScene
        from game.ui.scenes.play import start_new_game

        if self.options.start_game:
            scene = start_new_game(self, self.options.scenario, self.options.seed)
            if scene is not None:
                return scene
        return MenuScene(self)

    def switch(self, scene: Scene) -> None:
        self.scene.leave()
        self.gui.clear_and_reset()
        self.scene = scene
        self.tooltip_reset()
        scene.enter()
        scene.rebuild()
        self.mark_dirty()

    def quit(self) -> None:
        self.scene.on_quit()
        self.running = False

    # ----- time and animation ---------------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def duration(self, seconds: float) -> float:
        """An animation's length at the chosen animation speed (0 when animations are off)."""
        f = ANIMATION_FACTOR.get(self.settings.animation_speed, 1.0)
        return 0.0 if f <= 0 else seconds / f

    def progress(self, start: float, length: float) -> float:
        if length <= 0:
            return 1.0
        return max(0.0, min(1.0, (self.now() - start) / length))

    def mark_dirty(self) -> None:
        self.dirty = True
        self.input_serial += 1

    # ----- background work -----------------------------------------------------------------------------

    def run_in_background(self, work: Callable[[], object], done: Callable[[object, BaseException | None], None]) -> threading.Thread:
        """Run slow work (writing a debrief) off the main thread so the window stays alive;
        `done(result, error)` then runs on the main thread, from the event loop."""

        def job() -> None:
            result: object = None
            error: BaseException | None = None
            try:
                result = work()
            except Exception as e:  # noqa: BLE001 - handed to done() to be shown to the player
                error = e
            with contextlib.suppress(pygame.error):  # the window may have closed meanwhile
                pygame.event.post(pygame.event.Event(JOB_DONE, done=lambda: done(result, error)))

        thread = threading.Thread(target=job, name="seven-trillion-job", daemon=True)
        self.jobs = [j for j in self.jobs if j.is_alive()] + [thread]
        thread.start()
        return thread

    # ----- messages -------------------------------------------------------------------------------------

    def toast(self, message: str, kind: str = "info") -> None:
        self.toasts = [x for x in self.toasts if x[0] != message][-2:]
        self.toasts.append((message, kind, self.now() + TOAST_SECONDS))
        self.mark_dirty()

    def tooltip_reset(self) -> None:
        self._hover_since = self.now()
        self._tip_cache = None
        self._tip_shown = False
        self.mark_dirty()

    def _tip_target(self) -> Widget | None:
        layer = self.scene.top
        if layer is None:
            return None
        if self.keyboard_mode:
            return layer.focused()
        w = layer.find(layer.hover_id)
        if w is None or self.tip_hold or self.now() - self._hover_since < TOOLTIP_DELAY:
            return None
        return w

    def _tip_for(self, w: Widget) -> pygame.Surface | None:
        if self._tip_cache is not None and self._tip_cache[0] == w.id:
            return self._tip_cache[1]
        tip: Tip | None = w.tooltip() if w.tooltip else None
        if tip is None:
            return None
        surf = kit.tooltip_surface(self.theme, tip)
        self._tip_cache = (w.id, surf)
        return surf

    # ----- the loop ---------------------------------------------------------------------------------------

    def run(self) -> None:
        while self.running:
            self.frame(block=True)

    def _wait_timeout(self, now: float) -> int:
        wake = now + IDLE_TIMEOUT_MS / 1000
        layer = self.scene.top
        if layer is not None and layer.hover_id is not None and not self._tip_shown:
            wake = min(wake, self._hover_since + TOOLTIP_DELAY)
        for _, _, expires in self.toasts:
            wake = min(wake, expires)
        if self.scene.uses_gui and self.gui.get_focus_set():
            wake = min(wake, now + 0.25)  # the text cursor blinks
        return max(1, round((wake - now) * 1000))

    def frame(self, block: bool = False) -> bool:
        """Handle waiting events, advance animations and draw if needed; True while animating."""
        now = self.now()
        moving = self.scene.update(now)
        if self._animating and not moving:
            self.dirty = True  # an animation just ended: draw its last state before sleeping
        if block and not moving and not self.dirty:
            events = self.wait_for_events(self._wait_timeout(now))
        else:
            events = pygame.event.get()
        if events:
            self._last_input = self.now()
        for event in events:
            self.dispatch(event)
            if not self.running:
                return False
        now = self.now()
        dt = max(0.0, now - self._last_frame)
        self._last_frame = now
        if self.scene.uses_gui:
            self.gui.update(dt)
        moving = self.scene.update(now) or moving
        before = len(self.toasts)
        self.toasts = [x for x in self.toasts if x[2] > now]
        if len(self.toasts) != before:
            self.dirty = True
        target = self._tip_target()
        if target is not None and not self._tip_shown:
            self.dirty = True
        if self.dirty or moving or events:
            self.render()
        self._animating = moving
        if moving and block:
            self._fps_clock.tick(FPS)
        return moving

    def wait_for_events(self, timeout_ms: int) -> list[pygame.event.Event]:
        """Sleep until an event comes or the timeout passes.

        pygame's event.wait polls SDL every millisecond (1-2 % of a core doing nothing), so the
        idle loop sleeps in short steps instead: 10 ms just after the player did something, so
        the game stays snappy, then 40 ms, which is still quicker than a person notices.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            events = pygame.event.get()
            if events:
                return events
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            recent = self.now() - self._last_input < 1.0
            self.sleep(min(left, 0.01 if recent else 0.04))

    def dispatch(self, event: pygame.event.Event) -> None:
        self.input_serial += 1
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.on_resize(event.size)
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            if self.surface.get_size() != (event.x, event.y) or (pygame.display.get_surface() and pygame.display.get_surface().get_size() != self.screen_rect.size):
                self.on_resize((event.x, event.y))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED):
            self.mark_dirty()
            return
        if event.type == pygame.WINDOWLEAVE:
            layer = self.scene.top
            if layer is not None:
                layer.hover_id = None
                layer._sync_flags()
            self.tooltip_reset()
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.mouse_pos = event.pos
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.set_fullscreen(not self.fullscreen)
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
            self.mark_dirty()
        typing = event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT) and self.text_entry_focused()
        if self.scene.uses_gui and self.gui.process_events(event):
            self.mark_dirty()
        if typing:
            # while a text field has the focus, letters and digits are the field's, never a
            # screen's shortcut; only the keys that leave the field reach the screen
            leaving = event.type == pygame.KEYDOWN and event.key in (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER)
            if not leaving:
                return
        if event.type == JOB_DONE:
            event.done()
            self.mark_dirty()
            return
        if event.type >= pygame.USEREVENT:
            handler = getattr(self.scene, "on_user_event", None)
            if handler is not None:
                handler(event)
            return
        self.scene.handle(event)

    def text_entry_focused(self) -> bool:
        """Whether a text field (a name, a seed) has the keyboard."""
        if not self.scene.uses_gui:
            return False
        focus = self.gui.get_focus_set() or ()
        return any(isinstance(el, pygame_gui.elements.UITextEntryLine) and el.is_focused for el in focus)

    def render(self) -> None:
        surf = self.surface
        self.scene.draw(surf)
        if self.scene.uses_gui:
            self.gui.draw_ui(surf)
            self.scene.draw_over_gui(surf)
        target = self._tip_target()
        if target is not None:
            tip = self._tip_for(target)
            if tip is not None:
                pos = kit.place_tooltip(self.screen_rect, target.rect, tip.get_size(), self.theme.px(8))
                surf.blit(tip, pos)
            self._tip_shown = True
        y = self.screen_rect.bottom - self.theme.px(96)
        for message, kind, _ in reversed(self.toasts[-3:]):
            img = kit.toast_surface(self.theme, message, kind)
            r = img.get_rect(midbottom=(self.screen_rect.centerx, y))
            surf.blit(img, r)
            y = r.top + self.theme.px(8)
        pygame.display.flip()
        self.frames += 1
        self.dirty = False

    # ----- for tests and tools --------------------------------------------------------------------------

    def find(self, wid: str) -> Widget | None:
        layer = self.scene.top
        return layer.find(wid) if layer else None

    def widgets(self) -> list[Widget]:
        layer = self.scene.top
        return list(layer.widgets) if layer else []


def display_available() -> bool:
    """Whether a window can be opened here (a display server, or an explicit SDL driver)."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if os.name == "posix" and not _is_macos():
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _is_macos() -> bool:
    import sys

    return sys.platform == "darwin"


def run(options: Options | None = None) -> int:
    app = App(options)
    try:
        app.run()
    finally:
        app.save_settings()
        pygame.quit()
    return 0
