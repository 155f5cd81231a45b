"""Cross-reference checks on a parsed scenario: ids that must exist, constants that must be there.

Everything here is an error: the game could not play the scenario as written. Each problem
carries the dotted path of the field it concerns, so the loader can point at the line in the
file. Legal but suspicious content is `lint`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from game.model.constants import RANGES, Constants, IndustryConstants, PitchConstants
from game.model.tracks import BOUNDS, NON_NEGATIVE, TRACKS
from game.scenario.schema import Condition, Scenario, did_you_mean, id_from, quarter_index
from game.scenario.vocab import unknown_word

MAX_START = 1e6  # no starting figure or ask reaches a million (of $B, chips, GW...): bigger is a typo
REQUIRED_CONSTANTS: tuple[str, ...] = tuple(f.name for f in fields(Constants)) + tuple(
    f.name for f in fields(PitchConstants)
)
INDUSTRY_CONSTANTS: tuple[str, ...] = tuple(f.name for f in fields(IndustryConstants))
INTEGER_CONSTANTS: tuple[str, ...] = tuple(
    f.name for f in fields(Constants) if f.type in (int, "int")
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario."""

    path: tuple[str | int, ...]
    message: str
    severity: str = "error"  # or "warning"
    # About something nothing in the whole scenario does (no card moves a track, no route leads
    # somewhere): not to be trusted when parts of the scenario had to be left out of the check.
    needs_all: bool = False

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


def scenario_ids(s: Scenario) -> dict[str, list[str]]:
    return {
        "spaces": [sp.id for sp in s.board.spaces],
        "deals": [d.id for d in s.deals],
        "products": [p.id for p in s.products],
        "events": [e.id for e in s.events],
        # the spaces where the build-out is presented (a backer's space)
        "backers": [b.space for b in s.buildout.backers] if s.buildout else [],
    }


def _unknown(kind: str, value: str, known: list[str]) -> str:
    return f'unknown {kind} "{value}"{did_you_mean(value, known)}'


@dataclass(frozen=True)
class UnknownRef(Problem):
    """A reference to an id nothing has; `kind` is the plural (spaces, deals...)."""

    kind: str = ""
    value: str = ""


def _ref(path: tuple, kind: str, value: str, ids: dict[str, list[str]]) -> UnknownRef:
    return UnknownRef(path, _unknown(kind[:-1], value, ids[kind]), kind=kind, value=value)


def _check_condition(
    cond: Condition | None, path: tuple, ids: dict[str, list[str]], out: list[Problem]
) -> None:
    if cond is None:
        return
    kinds = {"at": "spaces", "signed": "deals", "not_signed": "deals", "running": "products",
             "presented_vision": "spaces"}
    for key, kind in kinds.items():
        val = cond.root.get(key)
        if val is not None and val not in ids[kind]:
            out.append(_ref(path + (key,), kind, val, ids))
    shown = cond.root.get("presented_vision")
    if shown is not None and shown in ids["spaces"] and shown not in ids.get("backers", ()):
        where = ", ".join(ids.get("backers", ())) or "none: the scenario has no buildout"
        out.append(
            Problem(
                path + ("presented_vision",),
                f'the build-out is never presented at "{shown}": no backer there, so this never holds; '
                f"backers are at: {where}",
            )
        )
    if "buildout_busd" in cond.root and not ids.get("backers"):
        out.append(
            Problem(path + ("buildout_busd",), "the scenario has no buildout, so buildout_busd is always 0; add a buildout section or drop it")
        )


def _fold_into_duplicates(
    out: list[Problem], duplicates: dict[str, list[tuple[Problem, list[tuple[tuple, str]]]]]
) -> list[Problem]:
    """One message per duplicated id, not one more per reference it broke.

    A duplicated id is usually a copied entry whose id was not changed: references to the id it
    should have had then name an id nothing has. Those references are not reported one by one;
    the duplicate's message names the missing ids (and, when an entry's name matches one of
    them, which entry should have it). References to the duplicated id itself count as known.
    """
    for kind, dups in duplicates.items():
        missing: dict[str, int] = {}
        for p in out:
            if isinstance(p, UnknownRef) and p.kind == kind:
                missing[p.value] = missing.get(p.value, 0) + 1
        if not dups or not missing:
            continue
        folded: set[str] = set()  # the missing ids a duplicate's message now accounts for
        for dup, sharing in dups:
            hint = ""
            for path, name in sharing:
                named = id_from(name)
                if named in missing:
                    n = missing[named]
                    hint = (
                        f'; the one named "{name}" ({".".join(map(str, path))}) should '
                        f'probably be "{named}", which {n} reference'
                        f"{'s use' if n != 1 else ' uses'} but no {kind[:-1]} has"
                    )
                    folded.add(named)
                    break
            if not hint:  # no entry's name says which: list every id nothing has
                listed = ", ".join(
                    f'"{v}" ({n} reference{"s" if n != 1 else ""})' for v, n in missing.items()
                )
                hint = f"; no {kind[:-1]} has the id {listed}: should one of these have it?"
                folded.update(missing)
            out[out.index(dup)] = Problem(dup.path, dup.message + hint, dup.severity)
        # a reference to another missing id (a plain typo) keeps its own line
        out = [p for p in out if not (isinstance(p, UnknownRef) and p.kind == kind and p.value in folded)]
    return out


