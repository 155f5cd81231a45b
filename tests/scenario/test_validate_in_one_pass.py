"""`validate` in one pass, with messages that say where, what and how to fix it.

Every problem a file has is reported in one run wherever it parses; two scenarios with one id
are reported, and the one played is the one found last; unknown words list the valid ones;
text in another encoding is located by line and column; overrides name cards by id, at the
line the modder wrote; a `once` card the script deals is warned about when the deck can deal
it first.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from game.cli import main as cli
from game.cli.validate_cmd import validate_paths
from game.model.tracks import EFFECT_KEYS
from game.scenario.refs import REQUIRED_CONSTANTS
from game.scenario.registry import check_file
from game.scenario.schema import CONDITION_WORDS, START_KEYS

from .helpers import DEFAULT_DATA, DEFAULT_TEXT, check_data, messages, write

MANIFEST = "id: {id}\nversion: '1.0'\ntitle: A test mod\nauthor: A tester\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def no_installed_mods(tmp_path, monkeypatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path / "home"))


def override(body: str, mod_id: str = "variant") -> str:
    return f"format_version: 1\nextends: default\nmeta:\n  id: {mod_id}\n" + body


def lines(checked) -> list[str]:
    return [f"{p.line}: {p.severity}: {p.path}: {p.message}" for p in checked.report]


# ---------------------------------------------------------------------------- one pass


def test_schema_errors_references_duplicates_and_impossible_endings_come_in_one_run(default_data):
    default_data["events"][0]["effects"] = {"credibilty": 1}  # schema
    default_data["script"] = [{"quarter": "2024Q2", "event": "no_such_card"}]  # reference
    default_data["deals"][1]["id"] = default_data["deals"][0]["id"]  # duplicate id
    default_data["goals"]["lose"][0]["when"] = {"scrutiny": {"gte": 11}}  # impossible ending
    found = messages(check_data(default_data))
    assert any(m.startswith('events.0.effects.credibilty: unknown effect "credibilty"') for m in found)
    assert any(m.startswith('script.0.event: unknown event "no_such_card"') for m in found)
    assert any(m.startswith(f'deals.1.id: two deals share the id "{default_data["deals"][0]["id"]}"') for m in found)
    assert any(m.startswith("goals.lose.0.when.scrutiny: this ending can never happen") for m in found)


def test_a_card_left_out_for_its_own_error_causes_no_other_report(default_data):
    scripted = default_data["events"][3]
    del scripted["title"]  # the card cannot be read at all...
    default_data["script"] = [{"quarter": "2024Q2", "event": scripted["id"]}]
    # ... so neither "unknown event" for the script nor "no card changes ..." may follow
    assert messages(check_data(default_data)) == ['events.3.title: "title" is missing (title on the card)']


def test_a_refused_title_or_id_does_not_hide_the_cards_problems(default_data):
    default_data["meta"]["title"] = "x" * 200
    default_data["meta"]["id"] = "Not An Id"
    default_data["events"][2]["when"] = {"year": {"gte": 2099}}
    found = messages(check_data(default_data))
    assert any(m.startswith("meta.title: is too long") for m in found)
    assert any(m.startswith('meta.id: "Not An Id" is not a valid id') for m in found)
    assert any(m.startswith("events.2.when.year: this card can never be drawn") for m in found)


def test_entries_after_a_refused_one_are_reported_at_their_own_place(default_data):
    del default_data["events"][1]["text"]
    default_data["events"][5]["when"] = {"scrutiny": {"gte": 12}}
    found = messages(check_data(default_data))
    assert found[0] == 'events.1.text: "text" is missing (what happens, in your own words)'
    assert found[1].startswith("events.5.when.scrutiny: this card can never be drawn")


def test_an_override_with_a_schema_error_still_gets_its_reference_errors(tmp_path: Path):
    f = write(tmp_path, "v.yaml", override(
        "add_events:\n"
        "  - {id: leak, title: A leak, text: x, source: 'assumption: t', truth: fiction, effects: {scrutinity: 1}}\n"
        "  - {id: ok_card, title: Fine, text: x, source: 'assumption: t', truth: fiction, effects: {trust: 1}}\n"
        "script:\n"
        "  - {quarter: 2024Q3, event: no_such_card}\n"
        "  - {quarter: 2024Q4, event: leak}\n"
    ))
    assert [line.split(": ", 3)[:3] for line in lines(check_file(f))] == [
        ["6", "error", "add_events[leak].effects.scrutinity"],
        ["9", "error", "script.0.event"],
    ]


# ---------------------------------------------------------------------------- one id, two files


def mod(folder: Path, mod_id: str, title: str) -> Path:
    write(folder, "mod.yaml", MANIFEST.format(id=mod_id))
    return write(folder, "s.yaml", override(f"  title: {title}\n", mod_id="scarce"))


def test_two_mods_with_one_id_are_both_reported_and_the_mods_folder_copy_is_played(tmp_path, capsys):
    installed = mod(tmp_path / "home" / "mods" / "a", "a", "Installed copy")
    dev = mod(tmp_path / "dev" / "a2", "a2", "Work copy")
    found = validate_paths([], [tmp_path / "dev"]).report
    said = {(p.file, p.line, p.path): p.message for p in found if p.severity == "warning"}
    assert said.keys() == {(str(dev), 4, "meta.id"), (str(installed), 4, "meta.id")}
    assert "the game plays that one, not this file" in said[(str(installed), 4, "meta.id")]
    assert "the game plays this file instead" in said[(str(dev), 4, "meta.id")]

    assert cli(["run", "--scenario", "scarce", "--mods", str(tmp_path / "dev")]) == 0
    assert capsys.readouterr().out.startswith("Work copy")
    assert cli(["scenarios", "--mods", str(tmp_path / "dev")]) == 0
    out = capsys.readouterr()
    assert f"NOT PLAYED: {dev} has the same id" in out.out and "found last" in out.err


def test_a_mod_validated_alone_is_told_it_replaces_an_installed_one(tmp_path):
    mod(tmp_path / "home" / "mods" / "a", "a", "Installed copy")
    dev = mod(tmp_path / "dev" / "a2", "a2", "Work copy")
    [warning] = validate_paths([tmp_path / "dev"]).report
    assert (warning.file, warning.path) == (str(dev), "meta.id") and "plays this file instead" in warning.message


def test_a_copied_scenario_that_kept_its_id_is_reported(tmp_path):
    copy_ = write(tmp_path, "my_campaign.yaml", DEFAULT_TEXT)
    [warning] = validate_paths([copy_]).report
    assert warning.line == 9 and "scenarios/default.yaml also has the id" in warning.message


# ---------------------------------------------------------------------------- unknown words


def test_an_unknown_effect_lists_every_effect_and_suggests_the_likely_one(default_data):
    default_data["events"][0]["effects"] = {"scrutinity": 1}
    [message] = messages(check_data(default_data))
    assert '(did you mean "scrutiny"?)' in message
    assert message.endswith("the effects are: " + ", ".join(EFFECT_KEYS))


def test_an_unknown_condition_lists_the_conditions(default_data):
    default_data["events"][0]["when"] = {"yaer": 2025}
    [message] = messages(check_data(default_data))
    assert '(did you mean "year"?)' in message and message.endswith(", ".join(CONDITION_WORDS))


def test_an_unknown_constant_and_starting_value_list_the_valid_ones(default_data):
    default_data["constants"]["capex_per_gw"] = copy.deepcopy(default_data["constants"]["capex_busd_per_gw"])
    default_data["start"]["csah_busd"] = copy.deepcopy(default_data["start"]["cash_busd"])
    found = messages(check_data(default_data))
    assert any(m.endswith(", ".join(REQUIRED_CONSTANTS)) and "capex_per_gw" in m for m in found)
    assert any(m.endswith(", ".join(START_KEYS)) and '(did you mean "cash_busd"?)' in m for m in found)


def test_an_unknown_field_lists_the_fields_of_its_place(default_data):
    default_data["events"][0]["wieght"] = 2
    [message] = messages(check_data(default_data))
    assert '(did you mean "weight"?)' in message and "this part takes: id, title, text" in message


# ---------------------------------------------------------------------------- encodings


def test_a_latin1_file_is_located_by_line_and_column(tmp_path):
    text = override("  title: Le caf\u00e9 du coin\n")
    f = tmp_path / "v.yaml"
    f.write_bytes(text.encode("latin-1"))
    [error] = check_file(f).report.problems
    assert (error.line, error.column) == (5, 16)  # '  title: Le caf' is 15 characters
    assert "not UTF-8" in error.message and '"\u00e9"' in error.message
    assert "save the file as UTF-8 in your editor" in error.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_file_is_named_and_told_how_to_save_it_as_utf8(tmp_path, encoding):
    f = tmp_path / "v.yaml"
    f.write_bytes(override("").encode(encoding))
    [error] = check_file(f).report.problems
    assert "binary" not in error.message and re.search(r"saved as UTF-(16|32) text", error.message)
    assert "save the file as UTF-8 in your editor" in error.message


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path):
    f = tmp_path / "v.yaml"
    f.write_bytes(override("").encode("utf-8-sig"))
    assert check_file(f).ok


def test_a_picture_is_still_called_binary(tmp_path):
    f = tmp_path / "v.yaml"
    f.write_bytes(PNG + bytes(range(256)))
    assert "binary file" in check_file(f).report.problems[0].message


# ---------------------------------------------------------------------------- overrides


def test_a_replaced_card_is_named_by_its_id_at_the_line_the_modder_wrote(tmp_path):
    f = write(tmp_path, "v.yaml", override(
        "replace_events:\n"
        "  - id: podcasting_bro\n"
        "    title: A card\n"
        "    text: Text.\n"
        "    source: 'assumption: test'\n"
        "    effects: {trust: 1}\n"
        "    when: {scrutiny: {gte: 12}}\n"
        "    truth: fiction\n"
    ))
    assert lines(check_file(f)) == [
        "11: warning: replace_events[podcasting_bro].when.scrutiny: this card can never be drawn: "
        "scrutiny must be at least 12, but scrutiny runs from 0 to 10"
    ]


def test_a_warning_about_a_base_card_names_it_and_the_base_files_line(tmp_path):
    base_card = next(e for e in DEFAULT_DATA["events"] if (e.get("when") or {}).get("signed"))
    deal = base_card["when"]["signed"]
    deal_data = next(d for d in DEFAULT_DATA["deals"] if d["id"] == deal)
    never = {**deal_data, "chance": 0}
    body = "replace_deals:\n" + "\n".join("  " + line for line in yaml.safe_dump([never], sort_keys=False).splitlines())
    found = [p for p in check_file(write(tmp_path, "v.yaml", override(body + "\n"))).report if p.severity == "warning"]
    inherited = [p for p in found if p.path.startswith(f"events[{base_card['id']}]")]
    assert inherited and inherited[0].line == 2  # the extends: line, as the card is the base's
    assert "(in the base scenario, " in inherited[0].message and "default.yaml:" in inherited[0].message
    assert not any(re.match(r"events\.\d", p.path) for p in found)


def test_a_picture_error_in_an_override_points_at_the_line_that_names_it(tmp_path):
    folder = tmp_path / "mod"
    write(folder, "mod.yaml", MANIFEST.format(id="pics"))
    f = write(folder, "v.yaml", override(
        "add_events:\n"
        "  - id: blackout\n"
        "    title: Blackout\n"
        "    text: x\n"
        "    source: 'assumption: t'\n"
        "    effects: {trust: -1}\n"
        "    image: images/missing.png\n"
        "    truth: fiction\n"
    ))
    [error] = check_file(f, root=folder).report.problems
    assert (error.line, error.path) == (11, "add_events[blackout].image")
    assert "does not exist" in error.message


# ---------------------------------------------------------------------------- once cards


def scripted_once(default_data, when=None, quarter="2024Q4"):
    target = default_data["events"][4]
    target["once"] = True
    target.pop("when", None)
    if when is not None:
        target["when"] = when
    default_data["script"] = [{"quarter": quarter, "event": target["id"]}]
    return target["id"]


def test_a_once_card_the_script_deals_but_the_deck_can_deal_first_is_warned_about(default_data):
    card_id = scripted_once(default_data)
    [message] = messages(check_data(default_data))
    assert message.startswith(f'script.0.event: "{card_id}" is a once card, and the deck can also deal it')
    assert "before 2024Q4 (from 2024Q1 on)" in message and "turn: {gte: 3}" in message


def test_a_once_card_kept_for_its_scripted_quarter_is_not_warned_about(default_data):
    scripted_once(default_data, when={"turn": {"gte": 3}})
    assert messages(check_data(default_data)) == []


def test_a_once_card_scripted_in_the_first_quarter_cannot_come_earlier(default_data):
    scripted_once(default_data, quarter="2024Q1")
    assert messages(check_data(default_data)) == []


def test_a_once_card_the_script_deals_twice_is_warned_about(default_data):
    card_id = scripted_once(default_data, when={"turn": {"gte": 3}})
    default_data["script"].append({"quarter": "2025Q2", "event": card_id})
    [message] = messages(check_data(default_data))
    assert message.startswith(f'script.1.event: "{card_id}" is a once card and the script already deals it in 2024Q4')


# ---------------------------------------------------------------------------- the guide


def guide_section(title: str) -> str:
    text = (Path(__file__).resolve().parents[2] / "MODDING.md").read_text(encoding="utf-8")
    start = text.index(f"### {title}")
    return text[start : text.index("\n### ", start + 1)]


def test_the_vscode_steps_write_every_schema_their_settings_and_first_lines_name(tmp_path, capsys):
    mods = tmp_path / "home" / "mods"
    mods.mkdir(parents=True)
    section = guide_section("Editor support: autocompletion in VS Code")
    commands = re.findall(r"^\s*\.venv/bin/python -m game (schema .*)$", section, re.M)
    assert len(commands) == 2
    for command in commands:
        argv = command.replace("~/.local/share/seven-trillion/mods", str(mods)).split()
        assert cli(argv) == 0
    settings = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    named = [mods / schema for schema in settings["yaml.schemas"]]
    named += [mods / "a_mod" / path for path in re.findall(r"\$schema=([^\s`]+)", section)]
    assert named and all(json.loads(path.resolve().read_text())["$schema"] for path in named)


def test_the_guide_says_which_of_two_scenarios_with_one_id_is_played():
    section = guide_section("Two scenarios with one id")
    words = " ".join(section.split())
    assert "it plays the one found **last**" in words and "NOT PLAYED" in words


# ---------------------------------------------------------------------------- the build-out


def test_a_reaction_to_a_presentation_where_no_backer_waits_is_refused_with_its_place(default_data):
    """A card that reacts to presenting the build-out where nobody backs it could never be
    dealt: `validate` says where, and where the backers are."""
    default_data["buildout"]["backers"] = [b for b in default_data["buildout"]["backers"] if b["space"] != "tokyo"]
    card = next(i for i, e in enumerate(default_data["events"]) if e["id"] == "podcasting_bro")
    default_data["events"][card]["when"] = {"presented_vision": "tokyo"}
    default_data["reported_plays"][0]["moves"][0] = {"present": "tokyo"}
    found = messages(check_data(default_data))
    assert any(m.startswith(f'events.{card}.when.presented_vision: the build-out is never presented at "tokyo"') for m in found)
    assert any(m.startswith('reported_plays.0.moves.0.present: no backer of the build-out at "tokyo"') for m in found)


def test_a_reaction_to_a_misspelt_space_names_the_space_it_meant(default_data):
    card = next(i for i, e in enumerate(default_data["events"]) if e["id"] == "podcasting_bro")
    default_data["events"][card]["when"] = {"presented_vision": "hsinshu"}
    found = messages(check_data(default_data))
    assert any(m.startswith(f'events.{card}.when.presented_vision: unknown space "hsinshu" (did you mean "hsinchu"?)') for m in found)


def test_the_build_out_cannot_grow_when_scaled_back(default_data):
    default_data["buildout"]["scaled_back_busd"]["value"] = 9000
    found = messages(check_data(default_data))
    assert any("scaled_back_busd must be smaller than vision_busd" in m for m in found)


def test_the_validator_gives_the_file_and_line_of_a_build_out_problem(tmp_path):
    text = DEFAULT_TEXT.replace("presented_vision: hsinchu", "presented_vision: washingtn")
    assert text != DEFAULT_TEXT
    path = write(tmp_path, "typo.yaml", text)
    checked = check_file(path)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "presented_vision: washingtn" in x)
    assert any(p.line == line and 'unknown space "washingtn"' in p.message for p in checked.report)
