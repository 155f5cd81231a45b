"""Two scenario files with one id: which one the game plays, and the warnings that say so.

An id names one scenario. When several files found by the game share one, the one found last
is played, so that a mod replaces what it shadows: the scenarios are searched in the order
shipped scenarios, the mods folder in the user's data folder, then each --mods folder in the
order named (within a folder, in path order). The desktop's scenario list keeps the last one
found too. `validate` warns about every clash it sees, and the `scenarios` list marks the
files that are not played.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RULE = (
    "of two scenarios with one id the game plays the one found last: a --mods folder over the "
    "mods folder, and the mods folder over the shipped scenarios"
)


@dataclass(frozen=True)
class Clash:
    """`hidden` is not played: `used`, found later, has the same id."""

    scenario_id: str
    used: Path
    hidden: Path


def clashes(found: Iterable[tuple[Path, str]]) -> list[Clash]:
    """Every file that a later one with the same id hides, from (path, id) in search order.

    The same file found twice (a folder named twice, a link) counts once."""
    order: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for path, scenario_id in found:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            order.append((path, scenario_id))
    last = {scenario_id: path for path, scenario_id in order}
    return [Clash(sid, last[sid], path) for path, sid in order if last[sid] != path]


def peek_id(path: Path) -> str | None:
    """The `meta.id` a scenario file gives, read from the top of the file without building the
    rest of it (None when the file cannot be read or gives none)."""
    import yaml

    from game.scenario.document import _Loader
    from game.scenario.loader import read_scenario_file
    from game.scenario.report import ScenarioError

    try:
        open_: list[dict] = []  # the collections open at this point: mapping or not, key waiting
        for event in yaml.parse(read_scenario_file(path), Loader=_Loader):
            starts = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
            if isinstance(event, yaml.ScalarEvent) or starts:
                top = open_[-1] if open_ else None
                if top and top["map"] and top["key"] is None:  # a key
                    if not isinstance(event, yaml.ScalarEvent):
                        return None
                    top["key"] = event.value
                    continue
                if starts:
                    open_.append({"map": isinstance(event, yaml.MappingStartEvent), "key": None})
                elif [f["key"] for f in open_] == ["meta", "id"]:
                    return event.value
                elif top and top["map"]:
                    top["key"] = None
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                open_.pop()
                if open_ and open_[-1]["map"]:
                    if len(open_) == 1 and open_[0]["key"] == "meta":
                        return None  # meta is over and gave no id
                    open_[-1]["key"] = None
    except (ScenarioError, yaml.YAMLError):
        return None
    return None


def played(entries: list[Any], name: str) -> Any | None:
    """The entry the game plays for `name` among registry entries in search order: the last
    loadable one with that id, else the last whose file is called `name`."""
    loadable = [e for e in entries if e.error is None]
    by_id = [e for e in loadable if e.id == name]
    by_stem = [e for e in loadable if e.path.stem == name]
    return (by_id or by_stem or [None])[-1]


def warnings_for(clash: Clash, in_run: set[Path]) -> list[tuple[Path, str]]:
    """(file, message) for each file of a clash that this run checks."""
    out = []
    if clash.hidden.resolve() in in_run:
        out.append(
            (
                clash.hidden,
                f'{clash.used} also has the id "{clash.scenario_id}", and the game plays that one, '
                f"not this file ({RULE}); give one of them another id",
            )
        )
    if clash.used.resolve() in in_run:
        out.append(
            (
                clash.used,
                f'{clash.hidden} also has the id "{clash.scenario_id}"; the game plays this file '
                f"instead of it ({RULE}); give one of them another id if both are to be played",
            )
        )
    return out
