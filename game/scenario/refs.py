"""Cross-reference checks on a parsed scenario: ids that must exist, constants that must be there.

Each problem carries the dotted path of the field it concerns, so the loader can point at the
line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from game.model.economy import Constants, PitchConstants
from game.scenario.schema import Condition, Scenario, did_you_mean, quarter_index

REQUIRED_CONSTANTS: tuple[str, ...] = tuple(f.name for f in fields(Constants)) + tuple(
    f.name for f in fields(PitchConstants)
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario."""

    path: tuple[str | int, ...]
    message: str
    severity: str = "error"  # or "warning"

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


def _check_condition(
    cond: Condition | None, path: tuple, ids: dict[str, list[str]], out: list[Problem]
) -> None:
    if cond is None:
        return
    kinds = {"at": "spaces", "signed": "deals", "not_signed": "deals", "running": "products"}
    for key, kind in kinds.items():
        val = cond.root.get(key)
        if val is not None and val not in ids[kind]:
            what = kind[:-1]
            out.append(
                Problem(path + (key,), f'unknown {what} "{val}"{did_you_mean(val, ids[kind])}')
            )


def check_references(s: Scenario) -> list[Problem]:
    """Every cross-reference problem of a scenario, in file order."""
    out: list[Problem] = []
    ids = {
        "spaces": [sp.id for sp in s.board.spaces],
        "deals": [d.id for d in s.deals],
        "products": [p.id for p in s.products],
        "events": [e.id for e in s.events],
    }
    for key in REQUIRED_CONSTANTS:
        if key not in s.constants:
            out.append(Problem(("constants",), f'missing constant "{key}"'))
    for key in s.constants:
        if key not in REQUIRED_CONSTANTS:
            out.append(
                Problem(
                    ("constants", key),
                    f'unknown constant "{key}"{did_you_mean(key, REQUIRED_CONSTANTS)}',
                )
            )
    for i, (a, b) in enumerate(s.board.routes):
        for j, end in enumerate((a, b)):
            if end not in ids["spaces"]:
                out.append(
                    Problem(
                        ("board", "routes", i, j),
                        f'unknown space "{end}"{did_you_mean(end, ids["spaces"])}',
                    )
                )
    if s.start_space is not None and s.start_space not in ids["spaces"]:
        out.append(
            Problem(
                ("start_space",),
                f'unknown space "{s.start_space}"{did_you_mean(s.start_space, ids["spaces"])}',
            )
        )
    for kind in ("deals", "products", "events"):
        seen: set[str] = set()
        for i, item_id in enumerate(ids[kind]):
            if item_id in seen:
                out.append(Problem((kind, i, "id"), f'two {kind} share the id "{item_id}"'))
            seen.add(item_id)
    for i, d in enumerate(s.deals):
        if d.space not in ids["spaces"]:
            out.append(
                Problem(
                    ("deals", i, "space"),
                    f'unknown space "{d.space}"{did_you_mean(d.space, ids["spaces"])}',
                )
            )
        _check_condition(d.when, ("deals", i, "when"), ids, out)
    for i, p in enumerate(s.products):
        _check_condition(p.when, ("products", i, "when"), ids, out)
    for i, c in enumerate(s.campus_sites):
        if c.space not in ids["spaces"]:
            out.append(
                Problem(
                    ("campus_sites", i, "space"),
                    f'unknown space "{c.space}"{did_you_mean(c.space, ids["spaces"])}',
                )
            )
        _check_condition(c.when, ("campus_sites", i, "when"), ids, out)
    for i, e in enumerate(s.events):
        _check_condition(e.when, ("events", i, "when"), ids, out)
    for i, g in enumerate(s.goals.win):
        _check_condition(g.when, ("goals", "win", i, "when"), ids, out)
    for i, g in enumerate(s.goals.lose):
        _check_condition(g.when, ("goals", "lose", i, "when"), ids, out)
    start, end = quarter_index(s.calendar.start), quarter_index(s.calendar.end)
    for i, t in enumerate(s.script):
        if not start <= quarter_index(t.quarter) <= end:
            out.append(
                Problem(
                    ("script", i, "quarter"),
                    f"{t.quarter} is outside the calendar ({s.calendar.start} to {s.calendar.end})",
                )
            )
        if t.event is not None and t.event not in ids["events"]:
            out.append(
                Problem(
                    ("script", i, "event"),
                    f'unknown event "{t.event}"{did_you_mean(t.event, ids["events"])}',
                )
            )
    for i, f in enumerate(s.ask_ladder):
        if f.value <= 0:
            out.append(Problem(("ask_ladder", i, "value"), "an ask must be more than 0 $B"))
    return out
