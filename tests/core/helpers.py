"""What several core tests share: a game of the default campaign with its first card answered."""

from __future__ import annotations

from game.core.actions import Choose
from game.core.session import Game


def answer_card(game: Game) -> None:
    """Answer the card on the table, if any, with its first choice."""
    if game.awaiting_choice:
        assert game.apply(Choose(option=0)).ok


def fresh(scenario, seed: int = 1) -> Game:
    """A new game of `scenario` whose first card is answered: free to act."""
    g = Game(scenario, seed)
    answer_card(g)
    return g
