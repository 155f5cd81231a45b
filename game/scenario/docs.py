"""The reference section of MODDING.md, generated from the schema so it cannot drift.

    python -m game.scenario.docs              # print the reference (Markdown)
    python -m game.scenario.docs --write FILE # replace the generated section of FILE
    python -m game.scenario.docs --check FILE # exit 1 when FILE's section is out of date

The section sits between the BEGIN and END markers below; everything else in MODDING.md is
written by hand.
"""

from __future__ import annotations

import argparse
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from game.model.tracks import CONDITION_KEYS, DELAYED_KEYS, EFFECT_KEYS, PCT_EFFECTS
from game.scenario.mods import ModManifest
from game.scenario.overrides import FAMILIES, HqPatch, MetaPatch, ScenarioOverride
from game.scenario.refs import REQUIRED_CONSTANTS
from game.scenario.schema import (
    FORMAT_VERSION,
    ID_PATTERN,
    OPS,
    START_KEYS,
    ActionTerms,
    Backer,
    Board,
    Buildout,
    Calendar,
    CampusSite,
    Choice,
    CommonFate,
    Condition,
    Deal,
    DebriefQuestion,
    DebriefSection,
    Delayed,
    Effects,
    Ending,
    Event,
    Figure,
    Goal,
    Goals,
    HistoricalPoint,
    HqActions,
    Labs,
    LaunchTerms,
    LearningGoal,
    Meta,
    PitchTerms,
    Product,
    ReportedMove,
    ReportedQuarter,
    RivalLab,
    Scenario,
    ScriptedTurn,
    Shared,
    SharedCapacity,
    SharedCapital,
    Space,
    YourLab,
)
from game.scenario.themes import THEME_HELP
from game.scenario.vocab import CONDITION_HELP, track_help

BEGIN = "<!-- BEGIN GENERATED REFERENCE: python -m game.scenario.docs --write MODDING.md -->"
END = "<!-- END GENERATED REFERENCE -->"

SCENARIO_PARTS: list[type[BaseModel]] = [
    Scenario,
    Meta,
    LearningGoal,
    Calendar,
    Figure,
    Board,
    Space,
    PitchTerms,
    Deal,
    Delayed,
    Product,
    HqActions,
    ActionTerms,
    LaunchTerms,
    CampusSite,
    Buildout,
    Backer,
    Labs,
    YourLab,
    RivalLab,
    CommonFate,
    Shared,
    SharedCapital,
    SharedCapacity,
    Event,
    Choice,
    Goals,
    Goal,
    Ending,
    ScriptedTurn,
    HistoricalPoint,
    ReportedQuarter,
    ReportedMove,
    DebriefSection,
    DebriefQuestion,
]
NAMED = {m.__name__ for m in SCENARIO_PARTS} | {"MetaPatch", "HqPatch"}


