"""Bad files get one clear message each, and the game keeps going with the other scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.document import MAX_BYTES, MAX_DEPTH
from game.scenario.loader import check_scenario_text, load_scenario_file, parse_scenario_text
from game.scenario.registry import check_file, discover
from game.scenario.report import ScenarioError

from .helpers import DEFAULT_TEXT, write


def only_error(checked) -> str:
    assert checked.scenario is None
    errors = checked.report.errors
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0].message


def test_text_that_is_not_yaml_says_so_with_the_line():
    c = check_scenario_text("meta:\n  title: [unclosed\nformat_version: 1\n", "x.yaml")
    assert only_error(c).startswith("not valid YAML")
    assert c.report.errors[0].line == 3


def test_an_empty_file_is_one_error_pointing_to_the_guide():
    assert "empty" in only_error(check_scenario_text("", "x.yaml"))
    assert "empty" in only_error(check_scenario_text("# just a comment\n", "x.yaml"))


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path):
    big = write(tmp_path, "big.yaml", "a: " + "x" * (MAX_BYTES + 10) + "\n")
    c = check_file(big)
    assert "limit" in only_error(c)


def test_a_billion_laughs_alias_bomb_is_refused_at_the_first_alias():
    bomb = "a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    c = check_scenario_text(bomb, "bomb.yaml")
    assert "aliases" in only_error(c)
    assert (c.report.errors[0].line, c.report.errors[0].column) == (2, 8)


def test_absurdly_deep_nesting_is_refused_without_crashing():
    deep = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert "nested" in only_error(check_scenario_text(deep, "deep.yaml"))
    deep_map = (
        "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
        + "  " * (MAX_DEPTH + 5)
        + "v\n"
    )
    assert "nested" in only_error(check_scenario_text(deep_map, "deep.yaml"))


def test_python_tags_are_refused():
    c = check_scenario_text("format_version: !!python/object:os.system {}\n", "x.yaml")
    assert "tags" in only_error(c)


def test_a_list_instead_of_a_mapping_is_one_error():
    assert "mapping of sections" in only_error(check_scenario_text("- a\n- b\n", "x.yaml"))


def test_two_documents_in_one_file_are_refused():
    assert "not valid YAML" in only_error(check_scenario_text("a: 1\n---\nb: 2\n", "x.yaml"))


def test_a_newer_format_version_is_refused_with_advice():
    text = DEFAULT_TEXT.replace("format_version: 1", "format_version: 9")
    message = only_error(check_scenario_text(text, "x.yaml"))
    assert "newer than this game reads" in message and "update the game" in message


def test_an_unknown_older_format_version_says_which_one_the_game_reads():
    text = DEFAULT_TEXT.replace("format_version: 1", "format_version: 0")
    assert "format_version must be 1" in only_error(check_scenario_text(text, "x.yaml"))


def test_wrong_types_are_all_reported_with_what_was_found():
    text = DEFAULT_TEXT.replace("length_minutes: 60", "length_minutes: an hour").replace(
        "  seed: 1\n", "  seed: [1]\n"
    )
    c = check_scenario_text(text, "x.yaml")
    assert [p.path for p in c.report.errors] == ["meta.length_minutes", "meta.seed"]
    assert "got 'an hour'" in c.report.errors[0].message


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path):
    b = tmp_path / "pic.yaml"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "binary" in only_error(check_file(b))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert "UTF-8" in only_error(check_file(latin))


def test_a_key_written_twice_is_an_error_not_a_silent_overwrite():
    text = DEFAULT_TEXT.replace(
        "  length_minutes: 60\n", "  length_minutes: 60\n  length_minutes: 45\n"
    )
    c = check_scenario_text(text, "x.yaml")
    assert "appears twice" in only_error(c)


def test_infinite_and_not_a_number_values_are_refused():
    text = DEFAULT_TEXT.replace("effects: {credibility: -1}\n", "effects: {credibility: .inf}\n", 1)
    assert "ordinary number" in only_error(check_scenario_text(text, "x.yaml"))


def test_load_and_parse_raise_scenario_error_with_every_problem():
    with pytest.raises(ScenarioError) as e:
        parse_scenario_text("format_version: 1\nmeta: {}\n", "x.yaml")
    assert len(e.value.problems) > 3


def test_one_broken_scenario_does_not_stop_the_others_loading(tmp_path: Path):
    write(tmp_path, "a_good.yaml", DEFAULT_TEXT)
    write(tmp_path, "b_bad.yaml", "not: [valid\n")
    write(tmp_path, "c_empty.yaml", "")
    entries = discover([tmp_path], mods=[])
    assert [(e.path.name, e.scenario is not None) for e in entries] == [
        ("a_good.yaml", True),
        ("b_bad.yaml", False),
        ("c_empty.yaml", False),
    ]
    assert load_scenario_file(tmp_path / "a_good.yaml").meta.id == "default"
