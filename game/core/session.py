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
from game.core.rules import legal_matrix, why_illegal
from game.core.state import LOST, ONGOING, PLAYER, WON, BatchState, new_batch
from game.model.tracks import DELAYED_KEYS, DERIVED_TRACKS, T
from game.scenario.schema import Scenario

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

# Which starting figure of the scenario a shown track comes from (for "where does it come from?").
TRACK_ORIGIN: dict[str, tuple[str, str]] = {
    "revenue_busd_per_year": ("start", "revenue_busd_per_year"),
    "spend_busd_per_year": ("start", "spend_busd_per_year"),
    "cash_busd": ("start", "cash_busd"),
    "demand_bq": ("start", "demand_bq"),
    "rented_chips_m": ("start", "rented_chips_m"),
    "chips": ("start", "rented_chips_m"),
    "scrutiny": ("start", "scrutiny"),
    "credibility": ("start", "credibility"),
    "trust": ("start", "trust"),
    "valuation_busd": ("start", "valuation_busd"),
    "price_cents": ("start", "price_cents"),
    "inference_cost_cents": ("constants", "query_cost_cents"),
    "power_gw_needed": ("constants", "chips_m_per_gw"),
    "power_gw_online": ("constants", "chips_m_per_gw"),
    "burn_busd_per_year": ("start", "spend_busd_per_year"),
    "runway_quarters": ("start", "cash_busd"),
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
    """What an action would do if it goes well, computed by the engine on a copy."""

    touches: dict[str, float]
    odds: float | None
    later: list[Delivery]
    notes: list[str]


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
        self._chance_after: list[bool] = []  # per action: did it roll dice (or end a quarter)?
        self._commissions: list[tuple[int, str, float]] = []  # (turn, space, GW) per campus
        self.st: BatchState = new_batch(self.c, 1, self.seed)
        self.start_tracks = self.st.tracks[0, PLAYER].copy()
        self._quarter_start = self.start_tracks.copy()
        self._open_quarter(initial=True)

    # ----- the state, as clients read it -----------------------------------------------------

    @property
    def tracks(self) -> np.ndarray:
        return self.st.tracks[0, PLAYER]

    def track(self, name: str) -> float:
        tr = self.tracks
        if name == "chips":
            return float((tr[T["rented_chips_m"]] + tr[T["own_chips_m"]]) * 1e6)
        if name == "burn_busd_per_year":
            return float(tr[T["spend_busd_per_year"]] - tr[T["revenue_busd_per_year"]])
        if name == "runway_quarters":
            burn_q = (tr[T["spend_busd_per_year"]] - tr[T["revenue_busd_per_year"]]) / 4.0
            return float("inf") if burn_q <= 0 else float(max(tr[T["cash_busd"]], 0.0) / burn_q)
        return float(tr[T[name]])

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
        touches = _diff(before, trial.tracks[0, PLAYER], SHOWN_TRACKS + ("attention",))
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        kind, _ = self.c.space.kind_of(a)
        if kind == "launch_model" and odds is not None:
            odds = 1.0 - odds  # the odds that the launch is not rushed
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
        return Preview(touches, odds, later, notes)

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
        messages = [self._describe(kind, i, action, label, rep)]
        rec.actions.append(action)
        rec.labels.append(label)
        if kind == "choose" and card is not None:
            rec.choice = card.choices[i].label
        if kind != "end_quarter":
            rec.causes.append((label, _diff(before, self.tracks)))
        self._chance_after.append(not np.isnan(rep.chance[0]) or rep.quarter_ended)
        for m in messages:
            self.log.append(LogEntry(turn, date, "choice" if kind == "choose" else "action", m))
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
        return bool(self._chance_after) and not self._chance_after[-1] and not self.over

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
            self.log.append(LogEntry(self.turn, self.date, "card", f"{card.title}. {card.text}"))

    def _close_quarter(self, before_economy: np.ndarray, incident: bool) -> list[str]:
        rec = self.quarters[-1]
        tr = self.tracks
        rec.tracks = _track_dict(tr)
        rec.incident = incident
        econ = _diff(before_economy, tr)
        rec.causes.append(("The quarter's business", econ))
        msgs = [
            f"{rec.date} closes: revenue {tr[T['q_revenue_busd']]:.2f} $B, spending "
            f"{tr[T['q_spend_busd']]:.2f} $B, cash {tr[T['cash_busd']]:.1f} $B."
        ]
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
        if incident:
            msgs.append(
                "An incident: a rushed release or a lapse in testing made the news "
                "(credibility and trust fall, scrutiny rises)."
            )
        for m in msgs:
            self.log.append(LogEntry(rec.turn, rec.date, "incident" if "incident" in m else "quarter", m))
        if self.over:
            text = f"The game ends: {self.outcome}. {self.outcome_reason}"
            self.log.append(LogEntry(rec.turn, rec.date, "outcome", text))
            msgs.append(text)
        else:
            self._open_quarter()
            card = self.card
            if card is not None:
                msgs.append(f"{self.date}: card drawn, {card.title}.")
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
        if kind == "launch_model" and not rep.success[0]:
            return f"{label}: the launch was rushed and it shows."
        if kind == "end_quarter":
            return f"{self.c.date_label(self.quarters[-1].turn)}: the quarter ends."
        return label + "."

    # ----- explanations ----------------------------------------------------------------------

    def explain(self, name: str) -> dict:
        """What moved a track this quarter and last, and where its starting figure comes from."""
        key = {"chips": "rented_chips_m", "burn_busd_per_year": "spend_busd_per_year",
               "runway_quarters": "cash_busd"}.get(name, name)
        causes = []
        for rec in self.quarters[-2:]:
            for label, diff in rec.causes:
                if key in diff:
                    causes.append((rec.date, label, diff[key]))
        origin = TRACK_ORIGIN.get(name)
        source = ""
        if origin:
            section, field_name = origin
            fig = getattr(self.scenario, section).get(field_name)
            if fig is not None:
                source = f"Starting figure {fig.value:g}{(' ' + fig.unit) if fig.unit else ''}: {fig.origin()}"
        return {
            "track": name,
            "label": TRACK_LABELS.get(name, name),
            "value": self.track(name),
            "quarter_start": self._start_value(name),
            "causes": causes,
            "source": source,
        }

    def _start_value(self, name: str) -> float:
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

__all__ = ["Game", "IllegalAction", "ActionResult", "MenuItem", "EndQuarter", "Choose"]
