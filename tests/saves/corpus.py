"""A corpus of hostile saves, results and mods, made at test time from a real game's files.

Each entry is a name and a function that writes the hostile input into a folder and returns its
path. Nothing here is checked in as a large file: the 5000-digit numbers, the million-character
labels and the FIFOs are all made when the tests run."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path

Doc = dict
Maker = Callable[[Path, Doc], Path]


def _write(folder: Path, name: str, doc: object) -> Path:
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def _changed(name: str, change: Callable[[Doc], object]) -> Maker:
    def make(folder: Path, doc: Doc) -> Path:
        d = copy.deepcopy(doc)
        out = change(d)
        return _write(folder, f"{name}.json", d if out is None else out)

    return make


def _raw(name: str, text: Callable[[Doc], str]) -> Maker:
    return lambda folder, doc: _write(folder, f"{name}.json", text(doc))


def _fifo(folder: Path, doc: Doc) -> Path:
    path = folder / "fifo.json"
    os.mkfifo(path)
    return path


def _folder(folder: Path, doc: Doc) -> Path:
    path = folder / "folder.json"
    path.mkdir()
    return path


def _device(folder: Path, doc: Doc) -> Path:
    path = folder / "zero.json"
    path.symlink_to("/dev/zero")
    return path


def _nested(doc: Doc) -> str:
    return "[" * 100_000 + "]" * 100_000


def _first_move(doc: Doc) -> dict:
    moves = doc.get("history") or []
    return next(m for m in moves if m.get("event") == "move")


# Shared by saves and results: what any recorded game can get wrong.
COMMON: dict[str, Maker] = {
    "not_json": _raw("not_json", lambda d: "{ this is not json"),
    "empty": _raw("empty", lambda d: ""),
    "truncated": _raw("truncated", lambda d: json.dumps(d)[: len(json.dumps(d)) // 2]),
    "a_list": _raw("a_list", lambda d: "[1, 2, 3]"),
    "nested": _raw("nested", _nested),
    "binary": _raw("binary", lambda d: "\x00\x01\x02" * 100),
    "huge_seed": _raw("huge_seed", lambda d: json.dumps(d).replace(f'"seed": {d["seed"]}', '"seed": ' + "9" * 5000, 1)),
    "negative_seed": _changed("negative_seed", lambda d: d.update(seed=-1)),
    "seed_2_64": _changed("seed_2_64", lambda d: d.update(seed=2**64)),
    "nan_figure": _raw("nan_figure", lambda d: json.dumps(d).replace('"cash_busd": ', '"cash_busd": NaN, "x": ', 1)),
    "inf_pitch": _changed("inf_pitch", lambda d: d["history"].insert(1, {"event": "move", "action": {"kind": "pitch", "ask_busd": 1e308}})),
    "unknown_kind": _changed("unknown_kind", lambda d: _first_move(d).update(action={"kind": "buy_nvidia"})),
    "kindless_action": _changed("kindless_action", lambda d: _first_move(d).update(action={"to": "tokyo"})),
    "unknown_place": _changed("unknown_place", lambda d: _first_move(d).update(action={"kind": "travel", "to": "atlantis"})),
    "unknown_event": _changed("unknown_event", lambda d: d["history"].append({"event": "miracle"})),
    "unknown_card": _changed("unknown_card", lambda d: d["history"].__setitem__(0, {"event": "card", "card": "no_such_card"})),
    "rules_from_the_future": _changed("rules_from_the_future", lambda d: d.update(rules_version=99)),
    "fifo": _fifo,
    "folder": _folder,
    "device": _device,
}

SAVES: dict[str, Maker] = {
    **COMMON,
    "path_as_id": _changed("path_as_id", lambda d: d.update(scenario_id="../../../etc/passwd")),
    "path_to_read": _changed("path_to_read", lambda d: d.update(scenario_path="/etc/shadow")),
    "unknown_scenario": _changed("unknown_scenario", lambda d: d.update(scenario_id="no_such_scenario")),
    "version_0": _changed("version_0", lambda d: d.update(version=0)),
    "version_99": _changed("version_99", lambda d: d.update(version=99)),
    "escape_label": _changed("escape_label", lambda d: d.update(label="\x1b[2J\x1b[31mpwned\x07")),
    "huge_label": _changed("huge_label", lambda d: d.update(label="x" * 1_000_000)),
    "altered_figures": _changed("altered_figures", lambda d: d["snapshot"]["figures"].update(cash_busd=999.0)),
}

RESULTS: dict[str, Maker] = {
    **COMMON,
    "path_as_id": _changed("path_as_id", lambda d: d["scenario"].update(id="../../../etc/passwd")),
    "edited_to_won": _changed("edited_to_won", lambda d: d["outcome"].update(result="won", id="intelligence_age")),
    "figure_1e308": _changed("figure_1e308", lambda d: d["figures"].update(cash_busd=1e308)),
    "no_figures": _changed("no_figures", lambda d: d.update(figures={})),
    "formula_player": _changed("formula_player", lambda d: d.update(player="\u200b=HYPERLINK(\"http://x\")")),
    "schema_99": _changed("schema_99", lambda d: d.update(schema_version=99)),
}


# Tricks a save or result may try that the game simply ignores: such a file is valid, and
# plays (or is counted) without the trick doing anything.
HARMLESS = {"path_to_read", "escape_label"}
COUNTED = {"formula_player"}  # a valid result whose player name looks like a formula: counted, defused


def mods() -> dict[str, Callable[[Path, Path], Path]]:
    """Hostile mod folders: each function writes one into `mods` (copying the real example
    mod from `example`) and returns its folder."""

    def copy_mod(mods_dir: Path, example: Path, name: str) -> Path:
        folder = mods_dir / name
        folder.mkdir(parents=True)
        for p in example.iterdir():
            (folder / p.name).write_bytes(p.read_bytes())
        return folder

    def link_out(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "link_out")
        (folder / "stolen.yaml").symlink_to("/etc/hostname")
        return folder

    def link_root(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "link_root")
        (folder / "everything").symlink_to("/")
        return folder

    def fifo_yaml(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "fifo_yaml")
        os.mkfifo(folder / "hang.yaml")
        return folder

    def python_tag(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "python_tag")
        (folder / "evil.yaml").write_text("meta: !!python/object/apply:os.system ['echo pwned']\n")
        return folder

    def alias_bomb(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "alias_bomb")
        lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
        (folder / "bomb.yaml").write_text("\n".join(lines) + "\n")
        return folder

    def absurd_constants(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "absurd_constants")
        for p in folder.glob("*.yaml"):
            if p.name != "mod.yaml":
                text = p.read_text()
                p.write_text(text + "\nconstants:\n  campus_build_quarters: 1000000\n  capex_busd_per_gw: -1e308\n")
        return folder

    def huge_file(m: Path, ex: Path) -> Path:
        folder = copy_mod(m, ex, "huge_file")
        (folder / "huge.yaml").write_text("# " + "x" * 3_000_000 + "\n")
        return folder

    return {f.__name__: f for f in (link_out, link_root, fifo_yaml, python_tag, alias_bomb, absurd_constants, huge_file)}
