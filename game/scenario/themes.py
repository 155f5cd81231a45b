"""Lesson themes: what the debrief can say about a learning goal, and how a goal's words pick one.

A scenario's learning goals are sentences for people. The classroom debrief answers each one
with one theme's reading of the game (game/classroom/lessons.py). A goal may name its theme
(`lesson: energy`); otherwise the theme whose words the goal uses most is taken, and a goal
that uses none of them gets 'tracks' (the tracks that moved most). The validator warns about
such goals, so an author knows to name the theme.
"""

from __future__ import annotations

from typing import Literal

# Each theme's words, looked for in a goal's lower-cased text (ties go to the earlier theme).
THEME_WORDS: dict[str, tuple[str, ...]] = {
    "burn": ("burn", "runway", "spend", "alive", "raise", "revenue", "cash", "loses", "losing"),
    "inference": ("query", "queries", "serving", "inference", "cents", "cost of compute", "price", "pays"),
    "scrutiny": ("scrutiny", "security", "washington", "mgx", "gulf", "uae", "capital", "sovereign", "china"),
    "credibility": ("credibility", "ask", "ladder", "ridicule", "pitch", "tsmc", "ambition", "trillion", "laugh"),
    "energy": ("energy", "gigawatt", " gw", "power", "campus", "chips", "data centre", "data center"),
    "roads": ("road", "nuclear", "grid", "restart", "speed"),
    "team": ("trust", "team", "tour", "attention", "away", "safety", "staff", "checked out"),
    "luck": ("luck", "chance", "odds", "strategy", "dice", "worlds"),
}

# What each theme's lesson reads, for the schema's description and the modding guide.
THEME_HELP: dict[str, str] = {
    "burn": "the burn and the runway: spending against revenue, pitches and equity sold",
    "inference": "the cost of a query against its price, and demand left unserved",
    "scrutiny": "scrutiny: where the money came from and what it cost in security reviews",
    "credibility": "the ask ladder: the size of each pitch, investors' answers and credibility",
    "energy": "power and campuses: gigawatts online against what the chips need",
    "roads": "the deals that bring power later: grid, nuclear, permits, and their delays",
    "team": "the team: quarters on tour, trust, safety reviews and incidents",
    "luck": "strategy or luck: the same decisions replayed in other worlds",
    "tracks": "no theme: the tracks that moved most over the game",
}

LessonTheme = Literal["burn", "inference", "scrutiny", "credibility", "energy", "roads", "team", "luck", "tracks"]


def theme_of(goal: str) -> str:
    """The theme whose words the goal uses most (ties go to the earlier theme); 'tracks' if none."""
    text = f" {goal.lower()} "
    best, hits = "tracks", 0
    for theme, keys in THEME_WORDS.items():
        n = sum(text.count(k) for k in keys)
        if n > hits:
            best, hits = theme, n
    return best
