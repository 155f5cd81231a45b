"""Reading YAML safely into plain data, remembering where every key and item starts.

Only the YAML a scenario needs is accepted: one document of mappings, lists and plain scalars.
Anchors and aliases are refused (they can multiply a small file into gigabytes), as are files
over the size limit, nesting deeper than any scenario needs, and keys written twice (YAML would
silently keep the second). Parsing uses libyaml when it is installed, so a folder of files
validates in a blink; the pure-Python parser is the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.report import ERROR, FieldPath, Located

MAX_BYTES = 2_000_000  # a scenario is text; anything bigger is a mistake or an attack
MAX_DEPTH = 40  # the deepest part of a scenario (an effect inside a choice inside a card) is 6
MAX_NODES = 200_000  # the default campaign has about 3,000

_FAST = getattr(yaml, "__with_libyaml__", False)
_Loader: Any = yaml.CSafeLoader if _FAST else yaml.SafeLoader


@dataclass
class Document:
    """A parsed YAML file: its data, where each path starts, and any problem found reading it."""

    file: str
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)

    def locate(self, path: FieldPath) -> tuple[int, int]:
        """Line and column of the nearest part of `path` present in the file."""
        return locate(self.positions, path)


def locate(positions: dict, path: FieldPath) -> tuple[int, int]:
    p = tuple(path)
    while p and p not in positions:
        p = p[:-1]
    return positions.get(p, (1, 1))


class DocumentError(Exception):
    """The text is not a YAML document a scenario can be read from."""

    def __init__(self, problem: Located):
        self.problem = problem
        super().__init__(str(problem))


def read_document(text: str, filename: str) -> Document:
    """Parse YAML text; raise DocumentError with one clear problem when it cannot be read."""

    def fail(message: str, line: int = 1, column: int = 1) -> DocumentError:
        return DocumentError(Located(filename, line, column, ERROR, "", message))

    size = len(text.encode("utf-8", "replace"))
    if size > MAX_BYTES:
        raise fail(
            f"the file is {size:,} bytes, over the {MAX_BYTES // 1_000_000} MB limit; "
            "a scenario is a few dozen kB of text"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        _prescan(text, fail)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise fail("the file is empty; start from scenarios/examples or MODDING.md")
            problems: list[Located] = []
            positions: dict[FieldPath, tuple[int, int]] = {}
            _walk(node, (), positions, problems, filename)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark is not None and _flow_depth_before(text, mark.index) > MAX_DEPTH:
            # Some YAML libraries stop absurd [[[...]]] nesting with a limit of their own, worded
            # their own way; the refusal a modder reads is ours, whatever the library says.
            raise fail(_TOO_DEEP, line, col) from None
        what, line, col = _yaml_mistake(e, text, line, col)
        raise fail(f"not valid YAML: {what}", line, col) from None
    except yaml.YAMLError:
        raise fail(f"not valid YAML: {_UNREADABLE}") from None
    except RecursionError:
        raise fail("the YAML is nested too deeply") from None
    except (ValueError, OverflowError):  # e.g. a date the constructor cannot hold
        raise fail(
            "not valid YAML: a date the calendar does not have (such as 2024-13-45); write quarters "
            'as 2024Q1, or put the value in quotes ("2024-13-45")'
        ) from None
    return Document(filename, data, positions, problems)


_TOO_DEEP = f"the YAML is nested more than {MAX_DEPTH} levels deep; no scenario needs that"
_UNREADABLE = (
    "the YAML cannot be read here: check the indentation (spaces only), the colon after each key, "
    "and that every quote and bracket is closed"
)


def _yaml_mistake(e: yaml.MarkedYAMLError, text: str, line: int, col: int) -> tuple[str, int, int]:
    """The game's own words for a YAML mistake, and where to show it.

    The parser's wording differs between libyaml and pure-Python PyYAML and between versions, so
    the message is chosen from the kind of error, what it was reading and the character at the
    spot, never from the parser's sentence (which a modder would then get in two dialects).
    """
    context = e.context or ""
    start = e.context_mark.line + 1 if e.context_mark else line
    at = e.problem_mark.index if e.problem_mark else -1
    char = text[at] if 0 <= at < len(text) else ""
    if isinstance(e, yaml.constructor.ConstructorError):
        return "YAML tags such as !!python/... are not allowed in scenario files", line, col
    if isinstance(e, yaml.composer.ComposerError) and "single document" in context:
        return (
            "a second document (a --- line) in the file: a scenario is one document; remove the "
            "--- line, or put the second part in a file of its own"
        ), line, col
    if "flow sequence" in context:
        return (
            f'a list opened with "[" on line {start} is not closed: add the "]", or put text that '
            'starts with "[" in quotes'
        ), line, col
    if "flow mapping" in context:
        return (
            f'a map opened with "{{" on line {start} is not closed: add the "}}", or put text that '
            'starts with "{" in quotes'
        ), line, col
    if "flow node" in context:
        return f"an empty entry (two commas?) in the list or map that starts on line {start}", line, col
    if "quoted scalar" in context:
        if at >= len(text.rstrip()) or not char:
            return (
                f"the quoted text that opens on line {start} is never closed: add the closing quote"
            ), start, e.context_mark.column + 1 if e.context_mark else col
        return (
            'a backslash in "double quotes" that YAML does not know: write \\\\ for a backslash, '
            "or use 'single quotes'"
        ), line, col
    if "simple key" in context:
        return (
            f'line {start} has no ":" after its key: write "key: value", or put the text in quotes'
        ), start, e.context_mark.column + 1 if e.context_mark else col
    if "block mapping" in context:
        if char == "-":
            return (
                f'a list item ("- ") where the keys of the map that starts on line {start} belong: '
                "indent the list under its key"
            ), line, col
        return (
            f"this line does not line up with the keys of the map that starts on line {start}: check "
            'its indentation (spaces only), and that it reads "key: value" with any quoted text closed'
        ), line, col
    if "block collection" in context:
        return (
            f'this line does not line up with the list that starts on line {start}: check its '
            'indentation and its "- "'
        ), line, col
    if char == "\t":
        return "a tab character: YAML indents with spaces only; replace the tab with spaces", line, col
    if char == ":":
        return (
            'a ":" where no key can start: put a value that contains ": " in quotes '
            '(title: "Plan: build"), or indent this line like its neighbours'
        ), line, col
    if char and "next token" in context:
        return f'"{char}" cannot start a value: put the value in quotes', line, col
    return _UNREADABLE, line, col


def _flow_depth_before(text: str, end: int) -> int:
    """The deepest run of unclosed [ and { in text[:end], counted as plain characters.

    Only used to word a refusal the parser has already made, so quotes and comments need no care.
    """
    depth = deepest = 0
    for ch in re.findall(r"[\[\]{}]", text[:end]):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


# A plain number written with more characters than this is a mistake or an attack (Python's int
# parser refuses over 4,300 digits with an error of its own; no figure needs 40).
MAX_NUMBER_CHARS = 40
_NUMBER_LIKE = re.compile(r"[-+]?[0-9_.,:eE+-]+")


def _prescan(text: str, fail: Any) -> None:
    """Walk the event stream once: refuse aliases, absurd nesting and absurd size early."""
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=_Loader), start=1):
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            raise fail(
                "YAML aliases (*name) are not allowed in scenario files: write the value out",
                m.line + 1,
                m.column + 1,
            )
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                m = event.start_mark
                raise fail(_TOO_DEEP, m.line + 1, m.column + 1)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif (
            isinstance(event, yaml.ScalarEvent)
            and event.implicit[0]
            and len(event.value) > MAX_NUMBER_CHARS
            and _NUMBER_LIKE.fullmatch(event.value)
        ):
            m = event.start_mark
            digits = sum(c.isdigit() for c in event.value)
            raise fail(
                f"a number of {digits:,} digits is far beyond any a scenario uses; write a figure "
                "of a sane size",
                m.line + 1,
                m.column + 1,
            )
        if count > MAX_NODES:
            raise fail(f"the file holds more than {MAX_NODES:,} values; a scenario needs far fewer")


def _walk(
    node: yaml.Node,
    path: FieldPath,
    out: dict[FieldPath, tuple[int, int]],
    problems: list[Located],
    filename: str,
) -> None:
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for k, v in node.value:
            kline, kcol = k.start_mark.line + 1, k.start_mark.column + 1
            if not isinstance(k, yaml.ScalarNode):
                problems.append(
                    Located(
                        filename, kline, kcol, ERROR, _dotted(path), "a key must be a plain word"
                    )
                )
                continue
            key = k.value
            if key in seen:
                problems.append(
                    Located(
                        filename,
                        kline,
                        kcol,
                        ERROR,
                        _dotted(path + (key,)),
                        f'"{key}" appears twice in the same place (first on line {seen[key]}); '
                        "YAML would silently keep only the second",
                    )
                )
                continue
            seen[key] = kline
            out[path + (key,)] = (kline, kcol)
            _walk(v, path + (key,), out, problems, filename)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, path + (i,), out, problems, filename)


def _dotted(path: FieldPath) -> str:
    return ".".join(str(p) for p in path)
