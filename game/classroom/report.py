"""The debrief report: a one-page A4 PDF to print, and an HTML page to project or share.

Both open offline. The HTML page carries its charts inside it (base64 PNG), so it is one file a
teacher can copy to a USB stick; it prints on A4 too, with the long lists at the end.
"""

from __future__ import annotations

import base64
import html
import textwrap
from pathlib import Path

from game.classroom import charts, words
from game.classroom.charts import INK, MUTED, RESULT_COLOURS, plt
from game.classroom.worlds import CARD_DEFAULT_BOT
from game.text.catalog import t

A4 = (8.27, 11.69)

REPLAY_RULE = (
    "Each world starts where you started and draws its own cards and dice. Quarter by quarter it "
    "follows your decisions in your order; a decision the rules refuse in that world (not enough "
    "cash or attention, a deal already used, a city not reached) is skipped there. A card you also "
    "drew gets your answer; a card you never saw gets the {bot} bot's answer. A world still playing "
    "when your decisions run out counts as still playing."
)


def replay_rule() -> str:
    return REPLAY_RULE.format(bot=CARD_DEFAULT_BOT)


def _headline(d) -> str:
    word = {"won": "Won", "lost": "Lost"}.get(d.outcome, "Unfinished")
    return f"{word}: {d.outcome_title}"


def _meta_line(d) -> str:
    who = f"{d.player} · " if d.player else ""
    return (
        f"{who}seed {d.seed} · {d.quarters_played} of {d.calendar_quarters} quarters played "
        f"({d.start_label} to {d.quarter_labels[-1] if d.quarter_labels else d.start_label}) · "
        f"scenario {d.scenario_id} · {d.made_at[:10]}"
    )


# ----------------------------------------------------------------------------- PDF


class _Column:
    """Writes wrapped text down a column of a figure, and stops (with a note) at the bottom."""

    def __init__(self, fig, x: float, top: float, bottom: float, width_chars: int):
        self.fig, self.x, self.y, self.bottom, self.chars = fig, x, top, bottom, width_chars
        self.full = False

    def heading(self, text: str) -> None:
        self.gap(0.006)
        self.line(text, size=9.5, weight="bold", step=0.016)

    def gap(self, h: float) -> None:
        self.y -= h

    def line(self, text: str, size: float = 7.2, weight: str = "normal", colour: str = INK, step: float | None = None, style: str = "normal") -> bool:
        step = step or size / 72 / A4[1] * 1.32
        if self.full:
            return False
        if self.y - step < self.bottom:
            self.fig.text(self.x, self.y, "… (the rest is in report.html)", fontsize=6.5, color=MUTED, va="top")
            self.full = True
            return False
        self.fig.text(self.x, self.y, text, fontsize=size, fontweight=weight, color=colour, va="top", fontstyle=style)
        self.y -= step
        return True

    def para(self, text: str, size: float = 7.2, indent: str = "", first: str = "", colour: str = INK, style: str = "normal") -> None:
        width = int(self.chars * 7.2 / size)
        lines = textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=indent) or [""]
        for ln in lines:
            if not self.line(ln, size=size, colour=colour, style=style):
                return
        self.gap(0.002)


