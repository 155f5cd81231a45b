"""Thousands of random clicks, keys, wheel turns and resizes on every screen never raise.

Each screen gets its own seeded stream of events (250 of them: clicks on widgets and anywhere,
keys, typing, wheel turns, and a resize every few batches through 1280x720, 1920x1080, 1024x768
and 4K), so a failure replays exactly; 14 screens make 3,500 events. After every batch the
interface must still have a screen with a layer on top.
"""

from __future__ import annotations

import random

import pygame
import pytest

from tests.ui.screens import SCREENS, open_screen

KEYS = [
    pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE,
    pygame.K_ESCAPE, pygame.K_e, pygame.K_u, pygame.K_s, pygame.K_h, pygame.K_c, pygame.K_r, pygame.K_n, pygame.K_d,
    pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END,
    pygame.K_BACKSPACE, pygame.K_a, pygame.K_z, pygame.K_p, pygame.K_F11,
]
SIZES = [(1280, 720), (1920, 1080), (1024, 768), (3840, 2160)]
EVENTS_PER_SCREEN = 250


def random_event(rng: random.Random, d) -> list[pygame.event.Event]:
    app = d.app
    w, h = app.screen_rect.size
    roll = rng.random()
    widgets = [x for x in app.widgets() if x.visible]
    if roll < 0.35 and widgets:
        target = rng.choice(widgets)
        pos = target.rect.clip(app.screen_rect).center
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1),
        ]
    if roll < 0.55:
        pos = (rng.randrange(w), rng.randrange(h))
        button = rng.choice([1, 1, 1, 3])
        return [
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ]
    if roll < 0.70:
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=(rng.randrange(w), rng.randrange(h)), rel=(2, 1), buttons=(0, 0, 0))]
    if roll < 0.77:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False, precise_x=0.0, precise_y=0.0)]
    if roll < 0.985:
        key = rng.choice(KEYS)
        if key == pygame.K_F11 and rng.random() < 0.8:
            key = pygame.K_TAB
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
        char = chr(key) if 32 <= key < 127 else ""
        events = [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=char, scancode=0)]
        if char.isalnum() and not mod & pygame.KMOD_CTRL:
            events.append(pygame.event.Event(pygame.TEXTINPUT, text=char))
        events.append(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=char, scancode=0))
        return events
    size = rng.choice(SIZES)
    return [pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])]


@pytest.mark.parametrize("screen", SCREENS)
def test_random_input_never_raises(make_app, screen):
    rng = random.Random(f"monkey-{screen}")
    d = make_app(size=(1280, 720))
    open_screen(d, screen)
    sent = 0
    batch = 0
    while sent < EVENTS_PER_SCREEN:
        if not d.app.running:
            d.app.running = True  # the monkey pressed Quit: reopen the screen and go on
            open_screen(d, screen)
        if batch % 3 == 2:  # resizes every few batches, whatever the dice say
            size = SIZES[(batch // 3) % len(SIZES)]
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
            sent += 1
        batch += 1
        for _ in range(16):
            for e in random_event(rng, d):
                pygame.event.post(e)
                sent += 1
        d.clock.t += rng.choice([0.0, 0.016, 0.05, 0.3])
        d.app.frame()
        assert d.app.scene.top is not None
    d.settle()
    assert d.app.scene is not None
