"""The desktop game in a classroom: projector mode, the facilitator's pause screen, result files."""

from __future__ import annotations

import threading

import pygame
import pytest

from game.classroom.facilitator import pause_screen
from game.classroom.results import read_result
from game.ui.scenes import projector as proj
from game.ui.scenes.end import EndScene, result_file_name, results_dir, slug
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.theme import Theme
from tests.ui.screens import finished_game, game_scene


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b_ = (ch(x) for x in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ----- projector mode --------------------------------------------------------------------------------


def test_projector_mode_is_a_remembered_setting_chosen_on_the_settings_screen(make_app, home):
    d = make_app()
    d.click("menu.settings")
    d.click("settings.projector.on")
    assert d.app.settings.projector and d.app.theme.projector
    assert d.app.theme.palette.name == "projector"
    d.click("settings.palette.colour_blind")
    assert d.app.theme.palette.name == "projector_colour_blind"
    d.click("settings.projector.off")
    assert not d.app.theme.projector and d.app.theme.palette.name == "colour_blind"
    # remembered between runs, with the player's name
    path = home / "settings.json"
    assert save_settings(Settings(projector=True, player_name="Team Ada"), path) is None
    loaded, problem = load_settings(path)
    assert problem is None and loaded.projector and loaded.player_name == "Team Ada"


@pytest.mark.parametrize("blind", [False, True])
def test_the_projector_palette_is_high_contrast(blind):
    th = Theme(Settings(projector=True, palette="colour_blind" if blind else "standard"), (1280, 720))
    pal = th.palette
    for ink in (pal.ink_light, pal.ink_muted):
        for ground in (pal.panel, pal.panel_raised, pal.sea_bottom):
            assert contrast(ink, ground) >= 7.0, (ink, ground)
    assert contrast(pal.ink_faint, pal.panel) >= 4.5  # even the faintest words
    assert contrast(pal.ink, pal.paper) >= 12 and contrast(pal.ink_soft, pal.paper) >= 7
    for mark in (pal.good, pal.bad, pal.accent):
        assert contrast(mark, pal.panel) >= 4.5
    for mark in (pal.good_on_paper, pal.bad_on_paper, pal.accent_dark):
        assert contrast(mark, pal.paper) >= 4.5
    # and the lines are twice as thick as in the ordinary look
    plain = Theme(Settings(), (1920, 1080))
    big = Theme(Settings(projector=True), (1920, 1080))
    assert big.stroke(1) >= 2 * plain.stroke(1)
    assert big.text_scale > plain.text_scale


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_projector_board_shows_the_key_tracks_big_with_fewer_details(make_app, size):
    plain = make_app(size=size)
    game_scene(plain)
    plain_board = plain.app.scene.board
    plain_value = plain.app.theme.line_height(18, "bold")  # the ordinary tracks' numbers
    d = make_app(size=size, projector=True)
    game_scene(d)
    board = d.app.scene.board
    th = d.app.theme
    screen = d.app.screen_rect
    # every track on screen at once, no scrolling, each in a tall row with a big number
    tracks = [w for w in d.app.widgets() if w.id.startswith("track.")]
    assert len(tracks) == 9 and all(w.area is None and board.left.contains(w.rect) for w in tracks)
    assert min(w.rect.h for w in tracks) >= 60 * size[1] / 720
    assert th.line_height(proj.VALUE_SIZE, "bold") >= 1.4 * plain_value
    # fewer details: no log or place panels, but the goal and the latest events under the map
    assert plain_board.log_area is not None and board.log_area is None
    assert board.goal.colliderect(board.log) is False
    # everything on screen, nothing overlapping in the top bar, the map's names apart
    for w in d.app.widgets():
        if w.area is None:
            assert screen.contains(w.rect), (w.id, w.rect)
    top = [w.rect for w in d.app.widgets() if w.id.startswith("top.")]
    assert "top.class" in d.ids() and all(a == b or not a.colliderect(b) for a in top for b in top)
    plaques = list(board.scene.view.plaque_rects(th, board.game.location).values())
    assert all(a is b or not a.colliderect(b) for a in plaques for b in plaques)
    # and the game plays the same: an action, then the end of the quarter
    d.click("action.operations")
    assert board.game.actions[-1].kind == "operations"
    d.key(pygame.K_e)
    assert d.layer() == "summary"


# ----- the facilitator's pause screen --------------------------------------------------------------


def test_p_opens_the_class_pause_screen_and_any_key_or_click_goes_back(make_app):
    d = make_app(projector=True)
    scene = game_scene(d, scenario="the_burn", answer=False)
    assert d.layer() == "card"  # the quarter's card is on the table
    d.key(pygame.K_p)
    assert d.layer() == "facilitator"
    layer = d.app.scene.top
    expected = pause_screen(scene.game)
    assert layer.data == expected
    assert expected.question and expected.note and expected.card  # the burn scripts its first quarter
    d.key(pygame.K_LSHIFT)  # a modifier alone does not close it
    assert d.layer() == "facilitator"
    d.key(pygame.K_x)
    assert d.layer() == "card"  # back where the teacher left off
    d.click("card.choice.0" if "card.choice.0" in d.ids() else "card.continue")
    d.key(pygame.K_p)
    assert d.layer() == "facilitator"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(5, 5), button=1))
    d.step()
    assert d.layer() == "board"
    # from the pause menu, and from the projector's top bar
    d.key(pygame.K_ESCAPE)
    d.click("pause.class")
    assert d.layer() == "facilitator"
    d.key(pygame.K_SPACE)
    assert d.layer() == "board"
    d.click("top.class")
    assert d.layer() == "facilitator"
    d.key(pygame.K_ESCAPE)
    assert d.layer() == "board"


