"""A yes/no is not a number, a suggested id is a valid id, and a duplicated id is reported once."""

from __future__ import annotations

import copy
import re

import pytest

from game.scenario.loader import check_scenario_text, suggest_id
from game.scenario.registry import BUILTIN_DIR, scenario_files
from game.scenario.schema import ID_PATTERN

from .helpers import DEFAULT_TEXT, check_data, messages

YES_NO = "expected a number, got {} (a yes/no value)"


# ---------------------------------------------------------------- yes/no where a number goes


def test_yes_where_a_whole_number_goes_is_refused_not_read_as_1():
    text = DEFAULT_TEXT.replace("  travel_attention: 1\n", "  travel_attention: yes\n", 1)
    assert text != DEFAULT_TEXT
    checked = check_scenario_text(text, "t.yaml")
    assert checked.scenario is None
    [problem] = checked.report.problems
    assert problem.path == "board.travel_attention"
    assert problem.message.startswith(YES_NO.format("true"))
    assert "write the number itself" in problem.message
    assert text.splitlines()[problem.line - 1].strip() == "travel_attention: yes"


@pytest.mark.parametrize(
    "where",
    [
        ("board", "spaces", 0, "x"),  # a float field
        ("meta", "length_minutes"),  # an int field
        ("constants", "capex_busd_per_gw", "value"),  # a figure's value
        ("deals", 0, "chance"),
        ("deals", 0, "effects", "scrutiny"),  # a number inside a mapping of effects
        ("deals", 0, "delayed", 0, "after_quarters"),
        ("history", 0, "tracks", "cash_busd"),  # a number inside a plain mapping
    ],
    ids=lambda w: ".".join(map(str, w)),
)
def test_true_or_false_is_refused_wherever_a_number_goes(default_data, where):
    node = default_data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = False
    assert messages(check_data(default_data)) == [
        ".".join(map(str, where))
        + ": "
        + YES_NO.format("false")
        + "; YAML reads yes, no, on and off as true/false: write the number itself (e.g. 1 or 0)"
    ]


def test_a_yes_no_in_a_comparison_is_refused(default_data):
    default_data["goals"]["win"][0]["when"] = {"cash_busd": {"gte": True}}
    assert messages(check_data(default_data)) == [
        "goals.win.0.when.cash_busd.gte: gte takes a number (got True)"
    ]


def test_every_yes_no_in_a_part_is_reported_at_once(default_data):
    space = default_data["board"]["spaces"][0]
    space["x"], space["y"] = True, False
    assert [m.split(":")[0] for m in messages(check_data(default_data))] == [
        "board.spaces.0.x",
        "board.spaces.0.y",
    ]


@pytest.mark.parametrize("written, read", [("2", 2), ("1.0", 1)])
def test_real_numbers_still_count_where_a_whole_number_goes(written, read):
    text = DEFAULT_TEXT.replace("  travel_attention: 1\n", f"  travel_attention: {written}\n", 1)
    checked = check_scenario_text(text, "t.yaml")
    assert checked.report.errors == []
    assert checked.scenario.board.travel_attention == read


@pytest.mark.parametrize("written, read", [("2", 2.0), ("1.5", 1.5), ("1e3", 1000.0)])
def test_real_numbers_in_any_yaml_spelling_still_count_where_a_number_goes(written, read):
    text = DEFAULT_TEXT.replace("    cost_busd: 4\n", f"    cost_busd: {written}\n", 1)
    checked = check_scenario_text(text, "t.yaml")
    assert checked.report.errors == []
    [deal] = [d for d in checked.scenario.deals if d.id == "own_chip_programme"]
    assert deal.cost_busd == read


def test_a_figure_written_as_value_and_source_still_loads(default_data):
    default_data["constants"]["capex_busd_per_gw"] = {"value": 1e3, "source": "Reuters, 2024 (via A)"}
    assert messages(check_data(default_data), "error") == []


def test_yes_and_no_still_mean_true_and_false_where_a_yes_no_goes():
    text = DEFAULT_TEXT.replace("    once: true\n", "    once: yes\n", 1)
    assert text != DEFAULT_TEXT
    assert check_scenario_text(text, "t.yaml").report.errors == []


def test_every_shipped_scenario_still_validates_clean():
    from game.cli.validate_cmd import validate_paths

    found = validate_paths([BUILTIN_DIR])
    assert found.report.errors == []
    assert found.files >= len(scenario_files([BUILTIN_DIR]))


