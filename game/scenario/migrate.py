"""Moving scenario documents from older format versions to the current one.

Each step takes a plain document of version n and returns it at version n + 1, with a note of
what changed. Version 1 is the first; the table is ready for the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.scenario.schema import FORMAT_VERSION

Document = dict[str, Any]

# version n -> (step to version n + 1, note for the modder)
STEPS: dict[int, tuple[Callable[[Document], Document], str]] = {}


def migrate(doc: Document) -> tuple[Document, list[str]]:
    """Bring a document up to FORMAT_VERSION; return it and the notes of each step taken."""
    notes: list[str] = []
    version = doc.get("format_version")
    while isinstance(version, int) and version < FORMAT_VERSION and version in STEPS:
        step, note = STEPS[version]
        doc = step(dict(doc))
        version += 1
        doc["format_version"] = version
        notes.append(f"format {version - 1} -> {version}: {note}")
    return doc, notes
