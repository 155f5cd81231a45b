"""JSON Schema of the scenario format, for editors that autocomplete and check YAML files.

`scenario_schema()` describes a full scenario file, `override_schema()` a mod's override
(`extends:`), `mod_schema()` a mod.yaml, `translation_schema()` a scenario's texts in another
language (NAME.fr.yaml), and `any_schema()` accepts either kind of scenario file, which is what
an editor hooked to a whole mods folder wants.
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario.schema import FORMAT_VERSION, Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("scenario", "override", "mod", "any", "translation")


def _finish(schema: dict[str, Any], title: str) -> dict[str, Any]:
    out = {"$schema": SCHEMA_DIALECT, "title": title}
    out.update(schema)
    out["title"] = title
    return out


def scenario_schema() -> dict[str, Any]:
    return _finish(
        Scenario.model_json_schema(), f"Seven Trillion scenario, format {FORMAT_VERSION}"
    )


def override_schema() -> dict[str, Any]:
    from game.scenario.overrides import ScenarioOverride

    return _finish(
        ScenarioOverride.model_json_schema(),
        f"Seven Trillion scenario override, format {FORMAT_VERSION}",
    )


def mod_schema() -> dict[str, Any]:
    from game.scenario.mods import ModManifest

    return _finish(ModManifest.model_json_schema(), "Seven Trillion mod.yaml")


def translation_schema() -> dict[str, Any]:
    """A translation file: a scenario's texts in another language (NAME.fr.yaml)."""
    from game.scenario.translation import Translation

    return _finish(Translation.model_json_schema(), f"Seven Trillion scenario translation, format {FORMAT_VERSION}")


def any_schema() -> dict[str, Any]:
    """A full scenario, or an override when the file has `extends:`."""
    full = Scenario.model_json_schema()
    from game.scenario.overrides import ScenarioOverride

    over = ScenarioOverride.model_json_schema()
    defs = dict(full.pop("$defs", {}))
    defs.update(over.pop("$defs", {}))
    defs["Scenario"] = full
    defs["ScenarioOverride"] = over
    return {
        "$schema": SCHEMA_DIALECT,
        "title": f"Seven Trillion scenario or override, format {FORMAT_VERSION}",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/ScenarioOverride"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": defs,
    }


def schema_of(kind: str) -> dict[str, Any]:
    return {
        "scenario": scenario_schema,
        "override": override_schema,
        "mod": mod_schema,
        "any": any_schema,
        "translation": translation_schema,
    }[kind]()


def schema_text(kind: str = "scenario") -> str:
    """The schema as pretty JSON text, ending with a newline (stable, so it can be committed)."""
    return json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n"
