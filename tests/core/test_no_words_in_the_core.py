"""The core states facts; the words live in the text layer and its catalogs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from game.core.facts import Fact
from game.core.moves import MOVES
from game.scenario.registry import resolve
from game.text.catalog import keys
from game.text.words import Words

ROOT = Path(__file__).resolve().parents[2]
# A sentence for a player: two words or more, starting with a capital or ending with a stop.
PROSE = re.compile(r"^[A-Z][a-z']+ [a-z]+.*|.* [a-z]+[.!?:]$")


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):  # a field's description is for modders' docs, not for players
        if isinstance(node, ast.keyword) and node.arg == "description" and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            out.append((node.lineno, text))
    return out


def test_no_sentence_for_a_player_is_written_in_the_core_or_the_model():
    found = []
    for folder in ("game/core", "game/model"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in _strings(path):
                if PROSE.match(text.strip()) and " " in text.strip():
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not found, "sentences in the core (give them a key in assets/translations):\n" + "\n".join(found)


def _every_fact(g) -> list[Fact]:
    out = []
    for it in g.menu():
        out += [it.label, it.reason, it.failure, *it.notes]
    return [f for f in out if f is not None]


def test_every_fact_a_game_states_has_a_sentence_in_the_catalog():
    from game.core.actions import EndQuarter
    from game.core.session import Game

    s = resolve("default")
    g = Game(s, 3)
    words = Words(s, g.c)
    facts = _every_fact(g)
    while not g.over and g.turn < 8:
        if g.awaiting_choice:
            r = g.apply(next(it.action for it in g.menu() if it.legal))
        else:
            r = g.apply(EndQuarter())
        facts += r.messages + _every_fact(g)
    facts += [e.fact for e in g.log]
    catalog = keys()
    for f in facts:
        text = words.say(f)
        assert text and not text.startswith("fact."), f
        special = hasattr(words, "_say_" + f.id.replace(".", "_"))
        assert special or f"fact.{f.id}" in catalog, f


def test_every_move_is_one_entry_of_the_table():
    kinds = [m.kind for m in MOVES]
    assert len(kinds) == len(set(kinds))
    for m in MOVES:
        assert m.action.model_fields["kind"].default == m.kind
