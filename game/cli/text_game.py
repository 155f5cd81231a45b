"""The terminal game: the whole game as typed commands (run by `python -m game play`).

Each quarter shows the board state, the card on the table and the numbered actions (illegal
ones listed with the reason). Type a number to act; `help` lists the other commands.
"""

from __future__ import annotations

import math
import shlex
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from game.core import market
from game.core.actions import Choose, EndQuarter
from game.core.menu import danger, outlook
from game.core.session import Game
from game.saves.store import (
    SaveError,
    autosave,
    list_saves,
    load_game,
    read_save,
    save_game,
    saves_dir,
)
from game.scenario.files import printable
from game.scenario.registry import resolve_id
from game.text import numbers
from game.text.catalog import t
from game.text.conditions import op_words
from game.text.words import words_for
from game.ui.settings import ASK_SETTING, Settings, load_settings, save_settings

HELP = """Commands:
  NUMBER          do that action (each action keeps its number all game)
  a, b, c         answer the event card on the table
  list            show the state and the actions again
  goals           how this scenario is won and lost, and how far you are
  market          the chip market, Nvidia dependence and the US grid, and their rules
  why NUMBER      why an action is refused now
  explain TRACK   what moved a track this quarter and where its figure comes from
                  (tracks: cash, revenue, spending, burn, runway, chips, power, scrutiny,
                   credibility, trust, valuation)
  board           the board: spaces, routes, campuses, deals, deliveries
  log [N]         the last N lines of the game's log (default 15)
  card            show the card drawn this quarter again
  undo            take back the last action (if no dice were rolled since)
  save [FILE]     save the game (default: a slot in your saves folder)
  load [FILE]     load a saved game (without FILE: list your saves)
  help            this list
  quit            leave (the game is autosaved every quarter)"""

ALIASES = {
    "cash": "cash_busd",
    "revenue": "revenue_busd_per_year",
    "spending": "spend_busd_per_year",
    "spend": "spend_busd_per_year",
    "burn": "burn_busd_per_year",
    "runway": "runway_quarters",
    "chips": "chips",
    "compute": "chips",
    "power": "power_gw_online",
    "energy": "power_gw_online",
    "scrutiny": "scrutiny",
    "credibility": "credibility",
    "trust": "trust",
    "valuation": "valuation_busd",
}


def fmt_track(game: Game, name: str) -> str:
    return fmt_value(name, game.track(name))


def fmt_value(name: str, v: float) -> str:
    """A track's value as the status lines show it."""
    if name == "runway_quarters":
        return "no burn" if math.isinf(v) else "over 10 years" if v >= 40 else f"{v:.1f} quarters"
    if name == "chips":
        return f"{v / 1e6:.2f} M"
    if name.endswith("_busd") or name.endswith("_busd_per_year"):
        return f"{v:,.1f} $B" + ("/yr" if name.endswith("per_year") else "")
    if name.endswith("_gw_online") or name.endswith("_gw_needed"):
        return f"{v:.1f} GW"
    return f"{v:.1f}"


def trend(game: Game, name: str) -> str:
    d = game.track(name) - game.explain(name)["quarter_start"]
    if abs(d) < 0.05 or math.isnan(d) or math.isinf(d):
        return " "
    return "+" if d > 0 else "-"


