"""Facts kept apart from fiction: every reported figure names its outlet, date and article, every
card says whether it is history or a what-if, and dated cards come in their quarter."""

from __future__ import annotations

import pytest

from game.cli.validate_cmd import validate_paths
from game.scenario.registry import BUILTIN_DIR, check_file, discover
from game.scenario.schema import Figure, quarter_index, reported_articles, source_kind

from .helpers import DEFAULT_DATA, check_data, messages, write


def _scenarios():
    for entry in discover():
        if entry.scenario is not None:
            yield entry.id, entry.scenario


def _figures(s):
    yield from (("start." + k, f) for k, f in s.start.items())
    yield from (("constants." + k, f) for k, f in s.constants.items())
    yield from ((f"ask_ladder.{i}", f) for i, f in enumerate(s.ask_ladder))
    for sp in s.board.spaces:
        if sp.pitch:
            for name in ("appetite", "scrutiny_on_success", "ridicule"):
                yield f"{sp.id}.{name}", getattr(sp.pitch, name)
    for p in s.products:
        yield f"products.{p.id}", p.running_cost_busd_per_quarter
    if s.industry is not None:
        yield from (("industry.constants." + k, f) for k, f in s.industry.constants.items())
        for r in s.industry.rivals:
            for name in ("chips_m_per_quarter", "chips_growth_pct", "grid_gw_per_quarter", "grid_growth_pct"):
                yield f"industry.rivals.{r.id}.{name}", getattr(r, name)


# ---------------------------------------------------------------------------- reported figures


@pytest.mark.parametrize(
    ("source", "lack"),
    [
        ("New York Times (via B)", "names no date"),
        ("autumn 2024 (via B)", "names no outlet"),
        ("2024, New York Times", "names no outlet"),
    ],
)
def test_a_reported_source_names_its_outlet_and_date(default_data, source, lack):
    default_data["constants"]["capex_busd_per_gw"] = {"value": 20, "source": source}
    found = messages(check_data(default_data), "error")
    assert len(found) == 1
    assert found[0].startswith("constants.capex_busd_per_gw: source: a reported source " + lack)
    assert "assumption: why" in found[0]  # and says how to fix it


def test_a_figure_without_an_outlet_is_refused_at_its_line_and_column(tmp_path):
    f = write(
        tmp_path,
        "v.yaml",
        "format_version: 1\nextends: default\nmeta:\n  id: vague\nconstants:\n"
        "  capex_busd_per_gw:\n    value: 25\n    source: a newspaper\n",
    )
    [problem] = check_file(f).report.problems
    assert (problem.line, problem.severity) == (6, "error")  # the figure that has it
    assert "names no date" in problem.message


def test_every_shipped_reported_figure_and_card_names_its_article():
    for sid, s in _scenarios():
        for where, fig in _figures(s):
            if fig.kind == "reported":
                assert reported_articles(fig.source), f"{sid}: {where}"
        for card in s.events:
            if card.truth == "reported":
                assert card.article, f"{sid}: {card.id}"
        for text in [d.source for d in s.deals] + [c.source for c in s.campus_sites]:
            if source_kind(text) == "reported":
                assert reported_articles(text), f"{sid}: {text}"


def test_designer_numbers_are_not_shown_as_reported():
    s = next(s for sid, s in _scenarios() if sid == "default")
    for key in (
        "away_trust_loss",
        "safety_debt_per_away_quarter",
        "incident_chance_per_away_quarter",
        "incident_trust",
        "pitch_scrutiny_weight",
        "train_cost_start_year",
    ):
        assert s.constants[key].kind == "assumption", key
    assert s.start["valuation_busd"].kind == "assumption"  # 150 $B is the autumn round's, not January's
    for sp in s.board.spaces:
        if sp.pitch:
            for name in ("appetite", "scrutiny_on_success", "ridicule"):
                assert getattr(sp.pitch, name).kind != "reported", (sp.id, name)
    rung = next(f for f in s.ask_ladder if f.value == 100)
    assert rung.kind == "assumption"  # a data centre's cost, never an ask anyone made


def test_the_history_says_the_round_was_sought_not_raised():
    for sid, s in _scenarios():
        for point in s.history:
            assert "raised_busd" not in point.tracks, sid


def test_a_figure_says_its_kind_with_its_origin():
    assert Figure(value=1, source="New York Times, autumn 2024 (via B)").origin().startswith("reported: ")
    assert Figure(value=1, assumption="why").kind == "assumption"
    assert source_kind("derived: a / b") == "derived"


# ---------------------------------------------------------------------------- cards


def test_every_card_says_whether_it_is_history_or_fiction():
    for sid, s in _scenarios():
        for card in s.events:
            assert card.truth in ("reported", "fiction"), (sid, card.id)
            if card.truth == "reported":
                assert card.articles and set(card.articles) <= set(reported_articles(card.source)), (sid, card.id)
            else:
                assert source_kind(card.source) == "assumption", (sid, card.id)


def test_a_card_without_its_tag_is_refused_and_told_how_to_fix_it(default_data):
    default_data["events"][0].pop("truth")
    [found] = messages(check_data(default_data), "error")
    assert found.startswith('events.0.truth: "truth" is missing')
    assert "fiction" in found and "reported" in found


def test_a_reported_card_names_an_article_its_source_cites(default_data):
    card = next(e for e in default_data["events"] if e["id"] == "mgx_calls")
    card["article"] = "B"  # the source cites C
    [found] = messages(check_data(default_data), "error")
    assert "article B is not among the articles the source names (via C)" in found


