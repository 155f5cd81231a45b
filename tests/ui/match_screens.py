"""Open a race of rival labs on the desktop in a known state, for the tests and the screenshots."""

from __future__ import annotations

from game.core.match import Match
from game.ui.library import entry_for
from game.ui.scenes.match import MatchScene


def match_scene(d, people: list[bool], seed: int = 7, scenario: str = "default") -> MatchScene:
    """A fresh match of len(people) labs of the scenario, each a person (True) or a bot."""
    entry = entry_for(scenario)
    match = Match(entry.scenario, seed, len(people))
    scene = MatchScene(d.app, match, people, str(entry.path))
    d.app.switch(scene)
    d.settle()
    return scene


def take_the_seat(d) -> None:
    """The team whose turn it is presses continue on the handover screen (if one is up)."""
    if d.layer() == "handover":
        d.click("handover.continue")


def answer_card(d) -> None:
    """The acting lab answers its card with the first choice the rules allow, if it has one."""
    scene = d.app.scene
    if scene.match.acting is not None and scene.lab.awaiting_choice:
        d.click(next(i for i in d.ids() if i.startswith("action.choose.")))


def end_turn(d) -> None:
    take_the_seat(d)
    answer_card(d)
    d.click("actions.end_turn")
