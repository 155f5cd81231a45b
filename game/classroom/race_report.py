"""The race debrief's pages: charts (PNG), an A4 PDF and a self-contained HTML page.

Drawn with the one-lab debrief's styles (charts.py's palette and matplotlib settings, report.py's
column writer, CSS and embedded images), so both debriefs read alike.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from game.classroom import charts
from game.classroom.charts import (
    AMBER,
    BLUE,
    GRID,
    INK,
    MUTED,
    PURPLE,
    RED,
    RESULT_COLOURS,
    TEAL,
    plt,
)
from game.classroom.race_debrief import KEY_MOVES, R, RaceDebrief, chips
from game.classroom.report import A4, CSS, _Column, _img
from game.text import numbers
from game.text.catalog import language, t
from game.text.numbers import figure_unit

LAB_COLOURS = (BLUE, AMBER, TEAL, PURPLE)
C = "classroom.class_report.race"


def colour(seat: int) -> str:
    return LAB_COLOURS[seat % len(LAB_COLOURS)]


# ----------------------------------------------------------------------------- words


def headline(rd: RaceDebrief) -> str:
    if rd.collapsed:
        return t(f"{R}.headline.collapsed", lab=rd.lab_name)
    if rd.outcome == "won":
        return t(f"{R}.headline.won", lab=rd.lab_name)
    if rd.winner_name is None and not rd.finished:
        return t(f"{R}.headline.unfinished", lab=rd.lab_name, quarter=numbers.quarter(rd.quarter_labels[-1]))
    if rd.winner_name is None:
        return t(f"{R}.headline.no_winner", lab=rd.lab_name)
    return t(f"{R}.headline.lost", lab=rd.lab_name, winner=rd.winner_name)


def meta_line(rd: RaceDebrief) -> str:
    who = f"{rd.player} · " if rd.player else ""
    return t(f"{R}.meta", who=who, seed=rd.seed, labs=len(rd.labs), first=numbers.quarter(rd.quarter_labels[0]),
             last=numbers.quarter(rd.quarter_labels[-1]), scenario=rd.scenario_id, date=rd.made_at[:10])


def fate_line(rd: RaceDebrief) -> str:
    low, when = rd.fate_low()
    n = numbers.number
    return t(f"{R}.fate_line", name=rd.fate_name, start=n(rd.fate[0], ".1f"), end=n(rd.fate[-1], ".1f"), low=n(low, ".1f"),
             when=rd.when(when), collapse=n(rd.collapse_at, ".1f"))


def column_label(rd: RaceDebrief, i: int) -> str:
    """A quarter's column: 'start', then each quarter's label."""
    return t(f"{R}.start") if i == 0 else numbers.quarter(rd.quarter_labels[i])


def ending(s) -> str:
    return s.ending_title or t(f"{R}.unfinished")


def _lab_name(rd: RaceDebrief, s) -> str:
    return s.name + (t(f"{R}.yours") if s.id == rd.lab else "")


def _moves_of(moves, limit: int | None = None) -> list[str]:
    out = []
    for mv in moves[:limit]:
        text = f"{mv.label} ({mv.outcome})" if mv.outcome else mv.label
        out.append(t("common.labelled", label=numbers.quarter(mv.quarter), text=text))
    return out


def _pool_header(pid: str, name: str, kind: str) -> str:
    return t(f"{R}.col_pool_{kind}", name=name)


def _pool_value(kind: str, v: float) -> str:
    return numbers.money(v) if kind == "capital" else numbers.number(round(v), ",")


# ----------------------------------------------------------------------------- charts


def _style(ax: Axes, rd: RaceDebrief, ylabel: str = "") -> None:
    x = np.arange(len(rd.quarter_labels))
    step = max(1, (len(x) + 8) // 9)
    ax.set_xticks(x[::step], [re.sub("[ \u00a0]", "\n", column_label(rd, i), count=1) for i in x[::step]])
    ax.set_xticks(x, minor=True)
    ax.set_xlim(-0.3, max(len(x) - 1, 1) + 0.3)
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: numbers.localise(f"{v:,.10g}")))
    for tick in ax.get_xticklabels():
        tick.set_fontsize(6.5)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=8, color=MUTED)


def plot_labs(ax: Axes, rd: RaceDebrief, key: str, title: str) -> None:
    """One figure of every lab over the quarters, each in its colour, the team's lab bold."""
    for s in rd.labs:
        mine = s.id == rd.lab
        v = s.figures[key]
        ax.plot(np.arange(len(v)), v, color=colour(s.seat), linewidth=3.0 if mine else 1.4, alpha=1.0 if mine else 0.8,
                label=_lab_name(rd, s), zorder=4 if mine else 3, marker="o" if mine else None, markersize=3)
    _style(ax, rd, figure_unit("$B"))
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=True, facecolor="white", edgecolor="none", framealpha=0.9)


