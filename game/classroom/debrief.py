"""The debrief: what happened in a game, why, and how it compares with what really happened.

`build_debrief(game)` returns a `Debrief`: plain data a window, a page or a test can read. It
holds the tracks quarter by quarter (with the scenario's reported history and the historical
bot's path on the same seed for comparison), the player's key decisions and what each changed,
the cards drawn with their sources, one lesson per learning goal drawn from this game's figures,
and the parallel worlds (the player's decisions replayed in many worlds; see worlds.py).

`write_debrief(game, out_dir)` writes it all to a folder: PNG charts, a one-page PDF and an HTML
report to print or project, and debrief.json. `open_debrief(game)` is the desktop game's hook:
it writes the debrief into the user's data folder and opens the HTML report.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from game.classroom import words
from game.classroom.worlds import DEFAULT_WORLDS, WorldsSummary, parallel_worlds
from game.core.actions import Action, Choose, EndQuarter, Pitch, SignDeal, Travel
from game.core.facts import told_went_well
from game.core.session import Game
from game.core.state import PLAYER, WON, BatchState
from game.model import economy
from game.model.tracks import T
from game.scenario.loader import scenario_hash
from game.scenario.schema import quarter_index
from game.sim.driver import play_batch
from game.text.catalog import language, t
from game.text.numbers import figure_unit
from game.text.words import Words

# Tracks kept quarter by quarter: key -> (label, unit)
SERIES: dict[str, tuple[str, str]] = {
    "cash_busd": ("Cash", "$B"),
    "revenue_busd_per_year": ("Revenue", "$B / year"),
    "spend_busd_per_year": ("Spending", "$B / year"),
    "power_gw_online": ("Power online", "GW"),
    "power_gw_needed": ("Power own chips need", "GW"),
    "chips_m": ("Chips online (rented + own)", "million"),
    "scrutiny": ("Scrutiny", "0-10"),
    "credibility": ("Credibility", "0-10"),
    "trust": ("Team trust", "0-10"),
    "valuation_busd": ("Valuation", "$B"),
    "raised_busd": ("Raised from investors", "$B"),
    "equity_sold_pct": ("Equity sold", "%"),
    "inference_cost_cents": ("Cost to serve a query", "US cents"),
    "price_cents": ("Revenue per query", "US cents"),
}
# The quarter's money, for the burn chart (no value at the start).
LEDGER: dict[str, str] = {
    "q_revenue_busd": "Revenue",
    "q_inference_busd": "Serving queries",
    "q_training_busd": "Training",
    "q_staff_busd": "Staff",
    "q_products_busd": "Products",
    "q_capex_busd": "Building",
    "q_raised_busd": "Raised",
}
# Tracks whose change makes a decision "key" (see words.SCALE for how much counts).
DECISION_TRACKS = (
    "cash_busd", "valuation_busd", "scrutiny", "credibility", "trust", "power_gw_online",
    "chips_reserved_m", "rented_chips_m", "safety_debt", "demand_bq", "equity_sold_pct",
    "price_cents", "staff_busd_per_year", "campus_gw_domestic", "campus_gw_abroad",
)
KEY_DECISIONS = 8
REFERENCE_BOT = "historical"
FROM_SCENARIO = "scenario"  # build_debrief's default: the bot the scenario's debrief section names
_BOT_RATES: dict[tuple, float] = {}
COMPARE_BOTS = ("random", "planner")


@dataclass
class ReportedPoint:
    """A figure from the scenario's `history:`: what was reported, when, and by whom."""

    x: float  # quarters from the scenario's start (the end of the reported quarter)
    quarter: str
    value: float
    source: str
    when: str = ""  # the season and year it was reported for: "autumn 2024"


@dataclass
class TrackSeries:
    key: str
    label: str
    unit: str
    values: list[float]  # values[0] at the start, values[i] at the end of quarter i
    reference: list[float] = field(default_factory=list)  # the historical bot on the same seed
    reported: list[ReportedPoint] = field(default_factory=list)


