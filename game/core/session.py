"""One game for one player: a batch of one, its action list, its story, and views for clients.

`Game` is what the desktop game, the text mode and the saves use. It holds the scenario, the
seed and the actions taken; the state is always what replaying those actions gives. It adds the
record a person needs: the log, each quarter's history, what moved each track and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from game.core import engine
from game.core.actions import ActionCodec
from game.core.compiled import HORIZON, Compiled, compile_scenario
from game.core.conditions import compare
from game.core.facts import Fact, fact
from game.core.moves import MOVE, MOVES, Action, Choose, EndQuarter, UnknownAction
from game.core.rules import legal_matrix, why_illegal
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState, new_batch
from game.model.tracks import DELAYED_KEYS, DERIVED_TRACKS, T
from game.scenario.schema import Condition, Scenario

# Tracks shown to players and saved in each quarter's history.
SHOWN_TRACKS: tuple[str, ...] = (
    "cash_busd",
    "revenue_busd_per_year",
    "spend_busd_per_year",
    "demand_bq",
    "served_bq",
    "capacity_bq",
    "rented_chips_m",
    "own_chips_m",
    "chips_reserved_m",
    "power_gw_online",
    "power_gw_needed",
    "campus_gw_built",
    "scrutiny",
    "credibility",
    "trust",
    "valuation_busd",
    "equity_sold_pct",
    "raised_busd",
    "inference_cost_cents",
    "price_cents",
    "safety_debt",
    "away_streak",
) + tuple(n for n in DERIVED_TRACKS if n.startswith("q_"))  # the quarter's ledger lines

# The tracks a preview reports, in the order a short list should keep them: cash and the
# equity a raise sells first (a client showing only the first few still shows them), then the
# others as SHOWN_TRACKS orders them, attention last.
PREVIEW_TRACKS: tuple[str, ...] = (
    ("cash_busd", "equity_sold_pct")
    + tuple(k for k in SHOWN_TRACKS if k not in ("cash_busd", "equity_sold_pct"))
    + ("attention",)
)

# Which figure of the scenario a track starts from (for "where does it come from?"):
# (section, field, how the figure enters: "start" as it is, "rented" as the rented chips,
# "worked_out" as one figure of a computation). A track missing here starts from no single
# figure of the scenario (it is worked out from others: see DERIVED_TRACKS) or from zero.
TRACK_ORIGIN: dict[str, tuple[str, str, str]] = {
    "revenue_busd_per_year": ("start", "revenue_busd_per_year", "start"),
    "spend_busd_per_year": ("start", "spend_busd_per_year", "start"),
    "cash_busd": ("start", "cash_busd", "start"),
    "demand_bq": ("start", "demand_bq", "start"),
    "rented_chips_m": ("start", "rented_chips_m", "start"),
    "chips": ("start", "rented_chips_m", "rented"),
    "scrutiny": ("start", "scrutiny", "start"),
    "credibility": ("start", "credibility", "start"),
    "trust": ("start", "trust", "start"),
    "valuation_busd": ("start", "valuation_busd", "start"),
    "price_cents": ("start", "price_cents", "start"),
    "safety_debt": ("start", "safety_debt", "start"),
    "inference_cost_cents": ("constants", "query_cost_cents", "start"),
    "power_gw_needed": ("constants", "chips_m_per_gw", "worked_out"),
}

# Tracks worked out from other tracks (the text layer says how, under `derived.<track>`).
WORKED_OUT = frozenset({"chips", "burn_busd_per_year", "runway_quarters", "power_gw_needed"})

# The units of the causes `explain` lists, where they differ from the track's own: chips are
# counted in millions (rented plus own) and runway, which no single cause moves in quarters,
# lists what moved the cash.
CAUSE_TRACK: dict[str, str] = {
    "chips": "rented_chips_m",
    "runway_quarters": "cash_busd",
}


class IllegalAction(Exception):
    """Raised by `Game.apply_or_raise` (and a replay) when the rules refuse an action; its one
    argument is the fact saying why."""

    @property
    def why(self) -> Fact:
        return self.args[0] if self.args and isinstance(self.args[0], Fact) else fact("refused.no_such_action")


@dataclass
class LogEntry:
    turn: int
    kind: str  # action | card | choice | delivery | quarter | incident | outcome
    fact: Fact


@dataclass
class ActionResult:
    ok: bool
    reason: Fact | None = None
    messages: list[Fact] = field(default_factory=list)


class Delivery(NamedTuple):
    """Something due later: `amount` added to `track` in `quarters` quarters."""

    track: str
    amount: float
    quarters: int


@dataclass
class Preview:
    """What an action would do if it goes well, computed by the engine on a copy.

    When chance decides (`odds` is not None), `on_failure` is what the same engine does on
    another copy when the draw goes against you (a refused pitch, a deal that falls through, a
    rushed launch), and `failure` names that case ("if they say no"); both are None when it
    cannot go wrong."""

    touches: dict[str, float]
    odds: float | None
    later: list[Delivery]
    notes: list[Fact]
    on_failure: dict[str, float] | None = None
    failure: Fact | None = None


@dataclass
class MenuItem:
    """One action a client can offer, legal or not, with what it would do."""

    action: Action
    label: Fact
    group: str  # the move's group id: travel, raise, deals, hq, build, card, quarter
    legal: bool
    reason: Fact | None
    touches: dict[str, float]
    odds: float | None
    later: list[Delivery] = field(default_factory=list)
    notes: list[Fact] = field(default_factory=list)
    on_failure: dict[str, float] | None = None  # what chance going against you does (see Preview)
    failure: Fact | None = None  # failure.pitch ("if they say no"), failure.deal, failure.rushed_launch
    attention: float = 0.0  # what it costs in attention


@dataclass
class Ending:
    """A goal or an ending of the scenario, and when the engine checks it, in words."""

    id: str
    won: bool  # reaching it wins the game (else it loses it)
    title: str
    text: str
    when: Condition | None  # checked at the end of a quarter (the text layer says it in words)
    tracks: tuple[str, ...]  # the tracks its condition reads


@dataclass
class CampusView:
    """Campus capacity at one space: finished, and still being built."""

    space: str
    built_gw: float
    building_gw: float


@dataclass
class QuarterRecord:
    """What happened in one quarter: the card, the actions, the figures at its end."""

    turn: int
    date: str
    card: str | None = None
    choice: int | None = None  # the answer given to the card, from 0
    actions: list[Action] = field(default_factory=list)
    labels: list[Fact] = field(default_factory=list)
    told: list[Fact] = field(default_factory=list)  # what each action did, as the log says it
    causes: list[tuple[Fact, dict[str, float]]] = field(default_factory=list)
    tracks: dict[str, float] = field(default_factory=dict)
    incident: bool = False


def _track_dict(row: np.ndarray) -> dict[str, float]:
    return {k: float(row[T[k]]) for k in SHOWN_TRACKS}


def _diff(before: np.ndarray, after: np.ndarray, names: tuple[str, ...] = SHOWN_TRACKS) -> dict[str, float]:
    out = {}
    for k in names:
        if k.startswith("q_"):
            continue
        d = float(after[T[k]] - before[T[k]])
        if abs(d) > 1e-9:
            out[k] = d
    return out


class Game:
    """A game in progress: scenario + seed + actions, with the state they produce."""

    def __init__(self, scenario: Scenario, seed: int, compiled: Compiled | None = None):
        self.scenario = scenario
        self.seed = int(seed)
        self.c = compiled or compile_scenario(scenario)
        self.codec = ActionCodec(self.c)
        self._begin()

    def _begin(self) -> None:
        """The game at its first quarter, before any action (undo replays from here)."""
        self.actions: list[Action] = []
        self.log: list[LogEntry] = []
        self.quarters: list[QuarterRecord] = []
        self._chance_after: list[str] = []  # per action: "dice", "quarter" (it ended one) or ""
        self._commissions: list[tuple[int, str, float]] = []  # (turn, space, GW) per campus
        self.st: BatchState = new_batch(self.c, 1, self.seed)
        self.start_tracks = self.st.tracks[0, PLAYER].copy()
        self._quarter_start = self.start_tracks.copy()
        self._burn_memo: tuple[tuple, dict[str, float]] | None = None  # (state worked out on, lines)
        self._open_quarter(initial=True)

    # ----- the state, as clients read it -----------------------------------------------------

    @property
    def tracks(self) -> np.ndarray:
        return self.st.tracks[0, PLAYER]

    def track(self, name: str) -> float:
        tr = self.tracks
        if name == "chips":
            return float((tr[T["rented_chips_m"]] + tr[T["own_chips_m"]]) * 1e6)
        if name in ("burn_busd_per_year", "runway_quarters") and self.over:
            # no quarter is coming: the burn and runway the last quarter ended on
            for rec in reversed(self.quarters):
                if name in rec.tracks:
                    return float(rec.tracks[name])
        if name == "burn_busd_per_year":
            return 4.0 * self.burn_per_quarter()
        if name == "runway_quarters":
            burn_q = self.burn_per_quarter()
            return float("inf") if burn_q <= 0 else float(max(tr[T["cash_busd"]], 0.0) / burn_q)
        return float(tr[T[name]])

    def burn_per_quarter(self) -> float:
        """What the end of this quarter will take from the cash, as things stand: the quarter's
        business (revenue less running costs, research and building bills) worked out by the
        model on a copy of the game, as if the quarter ended now. Negative when the quarter
        brings in more than it costs. Launches and deals not yet made are not foreseen."""
        return -sum(self.burn_lines().values())

    def burn_lines(self) -> dict[str, float]:
        """`burn_per_quarter` line by line, $B (revenue positive, costs negative), keyed by the
        ledger line (q_revenue_busd, q_inference_busd...): what the model will book at the end
        of this quarter if it ended now."""
        st = self.st  # what the end of a quarter reads: the tracks, campuses building, products running
        key = (st.turn, st.tracks.tobytes(), st.pipeline_gw.tobytes(), st.running.tobytes())
        if self._burn_memo is None or self._burn_memo[0] != key:
            trial = self.st.copy()
            if trial.outcome[0] == ONGOING:
                engine.end_quarter(trial, self.c, open_next=False)
            now, then = self.st.tracks[0, PLAYER], trial.tracks[0, PLAYER]
            lines = {k: float(sign * (then[T[k]] - now[T[k]])) for k, sign in _BURN_LINES.items()}
            self._burn_memo = (key, lines)
        return dict(self._burn_memo[1])

    @property
    def turn(self) -> int:
        return self.st.turn

    @property
    def date(self) -> str:
        return self.c.date_label(self.st.turn)

    @property
    def location(self) -> str:
        return self.c.space_ids[int(self.st.location[0])]

    @property
    def over(self) -> bool:
        return int(self.st.outcome[0]) != ONGOING

    @property
    def outcome(self) -> str | None:
        return {ONGOING: None, WON: "won", LOST: "lost"}[int(self.st.outcome[0])]

    @property
    def outcome_id(self) -> str | None:
        o, r = int(self.st.outcome[0]), int(self.st.reason[0])
        if o == WON:
            return self.scenario.goals.win[r].id
        if o == LOST:
            return "time_up" if r < 0 else self.scenario.goals.lose[r].id
        return None

    @property
    def card(self):
        k = int(self.st.card[0])
        return self.scenario.events[k] if k >= 0 else None

    @property
    def awaiting_choice(self) -> bool:
        return bool(self.st.awaiting_choice[0])

    def campuses(self) -> dict[str, float]:
        """GW of campus commissioned at each space (built or building)."""
        g = self.st.campus_gw_space[0, PLAYER]
        return {sid: float(g[i]) for i, sid in enumerate(self.c.space_ids) if g[i] > 0}

    def campus_views(self) -> list[CampusView]:
        """Per space, the campus GW finished and the GW still being built."""
        n = max(self.c.consts.campus_build_quarters, 1)
        built: dict[str, float] = {}
        building: dict[str, float] = {}
        for turn, space, gw in self._commissions:
            side = built if self.turn >= turn + n else building
            side[space] = side.get(space, 0.0) + gw
        return [
            CampusView(sid, built.get(sid, 0.0), building.get(sid, 0.0))
            for sid in self.c.space_ids
            if sid in built or sid in building
        ]

    def campus_gw_building(self) -> float:
        return float(self.st.pipeline_gw[0, PLAYER].sum())

    def deals_signed(self) -> dict[str, int]:
        s = self.st.deals_signed[0, PLAYER]
        return {d.id: int(s[i]) for i, d in enumerate(self.scenario.deals) if s[i] > 0}

    def products_running(self) -> list[str]:
        r = self.st.running[0, PLAYER]
        return [p.id for i, p in enumerate(self.scenario.products) if r[i]]

    def deliveries(self) -> list[tuple[int, str, float]]:
        """Delayed effects still to land: (quarters from now, track, amount)."""
        out = []
        for k in range(HORIZON):
            slot = (self.st.turn + k) % HORIZON
            for j, key in enumerate(DELAYED_KEYS):
                v = float(self.st.pending[0, PLAYER, slot, j])
                if abs(v) > 1e-12:
                    out.append((k, key, v))
        return out

    # ----- the rules, as clients ask them ----------------------------------------------------

    def legal_ids(self) -> np.ndarray:
        return np.flatnonzero(legal_matrix(self.st, self.c)[0])

    def legal_actions(self) -> list[Action]:
        return [self.codec.decode(int(a)) for a in self.legal_ids()]

    def why_illegal(self, action: Action) -> Fact | None:
        """Why the rules refuse an action now (a `refused.*` or `unknown.*` fact); None if legal."""
        try:
            a = self.codec.encode(action)
        except UnknownAction as e:
            return e.why
        return why_illegal(self.st, self.c, a)

    def label(self, action: Action) -> Fact:
        """What the action is, here and now (`move.*`)."""
        try:
            kind, i = self.c.space.kind_of(self.codec.encode(action))
        except UnknownAction as e:
            return e.why
        return MOVE[kind].label(self.c, i, self.st)

    def menu(self) -> list[MenuItem]:
        """Every action worth showing now: legal ones, and illegal ones with their reason."""
        items = []
        legal = legal_matrix(self.st, self.c)[0]
        for move in MOVES:
            for i, a in enumerate(self.c.space.blocks[move.kind]):
                if not move.offered(self.c, i, self.st):
                    continue
                action = move.decode(self.c, i)
                ok = bool(legal[a])
                prev = self.preview(action) if ok and move.kind != "end_quarter" else None
                items.append(
                    MenuItem(
                        action=action,
                        label=move.label(self.c, i, self.st),
                        group=move.group,
                        legal=ok,
                        reason=None if ok else why_illegal(self.st, self.c, a),
                        touches=prev.touches if prev else {},
                        odds=prev.odds if prev else None,
                        later=prev.later if prev else [],
                        notes=prev.notes if prev else [],
                        on_failure=prev.on_failure if prev else None,
                        failure=prev.failure if prev else None,
                        attention=move.attention(self.c, i, self.st),
                    )
                )
        return items

    def preview(self, action: Action) -> Preview:
        """What an action would change if it goes well, its odds if chance decides, and what
        it delivers later. Computed on a copy by the same engine; nothing here changes."""
        try:
            a = self.codec.encode(action)
        except UnknownAction:
            return Preview({}, None, [], [])
        kind, i = self.c.space.kind_of(a)
        move = MOVE[kind]
        trial = self.st.copy()
        before = trial.tracks[0, PLAYER].copy()
        pending_before = trial.pending.copy()
        rep = engine.step(trial, self.c, np.array([a]), u=np.zeros(1), open_next=False)
        if not rep.applied[0]:
            return Preview({}, None, [], [])
        touches = _diff(before, trial.tracks[0, PLAYER], PREVIEW_TRACKS)
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        on_failure, failure = None, None
        if odds is not None:
            # the same action on another copy, with the draw that makes chance go against you
            bad = self.st.copy()
            bad_rep = engine.step(bad, self.c, np.array([a]), u=np.array([_WORST_DRAW]), open_next=False)
            if bad_rep.applied[0] and not bad_rep.success[0]:
                on_failure = _diff(before, bad.tracks[0, PLAYER], PREVIEW_TRACKS)
                failure = fact(f"failure.{move.chance}")
        later = []
        extra = trial.pending - pending_before
        for k in range(1, HORIZON):
            slot = (self.st.turn + k) % HORIZON
            for j, key in enumerate(DELAYED_KEYS):
                v = float(extra[0, PLAYER, slot, j])
                if abs(v) > 1e-12:
                    later.append(Delivery(key, v, k))
        return Preview(touches, odds, later, move.notes(self.c, i, self.st), on_failure, failure)

    # ----- changing the game -----------------------------------------------------------------

    def apply(self, action: Action) -> ActionResult:
        """Do an action if the rules allow it; a refused action changes nothing."""
        try:
            a = self.codec.encode(action)
        except UnknownAction as e:
            return ActionResult(False, e.why)
        reason = why_illegal(self.st, self.c, a)
        if reason is not None:
            return ActionResult(False, reason)
        kind, i = self.c.space.kind_of(a)
        move = MOVE[kind]
        label = move.label(self.c, i, self.st)
        before = self.tracks.copy()
        turn = self.turn
        rec = self.quarters[-1]
        rep = engine.step(self.st, self.c, np.array([a]), open_next=False)
        assert rep.applied[0]
        self.actions.append(action)
        if kind == "commission_campus":
            site = self.c.site_of_space[self.c.space_ids.index(self.location)]
            self._commissions.append((turn, self.location, float(self.c.site_gw[site])))
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        told = move.told(self.c, i, self.st, bool(rep.success[0]) if odds is not None else None, odds, turn)
        messages = [told]
        rec.actions.append(action)
        rec.labels.append(label)
        rec.told.append(told)
        if kind == "choose":
            rec.choice = i
        if kind != "end_quarter":
            rec.causes.append((label, _diff(before, self.tracks)))
        self._chance_after.append("quarter" if rep.quarter_ended else "dice" if odds is not None else "")
        # the log carries the date: its line for the quarter's end does not say it again
        logged = fact("told.quarter_ends") if kind == "end_quarter" else told
        self.log.append(LogEntry(turn, "choice" if kind == "choose" else "action", logged))
        if rep.quarter_ended:
            messages += self._close_quarter(before_economy=before, incident=bool(rep.incidents[0]))
        return ActionResult(True, None, messages)

    def apply_or_raise(self, action: Action) -> ActionResult:
        r = self.apply(action)
        if not r.ok:
            raise IllegalAction(r.reason or fact("refused.no_such_action"))
        return r

    def can_undo(self) -> bool:
        """The last action can be taken back if it rolled no dice and ended no quarter."""
        return self.undo_refusal is None

    @property
    def undo_refusal(self) -> Fact | None:
        """Why `undo` would do nothing now (`undo.*`); None when it can undo."""
        if self.over:
            return fact("undo.game_over")
        if not self._chance_after:
            return fact("undo.nothing_yet")
        last = self._chance_after[-1]
        if last == "quarter":
            return fact("undo.quarter_ended")
        if last == "dice":
            return fact("undo.dice")
        return None

    def undo(self) -> bool:
        if not self.can_undo():
            return False
        kept = self.actions[:-1]
        self._begin()
        for a in kept:
            self.apply_or_raise(a)
        return True

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: list[Action], compiled: Compiled | None = None) -> Game:
        """Rebuild a game from its seed and action list (raises IllegalAction if one is refused)."""
        g = cls(scenario, seed, compiled)
        for k, a in enumerate(actions):
            r = g.apply(a)
            if not r.ok:
                raise IllegalAction(fact("replay.refused", number=k + 1, move=a.kind, reason=r.reason))
        return g

    # ----- bookkeeping -----------------------------------------------------------------------

    def _open_quarter(self, initial: bool = False) -> None:
        before = self.tracks.copy()
        due = self.st.pending[0, PLAYER, self.st.turn % HORIZON].copy()
        if initial:
            engine.start(self.c, self.st)
        else:
            engine.begin_quarter(self.st, self.c)
        rec = QuarterRecord(self.turn, self.date)
        self.quarters.append(rec)
        self._quarter_start = self.tracks.copy()
        self._start_burn = self.burn_per_quarter()  # what the quarter's end would take, as it opened
        if initial:
            self.start_burn = self._start_burn
        landed = {key: float(v) for key, v in zip(DELAYED_KEYS, due, strict=True) if abs(v) > 1e-12}
        if landed:
            rec.causes.append((fact("cause.deliveries"), landed))
            self.log.append(LogEntry(self.turn, "delivery", fact("told.delivered", landed=landed)))
        card = self.card
        if card is not None:
            rec.card = card.id
            moved = _diff(before, self.tracks)
            for k, v in landed.items():  # what the deliveries brought is not the card's doing
                rest = moved.get(k, 0.0) - v
                if abs(rest) > 1e-9:
                    moved[k] = rest
                else:
                    moved.pop(k, None)
            rec.causes.append((fact("cause.card", card=card.id), moved))
            self.log.append(LogEntry(self.turn, "card", fact("told.card", card=card.id)))

    def _close_quarter(self, before_economy: np.ndarray, incident: bool) -> list[Fact]:
        rec = self.quarters[-1]
        tr = self.tracks
        rec.tracks = _track_dict(tr)
        rec.incident = incident
        econ = _diff(before_economy, tr)
        rec.causes.append((fact("cause.business"), econ))
        # what this quarter's end took from the cash: the burn and runway the quarter ended on
        burn_q = -econ.get("cash_busd", 0.0)
        rec.tracks["burn_busd_per_year"] = 4.0 * burn_q
        rec.tracks["runway_quarters"] = float("inf") if burn_q <= 0 else max(float(tr[T["cash_busd"]]), 0.0) / burn_q
        told = [fact("told.quarter_closes", revenue_busd=float(tr[T["q_revenue_busd"]]),
                     spending_busd=float(tr[T["q_spend_busd"]]), cash_busd=float(tr[T["cash_busd"]]))]
        moved = {}
        for name in ("scrutiny", "credibility", "trust", "power_gw_online", "valuation_busd"):
            a, b = float(self._quarter_start[T[name]]), float(tr[T[name]])
            if abs(b - a) >= 0.05:
                moved[name] = (a, b)
        served, demand = tr[T["served_bq"]], tr[T["demand_bq"]]
        turned_away = float(1 - served / demand) if demand > 0 and served < 0.95 * demand else 0.0
        if moved or turned_away:
            told.append(fact("told.quarter_moved", moved=moved, turned_away=turned_away))
        finished = float(tr[T["campus_gw_built"]] - before_economy[T["campus_gw_built"]])
        if finished > 1e-9:
            told.append(fact("told.campus_finished", gw=finished))
        for f in told:
            self.log.append(LogEntry(rec.turn, "quarter", f))
        if incident:
            told.append(fact("told.incident"))
            self.log.append(LogEntry(rec.turn, "incident", told[-1]))
        if self.over:
            told.append(fact("told.game_over", outcome=self.outcome, ending=self.outcome_id))
            self.log.append(LogEntry(rec.turn, "outcome", told[-1]))
        else:
            self._open_quarter()
            if self.card is not None:
                told.append(fact("told.card_drawn", card=self.card.id, turn=self.turn))
        return told

    # ----- explanations ----------------------------------------------------------------------

    def explain(self, name: str) -> dict:
        """What moved a track this quarter and last, and where its starting figure comes from.

        `value` and `quarter_start` are in the units `track(name)` gives (chips count chips,
        not millions). `causes` are (turn, cause, amount): the cause a fact (`cause.*` or the
        label of a move), the amount as the track `causes_track` counts it (chips in millions
        of rented and own chips, runway as what moved the cash). `origin` is the figure of the
        scenario the track starts from, or None; `worked_out` says the track is computed from
        others (the text layer says how)."""
        causes = []
        if name == "burn_busd_per_year":  # what the quarter's end will bring and cost, a year
            causes = [(self.turn, fact("cause.ledger", line=k), -4.0 * v) for k, v in self.burn_lines().items() if abs(v) > 1e-9]
        else:
            for rec in self.quarters[-2:]:
                for label, diff in rec.causes:
                    amount = _cause_amount(name, diff)
                    if amount is not None:
                        causes.append((rec.turn, label, amount))
        origin = None
        if name in TRACK_ORIGIN:
            section, field_name, how = TRACK_ORIGIN[name]
            fig = getattr(self.scenario, section).get(field_name)
            if fig is not None:
                origin = fact(f"origin.{how}", value=fig.value, unit=fig.unit, source=fig.origin())
        return {
            "track": name,
            "value": self.track(name),
            "quarter_start": self._start_value(name),
            "causes": causes,
            "causes_track": CAUSE_TRACK.get(name, "spend_busd_per_year" if name == "burn_busd_per_year" else name),
            "origin": origin,
            "worked_out": name in WORKED_OUT,
        }

    def condition_facts(self, cond: Condition | None) -> list[tuple[str, str, float, float, bool]]:
        """Each figure a goal or ending tests, now: (track, op, bound, value, met?). Clauses on
        places, deals or the calendar are left out."""
        out = []
        for key, comp in (cond.root.items() if cond is not None else ()):
            if key not in T or not hasattr(comp, "bounds"):
                continue
            now = self.track(key)
            for op, bound in comp.bounds().items():
                out.append((key, op, bound, now, bool(compare(now, op, bound))))
        return out

    def endings(self) -> list[Ending]:
        """The scenario's goals, then its endings, each with when the engine checks it: at the
        end of a quarter, after the quarter's business (a track may pass a limit during a
        quarter and come back before its end)."""
        g = self.scenario.goals
        out = []
        for won, goals in ((True, g.win), (False, g.lose)):
            for goal in goals:
                reads = tuple(k for k in goal.when.root if k in T) if goal.when else ()
                out.append(Ending(goal.id, won, goal.title, " ".join(goal.text.split()), goal.when, reads))
        return out

    def _start_value(self, name: str) -> float:
        if name == "burn_busd_per_year":
            return 4.0 * self._start_burn
        if name == "runway_quarters":
            cash = max(float(self._quarter_start[T["cash_busd"]]), 0.0)
            return float("inf") if self._start_burn <= 0 else cash / self._start_burn
        saved = self.st.tracks[0, PLAYER].copy()
        self.st.tracks[0, PLAYER] = self._quarter_start
        try:
            return self.track(name)
        finally:
            self.st.tracks[0, PLAYER] = saved

    def figures(self) -> dict[str, float]:
        """The figures a result reports (see the run command's JSON)."""
        return {
            "cash_busd": round(self.track("cash_busd"), 4),
            "revenue_busd_per_year": round(self.track("revenue_busd_per_year"), 4),
            "spend_busd_per_year": round(self.track("spend_busd_per_year"), 4),
            "power_gw": round(self.track("power_gw_online"), 4),
            "chips": round(self.track("chips")),
            "scrutiny": round(self.track("scrutiny"), 4),
            "credibility": round(self.track("credibility"), 4),
            "trust": round(self.track("trust"), 4),
            "valuation_busd": round(self.track("valuation_busd"), 4),
            "equity_sold_pct": round(self.track("equity_sold_pct"), 4),
            "raised_busd": round(self.track("raised_busd"), 4),
        }


# The chance draw that makes anything chance decides go against you: just under 1 (a pitch,
# a deal or a clean launch needs a draw below its odds).
_WORST_DRAW = float(np.nextafter(1.0, 0.0))

# The lines of the quarter's ledger the end of a quarter books, and their sign for the cash.
_BURN_LINES = {
    "q_revenue_busd": 1.0,
    "q_inference_busd": -1.0,
    "q_training_busd": -1.0,
    "q_staff_busd": -1.0,
    "q_products_busd": -1.0,
    "q_capex_busd": -1.0,
}


def _cause_amount(name: str, diff: dict[str, float]) -> float | None:
    """What one cause did to track `name`, in the units of `CAUSE_UNITS` (else the track's);
    None if it did not touch it."""
    if name == "chips":  # in millions of chips
        keys = ("rented_chips_m", "own_chips_m")
        if not any(k in diff for k in keys):
            return None
        return sum(diff.get(k, 0.0) for k in keys)
    if name == "runway_quarters":  # what moved the cash, in $B
        return diff.get("cash_busd")
    return diff.get(name)


__all__ = ["Game", "IllegalAction", "ActionResult", "MenuItem", "Preview", "Ending", "EndQuarter", "Choose"]
