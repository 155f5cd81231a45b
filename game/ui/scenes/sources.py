"""Sources: where every starting figure, constant, deal and card of a scenario comes from.

Each figure says its kind (reported, derived or assumption), each card whether it is history
(with the article that reports it) or fiction, and the years beyond the articles are named."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.scenario.articles import article_label
from game.scenario.schema import (
    ARTICLES,
    Event,
    Figure,
    Scenario,
    date_label,
    quarter_index,
    split_source,
)
from game.text import numbers as format
from game.text.catalog import language
from game.ui import board, draw
from game.ui.app import App, Scene
from game.ui.i18n import t
from game.ui.scenes.common import add_button, page_header
from game.ui.widgets import Layer, ScrollArea


def _origin_kind(fig: Figure) -> str:
    if fig.source:
        return t("sources.kind_source")
    if fig.derived:
        return t("sources.kind_derived")
    return t("sources.kind_assumption")


def _origin(fig: Figure) -> str:
    return format.plain_source(t("common.labelled", label=_origin_kind(fig), text=fig.source or fig.derived or fig.assumption))


def _text_origin(text: str) -> str:
    """A deal's, action's or card's source with its kind first: Reported, Derived or Assumption."""
    kind, body = split_source(text)
    label = {"reported": t("sources.kind_source"), "derived": t("sources.kind_derived")}.get(kind) or t("sources.kind_assumption")
    return format.plain_source(t("common.labelled", label=label, text=body))


def _card_origin(e: Event) -> str:
    """A card's tag (history, with its article, or fiction) and its source."""
    if e.truth == "reported":
        tag = t("sources.kind_card_reported", articles=", ".join(e.articles))
        return f"{tag} · {format.plain_source(e.source)}"
    return f"{t('sources.kind_card_fiction')} · {_text_origin(e.source)}"


def source_rows(s: Scenario) -> list[tuple[str, str, str, str]]:
    """(section, name, value, where it comes from) for everything with a source: first the five
    articles and the years beyond them, then every figure with its kind (reported, derived or
    assumption) and every card with its tag (history or fiction)."""
    rows: list[tuple[str, str, str, str]] = []
    for letter in ARTICLES:
        # what the article is (the catalog's words), then its French title (game.scenario.articles)
        rows.append((t("sources.articles"), t("sources.article", letter=letter), "", f"{t(f'sources.article_{letter}')} · {article_label(letter, language())}"))
    span = f"{format.quarter(date_label(quarter_index(s.calendar.start)))} – {format.quarter(date_label(quarter_index(s.calendar.end)))}"
    rows.append((t("sources.beyond"), t("sources.calendar"), span, t("sources.beyond_text")))
    for key, fig in s.start.items():
        rows.append((t("sources.start"), format.label(key), format.figure_value(fig.value, fig.unit), _origin(fig)))
    for i, fig in enumerate(s.ask_ladder):
        rows.append((t("sources.ladder"), t("sources.ask", n=i + 1), format.figure_value(fig.value, fig.unit), _origin(fig)))
    if s.buildout is not None:
        bo = s.buildout
        for key in ("vision_busd", "scaled_back_busd", "us_gdp_busd", "industry_busd_per_year", "size_weight",
                    "credibility_weight", "scale_back_credibility", "forced_credibility"):
            fig = getattr(bo, key)
            rows.append((t("sources.buildout"), format.plain_name(key), format.figure_value(fig.value, fig.unit), _origin(fig)))
        for b in bo.backers:
            rows.append((t("sources.buildout"), b.name, s.space(b.space).name, _text_origin(b.source)))
    for key, fig in s.constants.items():
        rows.append((t("sources.constants"), format.plain_name(key), format.figure_value(fig.value, fig.unit), _origin(fig)))
    if s.industry is not None:
        for key, fig in s.industry.constants.items():
            rows.append((t("sources.industry"), format.plain_name(key), format.figure_value(fig.value, fig.unit), _origin(fig)))
        for r in s.industry.rivals:
            rows.append((t("sources.rivals"), r.name, "", _text_origin(r.source)))
            for name in ("chips_m_per_quarter", "chips_growth_pct", "grid_gw_per_quarter", "grid_growth_pct"):
                fig = getattr(r, name)
                rows.append((t("sources.rivals"), f"{r.name}: {format.plain_name(name)}", format.figure_value(fig.value, fig.unit), _origin(fig)))
    for d in s.deals:
        rows.append((t("sources.deals"), d.title, s.space(d.space).name, _text_origin(d.source)))
    for p in s.products:
        rows.append((t("sources.products"), p.title, "", _text_origin(p.source)))
    hq = s.hq_actions
    for terms in (hq.operations, hq.safety_review, hq.launch_model):
        rows.append((t("sources.hq"), terms.title, "", _text_origin(terms.source)))
    for c in s.campus_sites:
        rows.append((t("sources.campuses"), c.title, s.space(c.space).name, _text_origin(c.source)))
    for e in s.events:
        rows.append((t("sources.events"), e.title, "", _card_origin(e)))
    for h in s.history:
        rows.append((t("sources.history"), h.quarter, ", ".join(f"{format.label(k)} {format.value(k, v)}" for k, v in h.tracks.items()), _text_origin(h.source)))
    return rows