@dataclass
class DecisionNote:
    """One decision of the player, with what it changed at once and what it brought later."""

    turn: int
    quarter: str
    label: str
    outcome: str  # "investors said yes (odds were 45%)" when chance decided, else ""
    changes: dict[str, float]
    later: list[str]
    weight: float  # how much it moved the tracks (for choosing the key ones)
    action: Action | None = None  # the move itself (kind, ask, deal...)
    space: str = ""  # where the CEO stood when making it
    went_well: bool | None = None  # when chance decided: whether it went well
    odds: float | None = None  # the odds it had of going well, when chance decided

    @property
    def summary(self) -> str:
        parts = [words.changes(self.changes, DECISION_TRACKS)] + self.later
        return t("common.semicolon").join(p for p in parts if p) or self.outcome or t("classroom.debrief.no_change")


@dataclass
class CardNote:
    turn: int
    quarter: str
    id: str
    title: str
    text: str
    source: str
    choice: str | None
    changes: dict[str, float]


@dataclass
class Lesson:
    goal: str  # the scenario's learning goal, word for word
    theme: str  # which reading of the game answers it (burn, inference, scrutiny, ...)
    evidence: str  # what this game shows about it, with its figures
    question: str  # a question for the class


@dataclass
class Debrief:
    scenario_id: str
    title: str
    question: str
    summary: str
    player: str
    seed: int
    outcome: str  # won | lost | unfinished
    outcome_id: str | None
    outcome_title: str
    outcome_text: str
    quarters_played: int
    calendar_quarters: int
    start_label: str
    quarter_labels: list[str]  # label of each quarter played ("Q1 2024", ...)
    year_ticks: list[tuple[float, str]]  # x positions of year starts, for charts
    series: dict[str, TrackSeries]
    ledger: dict[str, list[float]]  # per quarter played
    decisions: list[DecisionNote]  # every decision but ending a quarter
    key_decisions: list[DecisionNote]
    cards: list[CardNote]
    lessons: list[Lesson]
    learning_goals: list[str]
    worlds: WorldsSummary | None
    bots: dict[str, float]  # win rate of comparison bots on this scenario
    bot_worlds: int
    reference_bot: str | None
    reference_outcome: str | None
    reference_label: str  # the dashed lines' name in the legends
    questions: list[str]  # the scenario's questions for the class that no lesson asks
    incidents: list[str]
    history_sources: list[str]
    made_at: str

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        for note in d.get("decisions", []) + d.get("key_decisions", []):  # the move as data
            if note.get("action") is not None:
                note["action"] = note["action"].model_dump()
        if self.worlds is not None:
            d["worlds"].pop("values", None)
        return d


def build_debrief(
    game: Game,
    player: str = "",
    worlds: int = DEFAULT_WORLDS,
    worlds_seed: int | None = None,
    reference_bot: str | None = FROM_SCENARIO,
    compare_bots: tuple[str, ...] = COMPARE_BOTS,
    bot_worlds: int = 200,
) -> Debrief:
    """Everything the debrief shows, as plain data. worlds=0 leaves out the parallel worlds;
    reference_bot=None leaves out the bot drawn beside the team (by default the one the
    scenario's debrief section names); compare_bots=() the bots' rates."""
    s, c = game.scenario, game.c
    if reference_bot == FROM_SCENARIO:
        reference_bot = comparison_bot(s)
    played = [q for q in game.quarters if q.tracks]
    series = _series(game)
    ref_outcome = None
    if reference_bot:
        rows, ref_outcome = reference_path(game, reference_bot)
        ref_series = _series_of(rows)
        for k, ts in series.items():
            ts.reference = ref_series[k].values
    _add_history(game, series)
    ledger = {k: [round(q.tracks.get(k, 0.0), 4) for q in played] for k in LEDGER}
    decisions = _decisions(game)
    ranked = sorted(decisions, key=lambda d: -d.weight)[:KEY_DECISIONS]
    key = sorted((d for d in ranked if d.weight > 0), key=lambda d: (d.turn, decisions.index(d)))
    cards = _cards(game)
    summary = parallel_worlds(game, worlds, worlds_seed) if worlds > 0 else None
    bots = {}
    if compare_bots:
        for name in compare_bots:
            cache_key = (scenario_hash(s), game.seed, name, bot_worlds)
            if cache_key not in _BOT_RATES:
                run = play_batch(c, bot_worlds, name, game.seed)
                _BOT_RATES[cache_key] = round(float((run.state.outcome == WON).mean()), 4)
            bots[name] = _BOT_RATES[cache_key]
    d = Debrief(
        scenario_id=s.meta.id,
        title=s.meta.title,
        question=" ".join(s.meta.question.split()),
        summary=" ".join(s.meta.summary.split()),
        player=player,
        seed=game.seed,
        outcome=game.outcome or "unfinished",
        outcome_id=game.outcome_id,
        outcome_title=_outcome_title(game),
        outcome_text=_outcome_text(game),
        quarters_played=len(played),
        calendar_quarters=c.turns,
        start_label=c.date_label(0),
        quarter_labels=[q.date for q in played],
        year_ticks=[(float(i), str(c.year_of(i))) for i in range(c.turns + 1) if c.quarter_of(i) == 1],
        series=series,
        ledger=ledger,
        decisions=decisions,
        key_decisions=key,
        cards=cards,
        lessons=[],
        learning_goals=s.meta.goal_texts,
        worlds=summary,
        bots=bots,
        bot_worlds=bot_worlds if compare_bots else 0,
        reference_bot=reference_bot,
        reference_outcome=ref_outcome,
        reference_label=(s.debrief.comparison or t("classroom.chart.bot_same_seed", bot=reference_bot)) if reference_bot else "",
        questions=[" ".join(q.question.split()) for q in s.debrief.questions if q.lesson is None],
        incidents=[q.date for q in played if q.incident],
        history_sources=sorted({h.source for h in s.history}),
        made_at=datetime.now().astimezone().isoformat(timespec="minutes"),
    )
    from game.classroom.lessons import lessons_for

    d.lessons = lessons_for(game, d)
    return d


