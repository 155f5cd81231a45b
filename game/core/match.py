"""A match: two to four labs racing on one board, each played by a person (hot-seat) or a bot.

`Match` is to several labs what `Game` is to one: the scenario, the seed and the moves taken,
with the state they produce (a batch of one match: one row per lab, game/core/labs.py) and the
record a person needs. It knows nothing of who plays a seat: clients (the text mode, the
desktop, the simulator) ask a bot for the acting seat's move or read it from a person.

The public surface, for the clients:

- `Match(scenario, seed, labs=4)`: a fresh match of the scenario's first `labs` labs (seat 0
  is the scenario's own lab, then its `labs: rivals` in order). `Match.replay(...)` rebuilds one
  from its moves; `record()` is what a save or replay keeps (seed, labs, moves by seat).
- `acting`: the seat whose turn it is (None once the match is over); `order()`: this quarter's
  turn order (the lab furthest behind first: lowest standing, ties by seat);
  `lab(seat)`: a `LabView`, the Game-like read side of one lab (tracks, location, card,
  legal actions, why an action is refused, menu, previews, outcome); `row(seat)`: its row in
  `st` (for a bot: `bot.choose(match.st, legal_matrix(match.st, match.c, [row]), [row])`).
- `apply(action)`: the acting lab's move (refused moves change nothing); it returns an
  `ActionResult` whose messages say what happened; ending the quarter passes the turn to the next
  lab, and the last lab's end of quarter runs the quarter for all. `undo()` takes back the
  acting lab's last move within its own turn (not one that rolled dice or passed the turn).
- `handover(seat)`: what changed for that lab since it last played (its figures, the other
  labs' moves, the card it was dealt), for the "Team 2, your turn" screen.
- `shared()`: what is left of the shared supplies this quarter and who took what; `common_fate`,
  `standings()`, `over`, `winner`, `outcome_of(seat)`, `outcome_id_of(seat)`.
- `log`: every lab's story, one `MatchLogEntry` (turn, seat, kind, fact) per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.core import engine, explain, labs, market
from game.core.actions import ActionCodec
from game.core.compiled import Compiled, compile_scenario
from game.core.facts import Fact, fact
from game.core.figures import diff_tracks, reported_figures, track_dict
from game.core.moves import MOVE, Action
from game.core.reading import LabReading
from game.core.session import ActionResult, IllegalAction
from game.core.state import ONGOING, PLAYER, WON, BatchState
from game.model.industry import CHIPS, GW
from game.model.tracks import T
from game.scenario.schema import Scenario

# The figures a handover reports when they moved since the lab last played.
HANDOVER_TRACKS = ("cash_busd", "valuation_busd", "power_gw_online", "scrutiny", "credibility", "trust")


@dataclass
class MatchLogEntry:
    turn: int
    seat: int  # the lab it is about (-1: the whole match)
    kind: str  # action | card | quarter | incident | outcome | fate
    fact: Fact


@dataclass
class Handover:
    """What a lab finds when its turn comes: what moved its figures since it last played, what
    the other labs did meanwhile, and the card it was dealt."""

    seat: int
    moved: dict[str, tuple[float, float]]  # track -> (then, now)
    others: list[MatchLogEntry]  # the other labs' moves and the match's news since then
    card: str | None
    first: bool  # its first turn of the match


@dataclass
class MatchRecord:
    """What a save or a replay keeps of a match: enough to rebuild it exactly."""

    seed: int
    labs: int
    moves: list[tuple[int, Action]] = field(default_factory=list)  # (seat, action), in order


class LabView(LabReading):
    """One lab of a match, read like a one-lab `Game` (its row of the match, as a batch of
    one): what the menu, previews and the text layer need. Nothing here changes the match."""

    def __init__(self, match: Match, seat: int):
        self.match = match
        self.seat = seat
        self.scenario = match.scenario
        self.c = match.c
        self.codec = match.codec
        self.seed = match.seed
        self.st: BatchState = labs.row_view(match.st, seat)

    def burn_per_quarter(self) -> float:
        return float(engine.burn_per_quarter(self.st, self.c)[0]) if not self.over else 0.0

    def _refusal_first(self) -> Fact | None:
        """Another lab's turn refuses every action of this lab."""
        if self.match.acting != self.seat and not self.over:
            return fact("refused.not_your_turn", lab=self.match.lab_id(self.match.acting))
        return None

    def explain(self, name: str) -> dict:
        """The figure as this quarter opened (what a trend mark compares with); the full
        account of causes is the one-lab Game's."""
        then = self.match._quarter_tracks[self.seat]
        if name == "chips":
            start = float((then[T["rented_chips_m"]] + then[T["own_chips_m"]]) * 1e6)
        elif name in T:
            start = float(then[T[name]])
        else:
            start = self.track(name)
        return {"quarter_start": start, "causes": [], "worked_out": False, "origin": None, "causes_track": name}


