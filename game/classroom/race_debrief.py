"""The debrief of a race of labs, for one team: its race replayed and the teams compared.

`build_race_debrief(match, doc)` replays the race a team's result file records (from its seed
and every lab's moves, as `replay_race` does) and keeps, at each quarter's end, every lab's
figures and the common fate; each lab's moves by quarter; what each took of the shared supplies;
how often a lab found the chips out of its reach or dearer because another lab had bought first;
and which labs' incidents and rushed launches wore the common fate down. Three lessons are
built from those figures. `write_race_debrief(rd, out)` writes report.html (charts inside),
report.pdf (A4), the PNG charts and debrief.json, with the one-lab debrief's styles and layout.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from game.classroom.results import ResultFile
from game.core.actions import Choose, EndQuarter, Travel
from game.core.match import Match
from game.core.session import IllegalAction
from game.text import numbers
from game.text.catalog import t
from game.text.words import Words

R = "classroom.race_debrief"
# The figures kept for every lab at each quarter's end (chips_m: rented and own, millions).
FIGURES = (
    "valuation_busd", "cash_busd", "revenue_busd_per_year", "spend_busd_per_year", "power_gw_online",
    "chips_m", "scrutiny", "credibility", "trust",
)
KEY_MOVES = 14  # key moves listed per lab in the PDF (the HTML lists them all)
ROUTINE = ("operations",)  # moves a lab makes nearly every quarter: not listed among its key moves
EPS = 1e-9


@dataclass
class MoveNote:
    quarter: str
    kind: str
    label: str
    outcome: str  # chance's answer, when chance decided ("" otherwise)


@dataclass
class LabStory:
    seat: int
    id: str
    name: str
    played_by: str  # the team, or "bot (planner)"
    team: bool
    result: str  # won | lost | unfinished
    ending_title: str
    standing: float
    place: int
    figures: dict[str, list[float]]  # key -> values at the start and at each quarter's end
    moves: list[MoveNote]
    chips_m: float  # chips bought on the shared market over the race, millions
    pools: dict[str, float]  # shared supply id -> what the lab took of it over the race
    sold_out: int  # turns it found the chip lot out of its reach after another lab had bought
    dearer: int  # turns it bought chips dearer than at the quarter's opening because another had bought first
    dearer_pct: float  # the most its chips cost above the opening price, percent
    incidents: int
    rushed: int
    fate_points: float  # what its incidents and rushed launches took off the common fate


@dataclass
class RaceDebrief:
    scenario_id: str
    title: str
    seed: int
    player: str
    lab: str  # the team's lab id
    lab_name: str
    outcome: str  # the team's lab: won | lost | unfinished
    winner: str | None
    winner_name: str | None
    collapsed: bool
    finished: bool  # the race reached its end (a winner, a collapse, or every lab out)
    quarter_labels: list[str]  # the start, then each quarter's end ("Q1 2024", ...)
    labs: list[LabStory]
    fate_name: str
    fate: list[float]  # the common fate at the start and at each quarter's end
    collapse_at: float
    pools: list[tuple[str, str, str]]  # (id, name, kind: capital | capacity)
    lessons: list[tuple[str, str]]  # (title, paragraph)
    made_at: str

    @property
    def team_lab(self) -> LabStory:
        return next(s for s in self.labs if s.id == self.lab)

    def fate_low(self) -> tuple[float, int]:
        """The common fate's lowest point and where (0: the start, i: the end of quarter i)."""
        i = int(np.argmin(self.fate))
        return self.fate[i], i

    def when(self, i: int) -> str:
        """'at the start' or 'at the end of Q3 2024'."""
        return t(f"{R}.when_start") if i == 0 else t(f"{R}.when_end", quarter=numbers.quarter(self.quarter_labels[i]))

    def key_moves(self, lab: LabStory) -> list[MoveNote]:
        return [mv for mv in lab.moves if mv.kind not in ROUTINE]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


# ----------------------------------------------------------------------------- the race again


