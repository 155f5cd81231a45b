"""Cross-reference checks on a parsed scenario: ids that must exist, constants that must be there.

Everything here is an error: the game could not play the scenario as written. Each problem
carries the dotted path of the field it concerns, so the loader can point at the line in the
file. Legal but suspicious content is `lint`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from game.model.constants import Constants, PitchConstants
from game.model.tracks import BOUNDS, NON_NEGATIVE, TRACKS
from game.scenario.schema import Condition, Scenario, did_you_mean, quarter_index

REQUIRED_CONSTANTS: tuple[str, ...] = tuple(f.name for f in fields(Constants)) + tuple(
    f.name for f in fields(PitchConstants)
)
INTEGER_CONSTANTS: tuple[str, ...] = tuple(
    f.name for f in fields(Constants) if f.type in (int, "int")
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


def scenario_ids(s: Scenario) -> dict[str, list[str]]:
    return {
        "spaces": [sp.id for sp in s.board.spaces],
        "deals": [d.id for d in s.deals],
        "products": [p.id for p in s.products],
        "events": [e.id for e in s.events],
    }


def _unknown(kind: str, value: str, known: list[str]) -> str:
    return f'unknown {kind} "{value}"{did_you_mean(value, known)}'


def _check_condition(
    cond: Condition | None, path: tuple, ids: dict[str, list[str]], out: list[Problem]
) -> None:
    if cond is None:
        return
    kinds = {"at": "spaces", "signed": "deals", "not_signed": "deals", "running": "products"}
    for key, kind in kinds.items():
        val = cond.root.get(key)
        if val is not None and val not in ids[kind]:
            out.append(Problem(path + (key,), _unknown(kind[:-1], val, ids[kind])))


def check_references(s: Scenario) -> list[Problem]:
    """Every cross-reference problem of a scenario, in file order."""
    out: list[Problem] = []
    ids = scenario_ids(s)
    for i, sp in enumerate(s.board.spaces):
        if sp.id in ids["spaces"][:i]:
            out.append(Problem(("board", "spaces", i, "id"), f'two spaces share the id "{sp.id}"'))
    for key, fig in s.start.items():
        lo_hi = BOUNDS.get(key)
        if lo_hi and not lo_hi[0] <= fig.value <= lo_hi[1]:
            out.append(
                Problem(
                    ("start", key, "value"),
                    f"{key} runs from {lo_hi[0]:g} to {lo_hi[1]:g}; {fig.value:g} is outside it",
                )
            )
        elif key in NON_NEGATIVE and fig.value < 0:
            out.append(Problem(("start", key, "value"), f"{key} cannot be negative"))
    missing = [key for key in REQUIRED_CONSTANTS if key not in s.constants]
    if missing:
        out.append(
            Problem(
                ("constants",),
                f"missing constant{'s' if len(missing) > 1 else ''} "
                + ", ".join(f'"{k}"' for k in missing)
                + " (copy them from scenarios/default.yaml)",
            )
        )
    for key, fig in s.constants.items():
        if key not in REQUIRED_CONSTANTS:
            out.append(
                Problem(
                    ("constants", key),
                    f'unknown constant "{key}"{did_you_mean(key, REQUIRED_CONSTANTS)}',
                )
            )
        elif key in INTEGER_CONSTANTS and (fig.value != int(fig.value) or fig.value < 1):
            out.append(
                Problem(("constants", key, "value"), f"{key} must be a whole number, at least 1")
            )
    seen_routes: set[frozenset[str]] = set()
    for i, (a, b) in enumerate(s.board.routes):
        for j, end in enumerate((a, b)):
            if end not in ids["spaces"]:
                out.append(
                    Problem(("board", "routes", i, j), _unknown("space", end, ids["spaces"]))
                )
        if a == b:
            out.append(Problem(("board", "routes", i), f'a route from "{a}" to itself'))
        pair = frozenset((a, b))
        if pair in seen_routes and a != b:
            out.append(Problem(("board", "routes", i), f"the route {a} - {b} is listed twice"))
        seen_routes.add(pair)
    if s.start_space is not None and s.start_space not in ids["spaces"]:
        out.append(Problem(("start_space",), _unknown("space", s.start_space, ids["spaces"])))
    for kind in ("deals", "products", "events"):
        seen: set[str] = set()
        for i, item_id in enumerate(ids[kind]):
            if item_id in seen:
                out.append(Problem((kind, i, "id"), f'two {kind} share the id "{item_id}"'))
            seen.add(item_id)
    for i, d in enumerate(s.deals):
        if d.space not in ids["spaces"]:
            out.append(Problem(("deals", i, "space"), _unknown("space", d.space, ids["spaces"])))
        _check_condition(d.when, ("deals", i, "when"), ids, out)
    for i, p in enumerate(s.products):
        if p.running_cost_busd_per_quarter.value < 0:
            out.append(
                Problem(
                    ("products", i, "running_cost_busd_per_quarter", "value"),
                    "a running cost cannot be negative",
                )
            )
        _check_condition(p.when, ("products", i, "when"), ids, out)
    site_spaces: dict[str, int] = {}
    for i, c in enumerate(s.campus_sites):
        if c.space not in ids["spaces"]:
            out.append(
                Problem(("campus_sites", i, "space"), _unknown("space", c.space, ids["spaces"]))
            )
        if c.space in site_spaces:
            out.append(
                Problem(
                    ("campus_sites", i, "space"),
                    f'"{c.space}" already has a campus site (campus_sites.{site_spaces[c.space]}); '
                    "a space holds one",
                )
            )
        site_spaces.setdefault(c.space, i)
        _check_condition(c.when, ("campus_sites", i, "when"), ids, out)
    for i, e in enumerate(s.events):
        _check_condition(e.when, ("events", i, "when"), ids, out)
    for section, items in (("win", s.goals.win), ("lose", s.goals.lose)):
        seen = set()
        for i, g in enumerate(items):
            if g.id in seen:
                out.append(Problem(("goals", section, i, "id"), f'two goals share the id "{g.id}"'))
            seen.add(g.id)
            _check_condition(g.when, ("goals", section, i, "when"), ids, out)
    start, end = quarter_index(s.calendar.start), quarter_index(s.calendar.end)
    scripted: dict[str, int] = {}
    for i, t in enumerate(s.script):
        if not start <= quarter_index(t.quarter) <= end:
            out.append(
                Problem(
                    ("script", i, "quarter"),
                    f"{t.quarter} is outside the calendar ({s.calendar.start} to {s.calendar.end})",
                )
            )
        if t.quarter in scripted:
            out.append(
                Problem(
                    ("script", i, "quarter"),
                    f"{t.quarter} is already scripted (script.{scripted[t.quarter]})",
                )
            )
        scripted.setdefault(t.quarter, i)
        if t.event is not None and t.event not in ids["events"]:
            out.append(Problem(("script", i, "event"), _unknown("event", t.event, ids["events"])))
    for i, h in enumerate(s.history):
        for key in h.tracks:
            if key not in TRACKS:
                out.append(
                    Problem(("history", i, "tracks", key), _unknown("track", key, list(TRACKS)))
                )
    for i, f in enumerate(s.ask_ladder):
        if f.value <= 0:
            out.append(Problem(("ask_ladder", i, "value"), "an ask must be more than 0 $B"))
    return out
