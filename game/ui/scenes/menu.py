"""The main menu: continue, new campaign, load, settings, sources, quit."""

from __future__ import annotations

import contextlib

import pygame

from game.saves.store import (
    RACE_AUTOSAVE,
    SaveError,
    autosaves,
    load_game,
    load_match,
    read_save,
    saves_dir,
)
from game.text import numbers
from game.ui import board, draw
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.library import entry_for, finder
from game.ui.scenes.common import add_button, show_message
from game.ui.widgets import Layer, Tip, TipLine


def open_save(app: App, path, on_error_back: bool = True) -> bool:
    """Load a save and play it; a damaged one gets a clear message and nothing changes."""
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.play import GameScene

    with contextlib.suppress(SaveError):
        if read_save(path).match is not None:  # a race of several labs
            return open_race(app, path)
    try:
        game, warnings = load_game(path, finder(app.options.mods))
    except SaveError as e:
        show_message(app, t("saves.cannot_load_title"), t("saves.cannot_load", why=str(e)), "bad")
        return False
    doc_path = None
    with contextlib.suppress(SaveError):
        doc_path = read_save(path).scenario_path
    if game.over:
        app.switch(EndScene(app, game, doc_path))
    else:
        app.switch(GameScene(app, game, doc_path))
    for w in warnings:
        app.toast(w, "info")
    label = None
    with contextlib.suppress(SaveError):
        label = read_save(path).label
    app.toast(t("saves.loaded", name=numbers.quarter(label or game.date)), "good")  # the save's own words, not its file name
    return True


def open_race(app: App, path) -> bool:
    """Load a saved race and play on: its teams on the first labs, bots on the others."""
    from game.ui.scenes.match import MatchScene
    from game.ui.scenes.match_end import MatchEndScene

    try:
        match, players, warnings = load_match(path, finder(app.options.mods))
    except SaveError as e:
        show_message(app, t("saves.cannot_load_title"), t("saves.cannot_load", why=str(e)), "bad")
        return False
    people = [s < max(1, players) for s in range(match.seats)]
    if match.over:
        app.switch(MatchEndScene(app, match, people))
    else:
        app.switch(MatchScene(app, match, people))
    for w in warnings:
        app.toast(w, "info")
    app.toast(t("saves.loaded", name=numbers.quarter(read_save(path).label or match.date)), "good")
    return True


def newest_race_autosave() -> tuple[str, object, str] | None:
    """The newest race autosave that can be read, if that race goes on: (saved at, path, label)."""
    folder = saves_dir()
    found = sorted(folder.glob(f"{RACE_AUTOSAVE}-*.json"), key=lambda p: p.name) if folder.exists() else []
    for path in reversed(found):
        try:
            doc = read_save(path)
        except SaveError:
            continue
        return (doc.saved_at, path, doc.label) if doc.snapshot.outcome is None else None
    return None


class MenuLayer(Layer):
    modal = False
    name = "menu"

    def __init__(self, app: App):
        super().__init__(app)
        self.continue_path = None
        self.continue_label = ""
        self.continue_at = ""
        # the newest autosave that can be read; a damaged one is skipped with a word (and kept)
        for n, path in enumerate(reversed(autosaves())):
            try:
                doc = read_save(path)
            except SaveError as e:
                if n == 0:
                    app.toast(t("saves.autosave_skipped", why=str(e)), "bad")
                continue
            if doc.snapshot.outcome is None:
                self.continue_path = path
                self.continue_label = doc.label
                self.continue_at = doc.saved_at
            break
        race = newest_race_autosave()  # a race autosaved later than the last one-lab game is what Continue resumes
        if race is not None and (self.continue_path is None or race[0] > self.continue_at):
            _, self.continue_path, self.continue_label = race
        try:
            self.scenario = entry_for(app.options.scenario, app.options.mods).scenario
        except Exception:  # noqa: BLE001 - the backdrop can do without the routes
            self.scenario = None

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        w = th.px(380)
        h = th.px(54)
        gap = th.px(12)
        x = th.px(96)
        y = rect.centery - th.px(40)
        items = []
        if self.continue_path is not None:
            items.append(("menu.continue", t("menu.continue"), self.on_continue, "play", "primary", self.continue_tip))
        items += [
            ("menu.new", t("menu.new_campaign"), self.on_new, "card", "primary" if self.continue_path is None else "secondary", None),
            ("menu.load", t("menu.load"), self.on_load, "folder", "secondary", None),
            ("menu.settings", t("menu.settings"), self.on_settings, "gear", "secondary", None),
            ("menu.sources", t("menu.sources"), self.on_sources, "book", "secondary", None),
            ("menu.quit", t("menu.quit"), self.app.quit, "door", "secondary", None),
        ]
        self.resume_at = None
        for wid, label, fn, icon, style, tip in items:
            add_button(self, wid, pygame.Rect(x, y, w, h), label, fn, icon=icon, style=style, align="left", size=17, tooltip=tip)
            y += h + gap
            if wid == "menu.continue":  # which game Continue resumes, under it
                self.resume_at = (x + th.px(4), y - th.px(4))
                y += th.line_height(13) + th.px(4)

    def continue_tip(self) -> Tip:
        return Tip(t("menu.continue"), [TipLine(self.continue_label)])

    def default_focus(self) -> str | None:
        return "menu.continue" if self.continue_path is not None else "menu.new"

    def on_escape(self) -> bool:
        return True

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th, self.scenario)
        rect = surf.get_rect()
        # a left column of quiet navy for the menu
        col = pygame.Surface((th.px(560), rect.h), pygame.SRCALPHA)
        col.fill((*pal.sea_bottom, 200))
        surf.blit(col, (0, 0))
        x = th.px(96)
        y = rect.centery - th.px(250)
        r = draw.text(surf, th, t("app.title"), 66, pal.ink_light, (x - th.px(3), y), family="serif")
        pygame.draw.line(surf, pal.accent, (x, r.bottom + th.px(4)), (x + th.px(80), r.bottom + th.px(4)), th.stroke(3, 2))
        draw.paragraph(surf, th, t("app.tagline"), 16, pal.ink_muted, x, r.bottom + th.px(20), th.px(400))
        self.draw_widgets(surf)
        if getattr(self, "resume_at", None) is not None and self.continue_label:
            text = t("menu.resumes", game=numbers.quarter(self.continue_label))
            draw.text(surf, th, th.ellipsize(text, 13, th.px(420)), 13, pal.ink_muted, self.resume_at)
        foot = t("menu.footer")
        draw.text(surf, th, foot, 12, pal.ink_faint, (x, rect.bottom - th.px(32)))

    # ----- actions ----------------------------------------------------------------------------------

    def on_continue(self) -> None:
        if self.continue_path is not None:
            open_save(self.app, self.continue_path)

    def on_new(self) -> None:
        from game.ui.scenes.newgame import NewGameScene

        self.app.switch(NewGameScene(self.app))

    def on_load(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.switch(LoadScene(self.app, back=lambda: MenuScene(self.app)))

    def on_settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.switch(SettingsScene(self.app, back=lambda: MenuScene(self.app)))

    def on_sources(self) -> None:
        from game.ui.scenes.sources import SourcesScene

        if self.scenario is None:
            show_message(self.app, t("sources.title"), t("sources.none"), "bad")
            return
        self.app.switch(SourcesScene(self.app, self.scenario, back=lambda: MenuScene(self.app)))


class MenuScene(Scene):
    def __init__(self, app: App):
        super().__init__(app)
        self.push(MenuLayer(app))

