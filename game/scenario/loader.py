"""Reading scenario files: safe YAML with line numbers, pydantic validation, one full report.

`check_scenario_text` reads a scenario (or a mod's override of one), validates it and returns
the scenario with a `Report` of every problem found: errors that stop it loading and warnings
about legal but suspicious content, each with file, line, column, dotted field path and a
message a modder can act on. `load_scenario_file` and `parse_scenario_text` return a checked
`Scenario` or raise `ScenarioError` holding the errors.
"""

from __future__ import annotations

import copy
import hashlib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario.document import (
    MAX_BYTES,
    Document,
    DocumentError,
    read_document,
)
from game.scenario.refs import Problem, UnknownRef, check_references
from game.scenario.report import (
    ERROR,
    WARNING,
    FieldPath,
    Located,
    Report,
    ScenarioError,
)
from game.scenario.schema import (
    FORMAT_VERSION,
    ID_PATTERN,
    QUARTER_RE,
    YES_NO_FOR_NUMBER,
    Scenario,
    did_you_mean,
    suggest_id,
)

__all__ = [
    "MAX_BYTES",
    "Checked",
    "Located",
    "ScenarioError",
    "Source",
    "check_scenario_file",
    "check_scenario_text",
    "load_scenario_file",
    "parse_scenario_text",
    "read_scenario_file",
    "scenario_hash",
]

Where = Callable[[FieldPath], tuple[str, int, int]]
# Finds the base scenario an override extends, by id: a Source, or None when unknown.
BaseLookup = Callable[[str, tuple[str, ...]], "Source | None"]


@dataclass
class Source:
    """A scenario document ready to validate: its data, and where each of its paths was written.

    For a plain file `where` points into that file; for a mod's override it points into the
    override for what the mod changed and into the base file for the rest.
    """

    file: str
    data: Any
    where: Where
    problems: list[Located] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extends: str | None = None
    extends_at: tuple[int, int] = (1, 1)  # line and column of `extends:` in an override
    written: Callable[[FieldPath], FieldPath] | None = None  # path as the override wrote it
    override: Source | None = None  # for a merged override: the override file as written
    salvaged: Salvage | None = None  # parts of the override left out so the rest could be checked

    @classmethod
    def of(cls, doc: Document) -> Source:
        def where(path: FieldPath) -> tuple[str, int, int]:
            return (doc.file, *doc.locate(path))

        return cls(doc.file, doc.data, where, list(doc.problems))

    def located(self, path: FieldPath, message: str, severity: str = ERROR) -> Located:
        f, line, col = self.where(path)
        shown = self.written(path) if self.written else path
        dotted = self.dotted(shown)
        if f != self.file:
            # a problem the override caused inside its base: show it at the override's top
            message = f"{message} (in the base scenario, {f}:{line})"
            f, line, col = self.file, *self.extends_at
        return Located(f, line, col, severity, dotted, message)

    def dotted(self, path: FieldPath) -> str:
        """The path as a modder reads it. In an override, an entry of a list of named things is
        shown by its id (`events[heatwave]`, `add_deals[grid]`), not by its place in a list the
        modder never saw whole."""
        if self.override is None:
            return ".".join(str(p) for p in path)
        from game.scenario.overrides import entry_name

        shown = ""
        for n, seg in enumerate(path):
            name = entry_name(path[:n], seg, self.override.data, self.data)
            if name is not None:
                shown += f"[{name}]"
            else:
                shown += f"{'.' if shown else ''}{seg}"
        return shown


@dataclass
class Checked:
    """The outcome of checking one file: the scenario (None when it has errors) and the report."""

    file: str
    scenario: Scenario | None
    report: Report
    extends: str | None = None
    notes: list[str] = field(default_factory=list)
    source: Source | None = None  # what was validated (for an override, the merged scenario)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and self.report.ok

    def place(self, path: FieldPath, message: str, severity: str = ERROR) -> Located:
        """A problem found later (a picture, say) at `path` of the checked scenario, pinned where
        the modder wrote it, like the loader's own problems."""
        if self.source is None:
            return Located(self.file, 1, 1, severity, ".".join(map(str, path)), message)
        return self.source.located(path, message, severity)


