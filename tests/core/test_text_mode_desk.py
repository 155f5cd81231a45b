"""The terminal game: the forecast before a move, the question before a risky one, a short answer after one."""

from __future__ import annotations

from game.cli.text_game import TextGame, action_key
from game.core.actions import Pitch
from game.core.session import Game
from game.ui.settings import Settings


def _play(default_scenario, answers: list[str], settings: Settings | None = None) -> tuple[Game, list[str]]:
    g = Game(default_scenario, 1)
    out: list[str] = []
    first = ["a"] if g.awaiting_choice else []  # a card on the table is answered first
    feed = iter(first + answers + ["quit"])
    TextGame(g, read=lambda _: next(feed), write=out.append, autosave_on=False, settings=settings).loop()
    return g, out


def _key(default_scenario, pick) -> str:
    g = Game(default_scenario, 1)
    return action_key(g, next(it for it in g.menu() if pick(it)))


def test_every_action_shows_the_burn_and_runway_it_leaves(default_scenario):
    _, out = _play(default_scenario, ["list"])
    menu = " ".join(" ".join(out).split())
    assert menu.count("then burn") >= 5 and "runway" in menu


def test_a_move_within_the_quarter_answers_in_a_few_lines(default_scenario):
    ops = _key(default_scenario, lambda it: it.action.kind == "operations")
    _, out = _play(default_scenario, [ops])
    after = out[out.index(next(x for x in out if "Run operations." in x)):]
    assert len("\n".join(after).splitlines()) < 6
    assert "Attention left 2" in "\n".join(after)


def test_a_hopeless_pitch_asks_first_and_no_leaves_the_game_as_it_was(default_scenario):
    hopeless = _key(default_scenario, lambda it: isinstance(it.action, Pitch) and it.action.ask_busd == 1000)
    g, out = _play(default_scenario, [hopeless, "n"], Settings())
    assert any("0%" in x and "refused" in x for x in out)
    assert not any(isinstance(a, Pitch) for a in g.actions)


def test_never_makes_the_move_and_stops_asking(default_scenario):
    hopeless = _key(default_scenario, lambda it: isinstance(it.action, Pitch) and it.action.ask_busd == 1000)
    settings = Settings()
    g, _ = _play(default_scenario, [hopeless, "never"], settings)
    assert any(isinstance(a, Pitch) for a in g.actions)
    assert settings.ask_hopeless_pitch is False


def test_a_scripted_game_is_not_asked(default_scenario):
    hopeless = _key(default_scenario, lambda it: isinstance(it.action, Pitch) and it.action.ask_busd == 1000)
    g, _ = _play(default_scenario, [hopeless])
    assert any(isinstance(a, Pitch) for a in g.actions)
