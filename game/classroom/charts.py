"""Charts of a debrief and of a class summary, drawn with matplotlib's Agg backend (no window).

Each `plot_*` function draws into an Axes it is given, so the same drawing serves the PNG files
and the one-page PDF report. `debrief_charts` and `class_charts` write the PNGs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from game.text import numbers  # noqa: E402
from game.text.catalog import t  # noqa: E402

# A palette that survives a projector and a black-and-white printer (distinct in lightness).
INK = "#1d2330"
MUTED = "#6b7280"
GRID = "#e5e7eb"
BLUE = "#1f5fbf"
RED = "#c2362b"
GREEN = "#1f8a4c"
AMBER = "#d08700"
PURPLE = "#6d3fb5"
TEAL = "#11808a"
REFERENCE = "#8b95a5"
RESULT_COLOURS = {"won": GREEN, "lost": RED, "still playing": AMBER, "unfinished": AMBER}
DPI = 120  # sharp on a projector; 150 took a third longer to draw

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.edgecolor": "#9aa3b2",
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": INK,
        "ytick.color": INK,
        "text.color": INK,
        "legend.frameon": False,
        "legend.fontsize": 8.5,
        "pdf.fonttype": 3,  # glyphs drawn into the PDF: half the time of embedding the font files
        "svg.fonttype": "none",
        "text.parse_math": False,  # "$B" is a unit here, not the start of a formula
    }
)


def _style(ax: Axes, d, ylabel: str = "") -> None:
    n = max(len(next(iter(d.series.values())).values), len(next(iter(d.series.values())).reference))
    ticks = [(x, lab) for x, lab in d.year_ticks if x < min(n, d.calendar_quarters)]
    ax.set_xticks([x for x, _ in ticks], [lab for _, lab in ticks])
    ax.set_xlim(-0.3, max(n - 1, 1) + 0.3)
    ax.set_xticks(np.arange(0, n), minor=True)  # a small tick for every quarter
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    # tick labels in the language in use: "0,05" and "1 000" in French
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: numbers.localise(f"{v:,.10g}")))
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=9, color=MUTED)
    if d.quarters_played < d.calendar_quarters:
        ax.axvline(d.quarters_played, color=MUTED, linewidth=0.8, linestyle=":")
        # named inside the plot, on the side past the team's last quarter when there is room
        # (only the dashed comparison runs there), on a white ground no line can cover
        room = n - 1 - d.quarters_played >= 1
        ax.text(
            d.quarters_played, 0.97, f" {t('classroom.chart.end')} " if room else f"{t('classroom.chart.end')} ",
            transform=ax.get_xaxis_transform(), fontsize=7, color=MUTED, ha="left" if room else "right", va="top",
            bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}, zorder=7,
        )


def _line(ax: Axes, ts, colour: str, label: str | None = None, reference: bool = True, lw: float = 2.2) -> None:
    x = np.arange(len(ts.values))
    ax.plot(x, ts.values, color=colour, linewidth=lw, label=label or ts.label, solid_capstyle="round")
    if reference and ts.reference:
        ax.plot(np.arange(len(ts.reference)), ts.reference, color=colour, alpha=0.45, linewidth=1.2, linestyle="--")
    for p in ts.reported:
        ax.plot([p.x], [p.value], marker="D", markersize=7, color=colour, markeredgecolor=INK, markeredgewidth=1.2, zorder=5)
        ax.annotate(p.when, (p.x, p.value), xytext=(6, -9), textcoords="offset points", fontsize=6.5, color=MUTED, zorder=5)


def _legend_reference(ax: Axes, d, **where) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if d.reference_bot and any(ts.reference for ts in d.series.values()):
        handles.append(plt.Line2D([], [], color=REFERENCE, linestyle="--", linewidth=1.2))
        labels.append(d.reference_label)
    if any(ts.reported for ts in d.series.values()):
        handles.append(plt.Line2D([], [], color="white", marker="D", markeredgecolor=INK, markersize=6, linestyle=""))
        labels.append(t("classroom.chart.reported"))
    ax.legend(handles, labels, **(where or {"loc": "upper left"}), framealpha=0.9, frameon=True, facecolor="white", edgecolor="none")


def chart_key(d, width: int = 70) -> str:
    """How to read the debrief's charts, as wrapped lines."""
    lines = [t("classroom.chart.key_title"), t("classroom.chart.key_solid")]
    if d.reference_bot:
        lines.append(t("classroom.chart.key_dashed", who=d.reference_label, ending=d.reference_outcome or ""))
    if d.history_sources:
        lines.append(t("classroom.chart.key_reported", sources="; ".join(d.history_sources)))
    lines += [t("classroom.chart.key_basis"), t("classroom.chart.key_band")]
    return "\n".join(textwrap.fill(x, width) for x in lines)