def read_scenario_file(path: Path) -> str:
    """The file's text, refusing huge, unreadable or unusual files (a FIFO, a device, a
    folder) before reading a byte of them."""
    from game.scenario.files import FileRefused, read_regular_file

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Located(str(path), 1, 1, ERROR, "", message)])

    try:
        raw = read_regular_file(path, MAX_BYTES)
    except FileRefused as e:
        raise fail(f"not read: {e}") from None
    except OSError as e:
        hint = ""
        if isinstance(e, PermissionError):
            hint = "; give yourself permission to read it (e.g. chmod u+r), or move it away"
        raise fail(f"cannot read it: {e.strerror or e}{hint}") from None
    return decode_text(raw, str(path))


SAVE_AS_UTF8 = (
    "save the file as UTF-8 in your editor: in VS Code, click the encoding on the status bar "
    '(bottom right) and choose "Save with Encoding", then "UTF-8"; in Notepad, File > Save As, '
    "Encoding: UTF-8"
)
_WIDE = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode_text(raw: bytes, filename: str) -> str:
    """The text of a scenario file, which must be UTF-8 (a UTF-8 byte order mark is fine).

    Text saved in another encoding is refused where it first goes wrong, by line and column,
    with how to save it as UTF-8: UTF-16 or UTF-32 (what some Windows editors call "Unicode")
    by name, Latin-1 or Windows-1252 at the first letter that is not UTF-8.
    """

    def fail(message: str, line: int = 1, column: int = 1) -> ScenarioError:
        return ScenarioError([Located(filename, line, column, ERROR, "", message)])

    wide = next((name for bom, name in _WIDE.items() if raw.startswith(bom)), None)
    head = raw[:256]
    zeros = sorted((head[0::2].count(0), head[1::2].count(0)))
    if wide is None and len(head) >= 4 and zeros[1] > 0.6 * (len(head) // 2) and zeros[0] == 0:
        wide = "UTF-16"  # no byte order mark, but every other byte is zero: English in UTF-16
    if wide:
        raise fail(f"the file is saved as {wide} text, and scenario files are UTF-8: {SAVE_AS_UTF8}")
    if b"\x00" in raw[:8192]:
        raise fail("this is a binary file, not a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = raw.rfind(b"\n", 0, e.start) + 1
        line = raw.count(b"\n", 0, e.start) + 1
        column = len(raw[line_start : e.start].decode("utf-8", "replace")) + 1
        bad = raw[e.start : e.start + 1]
        letter = bad.decode("cp1252", "replace")
        later = raw[e.end :].decode("utf-8", "replace").count("\ufffd")
        more = f" (and {later} more further on)" if later else ""
        raise fail(
            f"this is not UTF-8 text: byte 0x{bad.hex().upper()} here is probably "
            f'"{letter}" saved as Latin-1 or Windows-1252{more}; {SAVE_AS_UTF8}',
            line,
            column,
        ) from None


def read_source(text: str, filename: str) -> Source:
    """Read YAML text into a Source; raise ScenarioError if it is not a usable document."""
    try:
        doc = read_document(text, filename)
    except DocumentError as e:
        raise ScenarioError([e.problem]) from None
    if not isinstance(doc.data, dict):
        raise ScenarioError(
            [
                Located(
                    filename,
                    1,
                    1,
                    ERROR,
                    "",
                    "a scenario file must be a mapping of sections (format_version:, meta:, ...)",
                )
            ]
        )
    return Source.of(doc)


def check_scenario_text(
    text: str,
    filename: str = "<scenario>",
    *,
    bases: BaseLookup | None = None,
    chain: tuple[str, ...] = (),
) -> Checked:
    """Read, migrate, merge (for an override) and validate; report every problem found."""
    report = Report()
    try:
        src = read_source(text, filename)
    except ScenarioError as e:
        report.extend(e.problems)
        return Checked(filename, None, report)
    return check_source(src, bases=bases, chain=chain)


def check_source(
    src: Source, *, bases: BaseLookup | None = None, chain: tuple[str, ...] = ()
) -> Checked:
    report = Report()
    report.extend(src.problems)
    version_problem = _check_version(src)
    if version_problem:
        report.add(version_problem)
        return Checked(src.file, None, report)
    from game.scenario.migrate import migrate

    src.data, notes = migrate(src.data)
    src.notes.extend(notes)
    for note in notes:
        report.add(
            src.located(
                ("format_version",), f"{note}; set format_version: {FORMAT_VERSION}", WARNING
            )
        )
    if "extends" in src.data:
        from game.scenario.overrides import apply_override

        merged, problems = apply_override(src, bases, chain)
        report.extend(problems)
        if merged is None:
            return Checked(src.file, None, report, extends=src.data.get("extends"), notes=notes)
        src = merged
    scenario, problems = validate_source(src)
    report.extend(problems)
    ok = scenario is not None and report.ok
    return Checked(
        src.file, scenario if ok else None, report, extends=src.extends, notes=notes, source=src
    )


def _check_version(src: Source) -> Located | None:
    version = src.data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return src.located(
            ("format_version",),
            f"this file uses format version {version}, newer than this game reads "
            f"({FORMAT_VERSION}); update the game, or ask the author for a version "
            f"{FORMAT_VERSION} file",
        )
    return None


def validate_source(src: Source) -> tuple[Scenario | None, list[Located]]:
    """Validate merged data as a Scenario, then its cross-references and suspicious content.

    Everything is checked in one pass: where the schema refuses parts of the file, those parts
    are left out (see `salvage`) and the rest still gets its reference checks and warnings, so a
    modder sees every problem at once. The scenario is returned only when nothing was left out.
    """
    fix = None
    try:
        scenario: Scenario | None = Scenario.model_validate(src.data)
        found = []
    except ValidationError as err:
        found = [src.located(loc, msg) for loc, msg in pydantic_problems(err, Scenario)]
        scenario, fix = salvage(src.data, Scenario, SCENARIO_LISTS)
        if scenario is None:
            return None, found
    from game.scenario.lint import check_suspicious

    problems: list[Problem] = check_references(scenario, absent=fix.absent if fix else ())
    problems += check_suspicious(scenario)
    for p in problems:
        path = fix.original(p.path) if fix else p.path
        if (fix and fix.hides(p, path)) or (
            src.salvaged and src.salvaged.hides(p, src.written(path) if src.written else path)
        ):
            continue
        found.append(_blame_removal(src, path, p) or src.located(path, p.message, p.severity))
    complete = fix is None and src.salvaged is None
    return (scenario if complete else None), found


def _blame_removal(src: Source, path: FieldPath, p: Problem) -> Located | None:
    """A reference the base scenario still makes to an entry the override removes, pinned to the
    line of the override that removes it."""
    if src.override is None or not isinstance(p, UnknownRef) or src.where(path)[0] == src.file:
        return None
    removals = src.override.data.get(f"remove_{p.kind}")
    if not isinstance(removals, list) or p.value not in removals:
        return None
    at = ("remove_" + p.kind, removals.index(p.value))
    base_file, base_line, _ = src.where(path)
    _, line, col = src.override.where(at)
    return Located(
        src.file,
        line,
        col,
        p.severity,
        src.override.dotted(at),
        f"the base scenario still names this {p.kind[:-1]} at {src.dotted(path)} ({base_file}:{base_line}); "
        f"remove or replace that entry too, or keep the {p.kind[:-1]}",
    )


# ---------------------------------------------------------------------------- one pass


# The lists of entries a scenario (and an override) is made of: an entry the schema refuses is
# left out of the reference checks and warnings, and the rest of its list is still checked.
SCENARIO_LISTS: tuple[FieldPath, ...] = (
    ("events",),
    ("deals",),
    ("products",),
    ("board", "spaces"),
    ("board", "routes"),
    ("campus_sites",),
    ("goals", "win"),
    ("goals", "lose"),
    ("script",),
    ("history",),
    ("reported_plays",),
    ("ask_ladder",),
    ("meta", "learning_goals"),
)
# Stand-ins for required words whose value the schema refused: the checks that follow do not
# read them, and a refused id or title must not hide the problems of every card.
_STAND_INS: dict[FieldPath, Any] = {
    ("format_version",): FORMAT_VERSION,
    ("meta", "id"): "unchecked",
    ("meta", "title"): "unchecked",
    ("meta", "author"): "unchecked",
    ("meta", "summary"): "unchecked",
    ("meta", "length_minutes"): 30,
    ("goals", "time_up"): "unchecked",
}
_MAX_SALVAGE_ROUNDS = 8


@dataclass
class Salvage:
    """What was left out of a document so that the rest could be validated.

    `kept[list path]` gives, for each entry still in that list, its place in the file; `cut`
    holds the file paths of the entries (or fields) left out; `dropped_ids` the ids they had.
    """

    data: Any
    kept: dict[FieldPath, list[int]] = field(default_factory=dict)
    cut: list[FieldPath] = field(default_factory=list)
    dropped_ids: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)  # constants left out
    lost_section: bool = False  # a whole optional section was left out

    def original(self, path: FieldPath) -> FieldPath:
        """A path of the salvaged data as a path of the file."""
        out = tuple(path)
        for n in range(len(out)):
            kept = self.kept.get(out[:n])
            if kept is not None and isinstance(out[n], int) and out[n] < len(kept):
                out = out[:n] + (kept[out[n]],) + out[n + 1 :]
        return out

    def hides(self, problem: Problem, path: FieldPath) -> bool:
        """True for a problem that only arises because parts were left out (`path` in the file)."""
        if problem.needs_all:
            return True
        if isinstance(problem, UnknownRef) and (self.lost_section or problem.value in self.dropped_ids):
            return True
        return any(tuple(path[: len(c)]) == c for c in self.cut)


def salvage(data: Any, model: type[BaseModel], lists: tuple[FieldPath, ...]) -> tuple[Any, Salvage]:
    """Validate `data` as `model`, leaving out what the schema refuses; (model or None, Salvage).

    Each refused place is cut as narrowly as the schema allows: an unknown or optional field is
    dropped, a required word gets a stand-in, and otherwise the entry of `lists` holding it is
    left out (a card with a misspelt effect loses that effect; a card without a title is left
    out whole). None when a required section itself is refused.
    """
    fix = Salvage(copy.deepcopy(data))
    for _ in range(_MAX_SALVAGE_ROUNDS):
        try:
            return model.model_validate(fix.data), fix
        except ValidationError as err:
            drops: dict[FieldPath, set[int]] = {}
            for e in err.errors(include_url=False):
                loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x.startswith(("function-", "choice-"))))
                if not _repair(fix, model, lists, loc, e["type"], drops):
                    return None, fix
            for list_path, places in drops.items():
                items = _at(fix.data, list_path)
                kept = fix.kept.setdefault(list_path, list(range(len(items))))
                for i in sorted(places, reverse=True):
                    del items[i]
                    del kept[i]
    return None, fix


