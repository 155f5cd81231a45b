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
from game.text import numbers
from game.text.catalog import language, t

A4 = (8.27, 11.69)

D = "classroom.debrief"


def _pct(p: float, digits: int = 0) -> str:
    """A share as a percentage in the language in use: "45%", "45 %", "12.5%"."""
    return t("unit.pct", v=numbers.number(p * 100, f".{digits}f"))


def _n(v: float, spec: str = ",") -> str:
    return numbers.number(v, spec)


def replay_rule() -> str:
    return t(f"{D}.replay_rule", bot=CARD_DEFAULT_BOT)


def _headline(d) -> str:
    word = d.outcome if d.outcome in ("won", "lost") else "unfinished"
    return t(f"{D}.headline.{word}", title=d.outcome_title)


def _meta_line(d) -> str:
    who = f"{d.player} · " if d.player else ""
    return t(
        f"{D}.meta", who=who, seed=d.seed, played=d.quarters_played, total=d.calendar_quarters,
        first=numbers.quarter(d.start_label),
        last=numbers.quarter(d.quarter_labels[-1] if d.quarter_labels else d.start_label),
        scenario=d.scenario_id, date=d.made_at[:10],
    )


# ----------------------------------------------------------------------------- PDF


def _capital(text: str) -> str:
    """A sentence that follows a full stop starts with a capital."""
    return text[:1].upper() + text[1:]


