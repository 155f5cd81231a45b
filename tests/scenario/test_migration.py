"""Older format versions are moved forward on load, with a warning saying what changed."""

from __future__ import annotations

import pytest

from game.scenario import migrate
from game.scenario.loader import check_scenario_text

from .helpers import DEFAULT_TEXT


def test_an_older_file_is_migrated_and_the_change_is_reported(monkeypatch: pytest.MonkeyPatch):
    def rename_length(doc: dict) -> dict:  # a made-up version 0 that called the field "minutes"
        doc["meta"] = dict(doc["meta"])
        doc["meta"]["length_minutes"] = doc["meta"].pop("minutes")
        return doc

    monkeypatch.setitem(
        migrate.STEPS, 0, (rename_length, "meta.minutes is now meta.length_minutes")
    )
    old = DEFAULT_TEXT.replace("format_version: 1", "format_version: 0").replace(
        "length_minutes: 60", "minutes: 60"
    )
    checked = check_scenario_text(old, "old.yaml")
    assert checked.scenario is not None and checked.scenario.meta.length_minutes == 60
    assert [f"{p.line}: {p.severity}: {p.message}" for p in checked.report] == [
        "6: warning: format 0 -> 1: meta.minutes is now meta.length_minutes; set format_version: 1"
    ]
