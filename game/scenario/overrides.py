"""Overrides: a mod changes a scenario without copying it, by naming what it adds, replaces or removes.

An override file is a scenario file with `extends: <scenario id>` at the top. It holds only
what changes:

- `meta` is required and must give a new `id`; its other fields replace the base's one by one.
- `start` and `constants` replace the named figures and keep every other one.
- `calendar`, `start_space`, `ask_ladder`, `script`, `history` and `reported_plays` replace the
  base's whole.
- `hq_actions` replaces the named actions; `time_up` replaces the time-up text.
- For the lists of things with ids (events, deals, products, spaces, campus sites, win goals
  and losing endings): `remove_<list>` takes ids out, `replace_<list>` swaps whole entries with
  the same id in place, `add_<list>` appends new entries; `add_routes` and `remove_routes`
  change the board's routes.

The result is validated as a whole scenario, and every problem points at the line that caused
it: in the override for what the mod wrote, in the base for the rest.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from game.scenario.report import FieldPath, Located
from game.scenario.schema import (
    ActionTerms,
    Buildout,
    Calendar,
    CampusSite,
    Deal,
    Ending,
    Event,
    Figure,
    Goal,
    GoalItem,
    HistoricalPoint,
    Id,
    Labs,
    LaunchTerms,
    Product,
    ReportedQuarter,
    ScriptedTurn,
    Space,
    Strict,
    did_you_mean,
)

MAX_CHAIN = 4  # an override of an override of ... stops here

# list name -> (where it lives in a scenario, the field that names an entry)
FAMILIES: dict[str, tuple[FieldPath, str]] = {
    "events": (("events",), "id"),
    "deals": (("deals",), "id"),
    "products": (("products",), "id"),
    "spaces": (("board", "spaces"), "id"),
    "campus_sites": (("campus_sites",), "space"),
    "goals": (("goals", "win"), "id"),
    "endings": (("goals", "lose"), "id"),
}


class MetaPatch(Strict):
    """The override's own metadata: a new id, and any field of meta to change."""

    id: Id = Field(description="Id of the new scenario (must differ from the base's).")
    title: str | None = Field(
        None, min_length=1, max_length=80, description="Title shown in menus."
    )
    author: str | None = Field(None, min_length=1, description="Who wrote the mod.")
    language: str | None = Field(
        None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="Language of the texts."
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]] | None = Field(
        None,
        max_length=20,
        description=(
            "Other languages this override's own texts are complete in (NAME.fr.yaml beside it); "
            "the base's languages are not promised for the override's cards unless named here."
        ),
    )
    summary: str | None = Field(
        None, min_length=1, description="A paragraph shown before starting."
    )
    learning_goals: list[GoalItem] | None = Field(
        None,
        description="What a player learns (replaces the list): sentences, or {goal, lesson}.",
    )
    question: str | None = Field(None, description="The question a class answers by playing.")
    length_minutes: int | None = Field(None, ge=5, le=600, description="Typical playing time.")
    seed: int | None = Field(None, ge=0, description="Default seed.")
    notes: str | None = Field(None, description="Designer's notes.")
    image: str | None = Field(
        None, min_length=1, description="Cover picture, inside the mod folder."
    )


class HqPatch(Strict):
    """Headquarters actions to replace, each given whole."""

    operations: ActionTerms | None = Field(None, description="Replaces the operations action.")
    safety_review: ActionTerms | None = Field(None, description="Replaces the safety review.")
    launch_model: LaunchTerms | None = Field(None, description="Replaces the model launch.")


