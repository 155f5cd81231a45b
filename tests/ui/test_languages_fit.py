"""The main screens in French and in the pseudo-locale (every string a third longer, in ‹ ›),
at 1280x720 and 1920x1080: no text leaves the window, no text runs over another, no wrapped
paragraph has a line wider than its box, and in French no button label is cut short.

What is measured is what the screens draw (the rectangles of their texts), never pixels. Each
screen's own sheet is drawn alone (a card over the board is checked without the board under it:
the board has its own turn)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pygame
import pytest

from game.ui import draw as draw_module
from game.ui.app import Options
from game.ui.theme import Theme
from tests.ui.screens import open_screen

SCREENS = ("menu", "board", "card", "summary", "end", "help", "sources", "settings")
SIZES = ((1280, 720), (1920, 1080))


@dataclass
class Drawn:
    texts: list[tuple[str, pygame.Rect]] = field(default_factory=list)
    overflows: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)


def _record(monkeypatch) -> Drawn:
    seen = Drawn()
    real_text, real_paragraph, real_ellipsize = draw_module.text, draw_module.paragraph, Theme.ellipsize

    def text(surf, th, s, size, colour, pos, anchor="topleft", weight="regular", family="ui"):
        r = real_text(surf, th, s, size, colour, pos, anchor, weight, family)
        clip = surf.get_clip()
        if s.strip() and surf.get_size() == pygame.display.get_surface().get_size() and r.colliderect(clip):
            seen.texts.append((s, r.clip(clip) if not clip.contains(r) else r))
        return r

    def paragraph(surf, th, s, size, colour, x, y, width, weight="regular", family="ui", spacing=1.0, max_lines=None):
        bottom = real_paragraph(surf, th, s, size, colour, x, y, width, weight, family, spacing, max_lines)
        for line in th.wrap(s, size, width, weight, family):
            if th.text_width(line, size, weight, family) > width + 1:
                seen.overflows.append(f"{line!r} is wider than its box ({width} px)")
        if s.strip() and surf.get_size() == pygame.display.get_surface().get_size():
            seen.texts.append((s[:40], pygame.Rect(x, y, width, max(1, bottom - y)).clip(surf.get_clip())))
        return bottom

    def ellipsize(self, s, size, width, weight="regular", family="ui"):
        out = real_ellipsize(self, s, size, width, weight, family)
        if out != s and out.endswith("…"):
            seen.cut.append(s)
        return out

    monkeypatch.setattr(draw_module, "text", text)
    monkeypatch.setattr(draw_module, "paragraph", paragraph)
    monkeypatch.setattr(Theme, "ellipsize", ellipsize)
    return seen


def _ink(r: pygame.Rect) -> pygame.Rect:
    """Where a line's letters are: its box less the font's leading above and below (a fifth of
    the line each way), so two lines set close together do not count as running over each other."""
    cut = r.h // 5
    return pygame.Rect(r.x, r.y + cut, r.w, max(1, r.h - 2 * cut))


def _open(d, name: str) -> None:
    if name == "help":
        open_screen(d, "board")
        d.click("top.help")
    else:
        open_screen(d, name)
    d.settle()


def _drawn(make_app, monkeypatch, name: str, lang: str, size) -> tuple[Drawn, pygame.Rect]:
    """Open the screen in `lang` and draw its own sheet, recording what it drew."""
    d = make_app(Options(language=lang), size=size)
    _open(d, name)
    app = d.app
    layer = app.scene.top or app.scene.layers[-1]
    with monkeypatch.context() as patch:
        seen = _record(patch)
        surf = pygame.display.get_surface()
        surf.set_clip(None)
        layer.draw(surf)
    return seen, app.screen_rect


def assert_the_screen_holds(seen, window) -> None:
    """Every text the screen drew stays in the window, runs over no other, and fits its box."""
    assert seen.texts, "the screen drew no text"
    for s, r in seen.texts:
        assert window.contains(r), f"{s!r} leaves the window ({r})"
    inked = [(s, _ink(r)) for s, r in seen.texts]
    for (a, ra), (b, rb) in itertools.combinations(inked, 2):
        assert not ra.colliderect(rb), f"{a!r} runs over {b!r}"
    assert seen.overflows == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["fr", "pseudo"])
@pytest.mark.parametrize("name", SCREENS)
def test_the_screen_holds_in_a_longer_language(make_app, monkeypatch, name, lang, size):
    seen, window = _drawn(make_app, monkeypatch, name, lang, size)
    assert_the_screen_holds(seen, window)
    if lang == "fr":
        # French cuts no label that English shows whole (the cuts English has too are the
        # layout's, for the board's owners: `english.cut` names them)
        english, _ = _drawn(make_app, monkeypatch, name, "en", size)
        assert len(set(seen.cut)) <= len(set(english.cut)), f"French labels cut short: {sorted(set(seen.cut))}; English cuts {sorted(set(english.cut))}"