class SourcesLayer(Layer):
    modal = False
    name = "sources"

    def __init__(self, app: App, scenario: Scenario, back: Callable[[], Scene]):
        super().__init__(app)
        self.scenario = scenario
        self.back_to = back
        self.rows = source_rows(scenario)
        self.lines: list[tuple[int, str, object]] = []  # (y, kind, payload)
        self.box = pygame.Rect(0, 0, 1, 1)

    def build(self, rect: pygame.Rect) -> None:
        th = self.app.theme
        left = th.px(56)
        top = th.px(170)
        self.box = pygame.Rect(left, top, rect.w - 2 * left, rect.h - top - th.px(112))
        inner_w = self.box.w - th.px(56)
        name_w = round(inner_w * 0.28)
        value_w = round(inner_w * 0.16)
        src_w = inner_w - name_w - value_w - th.px(24)
        y = th.px(16)
        self.lines = []
        section = None
        lh = th.line_height(13)
        for sec, name, value, origin in self.rows:
            if sec != section:
                section = sec
                y += th.px(10) if self.lines else 0
                self.lines.append((y, "section", sec))
                y += th.line_height(18, family="serif") + th.px(8)
            n_lines = th.wrap(name, 13, name_w, "semibold")
            v_lines = th.wrap(value, 13, value_w)
            o_lines = th.wrap(origin, 13, src_w)
            self.lines.append((y, "row", (n_lines, v_lines, o_lines, name_w, value_w)))
            y += lh * max(len(n_lines), len(v_lines), len(o_lines)) + th.px(8)
        area = ScrollArea(self.box.inflate(-th.px(8), -th.px(16)), y + th.px(16))
        self.add_area(area)
        b_h = th.px(52)
        back = pygame.Rect(0, 0, th.px(180), b_h)
        back.bottomleft = (left, rect.bottom - th.px(36))
        add_button(self, "sources.back", back, t("common.back"), self.back, hotkey=pygame.K_ESCAPE)

    def default_focus(self) -> str | None:
        return "sources.back"

    def back(self) -> None:
        self.app.switch(self.back_to())

    def on_escape(self) -> bool:
        self.back()
        return True

    def on_key(self, event: pygame.event.Event) -> bool:
        step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_HOME: -1000, pygame.K_END: 1000}.get(event.key)
        if step is not None and self.areas:
            self.areas[0].scroll_by(step * self.app.theme.px(60))
            return True
        return False

    def draw(self, surf: pygame.Surface) -> None:
        th = self.app.theme
        pal = th.palette
        board.backdrop(surf, th)
        page_header(surf, self.app, t("sources.title"), t("sources.subtitle", title=self.scenario.meta.title))
        draw.paper(surf, th, self.box, radius=14)
        area = self.areas[0]
        old = surf.get_clip()
        surf.set_clip(area.rect)
        x0 = area.rect.x + th.px(20)
        lh = th.line_height(13)
        for y, kind, payload in self.lines:
            sy = area.rect.y + y - area.offset
            if sy > area.rect.bottom or sy + th.px(200) < area.rect.y:
                continue
            if kind == "section":
                r = draw.text(surf, th, str(payload), 18, pal.ink, (x0, sy), family="serif")
                pygame.draw.line(surf, pal.accent_dark, (x0, r.bottom + th.px(2)), (x0 + th.px(40), r.bottom + th.px(2)), th.stroke(2))
                continue
            n_lines, v_lines, o_lines, name_w, value_w = payload
            for k, line in enumerate(n_lines):
                surf.blit(th.render(line, 13, pal.ink, "semibold"), (x0, sy + k * lh))
            for k, line in enumerate(v_lines):
                surf.blit(th.render(line, 13, pal.ink), (x0 + name_w + th.px(12), sy + k * lh))
            for k, line in enumerate(o_lines):
                surf.blit(th.render(line, 13, pal.ink_soft), (x0 + name_w + value_w + th.px(24), sy + k * lh))
        surf.set_clip(old)
        area.draw_bar(surf, pal.paper_edge, th.px(4))
        self.draw_widgets(surf)


class SourcesScene(Scene):
    def __init__(self, app: App, scenario: Scenario, back: Callable[[], Scene]):
        super().__init__(app)
        self.push(SourcesLayer(app, scenario, back))