def width() -> int:
    """The terminal's width for wrapping text (80 when it cannot be told)."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))


def wrap(text: str, indent: str = "  ", first: str | None = None, collapse: bool = True) -> str:
    """text wrapped to the terminal, every line indented (the first with `first`). Runs of
    spaces are made one unless collapse is False (columns laid out with spaces)."""
    return textwrap.fill(
        " ".join(text.split()) if collapse else text, width(), initial_indent=indent if first is None else first,
        subsequent_indent=indent, break_on_hyphens=False,
    )


def render_state(game: Game) -> str:
    s = game.scenario
    here = s.space(game.location).name
    att = int(game.track("attention"))
    pips = "*" * att + "." * max(int(game.c.consts.attention_per_quarter) - att, 0)
    lines = [
        "",
        f"== {game.date}  ({game.turn + 1}/{game.c.turns})  in {here}"
        + ("" if game.over else f"  attention [{pips}]") + " ==",
    ]

    def row(names: list[str]) -> str:
        return "  ".join(f"{numbers.label(n)} {fmt_track(game, n)}{trend(game, n)}" for n in names)

    power = f"Power {game.track('power_gw_online'):.1f} GW"
    if game.track("power_gw_needed") > 0 or game.track("power_gw_online") > 0:
        power += f" online / {game.track('power_gw_needed'):.1f} needed"
    else:
        power += " (no campus yet)"
    for part in (
        row(["cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "runway_quarters"]),
        row(["chips", "valuation_busd"]) + f"  Equity sold {game.track('equity_sold_pct'):.1f}%",
        power + f"  Demand {game.track('demand_bq'):.0f} / capacity {game.track('capacity_bq'):.0f} bn queries",
        row(["scrutiny", "credibility", "trust"]) + "  (0-10; see goals)",
    ):
        lines.append(wrap(part, collapse=False))
    m = render_market_line(game)
    if m:
        lines.append(wrap(m, collapse=False))
    return "\n".join(lines)


def render_market_line(game: Game) -> str:
    """The chip market, Nvidia dependence and the grid in one line ("" without an industry)."""
    m = market.summary(game.st, game.c)
    if m is None:
        return ""
    return t(
        "text.market",
        price=f"{m['price_kusd']:.1f}",
        reach=f"{m['reach_m']:.2f}",
        left=f"{m['left_m']:.2f}",
        supply=f"{m['supply_m']:.2f}",
        dependence=f"{m['dependence_pct']:.0f}",
        grid_left=f"{m['grid_left_gw']:.1f}",
        grid_cap=f"{m['grid_cap_gw']:.1f}",
    )


def render_market(game: Game) -> str:
    """The market line, what moved the lab's dependence, and the industry's rules."""
    m = market.summary(game.st, game.c)
    figures = market.rule_figures(game.c)
    if m is None or figures is None:
        return t("text.no_market")
    out = [render_market_line(game), t("tracks.dependence_start", pct=f"{m['dependence_start_pct']:g}")]
    for cause, pts in m["dependence_causes"]:
        out.append(t(f"tracks.dependence_{cause}", pts=f"{pts:g}"))
    for para in t("help.industry", **{k: f"{v:g}" for k, v in figures.items()}).split("\n\n"):
        out += ["", para]
    return "\n".join(wrap(line) if line else "" for line in out)


def render_status(game: Game) -> str:
    """Where things stand after a move, in one line: attention left, cash, burn and runway."""
    return "  " + t(
        "text.status",
        attention=max(0, round(game.track("attention"))),
        cash=numbers.value("cash_busd", game.track("cash_busd")),
        burn=numbers.value("burn_busd_per_year", game.track("burn_busd_per_year")),
        runway=numbers.value("runway_quarters", game.track("runway_quarters")),
    )


def render_card(game: Game) -> str:
    card = game.card
    if card is None:
        return "No card this quarter."
    if card.truth == "reported":
        tag = t("card.truth.reported", articles=", ".join(card.articles))
    else:
        tag = t("card.truth.fiction")
    out = [f"Card: {card.title}", f"  [{tag}]", wrap(card.text), wrap(f"Source: {card.source}")]
    if card.effects.root:
        out.append(wrap("Effect: " + effects_text(card.effects.root)))
    if game.awaiting_choice:
        letters = ", ".join(choice_key(i) for i in range(len(card.choices)))
        out.append(f"  Answer it: type {letters} (the choices are listed below).")
    return "\n".join(out)


_NOT_SHOWN = {"raised_busd"}  # repeats what a pitch adds to cash


def effects_text(effects: dict[str, float]) -> str:
    """Changes to tracks in words: 'Cash +1 $B, Credibility +0.2, Equity sold +0.66%'."""
    parts = []
    for k, v in effects.items():
        if k in _NOT_SHOWN:
            continue
        parts.append(f"{numbers.label(k)} {numbers.delta(k, v)}")
    return ", ".join(parts) or "nothing"


def choice_key(i: int) -> str:
    """The letter that answers a card's i-th choice: a, b, c..."""
    return chr(ord("a") + i)


def action_key(game: Game, item) -> str:
    """What a player types for a menu item. Each action's number is its place in the scenario's
    list of actions, so it never changes during a game; a card's choices are letters."""
    if isinstance(item.action, Choose):
        return choice_key(item.action.option)
    return str(game.codec.encode(item.action) + 1)


