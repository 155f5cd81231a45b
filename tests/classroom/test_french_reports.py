"""The debrief and the class report of a French game are French: every heading, column, chart
title and axis comes from the French catalog, and none of the English ones is left."""

from __future__ import annotations

import re

import pytest

from game.classroom.debrief import build_debrief, write_debrief
from game.classroom.results import read_result, write_result
from game.classroom.summary import write_class_report
from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.scenario.translation import translate
from game.sim.driver import play_game
from game.text.catalog import entries, set_language
from tests.classroom.conftest import CLASSROOM_FILES


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


def _english_phrases(*sections: str) -> list[str]:
    """The English words of these catalog sections, those of more than two words (short ones
    such as "Source" are the same word in French)."""
    out = []
    for key, value in entries("en").items():
        if key.startswith(sections):
            for text in value.values() if isinstance(value, dict) else [value]:
                for part in re.split(r"%\{\w+\}", text):
                    if len(part.split()) > 2:
                        out.append(" ".join(part.split()))
    return out


def _visible(html: str) -> str:
    text = re.sub(r"<style>.*?</style>|<img [^>]*>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_debrief_of_a_french_game_is_french(french, planner_game, tmp_path):
    d = build_debrief(planner_game, player="Équipe Ada", worlds=60, bot_worlds=10)
    paths = write_debrief(planner_game, tmp_path, debrief=d)
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    page = _visible(html)
    for heading in ("Décisions clés", "Leçons", "Mondes parallèles", "Cartes tirées"):
        assert heading in page
    left = [p for p in _english_phrases("classroom.debrief", "classroom.chart", "classroom.series") if p in page]
    assert left == []
    assert "Trésorerie" in d.series["cash_busd"].label


def test_the_class_report_made_in_french_is_french(burn, tmp_path):
    """Result files written by English games make a French report: the scenario's title, the
    endings, the decisions and the cards' answers are said again in French."""
    folder = tmp_path / "class"
    folder.mkdir()
    docs = []
    for seed in range(1, 5):
        path = write_result(play_game(Game(burn, seed), "planner"), folder / f"t{seed}.json", player=f"Équipe {seed}")
        docs.append(read_result(path))
    set_language("fr")
    try:
        paths, _, _ = write_class_report([folder], tmp_path / "out")
        french = translate(burn, "fr")
    finally:
        set_language("en")
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    page = _visible(html)
    assert "Bilan de la classe" in page and "Chiffres clés à la fin" in page
    left = [p for p in _english_phrases("classroom.class_report", "classroom.chart") if p in page]
    assert left == []
    assert french.meta.title in page and burn.meta.title not in page
    english = {c.title for d in docs for c in d.cards} | {d.outcome.title for d in docs}
    assert [title for title in english if title in page] == []


# The debrief's lessons: the default campaign and every classroom scenario, played by a careful
# bot and by a random one (whose games take the other branches: refusals, failed deals, ruin).
LESSON_SCENARIOS = ["default.yaml"] + [f"classroom/{p.name}" for p in CLASSROOM_FILES]


def _lessons(name: str, lang: str, bot: str) -> list:
    set_language(lang)
    scenario = translate(load_scenario_file(BUILTIN_DIR / name), lang)
    game = play_game(Game(scenario, scenario.meta.seed), bot)
    return build_debrief(game, worlds=12, bot_worlds=4).lessons


def _outside_markers(text: str) -> str:
    """What is left of a pseudo-locale text once every ‹ › span (nested ones too) is taken out."""
    while True:
        shorter = re.sub(r"‹[^‹›]*›", "", text)
        if shorter == text:
            return text
        text = shorter


@pytest.mark.parametrize("name", LESSON_SCENARIOS)
@pytest.mark.parametrize("bot", ["planner", "random"])
def test_every_lesson_sentence_comes_from_the_catalogs(name, bot):
    """In the pseudo-locale every goal, piece of evidence and question of the debrief wears the
    markers: no sentence of a lesson is written in the code (between the marked pieces, only
    the commas and semicolons that join them)."""
    try:
        lessons = _lessons(name, "pseudo", bot)
    finally:
        set_language("en")
    assert lessons
    for lesson in lessons:
        for text in (lesson.goal, lesson.evidence, lesson.question):
            assert "‹" in text
            assert re.fullmatch(r"[\s,;.\u00a0]*", _outside_markers(text)), text


@pytest.mark.parametrize("name", LESSON_SCENARIOS)
def test_a_french_debrief_has_no_english_lesson(french, name):
    """A French game's lessons say their evidence and questions in French, numbers the French way."""
    english = _english_phrases("classroom.lesson", "classroom.question", "classroom.verdict")
    for lesson in _lessons(name, "fr", "random"):
        text = f"{lesson.evidence} {lesson.question}"
        assert [p for p in english if p in text] == []
        assert not re.search(r"\d\.\d|\d%", text), text  # "6,2" and "12 %", never "6.2" or "12%"