class ScenarioOverride(Strict):
    """A mod's changes to an existing scenario (`extends:`), instead of a full copy."""

    format_version: Literal[1] = Field(description="Version of the scenario format.")
    extends: Id = Field(description="Id of the scenario this one changes, e.g. default.")
    meta: MetaPatch = Field(description="A new id, and the fields of meta to change.")
    calendar: Calendar | None = Field(None, description="Replaces the calendar.")
    start: dict[str, Figure] = Field(
        default_factory=dict, description="Starting values to replace, by track."
    )
    start_space: Id | None = Field(None, description="Replaces where the CEO starts.")
    constants: dict[str, Figure] = Field(
        default_factory=dict, description="Constants to replace, by name."
    )
    ask_ladder: list[Figure] | None = Field(
        None, min_length=1, max_length=10, description="Replaces the ladder."
    )
    hq_actions: HqPatch | None = Field(None, description="Headquarters actions to replace.")
    buildout: Buildout | None = Field(None, description="Replaces the industry build-out.")
    labs: Labs | None = Field(None, description="Replaces the rival labs (names, bots, common fate, shared supplies).")
    time_up: str | None = Field(None, min_length=1, description="Replaces the time-up text.")
    script: list[ScriptedTurn] | None = Field(None, description="Replaces the scripted turns.")
    history: list[HistoricalPoint] | None = Field(None, description="Replaces the history points.")
    reported_plays: list[ReportedQuarter] | None = Field(
        None, description="Replaces the reported plays (the historical bot's moves)."
    )
    add_routes: list[tuple[Id, Id]] = Field(default_factory=list, description="Routes to add.")
    remove_routes: list[tuple[Id, Id]] = Field(
        default_factory=list, description="Routes to take out."
    )
    add_events: list[Event] = Field(
        default_factory=list, description="New cards, added to the deck."
    )
    replace_events: list[Event] = Field(
        default_factory=list, description="Cards swapped in place, matched by id."
    )
    remove_events: list[Id] = Field(
        default_factory=list, description="Ids of cards to take out of the deck."
    )
    add_deals: list[Deal] = Field(default_factory=list, description="New deals.")
    replace_deals: list[Deal] = Field(
        default_factory=list, description="Deals swapped in place, matched by id."
    )
    remove_deals: list[Id] = Field(default_factory=list, description="Ids of deals to take out.")
    add_products: list[Product] = Field(default_factory=list, description="New products.")
    replace_products: list[Product] = Field(
        default_factory=list, description="Products swapped in place, matched by id."
    )
    remove_products: list[Id] = Field(
        default_factory=list, description="Ids of products to take out."
    )
    add_spaces: list[Space] = Field(
        default_factory=list, description="New spaces (add routes to reach them)."
    )
    replace_spaces: list[Space] = Field(
        default_factory=list, description="Spaces swapped in place, matched by id."
    )
    remove_spaces: list[Id] = Field(
        default_factory=list, description="Ids of spaces to take out (and their routes)."
    )
    add_campus_sites: list[CampusSite] = Field(
        default_factory=list, description="New campus sites."
    )
    replace_campus_sites: list[CampusSite] = Field(
        default_factory=list, description="Campus sites swapped in place, matched by space."
    )
    remove_campus_sites: list[Id] = Field(
        default_factory=list, description="Spaces whose campus site is taken out."
    )
    add_goals: list[Goal] = Field(default_factory=list, description="New ways to win.")
    replace_goals: list[Goal] = Field(
        default_factory=list, description="Win goals swapped in place, matched by id."
    )
    remove_goals: list[Id] = Field(
        default_factory=list, description="Ids of win goals to take out."
    )
    add_endings: list[Ending] = Field(default_factory=list, description="New ways to lose.")
    replace_endings: list[Ending] = Field(
        default_factory=list, description="Losing endings swapped in place, matched by id."
    )
    remove_endings: list[Id] = Field(
        default_factory=list, description="Ids of losing endings to take out."
    )


