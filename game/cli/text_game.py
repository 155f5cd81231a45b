"""The terminal game: the whole game as typed commands (run by `python -m game play`).

Each quarter shows the board state, the card on the table and the numbered actions (illegal
ones listed with the reason). Type a number to act; `help` lists the other commands.
"""

from __future__ import annotations

import math
import re
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
from game.text.catalog import FALLBACK, speaking, t
from game.text.conditions import op_words
from game.text.words import words_for
from game.ui.settings import ASK_SETTING, Settings, load_settings, save_settings

# The words a player types. Every command answers to its English word and to its word in the
# language in use (terminal.cmd.*: "aide" beside "help" in French), with a few short forms.
COMMANDS: dict[str, tuple[str, ...]] = {
    "help": ("help", "?", "h"),
    "list": ("list", "ls", "l"),
    "goals": ("goals",),
    "market": ("market",),
    "why": ("why",),
    "explain": ("explain",),
    "board": ("board",),
    "log": ("log",),
    "card": ("card",),
    "undo": ("undo",),
    "save": ("save",),
    "load": ("load",),
    "quit": ("quit", "exit", "q"),
}
# Tracks `explain` knows, by their English word; terminal.word.* gives each its word in the
# language in use, accepted too.
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
EXPLAINED = ("cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "burn_busd_per_year", "runway_quarters", "chips", "power_gw_online", "scrutiny", "credibility", "trust", "valuation_busd")


def _fold(word: str) -> str:
    """A typed word without case or accents: "Trésorerie" and "tresorerie" are the same."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word.lower().strip()) if not unicodedata.combining(c))


def command_of(word: str) -> str | None:
    """Which command a typed word is (in English or in the language in use), or None."""
    w = _fold(word)
    for name, spellings in COMMANDS.items():
        if w in spellings or w == _fold(t(f"terminal.cmd.{name}")):
            return name
    return None


def track_words() -> str:
    """The tracks `explain` takes, in the language in use."""
    return ", ".join(t(f"terminal.word.{k}") for k in EXPLAINED)


def track_of(word: str) -> str | None:
    w = _fold(word)
    if w in ALIASES:
        return ALIASES[w]
    for k in EXPLAINED:
        if w == _fold(t(f"terminal.word.{k}")):
            return k
    return word.strip() if word.strip() in numbers.TRACKS else None


def help_text() -> str:
    return t("terminal.help", tracks=track_words())


def fmt_track(game: Game, name: str) -> str:
    return fmt_value(name, game.track(name))


def fmt_value(name: str, v: float) -> str:
    """A track's value as the status lines show it, in the language in use."""
    return numbers.value(name, v)


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
    # only ordinary spaces break a line: a no-break space (French "13 %", "7 Md$") holds
    return textwrap.fill(
        re.sub(r"[ \t\n]+", " ", text).strip() if collapse else text, width(), initial_indent=indent if first is None else first,
        subsequent_indent=indent, break_on_hyphens=False,
    )


def render_state(game: Game) -> str:
    s = game.scenario
    here = s.space(game.location).name
    att = int(game.track("attention"))
    pips = "*" * att + "." * max(int(game.c.consts.attention_per_quarter) - att, 0)
    lines = [
        "",
        t(
            "terminal.head", date=numbers.quarter(game.date), n=game.turn + 1, total=game.c.turns, place=here,
            attention="" if game.over else t("terminal.head_attention", pips=pips),
        ),
    ]

    def row(names: list[str]) -> str:
        return "  ".join(f"{numbers.label(n)} {fmt_track(game, n)}{trend(game, n)}" for n in names)

    online = numbers.value("power_gw_online", game.track("power_gw_online"))
    if game.track("power_gw_needed") > 0 or game.track("power_gw_online") > 0:
        power = t("terminal.power_needed", online=online, needed=numbers.value("power_gw_needed", game.track("power_gw_needed")))
    else:
        power = t("terminal.power_none", online=online)
    demand = t(
        "terminal.demand", demand=numbers.number(round(game.track("demand_bq")), ","),
        capacity=numbers.value("capacity_bq", round(game.track("capacity_bq"))),
    )
    for part in (
        row(["cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "runway_quarters"]),
        row(["chips", "valuation_busd"]) + "  " + t("tracks.equity_sold", value=numbers.value("equity_sold_pct", game.track("equity_sold_pct"))),
        power + "  " + demand,
        row(["scrutiny", "credibility", "trust"]) + "  " + t("terminal.scale"),
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
        price=numbers.number(m['price_kusd'], ".1f"),
        reach=numbers.number(m['reach_m'], ".2f"),
        left=numbers.number(m['left_m'], ".2f"),
        supply=numbers.number(m['supply_m'], ".2f"),
        dependence=numbers.number(m['dependence_pct'], ".0f"),
        grid_left=numbers.number(m['grid_left_gw'], ".1f"),
        grid_cap=numbers.number(m['grid_cap_gw'], ".1f"),
    )


def render_market(game: Game) -> str:
    """The market line, what moved the lab's dependence, and the industry's rules."""
    m = market.summary(game.st, game.c)
    figures = market.rule_figures(game.c)
    if m is None or figures is None:
        return t("text.no_market")
    out = [render_market_line(game), t("tracks.dependence_start", pct=numbers.number(m['dependence_start_pct'], "g"))]
    for cause, pts in m["dependence_causes"]:
        out.append(t(f"tracks.dependence_{cause}", pts=numbers.number(pts, "g")))
    for para in t("help.industry", **{k: numbers.number(v, "g") for k, v in figures.items()}).split("\n\n"):
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
        return t("terminal.no_card")
    if card.truth == "reported":
        tag = t("card.truth.reported", articles=", ".join(card.articles))
    else:
        tag = t("card.truth.fiction")
    out = [t("terminal.card", title=card.title), f"  [{tag}]", wrap(card.text), wrap(numbers.source_line(card.source))]
    if card.effects.root:
        out.append(wrap(t("terminal.effect", effects=effects_text(card.effects.root))))
    if game.awaiting_choice:
        letters = ", ".join(choice_key(i) for i in range(len(card.choices)))
        out.append("  " + t("terminal.answer_it", letters=letters))
    return "\n".join(out)


_NOT_SHOWN = {"raised_busd"}  # repeats what a pitch adds to cash


def effects_text(effects: dict[str, float]) -> str:
    """Changes to tracks in words: 'Cash +1 $B, Credibility +0.2, Equity sold +0.66%'."""
    parts = []
    for k, v in effects.items():
        if k in _NOT_SHOWN:
            continue
        parts.append(f"{numbers.label(k)} {numbers.delta(k, v)}")
    return ", ".join(parts) or t("terminal.nothing")


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
    lines = [t("terminal.actions")]
    group = None
    for k, it in legal:
        if it.group != group:
            group = it.group
            lines.append(f" {t(f'actions.group.{group}')}")
        extra = []
        if it.odds is not None:
            extra.append(t("terminal.odds", p=numbers.percent(it.odds)))
        touched = {n: v for n, v in it.touches.items() if n != "attention"}
        if isinstance(it.action, Choose):
            card = game.card
            touched = dict(card.choices[it.action.option].effects.root) if card else {}
        if touched:
            extra.append(effects_text({n: round(v, 2) for n, v in touched.items()}))
        if it.on_failure:
            extra.append(t("terminal.case", case=say(it.failure) or t("terminal.if_fails"), effects=effects_text({n: round(v, 2) for n, v in it.on_failure.items()})))
        later = [numbers.delayed_text(d.track, d.amount, d.quarters) for d in it.later] + [say(n) for n in it.notes]
        if later:
            extra.append(t("terminal.later", what=t("common.semicolon").join(later[:2])))
        if not isinstance(it.action, Choose | EndQuarter):
            o = outlook(game, it.action)
            if o is not None:
                extra.append(t("actions.after_short", burn=numbers.value("burn_busd_per_year", 4 * o.burn), runway=numbers.value("runway_quarters", o.runway)))
        text = f"{k:>3}) {say(it.label)}" + (f"   [{t('common.semicolon').join(extra)}]" if extra else "")
        lines.append(wrap(text, indent=" " * 8, first=" ", collapse=False))
    blocked = [(k, it) for k, it in keys.items() if not it.legal]
    if game.awaiting_choice:
        lines.append(t("terminal.card_first"))
    elif blocked:
        by_reason: dict[str, int] = {}
        for _, it in blocked:
            by_reason[say(it.reason)] = by_reason.get(say(it.reason), 0) + 1
        common = [r for r, n in by_reason.items() if n > 3]
        lines.append(t("terminal.not_now"))
        for k, it in blocked:
            if say(it.reason) not in common:
                lines.append(wrap(f"{k:>3}) {say(it.label)} -- {say(it.reason)}", indent=" " * 8, first=" ", collapse=False))
        for r in common:
            lines.append(wrap(t("terminal.others", count=by_reason[r], reason=r), indent=" " * 8, first="      "))
    return "\n".join(lines), keys


def render_goals(game: Game) -> str:
    """How the scenario is won and lost (`Game.endings`), with how far this game is from each
    winning figure."""
    ends = game.endings()
    words = words_for(game)
    lines = [t("terminal.to_win")]
    for end in (e for e in ends if e.won):
        lines.append(wrap(t("terminal.named", name=end.title, text=words.ending_rule(end.when, True)), first="  - ", indent="    "))
        goal = next(gl for gl in game.scenario.goals.win if gl.id == end.id)
        for key, op, target, now, met in game.condition_facts(goal.when):
            if op not in ("gte", "gt"):  # a figure to reach, not a limit to stay under
                continue
            mark = t("terminal.done") if met else t("terminal.of_the_way", p=numbers.percent(now / target)) if target > 0 else ""
            lines.append("      " + t("terminal.progress", name=numbers.label(key), now=numbers.number(now, ",.2f"), target=numbers.number(target), mark=mark))
    lines.append(t("terminal.to_lose"))
    for end in (e for e in ends if not e.won):
        lines.append(wrap(t("terminal.named", name=end.title, text=words.ending_rule(end.when, False)), first="  - ", indent="    "))
    last = numbers.quarter(game.c.date_label(game.c.turns - 1))
    lines.append(wrap(t("terminal.time_up", last=last), first="  - ", indent="    "))
    return "\n".join(lines)


def render_ending(game: Game) -> str:
    """The end of the game: how it ended and the figures it ended on."""
    f = game.figures()
    lines = [
        "",
        t(f"terminal.over.{'won' if game.outcome == 'won' else 'lost'}", date=numbers.quarter(game.date)),
        wrap(words_for(game).outcome_reason(game)),
    ]
    if game.outcome_id == "time_up":  # say which figures fell short
        for goal in game.scenario.goals.win:
            short = [
                t("terminal.short_item", name=numbers.label(key), now=numbers.number(now, ",.2f"), op=op_words(op), bound=numbers.number(bound))
                for key, op, bound, now, met in game.condition_facts(goal.when)
                if not met
            ]
            if short:
                lines.append(wrap(t("terminal.short_of", goal=goal.title, items=t("common.semicolon").join(short))))
    lines += [
        wrap(
            t(
                "terminal.final",
                cash=numbers.value("cash_busd", f["cash_busd"]),
                revenue=numbers.value("revenue_busd_per_year", f["revenue_busd_per_year"]),
                spending=numbers.value("spend_busd_per_year", f["spend_busd_per_year"]),
                power=numbers.value("power_gw_online", f["power_gw"]),
                chips=numbers.value("chips", f["chips"]),
                valuation=numbers.value("valuation_busd", f["valuation_busd"]),
                equity=numbers.value("equity_sold_pct", f["equity_sold_pct"]),
                raised=numbers.value("raised_busd", f["raised_busd"]),
            )
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
            self.write(t("terminal.continuing", title=meta.title, date=numbers.quarter(self.game.date)))
        else:
            self.write(f"{meta.title}\n{wrap(meta.summary, indent='')}\n{t('terminal.start')}")
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
            with speaking(FALLBACK):  # a result file reads the same whatever the player's language
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
        name = command_of(cmd)
        if cmd in self.keys or cmd.isdigit() or (name is None and len(cmd) == 1 and cmd.isalpha()):
            if rest:
                self.write(t("terminal.one_at_a_time", line=line))
            else:
                self.do(cmd)
        elif rest and name in ("help", "list", "board", "card", "undo", "goals", "market", "quit"):
            self.write(t("terminal.takes_nothing", cmd=cmd))
        elif name == "help":
            self.write(help_text())
        elif name == "list":
            self.show()
        elif name == "goals":
            self.write(render_goals(self.game))
        elif name == "market":
            self.write(render_market(self.game))
        elif name == "why":
            self.why(rest)
        elif name == "explain":
            if rest:
                self.explain(" ".join(rest))
            else:
                self.write(t("terminal.explain_what", tracks=track_words()))
        elif name == "board":
            self.board()
        elif name == "log":
            if rest and not (len(rest) == 1 and rest[0].isdigit() and int(rest[0]) > 0):
                self.write(t("terminal.log_lines", what=" ".join(rest)))
                return True
            n = int(rest[0]) if rest else 15
            say = words_for(self.game)
            for e in self.game.log[-n:]:
                self.write(f"  {say.date(e.turn)}  {say.say(e.fact)}")
        elif name == "card":
            self.write(render_card(self.game))
        elif name == "undo":
            refusal = self.game.undo_refusal
            if refusal is None and self.game.undo():
                self.write(t("terminal.taken_back"))
                self.show()
            else:
                self.write(words_for(self.game).say(refusal) or t("terminal.nothing_to_undo"))
        elif name == "save":
            self.save(arg or None)
        elif name == "load":
            if arg:
                self.load(arg)
            else:
                self.list_saves()
        elif name == "quit":
            if self.autosave_on:
                self.write(t("terminal.bye", folder=str(saves_dir())))
            else:
                self.write(t("terminal.bye_no_autosave"))
            return False
        else:
            self.write(t("terminal.unknown", line=line))
        return True

    def why(self, rest: list[str]) -> None:
        if len(rest) != 1:
            self.write(t("terminal.why_what"))
            return
        it = self.keys.get(rest[0].lower())
        if it is None:
            self.write(t("terminal.no_action", number=rest[0]))
        else:
            say = words_for(self.game).say
            self.write(t("terminal.named", name=say(it.label), text=say(it.reason) or t("terminal.allowed")))

    def do(self, key: str) -> None:
        it = self.keys.get(key)
        if self.game.awaiting_choice and (it is None or not isinstance(it.action, Choose)):
            letters = ", ".join(choice_key(i) for i in range(len(self.game.card.choices)))
            self.write(t("terminal.answer_first", letters=letters))
            return
        if it is None:
            self.write(t("terminal.no_action", number=key))
            return
        if it.legal and not self.go_ahead(it.action):
            return
        turn = self.game.turn
        result = self.game.apply(it.action)
        if not result.ok:
            self.write(t("terminal.not_allowed", reason=words_for(self.game).say(result.reason)))
            return
        for m in result.messages:
            if m.id in ("told.game_over", "told.end_quarter"):  # told once, below; the next line has the figures
                continue
            self.write(wrap(words_for(self.game).say(m)))
        if (self.game.turn != turn or self.game.over) and self.autosave_on:
            try:
                autosave(self.game, scenario_path=self.scenario_path)
            except SaveError as e:
                self.write(t("terminal.autosave_failed", why=str(e)))
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
        key = track_of(word)
        if key is None:
            self.write(t("terminal.no_track", word=word, tracks=track_words()))
            return
        say = words_for(self.game)
        ex = self.game.explain(key)
        self.write(t("terminal.explain_head", name=numbers.label(key), now=fmt_track(self.game, key), start=fmt_value(key, ex["quarter_start"])))
        if ex["worked_out"]:
            self.write(wrap(t(f"fact.derived.{key}")))
        for turn, cause, delta in ex["causes"][-10:]:
            self.write(f"  {say.date(turn)}  " + t("common.labelled", label=say.say(cause), text=numbers.delta(ex["causes_track"], delta)))
        if ex["origin"] is not None:
            self.write(wrap(say.say(ex["origin"])))

    def board(self) -> None:
        g = self.game
        s = g.scenario
        for sp in s.board.spaces:
            here = t("terminal.you") if sp.id == g.location else ""
            links = [s.space(b if a == sp.id else a).name for a, b in s.board.routes if sp.id in (a, b)]
            self.write(wrap(t("terminal.place", name=sp.name, you=here, text=sp.description)))
            self.write(t("terminal.routes", places=", ".join(links)))
        camps = g.campuses()
        if camps:
            gw = lambda v: t("unit.gw", v=numbers.number(v))  # noqa: E731
            listed = ", ".join(f"{s.space(k).name} {gw(v)}" for k, v in camps.items())
            self.write(t("terminal.campuses", list=listed, building=gw(g.campus_gw_building())))
        signed = g.deals_signed()
        if signed:
            titles = {d.id: d.title for d in s.deals}
            self.write(t("terminal.deals", list=", ".join(f"{titles[k]} x{v}" for k, v in signed.items())))
        for k, key, v in g.deliveries():
            self.write(t("terminal.coming", count=k, what=f"{numbers.label(key)} {numbers.delta(key, v)}"))

    def save(self, name: str | None) -> None:
        path = Path(name) if name else self.slot()
        try:
            save_game(self.game, path, scenario_path=self.scenario_path)
            self.write(t("terminal.saved", path=str(path)))
        except SaveError as e:
            self.write(t("terminal.cannot_save", why=str(e)))

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
            self.write(t("terminal.no_saves", folder=str(saves_dir())))
            return
        self.write(t("terminal.pick_save"))
        for s in saves:
            when = printable(s.saved_at.replace("T", " ")[:16], one_line=True)
            self.write(f"  {printable(s.path, one_line=True)}   {printable(s.label, one_line=True)} ({when})")

    def load(self, name: str) -> None:
        try:
            game, warnings = load_game(Path(name), _finder(self.scenario_path))
        except SaveError as e:
            self.write(t("terminal.cannot_load", why=str(e)))
            return
        before = self.game.scenario.meta.title
        self.game = game
        title = game.scenario.meta.title
        self.write(t("terminal.loaded", name=name, title=title, date=numbers.quarter(game.date)) + (t("terminal.was_playing", title=before) if title != before else ""))
        for w in warnings:
            self.write(t("terminal.note", what=w))
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