def has_energy(d) -> bool:
    """Whether the energy panel has anything of the team's to show."""
    return any(v > 1e-6 for k in ("power_gw_online", "power_gw_needed") for v in d.series[k].values)


def plot_money(ax: Axes, d) -> None:
    """Revenue against spending ($B a year): the gap between them is the burn."""
    rev, spend = d.series["revenue_busd_per_year"], d.series["spend_busd_per_year"]
    x = np.arange(len(rev.values))
    r, s = np.array(rev.values), np.array(spend.values)
    ax.fill_between(x, r, s, where=s >= r, color=RED, alpha=0.12, interpolate=True, linewidth=0)
    ax.fill_between(x, r, s, where=s < r, color=GREEN, alpha=0.15, interpolate=True, linewidth=0)
    _line(ax, spend, RED)
    _line(ax, rev, GREEN)
    ax.set_title(t("classroom.chart.money_title"))
    _style(ax, d, t("classroom.chart.basis"))
    ax.set_ylim(0, ax.get_ylim()[1] * 1.6)  # headroom: the legend sits above the lines
    _legend_reference(ax, d)
    first = len(s) // 2  # label the burn in the right half, away from the legend
    mid = first + int(np.argmax((s - r)[first:])) if len(s) > 2 else 0
    if len(s) > 2 and s[mid] - r[mid] > 0.15 * max(s.max(), 1e-9):
        ax.annotate(t("classroom.chart.burn"), (mid, (s[mid] + r[mid]) / 2), color=RED, fontsize=9, ha="center", va="center", fontweight="bold")


def plot_cash(ax: Axes, d, numbered: bool = True) -> None:
    """Cash in the bank, with the key decisions numbered where they happened."""
    cash = d.series["cash_busd"]
    _line(ax, cash, BLUE)
    ax.axhline(0, color=RED, linewidth=1.0)
    ax.set_title(t("classroom.chart.cash_title"))
    _style(ax, d, numbers.figure_unit("$B"))
    if numbered:
        v = cash.values
        seen: dict[int, int] = {}
        for i, k in enumerate(d.key_decisions, start=1):
            j = seen.get(k.turn, 0)
            seen[k.turn] = j + 1
            x = k.turn + 0.3 + 0.4 * j  # decisions of the same quarter side by side
            f = min(x - k.turn, 1.0)
            y = v[k.turn] * (1 - f) + v[min(k.turn + 1, len(v) - 1)] * f
            ax.annotate(
                str(i), (x, y), fontsize=7.5, color="white", ha="center", va="center", fontweight="bold",
                bbox={"boxstyle": "circle,pad=0.25", "fc": INK, "ec": "none"}, zorder=6,
            )


def plot_power(ax: Axes, d) -> None:
    """Power online against the power the lab's own chips need."""
    _line(ax, d.series["power_gw_needed"], AMBER, t("classroom.chart.power_needed"), reference=False)
    _line(ax, d.series["power_gw_online"], TEAL, t("classroom.chart.power_online"))
    ax.set_title(t("classroom.chart.energy_title"))
    _style(ax, d, "GW")
    ax.set_ylim(bottom=0, top=max(1.0, ax.get_ylim()[1]))
    ax.legend(loc="upper left")


