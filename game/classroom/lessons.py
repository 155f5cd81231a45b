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


def _at(d, i: int) -> str:
    """Label of series index i: 'the start' or the quarter that ended there."""
    return "the start" if i == 0 else d.quarter_labels[i - 1]


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
    parts = [
        f"You started spending {words.value('spend_busd_per_year', spend[0])} against revenue of "
        f"{words.value('revenue_busd_per_year', rev[0])} (a burn of {burn[0]:.1f} $B a year) and "
        f"ended at {words.value('spend_busd_per_year', spend[-1])} against {words.value('revenue_busd_per_year', rev[-1])}.",
    ]
    if runway[low] != float("inf"):
        parts.append(f"Your shortest runway was {max(runway[low], 0):.1f} quarters, at {_at(d, low)}.")
    if pitches:
        parts.append(
            f"You pitched {len(pitches)} time{'s' if len(pitches) > 1 else ''} and {len(yes)} "
            f"succeeded, raising {words.busd(raised)} and selling {sold[-1] - sold[0]:.0f}% of the lab."
        )
    else:
        parts.append("You never pitched investors: every dollar spent came from the bank or from revenue.")
    return " ".join(parts), "Which decision added most to the burn, and what did it buy?"


def _inference(game: Game, d) -> tuple[str, str]:
    """Compute: what the game spent training models and serving queries, beside what the
    articles report (the spending went mostly to the computing power to train large models)."""
    ledger = d.ledger
    training, serving = sum(ledger["q_training_busd"]), sum(ledger["q_inference_busd"])
    spent = sum(sum(ledger[k]) for k in ("q_inference_busd", "q_training_busd", "q_staff_busd", "q_products_busd", "q_capex_busd"))
    n = d.quarters_played
    # the articles' figures are the real lab's: said only where the scenario plays that lab
    # (it reports the lab's history), never in a mod about another lab
    parts = [t("classroom.lesson.compute_reported")] if game.scenario.history else []
    if spent > 0:
        parts.append(t(
            "classroom.lesson.compute_game", quarters=n, training=words.busd(training),
            training_share=f"{training / spent:.0%}", serving=words.busd(serving), serving_share=f"{serving / spent:.0%}",
        ))
    launches = sum(1 for x in d.decisions if x.action is not None and x.action.kind == "launch_model")
    parts.append(t("classroom.lesson.compute_launches", count=launches))
    return " ".join(parts), t("classroom.question.compute")


def _scrutiny(game: Game, d) -> tuple[str, str]:
    sc = _v(d, "scrutiny")
    peak = max(range(len(sc)), key=lambda i: sc[i])
    raisers = sorted((x for x in d.decisions if x.changes.get("scrutiny", 0) > 0), key=lambda x: -x.changes["scrutiny"])
    # the money that draws most scrutiny: the investors' space whose yes adds the most
    spaces = [sp for sp in game.scenario.board.spaces if sp.pitch is not None]
    watched = max(spaces, key=lambda sp: sp.pitch.scrutiny_on_success.value, default=None)
    gulf = [x for x in _pitches(d) if x.went_well and watched is not None and x.space == watched.id]
    gulf_money = sum(x.action.ask_busd for x in gulf)
    parts = [f"Scrutiny went from {sc[0]:.1f} to {sc[-1]:.1f}, peaking at {sc[peak]:.1f} ({_at(d, peak)})."]
    if gulf:
        parts.append(f"You raised {words.busd(gulf_money)} in {watched.name} in {len(gulf)} round{'s' if len(gulf) > 1 else ''}.")
    if raisers:
        top = raisers[0]
        parts.append(f"The decision that raised it most: {top.label} ({top.quarter}, +{top.changes['scrutiny']:.1f}).")
    cards = [c for c in d.cards if c.changes.get("scrutiny", 0) > 0]
    if cards:
        parts.append(f"{len(cards)} card{'s' if len(cards) > 1 else ''} raised it without asking you.")
    where = watched.name if watched is not None else ""
    return " ".join(parts), t("classroom.question.scrutiny", space=where) if where else t("classroom.question.scrutiny_anywhere")


def _pitches(d) -> list:
    """The player's pitches to investors, in order."""
    return [x for x in d.decisions if isinstance(x.action, Pitch)]


def _credibility(game: Game, d) -> tuple[str, str]:
    cr = _v(d, "credibility")
    pitches = _pitches(d)
    parts = [f"Credibility went from {cr[0]:.1f} to {cr[-1]:.1f}."]
    if pitches:
        biggest = max(pitches, key=lambda x: x.action.ask_busd)
        said = "accepted" if biggest.went_well else "refused"
        parts.append(f"Your biggest ask: {biggest.label} ({biggest.quarter}), {said}.")
        refused = [x for x in pitches if x.went_well is False]
        lost = -sum(x.changes.get("credibility", 0.0) for x in refused)
        if refused and lost > 0.05:
            parts.append(
                f"{len(refused)} refused pitch{'es' if len(refused) > 1 else ''} cost "
                f"{lost:.1f} points of credibility."
            )
        elif refused:
            parts.append(
                f"{len(refused)} pitch{'es were' if len(refused) > 1 else ' was'} refused, at no cost "
                "in credibility: none asked for more than the lab was worth."
            )
    else:
        parts.append("You never pitched, so investors never had the chance to laugh.")
    ladder = [a.value for a in game.scenario.ask_ladder]
    question = t("classroom.question.credibility", big=words.busd(max(ladder)), small=words.busd(min(ladder)))
    if game.scenario.buildout is not None:
        parts += _buildout(game, d)
        question = t("classroom.question.buildout")
    return " ".join(parts), question


