"""Two languages, complete and alike: the catalogs, French conventions, the pseudo-locale, the
choice of language, and games that do not care which language they were played in."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main as cli_main
from game.cli.text_game import TextGame
from game.core.actions import EndQuarter
from game.core.session import Game
from game.saves.store import load_game, save_game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR, resolve_id
from game.text import numbers
from game.text.catalog import (
    FALLBACK,
    PSEUDO,
    PSEUDO_CLOSE,
    PSEUDO_OPEN,
    TRANSLATIONS,
    UnknownLanguage,
    choose_language,
    entries,
    language,
    set_language,
    shipped,
    system_language,
    t,
)
from game.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\{(\w+)\}")
LOCALES = [p.stem for p in sorted(TRANSLATIONS.glob("*.json"))]
NBSP = "\u00a0"


def _placeholders(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {name for text in texts for name in PLACEHOLDER.findall(str(text))}


@pytest.mark.parametrize("locale", [x for x in LOCALES if x != FALLBACK])
def test_every_shipped_language_has_exactly_the_keys_and_placeholders_of_english(locale):
    english, other = entries(FALLBACK), entries(locale)
    assert sorted(set(english) - set(other)) == [], f"{locale}.json lacks these keys"
    assert sorted(set(other) - set(english)) == [], f"{locale}.json has keys English does not"
    wrong = {k: (_placeholders(english[k]), _placeholders(other[k])) for k in english if _placeholders(english[k]) != _placeholders(other[k])}
    assert wrong == {}, f"{locale}.json fills other placeholders than en.json"


def test_french_is_shipped_and_its_file_follows_the_english_file_s_order():
    """The integrator adds other helpers' keys to fr.json beside their English: same order."""
    assert "fr" in LOCALES
    assert list(entries("fr")) == list(entries(FALLBACK))


def test_the_french_catalog_is_french_not_english_copied():
    same = [k for k, v in entries("fr").items() if v == entries(FALLBACK)[k] and isinstance(v, str) and len(PLACEHOLDER.sub("", v).split()) > 2]
    assert same == []


def test_french_punctuation_has_its_no_break_spaces():
    """Before : ; ! ? and », after «, a no-break space; never an ordinary one."""
    for key, value in entries("fr").items():
        for text in value.values() if isinstance(value, dict) else [value]:
            assert not re.search(r" [:;!?»]", text), f"{key}: an ordinary space before a French sign"
            assert "« " not in text, f"{key}: an ordinary space after «"
            assert not re.search(r"\w[:;!?](\s|$)", PLACEHOLDER.sub("x", text)), f"{key}: no space before a French sign"


@pytest.mark.parametrize(("count", "form"), [(0, "one"), (1, "one"), (1.5, "one"), (2, "other"), (10, "other")])
def test_in_french_zero_and_one_are_singular(count, form):
    set_language("fr")
    one, other = entries("fr")["effects.later"]["one"], entries("fr")["effects.later"]["other"]
    said = t("effects.later", what="X", count=count, n=count)
    assert said == (one if form == "one" else other).replace("%{what}", "X").replace("%{n}", str(count))


def test_in_english_only_one_is_singular():
    set_language("en")
    assert t("effects.later", what="X", count=1, n=1) == "X next quarter"
    assert t("effects.later", what="X", count=0, n=0) == "X in 0 quarters"


def test_french_numbers_money_and_quarters():
    set_language("fr")
    assert numbers.money(7000) == f"7{NBSP}000{NBSP}Md$"
    assert numbers.money(6.5) == f"6,5{NBSP}Md$"
    assert numbers.number(1000.5) == f"1{NBSP}000,5"
    assert numbers.percent(0.12) == f"12{NBSP}%"
    assert numbers.quarter("Q1 2024") == f"T1{NBSP}2024"
    set_language("en")
    assert (numbers.money(7000), numbers.number(1000.5), numbers.percent(0.12), numbers.quarter("Q1 2024")) == ("7,000 $B", "1,000.5", "12%", "Q1 2024")


