"""Scenarios in two languages: French texts beside each scenario, keyed by its ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from game.scenario.articles import ARTICLES, NBSP, cite
from game.scenario.loader import scenario_hash
from game.scenario.registry import BUILTIN_DIR, check_file, discover, resolve_id
from game.scenario.schema import Figure
from game.scenario.translation import (
    PSEUDO,
    is_translation_file,
    pseudo_text,
    scenario_texts,
    translate,
    translation_keys,
    translation_path,
)

from .helpers import DEFAULT_TEXT, write

SHIPPED = [
    BUILTIN_DIR / "default.yaml",
    *sorted(p for p in (BUILTIN_DIR / "classroom").glob("*.yaml") if not is_translation_file(p)),
    BUILTIN_DIR / "examples" / "european_lab" / "european_lab.yaml",
    BUILTIN_DIR / "examples" / "harsher_grid" / "harsher_grid.yaml",
]


def _dotted(key) -> str:
    return ".".join(map(str, key))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_has_every_player_facing_text_in_french(path: Path):
    """Both shipped languages are complete: every text the English file has (meta, spaces,
    deals, products, sites, actions, cards and their choices, endings, time up, classroom notes,
    debrief) has its French, under the same ids, and the French file names no id the scenario
    lacks. The message lists exactly what to add or remove."""
    checked = check_file(path)
    s = checked.scenario
    assert s is not None, [str(p) for p in checked.report]
    assert "fr" in s.meta.languages, f"{path.name}: add languages: [fr] to meta"
    french = translate(s, "fr")
    english_texts = list(scenario_texts(s))
    french_texts = {key: text for key, _, text in scenario_texts(french)}
    missing = [
        _dotted(key)
        for key, _, text in english_texts
        if french_texts[key] == text and not _same_in_both(text)
    ]
    stale = []
    for f in s._files[-1:]:
        data = yaml.safe_load(translation_path(Path(f), "fr").read_text(encoding="utf-8"))
        known = {key for key, _, _ in english_texts}
        stale = [_dotted(k) for k in translation_keys(data) if k not in known]
    where = " or ".join(translation_path(Path(f), "fr").name for f in s._files)
    assert not missing, f"{path.name}: these texts have no French yet (add them to {where}): {', '.join(missing)}"
    assert not stale, f"{path.stem}.fr.yaml names ids the scenario no longer has: {', '.join(stale)}"
    warnings = [str(p) for p in checked.report]
    assert warnings == [], warnings


def _same_in_both(text: str) -> bool:
    """A name that reads the same in French (Washington, Tokyo, Gigawatts, the rival labs' names)."""
    return text in {"San Francisco", "Washington", "Abu Dhabi", "Tokyo", "Hsinchu", "Paris", "Stockholm", "Gigawatts",
                    "Lodestar AI", "Meridian", "Agora Labs"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_french_texts_follow_french_typography(path: Path):
    """A no-break space before : ; ! ? and inside « », money in Md$ (never $B), no straight
    double quotes: French as a French editor writes it."""
    fr = translation_path(path, "fr")
    data = yaml.safe_load(fr.read_text(encoding="utf-8"))
    texts = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("format_version", "language", "translates"):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            texts.append(node)

    walk(data)
    for text in texts:
        assert not re.search(r"[^\u00a0][:;!?](\s|$)", text.replace("http:", "")), f"{fr.name}: {text!r}"
        assert "« " not in text and " »" not in text, f"{fr.name}: {text!r}"
        assert "$B" not in text and '"' not in text, f"{fr.name}: {text!r}"


def _bilingual(tmp_path: Path, fr_text: str, *, languages: str = "[fr]") -> Path:
    path = write(tmp_path, "lab.yaml", DEFAULT_TEXT.replace("  id: default", "  id: lab", 1).replace(
        "  language: en\n", f"  language: en\n  languages: {languages}\n", 1))
    write(tmp_path, "lab.fr.yaml", fr_text)
    return path


FR_HEADER = "format_version: 1\nlanguage: fr\ntranslates: lab\n"


def test_a_french_player_reads_the_french_text_and_english_where_none_is_written(tmp_path):
    path = _bilingual(tmp_path, FR_HEADER + (
        "meta:\n  title: Le labo\n"
        "events:\n  podcasting_bro:\n    title: Le « frère du podcasting »\n"
        "    choices:\n      - label: En rire\n"
    ))
    s = check_file(path).scenario
    fr = translate(s, "fr")
    card = next(e for e in fr.events if e.id == "podcasting_bro")
    english = next(e for e in s.events if e.id == "podcasting_bro")
    assert fr.meta.title == "Le labo"
    assert card.title == "Le « frère du podcasting »"
    assert card.choices[0].label == "En rire"
    assert card.choices[1].label == english.choices[1].label  # not translated: stays English
    assert card.text == english.text
    assert card.effects == english.effects and card.choices[0].effects == english.choices[0].effects


def test_a_scenario_read_in_french_keeps_its_content_hash_so_saves_stay_language_neutral():
    """A game saved in French names the same scenario, with the same hash, as one saved in
    English: it loads in either language."""
    s = check_file(BUILTIN_DIR / "default.yaml").scenario
    fr = translate(s, "fr")
    assert fr.meta.title != s.meta.title
    assert scenario_hash(fr) == scenario_hash(s) == scenario_hash(translate(s, PSEUDO))
    found = resolve_id("default", [BUILTIN_DIR], want_hash=scenario_hash(fr))
    assert translate(found, "fr").meta.title == fr.meta.title
    assert translate(fr, "en") is s, "back to English gives the scenario as read"


def test_the_pseudo_locale_marks_and_lengthens_every_player_facing_text():
    s = check_file(BUILTIN_DIR / "classroom" / "the_burn.yaml").scenario
    pseudo = translate(s, PSEUDO)
    english = {key: text for key, _, text in scenario_texts(s)}
    for key, _, text in scenario_texts(pseudo):
        assert text == pseudo_text(english[key])
        assert text.startswith("‹") and text.endswith("›") and len(text) >= len(english[key]) * 4 // 3
    for e in pseudo.events:
        assert "‹" in e.source, e.id
    for fig in list(pseudo.start.values()) + list(pseudo.constants.values()):
        assert "‹" in (fig.source or fig.derived or fig.assumption)


def test_in_french_a_reported_source_names_the_article_it_was_read_in_beside_the_outlet():
    s = translate(check_file(BUILTIN_DIR / "default.yaml").scenario, "fr")
    spend = s.start["spend_busd_per_year"].source
    assert spend.startswith("New York Times, automne 2024 (via A"), spend
    assert f"«{NBSP}{ARTICLES['B'].title}{NBSP}»" in spend
    card = next(e for e in s.events if e.id == "checked_out")
    assert "Wall Street Journal" in card.source and ARTICLES["B"].title in card.source
    assert card.article == "B"


def test_the_article_table_has_the_five_articles_and_english_is_cited_as_written():
    assert sorted(ARTICLES) == ["A", "B", "C", "D", "E"]
    for a in ARTICLES.values():
        assert a.title or a.what_fr, a.letter
    source = "Bernstein analyst Stacy Rasgon, reported March 2024 (via C)"
    assert cite(source, "en") == source
    assert "mars 2024" in cite(source, "fr") and "(via C" in cite(source, "fr")


def test_validate_warns_at_the_line_of_each_text_missing_in_a_declared_language(tmp_path):
    path = _bilingual(tmp_path, FR_HEADER + "meta:\n  title: Le labo\n")
    report = [str(p) for p in check_file(path).report]
    summary_line = DEFAULT_TEXT.splitlines().index("  summary: >-") + 2  # one line added above it
    assert f"{path}:{summary_line}:3: warning: meta.summary: no fr text" in "\n".join(report)
    assert not any("meta.title: no fr text" in line for line in report), "the title has its French"
    assert any(": events.1.title: no fr text" in line and "add events." in line for line in report)


def test_validate_names_a_stale_translation_at_its_line_in_the_french_file(tmp_path):
    path = _bilingual(tmp_path, FR_HEADER + (
        "events:\n"
        "  podcasting_bro:\n    title: Le frère\n"
        "  podcasting_bros:\n    title: Le frère, bis\n"
    ), languages="[]")
    report = [str(p) for p in check_file(path).report]
    fr = tmp_path / "lab.fr.yaml"
    assert len(report) == 1, report
    assert report[0].startswith(f"{fr}:7:3: warning: events.podcasting_bros: the scenario has no event "
                                '"podcasting_bros" (did you mean "podcasting_bro"?)'), report


def test_a_broken_translation_file_is_an_error_at_its_line_and_the_scenario_still_plays(tmp_path):
    path = _bilingual(tmp_path, FR_HEADER + "events:\n  podcasting_bro:\n    titre: Le frère\n", languages="[]")
    checked = check_file(path)
    report = [str(p) for p in checked.report]
    assert any(line.startswith(f"{tmp_path / 'lab.fr.yaml'}:6:5: error: events.podcasting_bro.titre: unknown field") for line in report), report
    assert checked.scenario is not None, "a broken French file does not stop the English game"
    assert translate(checked.scenario, "fr").meta.title == checked.scenario.meta.title


def test_a_translation_file_is_not_listed_as_a_scenario_of_its_own():
    files = {e.path.name for e in discover([BUILTIN_DIR])}
    assert "default.yaml" in files and not any(is_translation_file(Path(f)) for f in files)


def test_an_override_reads_its_base_translation_for_what_it_does_not_change():
    s = check_file(BUILTIN_DIR / "examples" / "harsher_grid" / "harsher_grid.yaml").scenario
    fr = translate(s, "fr")
    default_fr = translate(check_file(BUILTIN_DIR / "default.yaml").scenario, "fr")
    inherited = next(e for e in fr.events if e.id == "podcasting_bro")
    assert inherited.title == next(e for e in default_fr.events if e.id == "podcasting_bro").title
    own = next(e for e in fr.events if e.id == "grid_queue")
    assert own.title == "La file de raccordement"


def test_a_mod_listed_from_the_cache_shows_its_french_title(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    folder = tmp_path / "mods" / "lab"
    shutil.copytree(BUILTIN_DIR / "examples" / "european_lab", folder)
    first = [e for e in discover(mods=[tmp_path / "mods"]) if e.id == "european_lab" and e.mod]
    again = [e for e in discover(mods=[tmp_path / "mods"]) if e.id == "european_lab" and e.mod]
    assert first and again
    assert again[0]._scenario is None, "listed from the cache, not read again"
    assert again[0].in_language("fr").meta.title == "Un laboratoire européen sobre, 2025-2028"
    assert again[0].in_language("en").meta.title == first[0].meta.title
    assert again[0].in_language("fr").scenario.events[0].title != first[0].scenario.events[0].title


def test_the_game_loads_a_scenario_in_the_language_in_use(monkeypatch):
    """The command line (and the terminal game) read the scenario in the player's language;
    the id, the figures and the rules are the same in every language."""
    import argparse

    from game.cli import common
    from game.text import catalog

    monkeypatch.setattr(catalog, "language", lambda: "fr")
    args = argparse.Namespace(scenario="the_burn", mods=[])
    fr = common.load_scenario(args)
    monkeypatch.setattr(catalog, "language", lambda: "en")
    en = common.load_scenario(args)
    assert (fr.meta.id, fr.meta.title, en.meta.title) == ("the_burn", "Le rythme des dépenses", "The burn")
    assert {k: f.value for k, f in fr.constants.items()} == {k: f.value for k, f in en.constants.items()}
    assert fr.constants["campus_build_quarters"].assumption != en.constants["campus_build_quarters"].assumption
    assert scenario_hash(fr) == scenario_hash(en)


def _figures_of(x) -> list[Figure]:
    return [v for v in (getattr(x, n) for n in type(x).model_fields) if isinstance(v, Figure)]


ENGLISH_WORDS = re.compile(r"\b(the|and|of|assumption|reported|autumn|spring|early|press|study|statement)\b|\$B")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_in_french_every_source_a_player_reads_is_french(path: Path):
    """The sources screen, the cards and the debrief quote each figure's and card's source (the
    build-out's backers and the industry's rivals too): in French, outlets keep their names and
    the rest is French (the message lists what is not)."""
    s = translate(check_file(path).scenario, "fr")
    sources = [h.source for h in s.history + s.reported_plays]
    sources += [x.source for x in [*s.deals, *s.products, *s.campus_sites, *s.events]]
    sources += [getattr(s.hq_actions, n).source for n in ("operations", "safety_review", "launch_model")]
    figures = [*s.start.values(), *s.constants.values(), *s.ask_ladder]
    if s.buildout is not None:
        sources += [s.buildout.source] + [b.source for b in s.buildout.backers]
        figures += _figures_of(s.buildout) + [f for b in s.buildout.backers for f in _figures_of(b)]
    if s.industry is not None:
        sources += [r.source for r in s.industry.rivals]
        figures += [*s.industry.constants.values()] + [f for r in s.industry.rivals for f in _figures_of(r)]
    for f in figures:
        sources += [t for t in (f.source, f.assumption, f.derived) if t]
    english = []
    for text in sources:
        body = re.sub(r"«[^»]*»|\([a-z_, ]+\)|New York Times|Wall Street Journal|Financial Times", "", text)
        body = re.sub(r"^(assumption|derived): ", "", body)
        if ENGLISH_WORDS.search(body):
            english.append(text)
    assert not english, f"{path.name}: sources still in English in French: {english}"


def test_the_build_out_and_the_industry_read_in_french_by_backer_space_and_rival_id():
    """The build-out's title, its backers (keyed by the space where they are met) and the
    industry's rivals (by id) and constants' reasons come from the French file; their figures
    keep their values."""
    s = check_file(BUILTIN_DIR / "default.yaml").scenario
    fr = translate(s, "fr")
    assert fr.buildout.title != s.buildout.title
    gulf = next(b for b in fr.buildout.backers if b.space == "abu_dhabi")
    assert gulf.name != next(b for b in s.buildout.backers if b.space == "abu_dhabi").name
    assert gulf.pledge_share.value == 0.05 and "vingtième" in gulf.pledge_share.assumption
    assert fr.industry.rivals[0].name != s.industry.rivals[0].name
    ratio = fr.industry.constants["query_energy_ratio"].source
    assert "automne 2024" in ratio and f"«{NBSP}" in ratio, "a reported constant is cited in French"
    assert fr.industry.constants["chip_lot_m"].assumption != s.industry.constants["chip_lot_m"].assumption
    assert scenario_hash(fr) == scenario_hash(s)


def test_validate_names_a_backer_or_a_rival_the_scenario_does_not_have(tmp_path):
    path = _bilingual(tmp_path, FR_HEADER + (
        "buildout:\n  backers:\n    abudhabi:\n      name: Les fonds du Golfe\n"
        "industry:\n  rivals:\n    search_gaint:\n      name: Le géant\n"
    ), languages="[]")
    report = [str(p) for p in check_file(path).report]
    fr = tmp_path / "lab.fr.yaml"
    assert any(line.startswith(f"{fr}:6:5: warning: buildout.backers.abudhabi: the scenario has no backer at "
                               '"abudhabi" (did you mean "abu_dhabi"?)') for line in report), report
    assert any(line.startswith(f"{fr}:10:5: warning: industry.rivals.search_gaint: the scenario has no rival "
                               '"search_gaint" (did you mean "search_giant"?)') for line in report), report


def test_validate_warns_at_the_line_of_a_backer_or_a_rival_left_without_french(tmp_path):
    """A scenario that declares French and whose French file stops before the build-out and the
    industry gets a warning at each backer's and rival's line, naming the key to add."""
    path = _bilingual(tmp_path, FR_HEADER + "meta:\n  title: Le labo\n")
    report = "\n".join(str(p) for p in check_file(path).report)
    name_line = DEFAULT_TEXT.splitlines().index("      name: Gulf state funds") + 2  # one line added above it
    assert (f"{path}:{name_line}:7: warning: buildout.backers.0.name: no fr text: the scenario declares fr "
            "(meta.languages); add buildout.backers.abu_dhabi.name to lab.fr.yaml") in report, report
    assert "add industry.rivals.search_giant.name to lab.fr.yaml" in report
    assert "add industry.constants.chip_lot_m to lab.fr.yaml" in report