def _at(data: Any, path: FieldPath) -> Any:
    for seg in path:
        found = seg in data if isinstance(data, dict) else (
            isinstance(data, list) and isinstance(seg, int) and 0 <= seg < len(data)
        )
        if not found:
            return _MISSING
        data = data[seg]
    return data


_MISSING = object()


def _repair(
    fix: Salvage, model: type[BaseModel], lists: tuple[FieldPath, ...], loc: FieldPath, kind: str,
    drops: dict[FieldPath, set[int]],
) -> bool:
    """Cut the narrowest part of fix.data around the refused place `loc`; False if none can be."""
    entry = next(
        (loc[: len(lp) + 1] for lp in lists if loc[: len(lp)] == lp and len(loc) > len(lp)), None
    )
    for n in range(len(loc), 0, -1):
        here, seg = loc[: n - 1], loc[n - 1]
        holder = _at(fix.data, here)
        if isinstance(holder, list) and here in lists and isinstance(seg, int) and seg < len(holder):
            item = holder[seg]
            name = item.get("id") if isinstance(item, dict) else item if isinstance(item, str) else None
            if isinstance(name, str):
                fix.dropped_ids.add(name)
            drops.setdefault(here, set()).add(seg)
            fix.cut.append(fix.original(loc[:n]))
            return True
        if not isinstance(holder, dict) or seg not in holder:
            continue  # a missing field, or a place inside a union's alternatives: look higher
        parent = model_at(model, here)
        # a map of names (effects, start...), an unknown field, or one with a default
        fields = {} if parent is None or "root" in parent.model_fields else parent.model_fields
        if seg not in fields or not fields[seg].is_required():
            if here == ("constants",):
                fix.absent.add(str(seg))
            if len(loc[:n]) == 1:
                fix.lost_section = True
            del holder[seg]
        elif loc[:n] in _STAND_INS:
            holder[seg] = _STAND_INS[loc[:n]]
        else:
            continue
        fix.cut.append(fix.original(entry or loc[:n]))
        return True
    return False