def write_pdf(d, path: Path) -> Path:
    """The debrief on one A4 page: the outcome, four charts, the parallel worlds, the key
    decisions, the lessons and the cards with their sources."""
    fig = plt.figure(figsize=A4)
    colour = RESULT_COLOURS.get(d.outcome, MUTED)
    fig.text(0.05, 0.975, d.title, fontsize=15, fontweight="bold", va="top")
    fig.text(0.05, 0.952, _meta_line(d), fontsize=7.5, color=MUTED, va="top")
    fig.text(0.05, 0.936, _headline(d), fontsize=12, fontweight="bold", color=colour, va="top")
    head = _Column(fig, 0.05, 0.917, 0.86, 125)
    head.para(d.outcome_text, size=7.5)
    if d.question:
        head.para(f"The question: {d.question}", size=7.5, style="italic")

    boxes = [(0.07, 0.715, 0.40, 0.128), (0.57, 0.715, 0.40, 0.128), (0.07, 0.55, 0.40, 0.128), (0.57, 0.55, 0.40, 0.128)]
    with plt.rc_context({"font.size": 6.3, "axes.titlesize": 7.8, "legend.fontsize": 5.6}):
        axes = [fig.add_axes(b) for b in boxes]
        charts.plot_money(axes[0], d)
        charts.plot_cash(axes[1], d)
        (charts.plot_power if charts.has_energy(d) else charts.plot_valuation)(axes[2], d)
        charts.plot_pressure(axes[3], d)
        for ax in axes:
            ax.yaxis.label.set_size(6)
        if d.worlds is not None:
            wax = fig.add_axes((0.20, 0.418, 0.25, 0.09))
            charts.plot_outcomes(wax, d.worlds, None)
            wax.set_title(f"Your decisions in {d.worlds.worlds:,} worlds", fontsize=7.8)
            wax.set_xlabel("")
            for tick in wax.get_yticklabels():
                tick.set_fontsize(5.6)

    right = _Column(fig, 0.52, 0.51, 0.40, 66)
    right.line("Parallel worlds: strategy or luck?", size=9.5, weight="bold", step=0.016)
    if d.worlds is not None:
        right.para(d.worlds.verdict, size=7.2)
        if d.bots:
            rates = ", ".join(f"{k} bot {v:.0%}" for k, v in d.bots.items())
            right.para(f"Win rates here: your decisions {d.worlds.win_rate:.0%}; {rates}.", size=7.2)
        right.para(
            "Your decisions replayed in your order; a move the rules refuse in a world is skipped; "
            f"cards you never saw get the {CARD_DEFAULT_BOT} bot's answer.",
            size=6.3, colour=MUTED,
        )
    else:
        right.para("Not run for this debrief.", size=7.2)

    top = 0.392
    fig.add_artist(plt.Line2D([0.05, 0.97], [top + 0.006, top + 0.006], color="#d1d5db", linewidth=0.6))
    left = _Column(fig, 0.05, top, 0.02, 62)
    left.heading("Key decisions (numbered on the cash chart)")
    for i, k in enumerate(d.key_decisions, start=1):
        came = words.changes(k.changes, limit=3) or k.outcome or "no immediate change"
        later = f"; {k.later[0]}" if k.later else ""
        left.para(f"{k.quarter}: {k.label}. {came}{later}.", size=6.6, first=f"{i}. ", indent="    ")
    left.heading("Cards drawn, and where they come from")
    for c in d.cards:
        answer = f" ({c.choice})" if c.choice else ""
        left.para(f"{c.quarter}: {c.title}{answer}. {c.source}.", size=6.1, indent="   ", colour="#374151")

    lessons = _Column(fig, 0.52, top, 0.02, 64)
    lessons.heading("Lessons, goal by goal")
    for lesson in d.lessons:
        lessons.para(lesson.goal, size=6.8, first="• ", indent="   ")
        lessons.para(lesson.evidence, size=6.3, indent="   ", first="   ", colour="#374151")
        lessons.para(f"Ask the class: {lesson.question}", size=6.3, indent="   ", first="   ", colour=MUTED, style="italic")
    if d.questions:
        lessons.heading(t("classroom.report.questions"))
        for q in d.questions:
            lessons.para(q, size=6.6, first="• ", indent="   ")
    lessons.heading(t("classroom.chart.key_title"))
    lessons.para(charts.chart_key(d, width=10_000).split("\n", 1)[1].replace("\n", " "), size=6.2)

    fig.savefig(path, format="pdf", facecolor="white")
    plt.close(fig)
    return path


# ----------------------------------------------------------------------------- HTML

CSS = """
:root { --ink:#1d2330; --muted:#6b7280; --line:#e5e7eb; --won:#1f8a4c; --lost:#c2362b; --open:#d08700; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1180px; padding: 28px 32px 60px; line-height: 1.45; font-size: 17px; }
h1 { font-size: 30px; margin: 0 0 4px; } h2 { font-size: 22px; margin: 34px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); font-size: 14px; }
.outcome { font-size: 24px; font-weight: bold; margin: 14px 0 4px; }
.won { color: var(--won); } .lost { color: var(--lost); } .unfinished { color: var(--open); }
.question { font-style: italic; background: #f3f4f6; padding: 10px 14px; border-left: 4px solid var(--ink); }
img { width: 100%; height: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: #f9fafb; }
.num { text-align: right; white-space: nowrap; }
.lesson { margin: 0 0 16px; } .lesson b { display: block; } .lesson .q { color: var(--muted); font-style: italic; }
.verdict { font-size: 20px; font-weight: bold; }
.small { font-size: 14px; color: var(--muted); }
details summary { cursor: pointer; font-weight: bold; margin: 8px 0; }
@media print {
  body { font-size: 11px; max-width: none; padding: 0; } h1 { font-size: 20px; } h2 { font-size: 14px; margin-top: 14px; }
  .outcome { font-size: 15px; } .verdict { font-size: 12px; } table { font-size: 10px; }
  .pagebreak { page-break-before: always; } details { display: block; } details > summary { display: none; }
  img { max-height: 9cm; width: auto; max-width: 100%; }
}
"""


