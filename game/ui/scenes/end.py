"""The end of a campaign: won or lost and why, the main tracks charted, and what next.

A finished game writes a result file for the teacher (game.classroom.results) into
<data folder>/results/, named after the player or team; the name can be typed on this screen
(it is optional and remembered in the settings) and the file is rewritten with it.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import datetime
from pathlib import Path

import pygame
import pygame_gui

from game.core.session import Game
from game.saves.store import data_dir
from game.scenario.schema import quarter_index
from game.text import numbers
from game.text.catalog import FALLBACK, speaking
from game.text.words import words_for
from game.ui import board, charts, draw, panels
from game.ui.app import App, Scene
from game.ui.hooks import debrief_opener
from game.ui.i18n import t
from game.ui.library import new_game
from game.ui.scenes.common import add_button, show_message
from game.ui.widgets import Layer, Tip, TipLine, Widget

NAME_CHARS = 40


def results_dir() -> Path:
    """Where finished games leave their result files for the teacher."""
    return data_dir() / "results"


def slug(text: str, limit: int = 32) -> str:
    """A file-name-safe form of a name: 'Team Ada!' -> 'team-ada'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")


def result_file_name(game: Game, player: str, stamp: str) -> str:
    """'<name>-<scenario>-<when>.json', or with the seed when there is no name."""
    who = slug(player) or f"seed{game.seed}"
    return f"{who}-{slug(game.scenario.meta.id, 40) or 'scenario'}-{stamp}.json"


def short_path(th, path: str, size: float, width: int, weight: str = "regular") -> str:
    """A path cut from the left until it fits: '…/results/ada-the_burn-20250101.json'."""
    if th.text_width(path, size, weight) <= width:
        return path
    parts = Path(path).parts
    for k in range(1, len(parts)):
        trial = "…/" + "/".join(parts[k:])
        if th.text_width(trial, size, weight) <= width:
            return trial
    return th.ellipsize(parts[-1], size, width, weight)


def campaign_series(game: Game) -> tuple[list[dict[str, float]], list[str]]:
    """The figures at the start and at the end of every finished quarter, with year labels."""
    points = [panels.start_values(game)]
    labels = [str(game.c.year_of(0))]
    for rec in game.quarters:
        if rec.tracks:
            points.append(rec.tracks)
            q = rec.turn + 1
            labels.append(str(game.c.year_of(q)) if game.c.quarter_of(q) == 1 else "")
    return points, labels


def _takes(fn, name: str) -> bool:
    """Whether a function accepts a keyword argument called `name`."""
    import inspect

    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def clear_debrief_toast(app: App) -> None:
    """Take the 'Writing the debrief' message off the screen (done, or the screen was left)."""
    busy = t("end.debrief_busy")
    app.toasts = [x for x in app.toasts if x[0] != busy]
    app.mark_dirty()


