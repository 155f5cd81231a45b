"""A text far too long for its place is cut with an ellipsis, quickly, whatever its length."""

from __future__ import annotations

import pygame

from game.ui.settings import Settings
from game.ui.theme import Theme


def _theme() -> Theme:
    pygame.init()
    return Theme(Settings(), (1440, 810))


def test_a_cut_text_is_the_longest_start_that_fits_with_its_ellipsis():
    th = _theme()
    text = "No direct route to Abu Dhabi from here: go through a linked city."
    width = th.text_width("No direct route to Abu", 14) + th.text_width("…", 14)
    cut = th.ellipsize(text, 14, width)
    assert cut.endswith("…") and text.startswith(cut[:-1].rstrip())
    assert th.text_width(cut, 14) <= width
    longer = text[: len(cut[:-1]) + 1] + "…"
    assert th.text_width(longer, 14) > width or len(longer) - 1 >= len(text)


def test_a_label_of_a_million_characters_is_cut_with_few_measures(monkeypatch):
    th = _theme()
    font = th.font(13, "regular", "ui")
    measures = []
    real = type(font).size

    class Counting:
        def __init__(self, f):
            self.f = f

        def size(self, s):
            measures.append(len(s))
            return real(self.f, s)

    monkeypatch.setattr(th, "font", lambda *a, **k: Counting(font))
    cut = th.ellipsize("x" * 1_000_000, 13, 200)
    assert cut.endswith("…") and len(measures) < 40