@dataclass
class _Walk:
    figures: list[list[dict[str, float]]] = field(default_factory=list)  # per snapshot, per seat
    labels: list[str] = field(default_factory=list)
    moves: dict[int, list[MoveNote]] = field(default_factory=dict)
    chips: dict[int, float] = field(default_factory=dict)
    pools: dict[int, dict[str, float]] = field(default_factory=dict)
    sold_out: dict[int, int] = field(default_factory=dict)
    dearer: dict[int, int] = field(default_factory=dict)
    dearer_pct: dict[int, float] = field(default_factory=dict)


def _row(f: dict[str, float]) -> dict[str, float]:
    out = {k: f[k] for k in FIGURES if k in f}
    out["chips_m"] = f["rented_chips_m"] + f["own_chips_m"]
    return out


def _taken(m: Match, seat: int) -> tuple[float, dict[str, float]]:
    sh = m.shared() or {}
    lab = m.lab_id(seat)
    return sh.get("labs_chips_m", {}).get(lab, 0.0), {p["id"]: p["labs"][lab] for p in sh.get("pools", [])}


def replay_for_debrief(match: Match) -> tuple[Match, _Walk]:
    """The race played again move by move from its record, watching what the final match
    cannot say: the figures at each quarter's end, the shared supplies each move took, and the
    chip market each lab found when its turn came. Raises IllegalAction as Match.replay does."""
    rec = match.record()
    m = Match(match.scenario, rec.seed, rec.labs, match.c)
    say = Words(m.scenario, m.c)
    w = _Walk(moves={s: [] for s in range(m.seats)}, chips=dict.fromkeys(range(m.seats), 0.0),
              pools={s: {} for s in range(m.seats)}, sold_out=dict.fromkeys(range(m.seats), 0),
              dearer=dict.fromkeys(range(m.seats), 0), dearer_pct=dict.fromkeys(range(m.seats), 0.0))
    w.figures.append([_row(m.figures(s)) for s in range(m.seats)])
    w.labels.append(m.date)
    lot = m.c.industry.consts.chip_lot_m if m.c.industry is not None else None
    opened_turn, opening, last, dearer_now = -1, {}, None, None
    for k, (seat, action) in enumerate(rec.moves):
        if seat != m.acting:
            raise IllegalAction(_not_your_turn(m, k, action))
        turn = m.turn
        if lot is not None and turn != opened_turn:  # the market as the quarter opened, lab by lab
            opening = {s: _lab_market(m, s) for s in range(m.seats)}
            opened_turn = turn
        if lot is not None and (seat, turn) != last:  # the lab's turn begins: what the others left it
            price, reach = _lab_market(m, seat)
            others = sum(v for lab, v in (m.shared() or {}).get("labs_chips_m", {}).items() if lab != m.lab_id(seat))
            dearer_now = None
            if others > EPS:
                if reach < lot - EPS:
                    w.sold_out[seat] += 1
                elif price > opening[seat][0] * (1 + 1e-6):
                    dearer_now = (price / opening[seat][0] - 1) * 100  # counted if it buys this turn
            last = (seat, turn)
        label = m.lab(seat).label(action)
        card = m.lab(seat).card
        chips0, pools0 = _taken(m, seat)
        r = m.apply(action)
        if not r.ok:
            raise IllegalAction(r.reason)
        if m.turn == turn and not m.over:
            chips1, pools1 = _taken(m, seat)
            w.chips[seat] += max(chips1 - chips0, 0.0)
            if chips1 > chips0 + EPS and dearer_now is not None:
                w.dearer[seat] += 1
                w.dearer_pct[seat] = max(w.dearer_pct[seat], dearer_now)
                dearer_now = None
            for pid, v in pools1.items():
                w.pools[seat][pid] = w.pools[seat].get(pid, 0.0) + max(v - pools0.get(pid, 0.0), 0.0)
        if not isinstance(action, (EndQuarter, Travel)):
            text = say.say(label)
            if isinstance(action, Choose) and card is not None and action.option < len(card.choices):
                text = t("common.labelled", label=card.title, text=card.choices[action.option].label)
            told = r.messages[0] if r.messages else None
            w.moves[seat].append(MoveNote(m.c.date_label(turn), action.kind, text, say.result(told) if told is not None else ""))
        if m.turn != turn or m.over:
            w.figures.append([_row(m.figures(s) if m.over else m.quarter_opened(s)) for s in range(m.seats)])
            w.labels.append(m.c.date_label(turn))
    return m, w