def _came(k) -> str:
    """What came of a decision: chance's answer, the changes, what it delivers later."""
    from game.classroom.debrief import DECISION_TRACKS

    parts = [k.outcome, words.changes(k.changes, DECISION_TRACKS)] + list(k.later)
    return "; ".join(p for p in parts if p) or "no immediate change"


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def write_html(d, pngs: dict[str, Path], path: Path) -> Path:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Debrief: {e(d.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(d.title)}</h1>",
        f'<div class="meta">{e(_meta_line(d))}</div>',
        f'<div class="outcome {e(d.outcome)}">{e(_headline(d))}</div>',
        f"<p>{e(d.outcome_text)}</p>",
    ]
    if d.question:
        out.append(f'<p class="question">The question: {e(d.question)}</p>')
    out.append("<h2>The tracks, quarter by quarter</h2>")
    note = e(" ".join(charts.chart_key(d, width=10_000).split("\n")[1:]))
    out.append(f'<p class="small">{note} The numbers on the cash chart are the key decisions listed below.</p>')
    out.append(_img(pngs["tracks"], "Tracks over time"))
    out.append(_img(pngs["money"], "Spending by line and revenue, each quarter"))

    out.append("<h2>Key decisions, and what each changed</h2><table><tr><th>#</th><th>Quarter</th><th>Decision</th><th>What came of it</th></tr>")
    for i, k in enumerate(d.key_decisions, start=1):
        came = _came(k)
        out.append(f"<tr><td>{i}</td><td>{e(k.quarter)}</td><td>{e(k.label)}</td><td>{e(came)}</td></tr>")
    out.append("</table>")

    out.append("<h2>Lessons</h2>")
    for lesson in d.lessons:
        out.append(
            f'<div class="lesson"><b>{e(lesson.goal)}</b>{e(lesson.evidence)}'
            f'<div class="q">Ask the class: {e(lesson.question)}</div></div>'
        )
    if d.questions:
        out.append(f"<h2>{e(t('classroom.report.questions'))}</h2><ul>")
        out += [f"<li>{e(q)}</li>" for q in d.questions]
        out.append("</ul>")

    if d.worlds is not None:
        w = d.worlds
        out.append("<h2>Parallel worlds: how much was strategy, how much luck?</h2>")
        out.append(f'<p class="verdict">{e(w.verdict)}</p>')
        if d.bots:
            rates = ", ".join(f"the {e(k)} bot {v:.0%}" for k, v in d.bots.items())
            out.append(f"<p>Win rates on this scenario: your decisions {w.win_rate:.0%} of {w.worlds:,} worlds; {rates} ({d.bot_worlds} worlds each).</p>")
        if "worlds" in pngs:
            out.append(_img(pngs["worlds"], "Outcomes across the parallel worlds"))
        out.append('<table><tr><th>Ending</th><th class="num">Worlds</th><th class="num">Share</th></tr>')
        for o in w.outcomes:
            mark = " (yours)" if o.key == w.player_outcome else ""
            out.append(f'<tr><td>{e(o.title)}{mark}</td><td class="num">{o.count:,}</td><td class="num">{o.share:.1%}</td></tr>')
        out.append("</table>")
        out.append('<table><tr><th>At the end</th><th class="num">Your game</th><th class="num">Lowest 5%</th><th class="num">Median</th><th class="num">Highest 5%</th><th class="num">Worlds below you</th></tr>')
        for sp in w.figures.values():
            out.append(
                f'<tr><td>{e(sp.label)}</td><td class="num">{sp.player:,.1f}</td><td class="num">{sp.p5:,.1f}</td>'
                f'<td class="num">{sp.p50:,.1f}</td><td class="num">{sp.p95:,.1f}</td><td class="num">{sp.player_percentile:.0%}</td></tr>'
            )
        out.append("</table>")
        if w.most_skipped:
            items = "".join(f"<li>{e(s.quarter)}: {e(s.label)}, refused in {s.share:.0%} of the worlds still playing</li>" for s in w.most_skipped)
            out.append(f"<p>Decisions other worlds could not repeat most often:</p><ul>{items}</ul>")
        out.append(f'<p class="small">How the replay works: {e(replay_rule())} {w.worlds:,} worlds, seed {w.seed}, {w.seconds:.2f} s.</p>')

    out.append('<h2 class="pagebreak">Cards drawn, with their sources</h2><table><tr><th>Quarter</th><th>Card</th><th>Your answer</th><th>Source</th></tr>')
    for c in d.cards:
        out.append(f"<tr><td>{e(c.quarter)}</td><td><b>{e(c.title)}</b><br><span class=small>{e(c.text)}</span></td><td>{e(c.choice or '-')}</td><td>{e(c.source)}</td></tr>")
    out.append("</table>")
    if d.history_sources:
        out.append("<h2>Reported figures</h2><ul>")
        for ts in d.series.values():
            for p in ts.reported:
                out.append(f"<li>{e(ts.label)}, {e(p.quarter)}: {e(words.value(ts.key, p.value) if ts.key != 'chips_m' else f'{p.value:.2f} M')} ({e(p.source)})</li>")
        out.append("</ul>")
    out.append(f"<details><summary>Every decision ({len(d.decisions)})</summary><table><tr><th>Quarter</th><th>Decision</th><th>What came of it</th></tr>")
    for k in d.decisions:
        came = _came(k)
        out.append(f"<tr><td>{e(k.quarter)}</td><td>{e(k.label)}</td><td>{e(came)}</td></tr>")
    out.append("</table></details>")
    if d.learning_goals:
        out.append("<h2>This scenario's learning goals</h2><ul>" + "".join(f"<li>{e(g)}</li>" for g in d.learning_goals) + "</ul>")
    out.append(f'<p class="small">Seven Trillion debrief, made {e(d.made_at)}. Every figure in the game names its source in the scenario file.</p>')
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path