class _Column:
    """Writes wrapped text down a column of a figure, and stops (with a note) at the bottom."""

    def __init__(
        self, fig, x: float, top: float, bottom: float, width_chars: int, rest_in: str = "report.html", next_page=None
    ):
        """rest_in: the file that holds what the page has no room for ("": none, the cut is
        marked with an ellipsis alone). next_page: where the column may go on, a function giving
        a new page's figure and the top of its column; the text is then never cut."""
        self.fig, self.x, self.y, self.bottom, self.chars = fig, x, top, bottom, width_chars
        self.rest_in = rest_in
        self.next_page = next_page
        self.full = False

    def heading(self, text: str) -> None:
        """A heading, wrapped to the column (a longer French heading never runs into the next column)."""
        self.gap(0.006)
        for ln in textwrap.wrap(text, width=int(self.chars * 7.2 / 9.5 / 1.08)) or [""]:
            self.line(ln, size=9.5, weight="bold", step=0.016)

    def gap(self, h: float) -> None:
        self.y -= h

    def line(self, text: str, size: float = 7.2, weight: str = "normal", colour: str = INK, step: float | None = None, style: str = "normal") -> bool:
        step = step or size / 72 / A4[1] * 1.32
        if self.full:
            return False
        if self.y - step < self.bottom and self.next_page is not None:
            self.fig, self.y = self.next_page()
        if self.y - step < self.bottom:
            self.fig.text(self.x, self.y, t(f"{D}.rest_in_html", file=self.rest_in) if self.rest_in else "…", fontsize=6.5, color=MUTED, va="top")
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
        head.para(t(f"{D}.question", question=d.question), size=7.5, style="italic")

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
            wax.set_title(t(f"{D}.worlds_title", worlds=_n(d.worlds.worlds)), fontsize=7.8)
            wax.set_xlabel("")
            for tick in wax.get_yticklabels():
                tick.set_fontsize(5.6)

    right = _Column(fig, 0.52, 0.51, 0.40, 66)
    right.line(t(f"{D}.parallel"), size=9.5, weight="bold", step=0.016)
    if d.worlds is not None:
        right.para(d.worlds.verdict, size=7.2)
        if d.bots:
            rates = ", ".join(t(f"{D}.bot_rate", bot=k, rate=_pct(v)) for k, v in d.bots.items())
            right.para(t(f"{D}.win_rates_short", rate=_pct(d.worlds.win_rate), bots=rates), size=7.2)
        right.para(t(f"{D}.replay_short", bot=CARD_DEFAULT_BOT), size=6.3, colour=MUTED)
    else:
        right.para(t(f"{D}.not_run"), size=7.2)

    top = 0.392
    fig.add_artist(plt.Line2D([0.05, 0.97], [top + 0.006, top + 0.006], color="#d1d5db", linewidth=0.6))
    left = _Column(fig, 0.05, top, 0.02, 62)
    left.heading(t(f"{D}.key_decisions_pdf"))
    for i, k in enumerate(d.key_decisions, start=1):
        came = words.changes(k.changes, limit=3) or k.outcome or t(f"{D}.no_change")
        came = _capital(came)
        later = t("common.semicolon") + k.later[0] if k.later else ""
        left.para(t("common.labelled", label=numbers.quarter(k.quarter), text=f"{k.label}. {came}{later}."), size=6.6, first=f"{i}. ", indent="    ")
    left.heading(t(f"{D}.cards_pdf"))
    for c in d.cards:
        answer = f" ({c.choice})" if c.choice else ""
        left.para(t("common.labelled", label=numbers.quarter(c.quarter), text=f"{c.title}{answer}. {_capital(numbers.source_said(c.source))}."), size=6.1, indent="   ", colour="#374151")

    lessons = _Column(fig, 0.52, top, 0.02, 64)
    lessons.heading(t(f"{D}.lessons_pdf"))
    for lesson in d.lessons:
        lessons.para(lesson.goal, size=6.8, first="• ", indent="   ")
        lessons.para(lesson.evidence, size=6.3, indent="   ", first="   ", colour="#374151")
        lessons.para(t(f"{D}.ask_class", question=lesson.question), size=6.3, indent="   ", first="   ", colour=MUTED, style="italic")
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
    return t("common.semicolon").join(p for p in parts if p) or t(f"{D}.no_change")


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def write_html(d, pngs: dict[str, Path], path: Path) -> Path:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language() if language() != "pseudo" else "en")}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(t(f'{D}.html_title', title=d.title))}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(d.title)}</h1>",
        f'<div class="meta">{e(_meta_line(d))}</div>',
        f'<div class="outcome {e(d.outcome)}">{e(_headline(d))}</div>',
        f"<p>{e(d.outcome_text)}</p>",
    ]
    if d.question:
        out.append(f'<p class="question">{e(t(f"{D}.question", question=d.question))}</p>')
    out.append(f"<h2>{e(t(f'{D}.tracks_title'))}</h2>")
    note = e(" ".join(charts.chart_key(d, width=10_000).split("\n")[1:]))
    out.append(f'<p class="small">{note} {e(t(f"{D}.numbers_note"))}</p>')
    out.append(_img(pngs["tracks"], t(f"{D}.alt_tracks")))
    out.append(_img(pngs["money"], t(f"{D}.alt_money")))

    q_, dec, came_ = (e(t(f"{D}.col_{k}")) for k in ("quarter", "decision", "came"))
    out.append(f"<h2>{e(t(f'{D}.key_decisions'))}</h2><table><tr><th>#</th><th>{q_}</th><th>{dec}</th><th>{came_}</th></tr>")
    for i, k in enumerate(d.key_decisions, start=1):
        came = _came(k)
        out.append(f"<tr><td>{i}</td><td>{e(numbers.quarter(k.quarter))}</td><td>{e(k.label)}</td><td>{e(came)}</td></tr>")
    out.append("</table>")

    out.append(f"<h2>{e(t(f'{D}.lessons'))}</h2>")
    for lesson in d.lessons:
        out.append(
            f'<div class="lesson"><b>{e(lesson.goal)}</b>{e(lesson.evidence)}'
            f'<div class="q">{e(t(f"{D}.ask_class", question=lesson.question))}</div></div>'
        )
    if d.questions:
        out.append(f"<h2>{e(t('classroom.report.questions'))}</h2><ul>")
        out += [f"<li>{e(q)}</li>" for q in d.questions]
        out.append("</ul>")

    if d.worlds is not None:
        w = d.worlds
        out.append(f"<h2>{e(t(f'{D}.parallel_html'))}</h2>")
        out.append(f'<p class="verdict">{e(w.verdict)}</p>')
        if d.bots:
            rates = ", ".join(t(f"{D}.the_bot_rate", bot=k, rate=_pct(v)) for k, v in d.bots.items())
            out.append(f"<p>{e(t(f'{D}.win_rates', rate=_pct(w.win_rate), worlds=_n(w.worlds), bots=rates, each=_n(d.bot_worlds)))}</p>")
        if "worlds" in pngs:
            out.append(_img(pngs["worlds"], t(f"{D}.alt_worlds")))
        col = {k: e(t(f"{D}.col_{k}")) for k in ("ending", "worlds", "share", "at_end", "yours", "low", "median", "high", "below")}
        out.append(f'<table><tr><th>{col["ending"]}</th><th class="num">{col["worlds"]}</th><th class="num">{col["share"]}</th></tr>')
        for o in w.outcomes:
            mark = t(f"{D}.yours") if o.key == w.player_outcome else ""
            out.append(f'<tr><td>{e(o.title)}{e(mark)}</td><td class="num">{_n(o.count)}</td><td class="num">{_pct(o.share, 1)}</td></tr>')
        out.append("</table>")
        out.append(
            f'<table><tr><th>{col["at_end"]}</th><th class="num">{col["yours"]}</th><th class="num">{col["low"]}</th>'
            f'<th class="num">{col["median"]}</th><th class="num">{col["high"]}</th><th class="num">{col["below"]}</th></tr>'
        )
        for sp in w.figures.values():
            out.append(
                f'<tr><td>{e(sp.label)}</td><td class="num">{_n(sp.player, ",.1f")}</td><td class="num">{_n(sp.p5, ",.1f")}</td>'
                f'<td class="num">{_n(sp.p50, ",.1f")}</td><td class="num">{_n(sp.p95, ",.1f")}</td><td class="num">{_pct(sp.player_percentile)}</td></tr>'
            )
        out.append("</table>")
        if w.most_skipped:
            items = "".join(f"<li>{e(t(f'{D}.skipped_item', quarter=numbers.quarter(s.quarter), label=s.label, share=_pct(s.share)))}</li>" for s in w.most_skipped)
            out.append(f"<p>{e(t(f'{D}.skipped'))}</p><ul>{items}</ul>")
        out.append(f'<p class="small">{e(t(f"{D}.how_replay", rule=replay_rule(), worlds=_n(w.worlds), seed=w.seed, seconds=_n(w.seconds, ".2f")))}</p>')

    cq, cc, ca, cs = (e(t(f"{D}.col_{k}")) for k in ("quarter", "card", "answer", "source"))
    out.append(f'<h2 class="pagebreak">{e(t(f"{D}.cards"))}</h2><table><tr><th>{cq}</th><th>{cc}</th><th>{ca}</th><th>{cs}</th></tr>')
    for c in d.cards:
        out.append(f"<tr><td>{e(numbers.quarter(c.quarter))}</td><td><b>{e(c.title)}</b><br><span class=small>{e(c.text)}</span></td><td>{e(c.choice or '-')}</td><td>{e(numbers.source_said(c.source))}</td></tr>")
    out.append("</table>")
    if d.history_sources:
        out.append(f"<h2>{e(t(f'{D}.reported'))}</h2><ul>")
        for ts in d.series.values():
            for p in ts.reported:
                shown = words.value(ts.key, p.value) if ts.key != "chips_m" else t("unit.m_chips", v=_n(p.value, ".2f"))
                out.append(f"<li>{e(ts.label)}, {e(t('common.labelled', label=numbers.quarter(p.quarter), text=shown))} ({e(p.source)})</li>")
        out.append("</ul>")
    out.append(f"<details><summary>{e(t(f'{D}.every_decision', n=len(d.decisions)))}</summary><table><tr><th>{q_}</th><th>{dec}</th><th>{came_}</th></tr>")
    for k in d.decisions:
        came = _came(k)
        out.append(f"<tr><td>{e(numbers.quarter(k.quarter))}</td><td>{e(k.label)}</td><td>{e(came)}</td></tr>")
    out.append("</table></details>")
    if d.learning_goals:
        out.append(f"<h2>{e(t(f'{D}.goals'))}</h2><ul>" + "".join(f"<li>{e(g)}</li>" for g in d.learning_goals) + "</ul>")
    out.append(f'<p class="small">{e(t(f"{D}.footer", made=d.made_at))}</p>')
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path
