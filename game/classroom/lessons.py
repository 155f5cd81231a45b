"""Lessons: each learning goal of a scenario, answered with the figures of one game.

A scenario's learning goals are free sentences. Each names its theme or is matched to one by its
words (game/scenario/themes.py: the burn, the cost of a query, scrutiny, credibility, energy,
the roads to power, the team, luck); the theme reads the game and writes what it shows, with
numbers, and a question for the class. A goal that matches no theme gets the tracks that moved
most.
"""

from __future__ import annotations

from collections.abc import Callable

from game.classroom import words
from game.core.actions import Pitch, SignDeal, Travel
from game.core.moves import PresentBuildout
from game.core.session import Game
from game.scenario.themes import THEME_WORDS, theme_of
from game.scenario.translation import PSEUDO_OPEN
from game.text import numbers
from game.text.catalog import t

THEMES = THEME_WORDS  # kept under its old name for readers of this module


def lessons_for(game: Game, d) -> list:
    from game.classroom.debrief import Lesson

    out = []
    meta = game.scenario.meta
    asked = {}  # the scenario's own question for a theme, first come first served
    for q in game.scenario.debrief.questions:
        if q.lesson is not None:
            asked.setdefault(q.lesson, []).append(" ".join(q.question.split()))
    for goal, theme in zip(meta.goal_texts, meta.goal_themes, strict=True):
        evidence, question = READERS[theme](game, d)
        if asked.get(theme):
            question = asked[theme].pop(0)
        out.append(Lesson(" ".join(goal.split()), theme, evidence, question))
    return out


def _v(d, key: str) -> list[float]:
    return d.series[key].values


L = "classroom.lesson"
Q = "classroom.question"


def _n(v: float, spec: str = ".1f") -> str:
    """A plain number (a score) in the language in use: '6.2' or '6,2'."""
    return numbers.number(v, spec)


def _lower_first(name: str) -> str:
    """A track's name inside a sentence: 'valuation', 'team trust' (the pseudo marker kept)."""
    i = 1 if name.startswith(PSEUDO_OPEN) else 0
    return name[:i] + name[i : i + 1].lower() + name[i + 1 :]


def _gw(v: float, spec: str = ",g") -> str:
    return t("unit.gw", v=numbers.number(v, spec))


def _at(d, i: int) -> str:
    """When series index i was: 'at the start' or 'in' the quarter that ended there."""
    return t(f"{L}.when_start") if i == 0 else t(f"{L}.when_quarter", quarter=numbers.quarter(d.quarter_labels[i - 1]))


def _burn(game: Game, d) -> tuple[str, str]:
    rev, spend, cash = _v(d, "revenue_busd_per_year"), _v(d, "spend_busd_per_year"), _v(d, "cash_busd")
    # the burn a year, as the board shows it: what each quarter's end took from the cash, x4
    burn = [4.0 * game.start_burn] + [q.tracks["burn_busd_per_year"] for q in game.quarters if q.tracks]
    runway = [c / (b / 4) if b > 0 else float("inf") for c, b in zip(cash, burn, strict=True)]
    low = min(range(len(runway)), key=lambda i: runway[i])
    pitches = _pitches(d)
    yes = [x for x in pitches if x.went_well]
    raised = _v(d, "raised_busd")[-1] - _v(d, "raised_busd")[0]
    sold = _v(d, "equity_sold_pct")
    parts = [t(
        f"{L}.burn_spending", spend=words.value("spend_busd_per_year", spend[0]),
        revenue=words.value("revenue_busd_per_year", rev[0]), burn=words.value("burn_busd_per_year", burn[0]),
        spend_end=words.value("spend_busd_per_year", spend[-1]), revenue_end=words.value("revenue_busd_per_year", rev[-1]),
    )]
    if runway[low] != float("inf"):
        parts.append(t(f"{L}.burn_runway", runway=words.value("runway_quarters", max(runway[low], 0)), when=_at(d, low)))
    if pitches:
        parts.append(t(
            f"{L}.burn_pitched", count=len(pitches), yes=len(yes), raised=words.busd(raised),
            sold=numbers.percent((sold[-1] - sold[0]) / 100),
        ))
    else:
        parts.append(t(f"{L}.burn_never_pitched"))
    return " ".join(parts), t(f"{Q}.burn")