def test_french_spacing_is_added_to_a_sentence_written_elsewhere():
    set_language("fr")
    assert numbers.punctuate("Attention: oui! « non » ? https://x") == f"Attention{NBSP}: oui{NBSP}! «{NBSP}non{NBSP}»{NBSP}? https://x"
    set_language("en")
    assert numbers.punctuate("Attention: yes!") == "Attention: yes!"


def test_the_pseudo_locale_marks_and_lengthens_every_string_and_keeps_its_placeholders():
    set_language(PSEUDO)
    assert language() == PSEUDO
    for key, english in entries(FALLBACK).items():
        pseudo = entries(PSEUDO)[key]
        for form, text in (english.items() if isinstance(english, dict) else [("", english)]):
            made = pseudo[form] if form else pseudo
            if text in ("singular", "plural"):  # a switch the code reads, not words
                assert made == text
                continue
            assert made.startswith(PSEUDO_OPEN) and made.endswith(PSEUDO_CLOSE), key
            assert len(made) >= len(text) * 4 / 3, key
            assert _placeholders(made) == _placeholders(text), key
    assert t("menu.new_campaign").startswith(PSEUDO_OPEN)


def test_the_system_language_is_the_first_run_s_language():
    assert system_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert system_language({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}) == "fr"
    assert system_language({"LC_MESSAGES": "fr_BE", "LANG": "de_DE.UTF-8"}) == "fr"
    assert system_language({"LANG": "de_DE.UTF-8"}) == "en", "a language the game lacks gives English"
    assert system_language({}) == "en"