def _check_reported_plays(s: Scenario, ids: dict[str, list[str]], out: list[Problem]) -> None:
    """The historical bot's moves name spaces, deals and asks the scenario has, on its calendar."""
    start, end = quarter_index(s.calendar.start), quarter_index(s.calendar.end)
    ladder = [f.value for f in s.ask_ladder]
    can_pitch = {sp.id for sp in s.board.spaces if sp.pitch is not None}
    home = next((sp.id for sp in s.board.spaces if sp.home), None)
    seen: dict[str, int] = {}
    for i, q in enumerate(s.reported_plays):
        where = ("reported_plays", i)
        if not start <= quarter_index(q.quarter) <= end:
            out.append(
                Problem(
                    where + ("quarter",),
                    f"{q.quarter} is outside the calendar ({s.calendar.start} to {s.calendar.end})",
                )
            )
        if q.quarter in seen:
            out.append(
                Problem(
                    where + ("quarter",),
                    f"{q.quarter} already has its reported plays (reported_plays.{seen[q.quarter]}); "
                    "put all of a quarter's moves in one entry",
                )
            )
        seen.setdefault(q.quarter, i)
        for j, m in enumerate(q.moves):
            at = where + ("moves", j)
            if m.travel is not None and m.travel not in ids["spaces"]:
                out.append(_ref(at + ("travel",), "spaces", m.travel, ids))
            if m.sign is not None and m.sign not in ids["deals"]:
                out.append(_ref(at + ("sign",), "deals", m.sign, ids))
            if m.present is not None and m.present not in ids["spaces"]:
                out.append(_ref(at + ("present",), "spaces", m.present, ids))
            elif m.present is not None and m.present not in ids.get("backers", ()):
                out.append(
                    Problem(
                        at + ("present",),
                        f'no backer of the build-out at "{m.present}"; present it at one of: '
                        f"{', '.join(ids.get('backers', ())) or 'none (the scenario has no buildout)'}",
                    )
                )
            if m.at is not None and m.at not in ids["spaces"]:
                out.append(_ref(at + ("at",), "spaces", m.at, ids))
            elif m.pitch is not None and (m.at or home) not in can_pitch:
                out.append(
                    Problem(
                        at + (("at",) if m.at else ("pitch",)),
                        f'no investors at "{m.at or home}" (the space has no pitch terms); '
                        f"pitch at one of: {', '.join(sorted(can_pitch)) or 'none'}",
                    )
                )
            if m.pitch is not None and not any(abs(m.pitch - v) <= 1e-9 * max(1.0, v) for v in ladder):
                asks = ", ".join(f"{v:g}" for v in ladder)
                out.append(
                    Problem(at + ("pitch",), f"{m.pitch:g} $B is not on the ask_ladder ({asks})")
                )


