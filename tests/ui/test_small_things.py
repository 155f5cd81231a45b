"""The small things a new player tripped on (issue 13, items 9-11), one rule each."""

from __future__ import annotations

import pygame

from game.core.actions import Choose, EndQuarter
from game.saves.store import save_game
from game.ui.kit import visible_effects
from game.ui.library import slot_path
from game.ui.scenes.menu import open_save
from tests.ui.screens import game_scene


def _card_game(d):
    for seed in range(11, 40):
        scene = game_scene(d, seed=seed, answer=False)
        if d.app.find("card.choice.1") is not None:
            return scene
    raise AssertionError("no seed opens on a card with two choices")


def test_enter_on_a_card_does_not_take_the_first_choice(make_app):
    d = make_app()
    scene = _card_game(d)
    d.key(pygame.K_RETURN)
    assert scene.game.awaiting_choice
    assert any("press" in m for m, *_ in d.app.toasts)


def test_a_card_is_answered_with_letters_as_in_the_text_mode(make_app):
    d = make_app()
    scene = _card_game(d)
    d.key(pygame.K_b, unicode="b")
    assert not scene.game.awaiting_choice
    assert [a for a in scene.game.actions if isinstance(a, Choose)][-1].option == 1


def test_the_arrow_keys_reach_a_full_width_deal_below_the_pitches(make_app):
    d = make_app()
    game_scene(d)
    d.click("space.tokyo")
    board = d.app.scene.board
    pitches = [w for w in board.widgets if w.id.startswith("action.pitch.")]
    # the first full-width row below the pitches: a deal, or the build-out's presentation
    deal = next(w for w in board.widgets if w.id.startswith(("action.sign.", "action.present_buildout")))
    bottom_row = max(w.rect.y for w in pitches)
    for start in (w for w in pitches if w.rect.y == bottom_row):
        board.focus_id = start.id
        d.app.keyboard_mode = True
        board.move_focus_direction(0, 1)
        assert board.focus_id == deal.id, f"Down from {start.id} skipped the deal"


def test_a_change_that_rounds_to_nothing_gets_no_badge():
    assert visible_effects([("trust", -0.004), ("cash_busd", 1.0)]) == [("cash_busd", 1.0)]


def test_loading_a_save_names_the_game_not_the_file(make_app):
    d = make_app()
    scene = game_scene(d)
    path = slot_path(1)
    save_game(scene.game, path, label="My campaign, Q1 2024")
    open_save(d.app, path)
    messages = " ".join(m for m, *_ in d.app.toasts)
    assert "My campaign" in messages and ".json" not in messages


def test_the_log_keeps_showing_its_latest_entries_after_a_resize(make_app):
    d = make_app()
    scene = game_scene(d)
    for _ in range(3):
        if scene.game.awaiting_choice:
            scene.game.apply(Choose(option=0))
        scene.game.apply(EndQuarter())
    scene.refresh(animate=False)
    d.settle()
    log = d.app.scene.board.log_area
    log.scroll_to(log.max_offset)
    for size in ((1024, 640), (1920, 1080), (1280, 720)):
        d.app.on_resize(size)
        d.step(2)
        log = d.app.scene.board.log_area
        assert log.offset == log.max_offset


def test_a_tooltip_is_worked_out_again_after_a_move(make_app):
    d = make_app()
    game_scene(d)
    d.app._tip_cache = ("action.pitch.1", object())
    d.click("action.pitch.1")
    assert d.app._tip_cache is None or d.app._tip_cache[0] != "action.pitch.1" or d.app.tip_hold


def test_a_delivery_of_chips_on_order_is_told_in_the_player_s_words(make_app):
    from game.core.compiled import HORIZON
    from game.core.state import PLAYER
    from game.model.tracks import DELAYED_KEYS
    from game.ui import panels

    d = make_app()
    scene = game_scene(d)
    g = scene.game
    g.st.pending[0, PLAYER, (g.turn + 1) % HORIZON, DELAYED_KEYS.index("chips_reserved_m")] = 0.8
    g.apply(EndQuarter())
    text = " ".join(" ".join(lines) for *_, lines in panels.log_rows(d.app.theme, g, 2000))
    assert "Chips on order" in text and "not in Compute yet" in text
    for raw in ("chips_reserved_m", "_busd", "_m "):
        assert raw not in text
