"""A move the player might regret asks first, names the danger, and can be told not to ask again."""

from __future__ import annotations

from game.core.state import PLAYER
from game.model.tracks import T
from tests.ui.screens import game_scene


def _poor(d, cash: float = 2.5):  # enough for a launch, not for two more quarters after it
    scene = game_scene(d)
    scene.game.st.tracks[0, PLAYER, T["cash_busd"]] = cash
    scene.refresh(animate=False)
    d.settle()
    return scene


def _kinds(scene) -> list[str]:
    return [a.kind for a in scene.game.actions if a.kind != "choose"]


def _dialog_text(d) -> str:
    top = d.app.scene.top
    return f"{top.title} {top.message}"


def test_a_launch_that_leaves_under_two_quarters_of_runway_asks_and_names_the_danger(make_app):
    d = make_app(ask_ruinous=True)
    scene = _poor(d)
    d.click("action.launch_model")
    assert d.layer() == "message"
    assert "runway" in _dialog_text(d)
    assert not _kinds(scene)  # nothing happened yet
    d.click("message.button.2")  # think again
    assert d.layer() == "board" and not _kinds(scene)


def test_going_ahead_makes_the_move(make_app):
    d = make_app(ask_ruinous=True)
    scene = _poor(d)
    d.click("action.launch_model")
    d.click("message.button.1")
    assert _kinds(scene) == ["launch_model"]


def test_dont_ask_again_makes_the_move_and_turns_the_question_off(make_app):
    d = make_app(ask_ruinous=True)
    scene = _poor(d)
    d.click("action.launch_model")
    d.click("message.button.0")
    assert _kinds(scene) == ["launch_model"]
    assert d.app.settings.ask_ruinous is False


def test_with_the_question_off_the_move_is_made_at_once(make_app):
    d = make_app(ask_ruinous=False)
    scene = _poor(d)
    d.click("action.launch_model")
    assert d.layer() == "board" and _kinds(scene) == ["launch_model"]


def test_enter_on_the_question_does_not_make_the_move(make_app):
    import pygame

    d = make_app(ask_ruinous=True)
    scene = _poor(d)
    d.click("action.launch_model")
    d.key(pygame.K_RETURN)
    assert not _kinds(scene)


def test_a_zero_percent_pitch_asks_first(make_app):
    d = make_app(ask_hopeless_pitch=True)
    scene = game_scene(d)
    d.click("action.pitch.1000")
    assert d.layer() == "message" and "0%" in _dialog_text(d)
    assert not _kinds(scene)


def test_ending_a_quarter_with_attention_left_asks_first(make_app):
    d = make_app(ask_unused_attention=True)
    scene = game_scene(d)
    turn = scene.game.turn
    d.click("actions.end_quarter")
    assert d.layer() == "message" and "attention" in _dialog_text(d)
    d.click("message.button.1")
    assert scene.game.turn == turn + 1 or scene.game.over


def test_every_question_can_be_switched_back_on_in_settings(make_app):
    from tests.ui.screens import open_screen

    d = make_app(ask_ruinous=False, ask_hopeless_pitch=False, ask_unused_attention=False)
    open_screen(d, "settings")
    for key in ("ask_ruinous", "ask_hopeless_pitch", "ask_unused_attention"):
        d.click(f"settings.{key}")
        assert getattr(d.app.settings, key) is True


def test_a_ruinous_move_is_marked_on_its_tile_before_any_hover(make_app):
    from game.core.actions import LaunchModel

    d = make_app()
    scene = _poor(d)
    assert scene.dangers[LaunchModel()].id in ("danger.short_runway", "danger.cash_below_zero")
    rich = game_scene(make_app())
    assert LaunchModel() not in rich.dangers