def plot_pressure(ax: Axes, d) -> None:
    """Scrutiny, credibility and trust on their 0-10 scales, with the danger zones."""
    band = ax.axhspan(8.5, 10.2, color=RED, alpha=0.07, linewidth=0)
    ax.axhspan(-0.2, 1.5, color=RED, alpha=0.07, linewidth=0)
    _line(ax, d.series["scrutiny"], RED, lw=2.0)
    _line(ax, d.series["credibility"], BLUE, lw=2.0)
    _line(ax, d.series["trust"], PURPLE, t("classroom.chart.team_trust"), lw=2.0)
    ax.set_ylim(-0.2, 10.2)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.set_title(t("classroom.chart.standing_title"))
    _style(ax, d, numbers.figure_unit("0-10"))
    handles, labels = ax.get_legend_handles_labels()
    # below the plot, so no legend ever sits on a line
    ax.legend(handles + [band], labels + [t("classroom.chart.danger")], loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)


def plot_valuation(ax: Axes, d) -> None:
    _line(ax, d.series["valuation_busd"], PURPLE)
    _line(ax, d.series["raised_busd"], BLUE, t("classroom.chart.raised"))
    ax.set_title(t("classroom.chart.valuation_title"))
    _style(ax, d, numbers.figure_unit("$B"))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")


def plot_query(ax: Axes, d) -> None:
    _line(ax, d.series["price_cents"], GREEN, t("classroom.chart.price"))
    _line(ax, d.series["inference_cost_cents"], RED, t("classroom.chart.cost"))
    ax.set_title(t("classroom.chart.query_title"))
    _style(ax, d, t("classroom.chart.cents"))
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left")


def plot_ledger(ax: Axes, d) -> None:
    """Each quarter's spending, stacked by line, with the quarter's revenue on top."""
    n = len(d.ledger["q_revenue_busd"])
    x = np.arange(n) + 0.5
    bottom = np.zeros(n)
    colours = {"q_inference_busd": RED, "q_training_busd": PURPLE, "q_staff_busd": BLUE, "q_products_busd": AMBER, "q_capex_busd": TEAL}
    labels = {k: t(f"classroom.chart.{w}") for k, w in (("q_inference_busd", "serving"), ("q_training_busd", "training"), ("q_staff_busd", "staff"), ("q_products_busd", "products"), ("q_capex_busd", "building"))}
    for k, colour in colours.items():
        v = np.array(d.ledger[k])
        if not v.any():
            continue
        ax.bar(x, v, bottom=bottom, width=0.8, color=colour, alpha=0.8, label=labels[k], linewidth=0)
        bottom += v
    ax.plot(x, d.ledger["q_revenue_busd"], color=GREEN, marker="o", markersize=4, linewidth=2.2, label=t("classroom.chart.revenue"))
    ax.set_title(t("classroom.chart.money_went"))
    _style(ax, d, numbers.figure_unit("$B / quarter"))
    ax.set_xlim(0, max(n, 1))
    ax.legend(loc="upper left", ncols=3)


def plot_outcomes(ax: Axes, w, bots: dict[str, float] | None = None) -> None:
    """The parallel worlds' endings, the player's own highlighted."""
    items = list(reversed(w.outcomes))
    y = np.arange(len(items))
    colours = [RESULT_COLOURS.get(o.result, MUTED) for o in items]
    bars = ax.barh(y, [o.share * 100 for o in items], color=colours, alpha=0.85, height=0.62)
    for b, o in zip(bars, items, strict=True):
        if o.key == w.player_outcome:
            b.set_edgecolor(INK)
            b.set_linewidth(2.2)
        ax.text(b.get_width() + 1.5, b.get_y() + b.get_height() / 2, numbers.percent(o.share), va="center", fontsize=9, fontweight="bold")
    ax.set_yticks(y, ["\n".join(textwrap.wrap(o.title + (t("classroom.chart.yours") if o.key == w.player_outcome else ""), 24)) for o in items], fontsize=8.5)
    ax.set_xlim(0, 112)
    ax.set_xlabel(t("classroom.chart.share_of_worlds"), fontsize=9, color=MUTED)
    ax.set_title(t("classroom.chart.worlds_title", worlds=numbers.number(w.worlds, ",")))
    ax.grid(True, axis="x", color=GRID)
    ax.set_axisbelow(True)
    if bots:
        rates = ", ".join(t("classroom.chart.bot_rate", bot=k, rate=numbers.percent(v)) for k, v in bots.items())
        text = t("classroom.chart.win_rates", bots=rates, rate=numbers.percent(w.win_rate))
        ax.text(0, -0.16, text, transform=ax.transAxes, fontsize=8, color=MUTED)


