"""Mods: overrides of a scenario by id, discovery, manifests and pictures that stay inside."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.scenario.mods import read_mod
from game.scenario.registry import Bases, check_file, discover, resolve

from .helpers import DEFAULT_TEXT, write

MANIFEST = "id: test_mod\nversion: 1.0\ntitle: A test mod\nauthor: A tester\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def override(body: str, mod_id: str = "variant") -> str:
    return f"format_version: 1\nextends: default\nmeta:\n  id: {mod_id}\n" + body


def lines(checked) -> list[str]:
    return [f"{p.line}: {p.path}: {p.message}" for p in checked.report]


def test_an_override_replaces_named_constants_and_keeps_the_rest(tmp_path: Path):
    f = write(
        tmp_path,
        "v.yaml",
        override(
            "constants:\n  campus_build_quarters: {value: 8, unit: quarters, assumption: slower}\n"
        ),
    )
    c = check_file(f)
    assert lines(c) == []
    assert c.scenario.constants["campus_build_quarters"].value == 8
    assert c.scenario.constants["capex_busd_per_gw"].value == 10
    assert c.scenario.meta.title.startswith("Seven Trillion")  # taken from the base


def test_remove_replace_and_add_apply_in_that_order_and_keep_places(tmp_path: Path):
    f = write(
        tmp_path,
        "v.yaml",
        override(
            "remove_events: [murati_leaves]\n"
            "replace_events:\n"
            "  - {id: podcasting_bro, title: Renamed, text: New text., source: 'assumption: test', truth: fiction, effects: {credibility: -2}}\n"
            "add_events:\n"
            "  - {id: brand_new, title: New, text: A new card., source: 'assumption: test', truth: fiction, effects: {trust: 1}}\n"
        ),
    )
    c = check_file(f)
    assert lines(c) == []
    base = resolve("default")
    ids = [e.id for e in c.scenario.events]
    assert "murati_leaves" not in ids and ids[-1] == "brand_new"
    assert ids.index("podcasting_bro") == [e.id for e in base.events].index("podcasting_bro")
    assert c.scenario.events[ids.index("podcasting_bro")].title == "Renamed"


def test_replacing_an_unknown_card_suggests_the_right_id(tmp_path: Path):
    f = write(
        tmp_path,
        "v.yaml",
        override(
            "replace_events:\n"
            "  - {id: podcast_bro, title: x, text: y, source: 'assumption: test', truth: fiction, effects: {trust: 1}}\n"
        ),
    )
    assert lines(check_file(f)) == [
        '6: replace_events[podcast_bro].id: there is no event "podcast_bro" to replace '
        '(did you mean "podcasting_bro"?); to add a new one, use add_events'
    ]


def test_adding_a_card_that_exists_points_to_replace(tmp_path: Path):
    f = write(
        tmp_path,
        "v.yaml",
        override(
            "add_events:\n"
            "  - {id: podcasting_bro, title: x, text: y, source: 'assumption: test', truth: fiction, effects: {trust: 1}}\n"
        ),
    )
    assert "use replace_events" in lines(check_file(f))[0]


def test_an_unknown_base_suggests_the_scenario_meant(tmp_path: Path):
    f = write(tmp_path, "v.yaml", override("").replace("extends: default", "extends: defualt"))
    assert lines(check_file(f)) == [
        '2: extends: no scenario with the id "defualt" to extend (did you mean "default"?)'
    ]


def test_an_override_needs_its_own_id(tmp_path: Path):
    f = write(tmp_path, "v.yaml", override("", mod_id="default"))
    assert "give the mod its own id" in lines(check_file(f))[0]


def test_removing_what_the_base_still_needs_is_reported_at_the_removal_naming_the_base_card(
    tmp_path: Path,
):
    f = write(tmp_path, "v.yaml", override("remove_deals: [nuclear_restart]\n"))
    # a card's condition, a move the historical bot replays, and the supply the rival labs share
    line, play, shared = lines(check_file(f))
    assert line.startswith("5: remove_deals[nuclear_restart]: the base scenario still names this deal at ")
    assert "events[restart_court_case].when.signed" in line and "default.yaml:" in line
    assert play.startswith("5: remove_deals[nuclear_restart]: the base scenario still names this deal at ")
    assert "reported_plays.1.moves.0.sign" in play
    assert shared.startswith("5: remove_deals[nuclear_restart]: the base scenario still names this deal at ")
    assert "labs.shared.capacity.1.deals.0" in shared


def test_overrides_can_chain_and_circles_are_caught(tmp_path: Path):
    write(
        tmp_path,
        "a.yaml",
        override("constants:\n  campus_build_quarters: {value: 7, assumption: a}\n", "first"),
    )
    b = write(
        tmp_path, "b.yaml", override("", "second").replace("extends: default", "extends: first")
    )
    c = check_file(b, Bases([tmp_path]))
    assert lines(c) == [] and c.scenario.constants["campus_build_quarters"].value == 7
    write(tmp_path, "x.yaml", override("", "loop_x").replace("extends: default", "extends: loop_y"))
    y = write(
        tmp_path, "y.yaml", override("", "loop_y").replace("extends: default", "extends: loop_x")
    )
    assert (
        "go round in a circle or too deep: loop_y -> loop_x -> loop_y"
        in lines(check_file(y, Bases([tmp_path])))[0]
    )


def test_mods_are_found_in_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SEVEN_TRILLION_HOME", str(tmp_path))
    mod = tmp_path / "mods" / "test_mod"
    write(mod, "mod.yaml", MANIFEST)
    write(mod, "variant.yaml", override(""))
    entries = {e.id: e for e in discover()}
    assert entries["variant"].scenario is not None and entries["variant"].mod == "test_mod"
    assert resolve("variant").meta.id == "variant"


def test_a_mods_folder_named_on_the_command_line_is_searched(tmp_path: Path):
    mod = tmp_path / "test_mod"
    write(mod, "mod.yaml", MANIFEST)
    write(mod, "variant.yaml", override(""))
    assert resolve("variant", mods=[tmp_path]).meta.id == "variant"


def test_a_bad_manifest_is_reported_with_its_line(tmp_path: Path):
    write(tmp_path, "mod.yaml", "id: Test Mod\nversion: one\ntitle: x\nauthor: y\n")
    problems = [f"{p.line}: {p.path}: {p.message}" for p in read_mod(tmp_path).problems]
    assert (
        problems[0].startswith('1: id: "Test Mod" is not a valid id')
        and 'e.g. "test_mod"' in problems[0]
    )
    assert problems[1].startswith("2: version:")


def test_a_picture_inside_the_mod_is_accepted(tmp_path: Path):
    write(tmp_path, "mod.yaml", MANIFEST)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "cover.png").write_bytes(PNG)
    f = write(tmp_path, "v.yaml", override("  image: images/cover.png\n"))
    assert lines(check_file(f)) == []


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("../outside.png", "leads outside the mod folder"),
        ("/etc/passwd.png", "absolute path"),
        ("images\\\\cover.png", "backslashes"),
        ("images/missing.png", "does not exist"),
        ("images/notes.txt", "should be one of"),
        ("images/fake.png", "not really a PNG"),
    ],
)
def test_a_picture_that_escapes_or_is_not_a_picture_is_refused(
    tmp_path: Path, path: str, words: str
):
    mod = tmp_path / "mod"
    write(mod, "mod.yaml", MANIFEST)
    (tmp_path / "outside.png").write_bytes(PNG)
    write(mod, "images/notes.txt", "hello")
    write(mod, "images/fake.png", "not a png")
    f = write(mod, "v.yaml", override(f'  image: "{path}"\n'))
    out = lines(check_file(f))
    assert len(out) == 1 and words in out[0], out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_leading_out_of_the_mod_is_refused(tmp_path: Path):
    mod = tmp_path / "mod"
    write(mod, "mod.yaml", MANIFEST)
    (tmp_path / "secret.png").write_bytes(PNG)
    (mod / "link.png").symlink_to(tmp_path / "secret.png")
    (mod / "linked.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    write(tmp_path, "elsewhere.yaml", DEFAULT_TEXT)
    f = write(mod, "v.yaml", override("  image: link.png\n"))
    assert "leads outside the mod folder" in lines(check_file(f))[0]
    m = read_mod(mod)
    assert [p.name for p in m.files] == ["v.yaml"]
    assert "link leading outside" in m.problems[0].message
