"""Mods: folders holding a `mod.yaml`, their scenario files and their pictures.

A mod is found in the user's data folder (`<data>/mods/<mod>/mod.yaml`, where <data> comes
from platformdirs or the SEVEN_TRILLION_HOME variable) or in a folder named with `--mods DIR`
(a mod folder itself, or a folder of mod folders). Everything a mod names must stay inside its
folder: paths are resolved, symbolic links included, and refused when they lead out.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from pydantic import Field, ValidationError, field_validator

from game.scenario.files import kind_of
from game.scenario.report import ERROR, WARNING, Located
from game.scenario.schema import IMAGE_SUFFIXES, Id, Scenario, Strict

MANIFEST = "mod.yaml"
MAX_ASSET_BYTES = 8_000_000
SCENARIO_SUFFIXES = (".yaml", ".yml")
_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def data_dir() -> Path:
    """The user's data folder (SEVEN_TRILLION_HOME overrides it, for tests and classrooms)."""
    env = os.environ.get("SEVEN_TRILLION_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("seven-trillion", appauthor=False))


def mods_dir() -> Path:
    """Where installed mods live: <data folder>/mods."""
    return data_dir() / "mods"


class ModManifest(Strict):
    """mod.yaml: who made the mod and what it is."""

    id: Id = Field(description="Unique id of the mod (lower-case letters, digits, underscores).")
    version: str = Field(
        pattern=r"^\d+(\.\d+){0,2}$", description="The mod's own version, e.g. 1.0 or 1.2.3."
    )
    title: str = Field(min_length=1, max_length=80, description="Name shown in the mods list.")
    author: str = Field(min_length=1, description="Who made it.")
    description: str = Field("", description="A sentence or two on what the mod changes.")
    license: str = Field("", description="Terms for sharing it, e.g. CC-BY-4.0.")
    scenarios: list[str] = Field(
        default_factory=list,
        description="Scenario files of the mod, relative to its folder (default: every .yaml file).",
    )

    @field_validator("version", mode="before")
    @classmethod
    def _number_is_fine(cls, v: object) -> object:
        # `version: 1.0` reads as a number in YAML; take it as the text it looks like
        return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v


@dataclass
class Mod:
    """A mod folder: its manifest (None when unreadable), its scenario files and its problems."""

    folder: Path
    manifest: ModManifest | None
    files: list[Path] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest else self.folder.name


def inside(root: Path, candidate: Path) -> bool:
    """True when `candidate`, with every symbolic link followed, lies inside `root`."""
    try:
        return candidate.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def read_mod(folder: Path) -> Mod:
    """Read a mod folder's manifest and list its scenario files; problems are collected, not raised."""
    from game.scenario.document import DocumentError, read_document
    from game.scenario.loader import pydantic_problems, read_scenario_file
    from game.scenario.report import ScenarioError

    path = folder / MANIFEST
    mod = Mod(folder, None)
    try:
        doc = read_document(read_scenario_file(path), str(path))
        mod.problems += doc.problems
    except ScenarioError as e:
        mod.problems += e.problems
        doc = None
    except DocumentError as e:
        mod.problems.append(e.problem)
        doc = None
    if doc is not None:
        if not isinstance(doc.data, dict):
            mod.problems.append(
                Located(
                    str(path),
                    1,
                    1,
                    ERROR,
                    "",
                    "mod.yaml must be a mapping: id, version, title, author",
                )
            )
        else:
            try:
                mod.manifest = ModManifest.model_validate(doc.data)
            except ValidationError as err:
                for loc, msg in pydantic_problems(err, ModManifest):
                    line, col = doc.locate(loc)
                    mod.problems.append(
                        Located(str(path), line, col, ERROR, ".".join(map(str, loc)), msg)
                    )
    listed = mod.manifest.scenarios if mod.manifest else []
    if listed:
        for i, rel in enumerate(listed):
            p = folder / rel
            line, col = doc.locate(("scenarios", i)) if doc else (1, 1)
            problem = _path_problem(folder, rel, p, SCENARIO_SUFFIXES)
            if problem:
                mod.problems.append(Located(str(path), line, col, ERROR, f"scenarios.{i}", problem))
            else:
                mod.files.append(p)
    else:
        found = walk(folder)
        mod.files += found.files
        mod.problems += found.refused
        mod.problems += [
            Located(str(p), 1, 1, ERROR, "", f"cannot read this folder: {why}") for p, why in found.unreadable
        ]
    return mod


@dataclass
class Walk:
    """What lies at or below a folder: mod folders, scenario files, the folders that could not
    be read (with why) and the scenario files or folders refused (with why), each sorted."""

    mod_folders: list[Path]
    files: list[Path]
    unreadable: list[tuple[Path, str]]
    refused: list[Located] = field(default_factory=list)


# A walk stops after this many folders and files: a mods folder is a few hundred at most, and a
# folder of millions (a disk, a home folder handed over by mistake) must not stall every command.
MAX_WALK_ENTRIES = 50_000
MAX_WALK_DEPTH = 12
LINK_OUT = "it is a link leading outside {where}; copy the file or folder in instead of linking it"


_TRANSLATION = re.compile(r"\.[a-z]{2}(?:-[A-Z]{2})?$")


def walk(folder: Path) -> Walk:
    """Mod folders, scenario files, unreadable folders and refused entries at or below `folder`.

    Hidden files and folders are skipped. Nothing outside `folder` is looked at: a link (to a
    file or a folder) whose target lies outside it is refused, and so is anything inside a mod
    that leads out of the mod. A scenario name on something other than an ordinary file (a
    named pipe, a device) is refused without being opened. The walk goes at most
    MAX_WALK_DEPTH folders deep and looks at MAX_WALK_ENTRIES entries at most."""
    mod_folders: list[Path] = []
    files: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    refused: list[Located] = []

    def refuse(path: Path, message: str, severity: str = ERROR) -> None:
        refused.append(Located(str(path), 1, 1, severity, "", message))

    try:
        top = Path(os.path.realpath(folder))
    except (OSError, ValueError) as e:
        return Walk([], [], [(folder, str(e))], [])
    seen = 0
    visited: set[str] = set()
    # (path as the user sees it, its real path, depth, the mod folder it is in: (real, as seen))
    stack: list[tuple[Path, Path, int, tuple[Path, Path] | None]] = [(folder, top, 0, None)]
    while stack:
        here, real, depth, mod = stack.pop()
        if str(real) in visited:
            continue
        visited.add(str(real))
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            unreadable.append((here, e.strerror or str(e)))
            continue
        names = {e.name for e in entries}
        if MANIFEST in names:
            mod_folders.append(here)
            mod = (real, here)
        limit = mod[0] if mod else top
        where = f"the mod folder {mod[1]}" if mod else f"the folder {folder}"
        subs: list[tuple[Path, Path, int, tuple[Path, Path] | None]] = []
        for entry in entries:
            seen += 1
            if seen > MAX_WALK_ENTRIES:
                refuse(here, f"stopped looking after {MAX_WALK_ENTRIES:,} files and folders; "
                                      "keep scenarios and mods in a folder of their own", WARNING)
                stack.clear()
                break
            name = entry.name
            if name.startswith("."):
                continue
            path = here / name
            # NAME.fr.yaml holds the French texts of NAME.yaml (translation.py), not a scenario
            is_scenario_name = (
                Path(name).suffix in SCENARIO_SUFFIXES and name != MANIFEST and not _TRANSLATION.search(Path(name).stem)
            )
            try:
                is_dir = entry.is_dir()  # links followed
            except OSError:
                is_dir = False
            if not is_dir and not is_scenario_name:
                continue
            try:
                target = Path(os.path.realpath(path)) if entry.is_symlink() else real / name
            except (OSError, ValueError):
                target = None
            if target is None or not target.is_relative_to(limit):
                refuse(path, LINK_OUT.format(where=where))
                continue
            if is_dir:
                if depth + 1 > MAX_WALK_DEPTH:
                    refuse(path, f"more than {MAX_WALK_DEPTH} folders deep; not looked into", WARNING)
                else:
                    subs.append((path, target, depth + 1, mod))
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as e:
                unreadable.append((path, e.strerror or str(e)))
                continue
            if not stat.S_ISREG(mode):
                refuse(path, f"skipped: it is {kind_of(mode)}, not an ordinary file, and is never "
                             "opened; only ordinary .yaml files are read", WARNING)
                continue
            files.append(path)
        stack.extend(reversed(subs))
    return Walk(sorted(mod_folders), sorted(files), sorted(unreadable), sorted(refused, key=lambda p: p.file))


def find_mod_folders(dirs: list[Path]) -> list[Path]:
    """Mod folders in `dirs`: each dir that holds a mod.yaml, or its sub-folders that do."""
    found: list[Path] = []
    for d in dirs:
        if is_file_safely(d / MANIFEST):
            found.append(d)
        elif is_dir_safely(d):
            try:
                subs = list(d.iterdir())
            except OSError:  # an unreadable folder holds no mod we can use
                continue
            found += sorted(sub for sub in subs if is_file_safely(sub / MANIFEST))
    return found


def is_file_safely(p: Path) -> bool:
    """p.is_file(), False when a folder on the way cannot be read (instead of an error)."""
    try:
        return p.is_file()
    except OSError:  # a folder on the way cannot be read
        return False


def is_dir_safely(p: Path) -> bool:
    """p.is_dir(), False when a folder on the way cannot be read (instead of an error)."""
    try:
        return p.is_dir()
    except OSError:
        return False


def installed_mod_dirs(extra: list[Path] | None = None) -> list[Path]:
    """The user's mods folder (when it exists) followed by folders given with --mods."""
    out = [mods_dir()] if mods_dir().is_dir() else []
    return out + list(extra or [])


def _path_problem(root: Path, rel: str, full: Path, suffixes: tuple[str, ...]) -> str:
    if rel.startswith(("/", "\\")) or (len(rel) > 1 and rel[1] == ":"):
        return f'"{rel}" is an absolute path; name files relative to the mod folder'
    if "\\" in rel:
        return f'"{rel}" uses backslashes; write paths with forward slashes (images/card.png)'
    if ".." in Path(rel).parts or not inside(root, full):
        return f'"{rel}" leads outside the mod folder; a mod may only use files inside it'
    if full.suffix.lower() not in suffixes:
        return f'"{rel}" should be one of: {", ".join(suffixes)}'
    try:
        mode = full.stat().st_mode
    except OSError:
        return f'"{rel}" does not exist in the mod folder'
    if not stat.S_ISREG(mode):
        return f'"{rel}" is {kind_of(mode)}, not an ordinary file; it is never opened'
    return ""


def asset_problems(scenario: Scenario, scenario_file: Path, root: Path) -> list[tuple[tuple, str]]:
    """(field path, message) for each picture a scenario names that is missing, foreign or unsafe.

    Paths are relative to the scenario file's folder and must stay inside `root` (the mod
    folder, or for a scenario outside any mod, the folder that holds it).
    """
    named: list[tuple[tuple, str]] = []
    if scenario.meta.image:
        named.append((("meta", "image"), scenario.meta.image))
    for i, sp in enumerate(scenario.board.spaces):
        if sp.image:
            named.append((("board", "spaces", i, "image"), sp.image))
    for i, e in enumerate(scenario.events):
        if e.image:
            named.append((("events", i, "image"), e.image))
    out = []
    for path, rel in named:
        full = scenario_file.parent / rel
        problem = _path_problem(root, rel, full, IMAGE_SUFFIXES)
        if not problem:
            problem = _image_problem(full, rel)
        if problem:
            out.append((path, problem))
    return out


def _image_problem(full: Path, rel: str) -> str:
    from game.scenario.files import FileRefused, check_regular

    try:
        size = check_regular(full).st_size
        if size > MAX_ASSET_BYTES:
            return (
                f'"{rel}" is {size:,} bytes; pictures must be under {MAX_ASSET_BYTES // 1_000_000} MB'
            )
        with full.open("rb") as f:
            head = f.read(8)
    except FileRefused as e:
        return f'"{rel}" is not read: {e}'
    except OSError as e:
        return f'"{rel}" cannot be read: {e.strerror}'
    if not any(head.startswith(m) for m in _MAGIC[full.suffix.lower()]):
        return f'"{rel}" is not really a {full.suffix.lower()[1:].upper()} picture'
    return ""


def mod_root_of(path: Path, levels: int = 3) -> Path:
    """The mod folder a scenario file belongs to (the nearest folder with a mod.yaml, at most
    `levels` up), or the file's own folder when it is in no mod."""
    here = path.parent
    for folder in (here, *here.parents)[: levels + 1]:
        if is_file_safely(folder / MANIFEST):
            return folder
    return here


def mod_search_dirs(extra: list[Path] | None = None) -> list[Path]:
    """Folders where the game looks for mod scenarios: the user's mods folder, then --mods folders."""
    return installed_mod_dirs(extra)