def comparison_bot(scenario) -> str | None:
    """The bot drawn beside the team: the one the debrief section names; else the historical
    bot when the scenario says what the real lab did (reported_plays); else none."""
    section = scenario.debrief
    if section.no_comparison:
        return None
    if section.compare_with:
        return section.compare_with
    return REFERENCE_BOT if scenario.reported_plays else None


def _outcome_title(game: Game) -> str:
    title = Words(game.scenario, game.c).ending_title(game.outcome_id)
    return title if game.over else f"{title} ({game.date})"


def _outcome_text(game: Game) -> str:
    return Words(game.scenario, game.c).ending_text(game.outcome_id)


def _row_value(row: np.ndarray | dict, key: str) -> float:
    get = (lambda k: float(row[T[k]])) if isinstance(row, np.ndarray) else (lambda k: float(row.get(k, 0.0)))
    if key == "chips_m":
        return get("rented_chips_m") + get("own_chips_m")
    return get(key)


def start_row(game: Game) -> np.ndarray:
    """The tracks at the start, with the figures the model derives from them (cost per query,
    capacity) filled in."""
    row = game.start_tracks.copy()
    economy.refresh_derived(row, game.c.consts)
    return row


def _series_of(rows: list) -> dict[str, TrackSeries]:
    out = {
        k: TrackSeries(k, t(f"classroom.series.{k}"), figure_unit(unit), [round(_row_value(r, k), 4) for r in rows])
        for k, (_label, unit) in SERIES.items()
    }
    # Revenue and spending on one basis: what came in and went out over the last four quarters
    # (the model's own run-rates differ: revenue is the quarter x4, spending a trailing sum).
    for key, quarterly in (("revenue_busd_per_year", "q_revenue_busd"), ("spend_busd_per_year", "q_spend_busd")):
        out[key].values = [round(v, 4) for v in _last_four_quarters(rows, key, quarterly)]
    return out


def _last_four_quarters(rows: list, key: str, quarterly: str) -> list[float]:
    """The sum over the last four quarters at each point; quarters before the start count at
    the scenario's starting run-rate."""
    start = _row_value(rows[0], key)
    q = [start / 4.0] * 3 + [_row_value(r, quarterly) for r in rows[1:]]
    return [start] + [sum(q[i : i + 4]) for i in range(len(rows) - 1)]


def _series(game: Game) -> dict[str, TrackSeries]:
    return _series_of([start_row(game)] + [q.tracks for q in game.quarters if q.tracks])


_REFERENCE_CACHE: dict[tuple, tuple[list, str | None]] = {}