def _not_your_turn(m: Match, k: int, action):
    from game.core.facts import fact

    return fact("replay.refused", number=k + 1, move=action.kind, reason=fact("refused.not_your_turn", lab=m.lab_id(m.acting)))


def _lab_market(m: Match, seat: int) -> tuple[float, float]:
    """(the next chip's price for this lab, the chips within its reach) as the match stands."""
    from game.core import market

    s = market.summary(m.st, m.c, world=seat)
    return s["lab_price_kusd"], s["reach_m"]


# ----------------------------------------------------------------------------- the debrief


def build_race_debrief(match: Match, doc: ResultFile) -> RaceDebrief:
    """Everything the race debrief shows, as plain data (the match: the race the file's moves
    give, already checked against the file)."""
    race = doc.race
    assert race is not None
    m, w = replay_for_debrief(match)
    say = Words(m.scenario, m.c)
    fate_cfg = m.scenario.labs.common_fate
    start, collapse_at, per_incident, per_rushed, _recovery = m.c.labs.fate or (10.0, 0.0, 0.0, 0.0, 0.0)
    fate = [float(start)] + [float(e.fact.figures["value"]) for e in m.log if e.kind == "fate"]
    fate = fate[: len(w.labels)]
    stand = m.standings()
    order = sorted(range(m.seats), key=lambda s: (0 if m.outcome_of(s) == "won" else 1, -stand[s], s))
    place = {s: i + 1 for i, s in enumerate(order)}
    stories = []
    for s in range(m.seats):
        lab = race.labs[s] if s < len(race.labs) else None
        team = bool(lab and lab.team)
        played_by = lab.team if team else t("classroom.class_report.race.bot", bot=(lab.bot if lab else "") or "-")
        incidents = sum(1 for e in m.log if e.kind == "incident" and e.seat == s)
        rushed = sum(1 for e in m.log if e.kind == "action" and e.seat == s and e.fact.id == "told.launch_rushed")
        oid = m.outcome_id_of(s)
        stories.append(LabStory(
            seat=s, id=m.lab_id(s), name=m.lab_name(s), played_by=played_by, team=team,
            result=m.outcome_of(s) or "unfinished", ending_title=say.ending_title(oid) if m.lab(s).over else "",
            standing=round(stand[s], 4), place=place[s],
            figures={k: [round(row[s][k], 4) for row in w.figures] for k in FIGURES},
            moves=w.moves[s], chips_m=round(w.chips[s], 4), pools={k: round(v, 4) for k, v in w.pools[s].items()},
            sold_out=w.sold_out[s], dearer=w.dearer[s], dearer_pct=round(w.dearer_pct[s], 2),
            incidents=incidents, rushed=rushed, fate_points=round(incidents * per_incident + rushed * per_rushed, 4),
        ))
    shared = m.scenario.labs.shared
    pools = [(p.id, p.name, "capital") for p in shared.capital] + [(p.id, p.name, "capacity") for p in shared.capacity] if shared else []
    seat = [st.id for st in stories].index(race.lab)
    winner = m.winner
    collapsed = fate_cfg is not None and any(m.outcome_id_of(s) == fate_cfg.id for s in range(m.seats))
    rd = RaceDebrief(
        scenario_id=m.scenario.meta.id, title=m.scenario.meta.title, seed=m.seed, player=doc.player,
        lab=race.lab, lab_name=m.lab_name(seat), outcome=m.outcome_of(seat) or "unfinished",
        winner=m.lab_id(winner), winner_name=m.lab_name(winner) if winner is not None else None, collapsed=collapsed, finished=m.over,
        quarter_labels=w.labels, labs=stories, fate_name=fate_cfg.name if fate_cfg else "", fate=fate,
        collapse_at=float(collapse_at), pools=pools, lessons=[],
        made_at=datetime.now().astimezone().isoformat(timespec="minutes"),
    )
    rd.lessons = _lessons(rd)
    return rd


