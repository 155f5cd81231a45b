"""Cross-reference errors and suspicious-content warnings, each read like a rule."""

from __future__ import annotations

import copy

from game.model.tracks import EFFECT_KEYS
from game.scenario.schema import CONDITION_WORDS

from .helpers import check_data, messages


def events_by_id(data: dict) -> dict:
    return {e["id"]: e for e in data["events"]}


def test_the_default_campaign_has_no_problem(default_data):
    assert messages(check_data(default_data)) == []


def test_misspelt_track_in_an_effect_suggests_the_right_name(default_data):
    default_data["events"][0]["effects"] = {"credibilty": 1}
    assert messages(check_data(default_data)) == [
        'events.0.effects.credibilty: unknown effect "credibilty" (did you mean "credibility"?); '
        f"the effects are: {', '.join(EFFECT_KEYS)}"
    ]


def test_an_effect_on_a_computed_track_says_why_it_cannot_be_changed(default_data):
    default_data["events"][0]["effects"] = {"revenue_busd_per_year": 1}
    assert "the model computes it every quarter" in messages(check_data(default_data))[0]


def test_a_space_written_as_its_name_suggests_its_id(default_data):
    default_data["deals"][0]["space"] = "abu_dhabi_"
    assert messages(check_data(default_data)) == [
        'deals.0.space: unknown space "abu_dhabi_" (did you mean "abu_dhabi"?)'
    ]


def test_a_goal_on_an_unknown_track_is_an_error_with_a_suggestion(default_data):
    default_data["goals"]["win"][0]["when"] = {"powr_gw_online": {"gte": 3}}
    assert messages(check_data(default_data)) == [
        'goals.win.0.when.powr_gw_online: unknown condition "powr_gw_online" (did you mean "power_gw_online"?); '
        f"the conditions are: {', '.join(CONDITION_WORDS)}"
    ]


def test_every_unknown_key_of_a_card_is_reported_at_once(default_data):
    default_data["events"][0]["effects"] = {"cashh": 1, "trusst": 1}
    default_data["events"][1]["when"] = {"yeer": 2024}
    assert len(messages(check_data(default_data))) == 3


def test_a_missing_constant_is_named(default_data):
    del default_data["constants"]["capex_busd_per_gw"]
    assert messages(check_data(default_data)) == [
        'constants: missing constant "capex_busd_per_gw" (copy them from scenarios/default.yaml)'
    ]


def test_a_start_value_outside_its_scale_is_an_error(default_data):
    default_data["start"]["credibility"]["value"] = 12
    assert messages(check_data(default_data)) == [
        "start.credibility.value: credibility runs from 0 to 10; 12 is outside it"
    ]


def test_two_campus_sites_at_one_space_are_an_error(default_data):
    default_data["campus_sites"].append(copy.deepcopy(default_data["campus_sites"][0]))
    assert "already has a campus site" in messages(check_data(default_data))[0]


def test_a_card_that_can_never_be_drawn_is_a_warning(default_data):
    default_data["events"][0]["when"] = {"trust": {"gte": 8, "lt": 5}}
    assert messages(check_data(default_data), "warning") == [
        "events.0.when.trust: this card can never be drawn: trust must be at least 8 and below 5, "
        "but trust runs from 0 to 10"
    ]


def test_a_card_at_a_space_no_route_reaches_can_never_be_drawn(default_data):
    default_data["board"]["routes"] = [
        r for r in default_data["board"]["routes"] if "tokyo" not in r
    ]
    warnings = messages(check_data(default_data), "warning")
    assert 'board.spaces.3.id: no route leads to "tokyo" from where the CEO starts' in warnings
    assert any("nuclear_pitch" not in w and "can never be drawn" in w for w in warnings)
    assert any("this deal can never be signed" in w for w in warnings)