def plot_world_figure(ax: Axes, w, key: str = "cash_busd") -> None:
    """A final figure across the worlds, with the player's own game marked."""
    v = np.array(w.values[key])
    sp = w.figures[key]
    bins = min(40, max(8, int(np.sqrt(len(v)))))
    ax.hist(v, bins=bins, color=BLUE, alpha=0.55, linewidth=0)
    ax.axvline(sp.player, color=INK, linewidth=2.2)
    ax.text(sp.player, ax.get_ylim()[1] * 0.95, t("classroom.chart.your_game", v=numbers.number(sp.player, ",.1f")), fontsize=8.5, va="top", fontweight="bold")
    ax.axvline(sp.p50, color=MUTED, linewidth=1, linestyle="--")
    # the dashed line is named where it stands, below the player's own label
    ax.text(sp.p50, ax.get_ylim()[1] * 0.72, t("classroom.chart.median_world", v=numbers.number(sp.p50, ",.1f")), fontsize=8, va="top", color=MUTED)
    ax.set_title(t("classroom.chart.at_the_end", label=sp.label))
    ax.set_ylabel(t("classroom.chart.worlds"), fontsize=9, color=MUTED)
    ax.grid(True, axis="y", color=GRID)
    ax.set_axisbelow(True)


def _save(fig: Figure, path: Path) -> Path:
    # the fastest zlib level: a PNG a little larger, written in a fraction of the time
    fig.savefig(path, dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return path


def _tracks_chart(d, path: Path) -> Path:
    """The team's figures, one panel each (a panel with nothing of the team's to show is left
    out), with the key to the charts in the free space. Margins are fixed rather than computed
    (a computed layout took most of the debrief's time)."""
    panels = [plot_money, plot_cash, plot_power, plot_pressure, plot_valuation, plot_query]
    if not has_energy(d):
        panels.remove(plot_power)
    cols = 3
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(15, 4.3 * rows + 0.5))
    fig.subplots_adjust(left=0.05, right=0.985, top=1 - 0.8 / (4.3 * rows + 0.5), bottom=0.95 / (4.3 * rows + 0.5), wspace=0.2, hspace=0.42)
    flat = list(np.atleast_1d(axes).ravel())
    for ax, plot in zip(flat, panels, strict=False):
        plot(ax, d)
    for ax in flat[len(panels):]:
        ax.set_visible(False)
    if len(panels) < len(flat):  # the free space explains the charts
        box = flat[len(panels)].get_position()
        fig.text(box.x0, box.y1, chart_key(d, width=50), fontsize=10, va="top", color=INK, linespacing=1.5)
    fig.suptitle(t("classroom.chart.tracks_suptitle", title=d.title), fontsize=15, fontweight="bold", x=0.01, ha="left")
    return _save(fig, path)


def _money_chart(d, path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(12, 4.6))
    fig.subplots_adjust(left=0.06, right=0.985, top=0.9, bottom=0.09)
    plot_ledger(ax, d)
    return _save(fig, path)


def _worlds_chart(d, path: Path) -> Path:
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), width_ratios=[1, 1.1])
    fig.subplots_adjust(left=0.17, right=0.985, top=0.9, bottom=0.2, wspace=0.12)
    plot_outcomes(axes[0], d.worlds, d.bots)
    plot_world_figure(axes[1], d.worlds)
    return _save(fig, path)


# The debrief's charts by name, each drawn to out/NAME.png; the worlds chart only when the
# debrief played parallel worlds.
DEBRIEF_CHARTS = {"tracks": _tracks_chart, "money": _money_chart, "worlds": _worlds_chart}


def debrief_chart_names(d) -> list[str]:
    """The names of the charts this debrief has, in the report's order."""
    return [n for n in DEBRIEF_CHARTS if n != "worlds" or d.worlds is not None]


