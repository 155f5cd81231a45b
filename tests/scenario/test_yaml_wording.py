"""A YAML mistake is worded by the game, the same whichever YAML parser read the file.

libyaml and pure-Python PyYAML (and their versions) word the same mistake differently; the modder
reads the game's sentence, with the line and a fix, and these tests never quote a parser.
"""

from __future__ import annotations

import pytest
import yaml

from game.scenario import document
from game.scenario.loader import check_scenario_text

PARSERS = [yaml.SafeLoader] + (
    [yaml.CSafeLoader] if getattr(yaml, "__with_libyaml__", False) else []
)

MISTAKES = {
    # text: (line, what the game says, in its own words)
    "meta:\n  title: [an unclosed list\n  author: x\n": (
        3,
        'a list opened with "[" on line 2 is not closed',
    ),
    "a: {b: 1\nc: 2\n": (2, 'a map opened with "{" on line 1 is not closed'),
    'a: "hello\nb: 2\n': (1, "the quoted text that opens on line 1 is never closed"),
    "a:\n  b: 1\n c: 2\n": (3, "does not line up with the keys of the map that starts on line 1"),
    "title: Plan: build\n": (1, 'a ":" where no key can start'),
    "a:\n\tb: 1\n": (2, "a tab character: YAML indents with spaces only"),
    "a: 1\nb\nc: 2\n": (2, 'line 2 has no ":" after its key'),
    "a: 1\n---\nb: 2\n": (2, "a second document (a --- line)"),
    "a: 1\n- b\n": (2, 'a list item ("- ") where the keys of the map'),
    "a: @x\n": (1, '"@" cannot start a value: put the value in quotes'),
    "a: [1,, 2]\n": (1, "an empty entry (two commas?)"),
    'a: "\\q"\n': (1, 'a backslash in "double quotes"'),
    "a: !!python/object:os.system {}\n": (1, "YAML tags such as !!python/... are not allowed"),
}


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize("text", list(MISTAKES), ids=[MISTAKES[t][1][:30] for t in MISTAKES])
def test_a_yaml_mistake_gets_the_games_words_and_line_whichever_parser_reads_it(
    monkeypatch, parser, text
):
    monkeypatch.setattr(document, "_Loader", parser)
    line, says = MISTAKES[text]
    checked = check_scenario_text(text, "mod.yaml")
    assert checked.scenario is None
    [error] = checked.report.errors
    assert error.line == line
    assert error.message.startswith("not valid YAML: ") and says in error.message


def test_every_parser_gives_a_mistake_the_same_sentence(monkeypatch):
    worded = {}
    for parser in PARSERS:
        monkeypatch.setattr(document, "_Loader", parser)
        worded[parser] = [
            check_scenario_text(t, "m.yaml").report.errors[0].message for t in MISTAKES
        ]
    assert len({tuple(w) for w in worded.values()}) == 1


def test_an_impossible_date_is_worded_by_the_game():
    [error] = check_scenario_text("a: 2024-13-45\n", "m.yaml").report.errors
    assert "a date the calendar does not have" in error.message and "quotes" in error.message