def test_a_first_run_on_a_french_system_is_in_french(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert Settings().language == "fr"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert Settings().language == "en"


def test_an_unknown_language_is_one_clear_line_naming_the_shipped_ones(capsys):
    with pytest.raises(UnknownLanguage, match="fr"):
        choose_language("klingon")
    assert choose_language("FR") == "fr" and choose_language("fr_CA.UTF-8") == "fr"
    assert cli_main(["--lang", "de", "scenarios"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "'de'" in err and "en, fr" in err


def test_lang_after_the_command_works_too(capsys):
    assert cli_main(["play", "--lang", "xx"]) == 2
    assert "'xx'" in capsys.readouterr().err
    assert set(shipped()) >= {"en", "fr", PSEUDO}


def test_the_command_line_s_refusals_speak_french(capsys):
    assert cli_main(["--lang", "fr", "play", "--seed", "x"]) == 2
    err = capsys.readouterr().err
    assert "la graine doit être un nombre entier" in err and len(err.strip().splitlines()) == 1
    assert cli_main(["play", "--lang=fr", "--mods", "/nowhere/at/all"]) == 2
    assert "n’existe pas" in capsys.readouterr().err


def test_the_play_launcher_takes_lang_and_refuses_a_wrong_one():
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "xx"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "'xx'" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_terminal_game_in_french_from_the_command_line(monkeypatch, capsys, tmp_path):
    """`play --lang fr`: the board in French, the commands' French words understood."""
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("a\naide\nobjectifs\nquitter\n"))
    assert cli_main(["play", "--lang", "fr", "--no-autosave", "--team", "x", "--result", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"T1{NBSP}2024" in out and "Trésorerie" in out and "Commandes" in out and "Pour gagner" in out
    assert "Au revoir" in out


def test_a_game_saved_in_french_loads_in_english_and_plays_on_the_same(tmp_path):
    scenario = load_scenario_file(BUILTIN_DIR / "default.yaml")
    set_language("fr")
    g = Game(scenario, 7)
    out: list[str] = []
    feed = iter(["a", "sauver " + str(tmp_path / "partie.json"), "quitter"])
    TextGame(g, read=lambda _: next(feed), write=out.append, autosave_on=False).loop()
    saved = (tmp_path / "partie.json").read_text(encoding="utf-8")
    assert "Trésorerie" not in saved and not re.search(r"\bT[1-4]\W2\d{3}", saved), "a save holds no words of the language it was made in"
    set_language("en")
    back, _ = load_game(tmp_path / "partie.json", lambda sid, _p: resolve_id(sid))
    assert back.actions == g.actions and back.figures() == g.figures()
    back.apply(EndQuarter())
    g.apply(EndQuarter())
    assert back.figures() == g.figures()


def test_a_result_file_is_the_same_in_either_language(tmp_path):
    scenario = load_scenario_file(BUILTIN_DIR / "default.yaml")
    files = {}
    for lang in ("en", "fr"):
        set_language(lang)
        g = Game(scenario, 3)
        for _ in range(3):
            if g.awaiting_choice:
                g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
            for it in [it for it in g.menu() if it.legal and it.action.kind in ("pitch", "operations", "travel")][:2]:
                if g.menu() and any(x.legal and x.action == it.action for x in g.menu()):
                    g.apply(it.action)
            g.apply(EndQuarter())
        path = TextGame(g, read=lambda _: "", write=lambda _: None, team="team", result=str(tmp_path / lang)).write_result()
        assert language() == lang
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for k in ("written_at", "created_at", "saved_at", "app_version"):
            data.pop(k, None)
        files[lang] = data
    assert files["en"] == files["fr"]


def test_save_game_is_the_same_file_in_either_language(tmp_path):
    scenario = load_scenario_file(BUILTIN_DIR / "default.yaml")
    texts = {}
    for lang in ("en", "fr"):
        set_language(lang)
        g = Game(scenario, 9)
        g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
        save_game(g, tmp_path / f"{lang}.json")
        data = json.loads((tmp_path / f"{lang}.json").read_text(encoding="utf-8"))
        data.pop("saved_at", None)
        texts[lang] = data
    assert texts["en"] == texts["fr"]


def test_a_card_s_source_names_its_kind_in_the_player_s_language():
    """Under a French card, a fiction's source reads "Source (hypothèse) : ...", never the
    scenario file's English "assumption:"; reported history names its outlet alone."""
    from game.scenario.translation import translate

    set_language("fr")
    try:
        s = translate(load_scenario_file(BUILTIN_DIR / "default.yaml"), "fr")
        lines = [numbers.source_line(e.source) for e in s.events]
        assert not [x for x in lines if re.search(r"\b(assumption|derived)\b", x)]
        assert any(t("common.kind.assumption") in x for x in lines)
        assert numbers.source_line("New York Times, 2024") == f"Source{NBSP}: New York Times, 2024"
    finally:
        set_language("en")
    assert numbers.source_line("assumption: a guess") == "Source (assumption): a guess"


def test_french_elides_que_before_a_vowel_where_a_sentence_meets_its_value():
    """"ne peut démarrer que %{when}" with "à partir de 2025" reads "qu’à partir de 2025"; before a
    consonant nothing changes."""
    set_language("fr")
    try:
        elided = t("fact.refused.product_when", product="Vidéo", product_when="à partir de 2025")
        kept = t("fact.refused.product_when", product="Vidéo", product_when="jusqu’en 2025")
    finally:
        set_language("en")
    assert "qu’à partir de 2025" in elided and "que à" not in elided
    assert "que jusqu’en 2025" in kept


def test_in_french_less_than_two_millions_is_singular():
    set_language("fr")
    try:
        below, above = numbers.figure_value(0.2, "million chips"), numbers.figure_value(2.5, "million chips")
    finally:
        set_language("en")
    assert below.endswith("million de puces") and above.endswith("millions de puces")


def test_a_starting_figure_names_its_kind_in_the_player_s_language():
    """`explain cash` in French: "Chiffre de départ 7 Md$ (hypothèse) : ...", not the file's "assumption:"."""
    from game.text.words import words_for

    game = Game(load_scenario_file(BUILTIN_DIR / "default.yaml"), 1)
    set_language("fr")
    try:
        said = words_for(game).say(game.explain("cash_busd")["origin"])
    finally:
        set_language("en")
    assert "(hypothèse)" in said and "assumption" not in said
