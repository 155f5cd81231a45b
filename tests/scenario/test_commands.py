"""The validate and schema commands: output format, exit codes, playtest, JSON Schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from game.cli import schema_cmd, validate_cmd
from game.scenario.json_schema import schema_of
from game.scenario.registry import BUILTIN_DIR

from .helpers import DEFAULT_TEXT, write

BROKEN = Path(__file__).parent / "broken"


def run(module, argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    module.register(parser.add_subparsers())
    return parser.parse_args(argv).func(parser.parse_args(argv))


def test_validate_exits_0_on_a_clean_file_and_says_so(capsys):
    assert run(validate_cmd, ["validate", str(BUILTIN_DIR / "default.yaml")]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "no problems" in out.err


def test_validate_exits_1_and_prints_one_line_per_problem(capsys):
    assert run(validate_cmd, ["validate", str(BROKEN / "negative_cost.yaml")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{BROKEN / 'negative_cost.yaml'}:12:5: error: replace_deals[tsmc_capacity].cost_busd: must be at least 0 (got -3)"
    ]


def test_validate_exits_2_on_a_path_that_does_not_exist(capsys, tmp_path):
    assert run(validate_cmd, ["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_warnings_alone_exit_0_but_fail_with_strict(tmp_path, capsys):
    f = write(
        tmp_path,
        "w.yaml",
        DEFAULT_TEXT.replace("effects: {valuation_pct: -3}\n", "effects: {}\n", 1),
    )
    assert run(validate_cmd, ["validate", str(f)]) == 0
    assert ": warning: " in capsys.readouterr().out
    assert run(validate_cmd, ["validate", "--strict", str(f)]) == 1


def test_a_playtest_runs_only_after_a_clean_validation(capsys):
    assert (
        run(validate_cmd, ["validate", "--playtest", "4", str(BROKEN / "negative_cost.yaml")]) == 1
    )
    assert "playtest skipped" in capsys.readouterr().err


def test_a_playtest_warns_when_nobody_can_win(tmp_path, capsys):
    text = DEFAULT_TEXT.replace(
        "revenue_busd_per_year: {gte: 12}", "revenue_busd_per_year: {gte: 12000}"
    )
    f = write(tmp_path, "hard.yaml", text)
    assert run(validate_cmd, ["validate", "--playtest", "3", str(f)]) == 0
    assert "it may be impossible to win" in capsys.readouterr().out


def test_a_playtest_warns_when_even_random_play_always_wins(tmp_path, capsys):
    text = DEFAULT_TEXT.replace(
        "        own_chips_m: {gte: 1.2}\n        power_gw_online: {gte: 3}\n        revenue_busd_per_year: {gte: 12}",
        "        turn: {gte: 1}",
    )
    f = write(tmp_path, "easy.yaml", text)
    assert run(validate_cmd, ["validate", "--playtest", "3", str(f)]) == 0
    assert "won whatever the player does" in capsys.readouterr().out


def test_a_playtest_warns_when_most_games_end_before_half_time(tmp_path, capsys):
    f = write(
        tmp_path,
        "short.yaml",
        DEFAULT_TEXT.replace("when: {trust: {lte: 0}}", "when: {turn: {gte: 4}}"),
    )
    run(validate_cmd, ["validate", "--playtest", "3", str(f)])
    assert "ended before half the calendar" in capsys.readouterr().out


def test_schema_prints_the_scenario_json_schema(capsys):
    assert run(schema_cmd, ["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["properties"]["meta"]["$ref"] == "#/$defs/Meta"
    effects = schema["$defs"]["Effects"]
    assert effects["additionalProperties"] is False and "scrutiny" in effects["properties"]


def test_every_reference_in_every_schema_resolves():
    for kind in ("scenario", "override", "mod", "any"):
        schema = schema_of(kind)
        text = json.dumps(schema)
        for ref in {r.split('"')[0] for r in text.split('"$ref": "#/$defs/')[1:]}:
            assert ref in schema.get("$defs", {}), (kind, ref)


@pytest.mark.parametrize("kind", ["override", "mod", "any"])
def test_schema_writes_other_kinds_to_a_file(tmp_path, kind):
    out = tmp_path / f"{kind}.json"
    assert run(schema_cmd, ["schema", "--kind", kind, "-o", str(out)]) == 0
    assert json.loads(out.read_text())["title"].startswith("Seven Trillion")


def test_every_field_of_every_part_has_a_description():
    from game.scenario.docs import SCENARIO_PARTS
    from game.scenario.mods import ModManifest
    from game.scenario.overrides import HqPatch, MetaPatch, ScenarioOverride

    for model in [*SCENARIO_PARTS, ScenarioOverride, MetaPatch, HqPatch, ModManifest]:
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"


def test_every_track_has_a_line_of_help():
    from game.model.tracks import TRACKS
    from game.scenario.vocab import TRACK_HELP

    assert set(TRACK_HELP) == set(TRACKS)