def plot_fate(ax: Axes, rd: RaceDebrief) -> None:
    """The common fate over the quarters, with its collapse line and its lowest point."""
    x = np.arange(len(rd.fate))
    ax.plot(x, rd.fate, color=INK, linewidth=2.4, label=rd.fate_name, marker="o", markersize=3)
    ax.axhline(rd.collapse_at, color=RED, linewidth=1.2, linestyle="--")
    ax.text(0, rd.collapse_at, " " + t(f"{R}.collapse_line", value=numbers.number(rd.collapse_at, ".1f")), color=RED,
            fontsize=7, va="bottom", ha="left")
    low, i = rd.fate_low()
    ax.plot([i], [low], marker="v", color=RED, markersize=8, zorder=5)
    left = i < len(rd.fate) / 2  # the label on the side with room, never past the edge
    ax.annotate(t(f"{R}.lowest", value=numbers.number(low, ".1f")), (i, low), xytext=(8 if left else -8, -3), textcoords="offset points",
                ha="left" if left else "right", va="top", fontsize=7, color=RED)
    ax.set_ylim(min(rd.collapse_at, low) - 1.2, 10.3)
    _style(ax, rd, t(f"{R}.out_of_ten"))
    ax.set_title(textwrap.fill(t(f"{R}.chart_fate", name=rd.fate_name), 52))


def plot_standings(ax: Axes, rd: RaceDebrief) -> None:
    """The standings table: place, lab, who played it, how it ended, valuation and cash."""
    ax.axis("off")
    cols = [t(f"{R}.col_place"), t(f"{C}.col_lab"), t(f"{C}.col_played_by"), t(f"{C}.col_ending"),
            numbers.label("valuation_busd"), numbers.label("cash_busd")]
    rows = []
    for s in sorted(rd.labs, key=lambda s: s.place):
        rows.append([str(s.place), _lab_name(rd, s), s.played_by, ending(s),
                     numbers.value("valuation_busd", s.figures["valuation_busd"][-1]), numbers.value("cash_busd", s.figures["cash_busd"][-1])])
    rows = [[textwrap.shorten(c, 40, placeholder="…") for c in r] for r in rows]
    table = ax.table(cellText=rows, colLabels=cols, loc="upper left", cellLoc="left", colLoc="left",
                     colWidths=[0.06, 0.30, 0.13, 0.27, 0.12, 0.12])
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    for (r, c), cell in table.get_celld().items():
        cell.set_edgecolor(GRID)
        cell.set_height(1.0 / (len(rows) + 1))  # the table fills its axes, whatever their size
        if r == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#f9fafb")
        elif rows[r - 1][1].startswith(rd.lab_name) and rd.team_lab.place == r:
            cell.set_facecolor("#eef2ff")
        if r > 0 and c == 1:
            cell.get_text().set_color(colour(sorted(rd.labs, key=lambda s: s.place)[r - 1].seat))
    ax.set_title(t(f"{R}.chart_standings"))


