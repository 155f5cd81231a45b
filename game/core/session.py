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
from game.core.actions import Action, ActionCodec, Choose, EndQuarter, UnknownAction
from game.core.compiled import HORIZON, Compiled, compile_scenario, fmt_busd
from game.core.rules import compare, describe_ending, legal_matrix, why_illegal
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

TRACK_LABELS: dict[str, str] = {
    "cash_busd": "Cash ($B)",
    "revenue_busd_per_year": "Revenue ($B/yr)",
    "spend_busd_per_year": "Spending ($B/yr)",
    "burn_busd_per_year": "Burn ($B/yr)",
    "runway_quarters": "Runway (quarters)",
    "demand_bq": "Demand (bn queries/qtr)",
    "served_bq": "Served (bn queries/qtr)",
    "capacity_bq": "Capacity (bn queries/qtr)",
    "chips": "Chips online",
    "rented_chips_m": "Rented chips (M)",
    "own_chips_m": "Own chips (M)",
    "chips_reserved_m": "Chips on order (M)",
    "power_gw_online": "Power online (GW)",
    "power_gw_needed": "Power needed (GW)",
    "campus_gw_built": "Campuses built (GW)",
    "scrutiny": "Scrutiny (0-10)",
    "credibility": "Credibility (0-10)",
    "trust": "Team trust (0-10)",
    "valuation_busd": "Valuation ($B)",
    "equity_sold_pct": "Equity sold (%)",
    "raised_busd": "Raised so far ($B)",
    "inference_cost_cents": "Cost per query (cents)",
    "price_cents": "Revenue per query (cents)",
    "safety_debt": "Safety debt",
    "away_streak": "Quarters on tour",
    "attention": "Attention",
}

# Which figure of the scenario a track starts from (for "where does it come from?"):
# (section, field, how the figure is introduced). A track missing here starts from no single
# figure of the scenario (it is worked out from others: see TRACK_DERIVED) or from zero.
TRACK_ORIGIN: dict[str, tuple[str, str, str]] = {
    "revenue_busd_per_year": ("start", "revenue_busd_per_year", "Starting figure"),
    "spend_busd_per_year": ("start", "spend_busd_per_year", "Starting figure"),
    "cash_busd": ("start", "cash_busd", "Starting figure"),
    "demand_bq": ("start", "demand_bq", "Starting figure"),
    "rented_chips_m": ("start", "rented_chips_m", "Starting figure"),
    "chips": ("start", "rented_chips_m", "Starting figure (the rented chips)"),
    "scrutiny": ("start", "scrutiny", "Starting figure"),
    "credibility": ("start", "credibility", "Starting figure"),
    "trust": ("start", "trust", "Starting figure"),
    "valuation_busd": ("start", "valuation_busd", "Starting figure"),
    "price_cents": ("start", "price_cents", "Starting figure"),
    "safety_debt": ("start", "safety_debt", "Starting figure"),
    "inference_cost_cents": ("constants", "query_cost_cents", "Starting figure"),
    "power_gw_needed": ("constants", "chips_m_per_gw", "Worked out with"),
}

# How a track worked out from other tracks is computed.
TRACK_DERIVED: dict[str, str] = {
    "chips": "Rented chips plus the lab's own chips.",
    "burn_busd_per_year": (
        "What the end of this quarter will take from the cash (running costs, research and "
        "building bills, less revenue), times 4."
    ),
    "runway_quarters": (
        "Cash divided by what the end of this quarter will take from it: how many quarters "
        "like this one the cash lasts."
    ),
    "power_gw_needed": "The lab's own chips installed, divided by the chips a GW runs.",
}

# The units of a track's value and start-of-quarter figure in `explain`, where the track's
# label does not say them.
TRACK_UNITS: dict[str, str] = {
    "chips": "chips",
    "burn_busd_per_year": "$B/yr",
}

# The units of the causes `explain` lists, where they differ from the track's own: chips are
# counted in millions (rented plus own) and runway, which no single cause moves in quarters,
# lists what moved the cash.
CAUSE_UNITS: dict[str, str] = {
    "chips": "M",
    "runway_quarters": "$B",
}


class IllegalAction(Exception):
    """Raised by `Game.apply_or_raise` when the rules refuse an action."""


@dataclass
class LogEntry:
    turn: int
    date: str
    kind: str  # action | card | choice | quarter | incident | outcome
    text: str


@dataclass
class ActionResult:
    ok: bool
    reason: str | None = None
    messages: list[str] = field(default_factory=list)


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
    notes: list[str]
    on_failure: dict[str, float] | None = None
    failure: str | None = None


