"""The debrief speaks of the scenario it describes: its questions, its comparisons, its dates."""

from __future__ import annotations

import re

import pytest

from game.classroom import charts
from game.classroom.debrief import build_debrief, comparison_bot
from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.sim.driver import play_game

EUROPEAN_LAB = BUILTIN_DIR / "examples" / "european_lab" / "european_lab.yaml"


@pytest.fixture(scope="module")
def lab_game():
    s = load_scenario_file(EUROPEAN_LAB)
    return play_game(Game(s, s.meta.seed), "planner")


@pytest.fixture(scope="module")
def lab_debrief(lab_game):
    return build_debrief(lab_game, worlds=50, bot_worlds=10)


@pytest.fixture(scope="module")
def burn_debrief(planner_game):
    return build_debrief(planner_game, worlds=50, bot_worlds=10)


def test_a_mod_s_debrief_asks_its_own_questions(lab_game, lab_debrief):
    own = {" ".join(q.question.split()) for q in lab_game.scenario.debrief.questions}
    asked = {lesson.question for lesson in lab_debrief.lessons} | set(lab_debrief.questions)
    assert own <= asked
    assert not any("7,000" in q for q in asked)


def test_without_a_debrief_section_no_question_names_an_ask_beyond_the_ladder(lab_game):
    s = lab_game.scenario.model_copy(update={"debrief": type(lab_game.scenario.debrief)()})
    d = build_debrief(Game.replay(s, lab_game.seed, lab_game.actions), worlds=0, compare_bots=())
    biggest = max(a.value for a in s.ask_ladder)
    for lesson in d.lessons:
        for amount in re.findall(r"([\d,.]+) \$B", lesson.question):
            assert float(amount.replace(",", "")) <= biggest, lesson.question


def test_no_bot_is_drawn_beside_a_scenario_that_asks_for_none(lab_debrief):
    assert comparison_bot(load_scenario_file(EUROPEAN_LAB)) is None
    assert lab_debrief.reference_bot is None
    assert all(not ts.reference for ts in lab_debrief.series.values())


def test_the_historical_bot_is_drawn_where_the_scenario_reports_what_the_lab_did(burn, burn_debrief):
    assert burn.reported_plays and burn_debrief.reference_bot == "historical"
    assert burn_debrief.reference_label == burn.debrief.comparison


def test_reported_marks_carry_their_date(burn_debrief):
    marks = [p for ts in burn_debrief.series.values() for p in ts.reported]
    assert marks and all(p.when == "autumn 2024" for p in marks)  # the_burn's history is 2024Q4


def test_revenue_and_spending_are_both_counted_over_the_last_four_quarters(planner_game, burn_debrief):
    quarters = [q.tracks for q in planner_game.quarters if q.tracks]
    for key, quarterly in (("revenue_busd_per_year", "q_revenue_busd"), ("spend_busd_per_year", "q_spend_busd")):
        values = burn_debrief.series[key].values
        assert values[0] == pytest.approx(planner_game.scenario.start[key].value)
        last_four = sum(q[quarterly] for q in quarters[-4:])
        assert values[-1] == pytest.approx(last_four, abs=1e-3)


def test_a_panel_with_nothing_of_the_team_s_to_show_is_left_out(burn_debrief, tmp_path, monkeypatch):
    drawn = []
    monkeypatch.setattr(charts, "plot_power", lambda ax, d: drawn.append(d))
    assert not charts.has_energy(burn_debrief)  # the planner builds no power in The burn
    charts.debrief_charts(burn_debrief, tmp_path)
    assert drawn == []


def test_a_team_whose_game_ended_early_is_not_told_strategy_or_luck(burn):
    # a random bot's game that ends before the calendar does
    for seed in range(1, 40):
        game = play_game(Game(burn, seed), "random")
        if game.over and len(game.quarters) < 8:
            break
    else:
        pytest.skip("no early ending among these seeds")
    d = build_debrief(game, worlds=200, compare_bots=(), reference_bot=None)
    if d.worlds.share_of("still_playing") == 0:
        pytest.skip("every world ended by then")
    assert "Strategy and luck" not in d.worlds.verdict and "Mostly" not in d.worlds.verdict
    assert d.worlds.last_quarter in d.worlds.verdict


def test_the_compute_lesson_cites_the_articles_not_a_share_of_revenue(burn_debrief):
    (compute,) = [lesson for lesson in burn_debrief.lessons if lesson.theme == "inference"]
    assert "New York Times" in compute.evidence and "nss magazine" in compute.evidence
    assert "of it)" not in compute.evidence  # no more "serving queries cost N% of the revenue"


def test_a_mod_about_another_lab_is_not_told_the_real_lab_s_figures(lab_debrief):
    (compute,) = [lesson for lesson in lab_debrief.lessons if lesson.theme == "inference"]
    assert "New York Times" not in compute.evidence
    assert not re.search(r"(?<![\d.,])7 \$B", compute.evidence)  # the real lab's 7 $B a year, not 1.7 $B
