"""The validation report: every problem found in a scenario or mod, pinned to a file position.

A `Located` problem prints as `path:line:column: error|warning: dotted.field.path: message`,
the shape compilers use, so editors and CI logs turn it into a link. A `Report` collects the
problems of one or many files, errors and warnings together, in file order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# A position: (file, line, column), lines and columns counted from 1.
Position = tuple[str, int, int]
# Dotted path of a field inside a document, e.g. ("events", 3, "when", "scrutiny").
FieldPath = tuple[str | int, ...]


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
        field_ = f"{self.path}: " if self.path else ""
        return f"{where}: {self.severity}: {field_}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Report:
    """Problems found, errors and warnings alike; `ok` means no error (warnings allowed)."""

    problems: list[Located] = field(default_factory=list)

    def add(self, problem: Located) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, problems: Iterable[Located]) -> None:
        for p in problems:
            self.add(p)

    def error(
        self, file: str, message: str, line: int = 1, column: int = 1, path: str = ""
    ) -> None:
        self.add(Located(file, line, column, ERROR, path, message))

    def warning(
        self, file: str, message: str, line: int = 1, column: int = 1, path: str = ""
    ) -> None:
        self.add(Located(file, line, column, WARNING, path, message))

    @property
    def errors(self) -> list[Located]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Located]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def clean(self) -> bool:
        """No error and no warning."""
        return not self.problems

    def sorted(self) -> list[Located]:
        """In file order: by file, line, column, errors before warnings at the same place."""
        return sorted(
            self.problems, key=lambda p: (p.file, p.line, p.column, p.severity != ERROR, p.path)
        )

    def __iter__(self) -> Iterator[Located]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        """'2 errors, 1 warning' (or 'no problems')."""
        e, w = len(self.errors), len(self.warnings)
        if not e and not w:
            return "no problems"
        parts = []
        if e:
            parts.append(f"{e} error{'s' if e != 1 else ''}")
        if w:
            parts.append(f"{w} warning{'s' if w != 1 else ''}")
        return ", ".join(parts)


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` says every reason (warnings may be among them)."""

    def __init__(self, problems: list[Located]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def errors(self) -> list[Located]:
        return [p for p in self.problems if p.severity == ERROR]

    def first_line(self) -> str:
        """One line for a menu: the first error."""
        first = (self.errors or self.problems or [None])[0]
        return str(first) if first else "the scenario could not be loaded"
