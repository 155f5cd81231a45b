"""The screens of a race of rival labs hold at 1280x720 and 1920x1080, in English and French:
no text leaves the window, no text runs over another, no wrapped line is wider than its box,
and French cuts no label English shows whole (measured from what the screens draw, as in
test_languages_fit)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import Options
from game.ui.scenes.match_end import MatchEndScene
from game.ui.scenes.newgame import NewGameScene
from tests.ui.match_screens import end_turn, match_scene, take_the_seat
from tests.ui.test_languages_fit import _record, assert_the_screen_holds

SIZES = ((1280, 720), (1920, 1080))
SCREENS = ("board", "handover", "setup", "facilitator", "end")


def _open(d, name: str) -> None:
    if name == "board":
        match_scene(d, [True, True, True, False])
        take_the_seat(d)
        end_turn(d)  # a log with every lab's moves in it
        take_the_seat(d)
    elif name == "handover":
        match_scene(d, [True, True, True, False])
        take_the_seat(d)
        end_turn(d)
    elif name == "setup":
        d.app.switch(NewGameScene(d.app))
        d.settle()
        layer = d.app.scene.top
        layer.pick(next(i for i, e in enumerate(layer.entries) if e.ok and e.id == "default"))
        layer.rebuild()
        d.click("newgame.labs")
    elif name == "facilitator":
        match_scene(d, [True, False, False, False])
        end_turn(d)
        d.key(pygame.K_p)
    elif name == "end":
        scene = match_scene(d, [True, False, False, False], seed=3)
        m = scene.match
        while not m.over:
            end_turn(d)
        d.app.switch(MatchEndScene(d.app, m, scene.people))
    d.settle()


def _drawn(make_app, monkeypatch, name, lang, size):
    d = make_app(Options(language=lang), size=size)
    _open(d, name)
    layer = d.app.scene.top
    with monkeypatch.context() as patch:
        seen = _record(patch)
        surf = pygame.display.get_surface()
        surf.set_clip(None)
        layer.draw(surf)
    return seen, d.app.screen_rect


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", SCREENS)
def test_a_race_screen_holds_in_both_languages(make_app, monkeypatch, name, lang, size):
    seen, window = _drawn(make_app, monkeypatch, name, lang, size)
    assert_the_screen_holds(seen, window)
    if lang == "fr":
        english, _ = _drawn(make_app, monkeypatch, name, "en", size)
        assert len(set(seen.cut)) <= len(set(english.cut)), f"French labels cut short: {sorted(set(seen.cut))}; English cuts {sorted(set(english.cut))}"