def _inference(game: Game, d) -> tuple[str, str]:
    """Compute: what the game spent training models and serving queries, beside what the
    articles report (the spending went mostly to the computing power to train large models)."""
    ledger = d.ledger
    training, serving = sum(ledger["q_training_busd"]), sum(ledger["q_inference_busd"])
    spent = sum(sum(ledger[k]) for k in ("q_inference_busd", "q_training_busd", "q_staff_busd", "q_products_busd", "q_capex_busd"))
    n = d.quarters_played
    # the articles' figures are the real lab's: said only where the scenario plays that lab
    # (it reports the lab's history), never in a mod about another lab
    parts = [t(f"{L}.compute_reported")] if game.scenario.history else []
    if spent > 0:
        parts.append(t(
            f"{L}.compute_game", quarters=n, training=words.busd(training),
            training_share=numbers.percent(training / spent), serving=words.busd(serving),
            serving_share=numbers.percent(serving / spent),
        ))
    launches = sum(1 for x in d.decisions if x.action is not None and x.action.kind == "launch_model")
    parts.append(t(f"{L}.compute_launches", count=launches))
    return " ".join(parts), t(f"{Q}.compute")


def _scrutiny(game: Game, d) -> tuple[str, str]:
    sc = _v(d, "scrutiny")
    peak = max(range(len(sc)), key=lambda i: sc[i])
    raisers = sorted((x for x in d.decisions if x.changes.get("scrutiny", 0) > 0), key=lambda x: -x.changes["scrutiny"])
    # the money that draws most scrutiny: the investors' space whose yes adds the most
    spaces = [sp for sp in game.scenario.board.spaces if sp.pitch is not None]
    watched = max(spaces, key=lambda sp: sp.pitch.scrutiny_on_success.value, default=None)
    gulf = [x for x in _pitches(d) if x.went_well and watched is not None and x.space == watched.id]
    gulf_money = sum(x.action.ask_busd for x in gulf)
    parts = [t(f"{L}.scrutiny_range", start=_n(sc[0]), end=_n(sc[-1]), peak=_n(sc[peak]), when=_at(d, peak))]
    if gulf:
        parts.append(t(f"{L}.scrutiny_raised_there", count=len(gulf), money=words.busd(gulf_money), space=watched.name))
    if raisers:
        top = raisers[0]
        parts.append(t(
            f"{L}.scrutiny_top", decision=top.label, quarter=numbers.quarter(top.quarter),
            change=numbers.delta("scrutiny", top.changes["scrutiny"]),
        ))
    cards = [c for c in d.cards if c.changes.get("scrutiny", 0) > 0]
    if cards:
        parts.append(t(f"{L}.scrutiny_cards", count=len(cards)))
    where = watched.name if watched is not None else ""
    return " ".join(parts), t(f"{Q}.scrutiny", space=where) if where else t(f"{Q}.scrutiny_anywhere")


def _pitches(d) -> list:
    """The player's pitches to investors, in order."""
    return [x for x in d.decisions if isinstance(x.action, Pitch)]


def _credibility(game: Game, d) -> tuple[str, str]:
    cr = _v(d, "credibility")
    pitches = _pitches(d)
    parts = [t(f"{L}.credibility_range", start=_n(cr[0]), end=_n(cr[-1]))]
    if pitches:
        biggest = max(pitches, key=lambda x: x.action.ask_busd)
        said = "accepted" if biggest.went_well else "refused"
        parts.append(t(f"{L}.biggest_ask_{said}", decision=biggest.label, quarter=numbers.quarter(biggest.quarter)))
        refused = [x for x in pitches if x.went_well is False]
        lost = -sum(x.changes.get("credibility", 0.0) for x in refused)
        if refused and lost > 0.05:
            parts.append(t(f"{L}.refusals_cost", count=len(refused), lost=_n(lost)))
        elif refused:
            parts.append(t(f"{L}.refusals_free", count=len(refused)))
    else:
        parts.append(t(f"{L}.credibility_never_pitched"))
    ladder = [a.value for a in game.scenario.ask_ladder]
    question = t(f"{Q}.credibility", big=words.busd(max(ladder)), small=words.busd(min(ladder)))
    if game.scenario.buildout is not None:
        parts += _buildout(game, d)
        question = t(f"{Q}.buildout")
    return " ".join(parts), question


def _buildout(game: Game, d) -> list[str]:
    """What the game's presentations of the industry build-out showed: pledges that were never
    the lab's cash, the credibility the refusals cost, and the scale-back scepticism forced."""
    bo = game.scenario.buildout
    shown = [x for x in d.decisions if isinstance(x.action, PresentBuildout)]
    if not shown:
        return [t(f"{L}.buildout_never", vision=words.busd(bo.vision_busd.value))]
    yes = [x for x in shown if x.went_well]
    out = [t(f"{L}.buildout_presented", n=len(shown), yes=len(yes),
             pledged=words.busd(float(game.st.pledged_busd[0])))]
    lost = -sum(x.changes.get("credibility", 0.0) for x in shown if x.went_well is False)
    if lost > 0.05:
        out.append(t(f"{L}.buildout_refused", lost=_n(lost)))
    if float(game.st.buildout_busd[0]) < bo.vision_busd.value:
        out.append(t(f"{L}.buildout_cut", vision=words.busd(bo.vision_busd.value),
                     scaled=words.busd(bo.scaled_back_busd.value)))
    return out