class EndLayer(Layer):
    modal = False
    name = "end"

    def __init__(self, app: App, game: Game, scenario_path: str | None):
        super().__init__(app)
        self.game = game
        self.scenario_path = scenario_path
        self.box = pygame.Rect(0, 0, 1, 1)
        self.entry: pygame_gui.elements.UITextEntryLine | None = None
        self.name_text = app.settings.player_name[:NAME_CHARS]
        self.name_rect = pygame.Rect(0, 0, 1, 1)
        self.status_rect = pygame.Rect(0, 0, 1, 1)
        self.result_path: Path | None = None
        self.result_name: str | None = None  # the name in the file last written
        self.result_error = ""
        self.stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self.debrief_running = False
        self.debrief_path: Path | None = None
        self._name_focused = False

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        m = th.px(32)
        self.box = rect.inflate(-2 * m, -2 * m)
        bh = th.px(50)
        y = self.box.bottom - th.px(28) - bh
        self._build_result_row(y - th.px(20) - th.px(44))
        x = self.box.right - th.px(36)
        buttons = [
            # no Enter for this one: a player still tapping Enter from the last quarter would skip
            # the end screen (and the team's name) straight into a new game
            ("end.again", t("end.play_again"), self.play_again, "play", "primary", pygame.K_a),
            ("end.new", t("end.new_campaign"), self.new_campaign, "card", "paper", pygame.K_n),
            ("end.menu", t("end.menu"), self.menu, "menu", "paper", pygame.K_ESCAPE),
        ]
        if debrief_opener() is not None:
            label = t("end.debrief_working") if self.debrief_running else t("end.debrief_show") if self.debrief_path is not None else t("end.debrief")
            buttons.insert(1, ("end.debrief", label, self.debrief, "clock" if self.debrief_running else "book", "paper", pygame.K_d))
        for wid, label, fn, icon, style, key in buttons:
            w = max(th.px(200), th.text_width(label, 15, "semibold") + th.px(110))
            tip = (lambda: Tip(t("end.play_again"), [TipLine(t("end.play_again_help"))])) if wid == "end.again" else None
            add_button(self, wid, pygame.Rect(x - w, y, w, bh), label, fn, icon=icon, style=style, hotkey=key, tooltip=tip)
            x -= w + th.px(12)
        self.buttons_left = x

    def _build_result_row(self, y: int) -> None:
        """The player's or team's name, a button to write the result, and where it went."""
        th = self.app.theme
        x = self.box.x + th.px(44)
        label_w = th.text_width(t("end.name_label"), 14, "semibold") + th.px(14)
        h = th.px(44)
        self.name_rect = pygame.Rect(x + label_w, y, th.px(300), h)
        if self.entry is not None:
            self.name_text = self.entry.get_text()
            self.entry.kill()
        self.app.gui.clear_and_reset()
        self.entry = pygame_gui.elements.UITextEntryLine(self.name_rect, manager=self.app.gui)  # placeholder: draw_over_gui
        self.entry.length_limit = NAME_CHARS
        self.entry.set_text(self.name_text)
        field = add_button(self, "end.name", self.name_rect.copy(), "", self.focus_name, style="ghost", tooltip=lambda: Tip(t("end.name_label"), [TipLine(t("end.name_help"))]))
        field.paint = self._paint_name_focus
        bw = max(th.px(190), th.text_width(t("end.save_result"), 15, "semibold") + th.px(60))
        add_button(self, "end.save_result", pygame.Rect(self.name_rect.right + th.px(10), y, bw, h), t("end.save_result"), self.save_result, icon="save", style="paper", tooltip=lambda: Tip(t("end.save_result"), [TipLine(t("end.save_result_help", folder=str(results_dir())))], width=440))
        self.status_rect = pygame.Rect(self.name_rect.right + th.px(10) + bw + th.px(16), y, self.box.right - th.px(44) - (self.name_rect.right + th.px(26) + bw), h)

    def draw_over_gui(self, surf: pygame.Surface) -> None:
        """The empty name field's placeholder, muted and in italics so it never looks typed."""
        entry = self.entry
        if entry is None or entry.get_text() or entry.is_focused:
            return
        th = self.app.theme
        r = self.name_rect
        text = th.ellipsize(t("end.name_placeholder"), 14, r.w - th.px(24), "italic")
        draw.text(surf, th, text, 14, th.palette.ink_faint, (r.x + th.px(12), r.centery), anchor="midleft", weight="italic")

    def _paint_name_focus(self, surf: pygame.Surface, w: Widget) -> None:
        if w.focused:
            draw.focus_ring(surf, self.app.theme, w.rect, 8)

    def focus_name(self) -> None:
        entry = self.entry
        if entry is None or entry.is_focused:
            return
        entry.focus()
        self.app.gui.set_focus_set(entry)
        self._name_focus_changed()

    def _name_focus_changed(self) -> None:
        """Coming into the name field (by click or key), the remembered name is selected, so
        a new team's typing replaces it; a click inside the field once there places the cursor."""
        entry = self.entry
        focused = entry is not None and entry.is_focused
        if focused and not self._name_focused:
            n = len(entry.get_text())
            entry.select_range = [0, n]
            entry.edit_position = n
        self._name_focused = focused

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        self._name_focus_changed()

    def typed_name(self) -> str:
        text = self.entry.get_text() if self.entry is not None else self.name_text
        return " ".join(text.split())[:NAME_CHARS]

    def save_result(self) -> Path | None:
        """Write (or rewrite, under the name now typed) the result file; remember the name."""
        from game.classroom.results import ResultError, write_result

        name = self.typed_name()
        if name != self.app.settings.player_name:
            self.app.settings.player_name = name
            self.app.save_settings()
        path = results_dir() / result_file_name(self.game, name, self.stamp)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with speaking(FALLBACK):  # a result file reads the same whatever the player's language
                written = Path(write_result(self.game, path, player=name, scenario_path=self.scenario_path))
        except (ResultError, OSError) as e:
            self.result_error = t("end.result_failed", why=str(e))
            self.app.toast(self.result_error, "bad")
            return None
        old = self.result_path
        if old is not None and old != written:
            old.unlink(missing_ok=True)  # the same game, renamed: one file, not two
        self.result_path, self.result_name, self.result_error = written, name, ""
        if self.status_rect.w < self.app.theme.px(200):  # no room to say it on the page
            self.app.toast(t("end.result_written", path=str(written)), "good")
        self.app.mark_dirty()
        return written

    def unsaved_name(self) -> bool:
        """A name typed after the result was written (saved when the screen is left)."""
        return self.result_path is not None and self.typed_name() != self.result_name

    def handle_key(self, event: pygame.event.Event) -> None:
        if self.entry is not None and self.entry.is_focused:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.entry.unfocus()
                self.save_result()
                return
            if event.key in (pygame.K_TAB, pygame.K_ESCAPE):
                self.entry.unfocus()
                if event.key == pygame.K_ESCAPE:
                    return
        super().handle_key(event)

    def default_focus(self) -> str | None:
        return None  # nothing for a stray Enter to set off; Tab reaches every button

    def play_again(self) -> None:
        from game.ui.scenes.play import GameScene

        game = new_game(self.game.scenario, secrets.randbelow(1_000_000))
        self.app.switch(GameScene(self.app, game, self.scenario_path))

    def new_campaign(self) -> None:
        from game.ui.scenes.newgame import NewGameScene

        self.app.switch(NewGameScene(self.app))

    def menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.app.switch(MenuScene(self.app))

    def on_escape(self) -> bool:
        self.menu()
        return True

    def debrief(self) -> None:
        """Write and open the debrief in the background (it replays the game across a thousand
        worlds and draws its charts: seconds on a school laptop), the window staying alive."""
        opener = debrief_opener()
        if opener is None:
            return
        if self.debrief_running:
            self.app.toast(t("end.debrief_busy"), "info")
            return
        if self.debrief_path is not None and self.debrief_path.exists():
            self.show_debrief()  # written already: where it is, and how to open it
            return
        self.debrief_running = True
        self.app.toast(t("end.debrief_busy"), "info")
        self.rebuild()
        game = self.game
        if _takes(opener, "open_report"):
            # write it here, open it from the dialog: a browser that never answers (or a
            # console one that waits for the terminal) must not leave the screen "writing"
            self.app.run_in_background(lambda: opener(game, open_report=False), self._debrief_done)
        else:
            self.app.run_in_background(lambda: opener(game), self._debrief_done)

    def _debrief_done(self, result: object, error: BaseException | None) -> None:
        self.debrief_running = False
        clear_debrief_toast(self.app)
        here = self in self.app.scene.layers
        if here:
            self.rebuild()
        if error is not None:  # the debrief is another module's; keep playing
            message = t("end.debrief_failed", why=str(error))
            if self.app.scene.top is self:
                show_message(self.app, t("end.debrief"), message, "bad")
            elif here:
                self.app.toast(message, "bad")
            return
        if not isinstance(result, str | Path):
            return
        self.debrief_path = Path(result)
        if self.app.scene.top is self:
            self.show_debrief()
        elif here:
            self.app.toast(t("end.debrief_written", path=str(result)), "good")

    def show_debrief(self) -> None:
        """Where the debrief was written, with ways to open it or copy its path."""
        path = self.debrief_path
        if path is None:
            return
        buttons = [(t("end.debrief_copy"), self.copy_debrief_path), (t("end.debrief_open"), self.open_debrief_file), (t("common.close"), None)]
        show_message(self.app, t("end.debrief_ready"), t("end.debrief_where", path=str(path)), "good", buttons)

    def copy_debrief_path(self) -> bool:
        path = self.debrief_path
        if path is None:
            return False
        try:
            pygame.scrap.put_text(str(path))
        except (pygame.error, AttributeError):
            self.app.toast(t("end.copy_failed", path=str(path)), "bad")
            return False
        self.app.toast(t("end.copied", path=str(path)), "good")
        return True

    def open_debrief_file(self) -> None:
        """Open the report in a browser, off the main thread; say so when none opens."""
        path = self.debrief_path
        if path is None:
            return
        app = self.app

        def work() -> bool:
            import webbrowser

            return bool(webbrowser.open(path.resolve().as_uri()))

        def done(result: object, error: BaseException | None) -> None:
            if error is not None or not result:
                app.toast(t("end.no_browser", path=str(path)), "bad")

        app.run_in_background(work, done)

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.game
        board.backdrop(surf, th, g.scenario)
        draw.paper(surf, th, self.box, radius=18)
        x = self.box.x + th.px(44)
        y = self.box.y + th.px(36)
        won = g.outcome == "won"
        icon = "trophy" if won else "warning"
        colour = pal.good_on_paper if won else pal.bad_on_paper
        draw.icon(surf, icon, (x + th.px(22), y + th.px(26)), th.px(44), colour, pal.paper)
        head = t("end.won") if won else t("end.lost")
        r = draw.text(surf, th, head, 44, pal.ink, (x + th.px(60), y - th.px(6)), family="serif")
        words = words_for(g)
        title = words.ending_title(g.outcome_id)
        draw.text(surf, th, t("end.when", title=title, date=numbers.quarter(g.date)), 16, colour, (r.right + th.px(20), r.centery + th.px(4)), anchor="midleft", weight="semibold")
        reason = words.ending_text(g.outcome_id)  # what happened, in the scenario's words
        y = r.bottom + th.px(8)
        decided = panels.decided_by(g)  # which goal or ending it was, with the figures
        if decided:
            y = draw.paragraph(surf, th, decided, 16, pal.ink, x + th.px(60), y, self.box.w - th.px(160), weight="semibold", max_lines=3)
        y = draw.paragraph(surf, th, reason, 14 if decided else 16, pal.ink_soft if decided else pal.ink, x + th.px(60), y, self.box.w - th.px(160), max_lines=2)
        self._draw_figures(surf, x + th.px(60), y + th.px(8))
        top = y + th.px(56)
        bottom = self.name_rect.y - th.px(24)
        area = pygame.Rect(x, top, self.box.w - th.px(88), bottom - top)
        self._draw_charts(surf, area)
        self._draw_result_row(surf)
        self.draw_widgets(surf)
        seed = t("end.seed", seed=g.seed, quarters=len([q for q in g.quarters if q.tracks]))
        room = self.buttons_left - x - th.px(12)
        if room > th.px(80):
            draw.text(surf, th, th.ellipsize(seed, 12, room), 12, pal.ink_soft, (x, self.box.bottom - th.px(53)), anchor="midleft")

    def _draw_result_row(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        x = self.box.x + th.px(44)
        pygame.draw.line(surf, pal.paper_edge, (x, self.name_rect.y - th.px(12)), (self.box.right - th.px(44), self.name_rect.y - th.px(12)), th.stroke(1))
        draw.text(surf, th, t("end.name_label"), 14, pal.ink, (x, self.name_rect.centery), anchor="midleft", weight="semibold")
        r = self.status_rect
        if r.w < th.px(60):
            return
        if self.result_error:
            lines = [(self.result_error, pal.bad_on_paper, "semibold")]
        elif self.result_path is not None:
            lines = [(t("end.result_saved"), pal.good_on_paper, "semibold"), (str(self.result_path), pal.ink, "regular")]
        else:
            lines = [(t("end.result_not_saved"), pal.ink_soft, "regular")]
        lh = th.line_height(13, "semibold")
        y = r.centery - lh * len(lines) // 2
        icon = "warning" if self.result_error else "check" if self.result_path is not None else "save"
        draw.icon(surf, icon, (r.x + th.px(9), r.centery), th.px(18), lines[0][1], pal.paper)
        tx = r.x + th.px(26)
        for text, colour, weight in lines:
            shown = short_path(th, text, 13, r.right - tx, weight) if text == str(self.result_path) else th.ellipsize(text, 13, r.right - tx, weight)
            draw.text(surf, th, shown, 13, colour, (tx, y), weight=weight)
            y += lh

    def _draw_figures(self, surf: pygame.Surface, x: int, y: int) -> None:
        from game.text import numbers as format

        th = self.app.theme
        pal = th.palette
        g = self.game
        for key in ("cash_busd", "revenue_busd_per_year", "power_gw_online", "chips", "own_chips_m", "valuation_busd", "equity_sold_pct"):
            label = t("end.figure_chips") if key == "chips" else format.label(key)
            # all chips in millions, as the chart beside them and the own-chips figure say it
            val = format.value("own_chips_m", g.track(key) / 1e6) if key == "chips" else format.value(key, g.track(key))
            draw.icon(surf, format.info(key).icon, (x + th.px(8), y + th.px(10)), th.px(16), pal.accent_dark, pal.paper)
            r1 = draw.text(surf, th, label, 12, pal.ink_soft, (x + th.px(22), y))
            r2 = draw.text(surf, th, val, 15, pal.ink, (x + th.px(22), y + th.px(16)), weight="bold")
            x = max(r1.right, r2.right) + th.px(30)

    def _draw_charts(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        th = self.app.theme
        pal = th.palette
        g = self.game
        points, labels = campaign_series(g)
        gap = th.px(28)
        cw = (area.w - gap) // 2
        ch = (area.h - gap) // 2
        if ch < th.px(80):
            return
        cells = [pygame.Rect(area.x + (k % 2) * (cw + gap), area.y + (k // 2) * (ch + gap), cw, ch) for k in range(4)]

        def col(name: str) -> list[float]:
            return [panels.track_from(p, name) for p in points]

        ink, amber, good, bad = pal.ink, pal.accent_dark, pal.good_on_paper, pal.bad_on_paper
        marks_money = []
        first = quarter_index(g.scenario.calendar.start)
        for h in g.scenario.history:
            x = quarter_index(h.quarter) - first + 1
            for k, v in h.tracks.items():
                if k == "revenue_busd_per_year":
                    marks_money.append(charts.Mark(x, v, t("end.history_revenue", q=numbers.quarter(h.quarter))))
        charts.line_chart(surf, th, cells[0], t("end.chart_cash"), [charts.Series(t("track.cash_busd.name"), col("cash_busd"), ink, "solid", "circle")], labels)
        charts.line_chart(
            surf, th, cells[1], t("end.chart_money"),
            [
                charts.Series(t("track.revenue_busd_per_year.name"), col("revenue_busd_per_year"), good, "solid", "circle"),
                charts.Series(t("track.spend_busd_per_year.name"), col("spend_busd_per_year"), bad, "dashed", "square"),
            ],
            labels, marks=marks_money,
        )
        charts.line_chart(
            surf, th, cells[2], t("end.chart_compute"),
            [
                charts.Series(t("end.series_chips"), [v / 1e6 for v in col("chips")], ink, "solid", "circle"),
                charts.Series(t("end.series_power"), col("power_gw_online"), amber, "dashed", "square"),
                charts.Series(t("end.series_power_needed"), col("power_gw_needed"), good, "dotted", "triangle"),
            ],
            labels,
        )
        charts.line_chart(
            surf, th, cells[3], t("end.chart_standing"),
            [
                charts.Series(t("track.scrutiny.name"), col("scrutiny"), bad, "solid", "square"),
                charts.Series(t("track.credibility.name"), col("credibility"), amber, "dashed", "circle"),
                charts.Series(t("track.trust.name"), col("trust"), good, "dotted", "triangle"),
            ],
            labels, fixed=(0, 10),
        )


class EndScene(Scene):
    """The end screen. `fresh`: the game has just finished here (not loaded), so its result
    file is written at once, under the name remembered from last time."""

    uses_gui = True

    def __init__(self, app: App, game: Game, scenario_path: str | None = None, fresh: bool = False):
        super().__init__(app)
        self.game = game
        self.end = EndLayer(app, game, scenario_path)
        self.push(self.end)
        if fresh:
            self.end.save_result()

    def leave(self) -> None:
        clear_debrief_toast(self.app)  # it must not follow the player into a new game
        if self.end.unsaved_name():
            self.end.save_result()
