"""Reading scenario files: safe YAML with line numbers, pydantic validation, one clear report.

`load_scenario` either returns a checked `Scenario` or raises `ScenarioError` holding every
problem found, each with file, line, column, dotted field path and a message a modder can act on.
"""

from __future__ import annotations

import hashlib
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from game.scenario.refs import Problem, check_references
from game.scenario.schema import FORMAT_VERSION, Scenario, did_you_mean

MAX_BYTES = 2_000_000  # a scenario is text; anything bigger is a mistake or an attack


@dataclass(frozen=True)
class Located:
    """A problem pinned to a place in a file."""

    file: str
    line: int
    column: int
    severity: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {self.severity}: {field}{self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` says every reason."""

    def __init__(self, problems: list[Located]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loading that refuses anchors and aliases (they can blow up memory)."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None,
                None,
                "YAML aliases (*name) are not allowed in scenario files: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _positions(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict:
    """Map each dotted path in the document to the (line, column) where it starts."""
    out = {} if out is None else out
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else str(k.value)
            out[path + (key,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
            _positions(v, path + (key,), out)
            # the value's own start, for errors about the value rather than the key
            out.setdefault(path + (key, "<value>"), (v.start_mark.line + 1, v.start_mark.column + 1))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _positions(v, path + (i,), out)
    return out


def _locate(positions: dict, path: tuple) -> tuple[int, int]:
    p = tuple(path)
    while p and p not in positions:
        p = p[:-1]
    return positions.get(p, (1, 1))


def _model_at(path: tuple) -> type[BaseModel] | None:
    """The pydantic model that holds the field at `path` (to suggest field names)."""
    tp: Any = Scenario
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
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _pydantic_problems(err: ValidationError) -> list[tuple[tuple, str]]:
    out = []
    for e in err.errors(include_url=False):
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden" and loc:
            parent = _model_at(loc[:-1])
            known = list(parent.model_fields) if parent else []
            msg = f'unknown field "{loc[-1]}"{did_you_mean(str(loc[-1]), known)}'
            if known:
                msg += f"; this part takes: {', '.join(known)}"
        elif e["type"] == "missing":
            msg = f'"{loc[-1]}" is missing' if loc else "a field is missing"
        elif e["type"] in ("float_parsing", "float_type", "int_parsing", "int_type"):
            msg = f"{msg} (got {e.get('input')!r})"
        out.append((loc, msg))
    return out


def parse_scenario_text(text: str, filename: str = "<scenario>") -> Scenario:
    """Parse and check scenario text; raise ScenarioError with every problem found."""

    def fail(line: int, col: int, message: str, path: str = "") -> ScenarioError:
        return ScenarioError([Located(filename, line, col, "error", path, message)])

    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise fail(1, 1, f"the file is larger than {MAX_BYTES // 1_000_000} MB; a scenario is short text")
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
        data = yaml.load(text, Loader=_NoAliasLoader) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(line, col, f"not valid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise fail(1, 1, f"not valid YAML: {e}") from None
    except RecursionError:
        raise fail(1, 1, "the YAML is nested too deeply") from None
    if data is None:
        raise fail(1, 1, "the file is empty; start from scenarios/examples or MODDING.md")
    if not isinstance(data, dict):
        raise fail(1, 1, "a scenario file must be a mapping of sections (meta:, calendar:, ...)")
    positions = _positions(node)
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        line, col = _locate(positions, ("format_version",))
        raise fail(
            line,
            col,
            f"this file uses format version {version}, newer than this game reads "
            f"({FORMAT_VERSION}); update the game, or ask the author for a version {FORMAT_VERSION} file",
            "format_version",
        )
    from game.scenario.migrate import migrate

    data, _notes = migrate(data)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        located = []
        for loc, msg in _pydantic_problems(err):
            line, col = _locate(positions, loc)
            located.append(Located(filename, line, col, "error", ".".join(map(str, loc)), msg))
        raise ScenarioError(located) from None
    problems = [p for p in check_references(scenario) if p.severity == "error"]
    if problems:
        raise ScenarioError([_place(filename, positions, p) for p in problems])
    return scenario


def _place(filename: str, positions: dict, p: Problem) -> Located:
    line, col = _locate(positions, p.path)
    return Located(filename, line, col, p.severity, p.dotted, p.message)


def read_scenario_file(path: Path) -> str:
    """The file's text, refusing huge files before reading them."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ScenarioError([Located(str(path), 1, 1, "error", "", f"cannot read it: {e.strerror}")]) from None
    if size > MAX_BYTES:
        raise ScenarioError(
            [Located(str(path), 1, 1, "error", "", f"the file is {size:,} bytes, over the 2 MB limit")]
        )
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ScenarioError(
            [Located(str(path), 1, 1, "error", "", f"not UTF-8 text (byte {e.start}); save it as UTF-8")]
        ) from None
    except OSError as e:
        raise ScenarioError([Located(str(path), 1, 1, "error", "", f"cannot read it: {e.strerror}")]) from None


def load_scenario_file(path: Path) -> Scenario:
    return parse_scenario_text(read_scenario_file(path), str(path))


def scenario_hash(scenario: Scenario) -> str:
    """A short content hash of a scenario, stored in saves to spot a changed file."""
    raw = scenario.model_dump_json(round_trip=True).encode()
    return hashlib.sha256(raw).hexdigest()[:16]
