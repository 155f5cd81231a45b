"""A race of several labs in the terminal: hot-seat handovers, bots that say what they did."""

from __future__ import annotations

from game.cli.text_match import TextMatch
from game.core.match import Match


def _race(scenario, labs: int, people: int, quarters: int) -> tuple[Match, str]:
    """People answer their card (a) and end their quarter, for `quarters` of their turns each."""
    m = Match(scenario, 2, labs)
    out: list[str] = []
    end = str(m.c.space.end_quarter + 1)
    turns = iter(range(quarters * people))

    def read(_prompt: str) -> str:
        seat = m.acting
        if m.lab(seat).awaiting_choice:
            return "a"
        try:
            next(turns)
        except StopIteration:
            return "quit"
        return end

    TextMatch(m, people=people, read=read, write=out.append).loop()
    return m, "\n".join(out)


def test_each_team_is_handed_the_turn_with_what_changed_since_it_last_played(default_scenario):
    m, text = _race(default_scenario, labs=3, people=3, quarters=2)
    for team in (1, 2, 3):
        assert f"Team {team}, your turn" in text
    assert text.count("Your lab's first turn.") == 3  # once per team, in the first quarter
    assert "Since your last turn:" in text and "Meanwhile:" in text  # the second quarter's handovers
    assert m.turn == 2


def test_bots_play_their_turns_and_say_what_they_did(default_scenario):
    m, text = _race(default_scenario, labs=4, people=1, quarters=2)
    assert text.count("plays (the ") >= 3 * 2  # three bot turns a quarter
    assert "(the builder bot)" in text and "(the safety_first bot)" in text
    assert "Team 1, your turn" in text and "Team 2, your turn" not in text


def test_the_labs_command_shows_every_lab_side_by_side(default_scenario):
    m = Match(default_scenario, 2, 4)
    out: list[str] = []
    feed = iter(["labs", "market", "quit"])
    TextMatch(m, read=lambda _: next(feed), write=out.append).loop()
    text = "\n".join(out)
    for name in ("Your lab", "Lodestar AI", "Meridian", "Agora Labs", "Public trust in AI"):
        assert name in text
    gulf = next(p for p in default_scenario.labs.shared.capital if p.space == "abu_dhabi")
    assert gulf.name in text and "left of" in text