def _energy(game: Game, d) -> tuple[str, str]:
    on, need = _v(d, "power_gw_online"), _v(d, "power_gw_needed")
    short = sum(1 for a, b in zip(on[1:], need[1:], strict=True) if b > a + 1e-6)
    built = game.track("campus_gw_domestic") + game.track("campus_gw_abroad")
    parts = [
        t(f"{L}.energy_power", start=_n(on[0]), end=_gw(on[-1], ".1f"), need=_gw(need[-1], ".1f")),
        t(f"{L}.energy_campuses", gw=_gw(built, ",.0f")),
    ]
    if short:
        parts.append(t(f"{L}.energy_idle", count=short))
    pending = [x for x in d.decisions if x.later and any("power" in item for item in x.later)]
    if pending:
        titles = {dl.id: dl.title for dl in game.scenario.deals}
        signed = sorted({titles[x.action.deal] for x in pending if isinstance(x.action, SignDeal)})
        parts.append(t(f"{L}.energy_deals", deals=", ".join(signed)))
    return " ".join(parts), t(f"{Q}.energy")


def _roads(game: Game, d) -> tuple[str, str]:
    deals = {x.id: x for x in game.scenario.deals}
    lines, coming = [], 0.0
    for x in d.decisions:
        deal = deals.get(x.action.deal) if isinstance(x.action, SignDeal) else None
        if deal is None or not any("power_gw_online" in dl.effects.root for dl in deal.delayed):
            continue
        when = numbers.quarter(x.quarter)
        if x.went_well is False:
            if x.odds is not None:
                lines.append(t(f"{L}.road_failed_odds", deal=deal.title, quarter=when, odds=numbers.percent(x.odds)))
            else:
                lines.append(t(f"{L}.road_failed", deal=deal.title, quarter=when))
            continue
        for dl in deal.delayed:
            gw = dl.effects.root.get("power_gw_online", 0.0)
            if not gw:
                continue
            lands = x.turn + dl.after_quarters
            if lands >= d.quarters_played:
                coming += gw
            if lands < game.c.turns:
                lines.append(t(f"{L}.road_landing", deal=deal.title, quarter=when, gw=_gw(gw),
                               lands=numbers.quarter(game.c.date_label(lands))))
            else:
                lines.append(t(f"{L}.road_landing_late", deal=deal.title, quarter=when, gw=_gw(gw)))
    if not lines:
        text = t(f"{L}.roads_none")
    else:
        text = t(f"{L}.roads", roads=t("common.semicolon").join(lines))
        if coming:
            text += " " + t(f"{L}.roads_coming", gw=_gw(coming))
    return text, t(f"{Q}.roads")


def _team(game: Game, d) -> tuple[str, str]:
    tr = _v(d, "trust")
    away = sum(1 for q in game.quarters if q.tracks and q.tracks.get("away_streak", 0) >= 1)
    trips = sum(1 for q in game.quarters for a in q.actions if isinstance(a, Travel))
    parts = [t(f"{L}.team_away", away=away, quarters=d.quarters_played, count=trips, start=_n(tr[0]), end=_n(tr[-1]))]
    if d.incidents:
        quarters = ", ".join(numbers.quarter(q) for q in d.incidents)
        parts.append(t(f"{L}.team_incidents", quarters=quarters))
    else:
        parts.append(t(f"{L}.team_no_incident"))
    return " ".join(parts), t(f"{Q}.team")


def _luck(game: Game, d) -> tuple[str, str]:
    w = d.worlds
    if w is None:
        return t(f"{L}.luck_not_run"), t(f"{Q}.luck_not_run")
    return w.verdict, t(f"{Q}.luck")


def _tracks(game: Game, d) -> tuple[str, str]:
    moved = []
    for k in ("cash_busd", "revenue_busd_per_year", "power_gw_online", "scrutiny", "credibility", "trust", "valuation_busd"):
        v = _v(d, k)
        moved.append((abs(v[-1] - v[0]) / words.SCALE.get(k, 1.0), k, v[0], v[-1]))
    moved.sort(reverse=True)
    text = t("common.semicolon").join(
        t(f"{L}.track_moved", track=_lower_first(numbers.label(k)), start=words.value(k, a), end=words.value(k, b))
        for _, k, a, b in moved[:3]
    )
    return t(f"{L}.tracks_moved", moves=text), t(f"{Q}.tracks")


READERS: dict[str, Callable[[Game, object], tuple[str, str]]] = {
    "burn": _burn,
    "inference": _inference,
    "scrutiny": _scrutiny,
    "credibility": _credibility,
    "energy": _energy,
    "roads": _roads,
    "team": _team,
    "luck": _luck,
    "tracks": _tracks,
}

__all__ = ["THEMES", "theme_of", "lessons_for"]