def apply_override(src: Any, bases: Any, chain: tuple[str, ...]) -> tuple[Any, list[Located]]:
    """Merge an override Source onto its base; return (merged Source or None, problems)."""
    from game.scenario.loader import Source, pydantic_problems, salvage

    problems: list[Located] = []
    src.override = written_as = src
    fix = None
    try:
        ovr = ScenarioOverride.model_validate(src.data)
    except ValidationError as err:
        # Report the refused parts, and merge the rest so that it is checked in the same pass.
        problems = [src.located(loc, msg) for loc, msg in pydantic_problems(err, ScenarioOverride)]
        ovr, fix = salvage(src.data, ScenarioOverride, OVERRIDE_LISTS)
        if ovr is None:
            return None, problems
        src = Source(
            written_as.file,
            fix.data,
            lambda path: written_as.where(fix.original(path)),
            written=fix.original,
            override=written_as,
        )
    data = src.data
    _, *at = src.where(("extends",))
    extends_at = (at[0], at[1])
    base_id = ovr.extends
    if base_id in chain or len(chain) >= MAX_CHAIN:
        loop = " -> ".join(chain + (ovr.meta.id, base_id))
        return None, [
            *problems,
            src.located(("extends",), f"overrides go round in a circle or too deep: {loop}"),
        ]
    try:
        base = bases(base_id, chain + (ovr.meta.id,)) if bases else None
    except Exception as e:  # the base exists but is broken (registry.BaseBroken)
        if not hasattr(e, "problems"):
            raise
        return None, [
            *problems,
            src.located(
                ("extends",),
                f'the scenario "{base_id}" it extends has errors ({e.path}): {e}',  # type: ignore[attr-defined]
            ),
        ]
    if base is None:
        known = getattr(bases, "known", lambda: [])()
        return None, [
            *problems,
            src.located(
                ("extends",),
                f'no scenario with the id "{base_id}" to extend{did_you_mean(base_id, known)}',
            ),
        ]
    if ovr.meta.id == base_id:
        problems.append(
            src.located(
                ("meta", "id"), f'give the mod its own id; "{base_id}" is the scenario it extends'
            )
        )

    merged = copy.deepcopy(base.data)
    # origin: merged path prefix -> (located-by function, original prefix)
    origins: dict[FieldPath, tuple[Any, FieldPath]] = {(): (base.where, ())}

    def take(mpath: FieldPath, opath: FieldPath) -> None:
        origins[mpath] = (src.where, opath)

    # meta: field by field
    meta = merged.setdefault("meta", {})
    for key in data.get("meta", {}):
        meta[key] = copy.deepcopy(data["meta"][key])
        take(("meta", key), ("meta", key))
    for key in ("calendar", "start_space", "ask_ladder", "script", "history", "reported_plays", "buildout", "labs"):
        if key in data:
            merged[key] = copy.deepcopy(data[key])
            take((key,), (key,))
    for key in ("start", "constants"):
        for name, fig in (data.get(key) or {}).items():
            merged.setdefault(key, {})[name] = copy.deepcopy(fig)
            take((key, name), (key, name))
    for name, terms in (data.get("hq_actions") or {}).items():
        merged.setdefault("hq_actions", {})[name] = copy.deepcopy(terms)
        take(("hq_actions", name), ("hq_actions", name))
    if "time_up" in data:
        merged.setdefault("goals", {})["time_up"] = data["time_up"]
        take(("goals", "time_up"), ("time_up",))

    for fam, (where, key) in FAMILIES.items():
        problems += _merge_family(src, fam, where, key, merged, base, origins)
    problems += _merge_routes(src, merged, base, origins)

    def trace(path: FieldPath) -> tuple[Any, FieldPath]:
        for n in range(len(path), -1, -1):
            hit = origins.get(tuple(path[:n]))
            if hit is not None:
                fn, prefix = hit
                return fn, prefix + tuple(path[n:])
        return base.where, tuple(path)

    def where_fn(path: FieldPath) -> tuple[str, int, int]:
        fn, opath = trace(path)
        return fn(opath)

    def written(path: FieldPath) -> FieldPath:
        fn, opath = trace(path)
        if fn is not src.where:
            return tuple(path)
        return src.written(opath) if src.written else opath

    out = Source(
        src.file,
        merged,
        where_fn,
        extends=base_id,
        extends_at=extends_at,
        written=written,
        override=written_as,
        salvaged=fix,
    )
    return out, problems


# The lists of an override whose entries are checked one by one (see loader.salvage).
OVERRIDE_LISTS: tuple[FieldPath, ...] = (
    *((f"{verb}_{fam}",) for fam in FAMILIES for verb in ("add", "replace", "remove")),
    ("add_routes",),
    ("remove_routes",),
    ("script",),
    ("history",),
    ("reported_plays",),
    ("ask_ladder",),
    ("meta", "learning_goals"),
)
# list path -> the field that names its entries, in an override and in the scenario it makes
_NAMED: dict[FieldPath, str] = {
    **{(f"{verb}_{fam}",): key for fam, (_, key) in FAMILIES.items() for verb in ("add", "replace")},
    **{where: key for where, key in FAMILIES.values()},
}


def entry_name(prefix: FieldPath, seg: Any, override: Any, merged: Any) -> str | None:
    """The id of the entry at prefix[seg] when prefix is a list of named things (the override's
    add_/replace_/remove_ lists, or the scenario's events, deals...), else None."""
    if not isinstance(seg, int) or isinstance(seg, bool):
        return None
    removing = len(prefix) == 1 and str(prefix[0]).startswith("remove_") and prefix[0] != "remove_routes"
    key = _NAMED.get(tuple(prefix))
    if not removing and key is None:
        return None
    data = override if str(prefix[0]).startswith(("add_", "replace_", "remove_")) else merged
    item = _get(data, tuple(prefix))
    item = item[seg] if isinstance(item, list) and 0 <= seg < len(item) else None
    name = item if removing else item.get(key) if isinstance(item, dict) else None
    return name if isinstance(name, str) and name else None


