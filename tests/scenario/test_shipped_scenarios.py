"""Every scenario the game ships validates cleanly, and the example mods play to the end."""

from __future__ import annotations

import json

import pytest

from game.cli.validate_cmd import play_worlds, validate_paths
from game.scenario.docs import BEGIN, END, reference
from game.scenario.json_schema import schema_text
from game.scenario.mods import read_mod
from game.scenario.registry import BUILTIN_DIR, REPO_ROOT, discover, scenario_files

EXAMPLES = BUILTIN_DIR / "examples"
SHIPPED = scenario_files([BUILTIN_DIR])


def test_the_shipped_scenarios_include_the_default_and_both_examples():
    names = {p.relative_to(BUILTIN_DIR).as_posix() for p in SHIPPED}
    assert {
        "default.yaml",
        "examples/harsher_grid/harsher_grid.yaml",
        "examples/european_lab/european_lab.yaml",
    } <= names


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_scenario_has_no_error_and_no_warning(path):
    found = validate_paths([path])
    assert [str(p) for p in found.report] == []
    assert len(found.scenarios) == 1


def test_the_whole_scenarios_folder_with_its_mod_manifests_is_clean():
    found = validate_paths([BUILTIN_DIR])
    assert [str(p) for p in found.report] == []


@pytest.mark.parametrize("mod", ["harsher_grid", "european_lab"])
def test_each_example_mod_has_a_valid_manifest_and_one_scenario(mod):
    m = read_mod(EXAMPLES / mod)
    assert m.problems == []
    assert m.manifest is not None and m.manifest.id == mod
    assert [p.name for p in m.files] == [f"{mod}.yaml"]


@pytest.mark.parametrize("mod", ["harsher_grid", "european_lab"])
def test_each_example_mod_is_found_by_the_game_and_plays_to_the_end_with_every_bot(mod):
    entry = next(e for e in discover() if e.id == mod)
    assert entry.scenario is not None
    for bot in ("random", "cautious", "historical", "planner"):
        result = play_worlds(entry.scenario, worlds=6, seed=3, bot_name=bot)
        assert result.worlds == 6  # every world reached an ending within the calendar


def test_the_override_example_changes_only_what_it_names():
    by_id = {e.id: e.scenario for e in discover() if e.scenario}
    base, mod = by_id["default"], by_id["harsher_grid"]
    assert mod.constants["capex_busd_per_gw"].value == 26
    assert mod.constants["query_cost_cents"] == base.constants["query_cost_cents"]
    ids = [e.id for e in mod.events]
    assert "cloud_prices_ease" not in ids and ids[-1] == "grid_queue"
    # a replaced card keeps its place in the deck
    assert ids.index("summer_heatwave") == [e.id for e in base.events].index("summer_heatwave")
    assert mod.meta.author == base.meta.author


def test_the_shipped_json_schemas_match_the_generator():
    assert (EXAMPLES / "scenario.schema.json").read_text(encoding="utf-8") == schema_text("any")
    assert (EXAMPLES / "mod.schema.json").read_text(encoding="utf-8") == schema_text("mod")
    assert (EXAMPLES / "translation.schema.json").read_text(encoding="utf-8") == schema_text("translation")
    json.loads(schema_text("scenario"))


def test_the_reference_in_modding_md_matches_the_generator():
    text = (REPO_ROOT / "MODDING.md").read_text(encoding="utf-8")
    section = text[text.index(BEGIN) : text.index(END) + len(END)] + "\n"
    assert section == reference(), "run: python -m game.scenario.docs --write MODDING.md"


# A card that tells of something reported at a date must not be drawn before the quarter of that
# date. The phrases are the dated sources the shipped cards cite after 2024Q1.
DATED_SOURCES = {"Sept 2024": "2024Q3", "autumn 2024": "2024Q3", "late 2025": "2025Q4"}


def _calendar_allows(cond, year: int, quarter: int, turn: int) -> bool:
    if cond is None:
        return True
    ops = {
        "gte": lambda x, v: x >= v,
        "lte": lambda x, v: x <= v,
        "gt": lambda x, v: x > v,
        "lt": lambda x, v: x < v,
        "eq": lambda x, v: x == v,
    }
    now = {"year": year, "quarter": quarter, "turn": turn}
    for key, cmp in cond.root.items():
        if key in now and not all(ops[op](now[key], v) for op, v in cmp.bounds().items()):
            return False
    return True


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_no_dated_card_can_be_drawn_before_its_date(path):
    from game.scenario.schema import quarter_index

    _, scenario = validate_paths([path]).scenarios[0]
    start = quarter_index(scenario.calendar.start)
    early = []
    for card in scenario.events:
        for phrase, first in DATED_SOURCES.items():
            if phrase not in card.source or card.source.startswith("assumption"):
                continue
            for turn in range(scenario.calendar.turns):
                q = start + turn
                if q < quarter_index(first) and _calendar_allows(card.when, q // 4, q % 4 + 1, turn):
                    early.append(f"{card.id} ({phrase}) at turn {turn}")
                    break
    assert early == []



def test_the_leaderboard_card_is_drawn_at_most_once():
    for entry in discover():
        for card in entry.scenario.events if entry.scenario else ():
            if card.title == "Top of the leaderboard":
                assert card.once, f"{entry.id}: {card.id}"
