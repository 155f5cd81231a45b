"""Open each screen of the desktop game in a known state, for the monkey and layout tests."""

from __future__ import annotations

from game.core.actions import EndQuarter
from game.saves.store import autosave, saves_dir
from game.ui.library import entry_for, new_game
from game.ui.scenes.end import EndScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.menu import MenuScene
from game.ui.scenes.newgame import NewGameScene
from game.ui.scenes.play import GameScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.sources import SourcesScene


def finished_game(seed: int = 3):
    entry = entry_for("default")
    g = new_game(entry.scenario, seed)
    while not g.over:
        if g.awaiting_choice:
            g.apply(next(it.action for it in g.menu() if it.legal and it.group == "card"))
        g.apply(EndQuarter())
    return g, str(entry.path)


def projector(d, on: bool = True) -> None:
    """Switch projector mode on (as the settings screen does, without saving)."""
    d.app.settings.projector = on
    d.app.relayout()


def game_scene(d, seed: int = 11, answer: bool = True, scenario: str = "default") -> GameScene:
    entry = entry_for(scenario)
    scene = GameScene(d.app, new_game(entry.scenario, seed), str(entry.path))
    d.app.switch(scene)
    d.settle()
    if answer:
        ids = d.ids()
        d.click("card.choice.0" if "card.choice.0" in ids else "card.continue")
    return scene


def some_saves(d) -> None:
    g, path = finished_game()
    autosave(g, scenario_path=path)
    folder = saves_dir()
    (folder / "slot-2.json").write_text("{ this is not json", encoding="utf-8")
    (folder / "slot-3.json").write_text('{"format": "seven-trillion-save", "version": 99}', encoding="utf-8")


def open_screen(d, name: str) -> None:
    app = d.app
    if name == "menu":
        app.switch(MenuScene(app))
    elif name == "newgame":
        app.switch(NewGameScene(app))
    elif name == "load":
        some_saves(d)
        app.switch(LoadScene(app, back=lambda: MenuScene(app)))
    elif name == "settings":
        app.switch(SettingsScene(app, back=lambda: MenuScene(app)))
    elif name == "sources":
        app.switch(SourcesScene(app, entry_for("default").scenario, back=lambda: MenuScene(app)))
    elif name == "board":
        game_scene(d)
    elif name == "card":
        game_scene(d, answer=False)
    elif name == "summary":
        game_scene(d)
        d.click("actions.end_quarter")
    elif name == "pause":
        game_scene(d).open_pause()
    elif name == "save":
        game_scene(d).open_save()
    elif name == "end":
        g, path = finished_game()
        app.switch(EndScene(app, g, path))
    elif name == "projector":
        projector(d)
        game_scene(d)
    elif name == "facilitator":
        projector(d)
        game_scene(d, scenario="the_burn").open_facilitator()
    elif name == "endname":
        # a game that has just finished here: its result file written, the name field focused
        projector(d)
        g, path = finished_game()
        app.switch(EndScene(app, g, path, fresh=True))
        d.settle()
        app.scene.top.focus_name()
    else:
        raise ValueError(name)
    d.settle()


SCREENS = ("menu", "newgame", "load", "settings", "sources", "board", "card", "summary", "pause", "save", "end", "projector", "facilitator", "endname")