# ---------------------------------------------------------------------------- pydantic messages


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The pydantic model that holds the field at `path` (to suggest field names)."""
    tp: Any = root
    for seg in path:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if isinstance(seg, int) or seg not in tp.model_fields:
                return None
            tp = tp.model_fields[seg].annotation
        else:
            origin = typing.get_origin(tp)
            args = typing.get_args(tp)
            if origin in (list, tuple) and args:
                tp = args[0]
            elif origin is dict and args:
                tp = args[1]
            else:
                return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    import types

    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                # text or a model (a learning goal): the model is where field names come from
                models = [a for a in map(_unwrap, args) if isinstance(a, type) and issubclass(a, BaseModel)]
                return models[0] if len(models) == 1 else tp
            tp = args[0]
        else:
            return tp


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _num(x: Any) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def pydantic_problems(err: ValidationError, root: type[BaseModel]) -> list[tuple[tuple, str]]:
    """(location, message) for each error, in a modder's words."""
    out = []
    for e in err.errors(include_url=False):
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x.startswith(("function-", "choice-"))))
        out.append((loc, _message(e, loc, root)))
    return out


def _message(e: dict, loc: tuple, root: type[BaseModel]) -> str:
    kind = e["type"]
    ctx = e.get("ctx") or {}
    value = e.get("input")
    msg = str(e["msg"]).removeprefix("Value error, ")
    name = str(loc[-1]) if loc else "the file"
    if kind == "extra_forbidden" and loc:
        parent = model_at(root, loc[:-1])
        known = list(parent.model_fields) if parent else []
        msg = f'unknown field "{loc[-1]}"{did_you_mean(str(loc[-1]), known)}'
        if known:
            msg += f"; this part takes: {', '.join(known)}"
        return msg
    if kind == "missing":
        parent = model_at(root, loc[:-1]) if loc else None
        desc = ""
        if parent and name in parent.model_fields:
            desc = parent.model_fields[name].description or ""
        return f'"{name}" is missing' + (
            f" ({desc[0].lower()}{desc[1:].rstrip('.')})" if desc else ""
        )
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            suggestion = suggest_id(str(value))
            return (
                f'"{value}" is not a valid id: use lower-case letters, digits and underscores, '
                "starting with a letter" + (f' (e.g. "{suggestion}")' if suggestion else "")
            )
        if pattern == QUARTER_RE.pattern:
            return f'"{value}" is not a quarter: write the year, Q and the quarter, like 2024Q1'
        return f'"{value}" does not have the expected form'
    if kind == "literal_error" and name == "format_version":
        return (
            f"format_version must be {FORMAT_VERSION} (got {_kind(value)}); "
            f"this game reads format {FORMAT_VERSION}"
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("at least", "ge"),
            "greater_than": ("more than", "gt"),
            "less_than_equal": ("at most", "le"),
            "less_than": ("less than", "lt"),
        }[kind]
        return f"must be {words[0]} {_num(ctx.get(words[1]))} (got {_num(value)})"
    if kind in ("string_too_short",):
        return "cannot be empty" if ctx.get("min_length") == 1 else f"is too short: {msg}"
    if kind == "too_short":
        n = ctx.get("min_length")
        return f"needs at least {n} item{'s' if n != 1 else ''} (has {ctx.get('actual_length', 0)})"
    if kind in ("string_too_long", "too_long"):
        n = ctx.get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        return f"is too long: at most {n} {unit}"
    if kind == YES_NO_FOR_NUMBER:
        return (
            f"expected a number, got {_kind(value)}; YAML reads yes, no, on and off as "
            "true/false: write the number itself (e.g. 1 or 0)"
        )
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"expected a number, got {_kind(value)}"
    if kind == "int_from_float":
        return f"expected a whole number, got {_num(value)}"
    if kind == "finite_number":
        return f"expected an ordinary number, got {_kind(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {_kind(value)}"
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = "; YAML reads yes, no, on and off as true/false: put the text in quotes"
        return f"expected text, got {_kind(value)}{hint}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if any(isinstance(x, str) and x.startswith("choice-") for x in e["loc"]):
            return f'expected text, or a mapping of fields ("key: value" lines), got {_kind(value)}'
        return f'expected a mapping of fields ("key: value" lines), got {_kind(value)}'
    if kind == "literal_error" and "expected" in ctx:
        options = [o.strip().strip("'\"") for o in str(ctx["expected"]).replace(" or ", ", ").split(",")]
        return f'"{value}" is not one of: {", ".join(options)}{did_you_mean(str(value), options)}'
    if kind in ("list_type", "tuple_type"):
        return f'expected a list (lines starting with "- " or [a, b]), got {_kind(value)}'
    return msg