@dataclass
class MenuItem:
    """One action a client can offer, legal or not, with what it would do."""

    action: Action
    label: str
    group: str
    legal: bool
    reason: str | None
    touches: dict[str, float]
    odds: float | None
    delayed: list[str]  # the deliveries and notes below, as sentences
    later: list[Delivery] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    on_failure: dict[str, float] | None = None  # what chance going against you does (see Preview)
    failure: str | None = None  # "if they say no", "if it falls through", "if the launch is rushed"


@dataclass
class Ending:
    """A goal or an ending of the scenario, and when the engine checks it, in words."""

    id: str
    won: bool  # reaching it wins the game (else it loses it)
    title: str
    text: str
    when: str  # "You lose at the end of a quarter if scrutiny reaches 10."
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
    choice: str | None = None
    actions: list[Action] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    causes: list[tuple[str, dict[str, float]]] = field(default_factory=list)
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
        """`burn_per_quarter` line by line, $B (revenue positive, costs negative): what the
        model will book at the end of this quarter if it ended now."""
        st = self.st  # what the end of a quarter reads: the tracks, campuses building, products running
        key = (st.turn, st.tracks.tobytes(), st.pipeline_gw.tobytes(), st.running.tobytes())
        if self._burn_memo is None or self._burn_memo[0] != key:
            trial = self.st.copy()
            if trial.outcome[0] == ONGOING:
                engine.end_quarter(trial, self.c, open_next=False)
            now, then = self.st.tracks[0, PLAYER], trial.tracks[0, PLAYER]
            lines = {label: float(sign * (then[T[k]] - now[T[k]])) for k, (label, sign) in _BURN_LINES.items()}
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
    def outcome_reason(self) -> str:
        o, r = int(self.st.outcome[0]), int(self.st.reason[0])
        g = self.scenario.goals
        if o == WON:
            return f"{g.win[r].title}: {g.win[r].text}"
        if o == LOST:
            return g.time_up if r < 0 else f"{g.lose[r].title}: {g.lose[r].text}"
        return ""

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

    def why_illegal(self, action: Action) -> str | None:
        try:
            a = self.codec.encode(action)
        except UnknownAction as e:
            return f"That action is not part of this scenario: {e}."
        return why_illegal(self.st, self.c, a)

    def label(self, action: Action) -> str:
        card = self.card
        choices = [ch.label for ch in card.choices] if card else None
        return self.codec.label(action, self.location, choices)

    def menu(self) -> list[MenuItem]:
        """Every action worth showing now: legal ones, and illegal ones with their reason."""
        items = []
        legal = legal_matrix(self.st, self.c)[0]
        sp = self.c.space
        here = int(self.st.location[0])
        for a in range(sp.size):
            kind, i = sp.kind_of(a)
            if kind == "choose" and not self.awaiting_choice:
                continue
            if kind == "choose" and self.card and i >= len(self.card.choices):
                continue
            if kind == "travel" and i == here:
                continue
            if kind == "pitch" and not self.c.can_pitch[here]:
                continue
            if kind == "sign" and self.c.deal_space[i] != here:
                continue
            if kind == "stop_product" and not self.st.running[0, PLAYER, i]:
                continue
            if kind == "commission_campus" and self.c.site_of_space[here] < 0:
                continue
            action = self.codec.decode(a)
            reason = None if legal[a] else why_illegal(self.st, self.c, a)
            prev = self.preview(action) if legal[a] and kind != "end_quarter" else None
            later = prev.later if prev else []
            notes = prev.notes if prev else []
            items.append(
                MenuItem(
                    action=action,
                    label=self.label(action),
                    group=_GROUPS[kind],
                    legal=bool(legal[a]),
                    reason=reason,
                    touches=prev.touches if prev else {},
                    odds=prev.odds if prev else None,
                    delayed=[_later_text(d) for d in later] + notes,
                    later=later,
                    notes=notes,
                    on_failure=prev.on_failure if prev else None,
                    failure=prev.failure if prev else None,
                )
            )
        return items

    def preview(self, action: Action) -> Preview:
        """What an action would change if it goes well, its odds if chance decides, and what
        it delivers later. Computed on a copy by the same engine; nothing here changes."""
        a = self.codec.encode(action)
        trial = self.st.copy()
        before = trial.tracks[0, PLAYER].copy()
        pending_before = trial.pending.copy()
        rep = engine.step(trial, self.c, np.array([a]), u=np.zeros(1), open_next=False)
        if not rep.applied[0]:
            return Preview({}, None, [], [])
        touches = _diff(before, trial.tracks[0, PLAYER], PREVIEW_TRACKS)
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        kind, _ = self.c.space.kind_of(a)
        if kind == "launch_model" and odds is not None:
            odds = 1.0 - odds  # the odds that the launch is not rushed
        on_failure, failure = None, None
        if odds is not None:
            # the same action on another copy, with the draw that makes chance go against you
            bad = self.st.copy()
            bad_rep = engine.step(bad, self.c, np.array([a]), u=np.array([_WORST_DRAW]), open_next=False)
            if bad_rep.applied[0] and not bad_rep.success[0]:
                on_failure = _diff(before, bad.tracks[0, PLAYER], PREVIEW_TRACKS)
                failure = _FAILURE_WORDS.get(kind, "if it goes wrong")
        later = []
        notes = []
        extra = trial.pending - pending_before
        for k in range(1, HORIZON):
            slot = (self.st.turn + k) % HORIZON
            for j, key in enumerate(DELAYED_KEYS):
                v = float(extra[0, PLAYER, slot, j])
                if abs(v) > 1e-12:
                    later.append(Delivery(key, v, k))
        if kind == "commission_campus":
            built = float(trial.pipeline_gw[0, PLAYER].sum() - self.st.pipeline_gw[0, PLAYER].sum())
            n = max(self.c.consts.campus_build_quarters, 1)
            bill = built * self.c.consts.capex_busd_per_gw / n
            notes.append(
                f"{built:g} GW built over {n} quarters, {bill:.1f} $B a quarter; it needs power "
                f"and {built * self.c.consts.chips_m_per_gw:g} M chips on order to run"
            )
        if kind == "start_product":
            _, i = self.c.space.kind_of(a)
            cost = float(self.c.prod_cost[i])
            if cost > 0:
                notes.append(f"it costs {fmt_money(cost)} a quarter while it runs, paid at the end of each quarter")
        return Preview(touches, odds, later, notes, on_failure, failure)

    # ----- changing the game -----------------------------------------------------------------

    def apply(self, action: Action) -> ActionResult:
        """Do an action if the rules allow it; a refused action changes nothing."""
        try:
            a = self.codec.encode(action)
        except UnknownAction as e:
            return ActionResult(False, f"That action is not part of this scenario: {e}.")
        reason = why_illegal(self.st, self.c, a)
        if reason is not None:
            return ActionResult(False, reason)
        label = self.label(action)
        before = self.tracks.copy()
        turn, date = self.turn, self.date
        rec = self.quarters[-1]
        card = self.card
        rep = engine.step(self.st, self.c, np.array([a]), open_next=False)
        assert rep.applied[0]
        self.actions.append(action)
        kind, i = self.c.space.kind_of(a)
        if kind == "commission_campus":
            site = self.c.site_of_space[self.c.space_ids.index(self.location)]
            self._commissions.append((turn, self.location, float(self.c.site_gw[site])))
        message = self._describe(kind, i, action, label, rep)
        messages = [message]
        rec.actions.append(action)
        rec.labels.append(label)
        if kind == "choose" and card is not None:
            rec.choice = card.choices[i].label
        if kind != "end_quarter":
            rec.causes.append((label, _diff(before, self.tracks)))
        self._chance_after.append("quarter" if rep.quarter_ended else "dice" if not np.isnan(rep.chance[0]) else "")
        # a log entry carries its date: the end of the quarter is not dated again in its text
        text = "The quarter ends." if kind == "end_quarter" else message
        self.log.append(LogEntry(turn, date, "choice" if kind == "choose" else "action", text))
        if rep.quarter_ended:
            messages += self._close_quarter(before_economy=before, incident=bool(rep.incidents[0]))
        return ActionResult(True, None, messages)

    def apply_or_raise(self, action: Action) -> ActionResult:
        r = self.apply(action)
        if not r.ok:
            raise IllegalAction(r.reason)
        return r

    def can_undo(self) -> bool:
        """The last action can be taken back if it rolled no dice and ended no quarter."""
        return self.undo_refusal is None

    @property
    def undo_refusal(self) -> str | None:
        """Why `undo` would do nothing now, in a player's words; None when it can undo."""
        if self.over:
            return "The game is over: nothing can be taken back."
        if not self._chance_after:
            return "Nothing to undo: no action taken yet."
        last = self._chance_after[-1]
        if last == "quarter":
            return "Nothing to undo: the last action ended a quarter."
        if last == "dice":
            return "Nothing to undo: the last action rolled dice, and its result stands."
        return None

    def undo(self) -> bool:
        if not self.can_undo():
            return False
        replayed = Game.replay(self.scenario, self.seed, self.actions[:-1], self.c)
        self.__dict__.update(replayed.__dict__)
        return True

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: list[Action], compiled: Compiled | None = None) -> Game:
        """Rebuild a game from its seed and action list (raises IllegalAction if one is refused)."""
        g = cls(scenario, seed, compiled)
        for k, a in enumerate(actions):
            r = g.apply(a)
            if not r.ok:
                raise IllegalAction(f"action {k + 1} ({a.kind}) was refused on replay: {r.reason}")
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
            rec.causes.append(("Deliveries from earlier deals", landed))
            text = ", ".join(f"{TRACK_LABELS.get(k, k)} {v:+g}" for k, v in landed.items())
            self.log.append(LogEntry(self.turn, self.date, "delivery", f"Delivered: {text}."))
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
            rec.causes.append((f"Card: {card.title}", moved))
            self.log.append(LogEntry(self.turn, self.date, "card", f"{sentence(card.title)} {card.text}"))

    def _close_quarter(self, before_economy: np.ndarray, incident: bool) -> list[str]:
        rec = self.quarters[-1]
        tr = self.tracks
        rec.tracks = _track_dict(tr)
        rec.incident = incident
        econ = _diff(before_economy, tr)
        rec.causes.append(("The quarter's business", econ))
        # what this quarter's end took from the cash: the burn and runway the quarter ended on
        burn_q = -econ.get("cash_busd", 0.0)
        rec.tracks["burn_busd_per_year"] = 4.0 * burn_q
        rec.tracks["runway_quarters"] = float("inf") if burn_q <= 0 else max(float(tr[T["cash_busd"]]), 0.0) / burn_q
        figures = (
            f"revenue {tr[T['q_revenue_busd']]:.2f} $B, spending "
            f"{tr[T['q_spend_busd']]:.2f} $B, cash {tr[T['cash_busd']]:.1f} $B."
        )
        msgs = [f"{rec.date} closes: {figures}"]
        logged = [f"The quarter closes: {figures}"]  # the log entry carries the date already
        moved = []
        for name in ("scrutiny", "credibility", "trust", "power_gw_online", "valuation_busd"):
            a, b = float(self._quarter_start[T[name]]), float(tr[T[name]])
            if abs(b - a) >= 0.05:
                moved.append(f"{TRACK_LABELS[name].split(' (')[0].lower()} {a:.1f} -> {b:.1f}")
        served, demand = tr[T["served_bq"]], tr[T["demand_bq"]]
        if demand > 0 and served < 0.95 * demand:
            moved.append(f"{1 - served / demand:.0%} of demand turned away for lack of chips")
        if moved:
            msgs.append("  " + "; ".join(moved) + ".")
            logged.append(msgs[-1])
        finished = float(tr[T["campus_gw_built"]] - before_economy[T["campus_gw_built"]])
        if finished > 1e-9:
            msgs.append(
                f"A campus is finished: {finished:g} GW built. It runs once it has power online and "
                "its own chips installed (chips on order move in as campuses finish)."
            )
            logged.append(msgs[-1])
        if incident:
            msgs.append(
                "An incident: a rushed release or a lapse in testing made the news "
                "(credibility and trust fall, scrutiny rises)."
            )
            logged.append(msgs[-1])
        for m in logged:
            self.log.append(LogEntry(rec.turn, rec.date, "incident" if m.startswith("An incident") else "quarter", m))
        if self.over:
            text = f"The game ends: {self.outcome}. {self.outcome_reason}"
            self.log.append(LogEntry(rec.turn, rec.date, "outcome", text))
            msgs.append(text)
        else:
            self._open_quarter()
            card = self.card
            if card is not None:
                msgs.append(sentence(f"{self.date}: card drawn, {card.title}"))
        return msgs

    def _describe(self, kind: str, i: int, action: Action, label: str, rep: engine.StepReport) -> str:
        if kind == "pitch":
            odds = float(rep.chance[0])
            if rep.success[0]:
                return f"{label}: investors said yes (odds were {odds:.0%}). Cash +{fmt_busd(action.ask_busd)}."
            return f"{label}: investors said no (odds were {odds:.0%})."
        if kind == "sign" and not np.isnan(rep.chance[0]):
            odds = float(rep.chance[0])
            return f"{label}: {'it went through' if rep.success[0] else 'it fell through'} (odds were {odds:.0%})."
        if kind == "launch_model":
            p = float(rep.chance[0])
            if not rep.success[0]:
                return f"{label}: the launch was rushed and it shows (the chance of a rushed launch was {p:.0%})."
            if p > 0:
                return f"{label}: launched, not rushed (the chance of a rushed launch was {p:.0%})."
            return f"{label}: launched, not rushed."
        if kind == "end_quarter":
            return f"{self.c.date_label(self.quarters[-1].turn)}: the quarter ends."
        return sentence(label)

    # ----- explanations ----------------------------------------------------------------------

    def explain(self, name: str) -> dict:
        """What moved a track this quarter and last, and where its starting figure comes from.

        `value` and `quarter_start` are in the same units (`unit`), those `track(name)` gives:
        chips counts chips, not millions. The amounts in `causes` are in `causes_unit` (the
        same but for chips, in millions, and runway, whose causes are what moved the cash, in
        $B). `source` cites the figure of the scenario the track really starts from ("" if
        none); `derived` says how a track worked out from others is computed ("" otherwise)."""
        causes = []
        if name == "burn_busd_per_year":  # what the quarter's end will bring and cost, a year
            causes = [(self.date, label, -4.0 * v) for label, v in self.burn_lines().items() if abs(v) > 1e-9]
        else:
            for rec in self.quarters[-2:]:
                for label, diff in rec.causes:
                    amount = _cause_amount(name, diff)
                    if amount is not None:
                        causes.append((rec.date, label, amount))
        origin = TRACK_ORIGIN.get(name)
        source = ""
        if origin:
            section, field_name, intro = origin
            fig = getattr(self.scenario, section).get(field_name)
            if fig is not None:
                source = f"{intro} {fig.value:g}{(' ' + fig.unit) if fig.unit else ''}: {fig.origin()}"
        return {
            "track": name,
            "label": TRACK_LABELS.get(name, name),
            "value": self.track(name),
            "quarter_start": self._start_value(name),
            "unit": TRACK_UNITS.get(name, _unit_of(name)),
            "causes": causes,
            "causes_unit": CAUSE_UNITS.get(name, TRACK_UNITS.get(name, _unit_of(name))),
            "source": source,
            "derived": TRACK_DERIVED.get(name, ""),
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
                out.append(
                    Ending(goal.id, won, goal.title, " ".join(goal.text.split()),
                           describe_ending(goal.when, self.c, won), reads)
                )
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


def sentence(text: str) -> str:
    """`text` ending with a full stop, unless it already ends a sentence ("?", "!", ".")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def fmt_money(busd: float) -> str:
    """A sum of money: '1.4 $B', or in millions below 1 $B ('450 $M')."""
    if abs(busd) < 1.0:
        return f"{busd * 1000:,.0f} $M"
    return fmt_busd(round(busd, 1))


# The chance draw that makes anything chance decides go against you: just under 1 (a pitch,
# a deal or a clean launch needs a draw below its odds).
_WORST_DRAW = float(np.nextafter(1.0, 0.0))

_FAILURE_WORDS = {
    "pitch": "if they say no",
    "sign": "if it falls through",
    "launch_model": "if the launch is rushed",
}


def _unit_of(name: str) -> str:
    label = TRACK_LABELS.get(name, "")
    unit = label[label.index("(") + 1 : label.rindex(")")] if "(" in label else ""
    return "" if unit == "0-10" else unit


# The lines of the quarter's ledger the end of a quarter books, and their sign for the cash.
_BURN_LINES = {
    "q_revenue_busd": ("Revenue", 1.0),
    "q_inference_busd": ("Serving queries", -1.0),
    "q_training_busd": ("Research and training", -1.0),
    "q_staff_busd": ("Staff", -1.0),
    "q_products_busd": ("Products", -1.0),
    "q_capex_busd": ("Building campuses", -1.0),
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


def _later_text(d: Delivery) -> str:
    return f"{TRACK_LABELS.get(d.track, d.track)} {d.amount:+g} in {d.quarters} quarter{'s' if d.quarters > 1 else ''}"


_GROUPS = {
    "end_quarter": "Quarter",
    "travel": "Travel",
    "pitch": "Raise money",
    "sign": "Deals",
    "launch_model": "Headquarters",
    "start_product": "Headquarters",
    "stop_product": "Headquarters",
    "operations": "Headquarters",
    "safety_review": "Headquarters",
    "commission_campus": "Build",
    "choose": "Event card",
}

__all__ = ["Game", "IllegalAction", "ActionResult", "MenuItem", "Preview", "Ending", "EndQuarter", "Choose"]