def reference_path(game: Game, bot_name: str) -> tuple[list[np.ndarray], str | None]:
    """A bot's game on the player's scenario and seed, through the batch engine (one world):
    the tracks at the start and at the end of every quarter, and how it ended."""
    key = (scenario_hash(game.scenario), game.seed, bot_name, language())  # the ending is in words
    if key in _REFERENCE_CACHE:
        return _REFERENCE_CACHE[key]
    rows = [start_row(game)]

    def record(st: BatchState, where: np.ndarray) -> None:
        rows.append(st.tracks[0, PLAYER].copy())

    st = play_batch(game.c, 1, bot_name, game.seed, on_quarter=record).state
    o, r = int(st.outcome[0]), int(st.reason[0])
    g = game.scenario.goals
    if o == WON:
        ending = t("classroom.series.ending_won", title=g.win[r].title)
    else:
        ending = t("classroom.series.ending_time_up") if r < 0 else t("classroom.series.ending_lost", title=g.lose[r].title)
    _REFERENCE_CACHE[key] = (rows, ending)
    return rows, ending


def _add_history(game: Game, series: dict[str, TrackSeries]) -> None:
    start = game.c.start_turn
    alias = {"chips": "chips_m", "power_gw": "power_gw_online"}
    for h in game.scenario.history:
        x = float(quarter_index(h.quarter) - start + 1)
        label = game.c.date_label(int(x) - 1)
        for k, v in h.tracks.items():
            key = alias.get(k, k)
            if key == "chips_m" and k == "chips":
                v = v / 1e6
            if key in series:
                series[key].reported.append(ReportedPoint(x, label, float(v), h.source, season(h.quarter)))


def season(quarter: str) -> str:
    """'2024Q4' -> 'autumn 2024': the date a reported figure carries on the charts."""
    year, q = quarter.split("Q")
    return t(f"classroom.season.q{int(q)}", year=year)


def _later(game: Game, action, went_well: bool | None) -> list[str]:
    """What a decision delivers in later quarters (deals that went through)."""
    s = game.scenario
    items = []
    if isinstance(action, SignDeal) and went_well is not False:
        deal = next(d for d in s.deals if d.id == action.deal)
        items = deal.delayed
    if not items:
        return []
    out = []
    for d in items:
        for k, v in d.effects.root.items():
            n = d.after_quarters
            out.append(t("effects.later", what=words.change(k, v), count=n, n=n))
    return out


def _later_weight(game: Game, action, went_well: bool | None) -> float:
    if not isinstance(action, SignDeal) or went_well is False:
        return 0.0
    deal = next(d for d in game.scenario.deals if d.id == action.deal)
    return sum(abs(v) / words.SCALE.get(k, 1.0) for d in deal.delayed for k, v in d.effects.root.items())


def _decisions(game: Game) -> list[DecisionNote]:
    say = Words(game.scenario, game.c)
    out: list[DecisionNote] = []
    events = {e.id: e for e in game.scenario.events}
    where = game.c.space_ids[game.c.start_space]  # where the CEO stands, move after move
    for rec in game.quarters:
        causes = [diff for cause, diff in rec.causes if cause.id.startswith("move.")]
        j = 0
        for action, label, told in zip(rec.actions, rec.labels, rec.told, strict=True):
            here = where
            if isinstance(action, Travel):
                where = action.to
            if isinstance(action, EndQuarter):
                continue
            diff = causes[j] if j < len(causes) else {}
            j += 1
            went_well = told_went_well(told)
            text = say.say(label)
            if isinstance(action, Choose) and rec.card in events:
                text = t("common.labelled", label=events[rec.card].title, text=events[rec.card].choices[action.option].label)
            changes = {t: round(v, 4) for t, v in diff.items() if t in DECISION_TRACKS}
            weight = sum(abs(v) / words.SCALE.get(t, 1.0) for t, v in changes.items())
            weight += _later_weight(game, action, went_well)
            if isinstance(action, Pitch) and went_well is False:
                weight += 0.5  # a refused ask is a decision worth discussing
            if isinstance(action, Travel):
                weight = 0.0
            out.append(
                DecisionNote(
                    turn=rec.turn,
                    quarter=rec.date,
                    label=text,
                    outcome=say.result(told),
                    changes=changes,
                    later=_later(game, action, went_well),
                    weight=round(weight, 3),
                    action=action,
                    space=here,
                    went_well=went_well,
                    odds=told.figures.get("odds"),
                )
            )
    return out


