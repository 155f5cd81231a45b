"""Helpers for the scenario tests: the default campaign as plain data, and writing test files."""

from __future__ import annotations

from pathlib import Path

import yaml

from game.scenario.loader import check_scenario_text
from game.scenario.registry import BUILTIN_DIR

# A copy of the default campaign written elsewhere has no French file beside it: the copies the
# tests write are English-only scenarios (declaring French would warn about every text).
DEFAULT_TEXT = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8").replace("  languages: [fr]\n", "", 1)
DEFAULT_DATA = yaml.safe_load(DEFAULT_TEXT)


def check_data(data: dict, name: str = "test.yaml"):
    """Validate a scenario given as data (dumped to YAML first, as a modder would write it)."""
    return check_scenario_text(yaml.safe_dump(data, sort_keys=False), name)


def messages(checked, severity: str | None = None) -> list[str]:
    return [
        f"{p.path}: {p.message}"
        for p in checked.report
        if severity is None or p.severity == severity
    ]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