def debrief_charts(d, out: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the debrief's PNG charts (or only those `names`); returns {name: path}."""
    return {n: DEBRIEF_CHARTS[n](d, out / f"{n}.png") for n in (debrief_chart_names(d) if names is None else names)}


# ----------------------------------------------------------------------------- the class


def plot_class_outcomes(ax: Axes, s) -> None:
    items = list(reversed(s.outcomes))
    y = np.arange(len(items))
    bars = ax.barh(y, [o.count for o in items], color=[RESULT_COLOURS.get(o.result, MUTED) for o in items], alpha=0.85, height=0.6)
    for b, o in zip(bars, items, strict=True):
        ax.text(b.get_width() + 0.2, b.get_y() + b.get_height() / 2, f"{o.count}", va="center", fontsize=10, fontweight="bold")
    ax.set_yticks(y, ["\n".join(textwrap.wrap(o.title, 26)) for o in items], fontsize=9)
    ax.set_xlim(0, max(o.count for o in items) * 1.2 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(t("classroom.chart.games"), fontsize=9, color=MUTED)
    ax.set_title(t("classroom.chart.class_ended", games=s.games))
    ax.grid(True, axis="x", color=GRID)
    ax.set_axisbelow(True)


def plot_class_spread(axes, s, keys: list[str]) -> None:
    """One strip per figure: every game a dot, the median a bar."""
    rng = np.random.default_rng(0)
    for ax, key in zip(axes, keys, strict=False):
        sp = s.figures[key]
        v = np.array(sp.values)
        colours = [RESULT_COLOURS.get(r, MUTED) for r in sp.results]
        ax.scatter(v, rng.uniform(-0.25, 0.25, len(v)), c=colours, s=38, alpha=0.8, edgecolors="white", linewidths=0.6)
        ax.axvline(sp.median, color=INK, linewidth=2)
        for h in sp.reported:
            ax.plot([h], [0], marker="D", markersize=8, color="white", markeredgecolor=INK, markeredgewidth=1.5)
        ax.set_yticks([])
        ax.set_ylim(-0.5, 0.5)
        ax.set_title(t("classroom.chart.median", label=sp.label, v=numbers.number(sp.median, ",.1f")), fontsize=10)
        ax.grid(True, axis="x", color=GRID)
        ax.spines["left"].set_visible(False)


def plot_class_decisions(ax: Axes, s) -> None:
    items = list(reversed(s.common_decisions[:10]))
    y = np.arange(len(items))
    ax.barh(y, [c.games for c in items], color=BLUE, alpha=0.8, height=0.6)
    for yy, c in zip(y, items, strict=True):
        ax.text(c.games + 0.2, yy, f"{c.games}", va="center", fontsize=9, fontweight="bold")
    # whole labels, wrapped on two lines or three, never cut
    ax.set_yticks(y, ["\n".join(textwrap.wrap(c.label, 34)) for c in items], fontsize=8.5)
    ax.set_xlim(0, s.games * 1.12 + 0.5)
    ax.set_xlabel(t("classroom.chart.made_decision", games=s.games), fontsize=9, color=MUTED)
    ax.set_title(t("classroom.chart.common_decisions"))
    ax.grid(True, axis="x", color=GRID)
    ax.set_axisbelow(True)


def class_charts(s, out: Path, suffix: str = "") -> dict[str, Path]:
    paths = {}
    fig, ax = plt.subplots(figsize=(9, 0.8 + 0.7 * len(s.outcomes)), layout="constrained")
    plot_class_outcomes(ax, s)
    paths["outcomes"] = _save(fig, out / f"outcomes{suffix}.png")

    keys = [k for k in s.figures if s.figures[k].values][:6]
    rows = (len(keys) + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(12, 1.9 * rows + 0.6), layout="constrained")
    flat = list(np.atleast_1d(axes).ravel())
    plot_class_spread(flat, s, keys)
    for ax in flat[len(keys):]:
        ax.set_visible(False)
    fig.suptitle(t("classroom.chart.key_figures"), fontsize=11, x=0.01, ha="left")
    paths["figures"] = _save(fig, out / f"figures{suffix}.png")

    if s.common_decisions:
        fig, ax = plt.subplots(figsize=(10, 0.9 + 0.55 * min(len(s.common_decisions), 10)), layout="constrained")
        plot_class_decisions(ax, s)
        paths["decisions"] = _save(fig, out / f"decisions{suffix}.png")
    return paths
