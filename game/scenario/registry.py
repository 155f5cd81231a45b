"""Finding scenarios: the ones shipped in scenarios/, and those named by path.

`resolve` turns what a player typed (a scenario id, a file stem or a path) into a loaded
scenario, or a one-line reason why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.scenario.loader import ScenarioError, load_scenario_file
from game.scenario.schema import Scenario, did_you_mean

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILTIN_DIR = REPO_ROOT / "scenarios"
DEFAULT_SCENARIO = "default"


@dataclass(frozen=True)
class Entry:
    """A scenario found on disk, loaded or not."""

    path: Path
    scenario: Scenario | None
    error: ScenarioError | None

    @property
    def id(self) -> str:
        return self.scenario.meta.id if self.scenario else self.path.stem


def scenario_files(dirs: list[Path] | None = None) -> list[Path]:
    """Scenario files under the given folders (default: the shipped ones), sorted."""
    found: list[Path] = []
    for d in dirs or [BUILTIN_DIR]:
        if d.is_file():
            found.append(d)
            continue
        for p in sorted(d.rglob("*.yaml")):
            if p.name != "mod.yaml" and not any(part.startswith(".") for part in p.parts):
                found.append(p)
    return found


def discover(dirs: list[Path] | None = None) -> list[Entry]:
    """Every scenario found, each loaded or with its error; one broken file spoils nothing."""
    out = []
    for p in scenario_files(dirs):
        try:
            out.append(Entry(p, load_scenario_file(p), None))
        except ScenarioError as e:
            out.append(Entry(p, None, e))
    return out


class UnknownScenario(Exception):
    pass


def resolve(name: str, dirs: list[Path] | None = None) -> Scenario:
    """Load a scenario by path, id or file stem; raise ScenarioError or UnknownScenario."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.exists():
            raise UnknownScenario(f"no scenario file at {name}")
        return load_scenario_file(p)
    files = scenario_files(dirs)
    for f in files:
        if f.stem == name:
            return load_scenario_file(f)
    entries = discover(dirs)
    for e in entries:
        if e.scenario is not None and e.scenario.meta.id == name:
            return e.scenario
    names = sorted({e.id for e in entries} | {f.stem for f in files})
    raise UnknownScenario(
        f'no scenario called "{name}"{did_you_mean(name, names)}; '
        f"known: {', '.join(names)} (or give a path to a .yaml file)"
    )
