"""One game for one player: a batch of one, its action list, its story, and views for clients.

`Game` is what the desktop game, the text mode and the saves use. It holds the scenario, the
seed and the actions taken; the state is always what replaying those actions gives. It adds the
record a person needs: the log, each quarter's history, what moved each track and why.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from game.core import engine, explain
from game.core.actions import ActionCodec
from game.core.compiled import HORIZON, Compiled, compile_scenario
from game.core.explain import Ending
from game.core.facts import Fact, fact
from game.core.figures import SHOWN_TRACKS, diff_tracks, reported_figures, track_dict
from game.core.history import CardDealt, ChanceRolled, Event, IncidentRolled, MoveTaken
from game.core.menu import Delivery, MenuItem, Possible, Preview
from game.core.moves import MOVE, Action, Choose, EndQuarter
from game.core.reading import LabReading
from game.core.state import PLAYER, BatchState, new_batch
from game.model.tracks import DELAYED_KEYS, T
from game.scenario.schema import Condition, Scenario


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


class Game(LabReading):
    """A game in progress: scenario + seed + actions, with the state they produce."""

    def __init__(self, scenario: Scenario, seed: int, compiled: Compiled | None = None):
        self.scenario = scenario
        self.seed = int(seed)
        self.c = compiled or compile_scenario(scenario)
        self.codec = ActionCodec(self.c)
        self._begin()

    def _begin(self, script: list[Event] | None = None) -> None:
        """The game at its first quarter, before any move (undo and replays start here).
        script: the chance outcomes a replay gives, in the order of its history."""
        self.history: list[Event] = []
        self._script: deque[Event] = deque(script or [])
        self.actions: list[Action] = []
        self.log: list[LogEntry] = []
        self.quarters: list[QuarterRecord] = []
        self._chance_after: list[str] = []  # per action: "dice", "quarter" (it ended one) or ""
        self._commissions: list[tuple[int, str, float]] = []  # (turn, space, GW) per campus
        self.st: BatchState = new_batch(self.c, 1, self.seed)
        self.start_tracks = self.st.tracks[0, PLAYER].copy()
        self.quarter_start_tracks = self.start_tracks.copy()
        self._burn_memo: tuple[tuple, tuple[float, dict[str, float]]] | None = None  # (state worked out on, burn and lines)
        self._open_quarter(initial=True)

    # ----- the state, as clients read it -----------------------------------------------------

    def _track_when_over(self, name: str) -> float | None:
        # no quarter is coming: the burn and runway the last quarter ended on
        for rec in reversed(self.quarters):
            if name in rec.tracks:
                return float(rec.tracks[name])
        return None

    def burn_per_quarter(self) -> float:
        """What the end of this quarter will take from the cash, as things stand: the quarter's
        business (revenue less running costs, research and building bills) worked out by the
        model on a copy of the game, as if the quarter ended now. Negative when the quarter
        brings in more than it costs. Launches and deals not yet made are not foreseen."""
        return self._forecast()[0]

    def burn_lines(self) -> dict[str, float]:
        """`burn_per_quarter` line by line, $B (revenue positive, costs negative), keyed by the
        ledger line (q_revenue_busd, q_inference_busd...): what the model will book at the end
        of this quarter if it ended now."""
        return dict(self._forecast()[1])

    def _forecast(self) -> tuple[float, dict[str, float]]:
        """The burn (engine.burn_per_quarter's definition: the cash the quarter's end takes) and
        its ledger lines, worked out once per state of the game."""
        st = self.st  # what the end of a quarter reads: the tracks, campuses building, products running
        key = (st.turn, st.tracks.tobytes(), st.pipeline_gw.tobytes(), st.running.tobytes())
        if self._burn_memo is None or self._burn_memo[0] != key:
            now = st.tracks[0, PLAYER]
            then = engine.forecast(st, self.c)[0, PLAYER] if not self.over else now
            lines = {k: float(sign * (then[T[k]] - now[T[k]])) for k, sign in _BURN_LINES.items()}
            self._burn_memo = (key, (float(now[T["cash_busd"]] - then[T["cash_busd"]]), lines))
        return self._burn_memo[1]

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

    # ----- changing the game -----------------------------------------------------------------

    def apply(self, action: Action) -> ActionResult:
        """Do an action if the rules allow it; a refused action changes nothing."""
        a, reason = self.checked(action)
        if a is None:
            return ActionResult(False, reason)
        kind, i = self.c.space.kind_of(a)
        move = MOVE[kind]
        label = move.label(self.c, i, self.st)
        before = self.tracks.copy()
        turn = self.turn
        rec = self.quarters[-1]
        self._recorded(MoveTaken)  # this move's own outcomes follow it in a replayed history
        went = self._recorded(ChanceRolled)
        struck = self._recorded(IncidentRolled)
        rep = engine.step(
            self.st, self.c, np.array([a]), open_next=False,
            outcomes=None if went is None else np.array([1 if went.went_well else -1]),
            incident_outcomes=None if struck is None else np.array([1 if struck.struck else -1]),
        )
        assert rep.applied[0]
        self.actions.append(action)
        self.history.append(MoveTaken(action=action))
        if kind == "commission_campus":
            site = self.c.site_of_space[self.c.space_ids.index(self.location)]
            self._commissions.append((turn, self.location, float(self.c.site_gw[site])))
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        told = move.told(self.c, i, self.st, bool(rep.success[0]) if odds is not None else None, odds, turn)
        if odds is not None:
            self.history.append(ChanceRolled(went_well=bool(rep.success[0])))
        if rep.quarter_ended:
            self.history.append(IncidentRolled(struck=bool(rep.incidents[0])))
        messages = [told]
        rec.actions.append(action)
        rec.labels.append(label)
        rec.told.append(told)
        if kind == "choose":
            rec.choice = i
        if kind != "end_quarter":
            rec.causes.append((label, diff_tracks(before, self.tracks)))
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
        """Take back the last move (one that rolled no dice and ended no quarter)."""
        if not self.can_undo():
            return False
        last = max(k for k, e in enumerate(self.history) if isinstance(e, MoveTaken))
        self._play(self.history[:last])
        return True

    def _play(self, history: list[Event]) -> None:
        """Start again and play `history`: its moves, with the outcomes it recorded."""
        self._begin(history)
        moves = [e.action for e in history if isinstance(e, MoveTaken)]
        for k, a in enumerate(moves):
            r = self.apply(a)
            if not r.ok:
                raise IllegalAction(fact("replay.refused", number=k + 1, move=a.kind, reason=r.reason))
        self._script.clear()

    def _recorded(self, kind: type[Event]) -> Event | None:
        """The next outcome a replay recorded, if it is of this kind (else chance decides)."""
        if self._script and isinstance(self._script[0], kind):
            return self._script.popleft()
        return None

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: list[Action], compiled: Compiled | None = None) -> Game:
        """Rebuild a game from its seed and moves, chance drawing again as it did (a history
        of rules version 1; raises IllegalAction if a move is refused)."""
        return cls.replay_history(scenario, seed, [MoveTaken(action=a) for a in actions], compiled)

    @classmethod
    def replay_history(cls, scenario: Scenario, seed: int, history: list[Event], compiled: Compiled | None = None) -> Game:
        """Rebuild a game from its seed and history: its moves, and the cards and outcomes it
        recorded (raises IllegalAction if a move is refused)."""
        g = cls(scenario, seed, compiled)
        g._play(list(history))
        return g

    # ----- bookkeeping -----------------------------------------------------------------------

    def _open_quarter(self, initial: bool = False) -> None:
        before = self.tracks.copy()
        due = self.st.pending[0, PLAYER, self.st.turn % HORIZON].copy()
        dealt = self._recorded(CardDealt)
        cards = None if dealt is None else np.array([self.c.index["events"].get(dealt.card, -1) if dealt.card else -1])
        engine.begin_quarter(self.st, self.c, cards=cards)
        card_now = int(self.st.card[0])
        self.history.append(CardDealt(card=self.scenario.events[card_now].id if card_now >= 0 else None))
        rec = QuarterRecord(self.turn, self.date)
        self.quarters.append(rec)
        self.quarter_start_tracks = self.tracks.copy()
        self.start_of_quarter_burn = self.burn_per_quarter()  # what the quarter's end would take, as it opened
        if initial:
            self.start_burn = self.start_of_quarter_burn
        landed = {key: float(v) for key, v in zip(DELAYED_KEYS, due, strict=True) if abs(v) > 1e-12}
        if landed:
            rec.causes.append((fact("cause.deliveries"), landed))
            self.log.append(LogEntry(self.turn, "delivery", fact("told.delivered", landed=landed)))
        card = self.card
        if card is not None:
            rec.card = card.id
            moved = diff_tracks(before, self.tracks)
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
        rec.tracks = track_dict(tr)
        rec.incident = incident
        econ = diff_tracks(before_economy, tr)
        grows = float((self.st.running[0, PLAYER] * self.c.prod_growth).sum())
        rec.causes += explain.quarter_causes(before_economy, tr, self.c.consts, grows, incident)
        # what this quarter's end took from the cash: the burn and runway the quarter ended on
        burn_q = -econ.get("cash_busd", 0.0)
        rec.tracks["burn_busd_per_year"] = 4.0 * burn_q
        rec.tracks["runway_quarters"] = float("inf") if burn_q <= 0 else max(float(tr[T["cash_busd"]]), 0.0) / burn_q
        told = [fact("told.quarter_closes", revenue_busd=float(tr[T["q_revenue_busd"]]),
                     spending_busd=float(tr[T["q_spend_busd"]]), cash_busd=float(tr[T["cash_busd"]]))]
        moved = {}
        for name in ("scrutiny", "credibility", "trust", "power_gw_online", "valuation_busd"):
            a, b = float(self.quarter_start_tracks[T[name]]), float(tr[T[name]])
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
        """What moved a track this quarter and last, and where its figure comes from."""
        return explain.explain(self, name)

    def condition_facts(self, cond: Condition | None) -> list[tuple[str, str, float, float, bool]]:
        return explain.condition_facts(self, cond)

    def endings(self) -> list[Ending]:
        return explain.endings(self)

    def figures(self) -> dict[str, float]:
        """The figures a result reports (see the run command's JSON)."""
        return reported_figures(self.track)


# The lines of the quarter's ledger the end of a quarter books, and their sign for the cash.
_BURN_LINES = {
    "q_revenue_busd": 1.0,
    "q_inference_busd": -1.0,
    "q_training_busd": -1.0,
    "q_staff_busd": -1.0,
    "q_products_busd": -1.0,
    "q_capex_busd": -1.0,
    "q_energy_busd": -1.0,
}


__all__ = [
    "SHOWN_TRACKS", "ActionResult", "Choose", "Delivery", "EndQuarter", "Ending", "Game", "IllegalAction",
    "MenuItem", "Possible", "Preview",
]
