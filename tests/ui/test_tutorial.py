"""How to play: a first-quarter tour on the real board that a new player can follow or skip."""

from __future__ import annotations

from game.core.actions import Pitch
from game.ui.tutorial import STEPS
from tests.ui.screens import game_scene


def _start(d):
    scene = game_scene(d)
    d.click("top.help")
    d.click("message.button.1")  # Show me around
    return scene


def _step(scene) -> str | None:
    return scene.tutorial.step.key if scene.tutorial is not None else None


def test_a_new_player_follows_the_tour_through_a_whole_quarter(make_app):
    d = make_app()
    scene = _start(d)
    assert _step(scene) == "welcome" and "tutorial.next" in d.ids()
    d.click("tutorial.next")
    assert _step(scene) == "tracks"
    d.click("tutorial.next")
    assert _step(scene) == "attention"
    d.click("tutorial.next")
    assert _step(scene) == "travel"
    d.click("space.tokyo")  # the player's own move moves the tour on
    assert scene.game.location == "tokyo" and _step(scene) == "pitch"
    d.click("action.pitch.1")
    assert any(isinstance(a, Pitch) for a in scene.game.actions) and _step(scene) == "card"
    d.click("tutorial.next")
    assert _step(scene) == "end"
    turn = scene.game.turn
    d.click("actions.end_quarter")
    assert scene.game.turn == turn + 1
    assert _step(scene) == "done"
    while d.layer() != "board":  # the quarter's review, then the next card
        ids = d.ids()
        d.click(next(i for i in ("summary.continue", "card.choice.0", "card.continue", "message.button.1") if i in ids))
    assert "tutorial.next" in d.ids()
    d.click("tutorial.next")
    assert scene.tutorial is None and "tutorial.next" not in d.ids()


def test_the_tour_can_be_skipped_at_any_step(make_app):
    d = make_app()
    scene = _start(d)
    d.click("tutorial.next")
    d.click("tutorial.skip")
    assert scene.tutorial is None
    assert not any(i.startswith("tutorial.") for i in d.ids())


def test_every_step_has_its_words():
    from game.ui.i18n import t

    for step in STEPS:
        assert t(f"tutorial.{step.key}.title") != f"tutorial.{step.key}.title"
        assert t(f"tutorial.{step.key}.text") != f"tutorial.{step.key}.text"


def test_a_fresh_game_offers_the_tour_once_after_its_first_card(make_app):
    d = make_app(show_tour=True)
    scene = game_scene(d)  # answers the first card
    assert _step(scene) == "welcome"
    d.click("tutorial.skip")
    assert d.app.settings.show_tour is False
    again = game_scene(d)
    assert again.tutorial is None
