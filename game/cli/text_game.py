"""The terminal game: the whole game as typed commands (run by `python -m game play`).

Each quarter shows the board state, the card on the table and the numbered actions (illegal
ones listed with the reason). Type a number to act; `help` lists the other commands.
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Callable
from pathlib import Path

from game.core.actions import Choose
from game.core.session import TRACK_LABELS, Game
from game.saves.store import (
    SaveError,
    autosave,
    list_saves,
    load_game,
    read_save,
    save_game,
    saves_dir,
)
from game.scenario.registry import resolve

HELP = """Commands:
  NUMBER          do that action (the list is shown each time)
  list            show the state and the actions again
  why NUMBER      why a greyed action is refused
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
    v = game.track(name)
    if name == "runway_quarters":
        return "no burn" if math.isinf(v) else f"{v:.1f} quarters"
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


def render_state(game: Game) -> str:
    s = game.scenario
    here = s.space(game.location).name
    att = int(game.track("attention"))
    pips = "*" * att + "." * max(int(game.c.consts.attention_per_quarter) - att, 0)
    lines = [
        "",
        f"== {game.date}  ({game.turn + 1}/{game.c.turns})  in {here}  attention [{pips}] ==",
    ]
    row = lambda names: "  ".join(  # noqa: E731
        f"{TRACK_LABELS[n].split(' (')[0]} {fmt_track(game, n)}{trend(game, n)}" for n in names
    )
    lines.append("  " + row(["cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "runway_quarters"]))
    lines.append(
        "  "
        + row(["chips", "valuation_busd"])
        + f"  Power {game.track('power_gw_online'):.1f} GW online / {game.track('power_gw_needed'):.1f} needed"
        + f"  Demand {game.track('demand_bq'):.0f} / capacity {game.track('capacity_bq'):.0f} bn queries"
    )
    lines.append("  " + row(["scrutiny", "credibility", "trust"]) + "   (0-10; scrutiny 10 or trust 0 ends the game)")
    return "\n".join(lines)


def render_card(game: Game) -> str:
    card = game.card
    if card is None:
        return "No card this quarter."
    out = [f"Card: {card.title}", f"  {card.text}", f"  Source: {card.source}"]
    if card.effects.root:
        out.append("  Effect: " + effects_text(card.effects.root))
    if game.awaiting_choice:
        out.append("  Choose (type the number shown in the actions list).")
    return "\n".join(out)


def effects_text(effects: dict[str, float]) -> str:
    parts = []
    for k, v in effects.items():
        if k in TRACK_LABELS:
            name = TRACK_LABELS[k]
        else:
            name = k.replace("_pct", " (%)").replace("_busd", " ($B)").replace("_", " ").capitalize()
        parts.append(f"{name} {v:+g}")
    return ", ".join(parts) or "nothing"


def render_menu(game: Game) -> tuple[str, list]:
    items = game.menu()
    legal = [it for it in items if it.legal]
    shown = []
    lines = ["Actions:"]
    group = None
    for n, it in enumerate(legal, 1):
        if it.group != group:
            group = it.group
            lines.append(f" {group}")
        extra = []
        if it.odds is not None:
            extra.append(f"odds {it.odds:.0%}")
        touched = {k: v for k, v in it.touches.items() if k != "attention"}
        if touched:
            extra.append(effects_text({k: round(v, 2) for k, v in list(touched.items())[:4]}))
        if it.delayed:
            extra.append("later: " + "; ".join(it.delayed[:2]))
        if isinstance(it.action, Choose):
            card = game.card
            if card and card.choices[it.action.option].effects.root:
                extra = [effects_text(card.choices[it.action.option].effects.root)]
        lines.append(f"  {n:>2}) {it.label}" + (f"   [{'; '.join(extra)}]" if extra else ""))
        shown.append(it)
    blocked = [it for it in items if not it.legal]
    if game.awaiting_choice:
        lines.append(" (Everything else waits until you answer the card.)")
    elif blocked:
        by_reason: dict[str, int] = {}
        for it in blocked:
            by_reason[it.reason or ""] = by_reason.get(it.reason or "", 0) + 1
        common = {r for r, n in by_reason.items() if n > 3}
        lines.append(" Not now:")
        k = len(legal)
        for it in blocked:
            if it.reason in common:
                continue
            k += 1
            lines.append(f"  {k:>2}) {it.label} -- {it.reason}")
            shown.append(it)
        for r in common:
            lines.append(f"  ({by_reason[r]} other actions) -- {r}")
    return "\n".join(lines), shown


class TextGame:
    """The terminal session: reads commands, drives a Game, prints what happens."""

    def __init__(
        self,
        game: Game,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        autosave_on: bool = True,
        scenario_path: str | None = None,
    ):
        self.game = game
        self.read = read
        self.write = write
        self.autosave_on = autosave_on
        self.scenario_path = scenario_path
        self.shown: list = []

    def show(self) -> None:
        self.write(render_state(self.game))
        if self.game.over:
            self.shown = []
            return
        self.write(render_card(self.game))
        text, self.shown = render_menu(self.game)
        self.write(text)

    def loop(self) -> int:
        self.write(f"{self.game.scenario.meta.title}\n{self.game.scenario.meta.summary}\nType help for commands.")
        self.show()
        while True:
            if self.game.over:
                self.write(f"\nThe game is over: you {self.game.outcome}. {self.game.outcome_reason}")
                return 0
            try:
                line = self.read("> ")
            except EOFError:
                self.write("")
                return 0
            if not self.command(line.strip()):
                return 0

    def command(self, line: str) -> bool:
        """Handle one line; False means quit."""
        if not line:
            return True
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        cmd, rest = words[0].lower(), words[1:]
        if cmd.isdigit():
            self.do(int(cmd))
        elif cmd in ("help", "?", "h"):
            self.write(HELP)
        elif cmd in ("list", "ls", "l"):
            self.show()
        elif cmd == "why" and rest and rest[0].isdigit():
            n = int(rest[0])
            if 1 <= n <= len(self.shown):
                it = self.shown[n - 1]
                self.write(f"{it.label}: {it.reason or 'it is allowed now.'}")
            else:
                self.write(f"There is no action {n}; type list to see them.")
        elif cmd == "explain":
            self.explain(" ".join(rest))
        elif cmd == "board":
            self.board()
        elif cmd == "log":
            if rest and not (rest[0].isdigit() and int(rest[0]) > 0):
                self.write(f"log takes a number of lines, 1 or more (log 20), not {rest[0]!r}.")
                return True
            n = int(rest[0]) if rest else 15
            for e in self.game.log[-n:]:
                self.write(f"  {e.date}  {e.text}")
        elif cmd == "card":
            self.write(render_card(self.game))
        elif cmd == "undo":
            if self.game.undo():
                self.write("Taken back.")
                self.show()
            else:
                self.write("Nothing to undo: the last action rolled dice or ended a quarter.")
        elif cmd == "save":
            self.save(rest[0] if rest else None)
        elif cmd == "load":
            if rest:
                self.load(rest[0])
            else:
                self.list_saves()
        elif cmd in ("quit", "exit", "q"):
            self.write("Bye. Your last autosave is in " + str(saves_dir()))
            return False
        else:
            self.write(f'Unknown command "{line}". Type help for the list, or a number to act.')
        return True

    def do(self, n: int) -> None:
        if not 1 <= n <= len(self.shown):
            self.write(f"There is no action {n}; type list to see them.")
            return
        it = self.shown[n - 1]
        turn = self.game.turn
        result = self.game.apply(it.action)
        if not result.ok:
            self.write(f"Not allowed: {result.reason}")
            return
        for m in result.messages:
            self.write("  " + m)
        if (self.game.turn != turn or self.game.over) and self.autosave_on:
            try:
                autosave(self.game, scenario_path=self.scenario_path)
            except SaveError as e:
                self.write(f"  (autosave failed: {e})")
        self.show()

    def explain(self, word: str) -> None:
        key = ALIASES.get(word.lower().strip(), word.strip())
        if key not in TRACK_LABELS:
            self.write(f"No track called {word!r}. Try: {', '.join(ALIASES)}")
            return
        ex = self.game.explain(key)
        self.write(f"{ex['label']}: {fmt_track(self.game, key)} (at the start of this quarter {ex['quarter_start']:.2f})")
        for date, label, delta in ex["causes"][-10:]:
            self.write(f"  {date}  {label}: {delta:+.2f}")
        if ex["source"]:
            self.write(f"  {ex['source']}")

    def board(self) -> None:
        g = self.game
        s = g.scenario
        for sp in s.board.spaces:
            here = " <- you" if sp.id == g.location else ""
            links = [s.space(b if a == sp.id else a).name for a, b in s.board.routes if sp.id in (a, b)]
            self.write(f"  {sp.name}{here}: {sp.description}")
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
            self.write(f"  Coming in {k} quarter(s): {key} {v:+g}")

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
            self.write(f"  {s.path}   {s.label} ({s.saved_at.replace('T', ' ')[:16]})")

    def load(self, name: str) -> None:
        try:
            game, warnings = load_game(Path(name), _finder(self.scenario_path))
        except SaveError as e:
            self.write(f"Could not load: {e}")
            return
        self.game = game
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


def _finder(scenario_path: str | None) -> Callable[[str, str | None], object]:
    def find(scenario_id: str, path: str | None):
        if path and Path(path).exists():
            return resolve(path)
        return resolve(scenario_id)

    return find
