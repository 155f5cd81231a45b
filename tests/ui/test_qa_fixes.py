"""Rules found by a QA pass: text fields keep their keys, the class shares a seed, a stray Enter
spends nothing, the review says what came of a pitch, the debrief says where it is, and the end
screen names what decided the game."""

from __future__ import annotations

import pygame

from game.core.actions import EndQuarter, Pitch
from game.ui.library import entry_for, new_game
from game.ui.scenes.end import EndScene
from game.ui.scenes.newgame import NewGameScene
from game.ui.scenes.overlays import story_lines
from game.ui.scenes.play import GameScene
from tests.ui.screens import finished_game, game_scene


def type_text(d, text: str) -> None:
    """Type as a keyboard does: a key press, then the character it makes."""
    for ch in text:
        key = pygame.key.key_code(ch)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=ch, scancode=0))
        d.step()
    d.settle()


def end_screen(d):
    """Open the end screen of a finished game in the app `d`; return its top layer."""
    g, path = finished_game()
    d.app.switch(EndScene(d.app, g, path))
    d.settle()
    return d.app.scene.top


def test_typing_a_team_name_never_sets_off_the_end_screens_shortcuts(make_app, no_browser):
    d = make_app()
    end = end_screen(d)
    end.focus_name()
    type_text(d, "dn1 team")
    assert isinstance(d.app.scene, EndScene) and d.layer() == "end"
    assert end.entry.get_text() == "dn1 team"
    assert no_browser == [] and not end.debrief_running
    # once the field is left, the shortcuts are back
    d.key(pygame.K_TAB)
    assert not end.entry.is_focused


def test_typing_a_seed_never_rolls_one(make_app):
    d = make_app()
    d.app.switch(NewGameScene(d.app))
    d.settle()
    layer = d.app.scene.top
    layer.focus_seed()
    type_text(d, "r42")
    assert layer.entry.get_text() == "42"  # the field takes digits only; "r" did not roll a seed


def test_an_empty_seed_plays_the_scenarios_own_seed_and_says_which(make_app):
    d = make_app()
    d.app.switch(NewGameScene(d.app))
    d.settle()
    layer = d.app.scene.top
    burn = next(i for i, e in enumerate(layer.entries) if e.scenario is not None and e.id == "the_burn")
    layer.pick(burn)
    seed = layer.chosen.meta.seed
    assert layer.entry.get_text() == ""
    assert str(seed) in layer.placeholder()
    layer.start()
    assert isinstance(d.app.scene, GameScene) and d.app.scene.game.seed == seed


def test_a_rolled_seed_is_shown_and_used(make_app):
    d = make_app()
    d.app.switch(NewGameScene(d.app))
    d.settle()
    layer = d.app.scene.top
    d.click("newgame.random")
    rolled = int(layer.entry.get_text())
    layer.start()
    assert d.app.scene.game.seed == rolled


def test_enter_after_answering_a_card_spends_nothing_until_the_focus_is_moved(make_app):
    d = make_app()
    scene = game_scene(d, answer=False)
    game = scene.game
    if d.layer() == "card":
        d.key(pygame.K_1 if game.awaiting_choice else pygame.K_RETURN)
    assert d.layer() == "board"
    before = list(game.actions)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_KP_ENTER)
    d.key(pygame.K_SPACE)
    assert game.actions == before
    # a click on an action, then Enter: the click acted, Enter does not act again
    pitch = next(w for w in d.app.widgets() if w.id.startswith("action.pitch.") and w.enabled)
    scene.board.actions_area.ensure_visible(pitch)
    d.click(pitch.id)
    after_click = list(game.actions)
    assert len(after_click) == len(before) + 1
    d.key(pygame.K_RETURN)
    assert game.actions == after_click
    # moving the focus with the keyboard, then Enter, acts on what the player chose
    d.key(pygame.K_TAB)
    focused = scene.board.focused()
    assert focused is not None
    if focused.id.startswith("action.") and focused.enabled:
        d.key(pygame.K_RETURN)
        assert len(game.actions) == len(after_click) + 1


def test_the_next_quarters_card_does_not_leave_the_focus_on_end_the_quarter(make_app):
    d = make_app()
    scene = game_scene(d)
    game = scene.game
    for _ in range(30):
        d.key(pygame.K_TAB)
        if scene.board.focused() is not None and scene.board.focused().id == "actions.end_quarter":
            break
    d.key(pygame.K_RETURN)  # end the quarter with the keyboard
    assert d.layer() == "summary"
    d.key(pygame.K_RETURN)
    if d.layer() == "card":
        d.key(pygame.K_1 if game.awaiting_choice else pygame.K_RETURN)
    turn = game.turn
    d.key(pygame.K_RETURN)
    assert game.turn == turn and d.layer() == "board"


