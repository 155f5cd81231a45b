"""How a client reads one lab of a batch of one: its figures, the calendar, where its CEO is,
how its game ended, its card and what the rules allow it now.

`Game` (a one-lab game) and `LabView` (one lab of a race) both read a lab this way, from
`self.st` (a batch of one row), `self.c`, `self.scenario` and `self.codec`; each says how it
works out the burn (`burn_per_quarter`). One definition, so that a figure, a label or a refusal
reads the same in a race as alone.
"""

from __future__ import annotations

import numpy as np

from game.core import explain, menu
from game.core.facts import Fact
from game.core.menu import MenuItem, Preview
from game.core.moves import MOVE, Action, UnknownAction
from game.core.rules import legal_matrix, why_illegal
from game.core.state import ONGOING, PLAYER
from game.model.tracks import T


class LabReading:
    """The read side of one lab (the row `self.st` holds, seen as a batch of one)."""

    # ----- the state, as clients read it -----------------------------------------------------

    @property
    def tracks(self) -> np.ndarray:
        return self.st.tracks[0, PLAYER]

    def _track_when_over(self, name: str) -> float | None:
        """A figure the game keeps from its last quarter once it is over (None: read it live)."""
        return None

    def track(self, name: str) -> float:
        tr = self.tracks
        if name == "chips":
            return float((tr[T["rented_chips_m"]] + tr[T["own_chips_m"]]) * 1e6)
        if name in ("burn_busd_per_year", "runway_quarters") and self.over:
            kept = self._track_when_over(name)
            if kept is not None:
                return kept
        if name == "burn_busd_per_year":
            return 4.0 * self.burn_per_quarter()
        if name == "runway_quarters":
            burn_q = self.burn_per_quarter()
            return float("inf") if burn_q <= 0 else float(max(tr[T["cash_busd"]], 0.0) / burn_q)
        return float(tr[T[name]])

    def burn_per_quarter(self) -> float:  # each reader says how it works out the burn
        raise NotImplementedError

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
        return explain.RESULTS[int(self.st.outcome[0])]

    @property
    def outcome_id(self) -> str | None:
        """The goal or ending reached (its id, or explain.TIME_UP); None while the game goes on."""
        return explain.ending_id(self.c, int(self.st.outcome[0]), int(self.st.reason[0]))

    @property
    def card(self):
        k = int(self.st.card[0])
        return self.scenario.events[k] if k >= 0 else None

    @property
    def awaiting_choice(self) -> bool:
        return bool(self.st.awaiting_choice[0])

    def deals_signed(self) -> dict[str, int]:
        s = self.st.deals_signed[0, PLAYER]
        return {d.id: int(s[i]) for i, d in enumerate(self.scenario.deals) if s[i] > 0}

    # ----- the rules, as clients ask them ----------------------------------------------------

    def legal_ids(self) -> np.ndarray:
        return np.flatnonzero(legal_matrix(self.st, self.c)[0])

    def legal_actions(self) -> list[Action]:
        """Every action the rules allow now."""
        return [self.codec.decode(int(a)) for a in self.legal_ids()]

    def _refusal_first(self) -> Fact | None:
        """A refusal that comes before the rules' (another lab's turn, in a race); None here."""
        return None

    def checked(self, action: Action) -> tuple[int | None, Fact | None]:
        """The action's id if the rules allow it now, else None and why they refuse it (a
        `refused.*` or `unknown.*` fact): what every move is checked with before it is made."""
        try:
            a = self.codec.encode(action)
        except UnknownAction as e:
            return None, e.why
        reason = self._refusal_first() or why_illegal(self.st, self.c, a)
        return (None, reason) if reason is not None else (a, None)

    def why_illegal(self, action: Action) -> Fact | None:
        """Why the rules refuse an action now (a `refused.*` or `unknown.*` fact); None if legal."""
        return self.checked(action)[1]

    def label(self, action: Action) -> Fact:
        """What the action is, here and now (`move.*`)."""
        try:
            kind, i = self.c.space.kind_of(self.codec.encode(action))
        except UnknownAction as e:
            return e.why
        return MOVE[kind].label(self.c, i, self.st)

    def menu(self) -> list[MenuItem]:
        """Every action worth showing now: legal ones, and illegal ones with their reason."""
        return menu.menu(self)

    def preview(self, action: Action) -> Preview:
        """What an action would change, each way chance can go (see game.core.menu)."""
        return menu.preview(self, action)