def _cards(game: Game) -> list[CardNote]:
    events = {e.id: e for e in game.scenario.events}
    out = []
    for rec in game.quarters:
        if rec.card is None:
            continue
        e = events[rec.card]
        card_cause = next((d for cause, d in rec.causes if cause.id == "cause.card"), {})
        out.append(
            CardNote(
                turn=rec.turn,
                quarter=rec.date,
                id=e.id,
                title=e.title,
                text=" ".join(e.text.split()),
                source=" ".join(e.source.split()),
                choice=e.choices[rec.choice].label if rec.choice is not None and rec.choice < len(e.choices) else None,
                changes={k: round(v, 4) for k, v in card_cause.items() if k in DECISION_TRACKS},
            )
        )
    return out


# ----------------------------------------------------------------------------- files


def debrief_json(d: Debrief) -> str:
    return json.dumps(d.to_dict(), indent=1, ensure_ascii=False)


def write_debrief(
    game: Game,
    out_dir: str | Path,
    player: str = "",
    debrief: Debrief | None = None,
    pdf: bool = True,
    side_process: bool = False,
    **build_options,
) -> list[Path]:
    """Write the debrief of a game to out_dir: charts (PNG), report.html, report.pdf (one A4
    page) and debrief.json. Returns the paths written, the report first.

    With `side_process` (the command line, which has no other thread), a forked process draws
    the PDF and then one chart while this one draws the other charts, so the drawings share the
    machine's cores; where fork is missing, or the side process fails, what it should have drawn
    is drawn here."""
    from game.classroom import charts, report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = debrief or build_debrief(game, player=player, **build_options)
    pdf_path = out / "report.pdf"
    names = charts.debrief_chart_names(d)
    aside = ["money"] if pdf and side_process and "money" in names else []
    side = _start_side_process(d, pdf_path, out, aside) if pdf and side_process else None
    if side is None:
        aside = []
    pngs = charts.debrief_charts(d, out, [n for n in names if n not in aside])
    if side is not None:
        side.join()
    for n in aside:
        path = out / f"{n}.png"
        if side.exitcode != 0 or not path.is_file():
            path = charts.DEBRIEF_CHARTS[n](d, path)
        pngs[n] = path
    pngs = {n: pngs[n] for n in names}
    paths = [report.write_html(d, pngs, out / "report.html")]
    if pdf:
        if side is None or side.exitcode != 0 or not pdf_path.is_file():
            report.write_pdf(d, pdf_path)
        paths.append(pdf_path)
    (out / "debrief.json").write_text(debrief_json(d), encoding="utf-8")
    return paths + list(pngs.values()) + [out / "debrief.json"]


def _draw_aside(d: Debrief, pdf_path: Path, out: Path, names: list[str]) -> None:
    """The side process's work: the PDF, then the charts `names`."""
    from game.classroom import charts, report

    report.write_pdf(d, pdf_path)
    charts.debrief_charts(d, out, names)


def _start_side_process(d: Debrief, pdf_path: Path, out: Path, names: list[str]):
    """A forked process drawing the debrief's PDF to `pdf_path` and the charts `names` into
    `out`, started; None where this system cannot fork (the caller then draws them itself)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    # files left by an earlier debrief must not pass for this one's
    pdf_path.unlink(missing_ok=True)
    for n in names:
        (out / f"{n}.png").unlink(missing_ok=True)
    proc = multiprocessing.get_context("fork").Process(target=_draw_aside, args=(d, pdf_path, out, names), daemon=True)
    proc.start()
    return proc


def debrief_folder_name(game: Game, player: str = "") -> str:
    who = re.sub(r"[^a-z0-9]+", "-", player.lower()).strip("-")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return "-".join(p for p in (game.scenario.meta.id.replace("_", "-"), who, f"seed{game.seed}", stamp) if p)


def open_debrief(game: Game, out_dir: str | Path | None = None, open_report: bool = True) -> Path:
    """The desktop game's debrief button: write the debrief (to the user's data folder unless
    out_dir is given) and open its HTML report in the browser. Returns the report's path."""
    from game.saves.store import data_dir

    folder = Path(out_dir) if out_dir else data_dir() / "debriefs" / debrief_folder_name(game)
    paths = write_debrief(game, folder)
    html = paths[0]
    if open_report:
        import webbrowser

        webbrowser.open(html.resolve().as_uri())
    return html
