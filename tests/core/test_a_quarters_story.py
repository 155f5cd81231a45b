"""A quarter's story: the end of a quarter names a cause for every change to every shown
track, and the causes of each track add up to its change."""

from __future__ import annotations

import random

import pytest

from game.core.figures import SHOWN_TRACKS
from game.core.session import Game
from game.text.words import Words


def _play(scenario, seed: int, quarters: int = 12):
    """Play a game of random legal moves; yield (tracks before the quarter's end, the closed
    quarter's record, the causes its end added)."""
    g = Game(scenario, seed)
    pick = random.Random(seed)
    while not g.over and len(g.quarters) <= quarters:
        moves = g.legal_actions()
        ends = [a for a in moves if getattr(a, "kind", "") == "end_quarter"]
        others = [a for a in moves if a not in ends]
        a = pick.choice(others) if others and (not ends or pick.random() < 0.6) else ends[0]
        rec = g.quarters[-1]
        before, known = g.tracks.copy(), len(rec.causes)
        r = g.apply(a)
        assert r.ok
        if rec.tracks:  # the move ended the quarter
            yield before, rec, rec.causes[known:]


# seeds whose random game lasts at least three quarters (seed 3's went bankrupt in two once the
# first card asked for an answer)
@pytest.mark.parametrize("seed", [1, 2, 4, 5, 6])
def test_the_causes_of_a_quarters_end_add_up_to_each_tracks_change(default_scenario, seed):
    from game.model.tracks import T

    seen = 0
    for before, rec, causes in _play(default_scenario, seed):
        seen += 1
        for name in SHOWN_TRACKS:
            if name.startswith("q_"):
                continue  # the ledger lines are the causes, not a track they explain
            change = rec.tracks[name] - float(before[T[name]])
            named = sum(diff.get(name, 0.0) for _, diff in causes)
            assert named == pytest.approx(change, abs=1e-9), (rec.turn, name)
    assert seen >= 3


def test_the_end_of_a_quarter_no_longer_lumps_its_changes_together(default_scenario):
    for _, _, causes in _play(default_scenario, 1, quarters=6):
        ids = {f.id for f, _ in causes}
        assert "cause.business" not in ids
        assert any(i == "cause.ledger" for i in ids)


def test_every_cause_of_a_quarters_end_reads_as_a_sentence(default_scenario):
    words = Words(default_scenario)
    for _, _, causes in _play(default_scenario, 2, quarters=8):
        for f, _ in causes:
            text = words.say(f)
            assert text and "cause." not in text and "%{" not in text