def render_menu(game: Game) -> tuple[str, dict]:
    """The actions as text, and what each key typed stands for (legal and refused ones)."""
    items = game.menu()
    say = words_for(game).say
    keys = {action_key(game, it): it for it in items}
    legal = [(k, it) for k, it in keys.items() if it.legal]
    lines = ["Actions:"]
    group = None
    for k, it in legal:
        if it.group != group:
            group = it.group
            lines.append(f" {t(f'actions.group.{group}')}")
        extra = []
        if it.odds is not None:
            extra.append(f"odds {it.odds:.0%}")
        touched = {n: v for n, v in it.touches.items() if n != "attention"}
        if isinstance(it.action, Choose):
            card = game.card
            touched = dict(card.choices[it.action.option].effects.root) if card else {}
        if touched:
            extra.append(effects_text({n: round(v, 2) for n, v in touched.items()}))
        if it.on_failure:
            extra.append(f"{say(it.failure) or 'if it fails'}: {effects_text({n: round(v, 2) for n, v in it.on_failure.items()})}")
        later = [numbers.delayed_text(d.track, d.amount, d.quarters) for d in it.later] + [say(n) for n in it.notes]
        if later:
            extra.append("later: " + "; ".join(later[:2]))
        if not isinstance(it.action, Choose | EndQuarter):
            o = outlook(game, it.action)
            if o is not None:
                extra.append(t("actions.after_short", burn=numbers.value("burn_busd_per_year", 4 * o.burn), runway=numbers.value("runway_quarters", o.runway)))
        text = f"{k:>3}) {say(it.label)}" + (f"   [{'; '.join(extra)}]" if extra else "")
        lines.append(wrap(text, indent=" " * 8, first=" ", collapse=False))
    blocked = [(k, it) for k, it in keys.items() if not it.legal]
    if game.awaiting_choice:
        lines.append(" (Everything else waits until you answer the card.)")
    elif blocked:
        by_reason: dict[str, int] = {}
        for _, it in blocked:
            by_reason[say(it.reason)] = by_reason.get(say(it.reason), 0) + 1
        common = [r for r, n in by_reason.items() if n > 3]
        lines.append(" Not now:")
        for k, it in blocked:
            if say(it.reason) not in common:
                lines.append(wrap(f"{k:>3}) {say(it.label)} -- {say(it.reason)}", indent=" " * 8, first=" ", collapse=False))
        for r in common:
            lines.append(wrap(f"({by_reason[r]} other actions) -- {r}", indent=" " * 8, first="      "))
    return "\n".join(lines), keys


def render_goals(game: Game) -> str:
    """How the scenario is won and lost (`Game.endings`), with how far this game is from each
    winning figure."""
    ends = game.endings()
    words = words_for(game)
    lines = ["To win, reach any of these:"]
    for end in (e for e in ends if e.won):
        lines.append(wrap(f"{end.title}: {words.ending_rule(end.when, True)}", first="  - ", indent="    "))
        goal = next(gl for gl in game.scenario.goals.win if gl.id == end.id)
        for key, op, target, now, met in game.condition_facts(goal.when):
            if op not in ("gte", "gt"):  # a figure to reach, not a limit to stay under
                continue
            mark = "done" if met else f"{now / target:.0%} of the way" if target > 0 else ""
            lines.append(f"      {numbers.label(key)}: {now:,.2f} of {target:,g}  ({mark})")
    lines.append("You lose if any of these happens:")
    for end in (e for e in ends if not e.won):
        lines.append(wrap(f"{end.title}: {words.ending_rule(end.when, False)}", first="  - ", indent="    "))
    last = game.c.date_label(game.c.turns - 1)
    lines.append(wrap(f"Time up: the calendar runs out after {last} without a win.", first="  - ", indent="    "))
    return "\n".join(lines)