def test_the_quarter_review_says_what_the_investors_answered():
    entry = entry_for("default")
    g = new_game(entry.scenario, 5)
    if g.awaiting_choice:
        g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
    ask = next(it.action for it in g.menu() if it.legal and isinstance(it.action, Pitch))
    g.apply(ask)
    g.apply(EndQuarter())
    rec = g.quarters[-2]
    lines = story_lines(g, rec)
    assert any("investors said yes" in x or "investors said no" in x for x in lines), lines


def test_the_debrief_says_where_it_was_written_and_opens_no_browser_by_itself(make_app, tmp_path):
    from game.ui.hooks import set_debrief_opener

    calls = []
    report = tmp_path / "report.html"

    def opener(game, open_report=True):
        calls.append(open_report)
        report.write_text("<html></html>", encoding="utf-8")
        return report

    set_debrief_opener(opener)
    d = make_app()
    end_screen(d)
    d.click("end.debrief")
    d.finish_jobs()
    assert calls == [False]
    assert d.layer() == "message" and str(report) in d.app.scene.top.message
    assert {"message.button.0", "message.button.1"} <= set(d.ids())


def test_the_writing_message_does_not_follow_into_a_new_game(make_app):
    import threading

    from game.ui.hooks import set_debrief_opener
    from game.ui.i18n import t
    from game.ui.scenes.newgame import NewGameScene

    release = threading.Event()
    set_debrief_opener(lambda game: release.wait(30) and "/x/report.html")
    d = make_app()
    end_screen(d)
    d.click("end.debrief")
    assert any(m == t("end.debrief_busy") for m, _, _ in d.app.toasts)
    d.app.switch(NewGameScene(d.app))
    assert not any(m == t("end.debrief_busy") for m, _, _ in d.app.toasts)
    release.set()
    d.finish_jobs()
    assert d.layer() == "newgame"


def test_the_end_screen_names_the_goal_or_ending_that_decided_the_game():
    from game.ui.panels import decided_by

    g, _ = finished_game()
    text = decided_by(g)
    oid = g.outcome_id
    goals = g.scenario.goals
    if oid == "time_up":
        assert goals.win[0].title in text and "needed" in text
    else:
        title = next(x.title for x in list(goals.win) + list(goals.lose) if x.id == oid)
        assert title in text
    assert text.strip()


def test_an_interface_size_above_what_fits_is_capped_and_the_board_stays_on_screen(make_app):
    d = make_app(size=(1600, 900), ui_scale=150)
    assert d.app.theme.ui_pct == 100
    game_scene(d)
    screen = d.app.screen_rect
    for w in d.app.widgets():
        if w.area is None:
            assert screen.contains(w.rect), w.id


def test_sources_and_tips_use_player_words_and_one_number_format():
    from game.text import numbers as format
    from game.ui.scenes.sources import source_rows

    rows = source_rows(entry_for("default").scenario)
    for _, name, value, origin in rows:
        assert "busd" not in name and "_" not in name, name
        assert not format.LEDGER_REF.search(origin), origin
        assert "0-10" not in value and not value.startswith("1 points"), value
        assert not any(len(tok) > 4 and tok.isdigit() for tok in value.replace("$B", "").split()), value  # 1,000 not 1000
    assert format.plain_name("queries_bq_per_m_chips") == "Queries per M chips"
    assert format.label("staff_busd_per_year") == "Staff bill"


def test_enter_in_the_name_field_saves_the_result_and_stays_on_the_end_screen(make_app):
    d = make_app()
    end = end_screen(d)
    end.focus_name()
    type_text(d, "Ada")
    d.key(pygame.K_RETURN)
    assert isinstance(d.app.scene, EndScene)
    assert end.result_path is not None and "ada" in end.result_path.name


def test_a_stray_enter_on_the_end_screen_starts_no_new_game(make_app):
    d = make_app()
    end_screen(d)
    d.key(pygame.K_RETURN)
    d.settle()
    assert isinstance(d.app.scene, EndScene)
    d.key(pygame.K_a)  # the button's own key still works
    d.settle()
    assert not isinstance(d.app.scene, EndScene)
