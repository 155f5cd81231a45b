"""The chip market in French: the terminal's market line and the board's chip-market tooltip
write their decimals with a comma and their shares as "12 %", like every other French number."""

from __future__ import annotations

import re

from game.cli.text_game import render_market_line
from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.scenario.translation import translate
from game.text.catalog import set_language
from game.ui.panels import market_lines


def _french_game() -> Game:
    set_language("fr")
    scenario = translate(load_scenario_file(BUILTIN_DIR / "default.yaml"), "fr")
    return Game(scenario, scenario.meta.seed)


def test_the_french_market_line_shows_a_decimal_comma():
    line = render_market_line(_french_game())
    assert re.search(r"\d,\d", line), line
    assert not re.search(r"\d\.\d", line), line


def test_the_french_chip_market_tooltip_shows_a_decimal_comma():
    text = " ".join(x.text for x in market_lines(_french_game()))
    assert re.search(r"\d,\d", text), text
    assert not re.search(r"\d\.\d", text), text


def test_the_english_market_line_keeps_its_decimal_point():
    set_language("en")
    scenario = load_scenario_file(BUILTIN_DIR / "default.yaml")
    line = render_market_line(Game(scenario, scenario.meta.seed))
    assert re.search(r"\d\.\d", line) and not re.search(r"\d,\d", line), line