def race_charts(rd: RaceDebrief, out: Path) -> dict[str, Path]:
    paths = {}
    for key, name in (("valuation_busd", "valuation"), ("cash_busd", "cash")):
        fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
        plot_labs(ax, rd, key, t(f"{R}.chart_{name}"))
        paths[name] = charts._save(fig, out / f"race_{name}.png")
    if rd.fate_name:
        fig, ax = plt.subplots(figsize=(9, 3.6), layout="constrained")
        plot_fate(ax, rd)
        paths["fate"] = charts._save(fig, out / "race_fate.png")
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.45 * len(rd.labs)), layout="constrained")
    plot_standings(ax, rd)
    paths["standings"] = charts._save(fig, out / "race_standings.png")
    return paths


# ----------------------------------------------------------------------------- PDF


def write_race_pdf(rd: RaceDebrief, path: Path) -> Path:
    """The race debrief on A4: the outcome, the standings, three charts, then the shared
    supplies, the common fate and the lessons; on a second page each team's key moves."""
    from matplotlib.backends.backend_pdf import PdfPages

    pages = []
    fig = plt.figure(figsize=A4)
    pages.append(fig)
    colour_ = RESULT_COLOURS.get(rd.outcome, MUTED)
    fig.text(0.05, 0.975, t(f"{R}.title", title=rd.title), fontsize=15, fontweight="bold", va="top")
    fig.text(0.05, 0.952, meta_line(rd), fontsize=7.5, color=MUTED, va="top")
    fig.text(0.05, 0.936, headline(rd), fontsize=12, fontweight="bold", color=colour_, va="top")
    with plt.rc_context({"font.size": 6.3, "axes.titlesize": 7.8, "legend.fontsize": 5.6}):
        plot_standings(fig.add_axes((0.05, 0.835, 0.90, 0.065)), rd)
        plot_labs(fig.add_axes((0.07, 0.6, 0.40, 0.19)), rd, "valuation_busd", t(f"{R}.chart_valuation"))
        plot_labs(fig.add_axes((0.57, 0.6, 0.40, 0.19)), rd, "cash_busd", t(f"{R}.chart_cash"))
        if rd.fate_name:
            plot_fate(fig.add_axes((0.07, 0.385, 0.40, 0.15)), rd)

    def next_page():
        """The second page: the key moves."""
        if len(pages) < 2:
            pages.append(plt.figure(figsize=A4))
        return pages[1], 0.97

    right = _Column(fig, 0.52, 0.555, 0.345, 66, rest_in="report.html")
    right.heading(t(f"{R}.shared_title"))
    for s in rd.labs:
        right.para(_shared_sentence(rd, s), size=6.3, first="• ", indent="   ")

    col = _Column(fig, 0.05, 0.33, 0.03, 125, rest_in="report.html")
    if rd.fate_name:
        col.heading(t(f"{R}.fate_title"))
        col.para(fate_line(rd), size=6.5)
    col.heading(t(f"{R}.lessons_title"))
    for title, text in rd.lessons:
        col.line(title, size=7.0, weight="bold")
        col.para(text, size=6.5, first="   ", indent="   ", colour="#374151")
    col.para(t(f"{R}.what_if"), size=6.2, colour=MUTED, style="italic")
    # page two: each team's key moves, two columns
    page, top = next_page()
    page.text(0.05, top, t(f"{R}.moves_title"), fontsize=12, fontweight="bold", va="top")
    page.text(0.05, top - 0.02, meta_line(rd), fontsize=7.5, color=MUTED, va="top")
    labs = sorted(rd.labs, key=lambda s: s.place)
    half = (len(labs) + 1) // 2
    for part, x in ((labs[:half], 0.05), (labs[half:], 0.52)):
        moves_col = _Column(page, x, top - 0.045, 0.03, 62)
        for s in part:
            moves_col.line(f"{_lab_name(rd, s)} ({s.played_by})", size=8.0, weight="bold", colour=colour(s.seat), step=0.016)
            key = rd.key_moves(s)
            for m in _moves_of(key, KEY_MOVES) or [t(f"{R}.no_moves")]:
                moves_col.para(m, size=6.8, first="– ", indent="   ", colour="#374151")
            if len(key) > KEY_MOVES:
                moves_col.para(t(f"{R}.more_moves", n=len(key) - KEY_MOVES), size=6.3, first="   ", colour=MUTED)
            moves_col.gap(0.012)
    with PdfPages(path) as pdf:
        for f in pages:
            pdf.savefig(f, facecolor="white")
            plt.close(f)
    return path


