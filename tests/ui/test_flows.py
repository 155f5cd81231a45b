"""The desktop game's rules of use: keyboard play, saves, settings, words and the frame pace."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pygame

from game.saves.store import list_saves, saves_dir
from game.ui import i18n
from game.ui.app import Options
from game.ui.settings import Settings, load_settings, save_settings
from tests.ui.screens import finished_game, game_scene, some_saves

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


def test_a_quarter_can_be_played_with_the_keyboard_alone(make_app):
    d = make_app(options=Options(seed=7))
    d.key(pygame.K_RETURN)  # the menu's focused button: New campaign
    assert d.layer() == "newgame"
    d.key(pygame.K_RETURN)  # Start the campaign
    game = d.app.scene.game
    if d.layer() == "card":
        d.key(pygame.K_1 if game.awaiting_choice else pygame.K_RETURN)
    assert d.layer() == "board"
    attention = game.track("attention")
    for _ in range(40):  # Tab to a legal action
        d.key(pygame.K_TAB)
        focused = d.app.scene.top.focused()
        if focused is not None and focused.id.startswith("action.") and focused.enabled:
            break
    assert focused is not None and focused.id.startswith("action.") and focused.enabled
    d.key(pygame.K_RETURN)
    assert game.track("attention") < attention or len(game.actions) > 0
    turn = game.turn
    d.key(pygame.K_e)  # end the quarter
    assert d.layer() == "summary"
    d.key(pygame.K_RETURN)
    assert game.turn == turn + 1


def test_undo_takes_back_the_last_action_and_a_refused_click_changes_nothing(make_app):
    d = make_app()
    scene = game_scene(d)
    game = scene.game
    d.click("action.operations")
    assert game.actions[-1].kind == "operations"
    assert d.app.find("actions.undo").enabled
    d.click("actions.undo")
    assert not game.actions or game.actions[-1].kind != "operations"
    # an illegal action: greyed, and clicking it changes nothing but says why
    greyed = next(w for w in d.app.widgets() if w.id.startswith("action.") and not w.enabled)
    before = list(game.actions)
    scene.board.actions_area.ensure_visible(greyed)
    d.click(greyed.id)
    assert game.actions == before
    assert d.app.toasts and d.app.toasts[-1][1] == "bad"


def test_travel_moves_the_token_along_the_route(make_app):
    d = make_app(animation_speed="slow")
    scene = game_scene(d)
    game = scene.game
    start = game.location
    target = next(w for w in d.app.widgets() if w.id.startswith("space.") and w.enabled and w.data != start)
    w = target
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=w.rect.center, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=w.rect.center, button=1))
    d.step()
    assert game.location == w.data
    assert scene.travel is not None  # the journey is animating
    mid = scene.view.token_at(game.location, scene.travel_progress())[0]
    d.settle()
    assert scene.travel is None
    end = scene.view.token_at(game.location, None)[0]
    assert mid != end


def test_saving_to_a_slot_and_loading_it_gives_back_the_game(make_app):
    d = make_app()
    scene = game_scene(d)
    d.click("action.operations")
    actions = list(scene.game.actions)
    d.click("top.save")
    assert d.layer() == "save"
    d.click("save.slot.1")
    assert (saves_dir() / "slot-1.json").exists()
    d.key(pygame.K_ESCAPE)  # pause menu
    d.click("pause.menu")
    d.click("menu.load")
    row = next(w for w in d.app.widgets() if w.id.startswith("load.save.") and w.data.path.name == "slot-1.json")
    d.click(row.id)
    assert d.layer() in ("board", "card")
    assert d.app.scene.game.actions == actions


def test_a_corrupt_save_gets_a_clear_message_and_the_others_are_untouched(make_app):
    d = make_app()
    some_saves(d)
    before = {p.name: p.read_bytes() for p in saves_dir().iterdir()}
    d.click("menu.load")
    broken = next(w for w in d.app.widgets() if w.id.startswith("load.save.") and w.data.path.name == "slot-2.json")
    d.click(broken.id)
    assert d.layer() == "message"
    layer = d.app.scene.top
    assert "damaged" in layer.message and "untouched" in layer.message
    d.key(pygame.K_RETURN)
    assert d.layer() == "load"
    assert {p.name: p.read_bytes() for p in saves_dir().iterdir()} == before
    newer = next(w for w in d.app.widgets() if w.id.startswith("load.save.") and w.data.path.name == "slot-3.json")
    d.click(newer.id)
    assert "newer version" in d.app.scene.top.message


def test_continue_resumes_the_latest_autosave(make_app):
    d = make_app()
    scene = game_scene(d)
    d.click("actions.end_quarter")
    d.click("summary.continue")
    turn = scene.game.turn
    d.app.scene.leave_to_menu()
    d.settle()
    assert "menu.continue" in d.ids()
    d.click("menu.continue")
    assert d.app.scene.game.turn == turn


def test_settings_are_remembered_and_a_bad_file_falls_back_to_defaults(home):
    path = home / "settings.json"
    s = Settings(ui_scale=125, palette="colour_blind", animation_speed="fast", text_size="large")
    assert save_settings(s, path) is None
    loaded, problem = load_settings(path)
    assert problem is None and loaded == s
    path.write_text(json.dumps({"ui_scale": 9000}), encoding="utf-8")
    loaded, problem = load_settings(path)
    assert loaded == Settings() and problem
    path.write_text("not json at all", encoding="utf-8")
    loaded, problem = load_settings(path)
    assert loaded == Settings() and problem


def test_the_settings_screen_changes_the_look_at_once(make_app):
    d = make_app()
    d.click("menu.settings")
    d.click("settings.palette.colour_blind")
    assert d.app.settings.palette == "colour_blind"
    assert d.app.theme.palette.name == "colour_blind"
    scale = d.app.theme.text_scale
    d.click("settings.text.larger")
    assert d.app.theme.text_scale > scale
    d.click("settings.animation.off")
    assert d.app.duration(1.0) == 0.0


def test_the_layout_adapts_from_1280x720_to_4k(make_app):
    for size in ((1280, 720), (1920, 1080), (3840, 2160)):
        d = make_app(size=size)
        game_scene(d)
        screen = d.app.screen_rect
        board = d.app.scene.board
        for rect in (board.left, board.right, board.centre, board.scene.view.rect):
            assert screen.contains(rect), (size, rect)
        assert not board.left.colliderect(board.right)
        for w in d.app.widgets():
            if w.area is None:
                assert screen.contains(w.rect), (size, w.id, w.rect)
        assert d.app.find("actions.end_quarter").rect.h > 40 * size[1] / 1080 * 0.8


def test_the_end_screen_offers_a_new_game_and_the_debrief_when_there_is_one(make_app, monkeypatch):
    from game.ui.hooks import set_debrief_opener
    from game.ui.scenes import end

    d = make_app()
    g, path = finished_game()
    monkeypatch.setattr(end, "debrief_opener", lambda: None)
    d.app.switch(end.EndScene(d.app, g, path))
    d.settle()
    assert "end.again" in d.ids() and "end.debrief" not in d.ids()
    monkeypatch.undo()
    opened = []
    set_debrief_opener(opened.append)
    d.app.switch(end.EndScene(d.app, g, path))
    d.settle()
    d.click("end.debrief")
    d.finish_jobs()
    assert opened == [g]


def test_every_word_the_interface_uses_is_translated():
    i18n.set_language("en")
    known = i18n.keys("en")
    used = set()
    for path in UI.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in known)
    assert not missing, missing
    for key in known:
        assert i18n.t(key, count=2) != key


def test_an_idle_game_sleeps_instead_of_drawing(make_app):
    d = make_app()
    game_scene(d)
    d.settle()
    naps: list[float] = []
    d.app.sleep = naps.append  # record the naps instead of taking them
    frames = d.app.frames
    d.clock.t += 5.0  # the player has not touched anything for a while
    waited = []
    real_wait = d.app.wait_for_events

    def wait(timeout_ms):
        waited.append(timeout_ms)
        return real_wait(1)

    d.app.wait_for_events = wait
    for _ in range(5):
        d.app.frame(block=True)
    assert len(waited) == 5 and all(ms >= 100 for ms in waited)
    assert d.app.frames == frames  # nothing moved, nothing was drawn
    assert naps and all(0 < n <= 0.04 for n in naps)
    # an event wakes it up and is handled
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 1), buttons=(0, 0, 0)))
    d.app.wait_for_events = real_wait
    d.app.frame(block=True)
    assert d.app.mouse_pos == (10, 10)


def test_the_scripted_start_opens_a_game_directly(make_app):
    d = make_app(options=Options(scenario="default", seed=5, start_game=True))
    assert d.app.scene.game.seed == 5
    assert d.layer() in ("card", "board")
    assert list_saves()  # the first quarter was autosaved


def test_the_last_frame_of_an_animation_is_drawn_before_the_game_sleeps(make_app):
    from game.ui.scenes.overlays import CardLayer

    d = make_app(animation_speed="slow")
    game_scene(d, answer=False)
    card = d.app.scene.find_layer(CardLayer)
    card.start, card.length = d.clock.t, 1.0  # deal the card again, slowly
    drawn: list[bool] = []  # was the card still moving at each frame drawn?
    real_render = d.app.render

    def render():
        drawn.append(card.animating)
        real_render()

    d.app.render = render
    while d.app.frame(block=True):  # the real loop, as a player would run it
        d.clock.t += 0.1
    assert drawn and drawn[0] is True
    assert drawn[-1] is False  # the card at rest, with its choices, is what stays on screen


def test_a_damaged_latest_autosave_is_skipped_with_a_word_and_kept(make_app):
    from game.saves.store import autosave
    from game.ui.library import entry_for, new_game

    g = new_game(entry_for("default").scenario, 11)  # a game in progress, to continue
    older = autosave(g)
    newest = older.with_name("autosave-99999.json")
    newest.write_text('{"format": "seven-trillion-save", "version": 1, "seed": ' + "9" * 5000 + "}")
    d = make_app()
    assert any(kind == "bad" and "autosave" in message for message, kind, _ in d.app.toasts)
    assert "menu.continue" in d.ids()
    d.click("menu.continue")
    assert d.app.scene.game.actions == g.actions
    assert newest.exists()  # the damaged file is kept


def test_the_seed_box_takes_every_seed_a_save_can_keep_and_no_more(make_app):
    from game.scenario.schema import SEED_LIMIT

    d = make_app()
    d.click("menu.new")
    layer = d.app.scene.top
    for text, seed in [(str(SEED_LIMIT - 1), SEED_LIMIT - 1), (str(SEED_LIMIT), None), ("", None), ("12", 12)]:
        layer.entry.set_text(text)
        assert layer.seed() == seed, text