def render_ending(game: Game) -> str:
    """The end of the game: how it ended and the figures it ended on."""
    f = game.figures()
    lines = [
        "",
        f"== The game is over in {game.date}: you {game.outcome}. ==",
        wrap(words_for(game).outcome_reason(game)),
    ]
    if game.outcome_id == "time_up":  # say which figures fell short
        for goal in game.scenario.goals.win:
            short = [
                f"{numbers.label(key)} {now:,.2f}, needed {op_words(op)} {bound:,g}"
                for key, op, bound, now, met in game.condition_facts(goal.when)
                if not met
            ]
            if short:
                lines.append(wrap(f"Short of {goal.title}: " + "; ".join(short) + "."))
    lines += [
        wrap(
            f"Final figures: cash {f['cash_busd']:,.1f} $B, revenue {f['revenue_busd_per_year']:,.1f} $B a year, "
            f"spending {f['spend_busd_per_year']:,.1f} $B a year, power {f['power_gw']:.1f} GW, "
            f"chips {f['chips'] / 1e6:,.2f} M, valuation {f['valuation_busd']:,.0f} $B, "
            f"equity sold {f['equity_sold_pct']:.0f}%, raised {f['raised_busd']:,.1f} $B."
        ),
    ]
    return "\n".join(lines)