def _buildout(game: Game, d) -> list[str]:
    """What the game's presentations of the industry build-out showed: pledges that were never
    the lab's cash, the credibility the refusals cost, and the scale-back scepticism forced."""
    bo = game.scenario.buildout
    shown = [x for x in d.decisions if isinstance(x.action, PresentBuildout)]
    if not shown:
        return [t("classroom.lesson.buildout_never", vision=words.busd(bo.vision_busd.value))]
    yes = [x for x in shown if x.went_well]
    out = [t("classroom.lesson.buildout_presented", n=len(shown), yes=len(yes),
             pledged=words.busd(float(game.st.pledged_busd[0])))]
    lost = -sum(x.changes.get("credibility", 0.0) for x in shown if x.went_well is False)
    if lost > 0.05:
        out.append(t("classroom.lesson.buildout_refused", lost=f"{lost:.1f}"))
    if float(game.st.buildout_busd[0]) < bo.vision_busd.value:
        out.append(t("classroom.lesson.buildout_cut", vision=words.busd(bo.vision_busd.value),
                     scaled=words.busd(bo.scaled_back_busd.value)))
    return out


def _energy(game: Game, d) -> tuple[str, str]:
    on, need = _v(d, "power_gw_online"), _v(d, "power_gw_needed")
    short = sum(1 for a, b in zip(on[1:], need[1:], strict=True) if b > a + 1e-6)
    built = game.track("campus_gw_domestic") + game.track("campus_gw_abroad")
    parts = [
        f"Power online went from {on[0]:.1f} to {on[-1]:.1f} GW; your own chips needed {need[-1]:.1f} GW at the end.",
        f"You commissioned {built:.0f} GW of campuses.",
    ]
    if short:
        parts.append(f"In {short} quarter{'s' if short > 1 else ''}, chips stood idle waiting for power.")
    pending = [x for x in d.decisions if x.later and any("power" in item for item in x.later)]
    if pending:
        titles = {dl.id: dl.title for dl in game.scenario.deals}
        parts.append(f"Power deals signed: {', '.join(sorted({titles[x.action.deal] for x in pending if isinstance(x.action, SignDeal)}))}.")
    return " ".join(parts), "Why can't money alone buy a gigawatt next quarter? What takes the time?"


def _roads(game: Game, d) -> tuple[str, str]:
    deals = {x.id: x for x in game.scenario.deals}
    lines, coming = [], 0.0
    for x in d.decisions:
        deal = deals.get(x.action.deal) if isinstance(x.action, SignDeal) else None
        if deal is None or not any("power_gw_online" in dl.effects.root for dl in deal.delayed):
            continue
        if x.went_well is False:
            lines.append(f"{deal.title} ({x.quarter}) fell through{_odds(x)}")
            continue
        for dl in deal.delayed:
            gw = dl.effects.root.get("power_gw_online", 0.0)
            if not gw:
                continue
            lands = x.turn + dl.after_quarters
            when = game.c.date_label(lands) if lands < game.c.turns else "after the calendar ends"
            if lands >= d.quarters_played:
                coming += gw
            lines.append(f"{deal.title} ({x.quarter}): {gw:g} GW, landing {when}")
    if not lines:
        text = "You signed no power deal: any gigawatt had to come from cards."
    else:
        text = "Your roads to power: " + "; ".join(lines) + "."
        if coming:
            text += f" {coming:g} GW were still on their way when the game ended."
    return text, "Which road to power would you take again: the fastest, the biggest or the safest?"


def _odds(x) -> str:
    return f" (odds were {x.odds:.0%})" if x.odds is not None else ""


def _team(game: Game, d) -> tuple[str, str]:
    tr = _v(d, "trust")
    away = sum(1 for q in game.quarters if q.tracks and q.tracks.get("away_streak", 0) >= 1)
    trips = sum(1 for q in game.quarters for a in q.actions if isinstance(a, Travel))
    parts = [
        f"You spent {away} of {d.quarters_played} quarters away from headquarters ({trips} journeys); "
        f"team trust went from {tr[0]:.1f} to {tr[-1]:.1f}."
    ]
    if d.incidents:
        parts.append(f"Incidents (rushed releases, lapses) struck in {', '.join(d.incidents)}.")
    else:
        parts.append("No incident struck.")
    return " ".join(parts), "What does a lab lose while its CEO is on the road, and is the money worth it?"


def _luck(game: Game, d) -> tuple[str, str]:
    w = d.worlds
    if w is None:
        return "The parallel worlds were not run for this debrief.", "How would you tell skill from luck in one game?"
    return w.verdict, "Which of your decisions would you keep if you played again, and which were lucky?"


def _tracks(game: Game, d) -> tuple[str, str]:
    moved = []
    for k in ("cash_busd", "revenue_busd_per_year", "power_gw_online", "scrutiny", "credibility", "trust", "valuation_busd"):
        v = _v(d, k)
        moved.append((abs(v[-1] - v[0]) / words.SCALE.get(k, 1.0), k, v[0], v[-1]))
    moved.sort(reverse=True)
    text = "; ".join(f"{numbers.label(k).lower()} {words.value(k, a)} to {words.value(k, b)}" for _, k, a, b in moved[:3])
    return f"The tracks that moved most: {text}.", "Which of these changes did you plan, and which happened to you?"


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