def _shared_sentence(rd: RaceDebrief, s) -> str:
    parts = [t(f"{R}.took_chips", chips=chips(s.chips_m))]
    for pid, name, kind in rd.pools:
        v = s.pools.get(pid, 0.0)
        if v > 0:
            parts.append(t(f"{R}.took_pool", name=name, what=_pool_value(kind, v)))
    if s.sold_out:
        parts.append(t(f"{R}.found_sold_out", count=s.sold_out, n=s.sold_out))
    if s.dearer:
        parts.append(t(f"{R}.found_dearer", count=s.dearer, n=s.dearer, pct=numbers.percent(s.dearer_pct / 100)))
    return t("common.labelled", label=s.name, text=t("common.semicolon").join(parts))


# ----------------------------------------------------------------------------- HTML


def write_race_html(rd: RaceDebrief, pngs: dict[str, Path], path: Path) -> Path:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language() if language() != "pseudo" else "en")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(t(f'{R}.title', title=rd.title))}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(t(f'{R}.title', title=rd.title))}</h1>",
        f'<div class="meta">{e(meta_line(rd))}</div>',
        f'<div class="outcome {e(rd.outcome)}">{e(headline(rd))}</div>',
    ]
    me = rd.team_lab
    out.append(f"<p>{e(t(f'{R}.your_ending', lab=me.name, ending=ending(me), place=me.place, labs=len(rd.labs)))}</p>")
    out.append(f'<p class="small">{e(t(f"{R}.what_if"))}</p>')

    out.append(f"<h2>{e(t(f'{R}.side_by_side'))}</h2>")
    out.append(_img(pngs["standings"], t(f"{R}.chart_standings")))
    keys = ("valuation_busd", "cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "power_gw_online", "chips_m",
            "scrutiny", "credibility", "trust")
    head = "".join(f'<th class="num">{e(_figure_label(k))}</th>' for k in keys)
    out.append(f"<table><tr><th>{e(t(f'{R}.col_place'))}</th><th>{e(t(f'{C}.col_lab'))}</th><th>{e(t(f'{C}.col_played_by'))}</th>"
               f"<th>{e(t(f'{C}.col_ending'))}</th>{head}</tr>")
    for s in sorted(rd.labs, key=lambda s: s.place):
        cells = "".join(f'<td class="num">{e(_figure_value(k, s.figures[k][-1]))}</td>' for k in keys)
        style = ' style="background:#eef2ff"' if s.id == rd.lab else ""
        out.append(f'<tr{style}><td>{s.place}</td><td style="color:{colour(s.seat)}"><b>{e(_lab_name(rd, s))}</b></td>'
                   f"<td>{e(s.played_by)}</td><td>{e(ending(s))}</td>{cells}</tr>")
    out.append("</table>")
    out.append(_img(pngs["valuation"], t(f"{R}.chart_valuation")))
    out.append(_img(pngs["cash"], t(f"{R}.chart_cash")))
    out.append(f"<details><summary>{e(t(f'{R}.by_quarter'))}</summary>")
    for k in keys:
        ths = "".join(f'<th class="num">{e(column_label(rd, i))}</th>' for i in range(len(rd.quarter_labels)))
        out.append(f"<h3>{e(_figure_label(k))}</h3><table><tr><th>{e(t(f'{C}.col_lab'))}</th>{ths}</tr>")
        for s in rd.labs:
            tds = "".join(f'<td class="num">{e(_figure_value(k, v))}</td>' for v in s.figures[k])
            out.append(f"<tr><td>{e(s.name)}</td>{tds}</tr>")
        out.append("</table>")
    out.append("</details>")

    out.append(f"<h2>{e(t(f'{R}.shared_title'))}</h2><p>{e(t(f'{R}.shared_intro'))}</p>")
    pool_heads = "".join(f'<th class="num">{e(_pool_header(*p))}</th>' for p in rd.pools)
    out.append(f"<table><tr><th>{e(t(f'{C}.col_lab'))}</th><th class=\"num\">{e(t(f'{R}.col_chips'))}</th>{pool_heads}"
               f"<th class=\"num\">{e(t(f'{R}.col_sold_out'))}</th><th class=\"num\">{e(t(f'{R}.col_dearer'))}</th></tr>")
    for s in rd.labs:
        pools = "".join(f'<td class="num">{e(_pool_value(kind, s.pools.get(pid, 0.0)))}</td>' for pid, _n, kind in rd.pools)
        out.append(f"<tr><td>{e(s.name)}</td><td class=\"num\">{e(chips(s.chips_m))}</td>{pools}"
                   f"<td class=\"num\">{s.sold_out}</td><td class=\"num\">{s.dearer}</td></tr>")
    out.append("</table>")

    if rd.fate_name:
        out.append(f"<h2>{e(t(f'{R}.fate_title'))}</h2><p>{e(fate_line(rd))}</p>")
        if "fate" in pngs:
            out.append(_img(pngs["fate"], t(f"{R}.chart_fate", name=rd.fate_name)))
        out.append(f"<table><tr><th>{e(t(f'{C}.col_lab'))}</th><th class=\"num\">{e(t(f'{R}.col_incidents'))}</th>"
                   f"<th class=\"num\">{e(t(f'{R}.col_rushed'))}</th><th class=\"num\">{e(t(f'{R}.col_fate_points'))}</th></tr>")
        for s in rd.labs:
            out.append(f"<tr><td>{e(s.name)}</td><td class=\"num\">{s.incidents}</td><td class=\"num\">{s.rushed}</td>"
                       f"<td class=\"num\">{e(numbers.number(s.fate_points, '.1f'))}</td></tr>")
        out.append("</table>")

    out.append(f"<h2>{e(t(f'{R}.lessons_title'))}</h2>")
    for title, text in rd.lessons:
        out.append(f'<div class="lesson"><b>{e(title)}</b>{e(text)}</div>')

    out.append(f'<h2 class="pagebreak">{e(t(f"{R}.moves_title"))}</h2>')
    for s in sorted(rd.labs, key=lambda s: s.place):
        out.append(f'<h3 style="color:{colour(s.seat)}">{e(_lab_name(rd, s))} ({e(s.played_by)})</h3>')
        moves = _moves_of(rd.key_moves(s)) or [t(f"{R}.no_moves")]
        out.append("<ul>" + "".join(f"<li>{e(m)}</li>" for m in moves) + "</ul>")
        if len(s.moves) > len(rd.key_moves(s)):
            every = "".join(f"<li>{e(m)}</li>" for m in _moves_of(s.moves))
            out.append(f"<details><summary>{e(t(f'{R}.every_move', n=len(s.moves)))}</summary><ul>{every}</ul></details>")
    out.append(f'<p class="small">{e(t(f"{R}.footer", made=rd.made_at))}</p>')
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _figure_label(key: str) -> str:
    return t("classroom.series.chips_m") if key == "chips_m" else numbers.label(key)


def _figure_value(key: str, v: float) -> str:
    return numbers.value("rented_chips_m" if key == "chips_m" else key, v)