def check_references(s: Scenario, absent: Iterable[str] = ()) -> list[Problem]:
    """Every cross-reference problem of a scenario, in file order. `absent`: constants the file
    has but that were left out of this check (their own problem is reported already)."""
    out: list[Problem] = []
    ids = scenario_ids(s)
    # for each kind of id: the problem for each repeated id, and the entries sharing it
    duplicates: dict[str, list[tuple[Problem, list[tuple[tuple, str]]]]] = {k: [] for k in ids}
    named: dict[str, list[tuple[tuple, str, str]]] = {
        "spaces": [(("board", "spaces", i), sp.id, sp.name) for i, sp in enumerate(s.board.spaces)],
        "deals": [(("deals", i), d.id, d.title) for i, d in enumerate(s.deals)],
        "products": [(("products", i), p.id, p.title) for i, p in enumerate(s.products)],
        "events": [(("events", i), e.id, e.title) for i, e in enumerate(s.events)],
    }
    for kind, entries in named.items():
        reported: set[str] = set()
        seen: set[str] = set()
        for path, item_id, _ in entries:
            if item_id in seen and item_id not in reported:
                reported.add(item_id)
                sharing = [(p, n) for p, i, n in entries if i == item_id]
                count = "two" if len(sharing) == 2 else str(len(sharing))
                dup = Problem(path + ("id",), f'{count} {kind} share the id "{item_id}"')
                out.append(dup)
                duplicates[kind].append((dup, sharing))
            seen.add(item_id)
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
        elif abs(fig.value) > MAX_START:
            out.append(Problem(("start", key, "value"), f"{fig.value:g} is far beyond any lab (at most {MAX_START:g})"))
    for i, fig in enumerate(s.ask_ladder):
        if not 0 < fig.value <= MAX_START:
            out.append(Problem(("ask_ladder", i, "value"), f"an ask runs from above 0 to {MAX_START:g} $B; {fig.value:g} is outside it"))
    missing = [key for key in REQUIRED_CONSTANTS if key not in s.constants and key not in absent]
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
                    unknown_word("constant", key, REQUIRED_CONSTANTS),
                )
            )
        elif key in INTEGER_CONSTANTS and (fig.value != int(fig.value) or fig.value < 1):
            out.append(
                Problem(("constants", key, "value"), f"{key} must be a whole number, at least 1")
            )
        elif not RANGES[key][0] <= fig.value <= RANGES[key][1]:
            lo, hi = RANGES[key]
            out.append(
                Problem(
                    ("constants", key, "value"),
                    f"{key} runs from {lo:g} to {hi:g} (beyond that the model stops making sense); {fig.value:g} is outside it",
                )
            )
    seen_routes: set[frozenset[str]] = set()
    for i, (a, b) in enumerate(s.board.routes):
        for j, end in enumerate((a, b)):
            if end not in ids["spaces"]:
                out.append(_ref(("board", "routes", i, j), "spaces", end, ids))
        if a == b:
            out.append(Problem(("board", "routes", i), f'a route from "{a}" to itself'))
        pair = frozenset((a, b))
        if pair in seen_routes and a != b:
            out.append(Problem(("board", "routes", i), f"the route {a} - {b} is listed twice"))
        seen_routes.add(pair)
    if s.start_space is not None and s.start_space not in ids["spaces"]:
        out.append(_ref(("start_space",), "spaces", s.start_space, ids))
    for i, d in enumerate(s.deals):
        if d.space not in ids["spaces"]:
            out.append(_ref(("deals", i, "space"), "spaces", d.space, ids))
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
            out.append(_ref(("campus_sites", i, "space"), "spaces", c.space, ids))
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
    for i, b in enumerate(s.buildout.backers if s.buildout else ()):
        if b.space not in ids["spaces"]:
            out.append(_ref(("buildout", "backers", i, "space"), "spaces", b.space, ids))
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
            out.append(_ref(("script", i, "event"), "events", t.event, ids))
    for i, h in enumerate(s.history):
        for key in h.tracks:
            if key not in TRACKS:
                out.append(
                    Problem(("history", i, "tracks", key), unknown_word("track", key, list(TRACKS)))
                )
    _check_reported_plays(s, ids, out)
    _check_industry(s, ids, out)
    _check_labs(s, out)
    for i, f in enumerate(s.ask_ladder):
        if f.value <= 0:
            out.append(Problem(("ask_ladder", i, "value"), "an ask must be more than 0 $B"))
    return _fold_into_duplicates(out, duplicates)