def chips(millions: float) -> str:
    """Chips in millions, with their unit: '0.6 M chips', '0,6 M de puces'."""
    return t("unit.m_chips", v=numbers.number(millions, ",.1f"))


def _lessons(rd: RaceDebrief) -> list[tuple[str, str]]:
    n = numbers.number
    out = []
    # shared scarcity
    sold, dearer = sum(s.sold_out for s in rd.labs), sum(s.dearer for s in rd.labs)
    top = max(rd.labs, key=lambda s: (s.chips_m, -s.seat))
    bought = t(f"{R}.lesson.bought", chips=chips(sum(s.chips_m for s in rd.labs)), top=top.name, top_chips=chips(top.chips_m))
    if sold + dearer:
        worst = max(rd.labs, key=lambda s: (s.sold_out + s.dearer, -s.seat))
        most = max(s.dearer_pct for s in rd.labs)
        parts = [t(f"{R}.lesson.scarcity_sold", sold=sold)] if sold else []
        if dearer:
            parts.append(t(f"{R}.lesson.scarcity_dearer", dearer=dearer, pct=numbers.percent(most / 100)))
        text = " ".join(parts + [t(f"{R}.lesson.scarcity_worst", worst=worst.name)])
    else:
        text = t(f"{R}.lesson.no_scarcity")
    out.append((t(f"{R}.lesson.scarcity_title"), f"{text} {bought}"))
    # the common fate
    low, when = rd.fate_low()
    hurt = [s for s in rd.labs if s.incidents or s.rushed]
    if rd.fate_name and hurt:
        who = t(f"{R}.list_sep").join(
            t(f"{R}.lesson.hurt_item", lab=s.name, incidents=s.incidents, rushed=s.rushed, points=n(s.fate_points, ".1f"))
            for s in sorted(hurt, key=lambda s: (-s.fate_points, s.seat))
        )
        text = t(f"{R}.lesson.fate", name=rd.fate_name, start=n(rd.fate[0], ".1f"), low=n(low, ".1f"), when=rd.when(when),
                 end=n(rd.fate[-1], ".1f"), who=who)
    elif rd.fate_name:
        text = t(f"{R}.lesson.fate_untouched", name=rd.fate_name, low=n(low, ".1f"), when=rd.when(when))
    else:
        text = t(f"{R}.lesson.no_fate")
    out.append((t(f"{R}.lesson.fate_title"), text))
    # the race's cost
    total = sum(s.fate_points for s in rd.labs)
    if rd.collapsed:
        text = t(f"{R}.lesson.cost_collapsed")
    elif rd.winner is None and not rd.finished:
        text = t(f"{R}.lesson.cost_unfinished")
    elif rd.winner is None:
        text = t(f"{R}.lesson.cost_no_winner")
    else:
        w = next(s for s in rd.labs if s.id == rd.winner)
        if w.fate_points > 0 and rd.fate_name:
            text = t(f"{R}.lesson.cost_winner_hurt", winner=w.name, points=n(w.fate_points, ".1f"),
                     share=numbers.percent(w.fate_points / total))
        elif rd.fate_name and total > 0:
            text = t(f"{R}.lesson.cost_winner_clean", winner=w.name)
        else:
            text = t(f"{R}.lesson.cost_nobody", winner=w.name)
    out.append((t(f"{R}.lesson.cost_title"), text))
    return out


# ----------------------------------------------------------------------------- files


def write_race_debrief(rd: RaceDebrief, out_dir: str | Path, pdf: bool = True) -> list[Path]:
    """Write the race debrief to out_dir: report.html, report.pdf (A4), the charts (PNG) and
    debrief.json. Returns the paths written, the report first."""
    from game.classroom import race_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pngs = race_report.race_charts(rd, out)
    paths = [race_report.write_race_html(rd, pngs, out / "report.html")]
    if pdf:
        paths.append(race_report.write_race_pdf(rd, out / "report.pdf"))
    (out / "debrief.json").write_text(json.dumps(rd.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    return paths + list(pngs.values()) + [out / "debrief.json"]