def test_a_track_no_card_touches_is_a_warning(default_data):
    for e in default_data["events"]:
        for part in [e, *e.get("choices", [])]:
            part.get("effects", {}).pop("trust", None)
    assert "events: no card changes trust: the deck never moves it" in messages(
        check_data(default_data), "warning"
    )


def test_a_goal_on_power_with_nothing_that_gives_power_is_a_warning(default_data):
    for d in default_data["deals"]:
        d.pop("delayed", None)
    for e in default_data["events"]:
        for part in [e, *e.get("choices", [])]:
            part.get("effects", {}).pop("power_gw_online", None)
    warnings = messages(check_data(default_data), "warning")
    assert (
        "goals.win.0.when.power_gw_online: this goal can never be reached: "
        "nothing in the scenario raises power_gw_online"
    ) in warnings


def test_an_ending_that_holds_at_the_start_is_a_warning(default_data):
    default_data["goals"]["lose"][0]["when"] = {"cash_busd": {"lt": 10}}
    assert messages(check_data(default_data), "warning") == [
        "goals.lose.0.when: this holds at the start: the game is lost after the first quarter"
    ]


def test_a_card_that_changes_nothing_is_a_warning(default_data):
    default_data["events"][0]["effects"] = {}
    assert messages(check_data(default_data), "warning") == [
        "events.0: this card changes nothing when it is drawn"
    ]


def test_two_choices_that_do_the_same_are_a_warning(default_data):
    card = events_by_id(default_data)["scaled_back_ambition"]
    card["choices"][1]["effects"] = dict(card["choices"][0]["effects"])
    assert messages(check_data(default_data), "warning") == [
        "events.3.choices.1: this choice does exactly what choice 0 does"
    ]


def test_an_ask_ladder_that_does_not_climb_is_a_warning(default_data):
    default_data["ask_ladder"][2]["value"] = 2
    assert messages(check_data(default_data), "warning") == [
        "ask_ladder.2.value: the ladder should climb: 2 $B comes after 6.5 $B"
    ]


def test_a_scripted_card_may_have_a_condition_that_never_holds(default_data):
    card = events_by_id(default_data)["podcasting_bro"]
    card["when"] = {"year": {"gte": 2040}}
    default_data["script"] = [{"quarter": "2024Q2", "event": "podcasting_bro"}]
    assert messages(check_data(default_data)) == []


def test_a_learning_goal_may_name_the_lesson_the_debrief_answers_it_with(default_data):
    goal = "Understand why energy, not ideas, limits growth."
    default_data["meta"]["learning_goals"] = [goal, {"goal": goal, "lesson": "roads"}]
    checked = check_data(default_data)
    assert messages(checked) == []
    assert checked.scenario.meta.goal_texts == [goal, goal]
    assert checked.scenario.meta.goal_themes == ["energy", "roads"]


def test_a_misspelt_lesson_theme_suggests_the_right_one(default_data):
    default_data["meta"]["learning_goals"] = [{"goal": "Power.", "lesson": "enrgy"}]
    [message] = messages(check_data(default_data))
    assert message.startswith('meta.learning_goals.0.lesson: "enrgy" is not one of: burn, inference,')
    assert message.endswith('(did you mean "energy"?)')


def test_a_learning_goal_no_lesson_reads_is_a_warning_naming_the_themes(default_data):
    default_data["meta"]["learning_goals"].append("Learn to pour tea gracefully.")
    i = len(default_data["meta"]["learning_goals"]) - 1
    [message] = messages(check_data(default_data), "warning")
    assert message.startswith(f"meta.learning_goals.{i}: no lesson theme matches this goal's words")
    assert "lesson: THEME" in message and "roads" in message


def test_a_learning_goal_that_is_neither_text_nor_a_mapping_says_both_are_allowed(default_data):
    default_data["meta"]["learning_goals"] = [5]
    assert messages(check_data(default_data)) == [
        'meta.learning_goals.0: expected text, or a mapping of fields ("key: value" lines), got 5'
    ]
