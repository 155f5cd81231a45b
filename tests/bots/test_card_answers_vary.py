"""Bots answer cards by their own policy, with seeded variety: a class of bot teams on one seed
shows a spread of answers, and the same bot seed always answers alike."""

from __future__ import annotations

from collections import Counter

from game.core.session import Game
from game.scenario.registry import resolve
from game.sim.driver import play_game


def _answers(bot: str, bot_seed: int) -> list[tuple[str, int]]:
    s = resolve("the_burn")
    game = play_game(Game(s, s.meta.seed), bot, seed=bot_seed)
    return [(q.card, q.choice) for q in game.quarters if q.card is not None and q.choice is not None]


def test_bot_teams_on_one_seed_answer_the_cards_with_a_spread():
    answers: dict[str, Counter] = {}
    for k in range(1, 13):
        for card, choice in _answers("planner", k):
            answers.setdefault(card, Counter())[choice] += 1
    assert any(len(counts) > 1 for counts in answers.values())


def test_the_same_bot_seed_answers_alike():
    assert _answers("cautious", 4) == _answers("cautious", 4)


def test_the_random_bot_answers_more_diversely_than_the_planner():
    def kinds(bot: str) -> int:
        seen = set()
        for k in range(1, 9):
            seen |= set(_answers(bot, k))
        return len(seen)

    assert kinds("random") >= kinds("planner")
