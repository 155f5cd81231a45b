"""The class report: many result files combined into one summary for the teacher.

`load_results` reads every result file it is given (folders are searched for *.json), keeps
the good ones and lists the others with the reason. `summarise_class` counts outcomes, spreads
the key figures, finds the most common decisions and card answers, one summary per scenario.
`write_class_report` writes summary.html (charts inside), results.csv for a spreadsheet,
summary.json, and the PNG charts.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import html
import json
import os
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from game.classroom.results import ResultError, ResultFile, read_result
from game.text import numbers
from game.text.catalog import keys, language, t

# Figures spread across the class, by result key (their names: classroom.class_report.figure.*)
CLASS_FIGURES: tuple[str, ...] = (
    "cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "power_gw", "raised_busd",
    "valuation_busd", "equity_sold_pct", "scrutiny", "credibility", "trust",
)
# History keys that match a class figure (a scenario's `history:` uses track names)
HISTORY_KEYS = {"power_gw_online": "power_gw"}
CSV_FIGURES = tuple(CLASS_FIGURES) + ("burn_busd_per_year", "chips")


@dataclass
class ClassOutcome:
    key: str
    title: str
    result: str
    count: int
    share: float


@dataclass
class ClassSpread:
    key: str
    label: str
    values: list[float]
    results: list[str]  # won / lost / unfinished, per value (for colouring)
    min: float
    p25: float
    median: float
    p75: float
    max: float
    mean: float
    reported: list[float] = field(default_factory=list)


@dataclass
class CommonDecision:
    label: str
    games: int  # games that made it at least once
    times: int  # how often in all


@dataclass
class CardAnswers:
    card: str
    title: str
    answers: dict[str, int]  # answer -> games


@dataclass
class ClassSummary:
    scenario_id: str
    title: str
    games: int
    players: list[str]
    seeds: list[int]
    outcomes: list[ClassOutcome]
    win_rate: float
    quarters_played: ClassSpread
    figures: dict[str, ClassSpread]
    common_decisions: list[CommonDecision]
    first_decisions: list[CommonDecision]
    card_answers: list[CardAnswers]
    files: list[str]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class RaceRow:
    lab: str
    name: str
    team: str  # "" for a bot
    bot: str
    result: str
    title: str
    standing: float
    cash_busd: float
    valuation_busd: float
    power_gw: float


@dataclass
class RaceSummary:
    """One race of labs, its teams side by side (from the result files of its teams)."""

    race: str
    scenario_id: str
    title: str
    seed: int
    standing: str
    winner: str | None  # the winning lab's name
    common_fate: float | None
    fate_collapsed: bool
    labs: list[RaceRow]
    teams_collected: int  # result files of this race read

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def summarise_races(results: list[tuple[Path, ResultFile]]) -> list[RaceSummary]:
    """Every race the files come from, once each, with every lab side by side (the labs' figures
    as the race recorded them, the same in each of its teams' files)."""
    by_race: dict[str, list[ResultFile]] = {}
    for _, doc in results:
        if doc.race is not None:
            by_race.setdefault(doc.race.id, []).append(doc)
    out = []
    for rid, docs in sorted(by_race.items()):
        race = docs[0].race
        names = {lab.id: lab.name for lab in race.labs}
        rows = [
            RaceRow(lab.id, lab.name, lab.team, lab.bot, lab.result, lab.title, lab.standing, lab.figures.get("cash_busd", 0.0),
                    lab.figures.get("valuation_busd", 0.0), lab.figures.get("power_gw", 0.0))
            for lab in race.labs
        ]
        rows.sort(key=lambda r: (r.result != "won", -r.standing))
        out.append(RaceSummary(rid, docs[0].scenario.id, docs[0].scenario.title, docs[0].seed, race.standing,
                               names.get(race.winner) if race.winner else None, race.common_fate, race.fate_collapsed, rows, len(docs)))
    return out


@dataclass
class Loaded:
    results: list[tuple[Path, ResultFile]]
    skipped: list[tuple[Path, str]]
    duplicates: list[Path]


def result_paths(inputs: list[str | Path]) -> list[Path]:
    """The files named, and the *.json files inside the folders named (searched deeply). A
    *.json there that is not an ordinary file (a folder, a FIFO, a device) is kept too, so that
    the teacher is told it was skipped and why, rather than not seeing it at all."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = (q for q in p.rglob("*.json") if not q.name.startswith("."))
            out += sorted(found, key=lambda q: (len(q.parts), q))  # the folder's own files first
        else:
            out.append(p)
    return out


def load_results(inputs: list[str | Path], dirs: list[Path] | None = None) -> Loaded:
    """Read every result file (a save file counts too: it is replayed into a result); bad or
    foreign files are skipped with their reason, and a game already read is counted once."""
    from game.classroom.race import race_result_again
    from game.classroom.replay import ScenarioFinder, replay_result
    from game.classroom.results import result_of

    results, skipped, dupes = [], [], []
    seen: set[str] = set()
    finder = ScenarioFinder(dirs)
    for p in result_paths(inputs):
        try:
            doc = read_result(p)
        except ResultError as e:
            doc = _from_save(p, dirs)
            if doc is None:
                skipped.append((p, str(e).removeprefix(f"{p}: ")))
                continue
            if isinstance(doc, str):
                skipped.append((p, doc))
                continue
        else:
            game, mismatch = replay_result(doc, finder)
            if mismatch:
                skipped.append((p, mismatch))
                continue
            # the report speaks the teacher's language, whatever the language of the game: the
            # file's titles, decisions and cards are said again from its replay
            if doc.race is not None:  # a team's file of a race: its lab of the replayed race
                doc = race_result_again(game, doc)
            else:
                doc = result_of(game, doc.player).model_copy(update={"written_at": doc.written_at})
        digest = hashlib.sha256(
            json.dumps([doc.player, doc.scenario.id, doc.seed, [a.model_dump() for a in doc.actions]]).encode()
        ).hexdigest()
        if digest in seen:
            dupes.append(p)
            continue
        seen.add(digest)
        results.append((p, doc))
    return Loaded(results, skipped, dupes)


def _from_save(p: Path, dirs: list[Path] | None) -> ResultFile | str | None:
    """A save file turned into a result (None if the file is not a save; a reason if it is a
    save that cannot be replayed)."""
    from game.classroom.replay import ReplayError, load_any
    from game.classroom.results import result_of
    from game.saves.store import MAX_SAVE_BYTES, SAVE_FORMAT
    from game.scenario.files import read_regular_file

    try:
        head = read_regular_file(p, MAX_SAVE_BYTES)[:4096].decode("utf-8", errors="replace")
    except OSError:  # not an ordinary file, too big, unreadable: read_result said why
        return None
    if SAVE_FORMAT not in head:
        return None
    try:
        loaded = load_any(p, dirs)
    except ReplayError as e:
        return str(e).removeprefix(f"{p}: ")
    return result_of(loaded.game, loaded.player, loaded.scenario_path)


def _spread(key: str, label: str, values: list[float], results: list[str]) -> ClassSpread:
    v = np.array(values, dtype=float)
    if len(v) == 0:
        return ClassSpread(key, label, [], [], *([float("nan")] * 6))
    q = np.percentile(v, [0, 25, 50, 75, 100])
    r = lambda x: round(float(x), 4)  # noqa: E731
    return ClassSpread(key, label, [r(x) for x in v], results, r(q[0]), r(q[1]), r(q[2]), r(q[3]), r(q[4]), r(v.mean()))


def _outcome_key(doc: ResultFile) -> tuple[str, str, str]:
    o = doc.outcome
    if o.result == "unfinished":
        return "unfinished", t("classroom.class_report.not_finished"), "unfinished"
    title = o.title or (o.text.split(":", 1)[0] if o.text else (o.id or o.result))
    return o.id or o.result, title, o.result


def summarise_class(results: list[tuple[Path, ResultFile]], history: dict[str, dict[str, list[float]]] | None = None) -> list[ClassSummary]:
    """One summary per scenario played, the most played first. history: scenario id ->
    {figure key: reported values}, to show what really happened beside the class."""
    by_scenario: dict[str, list[tuple[Path, ResultFile]]] = {}
    for p, doc in results:
        by_scenario.setdefault(doc.scenario.id, []).append((p, doc))
    out = []
    for sid, items in sorted(by_scenario.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        docs = [d for _, d in items]
        n = len(docs)
        counts: Counter = Counter()
        titles: dict[str, tuple[str, str]] = {}
        for d in docs:
            key, title, result = _outcome_key(d)
            counts[key] += 1
            titles[key] = (title, result)
        outcomes = [
            ClassOutcome(k, titles[k][0], titles[k][1], c, round(c / n, 4))
            for k, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        results_of = [d.outcome.result for d in docs]
        figures = {}
        for key in CLASS_FIGURES:
            label = t(f"classroom.class_report.figure.{key}")
            vals = [(d.figures[key], d.outcome.result) for d in docs if key in d.figures]
            sp = _spread(key, label, [v for v, _ in vals], [r for _, r in vals])
            sp.reported = list((history or {}).get(sid, {}).get(key, []))
            figures[key] = sp
        decisions: Counter = Counter()
        games_with: Counter = Counter()
        first: Counter = Counter()
        for d in docs:
            labels = [x.label for x in d.decisions if x.kind != "travel"]  # journeys are counted in the CSV
            decisions.update(labels)
            games_with.update(set(labels))
            moves = [x.label for x in d.decisions]
            if moves:
                first[moves[0]] += 1
        common = [CommonDecision(lab, g, decisions[lab]) for lab, g in sorted(games_with.items(), key=lambda kv: (-kv[1], -decisions[kv[0]], kv[0]))]
        firsts = [CommonDecision(lab, g, g) for lab, g in sorted(first.items(), key=lambda kv: (-kv[1], kv[0]))]
        answers: dict[str, CardAnswers] = {}
        for d in docs:
            for c in d.cards:
                if c.choice is None:
                    continue
                a = answers.setdefault(c.card, CardAnswers(c.card, c.title, {}))
                a.answers[c.choice] = a.answers.get(c.choice, 0) + 1
        out.append(
            ClassSummary(
                scenario_id=sid,
                title=docs[0].scenario.title,
                games=n,
                players=[d.player for d in docs],
                seeds=[d.seed for d in docs],
                outcomes=outcomes,
                win_rate=round(sum(r == "won" for r in results_of) / n, 4),
                quarters_played=_spread("quarters_played", t("classroom.class_report.quarters_played"), [d.outcome.quarters_played for d in docs], results_of),
                figures=figures,
                common_decisions=common,
                first_decisions=firsts,
                card_answers=sorted(answers.values(), key=lambda a: -sum(a.answers.values())),
                files=[str(p) for p, _ in items],
            )
        )
    return out


def _tally(doc: ResultFile) -> dict[str, int]:
    kinds = Counter(x.kind for x in doc.decisions)
    pitches = [x for x in doc.decisions if x.kind == "pitch"]
    signed = [x for x in doc.decisions if x.kind == "sign" and x.went_well is not False]
    return {
        "decisions": len(doc.decisions),
        "pitches": len(pitches),
        "pitches_won": sum(bool(x.went_well) for x in pitches),
        "deals_signed": len(signed),
        "campuses": kinds["commission_campus"],
        "launches": kinds["launch_model"],
        "journeys": kinds["travel"],
    }


def write_pdf(summaries: list[ClassSummary], path: Path, races: list[RaceSummary] | None = None) -> Path:
    """The class report to print: one A4 page per scenario (how the games ended, the most
    common decisions, the spread of the key figures, how the class answered each card), then,
    for a class that raced, a page comparing the teams of each race."""
    from matplotlib.backends.backend_pdf import PdfPages

    from game.classroom import charts
    from game.classroom.charts import MUTED, plt
    from game.classroom.report import A4, _Column

    made = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    with PdfPages(path) as pdf:
        for s in summaries:
            fig = plt.figure(figsize=A4)
            won = sum(o.count for o in s.outcomes if o.result == "won")
            fig.text(0.05, 0.972, t("classroom.class.pdf_title", title=s.title), fontsize=15, fontweight="bold", va="top")
            fig.text(0.05, 0.947, t("classroom.class.pdf_meta", games=s.games, won=f"{won} ({numbers.percent(s.win_rate)})", made=made), fontsize=8.5, color=MUTED, va="top")
            with plt.rc_context({"font.size": 7.5, "axes.titlesize": 10}):
                rows = max(len(s.outcomes), 1)
                top_h = min(0.04 + 0.028 * rows, 0.2)
                ax = fig.add_axes((0.3, 0.905 - top_h, 0.62, top_h))
                charts.plot_class_outcomes(ax, s)
                y = 0.905 - top_h - 0.06
                if s.common_decisions:
                    n = min(len(s.common_decisions), 10)
                    h = 0.036 * n
                    ax = fig.add_axes((0.36, y - h, 0.56, h))
                    charts.plot_class_decisions(ax, s)
                    y -= h + 0.075
            col = _Column(fig, 0.05, y, 0.03, 118, rest_in="summary.html")
            col.heading(t("classroom.class.card_answers"))
            if not s.card_answers:
                col.para(t("classroom.class.no_cards"), size=8)
            for ca in s.card_answers:
                answers = t("common.semicolon").join(t("common.labelled", label=a, text=numbers.number(n, ",")) for a, n in ca.answers.items())
                col.para(t("classroom.class.card_line", title=ca.title, answers=answers), size=8, indent="   ")
            if s.first_decisions:
                col.heading(t("classroom.class.first_moves"))
                for fd in s.first_decisions[:5]:
                    col.para(t("classroom.class.first_line", label=fd.label, games=fd.games), size=8, indent="   ")
            pdf.savefig(fig, facecolor="white")
            plt.close(fig)
        if races:
            fig = _races_page(races, made)
            pdf.savefig(fig, facecolor="white")
            plt.close(fig)
    return path


def _race_head(r: RaceSummary) -> tuple[str, str]:
    """How a race ended (its winner, none, or the common fate's collapse) and, with a leading
    space, where the common fate ended ("" without one)."""
    C = "classroom.class_report.race"
    head = t(f"{C}.collapsed") if r.fate_collapsed else (t(f"{C}.winner", lab=r.winner) if r.winner else t(f"{C}.no_winner"))
    fate = "" if r.common_fate is None else " " + t(f"{C}.fate", value=numbers.number(r.common_fate, ".1f"))
    return head, fate


def _race_row_words(row: RaceRow) -> tuple[str, str]:
    """Who played a race's lab (its team, or the bot) and how its race ended, in words."""
    who = row.team or t("classroom.class_report.race.bot", bot=row.bot)
    ending = row.title or (t(f"fact.outcome.{row.result}") if f"fact.outcome.{row.result}" in keys() else row.result)
    return who, ending


def _races_page(races: list[RaceSummary], made: str):
    """The printed page of the races: each race's labs side by side, as the HTML's table."""
    from game.classroom.charts import MUTED, plt
    from game.classroom.report import A4, _Column

    C = "classroom.class_report.race"
    fig = plt.figure(figsize=A4)
    fig.text(0.05, 0.972, t(f"{C}.title"), fontsize=15, fontweight="bold", va="top")
    fig.text(0.05, 0.947, made, fontsize=8.5, color=MUTED, va="top")
    col = _Column(fig, 0.05, 0.925, 0.03, 118, rest_in="summary.html")
    col.para(t(f"{C}.intro", n=len(races)), size=8.5)
    for r in races:
        col.heading(t(f"{C}.heading", title=r.title, seed=r.seed, labs=len(r.labs)))
        head, fate = _race_head(r)
        col.para(head + fate + " " + t(f"{C}.collected", n=r.teams_collected), size=8.5)
        for row in r.labs:
            who, ending = _race_row_words(row)
            figures = t("common.semicolon").join(
                t("common.labelled", label=t(f"{C}.col_{k}"), text=v)
                for k, v in (
                    ("played_by", who),
                    ("ending", ending),
                    ("standing", numbers.value(r.standing, row.standing)),
                    ("cash", numbers.money(row.cash_busd)),
                    ("power", numbers.number(row.power_gw, ",.1f")),
                )
            )
            col.para(t("common.labelled", label=row.name, text=figures), size=8, first="• ", indent="   ")
    return fig


def write_csv(results: list[tuple[Path, ResultFile]], path: Path) -> Path:
    """One row per game, for the teacher's spreadsheet."""
    cols = ["file", "player", "scenario", "seed", "result", "ending", "quarters_played", "last_quarter"]
    cols += list(CSV_FIGURES)
    cols += ["decisions", "pitches", "pitches_won", "deals_signed", "campuses", "launches", "journeys", "first_decision"]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for p, d in results:
            t = _tally(d)
            row = [p.name, d.player or p.stem, d.scenario.id, d.seed, d.outcome.result, d.outcome.id or "", d.outcome.quarters_played, d.outcome.last_quarter]
            row += [d.figures.get(k, "") for k in CSV_FIGURES]
            row += [t[k] for k in ("decisions", "pitches", "pitches_won", "deals_signed", "campuses", "launches", "journeys")]
            row.append(d.decisions[0].label if d.decisions else "")
            w.writerow([csv_cell(c) for c in row])
    return path


# What a spreadsheet reads as the start of a formula (=, +, -, @) or of a hidden line (tab, CR, LF)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _blank(c: str) -> bool:
    """A character a spreadsheet may skip before a formula: any space (a non-breaking one
    too), a line break, or an invisible format character (zero-width space, joiners, BOM)."""
    return c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet must show it: text that a spreadsheet would run as a formula
    (a player named '=HYPERLINK(...)', also after spaces, line breaks, non-breaking or
    zero-width spaces) gets a leading single quote, so it stays plain text. Numbers are left
    alone (a negative cash figure is a number, not a formula)."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    i = 0
    while i < len(value) and _blank(value[i]):
        i += 1
    if i and value[i:].startswith(FORMULA_STARTS):
        return "'" + value
    return value


def scenario_history(summaries_ids: list[str], dirs: list[Path] | None = None) -> dict[str, dict[str, list[float]]]:
    """Reported figures from each scenario's `history:`, keyed like the class figures (the
    scenarios that cannot be found are left out)."""
    from game.classroom.replay import ReplayError, find_scenario

    out: dict[str, dict[str, list[float]]] = {}
    for sid in summaries_ids:
        try:
            s = find_scenario(sid, None, dirs)
        except ReplayError:
            continue
        figs: dict[str, list[float]] = {}
        for h in s.history:
            for k, v in h.tracks.items():
                figs.setdefault(HISTORY_KEYS.get(k, k), []).append(float(v))
        out[sid] = figs
    return out


def write_class_report(inputs: list[str | Path], out_dir: str | Path, dirs: list[Path] | None = None) -> tuple[list[Path], Loaded, list[ClassSummary]]:
    """Combine the result files into out_dir: summary.html, results.csv, summary.json and charts.
    Raises ResultError when no result file could be read (and then writes nothing)."""
    loaded = load_results(inputs, dirs)
    check_any(loaded, inputs)
    return write_report(loaded, out_dir, dirs)


def check_any(loaded: Loaded, inputs: list[str | Path]) -> None:
    """Raise ResultError when nothing could be read (naming the first file skipped, and why)."""
    if loaded.results:
        return
    why = ""
    if loaded.skipped:
        p, reason = loaded.skipped[0]
        why = f" ({len(loaded.skipped)} file(s) skipped; {p}: {reason})"
    raise ResultError(f"no result files found in {', '.join(str(i) for i in inputs)}{why}")


def write_report(loaded: Loaded, out_dir: str | Path, dirs: list[Path] | None = None) -> tuple[list[Path], Loaded, list[ClassSummary]]:
    """Write the class report of results already loaded into out_dir (made if missing).

    Everything is written into a temporary folder beside out_dir first and moved into place
    only when complete: a failure half-way leaves out_dir as it was (or absent), never half a
    report. A figure the charts cannot draw raises ResultError."""
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(stage, 0o777 & ~umask)  # a folder's usual mode, not mkdtemp's private one
        try:
            paths, summaries = _write_report_files(loaded, stage, dirs)
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as e:
            raise ResultError(f"could not draw the class report from these figures ({e}); nothing was written") from None
        final = [out / p.relative_to(stage) for p in paths]
        if out.exists():
            for p, dest in zip(paths, final, strict=True):
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(p, dest)
            shutil.rmtree(stage, ignore_errors=True)
        else:
            os.rename(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return final, loaded, summaries


def _write_report_files(loaded: Loaded, out: Path, dirs: list[Path] | None) -> tuple[list[Path], list[ClassSummary]]:
    from game.classroom import charts

    ids = sorted({d.scenario.id for _, d in loaded.results})
    summaries = summarise_class(loaded.results, scenario_history(ids, dirs))
    pngs: list[dict[str, Path]] = []
    for s in summaries:
        suffix = "" if len(summaries) == 1 else f"-{s.scenario_id}"
        pngs.append(charts.class_charts(s, out, suffix))
    paths = [_write_html(summaries, pngs, loaded, out / "summary.html"), write_pdf(summaries, out / "summary.pdf", summarise_races(loaded.results)), write_csv(loaded.results, out / "results.csv")]
    doc = {
        "made_at": datetime.now().astimezone().isoformat(timespec="minutes"),
        "games": len(loaded.results),
        "skipped": [{"file": str(p), "reason": r} for p, r in loaded.skipped],
        "duplicates": [str(p) for p in loaded.duplicates],
        "scenarios": [s.to_dict() for s in summaries],
    }
    races = summarise_races(loaded.results)
    if races:  # a class that raced: every race's teams side by side (a one-lab class's report is unchanged)
        doc["races"] = [r.to_dict() for r in races]
    (out / "summary.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    paths.append(out / "summary.json")
    for p in pngs:
        paths += list(p.values())
    return paths, summaries


def _write_html(summaries: list[ClassSummary], pngs: list[dict[str, Path]], loaded: Loaded, path: Path) -> Path:
    from game.classroom.report import CSS, _img

    e = html.escape
    games = len(loaded.results)
    C = "classroom.class_report"

    def col(*names: str, num: tuple[str, ...] = ()) -> str:
        return "".join(f'<th{" class=num" if n in num else ""}>{e(t(f"{C}.col_{n}"))}</th>' for n in names)

    def n1(v: float) -> str:
        return numbers.number(v, ",.1f")

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language() if language() != "pseudo" else "en")}"><head><meta charset="utf-8">',
        f"<title>{e(t(f'{C}.title'))}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(t(f'{C}.title'))}</h1>",
        f'<div class="meta">{e(t(f"{C}.meta", count=games, made=datetime.now().strftime("%Y-%m-%d %H:%M")))}</div>',
    ]
    if loaded.skipped:
        out.append(f"<p><b>{e(t(f'{C}.skipped'))}</b></p><ul>" + "".join(f"<li>{e(t('common.labelled', label=p.name, text=r))}</li>" for p, r in loaded.skipped) + "</ul>")
    if loaded.duplicates:
        out.append(f"<p>{e(t(f'{C}.duplicates', n=len(loaded.duplicates), files=', '.join(p.name for p in loaded.duplicates)))}</p>")
    for s, png in zip(summaries, pngs, strict=True):
        seeds = sorted(set(s.seeds))
        seed_text = t(f"{C}.one_seed", seed=seeds[0]) if len(seeds) == 1 else t(f"{C}.seeds", n=len(seeds))
        out.append(f"<h2>{e(s.title)}</h2>")
        qp = s.quarters_played
        out.append(f"<p>{e(t(f'{C}.games_line', games=s.games, seeds=seed_text, rate=numbers.percent(s.win_rate), median=numbers.number(qp.median), low=numbers.number(qp.min), high=numbers.number(qp.max)))}</p>")
        out.append(_img(png["outcomes"], t(f"{C}.alt_outcomes")))
        out.append("<table><tr>" + col("ending", "games", "share", num=("games", "share")) + "</tr>")
        for o in s.outcomes:
            out.append(f'<tr><td>{e(o.title)} <span class="small">({e(t(f"fact.outcome.{o.result}") if f"fact.outcome.{o.result}" in keys() else o.result)})</span></td><td class="num">{o.count}</td><td class="num">{numbers.percent(o.share)}</td></tr>')
        out.append("</table>")
        out.append(f"<h2>{e(t(f'{C}.figures'))}</h2>")
        out.append(_img(png["figures"], t(f"{C}.alt_figures")))
        figure_cols = ("figure", "lowest", "q1", "median", "q3", "highest", "reported")
        out.append("<table><tr>" + col(*figure_cols, num=figure_cols[1:]) + "</tr>")
        for sp in s.figures.values():
            if not sp.values:
                continue
            rep = ", ".join(n1(v) for v in sp.reported) or "-"
            out.append(
                f'<tr><td>{e(sp.label)}</td><td class="num">{n1(sp.min)}</td><td class="num">{n1(sp.p25)}</td><td class="num">{n1(sp.median)}</td>'
                f'<td class="num">{n1(sp.p75)}</td><td class="num">{n1(sp.max)}</td><td class="num">{rep}</td></tr>'
            )
        out.append("</table>")
        out.append(f"<h2>{e(t(f'{C}.did'))}</h2>")
        if "decisions" in png:
            out.append(_img(png["decisions"], t(f"{C}.alt_decisions")))
        if s.first_decisions:
            out.append(f"<p><b>{e(t(f'{C}.first_moves'))}</b> " + t("common.semicolon").join(f"{e(c.label)} ({c.games})" for c in s.first_decisions[:5]) + ".</p>")
        if s.card_answers:
            out.append("<table><tr>" + col("card", "answers") + "</tr>")
            for a in s.card_answers[:12]:
                ans = t("common.semicolon").join(e(t("common.labelled", label=k, text=str(v))) for k, v in sorted(a.answers.items(), key=lambda kv: -kv[1]))
                out.append(f"<tr><td>{e(a.title)}</td><td>{ans}</td></tr>")
            out.append("</table>")
        game_cols = ("player", "seed", "ending", "quarters", "cash", "raised", "power")
        out.append(f'<h2 class="pagebreak">{e(t(f"{C}.every_game"))}</h2><table><tr>' + col(*game_cols, num=("seed", "quarters", "cash", "raised", "power")) + "</tr>")
        for p, d in loaded.results:
            if d.scenario.id != s.scenario_id:
                continue
            _, title, _ = _outcome_key(d)
            f = d.figures
            out.append(
                f'<tr><td>{e(d.player or p.stem)}</td><td class="num">{d.seed}</td><td>{e(title)}</td><td class="num">{d.outcome.quarters_played}</td>'
                f'<td class="num">{n1(f.get("cash_busd", 0))}</td><td class="num">{n1(f.get("raised_busd", 0))}</td><td class="num">{n1(f.get("power_gw", 0))}</td></tr>'
            )
        out.append("</table>")
    out += _races_html(summarise_races(loaded.results))
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _races_html(races: list[RaceSummary]) -> list[str]:
    """The races of the class: for each, its labs side by side, the winner and the common fate."""
    if not races:
        return []
    e = html.escape
    C = "classroom.class_report.race"
    out = [f'<h2 class="pagebreak">{e(t(f"{C}.title"))}</h2>', f"<p>{e(t(f'{C}.intro', n=len(races)))}</p>"]
    for r in races:
        head, fate = _race_head(r)
        out.append(f"<h3>{e(t(f'{C}.heading', title=r.title, seed=r.seed, labs=len(r.labs)))}</h3>")
        out.append(f"<p><b>{e(head)}</b>{e(fate)} {e(t(f'{C}.collected', n=r.teams_collected))}</p>")
        cols = ("lab", "played_by", "ending", "standing", "cash", "power")
        out.append("<table><tr>" + "".join(f'<th{" class=num" if c in ("standing", "cash", "power") else ""}>{e(t(f"{C}.col_{c}"))}</th>' for c in cols) + "</tr>")
        for row in r.labs:
            who, title = _race_row_words(row)
            out.append(
                f"<tr><td>{e(row.name)}</td><td>{e(who)}</td><td>{e(title)}</td><td class=num>{e(numbers.value(r.standing, row.standing))}</td>"
                f"<td class=num>{e(numbers.money(row.cash_busd))}</td><td class=num>{e(numbers.number(row.power_gw, ',.1f'))}</td></tr>"
            )
        out.append("</table>")
    return out