class Match:
    """A match in progress: scenario + seed + number of labs + moves, with the state they give."""

    def __init__(self, scenario: Scenario, seed: int, labs: int | None = None, compiled: Compiled | None = None):
        self.scenario = scenario
        self.seed = int(seed)
        self.c = compiled or compile_scenario(scenario)
        if self.c.labs is None:
            raise ValueError("this scenario has no labs: section; it is played by one lab")
        self.seats = int(labs or self.c.labs.most)
        self.codec = ActionCodec(self.c)
        self._begin()

    def _begin(self) -> None:
        self.st = labs.new_match_batch(self.c, 1, self.seats, self.seed)
        self.moves: list[tuple[int, Action]] = []
        self.log: list[MatchLogEntry] = []
        self._after: list[str] = []  # per move: "dice", "turn" (passed it), "quarter" (ended one) or ""
        # per seat: its figures and the log's length when its last turn ended (None: not yet played)
        self._left: dict[int, tuple[np.ndarray, int] | None] = {s: None for s in range(self.seats)}
        self._quarter_tracks = self.st.tracks[:, PLAYER].copy()
        engine.start(self.c, self.st)
        self._log_cards()

    # ----- who plays, and the state -------------------------------------------------------------

    @property
    def acting(self) -> int | None:
        """The seat whose turn it is; None once the match is over."""
        rows = labs.acting_rows(self.st)
        return int(rows[0]) if len(rows) else None

    def row(self, seat: int) -> int:
        return int(seat)

    def lab(self, seat: int) -> LabView:
        return LabView(self, seat)

    def lab_id(self, seat: int | None) -> str | None:
        return None if seat is None else self.c.labs.ids[seat]

    def lab_name(self, seat: int) -> str:
        return self.c.labs.names[seat]

    def order(self) -> list[int]:
        """This quarter's turn order: the lab furthest behind first (lowest standing as the
        quarter opened, ties by seat); labs out of the game last."""
        return [int(s) for s in np.argsort(self.st.rank, kind="stable")]

    def standings(self) -> list[float]:
        """Each lab's standing (the scenario's `labs: standing` figure), by seat."""
        return [float(v) for v in self.st.tracks[:, PLAYER, self.c.labs.standing]]

    @property
    def turn(self) -> int:
        return self.st.turn

    @property
    def date(self) -> str:
        return self.c.date_label(self.st.turn)

    @property
    def over(self) -> bool:
        return not bool((self.st.outcome == ONGOING).any())

    @property
    def winner(self) -> int | None:
        won = np.flatnonzero(self.st.outcome == WON)
        return int(won[0]) if len(won) else None

    def outcome_of(self, seat: int) -> str | None:
        return explain.RESULTS[int(self.st.outcome[seat])]

    def outcome_id_of(self, seat: int) -> str | None:
        return explain.ending_id(self.c, int(self.st.outcome[seat]), int(self.st.reason[seat]))

    @property
    def common_fate(self) -> float | None:
        """The common-fate track (0-10), None when the scenario has none."""
        return None if self.st.common is None else float(self.st.common[0])

    def shared(self) -> dict | None:
        """The shared supplies this quarter, for the board and the text mode (None without an
        industry): the market as the acting lab sees it (game.core.market.summary), and what
        each lab took (chips in millions, grid load in GW), by seat."""
        seat = self.acting if self.acting is not None else 0
        out = market.summary(self.st, self.c, world=seat)
        if out is None:
            return None
        took = labs.taken_by_seat(self.st, 0)
        out["labs_chips_m"] = {self.c.labs.ids[s]: float(took[s, CHIPS]) for s in range(self.seats)}
        out["labs_gw"] = {self.c.labs.ids[s]: float(took[s, GW]) for s in range(self.seats)}
        # the scenario's `labs: shared` supplies: what is left of each, what it held as the
        # quarter opened (all it will ever hold, if it does not refill) and what each lab took
        cl, st = self.c.labs, self.st
        capital = set(int(k) for k in cl.pool_of_space if k >= 0)
        out["pools"] = [] if st.pools is None else [
            {"id": pid, "kind": "capital" if k in capital else "capacity", "left": float(st.pools[seat, k]),
             "of": float(cl.pool_refill[k]), "labs": {cl.ids[s]: float(st.pool_taken[s, k]) for s in range(self.seats)}}
            for k, pid in enumerate(cl.pool_ids)
        ]
        return out

    # ----- changing the match ------------------------------------------------------------------

    def apply(self, action: Action) -> ActionResult:
        """The acting lab's move, if the rules allow it; a refused move changes nothing."""
        seat = self.acting
        if seat is None:
            return ActionResult(False, fact("undo.game_over"))
        a, reason = self.lab(seat).checked(action)
        if a is None:
            return ActionResult(False, reason)
        kind, i = self.c.space.kind_of(a)
        move = MOVE[kind]
        turn = self.turn
        rep = engine.step(self.st, self.c, np.array([a]), worlds=np.array([seat]), open_next=False)
        assert rep.applied[0]
        self.moves.append((seat, action))
        odds = None if np.isnan(rep.chance[0]) else float(rep.chance[0])
        told = move.told(self.c, i, self.lab(seat).st, bool(rep.success[0]) if odds is not None else None, odds, turn)
        messages = [told]
        self.log.append(MatchLogEntry(turn, seat, "action", fact("told.quarter_ends") if kind == "end_quarter" else told))
        if kind == "end_quarter":
            self._left[seat] = (self.st.tracks[seat, PLAYER].copy(), len(self.log))
        if rep.quarter_ended:
            self._after.append("quarter")
            messages += self._close_quarter(rep.incidents)
        else:
            self._after.append("turn" if kind == "end_quarter" else "dice" if odds is not None else "")
        return ActionResult(True, None, messages)

    def apply_or_raise(self, action: Action) -> ActionResult:
        r = self.apply(action)
        if not r.ok:
            raise IllegalAction(r.reason or fact("refused.no_such_action"))
        return r

    @property
    def undo_refusal(self) -> Fact | None:
        """Why `undo` would do nothing now; None when the acting lab can take back its last move
        (only within its own turn: not a move that rolled dice, passed the turn or ended a quarter)."""
        if self.over:
            return fact("undo.game_over")
        if not self._after or self.moves[-1][0] != self.acting:
            return fact("undo.nothing_yet")
        last = self._after[-1]
        if last in ("quarter", "turn"):
            return fact("undo.quarter_ended")
        if last == "dice":
            return fact("undo.dice")
        return None

    def can_undo(self) -> bool:
        return self.undo_refusal is None

    def undo(self) -> bool:
        """Take back the acting lab's last move within its turn (replaying the match without it)."""
        if not self.can_undo():
            return False
        self._play(self.moves[:-1])
        return True

    def _play(self, moves: list[tuple[int, Action]]) -> None:
        self._begin()
        for k, (seat, a) in enumerate(moves):
            if seat != self.acting:
                why = fact("refused.not_your_turn", lab=self.lab_id(self.acting))
                raise IllegalAction(fact("replay.refused", number=k + 1, move=a.kind, reason=why))
            r = self.apply(a)
            if not r.ok:
                raise IllegalAction(fact("replay.refused", number=k + 1, move=a.kind, reason=r.reason))

    def record(self) -> MatchRecord:
        return MatchRecord(self.seed, self.seats, list(self.moves))

    @classmethod
    def replay(cls, scenario: Scenario, record: MatchRecord, compiled: Compiled | None = None) -> Match:
        """Rebuild a match from its record (raises IllegalAction if a move is refused)."""
        m = cls(scenario, record.seed, record.labs, compiled)
        m._play(list(record.moves))
        return m

    # ----- what a lab finds when its turn comes ------------------------------------------------

    def handover(self, seat: int) -> Handover:
        """What changed for `seat` since its last turn ended: its figures, the other labs' moves
        and the match's news since then, and its card this quarter."""
        left = self._left.get(seat)
        now = self.st.tracks[seat, PLAYER]
        then, since = (self._quarter_tracks[seat], 0) if left is None else left
        moved = {}
        for name in HANDOVER_TRACKS:
            a, b = float(then[T[name]]), float(now[T[name]])
            if abs(b - a) >= 0.05:
                moved[name] = (a, b)
        others = [e for e in self.log[since:] if e.seat != seat]
        card = self.lab(seat).card
        return Handover(seat, moved, others, card.id if card is not None else None, left is None)

    # ----- bookkeeping -------------------------------------------------------------------------

    def _close_quarter(self, incidents: np.ndarray) -> list[Fact]:
        st = self.st
        turn = self.turn
        told: list[Fact] = []
        for seat in range(self.seats):
            tr = st.tracks[seat, PLAYER]
            if int(st.ended_turn[seat]) not in (-1, turn) and int(st.outcome[seat]) != ONGOING:
                continue  # out of the game earlier
            f = fact("told.lab_quarter", lab=self.lab_id(seat), revenue_busd=float(tr[T["q_revenue_busd"]]),
                     spending_busd=float(tr[T["q_spend_busd"]]), cash_busd=float(tr[T["cash_busd"]]))
            self.log.append(MatchLogEntry(turn, seat, "quarter", f))
            if incidents[seat]:
                self.log.append(MatchLogEntry(turn, seat, "incident", fact("told.lab_incident", lab=self.lab_id(seat))))
        if st.common is not None:
            f = fact("told.common_fate", value=float(st.common[0]))
            self.log.append(MatchLogEntry(turn, -1, "fate", f))
            told.append(f)
        for seat in range(self.seats):
            if int(st.ended_turn[seat]) == turn and int(st.outcome[seat]) != ONGOING:
                f = fact("told.lab_over", lab=self.lab_id(seat), outcome=self.outcome_of(seat), ending=self.outcome_id_of(seat))
                self.log.append(MatchLogEntry(turn, seat, "outcome", f))
                told.append(f)
        if not self.over:
            self._quarter_tracks = st.tracks[:, PLAYER].copy()
            engine.begin_quarter(st, self.c)
            self._log_cards()
        return told

    def _log_cards(self) -> None:
        for seat in range(self.seats):
            k = int(self.st.card[seat])
            if k >= 0 and self.st.outcome[seat] == ONGOING:
                self.log.append(MatchLogEntry(self.turn, seat, "card", fact("told.card", card=self.scenario.events[k].id)))

    def quarter_opened(self, seat: int) -> dict[str, float]:
        """The lab's figures as this quarter opened, before its card: the last quarter's end
        (for a debrief's quarter-by-quarter figures)."""
        return track_dict(self._quarter_tracks[seat])

    def quarter_moves(self, seat: int) -> dict[str, float]:
        """What the lab's figures did since the quarter opened (for the side-by-side views)."""
        return diff_tracks(self._quarter_tracks[seat], self.st.tracks[seat, PLAYER])

    def figures(self, seat: int) -> dict[str, float]:
        return track_dict(self.st.tracks[seat, PLAYER])

    def lab_figures(self, seat: int) -> dict[str, float]:
        """The figures a save or result reports for one lab (as `Game.figures`)."""
        return reported_figures(self.lab(seat).track)
