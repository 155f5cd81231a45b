"""Drive the desktop game headless: a fake clock, a private data folder, real pygame events."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.app import App, Options  # noqa: E402
from game.ui.settings import ASK_SETTINGS, Settings  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Driver:
    """Posts events to the app the way a player's mouse and keyboard would."""

    def __init__(self, app: App, clock: FakeClock):
        self.app = app
        self.clock = clock

    def step(self, frames: int = 1, dt: float = 0.05) -> None:
        for _ in range(frames):
            self.clock.t += dt
            self.app.frame()

    def settle(self, limit: int = 400) -> None:
        """Let every animation finish."""
        for _ in range(limit):
            self.clock.t += 0.1
            if not self.app.frame():
                self.app.frame()
                return
        raise AssertionError("the interface never stopped animating")

    def finish_jobs(self, timeout: float = 60.0) -> None:
        """Wait for background work (a debrief being written) and handle what it reports."""
        for job in list(self.app.jobs):
            job.join(timeout)
            assert not job.is_alive(), "a background job never finished"
        self.step()
        self.settle()

    def ids(self) -> list[str]:
        return [w.id for w in self.app.widgets()]

    def click(self, wid: str) -> None:
        w = self.app.find(wid)
        assert w is not None, f"no widget {wid!r} on screen; there are {self.ids()}"
        assert w.visible, f"{wid} is scrolled out of view"
        pos = w.rect.center
        if w.area is not None:
            r = w.rect.clip(w.area.rect)
            pos = r.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step()
        self.settle()

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.step()
        self.settle()

    def layer(self) -> str:
        top = self.app.scene.top
        return top.name if top else ""


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def no_browser():
    """The real debrief opens a browser; tests use a stand-in that records the call."""
    from game.ui.hooks import set_debrief_opener

    calls: list = []
    set_debrief_opener(calls.append)
    yield calls
    set_debrief_opener(None)


@pytest.fixture
def make_app(home):
    apps: list[App] = []

    def make(options: Options | None = None, size: tuple[int, int] = (1440, 810), **settings) -> Driver:
        clock = FakeClock()
        # The questions before a risky move are off unless a test asks for them: most tests
        # end quarters with attention left and pitch at any odds.
        for key in ASK_SETTINGS:
            settings.setdefault(key, False)
        settings.setdefault("show_tour", False)  # the tour a fresh game offers, likewise
        app = App(options or Options(), settings=Settings(**settings), clock=clock, persist_settings=False)
        app.on_resize(size)
        apps.append(app)
        d = Driver(app, clock)
        d.step(2)
        return d

    yield make
    pygame.event.clear()
    pygame.display.quit()
