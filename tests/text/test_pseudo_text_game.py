"""A whole game of the terminal mode in the pseudo-locale: every line of prose it prints comes
from the catalogs (it wears the pseudo-locale's ‹ › markers), so a French game shows no English."""

from __future__ import annotations

import re

from game.cli.text_game import TextGame, action_key
from game.core.actions import EndQuarter, Pitch
from game.core.session import Game
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR
from game.scenario.translation import translate
from game.text.catalog import PSEUDO_CLOSE, PSEUDO_OPEN, set_language, t
from game.ui.settings import Settings

INNERMOST = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{PSEUDO_CLOSE}")
WORD = re.compile(r"[^\W\d_]{2,}")


def exemption(texts: list[str]) -> re.Pattern:
    """One pattern for the exempt texts, whole words only, longest first, spaces as any run."""
    flat = sorted({" ".join(x.split()) for x in texts if len(x.strip()) > 1}, key=len, reverse=True)
    return re.compile("|".join(r"(?<!\w)" + r"\s+".join(map(re.escape, x.split())) + r"(?!\w)" for x in flat))


def unmarked_words(text: str, exempt: re.Pattern) -> list[str]:
    """The words of printed text that sit outside every ‹ › pair (after the exempt texts)."""
    line = exempt.sub(" ", " ".join(text.split()))
    while True:
        shorter = INNERMOST.sub(" ", line)
        if shorter == line:
            break
        line = shorter
    return WORD.findall(line)


class Player:
    """Types what a curious player would: every command once in the first quarters, a risky
    pitch refused at the question, then one move and the end of each quarter."""

    def __init__(self, save_to: str):
        self.tg: TextGame | None = None
        self.extra = [
            "help", "aide", "list", "liste", "goals", "board", "log 5", "card", "explain cash",
            "explain trésorerie", "explain nothing", "why 1", "why", "why 999", "xyzzy", "undo",
            "list extra", "log x", "explain", f"save {save_to}", "load", "999",
        ]
        self.turn = -1
        self.queue: list[str] = []
        self.asked = 0

    def __call__(self, prompt: str) -> str:
        g: Game = self.tg.game
        if prompt.strip() != ">":  # a question before a risky move: no once, then never again
            self.asked += 1
            return "n" if self.asked == 1 else t("confirm.text_never")
        if g.awaiting_choice:
            return "b" if g.turn % 2 else "a"
        if g.turn != self.turn:
            self.turn = g.turn
            menu = g.menu()
            legal = [it for it in menu if it.legal and not isinstance(it.action, EndQuarter)]
            hopeless = [it for it in legal if isinstance(it.action, Pitch) and it.odds is not None and it.odds < 0.005]
            first = [action_key(g, legal[g.turn % len(legal)])] if legal else []
            self.queue = (self.extra if g.turn < 2 else []) + ([action_key(g, hopeless[0]), "n"] if hopeless else []) + first
            self.queue.append(action_key(g, next(it for it in menu if isinstance(it.action, EndQuarter))))
        if self.queue:
            return self.queue.pop(0)
        return action_key(g, next(it for it in g.menu() if isinstance(it.action, EndQuarter)))


def test_a_whole_pseudo_game_in_the_terminal_prints_no_line_of_prose_without_markers(tmp_path):
    set_language("pseudo")
    scenario = translate(load_scenario_file(BUILTIN_DIR / "default.yaml"), "pseudo")  # its texts wear the markers too
    exempt = exemption([str(tmp_path)])  # the only words not ours: the folder the test writes in
    out: list[str] = []
    player = Player(str(tmp_path / "mine.json"))
    tg = TextGame(
        Game(scenario, 5), read=player, write=out.append, autosave_on=False, settings=Settings(),
        team="Équipe", result=str(tmp_path),
    )
    player.tg = tg
    assert tg.loop() == 0
    assert tg.game.over, "the game was played to its end"
    assert sum(len(chunk.splitlines()) for chunk in out) > 500
    # each thing printed is checked whole: a sentence wrapped over lines keeps its markers
    bare = [(chunk, words) for chunk in out if (words := unmarked_words(chunk, exempt))]
    assert not bare, "lines with words outside the catalog:\n" + "\n".join(f"{ln!r}: {w}" for ln, w in bare[:20])