# ---------------------------------------------------------------- suggested ids


@pytest.mark.parametrize(
    "written, suggested",
    [
        ("défaut_💰", "defaut"),
        ("Default-Mod With Spaces", "default_mod_with_spaces"),
        ("Été 2030", "ete_2030"),
        ("2030 plan", "id_2030_plan"),
        ("💰💰", None),
        ("___", None),
    ],
)
def test_an_invalid_id_gets_a_valid_suggestion_or_none(written, suggested):
    assert suggest_id(written) == suggested
    if suggested is not None:
        assert re.fullmatch(ID_PATTERN, suggested)


def test_the_message_for_an_invalid_id_never_suggests_an_invalid_one(default_data):
    default_data["meta"]["id"] = "défaut_💰"
    [message] = messages(check_data(default_data))
    assert message.endswith('starting with a letter (e.g. "defaut")')
    default_data["meta"]["id"] = "💰"
    [message] = messages(check_data(default_data))
    assert message.endswith("starting with a letter")
    assert "e.g." not in message


# ---------------------------------------------------------------- duplicated ids


def test_a_copied_space_whose_id_was_not_changed_is_one_error_naming_the_missing_id():
    text = DEFAULT_TEXT.replace("    - id: washington\n", "    - id: san_francisco\n", 1)
    assert text != DEFAULT_TEXT
    checked = check_scenario_text(text, "t.yaml")
    [problem] = [f"{p.path}: {p.message}" for p in checked.report.problems]
    assert re.fullmatch(
        r'board\.spaces\.1\.id: two spaces share the id "san_francisco"; the one named "Washington" '
        r'\(board\.spaces\.1\) should probably be "washington", which [1-9]\d* references use but no '
        r"space has",
        problem,
    )  # every route, deal and backer at Washington is a reference; their number follows the campaign


def test_a_duplicated_space_with_an_unrelated_name_lists_the_ids_nothing_has(default_data):
    spaces = default_data["board"]["spaces"]
    spaces[1]["id"], spaces[1]["name"] = "abu_dhabi", "Capitol"
    [message] = messages(check_data(default_data))
    assert message.startswith('board.spaces.2.id: two spaces share the id "abu_dhabi"; ')
    assert re.search(r'no space has the id "washington" \(\d+ references\)', message)
    assert message.endswith("should one of these have it?")


def test_references_to_a_duplicated_id_count_as_known(default_data):
    spaces = default_data["board"]["spaces"]
    spaces.append({**copy.deepcopy(spaces[2]), "name": "Abu Dhabi again"})
    assert messages(check_data(default_data), "error") == [
        'board.spaces.5.id: two spaces share the id "abu_dhabi"'
    ]


def test_an_id_shared_three_times_is_reported_once(default_data):
    spaces = default_data["board"]["spaces"]
    spaces += [copy.deepcopy(spaces[2]), copy.deepcopy(spaces[2])]
    assert messages(check_data(default_data), "error") == [
        'board.spaces.5.id: 3 spaces share the id "abu_dhabi"'
    ]


def test_an_unknown_space_is_still_reported_when_no_id_is_duplicated(default_data):
    default_data["deals"][0]["space"] = "atlantis"
    assert messages(check_data(default_data)) == ['deals.0.space: unknown space "atlantis"']


def test_a_duplicated_event_absorbs_the_script_references_it_broke(default_data):
    events = default_data["events"]
    scripted = {t["event"] for t in default_data.get("script", []) if t.get("event")}
    if not scripted:
        default_data["script"] = [{"quarter": "2024Q2", "event": events[1]["id"]}]
        scripted = {events[1]["id"]}
    victim = next(i for i, e in enumerate(events) if e["id"] in scripted)
    other = next(i for i, e in enumerate(events) if i != victim)
    events[victim]["id"] = events[other]["id"]
    found = messages(check_data(default_data), "error")
    assert len(found) == 1
    assert "two events share the id" in found[0] and "no event has the id" in found[0]



def test_a_typo_unrelated_to_a_duplicate_keeps_its_own_line():
    text = DEFAULT_TEXT.replace("    - id: washington\n", "    - id: san_francisco\n", 1)
    text = text.replace("space: tokyo", "space: tokio", 1)
    problems = check_scenario_text(text, "t.yaml").report.problems
    assert len(problems) == 2
    assert problems[0].message.startswith('two spaces share the id "san_francisco"; the one named "Washington"')
    assert '"tokio"' in problems[1].message and "did you mean" in problems[1].message