def test_a_fiction_card_gives_its_reason_as_an_assumption(default_data):
    card = next(e for e in default_data["events"] if e["id"] == "viral_moment")
    card["source"] = "New York Times, 2024 (via B)"
    [found] = messages(check_data(default_data), "error")
    assert "assumption: why" in found


def test_no_reported_card_keeps_the_invented_claims():
    words = ("now on the market", "widely shared report", "floats a plan", "43 $B each", "finds emirati")
    for sid, s in _scenarios():
        for card in s.events:
            if card.truth == "reported":
                text = card.text.lower()
                assert not any(w.lower() in text for w in words), (sid, card.id)


def test_keeping_the_trillion_vision_does_not_pay_off():
    s = next(s for sid, s in _scenarios() if sid == "default")
    card = next(e for e in s.events if e.id == "scaled_back_ambition")
    keep = next(c for c in card.choices if "Keep" in c.label)
    assert keep.effects.root.get("valuation_pct", 0) <= 0 and keep.effects.root.get("credibility", 0) < 0


# ---------------------------------------------------------------------------- causes and dates


def _allowed_quarters(s, card) -> list[str]:
    from tests.scenario.test_shipped_scenarios import _calendar_allows

    start = quarter_index(s.calendar.start)
    out = []
    for turn in range(s.calendar.turns):
        q = start + turn
        if _calendar_allows(card.when, q // 4, q % 4 + 1, turn):
            out.append(f"{q // 4}Q{q % 4 + 1}")
    return out


def test_the_card_dated_7_february_2024_comes_only_in_that_quarter():
    for sid, s in _scenarios():
        for card in s.events:
            if card.text.startswith("7 February 2024"):
                assert _allowed_quarters(s, card) == ["2024Q1"], (sid, card.id)


def test_cards_from_the_autumn_2024_articles_wait_for_the_autumn():
    for sid, s in _scenarios():
        for card in s.events:
            if card.truth == "reported" and "autumn 2024" in card.source:
                allowed = _allowed_quarters(s, card)
                assert all(q >= "2024Q3" for q in allowed), (sid, card.id, allowed)


def test_the_march_mgx_talks_come_in_the_first_half_of_2024():
    for sid, s in _scenarios():
        card = next((e for e in s.events if e.id == "mgx_calls"), None)
        if card is not None:
            assert set(_allowed_quarters(s, card)) <= {"2024Q1", "2024Q2"}, sid


@pytest.mark.parametrize(
    ("card_id", "cause"),
    [
        ("tokyo_laughter", ("at", "tokyo")),
        ("nuclear_pitch", ("at", "tokyo")),
        ("uae_fabs_43", ("at", "abu_dhabi")),
        ("congress_questions", ("signed", "uae_campus_power")),
    ],
)
def test_a_reaction_card_needs_the_action_that_causes_it(card_id, cause):
    card = next(e for e in DEFAULT_DATA["events"] if e["id"] == card_id)
    assert card["when"][cause[0]] == cause[1]


# ---------------------------------------------------------------------------- beyond the articles


def test_every_campaign_says_the_years_after_2024_are_projections():
    for sid, s in _scenarios():
        if quarter_index(s.calendar.end) >= quarter_index("2025Q1"):
            assert "projection" in s.meta.summary, sid


def test_the_shipped_scenarios_validate_without_errors():
    assert validate_paths([BUILTIN_DIR]).report.errors == []


# ---------------------------------------------------------------------------- what the player sees


def test_the_text_game_shows_whether_a_card_is_history_or_fiction():
    from game.cli.text_game import render_card
    from game.core.session import Game

    s = next(s for sid, s in _scenarios() if sid == "default")
    seen = set()
    for seed in range(40):
        g = Game(s, seed)
        if g.card is None:
            continue
        text = render_card(g)
        if g.card.truth == "reported":
            assert f"reported in article {', '.join(g.card.articles)}" in text
        else:
            assert "Fiction" in text
        seen.add(g.card.truth)
    assert seen  # some card was dealt


def test_the_sources_screen_lists_each_figure_s_kind_and_each_card_s_tag():
    from game.ui.scenes.sources import source_rows

    s = next(s for sid, s in _scenarios() if sid == "default")
    rows = source_rows(s)
    sections = [r[0] for r in rows]
    assert sections[0] == "The five articles" and "Beyond the articles" in sections
    for section, _, _, origin in rows:
        if section in ("Starting figures", "The ask ladder", "The model's constants", "Deals"):
            assert origin.split(":")[0] in ("Reported", "Derived", "Assumption"), origin
        if section == "Event cards":
            assert origin.startswith(("History: reported in article", "Fiction")), origin


def test_facts_md_lists_every_reported_card_and_figure_of_the_shipped_scenarios():
    facts = (BUILTIN_DIR.parent / "FACTS.md").read_text(encoding="utf-8")
    missing = []
    for sid, s in _scenarios():
        for card in s.events:
            if card.truth == "reported" and f"`{card.id}`" not in facts:
                missing.append(f"{sid}: card {card.id}")
        for where, fig in _figures(s):
            if fig.kind == "reported" and where.startswith(("start.", "constants.", "industry.")) and f"`{where}`" not in facts:
                missing.append(f"{sid}: figure {where}")
    assert missing == []