class TextGame:
    """The terminal session: reads commands, drives a Game, prints what happens."""

    def __init__(
        self,
        game: Game,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        autosave_on: bool = True,
        scenario_path: str | None = None,
        settings: Settings | None = None,
        team: str | None = None,
        result: str | None = None,
    ):
        self.game = game
        self.team = team  # the name on the teacher's result file; None: asked at the end
        self.result = result  # where it goes: a .json file or a folder (default: the results folder)
        self.read = read
        # The questions before a risky move follow the player's settings (shared with the
        # desktop); a game driven by a script (read is not the terminal) asks only if given them.
        self.settings = settings if settings is not None or read is not input else load_settings()[0]
        # everything shown may hold text from files (a save's label, a mod's titles): escape
        # codes in it are shown, never acted on by the terminal
        self.write = lambda text: write(printable(text))
        self.autosave_on = autosave_on
        self.scenario_path = scenario_path
        self.keys: dict = {}

    def show(self) -> None:
        self.write(render_state(self.game))
        if self.game.over:
            self.keys = {}
            return
        self.write(render_card(self.game))
        text, self.keys = render_menu(self.game)
        self.write(text)

    def loop(self) -> int:
        meta = self.game.scenario.meta
        if self.game.actions:
            self.write(f"{meta.title}: continuing in {self.game.date}. Type help for commands.")
        else:
            self.write(f"{meta.title}\n{wrap(meta.summary, indent='')}\nType help for commands, goals for how to win.")
        self.show()
        while True:
            if self.game.over:
                self.write(render_ending(self.game))
                self.write_result()
                return 0
            try:
                line = self.read("> ")
            except EOFError:
                self.write("")
                return 0
            if not self.command(line.strip()):
                return 0

    def write_result(self) -> Path | None:
        """At the end: the result file for the teacher, under the team's name (asked for if not given)."""
        from game.classroom.results import ResultError, write_team_result

        team = self.team
        if team is None:
            try:
                team = self.read(t("classroom.result.ask_team"))
            except EOFError:
                team = ""
        team = " ".join(team.split())
        if not team:
            self.write(t("classroom.result.skipped"))
            return None
        try:
            path = write_team_result(self.game, team, self.result, self.scenario_path)
        except ResultError as e:
            self.write(t("classroom.result.failed", why=str(e)))
            return None
        self.write(t("classroom.result.written", team=team, path=str(path)))
        return path

    def command(self, line: str) -> bool:
        """Handle one line; False means quit."""
        if not line:
            return True
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        if not words:
            return True
        cmd, rest = words[0].lower(), words[1:]
        arg = line.split(None, 1)[1].strip() if len(words) > 1 else ""  # a file name may hold spaces
        if cmd in self.keys or cmd.isdigit() or (len(cmd) == 1 and cmd.isalpha() and cmd not in "hlq"):
            if rest:
                self.write(f'"{line}": type one action at a time, its number or letter alone.')
            else:
                self.do(cmd)
        elif rest and cmd in ("help", "?", "h", "list", "ls", "l", "board", "card", "undo", "goals", "market", "quit", "exit", "q"):
            self.write(f'"{cmd}" takes nothing after it; type {cmd} alone.')
        elif cmd in ("help", "?", "h"):
            self.write(HELP)
        elif cmd in ("list", "ls", "l"):
            self.show()
        elif cmd == "goals":
            self.write(render_goals(self.game))
        elif cmd == "market":
            self.write(render_market(self.game))
        elif cmd == "why":
            self.why(rest)
        elif cmd == "explain":
            if rest:
                self.explain(" ".join(rest))
            else:
                self.write(f"Type explain and a track: {', '.join(ALIASES)}.")
        elif cmd == "board":
            self.board()
        elif cmd == "log":
            if rest and not (len(rest) == 1 and rest[0].isdigit() and int(rest[0]) > 0):
                self.write(f"log takes a number of lines, 1 or more (log 20), not {' '.join(rest)!r}.")
                return True
            n = int(rest[0]) if rest else 15
            say = words_for(self.game)
            for e in self.game.log[-n:]:
                self.write(f"  {say.date(e.turn)}  {say.say(e.fact)}")
        elif cmd == "card":
            self.write(render_card(self.game))
        elif cmd == "undo":
            refusal = self.game.undo_refusal
            if refusal is None and self.game.undo():
                self.write("Taken back.")
                self.show()
            else:
                self.write(words_for(self.game).say(refusal) or "Nothing to undo.")
        elif cmd == "save":
            self.save(arg or None)
        elif cmd == "load":
            if arg:
                self.load(arg)
            else:
                self.list_saves()
        elif cmd in ("quit", "exit", "q"):
            if self.autosave_on:
                self.write(f"Bye. Your last autosave is in {saves_dir()}")
            else:
                self.write("Bye. (Autosave was off: type save before quit to keep a game.)")
            return False
        else:
            self.write(f'Unknown command "{line}". Type help for the list, or a number to act.')
        return True

    def why(self, rest: list[str]) -> None:
        if len(rest) != 1:
            self.write("Type why and an action's number, e.g. why 4.")
            return
        it = self.keys.get(rest[0].lower())
        if it is None:
            self.write(f"There is no action {rest[0]} now; type list to see them.")
        else:
            say = words_for(self.game).say
            self.write(f"{say(it.label)}: {say(it.reason) or 'it is allowed now.'}")

    def do(self, key: str) -> None:
        it = self.keys.get(key)
        if self.game.awaiting_choice and (it is None or not isinstance(it.action, Choose)):
            letters = ", ".join(choice_key(i) for i in range(len(self.game.card.choices)))
            self.write(f"First answer the card on the table: type {letters}.")
            return
        if it is None:
            self.write(f"There is no action {key} now; type list to see them.")
            return
        if it.legal and not self.go_ahead(it.action):
            return
        turn = self.game.turn
        result = self.game.apply(it.action)
        if not result.ok:
            self.write(f"Not allowed: {words_for(self.game).say(result.reason)}")
            return
        for m in result.messages:
            if m.id in ("told.game_over", "told.end_quarter"):  # told once, below; the next line has the figures
                continue
            self.write(wrap(words_for(self.game).say(m)))
        if (self.game.turn != turn or self.game.over) and self.autosave_on:
            try:
                autosave(self.game, scenario_path=self.scenario_path)
            except SaveError as e:
                self.write(f"  (autosave failed: {e})")
        if self.game.turn != turn or self.game.over or self.game.awaiting_choice:
            self.show()  # a new quarter: the whole table again
        else:  # the same quarter: where things stand in one line, the result stays in sight
            text, self.keys = render_menu(self.game)
            self.write(render_status(self.game))

    def go_ahead(self, action) -> bool:
        """Ask before a risky move (game.core.menu.danger), if the settings say to; True to make it."""
        if self.settings is None:
            return True
        said = danger(self.game, action)
        key = ASK_SETTING.get(said.id) if said is not None else None
        if key is None or not getattr(self.settings, key):
            return True
        self.write(wrap(words_for(self.game).say(said), indent="  ", first="! "))
        try:
            answer = self.read(t("confirm.text_prompt") + " ").strip().lower()
        except EOFError:
            answer = ""
        if answer == t("confirm.text_never"):
            setattr(self.settings, key, False)
            save_settings(self.settings)
            return True
        if answer in (t("confirm.text_yes"), t("confirm.text_yes_long")):
            return True
        self.write(t("confirm.text_cancelled"))
        return False

    def explain(self, word: str) -> None:
        key = ALIASES.get(word.lower().strip(), word.strip())
        if key not in numbers.TRACKS:
            self.write(f"No track called {word!r}. Try: {', '.join(ALIASES)}")
            return
        say = words_for(self.game)
        ex = self.game.explain(key)
        self.write(f"{numbers.label(key)}: {fmt_track(self.game, key)} (at the start of this quarter {fmt_value(key, ex['quarter_start'])})")
        if ex["worked_out"]:
            self.write(wrap(t(f"fact.derived.{key}")))
        for turn, cause, delta in ex["causes"][-10:]:
            self.write(f"  {say.date(turn)}  {say.say(cause)}: {numbers.delta(ex['causes_track'], delta)}")
        if ex["origin"] is not None:
            self.write(wrap(say.say(ex["origin"])))

    def board(self) -> None:
        g = self.game
        s = g.scenario
        for sp in s.board.spaces:
            here = " <- you" if sp.id == g.location else ""
            links = [s.space(b if a == sp.id else a).name for a, b in s.board.routes if sp.id in (a, b)]
            self.write(wrap(f"{sp.name}{here}: {sp.description}"))
            self.write(f"    routes to {', '.join(links)}")
        camps = g.campuses()
        if camps:
            self.write("  Campuses: " + ", ".join(f"{s.space(k).name} {v:g} GW" for k, v in camps.items())
                       + f" ({g.campus_gw_building():g} GW still building)")
        signed = g.deals_signed()
        if signed:
            titles = {d.id: d.title for d in s.deals}
            self.write("  Deals: " + ", ".join(f"{titles[k]} x{v}" for k, v in signed.items()))
        for k, key, v in g.deliveries():
            self.write(f"  Coming in {k} quarter{'s' if k > 1 else ''}: {numbers.label(key)} {numbers.delta(key, v)}")

    def save(self, name: str | None) -> None:
        path = Path(name) if name else self.slot()
        try:
            save_game(self.game, path, scenario_path=self.scenario_path)
            self.write(f"Saved to {path}")
        except SaveError as e:
            self.write(f"Could not save: {e}")

    def slot(self) -> Path:
        """The default save file (`save` alone): named by scenario, seed and quarter. A file of that name
        holding another game (other moves from the same start) is left alone: the save takes
        the next free number instead."""
        g = self.game
        stem = f"text-{g.scenario.meta.id}-seed{g.seed}-q{g.turn + 1:02d}"
        for k in range(1, 1000):
            path = saves_dir() / (f"{stem}.json" if k == 1 else f"{stem}-{k}.json")
            if not path.exists() or _same_game(path, g):
                return path
        return path

    def list_saves(self) -> None:
        saves = [s for s in list_saves() if s.error is None][:12]
        if not saves:
            self.write(f"No saves yet in {saves_dir()}. Type save to make one, or load FILE.")
            return
        self.write("Type load FILE with one of these (newest first):")
        for s in saves:
            when = printable(s.saved_at.replace("T", " ")[:16], one_line=True)
            self.write(f"  {printable(s.path, one_line=True)}   {printable(s.label, one_line=True)} ({when})")

    def load(self, name: str) -> None:
        try:
            game, warnings = load_game(Path(name), _finder(self.scenario_path))
        except SaveError as e:
            self.write(f"Could not load: {e}")
            return
        before = self.game.scenario.meta.title
        self.game = game
        title = game.scenario.meta.title
        self.write(f"Loaded {name}: {title}, {game.date}." + (f" (You were playing {before}.)" if title != before else ""))
        for w in warnings:
            self.write("Note: " + w)
        self.show()


def _same_game(path: Path, game: Game) -> bool:
    """Whether the save at path is an earlier or the same point of this very game."""
    try:
        doc = read_save(path)
    except SaveError:
        return False  # a damaged file is not overwritten either
    n = len(doc.actions)
    return (
        doc.scenario_id == game.scenario.meta.id
        and doc.seed == game.seed
        and n <= len(game.actions)
        and list(doc.actions) == list(game.actions[:n])
    )


def _finder(scenario_path: str | None = None, mods: list[Path] | None = None) -> Callable[[str, str | None], object]:
    """How a save finds its scenario: by id among the shipped scenarios and the installed mods
    (and --mods folders); a path recorded in a save is never read (scenario_path is ignored)."""

    def find(scenario_id: str, _path: str | None):
        from game.cli.common import in_language

        return in_language(resolve_id(scenario_id, mods=mods))

    return find