def _get(data: Any, path: FieldPath) -> Any:
    for p in path:
        if not isinstance(data, dict):
            return None
        data = data.get(p)
    return data


def _merge_family(
    src: Any, fam: str, where: FieldPath, key: str, merged: dict, base: Any, origins: dict
) -> list[Located]:
    data = src.data
    adds = data.get(f"add_{fam}") or []
    repl = data.get(f"replace_{fam}") or []
    rems = data.get(f"remove_{fam}") or []
    if not (adds or repl or rems):
        return []
    problems: list[Located] = []
    items = _get(merged, where)
    items = items if isinstance(items, list) else []
    # each merged entry: (data, where-function, original path)
    entries: list[tuple[Any, Any, FieldPath]] = [
        (it, base.where, where + (i,)) for i, it in enumerate(items)
    ]
    ids = [it.get(key) if isinstance(it, dict) else None for it in items]
    what = fam.replace("_", " ")
    removed: set[str] = set()
    for j, rid in enumerate(rems):
        if rid not in ids:
            problems.append(
                src.located(
                    (f"remove_{fam}", j),
                    f'there is no {what[:-1]} "{rid}" to remove{did_you_mean(rid, ids)}',
                )
            )
        removed.add(rid)
    entries = [e for e in entries if not (isinstance(e[0], dict) and e[0].get(key) in removed)]
    for j, item in enumerate(repl):
        rid = item.get(key)
        at = [i for i, e in enumerate(entries) if isinstance(e[0], dict) and e[0].get(key) == rid]
        if rid in removed:
            problems.append(
                src.located(
                    (f"replace_{fam}", j, key), f'"{rid}" is both removed and replaced; keep one'
                )
            )
        elif not at:
            problems.append(
                src.located(
                    (f"replace_{fam}", j, key),
                    f'there is no {what[:-1]} "{rid}" to replace{did_you_mean(str(rid), [i for i in ids if i])}; '
                    f"to add a new one, use add_{fam}",
                )
            )
        else:
            entries[at[0]] = (copy.deepcopy(item), src.where, (f"replace_{fam}", j))
    present = {e[0].get(key) for e in entries if isinstance(e[0], dict)}
    for j, item in enumerate(adds):
        rid = item.get(key)
        if rid in present:
            problems.append(
                src.located(
                    (f"add_{fam}", j, key),
                    f'"{rid}" is already in the scenario; use replace_{fam} to change it',
                )
            )
            continue
        present.add(rid)
        entries.append((copy.deepcopy(item), src.where, (f"add_{fam}", j)))
    parent = _get(merged, where[:-1]) if len(where) > 1 else merged
    if isinstance(parent, dict):
        parent[where[-1]] = [e[0] for e in entries]
    for i, (_, fn, opath) in enumerate(entries):
        origins[where + (i,)] = (fn, opath)
    return problems


def _merge_routes(src: Any, merged: dict, base: Any, origins: dict) -> list[Located]:
    data = src.data
    adds = data.get("add_routes") or []
    rems = data.get("remove_routes") or []
    removed_spaces = set(data.get("remove_spaces") or [])
    board = merged.get("board")
    if not isinstance(board, dict) or not (adds or rems or removed_spaces):
        return []
    problems: list[Located] = []
    routes = board.get("routes") or []
    entries = [(r, base.where, ("board", "routes", i)) for i, r in enumerate(routes)]
    for j, r in enumerate(rems):
        pair = frozenset(r)
        before = len(entries)
        entries = [e for e in entries if frozenset(e[0]) != pair]
        if len(entries) == before:
            problems.append(
                src.located(("remove_routes", j), f"there is no route {r[0]} - {r[1]} to remove")
            )
    entries = [e for e in entries if not (set(e[0]) & removed_spaces)]
    for j, r in enumerate(adds):
        entries.append((list(r), src.where, ("add_routes", j)))
    board["routes"] = [e[0] for e in entries]
    for i, (_, fn, opath) in enumerate(entries):
        origins[("board", "routes", i)] = (fn, opath)
    return problems
