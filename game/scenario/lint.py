"""Warnings about legal but suspicious content: things a modder almost certainly did not mean.

A card whose condition can never hold, a deal at a space no route reaches, a goal on a track
nothing in the scenario can raise, a card that changes nothing: the game would play, but not
as the author expects. Like Freeciv's sanity checks, these run on every load and never stop a
scenario from loading; `validate` prints them and the shipped scenarios have none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from game.model.tracks import BOUNDS, NON_NEGATIVE, PCT_EFFECTS
from game.scenario.refs import Problem
from game.scenario.schema import (
    ID_CONDITIONS,
    Condition,
    Effects,
    Scenario,
    compare,
    quarter_index,
    quarter_label,
    quarter_of,
    year_of,
)
from game.scenario.themes import THEME_HELP, theme_of

WARNING = "warning"

# Tracks a player watches on the board: a deck that never moves one of them is suspicious.
DECK_TRACKS: dict[str, tuple[str, ...]] = {
    "cash_busd": ("cash_busd",),
    "scrutiny": ("scrutiny",),
    "credibility": ("credibility",),
    "trust": ("trust",),
    "valuation_busd": ("valuation_busd", "valuation_pct"),
    "demand_bq": ("demand_bq", "demand_pct"),
}

# Tracks only scenario content raises (the quarterly model never does), with what can raise them.
RAISED_BY_CONTENT = ("power_gw_online", "rented_chips_m", "chips_reserved_m")


def _w(path: tuple, message: str, needs_all: bool = False) -> Problem:
    return Problem(path, message, WARNING, needs_all)


def _reachable(s: Scenario) -> set[str]:
    start = s.start_space or s.board.home.id
    links: dict[str, set[str]] = {sp.id: set() for sp in s.board.spaces}
    for a, b in s.board.routes:
        if a in links and b in links:
            links[a].add(b)
            links[b].add(a)
    seen = {start}
    todo = [start]
    while todo:
        here = todo.pop()
        for nxt in links.get(here, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


class _Domain:
    """What values a condition key can take in this scenario."""

    def __init__(self, s: Scenario):
        self.first_year = year_of(quarter_index(s.calendar.start))
        self.last_year = year_of(quarter_index(s.calendar.end))
        self.turns = s.calendar.turns

    def of(self, key: str) -> tuple[float, float, bool, str]:
        """(low, high, whole numbers only, how to say it)."""
        if key == "year":
            return (
                self.first_year,
                self.last_year,
                True,
                f"the calendar runs from {self.first_year} to {self.last_year}",
            )
        if key == "quarter":
            return (1, 4, True, "quarters run from 1 to 4")
        if key == "turn":
            return (0, self.turns - 1, True, f"turns run from 0 to {self.turns - 1}")
        if key in BOUNDS:
            lo, hi = BOUNDS[key]
            return (lo, hi, False, f"{key} runs from {lo:g} to {hi:g}")
        if key in NON_NEGATIVE or key == "buildout_busd":
            return (0.0, math.inf, False, f"{key} is never negative")
        return (-math.inf, math.inf, False, "")


def impossible_clauses(cond: Condition | None, domain: _Domain) -> list[tuple[str, str]]:
    """(key, why) for each part of a condition that can never hold."""
    if cond is None:
        return []
    out = []
    for key, cmp in cond.root.items():
        if key in ID_CONDITIONS:
            continue
        lo, hi, whole, said = domain.of(key)
        lo_strict = hi_strict = False
        b = cmp.bounds()
        wanted = []
        for op, v in b.items():
            if op in ("gte", "gt", "eq") and (v > lo or (v == lo and op == "gt")):
                lo, lo_strict = v, op == "gt"
            if op in ("lte", "lt", "eq") and (v < hi or (v == hi and op == "lt")):
                hi, hi_strict = v, op == "lt"
            wanted.append(
                {
                    "gte": "at least",
                    "gt": "above",
                    "lte": "at most",
                    "lt": "below",
                    "eq": "exactly",
                }[op]
                + f" {v:g}"
            )
        empty = lo > hi or (lo == hi and (lo_strict or hi_strict))
        if whole and not empty:
            first = math.floor(lo) + 1 if lo_strict and lo == math.floor(lo) else math.ceil(lo)
            last = math.ceil(hi) - 1 if hi_strict and hi == math.ceil(hi) else math.floor(hi)
            empty = first > last
        if empty:
            reason = f"{key} must be {' and '.join(wanted)}"
            out.append((key, f"{reason}, but {said}" if said else f"{reason}, which no number is"))
    return out


def _never(cond: Condition | None, domain: _Domain, dead_refs) -> list[tuple[str, str, bool]]:
    """(key, why, whether it depends on the rest of the scenario) for each part of a condition
    that can never hold: its own numbers against the calendar and the tracks' ranges, then the
    deals, products and spaces it names."""
    return [(k, why, False) for k, why in impossible_clauses(cond, domain)] + [
        (k, why, True) for k, why in dead_refs(cond)
    ]


def _moved(effects: Iterable[Effects]) -> set[str]:
    """Tracks some effect changes (a _pct effect counts for its track)."""
    out: set[str] = set()
    for e in effects:
        for key, val in e.root.items():
            if val != 0:
                out.add(PCT_EFFECTS.get(key, key))
    return out


def _raised(effects: Iterable[Effects]) -> set[str]:
    out: set[str] = set()
    for e in effects:
        for key, val in e.root.items():
            if val > 0:
                out.add(PCT_EFFECTS.get(key, key))
    return out


def _all_effects(s: Scenario) -> list[Effects]:
    out: list[Effects] = []
    for d in s.deals:
        out += [d.effects] + [x.effects for x in d.delayed]
    for p in s.products:
        out.append(p.launch_effects)
    hq = s.hq_actions
    out += [hq.operations.effects, hq.safety_review.effects, hq.launch_model.effects]
    for c in s.campus_sites:
        out.append(c.effects)
    out += _deck_effects(s)
    return out


def _deck_effects(s: Scenario) -> list[Effects]:
    out: list[Effects] = []
    for e in s.events:
        out.append(e.effects)
        for ch in e.choices:
            out += [ch.effects] + [x.effects for x in ch.delayed]
    return out


def _start_value(s: Scenario, track: str) -> float:
    if track in s.start:
        return s.start[track].value
    if track == "inference_cost_mult":
        return 1.0
    if track == "buildout_busd":  # the programme starts at its full size
        return s.buildout.vision_busd.value if s.buildout is not None else 0.0
    if track == "attention" and "attention_per_quarter" in s.constants:
        return s.constants["attention_per_quarter"].value
    return 0.0


def check_suspicious(s: Scenario) -> list[Problem]:
    """Every warning for a scenario that passed the schema and the reference checks."""
    out: list[Problem] = []
    domain = _Domain(s)
    reachable = _reachable(s)
    space_ids = {sp.id for sp in s.board.spaces}

    for sp in s.board.spaces:
        if sp.id not in reachable:
            i = [x.id for x in s.board.spaces].index(sp.id)
            out.append(
                _w(
                    ("board", "spaces", i, "id"),
                    f'no route leads to "{sp.id}" from where the CEO starts',
                    needs_all=True,
                )
            )
    if not any(sp.pitch for sp in s.board.spaces):
        out.append(
            _w(
                ("board", "spaces"),
                "no space has pitch terms: the player can never raise money",
                needs_all=True,
            )
        )
    for i, goal in enumerate(s.meta.learning_goals):
        if isinstance(goal, str) and theme_of(goal) == "tracks":
            out.append(
                _w(
                    ("meta", "learning_goals", i),
                    "no lesson theme matches this goal's words, so the debrief will only list the "
                    "tracks that moved most; write it as {goal: ..., lesson: THEME} with a theme "
                    f"among {', '.join(t for t in THEME_HELP if t != 'tracks')}",
                )
            )
    rungs = [f.value for f in s.ask_ladder]
    for i in range(1, len(rungs)):
        if rungs[i] <= rungs[i - 1]:
            out.append(
                _w(
                    ("ask_ladder", i, "value"),
                    f"the ladder should climb: {rungs[i]:g} $B comes after {rungs[i - 1]:g} $B",
                )
            )

    # deals, products and campus sites that can never be offered
    never_signed: set[str] = set()
    for i, d in enumerate(s.deals):
        why = ""
        if d.space in space_ids and d.space not in reachable:
            why = f'it is signed at "{d.space}", which no route reaches'
        elif d.chance == 0:
            why = "its chance is 0, so it never goes through"
            out.append(_w(("deals", i, "chance"), f"this deal can never be signed: {why}"))
            never_signed.add(d.id)
            continue
        for key, reason in impossible_clauses(d.when, domain):
            out.append(_w(("deals", i, "when", key), f"this deal is never offered: {reason}"))
            never_signed.add(d.id)
        if why:
            out.append(_w(("deals", i, "space"), f"this deal can never be signed: {why}", True))
            never_signed.add(d.id)
    never_running: set[str] = set()
    for i, p in enumerate(s.products):
        for key, reason in impossible_clauses(p.when, domain):
            out.append(_w(("products", i, "when", key), f"this product is never offered: {reason}"))
            never_running.add(p.id)
    for i, c in enumerate(s.campus_sites):
        if c.space in space_ids and c.space not in reachable:
            out.append(
                _w(
                    ("campus_sites", i, "space"),
                    f'this campus can never be commissioned: no route reaches "{c.space}"',
                    needs_all=True,
                )
            )
        for key, reason in impossible_clauses(c.when, domain):
            out.append(
                _w(("campus_sites", i, "when", key), f"this campus is never offered: {reason}")
            )

    def dead_refs(cond: Condition | None) -> list[tuple[str, str]]:
        if cond is None:
            return []
        found = []
        at = cond.root.get("at")
        if at in space_ids and at not in reachable:
            found.append(("at", f'the CEO can never be at "{at}": no route reaches it'))
        signed = cond.root.get("signed")
        if signed in never_signed:
            found.append(("signed", f'the deal "{signed}" can never be signed'))
        running = cond.root.get("running")
        if running in never_running:
            found.append(("running", f'the product "{running}" is never offered'))
        if signed is not None and signed == cond.root.get("not_signed"):
            found.append(
                ("not_signed", f'a deal cannot be both signed and not signed ("{signed}")')
            )
        return found

    # cards
    scripted = {t.event for t in s.script if t.event}
    for i, e in enumerate(s.events):
        if e.id not in scripted:  # a scripted card is drawn on its quarter whatever its condition
            for key, reason, whole in _never(e.when, domain, dead_refs):
                out.append(_w(("events", i, "when", key), f"this card can never be drawn: {reason}", whole))
        if not e.effects.root and not any(ch.effects.root or ch.delayed for ch in e.choices):
            out.append(_w(("events", i), "this card changes nothing when it is drawn"))
        for j, ch in enumerate(e.choices):
            for k, other in enumerate(e.choices[:j]):
                if ch.effects == other.effects and ch.delayed == other.delayed:
                    out.append(
                        _w(
                            ("events", i, "choices", j),
                            f"this choice does exactly what choice {k} does",
                        )
                    )
        _big_effects(out, ("events", i, "effects"), e.effects)
        for j, ch in enumerate(e.choices):
            _big_effects(out, ("events", i, "choices", j, "effects"), ch.effects)

    out += _once_cards_dealt_early(s)

    # tracks the deck never moves
    deck = _moved(_deck_effects(s))
    for track, keys in DECK_TRACKS.items():
        if not any(PCT_EFFECTS.get(k, k) in deck for k in keys):
            out.append(_w(("events",), f"no card changes {track}: the deck never moves it", True))

    # goals and endings
    raised = _raised(_all_effects(s))
    pitching = any(sp.pitch for sp in s.board.spaces)
    for section, items in (("win", s.goals.win), ("lose", s.goals.lose)):
        what = "goal can never be reached" if section == "win" else "ending can never happen"
        for i, g in enumerate(items):
            path = ("goals", section, i, "when")
            for key, reason, whole in _never(g.when, domain, dead_refs):
                out.append(_w(path + (key,), f"this {what}: {reason}", whole))
            for key, cmp in g.when.root.items():
                if key in ID_CONDITIONS:
                    continue
                need = cmp.bounds()
                floor = max([need.get(op, -math.inf) for op in ("gte", "gt", "eq")])
                if floor <= _start_value(s, key):
                    continue
                cause = _nothing_raises(key, s, raised, pitching)
                if cause:
                    out.append(_w(path + (key,), f"this {what}: {cause}", True))
            if _holds_at_start(s, g.when):
                word = "won" if section == "win" else "lost"
                out.append(
                    _w(path, f"this holds at the start: the game is {word} after the first quarter", True)
                )

    start, end = quarter_index(s.calendar.start), quarter_index(s.calendar.end)
    for i, h in enumerate(s.history):
        if not start <= quarter_index(h.quarter) <= end:
            out.append(
                _w(
                    ("history", i, "quarter"),
                    f"{h.quarter} is outside the calendar, so the debrief cannot show it",
                )
            )
    return out


def _nothing_raises(track: str, s: Scenario, raised: set[str], pitching: bool) -> str:
    if track in RAISED_BY_CONTENT and track not in raised:
        return f"nothing in the scenario raises {track}"
    if track == "own_chips_m":
        if not s.campus_sites:
            return "own chips need a campus, and the scenario has no campus_sites"
        if "chips_reserved_m" not in raised:
            return "own chips come from chips_reserved_m, and nothing raises it"
    if track in ("campus_gw_built", "campus_gw_domestic", "campus_gw_abroad"):
        sites = [c for c in s.campus_sites if track != "campus_gw_domestic" or c.domestic]
        sites = [c for c in sites if track != "campus_gw_abroad" or not c.domestic]
        if not sites:
            return f"no campus site can raise {track}"
    if track in ("raised_busd", "equity_sold_pct") and not pitching:
        return f"only pitches raise {track}, and no space takes pitches"
    return ""


def _holds_at_start(s: Scenario, cond: Condition) -> bool:
    """True when every part of the condition reads a known starting value and holds there."""
    from game.model.tracks import STATE_TRACKS

    if not cond.root:
        return True
    for key, cmp in cond.root.items():
        if key in ID_CONDITIONS or key == "turn":
            return False
        if key == "year":
            x = year_of(quarter_index(s.calendar.start))
        elif key == "quarter":
            x = quarter_of(quarter_index(s.calendar.start))
        elif key in STATE_TRACKS or key in s.start:
            x = _start_value(s, key)
        else:
            return False
        if not _meets(x, cmp.bounds()):
            return False
    return True


def _meets(x: float, bounds: dict[str, float]) -> bool:
    """True when x passes every comparison of a condition clause ({"gte": 6, ...})."""
    return all(bool(compare(x, op, v)) for op, v in bounds.items())


def _calendar_allows(cond: Condition | None, turn: int, first: int) -> bool:
    """Whether the calendar parts of a condition (year, quarter, turn) let it hold on `turn`;
    the other parts depend on play and are taken as possible."""
    index = first + turn
    when = {"year": year_of(index), "quarter": quarter_of(index), "turn": turn}
    return cond is None or all(
        _meets(when[key], cmp.bounds()) for key, cmp in cond.root.items() if key in when
    )


def _once_cards_dealt_early(s: Scenario) -> list[Problem]:
    """A `once` card the script deals on a date, which the deck can also deal at random before
    that date (or which the script deals twice): a once card is dealt at most once, so a game
    that met it earlier would not get it when the lesson plan says."""
    out = []
    first = quarter_index(s.calendar.start)
    cards = {e.id: e for e in s.events}
    dealt: dict[str, str] = {}
    for i, t in enumerate(s.script):
        card = cards.get(t.event or "")
        if card is None or not card.once:
            continue
        turn = quarter_index(t.quarter) - first
        if t.event in dealt:
            out.append(
                _w(
                    ("script", i, "event"),
                    f'"{card.id}" is a once card and the script already deals it in {dealt[t.event]}: '
                    "a once card is dealt at most once, so this quarter gets no card from it",
                )
            )
            continue
        dealt[card.id] = t.quarter
        early = [k for k in range(max(turn, 0)) if _calendar_allows(card.when, k, first)]
        if early:
            out.append(
                _w(
                    ("script", i, "event"),
                    f'"{card.id}" is a once card, and the deck can also deal it at random before '
                    f"{t.quarter} (from {quarter_label(first + early[0])} on): a game that draws it "
                    "early does not get it here, since a once card is dealt at most once; to keep it "
                    f"for this quarter, add turn: {{gte: {turn}}} to its when:",
                )
            )
    return out


def _big_effects(out: list[Problem], path: tuple, e: Effects) -> None:
    for key, val in e.root.items():
        if key in BOUNDS:
            lo, hi = BOUNDS[key]
            if abs(val) > hi - lo:
                out.append(
                    _w(
                        path + (key,),
                        f"{val:+g} is more than the whole {lo:g}-{hi:g} range of {key}",
                    )
                )
