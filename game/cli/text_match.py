"""A race of several labs in the terminal: hot-seat for the people at the keyboard, bots for the
rest (run by `python -m game play --labs N`, or `./play --text --labs N`).

Each lab's turn opens with a handover line ("Team 2, your turn") and what changed since that
lab last played: its figures, the other labs' moves, its card. A person's turn is the one-lab
terminal game's (numbered actions, a, b, c for the card, `undo` within the turn); a bot's
turn is told move by move. `labs` shows every lab side by side, `market` the shared supplies
and who took what this quarter, `rules` how the race is played.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.bots import make_bot
from game.cli.text_game import (
    _fold,
    choice_key,
    render_card,
    render_market_line,
    render_menu,
    render_state,
    render_status,
    wrap,
)
from game.core.engine import NO_ACTION
from game.core.match import Match
from game.core.moves import Choose
from game.core.rules import legal_matrix
from game.saves.store import SaveError, autosave_match, load_match, save_match, saves_dir
from game.scenario.files import printable
from game.text import numbers
from game.text.catalog import t
from game.text.words import words_for

MAX_BOT_MOVES = 40  # a bot's turn is ended after this many moves (as the simulator's guard)
COMMANDS = {
    "help": ("help", "?", "h"),
    "list": ("list", "ls", "l"),
    "labs": ("labs",),
    "market": ("market",),
    "rules": ("rules",),
    "why": ("why",),
    "log": ("log",),
    "card": ("card",),
    "undo": ("undo",),
    "save": ("save",),
    "load": ("load",),
    "quit": ("quit", "exit", "q"),
}


def seat_label(m: Match, seat: int) -> str:
    return t("terminal.match.team", team=seat + 1, name=m.lab_name(seat))


class TextMatch:
    """The terminal session of a match: people play their seats in turn, bots the others."""

    def __init__(
        self,
        match: Match,
        people: int | None = None,
        bots: dict[int, str] | None = None,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        autosave_on: bool = False,
    ):
        self.m = match
        people = match.seats if people is None else people
        self.people = people
        self.autosave_on = autosave_on
        self.bot_names = dict(bots or {})
        for seat in range(people, match.seats):
            self.bot_names.setdefault(seat, match.c.labs.bots[seat] or "planner")
        self.bots = {s: make_bot(b, match.c, match.seed + s) for s, b in self.bot_names.items()}
        self.read = read
        self.write = lambda text: write(printable(text))
        self.keys: dict = {}
        self._shown: int | None = None  # the seat whose turn was last handed over

    # ----- what is shown ----------------------------------------------------------------------

    def who(self, seat: int) -> str:
        b = self.bot_names.get(seat)
        return t("terminal.match.bot", bot=b) if b else t("terminal.match.person")

    def intro(self) -> None:
        m = self.m
        meta = m.scenario.meta
        self.write(f"{meta.title}\n{wrap(meta.summary, indent='')}")
        self.write(t("terminal.match.race", count=m.seats))
        for seat in range(m.seats):
            self.write("  " + t("terminal.match.seat", label=seat_label(m, seat), who=self.who(seat)))
        self.write(self.rules())

    def rules(self) -> str:
        m = self.m
        sec = m.scenario.labs
        out = [wrap(t("help.labs", standing=numbers.label(sec.standing).lower()), indent="  ")]
        fate = sec.common_fate
        if fate is not None:
            out.append(wrap(t("help.common_fate", name=fate.name, collapse=numbers.number(fate.collapse_at.value, "g"),
                              incident=numbers.number(fate.per_incident.value, "g"),
                              rushed=numbers.number(fate.per_rushed_launch.value, "g"),
                              recovery=numbers.number(fate.recovery.value, "g")), indent="  "))
        out.append(wrap(t("help.labs_win" if sec.time_up == "best_standing" else "help.labs_win_none",
                          standing=numbers.label(sec.standing).lower()), indent="  "))
        return "\n".join(out)

    def standings(self) -> str:
        m = self.m
        lines = [t("terminal.match.labs_head", date=numbers.quarter(m.date))]
        order = m.order()
        for seat in range(m.seats):
            lab = m.lab(seat)
            state = (t("terminal.match.playing", place=order.index(seat) + 1) if not lab.over
                     else t(f"fact.outcome.{lab.outcome}"))
            lines.append(wrap(t(
                "terminal.match.lab_row", label=seat_label(m, seat), who=self.who(seat),
                valuation=numbers.value("valuation_busd", lab.track("valuation_busd")),
                cash=numbers.value("cash_busd", lab.track("cash_busd")),
                power=numbers.value("power_gw_online", lab.track("power_gw_online")),
                scrutiny=numbers.value("scrutiny", lab.track("scrutiny")),
                state=state,
            ), indent="      ", first="  "))
        if m.common_fate is not None:
            fate = m.scenario.labs.common_fate
            lines.append("  " + t("terminal.match.fate", name=fate.name, value=numbers.number(m.common_fate, ".2f"),
                                  at=numbers.number(fate.collapse_at.value, "g")))
        return "\n".join(lines)

    def shared(self) -> str:
        m = self.m
        seat = m.acting if m.acting is not None else 0
        out = []
        line = render_market_line(m.lab(seat))
        if line:
            out.append(wrap(line, collapse=False))
        s = m.shared()
        if s is not None:
            took = [t("terminal.match.took_item", name=m.lab_name(k),
                      chips=numbers.number(s["labs_chips_m"][lab_id], ".2f"), gw=numbers.number(s["labs_gw"][lab_id], ".1f"))
                    for k, lab_id in enumerate(m.c.labs.ids[: m.seats])]
            out.append(wrap(t("terminal.match.took", items=t("common.semicolon").join(took))))
            rivals = [t("terminal.match.took_item", name=r.name, chips=numbers.number(s["rivals_chips_m"][r.id], ".2f"),
                        gw=numbers.number(s["rivals_gw"][r.id], ".1f"))
                      for r in m.scenario.industry.rivals if s["rivals_chips_m"][r.id] > 0 or s["rivals_gw"][r.id] > 0]
            if rivals:
                out.append(wrap(t("terminal.match.rivals_took", items=t("common.semicolon").join(rivals))))
        sec = m.scenario.labs
        st = m.st
        for k, pool in enumerate(list(sec.shared.capital) + list(sec.shared.capacity)):
            full = float(m.c.labs.pool_refill[k])
            left = float(st.pools[0, k])
            by = [m.lab_name(s) for s in range(m.seats) if st.pool_taken[s, k] > 0]
            key = "terminal.match.capital" if k < len(sec.shared.capital) else "terminal.match.capacity"
            out.append(wrap(t(key, name=pool.name, left=numbers.money(left) if k < len(sec.shared.capital) else numbers.number(left, "g"),
                              full=numbers.money(full) if k < len(sec.shared.capital) else numbers.number(full, "g"),
                              by=", ".join(by) or t("terminal.nothing"))))
        return "\n".join(out) if out else t("text.no_market")

    def handover(self, seat: int) -> None:
        m = self.m
        h = m.handover(seat)
        say = words_for(m.lab(seat))
        self.write("")
        self.write(t("terminal.match.handover", team=seat + 1, name=m.lab_name(seat), date=numbers.quarter(m.date)))
        if h.first:
            self.write("  " + t("terminal.match.first_turn"))
        else:
            moved = [t("terminal.match.moved_item", name=numbers.label(k), then=numbers.value(k, a), now=numbers.value(k, b))
                     for k, (a, b) in h.moved.items()]
            if moved:
                self.write(wrap(t("terminal.match.moved", items=t("common.semicolon").join(moved))))
            news = [e for e in h.others if e.kind != "card"]
            if news:
                self.write("  " + t("terminal.match.meanwhile"))
                for e in news[-12:]:
                    who = m.lab_name(e.seat) if e.seat >= 0 else ""
                    text = say.say(e.fact)
                    self.write(wrap(f"{who}: {text}" if who and e.kind == "action" else text, indent="      ", first="    "))
        self._shown = seat

    def show(self) -> None:
        lab = self.m.lab(self.m.acting)
        self.write(render_state(lab))
        self.write(render_card(lab))
        text, self.keys = render_menu(lab)
        self.write(text)

    def ending(self) -> None:
        m = self.m
        self.write("")
        self.write(t("terminal.match.over", date=numbers.quarter(m.date)))
        say = words_for(m.lab(0))
        w = m.winner
        if w is not None:
            self.write(wrap(t("terminal.match.winner", name=m.lab_name(w), reason=say.ending("won", m.outcome_id_of(w)))))
        else:
            self.write("  " + t("terminal.match.no_winner"))
        for seat in range(m.seats):
            if seat != w:
                self.write(wrap(t("terminal.match.result_row", label=seat_label(m, seat),
                                  outcome=t(f"fact.outcome.{m.outcome_of(seat)}"),
                                  reason=say.ending_title(m.outcome_id_of(seat)))))
        self.write(self.standings())

    # ----- the loop ---------------------------------------------------------------------------

    def loop(self) -> int:
        self.intro()
        while not self.m.over:
            seat = self.m.acting
            if seat in self.bots:
                self.bot_turn(seat)
                continue
            if self._shown != seat:
                self.handover(seat)
                self.show()
            try:
                line = self.read("> ")
            except EOFError:
                self.write("")
                return 0
            if not self.command(line.strip()):
                return 0
        self.ending()
        return 0

    def bot_turn(self, seat: int) -> None:
        """A bot plays the seat's whole turn; each move is told."""
        m = self.m
        bot = self.bots[seat]
        name = seat_label(m, seat)
        say = words_for(m.lab(seat))
        self.write("")
        self.write(t("terminal.match.bot_turn", label=name, bot=self.bot_names[seat], date=numbers.quarter(m.date)))
        moves = 0
        while m.acting == seat and not m.over:
            legal = legal_matrix(m.st, m.c, np.array([seat]))
            a = int(bot.choose(m.st, legal, np.array([seat]))[0])
            moves += 1
            end = m.c.space.end_quarter
            if a == NO_ACTION or moves > MAX_BOT_MOVES:
                a = end if legal[0, end] or not legal[0].any() else int(np.argmax(legal[0]))
            turn = m.turn
            r = m.apply_or_raise(m.codec.decode(a))
            self.autosave(turn)
            for f in r.messages[:1]:
                if f.id != "told.end_quarter":
                    self.write(wrap(say.say(f), indent="      ", first="    "))
            for f in r.messages[1:]:
                self.write(wrap(say.say(f)))
        self._shown = None

    def command(self, line: str) -> bool:
        if not line:
            return True
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        cmd, rest = words[0].lower(), words[1:]
        name = next((n for n, spell in COMMANDS.items() if cmd in spell or _fold(cmd) == _fold(t(f"terminal.cmd.{n}"))), None)
        if cmd in self.keys or cmd.isdigit():
            self.do(cmd)
        elif name == "help":
            self.write(t("terminal.match.help"))
        elif name == "list":
            self.show()
        elif name == "labs":
            self.write(self.standings())
        elif name == "market":
            self.write(self.shared())
        elif name == "rules":
            self.write(self.rules())
        elif name == "why" and len(rest) == 1:
            it = self.keys.get(rest[0].lower())
            lab = self.m.lab(self.m.acting)
            if it is None:
                self.write(t("terminal.no_action", number=rest[0]))
            else:
                say = words_for(lab).say
                self.write(t("terminal.named", name=say(it.label), text=say(it.reason) or t("terminal.allowed")))
        elif name == "log":
            say = words_for(self.m.lab(0))
            for e in self.m.log[-15:]:
                who = self.m.lab_name(e.seat) + ": " if e.seat >= 0 and e.kind == "action" else ""
                self.write(f"  {say.date(e.turn)}  {who}{say.say(e.fact)}")
        elif name == "card":
            self.write(render_card(self.m.lab(self.m.acting)))
        elif name == "undo":
            refusal = self.m.undo_refusal
            if refusal is None and self.m.undo():
                self.write(t("terminal.taken_back"))
                self.show()
            else:
                self.write(words_for(self.m.lab(0)).say(refusal) or t("terminal.nothing_to_undo"))
        elif name == "save":
            self.save(line.split(None, 1)[1].strip() if len(words) > 1 else None)
        elif name == "load" and rest:
            self.load(line.split(None, 1)[1].strip())
        elif name == "quit":
            self.write(t("terminal.match.bye", folder=str(saves_dir())) if self.autosave_on else t("terminal.bye_no_autosave"))
            return False
        else:
            self.write(t("terminal.unknown", line=line))
        return True

    def save(self, name: str | None) -> None:
        path = Path(name) if name else saves_dir() / f"race-{self.m.date.replace(' ', '-')}.json"
        try:
            save_match(self.m, path, self.people)
        except SaveError as e:
            self.write(str(e))
            return
        self.write(t("terminal.saved", path=str(path)))

    def load(self, name: str) -> None:
        from game.cli.text_game import _finder

        try:
            match, people, warnings = load_match(Path(name), _finder(None))
        except SaveError as e:
            self.write(str(e))
            return
        for w in warnings:
            self.write(t("terminal.note", what=w))
        self.__init__(match, people, {s: b for s, b in self.bot_names.items() if s >= people}, self.read, self.write,
                      self.autosave_on)
        self.write(t("terminal.loaded", name=name, title=match.scenario.meta.title, date=numbers.quarter(match.date)))
        self._shown = None

    def autosave(self, turn: int) -> None:
        if self.autosave_on and (self.m.turn != turn or self.m.over):
            try:
                autosave_match(self.m, self.people)
            except SaveError as e:
                self.write(t("terminal.autosave_failed", why=str(e)))

    def do(self, key: str) -> None:
        m = self.m
        seat = m.acting
        lab = m.lab(seat)
        it = self.keys.get(key)
        if lab.awaiting_choice and (it is None or not isinstance(it.action, Choose)):
            letters = ", ".join(choice_key(i) for i in range(len(lab.card.choices)))
            self.write(t("terminal.answer_first", letters=letters))
            return
        if it is None:
            self.write(t("terminal.no_action", number=key))
            return
        turn = m.turn
        result = m.apply(it.action)
        self.autosave(turn)
        say = words_for(lab)
        if not result.ok:
            self.write(t("terminal.not_allowed", reason=say.say(result.reason)))
            return
        for f in result.messages:
            if f.id != "told.end_quarter":
                self.write(wrap(say.say(f)))
        if m.over or m.acting != seat:
            self._shown = None
            return
        if m.lab(seat).awaiting_choice:
            self.show()
        else:
            self.keys = render_menu(m.lab(seat))[1]
            self.write(render_status(m.lab(seat)))
