"""Policies that choose actions for a batch of worlds: random, cautious, historical, planner, homebody."""

from game.bots.policies import BOTS, UnknownBot, make_bot

__all__ = ["BOTS", "UnknownBot", "make_bot"]