# ---------------------------------------------------------------------------- the simple API


def check_scenario_file(path: Path, *, bases: BaseLookup | None = None) -> Checked:
    """Check one file on disk (a scenario or an override); never raises for a bad file."""
    try:
        text = read_scenario_file(path)
    except ScenarioError as e:
        report = Report()
        report.extend(e.problems)
        return Checked(str(path), None, report)
    return check_scenario_text(text, str(path), bases=bases)


def parse_scenario_text(
    text: str, filename: str = "<scenario>", bases: BaseLookup | None = None
) -> Scenario:
    """Parse and check scenario text; raise ScenarioError with every error found.

    Warnings do not stop a scenario loading; `check_scenario_text` returns them.
    """
    checked = check_scenario_text(text, filename, bases=bases)
    if checked.scenario is None:
        raise ScenarioError(checked.report.sorted())
    return checked.scenario


def load_scenario_file(path: Path, bases: BaseLookup | None = None) -> Scenario:
    """Load a scenario or override file, with its pictures checked; raise ScenarioError."""
    from game.scenario.registry import check_file

    checked = check_file(Path(path), bases)  # type: ignore[arg-type]
    if checked.scenario is None:
        raise ScenarioError(checked.report.sorted())
    return checked.scenario


def scenario_hash(scenario: Scenario) -> str:
    """A short content hash of a scenario, stored in saves to spot a changed file. A translated
    scenario has its original's hash: saves name the scenario, not the language it was read in."""
    scenario = scenario._translated_from or scenario
    raw = scenario.model_dump_json(round_trip=True).encode()
    return hashlib.sha256(raw).hexdigest()[:16]