def test_p_works_without_projector_mode_and_the_pause_menu_gives_way_to_it(make_app):
    d = make_app()
    game_scene(d)
    assert "top.class" not in d.ids()  # the ordinary top bar keeps its three buttons
    d.key(pygame.K_ESCAPE)
    assert d.layer() == "pause"
    d.key(pygame.K_p)
    assert d.layer() == "facilitator"
    d.key(pygame.K_RETURN)
    assert d.layer() == "board"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_pause_screen_fits_the_window_in_large_type(make_app, size):
    from game.ui.scenes.facilitator import MIN_FIT, _Pen

    d = make_app(size=size)
    game_scene(d, scenario="the_burn").open_facilitator()
    d.settle()
    layer = d.app.scene.top
    assert layer.name == "facilitator"
    th = d.app.theme
    pen = _Pen(th, None, layer.fit / layer._text_boost())
    assert layer._page(pen) <= layer.box.bottom
    assert layer.fit > MIN_FIT
    # the question is set at least 20 pixels high per 720 lines of screen: readable from the back
    question_px = th.font(pen.size(30), "semibold").get_height()
    assert question_px >= 20 * size[1] / 720 * 1.2


# ----- the end of a game: a result file for the teacher ---------------------------------------------


def test_a_finished_game_writes_a_result_file_under_the_name_typed(make_app, home):
    d = make_app(player_name="Old team")
    g, path = finished_game()
    d.app.switch(EndScene(d.app, g, path, fresh=True))
    d.settle()
    layer = d.app.scene.top
    # written at once, under the remembered name, and said where
    files = list(results_dir().glob("*.json"))
    assert len(files) == 1 and files[0] == layer.result_path
    assert files[0].parent == home / "results"
    first = read_result(files[0])
    assert first.player == "Old team" and first.seed == g.seed and first.outcome.result == g.outcome
    # a new team types its name (the old one is selected, typing replaces it) and presses Enter
    d.click("end.name")
    for ch in "Ada & Bo":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    d.step()
    d.key(pygame.K_RETURN)
    assert d.layer() == "end"  # Enter in the field saves; it does not start another game
    files = list(results_dir().glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith("ada-bo-")
    assert read_result(files[0]).player == "Ada & Bo"
    assert d.app.settings.player_name == "Ada & Bo"
    # the next end screen starts from the remembered name
    d.app.switch(EndScene(d.app, g, path))
    d.settle()
    assert d.app.scene.top.typed_name() == "Ada & Bo"


def test_a_loaded_finished_game_writes_its_result_only_when_asked(make_app):
    d = make_app()
    g, path = finished_game()
    d.app.switch(EndScene(d.app, g, path))
    d.settle()
    assert not results_dir().exists() or not list(results_dir().iterdir())
    d.click("end.save_result")
    files = list(results_dir().glob("*.json"))
    assert len(files) == 1 and read_result(files[0]).player == ""
    assert files[0].name.startswith(f"seed{g.seed}-")


def test_a_result_file_that_cannot_be_written_is_said_and_the_game_goes_on(make_app, home):
    (home / "results").write_text("a file where the folder should be", encoding="utf-8")
    d = make_app()
    g, path = finished_game()
    d.app.switch(EndScene(d.app, g, path, fresh=True))
    d.settle()
    layer = d.app.scene.top
    assert layer.result_path is None and layer.result_error
    assert d.app.toasts and d.app.toasts[-1][1] == "bad"
    d.click("end.again")
    assert d.app.scene.game is not g


def test_result_file_names_are_safe_and_say_who():
    g, _ = finished_game()
    assert slug("  Équipe Ada / B!  ") == "equipe-ada-b"
    assert result_file_name(g, "Équipe Ada", "20250101-120000") == "equipe-ada-default-20250101-120000.json"
    assert result_file_name(g, "", "x") == f"seed{g.seed}-default-x.json"


def test_the_debrief_is_written_in_the_background_and_its_failure_is_said(make_app):
    from game.ui.hooks import set_debrief_opener

    d = make_app()
    g, path = finished_game()

    def broken(game):
        raise RuntimeError("no room on the disk")

    set_debrief_opener(broken)
    d.app.switch(EndScene(d.app, g, path))
    d.settle()
    d.click("end.debrief")
    d.finish_jobs()
    assert d.layer() == "message" and "no room on the disk" in d.app.scene.top.message
    # while it is being written the window lives on, and says so
    release = threading.Event()
    written = []

    def slow(game):
        assert release.wait(30)
        written.append(game)
        return "/somewhere/debrief/report.html"

    set_debrief_opener(slow)
    d.key(pygame.K_RETURN)
    d.click("end.debrief")
    layer = d.app.scene.top
    assert layer.debrief_running and d.layer() == "end"
    d.click("end.debrief")  # a second press does not start a second one
    assert sum(j.is_alive() for j in d.app.jobs) == 1
    release.set()
    d.finish_jobs()
    assert written == [g] and not layer.debrief_running
    assert d.layer() == "message" and "report.html" in d.app.scene.top.message