def _type(tp: Any) -> str:
    """A field's type in words, linking to the part it names."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        meta = args[1:]
        if any(getattr(m, "pattern", None) == ID_PATTERN for m in _flat(meta)):
            return "id"
        return _type(args[0])
    if origin in (typing.Union, __import__("types").UnionType):
        rest = [a for a in args if a is not type(None)]
        return " or ".join(_type(a) for a in rest)
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is tuple:
        return f"pair of {_type(args[0])}s" if len(set(args)) == 1 else "pair"
    if origin is dict:
        return f"map of name to {_type(args[1])}"
    if origin is typing.Literal:
        return " or ".join(str(a) for a in args)
    if tp is Condition:
        return "[condition](#conditions)"
    if tp is Effects:
        return "[effects](#effects)"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})" if tp.__name__ in NAMED else tp.__name__
    return {str: "text", float: "number", int: "whole number", bool: "true or false"}.get(
        tp, str(tp)
    )


def _flat(items: Any) -> list[Any]:
    out = []
    for m in items:
        out.append(m)
        out += list(getattr(m, "metadata", []) or [])
    return out


def _default(field: Any) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        return "optional"
    d = field.default
    if d is None or d is PydanticUndefined:
        return "optional"
    if isinstance(d, bool):
        return f"default {str(d).lower()}"
    if isinstance(d, str):
        return f'default "{d}"' if d else "optional"
    return f"default {d}"


def _limits(field: Any) -> str:
    words = []
    for m in _flat(field.metadata):
        for attr, word in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            v = getattr(m, attr, None)
            if v is not None:
                words.append(f"{word} {v}")
        if getattr(m, "max_length", None) is not None and field.annotation is str:
            words.append(f"at most {m.max_length} characters")
    return f" ({', '.join(words)})" if words else ""


def model_table(model: type[BaseModel], heading: str = "###") -> str:
    doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
    lines = [
        f"{heading} {model.__name__}",
        "",
        doc,
        "",
        "| field | type | | what it is |",
        "|---|---|---|---|",
    ]
    for name, field in model.model_fields.items():
        desc = (field.description or "").replace("|", "\\|")
        is_id = any(getattr(m, "pattern", None) == ID_PATTERN for m in _flat(field.metadata))
        kind = "id" if is_id else _type(field.annotation)
        lines.append(f"| `{name}` | {kind} | {_default(field)} | {desc}{_limits(field)} |")
    return "\n".join(lines)


def effects_table() -> str:
    lines = [
        "### Effects",
        "",
        "A map of track to number: the number is added to the track (`scrutiny: 2`, "
        "`cash_busd: -1.5`); keys ending in `_pct` change a track by a percentage "
        "(`valuation_pct: 10` is +10%). Bounded tracks stay within their range. "
        "Delayed effects (`delayed:` on deals and choices) may use only the keys marked *delayed*.",
        "",
        "| key | what it changes | |",
        "|---|---|---|",
    ]
    for key in EFFECT_KEYS:
        mark = "delayed" if key in DELAYED_KEYS else ""
        what = track_help(key) if key not in PCT_EFFECTS else f"{PCT_EFFECTS[key]} by a percentage"
        lines.append(f"| `{key}` | {what} | {mark} |")
    return "\n".join(lines)


def conditions_table() -> str:
    lines = [
        "### Conditions",
        "",
        "A map of word to test; all must hold. A number means *exactly*; a comparison uses "
        + ", ".join(f"`{op}`" for op in OPS)
        + " (`scrutiny: {gte: 6}`, `year: {gte: 2025, lte: 2027}`).",
        "",
        "| word | what it tests |",
        "|---|---|",
    ]
    for key, what in CONDITION_HELP.items():
        lines.append(f"| `{key}` | {what} |")
    lines.append(
        "| any track | its value for the player's lab: "
        + ", ".join(f"`{k}`" for k in CONDITION_KEYS)
        + " |"
    )
    return "\n".join(lines)


def override_section() -> str:
    fam = ", ".join(f"`{k}`" for k in FAMILIES)
    lines = [
        "### Override files",
        "",
        "A file with `extends:` changes an existing scenario. Entries are matched by `id` "
        f"(campus sites by `space`). Lists that take `add_`, `replace_` and `remove_`: {fam} "
        "(`goals` are the win goals, `endings` the ways to lose). Removals happen first, then "
        "replacements, then additions.",
        "",
        model_table(ScenarioOverride, "####"),
        "",
        model_table(MetaPatch, "####"),
        "",
        model_table(HqPatch, "####"),
    ]
    return "\n".join(lines)


def reference() -> str:
    parts = [
        BEGIN,
        "",
        f"## Reference (format version {FORMAT_VERSION})",
        "",
        "Generated from the schema by `python -m game.scenario.docs`; do not edit by hand.",
        "",
    ]
    for model in SCENARIO_PARTS:
        parts += [model_table(model), ""]
    parts += [
        "### Starting values",
        "",
        "`start` may set: " + ", ".join(f"`{k}`" for k in START_KEYS) + ".",
        "",
        "### Constants",
        "",
        "`constants` must set every one of these, each a [Figure](#figure): "
        + ", ".join(f"`{k}`" for k in REQUIRED_CONSTANTS)
        + ".",
        "",
        "### Lesson themes",
        "",
        "A learning goal written as a sentence gets the theme its words match; `lesson:` names one.",
        "",
        "| theme | what the debrief's lesson reads |",
        "| --- | --- |",
        *(f"| `{k}` | {v} |" for k, v in THEME_HELP.items()),
        "",
        effects_table(),
        "",
        conditions_table(),
        "",
        override_section(),
        "",
        model_table(ModManifest, "###"),
        "",
        END,
    ]
    return "\n".join(parts) + "\n"


def splice(text: str, section: str) -> str:
    """`text` with its generated section replaced by `section` (appended if it has none)."""
    if BEGIN in text and END in text:
        head = text[: text.index(BEGIN)]
        tail = text[text.index(END) + len(END) :].lstrip("\n")
        return head + section + ("\n" + tail if tail else "")
    return text.rstrip("\n") + "\n\n" + section


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m game.scenario.docs", description=__doc__.splitlines()[0]
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument("--write", metavar="FILE", help="replace the generated section of FILE")
    g.add_argument("--check", metavar="FILE", help="exit 1 when FILE's generated section is stale")
    args = p.parse_args(argv)
    section = reference()
    if args.write or args.check:
        path = Path(args.write or args.check)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        updated = splice(text, section)
        if args.check:
            if updated != text:
                print(
                    f"{path}: the reference is out of date; run python -m game.scenario.docs --write {path}",
                    file=sys.stderr,
                )
                return 1
            return 0
        path.write_text(updated, encoding="utf-8")
        return 0
    sys.stdout.write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