def _check_industry(s: Scenario, ids: dict[str, list[str]], out: list[Problem]) -> None:
    """The `industry:` section: every industry constant, in its range; deals it names exist."""
    ind = s.industry
    if ind is None:
        return
    missing = [k for k in INDUSTRY_CONSTANTS if k not in ind.constants]
    if missing:
        out.append(
            Problem(
                ("industry", "constants"),
                "missing industry constant" + ("s " if len(missing) > 1 else " ")
                + ", ".join(f'"{k}"' for k in missing) + " (copy them from scenarios/default.yaml)",
            )
        )
    for key, fig in ind.constants.items():
        if key not in INDUSTRY_CONSTANTS:
            out.append(Problem(("industry", "constants", key), unknown_word("industry constant", key, INDUSTRY_CONSTANTS)))
        elif not RANGES[key][0] <= fig.value <= RANGES[key][1]:
            lo, hi = RANGES[key]
            out.append(
                Problem(
                    ("industry", "constants", key, "value"),
                    f"{key} runs from {lo:g} to {hi:g} (beyond that the model stops making sense); {fig.value:g} is outside it",
                )
            )
    for part in ("chip_deals", "grid_deals", "fab_deals"):
        seen: set[str] = set()
        for i, entry in enumerate(getattr(ind, part)):
            if entry.deal not in ids["deals"]:
                out.append(_ref(("industry", part, i, "deal"), "deals", entry.deal, ids))
            elif entry.deal in seen:
                out.append(Problem(("industry", part, i, "deal"), f'the deal "{entry.deal}" is named twice in {part}'))
            seen.add(entry.deal)
    rivals: set[str] = set()
    for i, r in enumerate(ind.rivals):
        if r.id in rivals:
            out.append(Problem(("industry", "rivals", i, "id"), f'two rivals share the id "{r.id}"'))
        rivals.add(r.id)
        for name in ("chips_m_per_quarter", "grid_gw_per_quarter"):
            v = getattr(r, name).value
            if not 0 <= v <= MAX_START:
                out.append(Problem(("industry", "rivals", i, name, "value"), f"{name} runs from 0 to {MAX_START:g}; {v:g} is outside it"))
        for name in ("chips_growth_pct", "grid_growth_pct"):
            v = getattr(r, name).value
            if not -50 <= v <= 100:
                out.append(Problem(("industry", "rivals", i, name, "value"), f"{name} runs from -50 to 100; {v:g} is outside it"))


def _check_labs(s: Scenario, out: list[Problem]) -> None:
    """The `labs:` section: ids and industry rivals named once each, rivals that exist, start
    figures within reach."""
    labs = s.labs
    if labs is None:
        return
    known = [r.id for r in s.industry.rivals] if s.industry is not None else []
    ids = scenario_ids(s)
    pools: set[str] = set()
    for part, items in (("capital", labs.shared.capital), ("capacity", labs.shared.capacity)):
        for i, pool in enumerate(items):
            if pool.id in pools:
                out.append(Problem(("labs", "shared", part, i, "id"), f'two shared supplies share the id "{pool.id}"'))
            pools.add(pool.id)
            amount = pool.busd_per_quarter if part == "capital" else pool.per_quarter
            name = "busd_per_quarter" if part == "capital" else "per_quarter"
            if not 0 <= amount.value <= MAX_START:
                out.append(Problem(("labs", "shared", part, i, name, "value"), f"{name} runs from 0 to {MAX_START:g}; {amount.value:g} is outside it"))
            if part == "capital":
                if pool.space not in ids["spaces"]:
                    out.append(_ref(("labs", "shared", part, i, "space"), "spaces", pool.space, ids))
                elif len(at := [sp for sp in s.board.spaces if sp.id == pool.space]) == 1 and at[0].pitch is None:
                    out.append(Problem(("labs", "shared", part, i, "space"), f'no investors at "{pool.space}" (it has no pitch terms): its capital cannot be raised'))
            else:
                for j, d in enumerate(pool.deals):
                    if d not in ids["deals"]:
                        out.append(_ref(("labs", "shared", part, i, "deals", j), "deals", d, ids))
    seen: set[str] = set()
    stood_for: set[str] = set()
    for i, lab in enumerate(labs.rivals):
        if lab.id in seen:
            out.append(Problem(("labs", "rivals", i, "id"), f'two labs share the id "{lab.id}"; give each its own'))
        seen.add(lab.id)
        if lab.rival is not None:
            if lab.rival not in known:
                where = "the industry: rivals" if known else "an industry: section with rivals (this scenario has none)"
                out.append(Problem(("labs", "rivals", i, "rival"),
                                   f'unknown industry rival "{lab.rival}"{did_you_mean(lab.rival, known)}; it must be one of {where}'))
            elif lab.rival in stood_for:
                out.append(Problem(("labs", "rivals", i, "rival"), f'two labs stand for the industry rival "{lab.rival}"; one lab each'))
            stood_for.add(lab.rival)
        for key, f in lab.start.items():
            if not -MAX_START <= f.value <= MAX_START:
                out.append(Problem(("labs", "rivals", i, "start", key, "value"), f"{key} runs up to {MAX_START:g}; {f.value:g} is a typo"))
            elif key in NON_NEGATIVE and f.value < 0:
                out.append(Problem(("labs", "rivals", i, "start", key, "value"), f"{key} cannot start below 0"))
