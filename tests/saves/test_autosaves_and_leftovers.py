"""Autosaves keep the newest five; the next start cleans what an interrupted write left."""

from __future__ import annotations

import os
import time

from game.core.actions import EndQuarter
from game.core.session import Game
from game.saves.store import (
    AUTOSAVE_KEEP,
    LEFTOVER_AGE_S,
    autosave,
    autosaves,
    clean_leftovers,
    saves_dir,
)
from game.scenario.registry import resolve


def test_autosaves_keep_the_newest_five_even_after_a_run_was_killed_mid_clean_up():
    g = Game(resolve("default"), 1)
    folder = saves_dir()
    folder.mkdir(parents=True)
    for n in range(1, 7):  # six autosaves on disk, as a run killed before its clean-up leaves
        (folder / f"autosave-{n:05d}.json").write_text("{}")
    g.apply(EndQuarter())
    newest = autosave(g)
    kept = autosaves()
    assert len(kept) == AUTOSAVE_KEEP and kept[-1] == newest


def test_the_next_start_removes_old_temporary_files_and_leaves_a_fresh_one():
    folder = saves_dir()
    folder.mkdir(parents=True)
    old = folder / ".slot-1.json.abc123.tmp"
    fresh = folder / ".slot-2.json.def456.tmp"
    mine = folder / "notes.tmp"  # not one of the game's: left alone
    for p in (old, fresh, mine):
        p.write_text("half a save")
    long_ago = time.time() - LEFTOVER_AGE_S - 10
    os.utime(old, (long_ago, long_ago))
    assert clean_leftovers() == 1
    assert not old.exists() and fresh.exists() and mine.exists()
    autosaves()  # what the game's start reads
    assert fresh.exists()
