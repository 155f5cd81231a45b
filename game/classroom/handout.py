"""Printouts for a lesson: the students' one-page handout and the teacher's answer sheet.

Both are one A4 page written from the scenario: its question, how to win and lose, a first
guess before playing, and the questions of its `debrief:` section (with their answers on the
teacher's sheet, beside the learning goals, the scripted quarters' notes and the reported
figures). `write_handout(scenario, path, answers=False)` writes the PDF.
"""

from __future__ import annotations

from pathlib import Path

from game.classroom import words
from game.classroom.charts import INK, MUTED, plt
from game.classroom.debrief import season
from game.classroom.report import A4, _Column
from game.core.compiled import compile_scenario
from game.scenario.schema import Scenario, quarter_index
from game.text import numbers
from game.text.catalog import t
from game.text.conditions import describe_condition


def _flat(text: str) -> str:
    return " ".join(text.split())


def _blank_lines(col: _Column, n: int) -> None:
    """Ruled lines to write an answer on."""
    for _ in range(n):
        if col.y - 0.024 < col.bottom:
            return
        col.gap(0.024)
        col.fig.add_artist(plt.Line2D([col.x, 0.95], [col.y, col.y], color="#9aa3b2", linewidth=0.5))
    col.gap(0.006)


def write_handout(scenario: Scenario, path: str | Path, answers: bool = False) -> Path:
    """The students' handout, one A4 page, or (answers=True) the teacher's answer sheet, which
    goes on to a second page rather than cut an answer."""
    s, path = scenario, Path(path)
    c = compile_scenario(s)
    meta = s.meta
    fig = plt.figure(figsize=A4)
    kind = t("classroom.handout.answers_kicker") if answers else t("classroom.handout.kicker")
    fig.text(0.05, 0.972, kind, fontsize=9, color=MUTED, va="top")
    fig.text(0.05, 0.955, meta.title, fontsize=17, fontweight="bold", va="top")
    pages = [fig]

    def next_page():
        page = plt.figure(figsize=A4)
        page.text(0.05, 0.972, t("classroom.handout.continued", kind=kind, title=meta.title), fontsize=9, color=MUTED, va="top")
        pages.append(page)
        return page, 0.94

    col = _Column(fig, 0.05, 0.918, 0.03, 118, rest_in="", next_page=next_page if answers else None)
    col.para(t("classroom.handout.meta", minutes=meta.length_minutes, first=numbers.quarter(c.date_label(0)), last=numbers.quarter(c.date_label(c.turns - 1)), seed=meta.seed), size=8, colour=MUTED)
    if not answers:
        col.para(t("classroom.handout.team_line"), size=10)
        col.gap(0.004)
    if meta.question:
        col.heading(t("classroom.handout.question"))
        col.para(_flat(meta.question), size=9.5, style="italic")
    col.heading(t("classroom.handout.situation"))
    col.para(_flat(meta.summary), size=8.5)
    col.heading(t("classroom.handout.win_lose"))
    for goal in s.goals.win:
        col.para(t("common.labelled", label=goal.title, text=describe_condition(goal.when, c)), size=8, first=t("classroom.handout.win") + " ", indent="     ")
    for ending in s.goals.lose:
        col.para(t("common.labelled", label=ending.title, text=describe_condition(ending.when, c)), size=8, first=t("classroom.handout.lose") + " ", indent="     ")
    section = s.debrief
    if section.before_play:
        col.heading(t("classroom.handout.before"))
        col.para(_flat(section.before_play), size=9)
        if not answers:
            _blank_lines(col, 2)
    if answers:
        _answer_sheet(s, c, col)
    else:
        col.heading(t("classroom.handout.after"))
        questions = section.questions
        n = max(len(questions), 1)
        lines = max(2, min(5, int((col.y - col.bottom - 0.05 * n) / 0.024 / n)))
        for i, q in enumerate(questions, start=1):
            col.para(_flat(q.question), size=9, first=f"{i}. ", indent="    ")
            _blank_lines(col, lines)
        if not questions:
            col.para(t("classroom.handout.no_questions"), size=8.5, colour=MUTED)
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for page in pages:
            page.text(0.05, 0.012, t("classroom.handout.footer", id=meta.id), fontsize=6.5, color=MUTED)
            pdf.savefig(page, facecolor="white")
            plt.close(page)
    return path


def _answer_sheet(s: Scenario, c, col: _Column) -> None:
    col.heading(t("classroom.handout.answers"))
    for i, q in enumerate(s.debrief.questions, start=1):
        col.para(_flat(q.question), size=8.5, first=f"{i}. ", indent="    ")
        col.para(_flat(q.answer) or t("classroom.handout.open_question"), size=7.8, first="    ", indent="    ", colour="#374151")
    if s.meta.goal_texts:
        col.heading(t("classroom.handout.goals"))
        for g in s.meta.goal_texts:
            col.para(_flat(g), size=7.8, first="• ", indent="   ")
    notes = [x for x in s.script if x.note]
    if notes:
        col.heading(t("classroom.handout.pauses"))
        start = quarter_index(s.calendar.start)
        for x in notes:
            col.para(t("common.labelled", label=numbers.quarter(c.date_label(quarter_index(x.quarter) - start)), text=_flat(x.note)), size=7.8, indent="   ")
    if s.history:
        col.heading(t("classroom.handout.reported"))
        for h in s.history:
            figures = ", ".join(f"{numbers.label(k).lower()} {words.value(k, v)}" for k, v in h.tracks.items())
            col.para(t("common.labelled", label=season(h.quarter), text=f"{figures} ({_flat(h.source)})"), size=7.5, indent="   ", colour=INK)
