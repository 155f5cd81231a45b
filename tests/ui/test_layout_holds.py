"""The board holds at every window from 1024x640 to 1920x1080, every text size, projector mode
included: no two things overlap, nothing leaves the window, no label is cut, and what does not
fit a panel scrolls inside it instead of hiding under the bottom bar or the goal box.

Rects of widgets are compared, never pixels."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.text import numbers as format
from game.ui import kit, panels
from game.ui.i18n import t
from tests.ui.screens import game_scene

SIZES = ((1024, 640), (1280, 720), (1440, 810), (1600, 900), (1920, 1080))
TEXT_SIZES = ("small", "normal", "large", "larger")


def _board(make_app, size, text_size, projector):
    d = make_app(size=size, text_size=text_size, projector=projector)
    game_scene(d)
    return d, d.app.scene.board


def _fixed(board):
    """The widgets that sit on the board itself (not in a scrolling panel, not the map)."""
    return [w for w in board.widgets if w.area is None and not w.id.startswith(("space.", "log"))]


@pytest.mark.parametrize("projector", [False, True], ids=["desk", "projector"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_board_holds(make_app, size, text_size, projector):
    d, board = _board(make_app, size, text_size, projector)
    window = d.app.screen_rect
    th = d.app.theme
    # everything is inside the window
    for w in board.widgets:
        assert window.contains(w.rect) or w.area is not None, f"{w.id} leaves the window"
    # no two fixed widgets overlap
    for a, b in itertools.combinations(_fixed(board), 2):
        assert not a.rect.colliderect(b.rect), f"{a.id} overlaps {b.id}"
    # the scrolling panels stay clear of the fixed widgets (the bottom bar) and of each other
    for area in board.areas:
        assert window.contains(area.rect)
        for w in _fixed(board):
            assert not area.rect.colliderect(w.rect), f"a scrolling panel runs under {w.id}"
        if board.goal.w > 1 and area is board.tracks_area:
            assert not area.rect.colliderect(board.goal), "the tracks run under the goal box"
    for a, b in itertools.combinations(board.areas, 2):
        assert not a.rect.colliderect(b.rect)
    # within a panel, no two widgets overlap
    for area in board.areas:
        inside = [w for w in board.widgets if w.area is area]
        for a, b in itertools.combinations(inside, 2):
            assert not a.base.colliderect(b.base), f"{a.id} overlaps {b.id}"
    # the top bar's buttons show their labels whole
    for wid, icon, key in (("top.menu", "menu", pygame.K_ESCAPE), ("top.save", "save", pygame.K_s), ("top.help", "book", pygame.K_h)):
        w = d.app.find(wid)
        size_ = 15 if th.projector else 14
        assert kit.button_width(th, t(wid), size_, icon, kit.key_name(key)) <= w.rect.w, f"{wid} is cut"
    # a track's name and its value never overlap, and both stay in the row
    for w in board.widgets:
        if w.id.startswith("track."):
            track = w.data
            (_, name), (_, value) = panels.track_head(th, w.rect, format.label(track), format.value(track, d.app.scene.game.track(track)))
            assert not name.colliderect(value), f"{track}: the name runs into the value"
            assert w.rect.contains(value), f"{track}: the value leaves its row"


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_track_is_in_view_above_the_goal_box(make_app, size, text_size):
    """The goal box gives up its figures (one stays) before the tracks need a scroll."""
    _, board = _board(make_app, size, text_size, False)
    assert board.tracks_area.max_offset == 0, f"the tracks scroll by {board.tracks_area.max_offset} px"


def test_a_refused_travel_tile_says_its_whole_reason(make_app):
    from game.text.words import words_for

    d, board = _board(make_app, (1024, 640), "larger", False)
    th = d.app.theme
    refused = [w for w in board.widgets if w.id.startswith("action.travel.") and not w.enabled]
    assert refused
    for w in refused:
        reason = words_for(d.app.scene.game).say(w.data.reason)
        lines = th.wrap(reason, 11, w.rect.w - th.px(20))
        needed = th.px(10) + th.line_height(14, "semibold") + th.px(4) + th.line_height(11) * len(lines)
        assert w.rect.h >= needed, f"{w.id}: the reason is cut"


@pytest.mark.parametrize(("size", "text_size", "projector"), [((1024, 640), "larger", False), ((1920, 1080), "small", False), ((1024, 640), "larger", True), ((1920, 1080), "normal", True)])
def test_the_tour_s_box_holds_too(make_app, size, text_size, projector):
    d = make_app(size=size, text_size=text_size, projector=projector, show_tour=True)
    game_scene(d)
    board = d.app.scene.board
    assert board.coach is not None
    assert d.app.screen_rect.contains(board.coach)
    for area in board.areas:
        assert not area.rect.colliderect(board.coach), "the tour's box covers a scrolling panel"
    for a, b in itertools.combinations(_fixed(board), 2):
        assert not a.rect.colliderect(b.rect), f"{a.id} overlaps {b.id}"
    for wid in ("tutorial.next", "tutorial.skip"):
        assert board.coach.contains(d.app.find(wid).rect)
