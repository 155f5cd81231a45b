"""The one place facts become sentences: `Words(scenario).say(fact)`.

The core states facts (game.core.facts): an id and its figures. `say` looks the id up in the
translation catalogs under `fact.<id>` and fills its placeholders from the figures, each said
the way its name asks: a space, deal, product, site or card id becomes its title in the
scenario, a sum of $B becomes money, odds become a percentage, a fact becomes its own sentence.
The desktop, the text mode and the classroom reports all speak through it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from game.core.compiled import YOUR_LAB, Compiled, compile_scenario
from game.core.explain import BEST_STANDING, COMMON_FATE, RIVAL_WON, TIME_UP
from game.core.facts import Fact
from game.scenario.schema import Condition, Scenario, split_source
from game.text import numbers
from game.text.catalog import t
from game.text.conditions import describe_condition, describe_ending


def sentence(text: str) -> str:
    """`text` ending with a full stop, unless it already ends a sentence ("?", "!", ".")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…", ":")) else text + "."


class Words:
    """Sentences for one scenario's facts."""

    def __init__(self, scenario: Scenario, compiled: Compiled | None = None):
        self.s = scenario
        self._c = compiled

    @cached_property
    def c(self) -> Compiled:
        return self._c or compile_scenario(self.s)

    @cached_property
    def _titles(self) -> dict[str, dict[str, str]]:
        s = self.s
        return {
            "space": {sp.id: sp.name for sp in s.board.spaces},
            "deal": {d.id: d.title for d in s.deals},
            "product": {p.id: p.title for p in s.products},
            "site": {cs.space: cs.title for cs in s.campus_sites},
            "card": {e.id: e.title for e in s.events},
        }

    # ----- the one entry point ----------------------------------------------------------------

    def say(self, f: Fact | None) -> str:
        """The fact as the player reads it ("" for None)."""
        if f is None:
            return ""
        special = getattr(self, "_say_" + f.id.replace(".", "_"), None)
        if special is not None:
            return special(f.figures)
        return t(f"fact.{f.id}", **self._figures(f.figures))

    def _figures(self, figures: Mapping[str, Any], when: bool = False) -> dict[str, object]:
        """The figures as words; with `when`, also the `when:` condition of the deal, product
        or site they name (`deal_when`...), for the refusals that quote it."""
        out: dict[str, object] = {}
        for name, v in figures.items():
            out[name] = self._figure(name, v)
        for kind in ("deal", "product", "site") if when else ():
            if kind in figures:
                out[f"{kind}_when"] = self._when(kind, figures[kind])
        return out

    def _figure(self, name: str, v: Any) -> object:
        if isinstance(v, Fact):
            return self.say(v)
        if v is None:
            return ""
        if name in ("space", "to", "home"):
            return self._titles["space"].get(v, v)
        if name == "lab":
            return self.lab_name(v)
        if name == "pool":
            return self.pool_name(v)
        if name in ("deal", "product", "site", "card"):
            return self._titles[name].get(v, v)
        if name == "move":
            return t(f"moves.{v}")
        if name.endswith("_busd"):
            return numbers.money(float(v))
        if name in ("odds", "rushed", "turned_away"):
            return numbers.percent(float(v)) if v is not None and math.isfinite(float(v)) else "?"
        if name == "turn":
            return self.c.date_label(int(v))
        if name == "ladder":
            return ", ".join(numbers.money(x) for x in v)
        if isinstance(v, float):
            return numbers.number(v, "g")
        return v

    def _when(self, kind: str, id_: str) -> str:
        s = self.s
        items = {"deal": s.deals, "product": s.products}.get(kind)
        if items is not None:
            cond = next((x.when for x in items if x.id == id_), None)
        else:
            cond = next((x.when for x in s.campus_sites if x.space == id_), None)
        return self.condition(cond)

    # ----- facts that need more than one catalog line -------------------------------------------

    def _say_move_choose(self, f: Mapping[str, Any]) -> str:
        card = next((e for e in self.s.events if e.id == f.get("card")), None)
        j = int(f.get("option", 0))
        if card is not None and j < len(card.choices):
            return t("fact.move.choose", choice=card.choices[j].label)
        return t("fact.move.choose_n", n=j + 1)

    def _say_move_commission_campus(self, f: Mapping[str, Any]) -> str:
        site = f.get("site")
        if site is None:
            return t("fact.move.commission_any")
        return t("fact.move.commission_campus", site=self._titles["site"].get(site, site))

    def _say_move_launch_model(self, f: Mapping[str, Any]) -> str:
        return t("fact.move.launch_model", title=self.s.hq_actions.launch_model.title)

    def _say_move_operations(self, f: Mapping[str, Any]) -> str:
        return self.s.hq_actions.operations.title

    def _say_move_safety_review(self, f: Mapping[str, Any]) -> str:
        return self.s.hq_actions.safety_review.title

    def _say_refused_deal_used(self, f: Mapping[str, Any]) -> str:
        key = "fact.refused.deal_used_many" if int(f.get("times", 1)) > 1 else "fact.refused.deal_used"
        return t(key, **self._figures(f))

    def _say_refused_deal_when(self, f: Mapping[str, Any]) -> str:
        fig = self._figures(f, when=True)
        return t("fact.refused.deal_when" if fig.get("deal_when") != t("condition.any") else "fact.refused.deal_closed", **fig)

    def _say_refused_product_when(self, f: Mapping[str, Any]) -> str:
        fig = self._figures(f, when=True)
        return t("fact.refused.product_when" if fig.get("product_when") != t("condition.any") else "fact.refused.product_closed", **fig)

    def _say_refused_site_closed(self, f: Mapping[str, Any]) -> str:
        site = f.get("site")
        if site is None:
            return t("fact.refused.site_closed_any")
        fig = self._figures(f, when=True)
        return t("fact.refused.site_closed" if fig.get("site_when") != t("condition.any") else "fact.refused.site_closed_any", **fig)

    def _say_refused_no_investors(self, f: Mapping[str, Any]) -> str:
        where = ", ".join(sp.name for sp in self.s.board.spaces if sp.pitch is not None)
        return t("fact.refused.no_investors", where=where)

    def _say_refused_no_backer(self, f: Mapping[str, Any]) -> str:
        where = ", ".join(self._titles["space"].get(x, x) for x in f.get("where", ()))
        return t("fact.refused.no_backer", where=where or t("fact.refused.nowhere"))

    def _say_refused_no_site(self, f: Mapping[str, Any]) -> str:
        where = ", ".join(self._titles["space"][cs.space] for cs in self.s.campus_sites)
        return t("fact.refused.no_site", where=where or t("fact.refused.nowhere"))

    def _say_refused_attention(self, f: Mapping[str, Any]) -> str:
        need = f.get("need")
        if need is None:
            return t("fact.refused.attention_any")
        return t("fact.refused.attention", need=numbers.number(float(need), "g"))

    def _say_unknown_rung(self, f: Mapping[str, Any]) -> str:
        return t("fact.unknown.rung", ask_busd=numbers.money(float(f["ask_busd"])),
                 ladder=", ".join(numbers.money(x) for x in f.get("ladder", ())))

    def _say_told_delivered(self, f: Mapping[str, Any]) -> str:
        landed = f.get("landed", {})
        what = ", ".join(f"{numbers.label(k)} {numbers.delta(k, v)}" for k, v in landed.items())
        return t("fact.told.delivered", what=what)

    def _say_told_quarter_moved(self, f: Mapping[str, Any]) -> str:
        parts = [
            t("fact.told.moved_track", track=numbers.label(k).lower(), before=numbers.number(a, ".1f"), after=numbers.number(b, ".1f"))
            for k, (a, b) in f.get("moved", {}).items()
        ]
        if f.get("turned_away"):
            parts.append(t("fact.told.turned_away", share=numbers.percent(float(f["turned_away"]))))
        return sentence(t("common.semicolon").join(parts))

    def _say_told_card(self, f: Mapping[str, Any]) -> str:
        card = next((e for e in self.s.events if e.id == f.get("card")), None)
        if card is None:
            return ""
        return f"{sentence(card.title)} {' '.join(card.text.split())}"

    def _say_told_card_drawn(self, f: Mapping[str, Any]) -> str:
        return sentence(t("fact.told.card_drawn", **self._figures(f)))

    def _say_told_common_fate(self, f: Mapping[str, Any]) -> str:
        fate = self.s.labs.common_fate if self.s.labs is not None else None
        return sentence(t("fact.told.common_fate", name=fate.name if fate is not None else "",
                          value=numbers.number(float(f.get("value", 0.0)), "g")))

    def _say_told_lab_over(self, f: Mapping[str, Any]) -> str:
        return t("fact.told.lab_over", lab=self.lab_name(f.get("lab")), outcome=t(f"fact.outcome.{f.get('outcome')}"),
                 reason=self.ending(f.get("outcome"), f.get("ending")))

    def pool_name(self, pool_id: str | None) -> str:
        """A shared supply's name in a match (the scenario's `labs: shared`), from its id."""
        labs = self.s.labs
        if labs is None or pool_id is None:
            return pool_id or ""
        pools = list(labs.shared.capital) + list(labs.shared.capacity)
        return next((p.name for p in pools if p.id == pool_id), pool_id)

    def lab_name(self, lab_id: str | None) -> str:
        """A lab's name in a match (the scenario's `labs:`), from its id."""
        labs = self.s.labs
        if labs is None or lab_id is None:
            return lab_id or ""
        if lab_id == YOUR_LAB:
            return labs.your_lab.name
        return next((x.name for x in labs.rivals if x.id == lab_id), lab_id)

    def _say_told_game_over(self, f: Mapping[str, Any]) -> str:
        return t("fact.told.game_over", outcome=t(f"fact.outcome.{f.get('outcome')}"),
                 reason=self.ending(f.get("outcome"), f.get("ending")))

    def _say_cause_ledger(self, f: Mapping[str, Any]) -> str:
        return t(f"fact.ledger.{f['line']}")

    def _say_origin_start(self, f: Mapping[str, Any]) -> str:
        return t("fact.origin.start", value=self._fig_value(f), **self._origin(f))

    def _say_origin_rented(self, f: Mapping[str, Any]) -> str:
        return t("fact.origin.rented", value=self._fig_value(f), **self._origin(f))

    def _say_origin_worked_out(self, f: Mapping[str, Any]) -> str:
        return t("fact.origin.worked_out", value=self._fig_value(f), **self._origin(f))

    @staticmethod
    def _origin(f: Mapping[str, Any]) -> dict[str, str]:
        """A figure's source for a sentence: its kind in the player's words, and what it says."""
        kind, said = split_source(str(f.get("source", "")))
        return {"kind": t(f"common.kind.{kind}"), "source": numbers.plain_source(said)}

    @staticmethod
    def _fig_value(f: Mapping[str, Any]) -> str:
        return numbers.figure_value(float(f.get("value", 0)), f.get("unit") or "")

    def result(self, told: Fact | None) -> str:
        """What chance made of a move, without the move ("investors said no (odds were 14%)");
        "" for a move chance did not decide."""
        if told is None or not told.id.startswith("told."):
            return ""
        key = "fact.result." + told.id.removeprefix("told.")
        text = t(key, **self._figures(told.figures))
        return "" if text == key else text

    def brief(self, told: Fact | None) -> str:
        """What a move did, without the odds (for the projector's short lines)."""
        if told is not None and told.id.startswith("told."):
            key = "fact.brief." + told.id.removeprefix("told.")
            text = t(key, **self._figures(told.figures))
            if text != key:
                return text
        return self.say(told)

    def about(self, f: Fact) -> tuple[str, str]:
        """What a move is about, for its tooltip: (its text, its source), from the scenario
        (a deal's text and source, a space's description...) or the catalog."""
        fig = f.figures
        s = self.s
        kind = f.id.removeprefix("about.")
        if kind == "travel":
            return s.space(fig["to"]).description, ""
        if kind == "pitch":
            ladder = s.ask_ladder[int(fig["rung"])]
            return t("action.pitch_text", place=self._titles["space"][fig["space"]]), ladder.origin()
        if kind == "sign":
            deal = next(d for d in s.deals if d.id == fig["deal"])
            return deal.text, deal.source
        if kind == "present_buildout" and s.buildout is not None:
            bo = s.buildout
            backer = next((b for b in bo.backers if b.space == fig.get("space")), None)
            scale = t("fact.about.present_buildout", **self._figures(fig))
            text = " ".join(x for x in (" ".join(bo.text.split()), backer.text if backer else "", scale) if x)
            return text, bo.source
        if kind == "hq":
            terms = getattr(s.hq_actions, fig["move"])
            return terms.text, terms.source
        if kind == "product":
            prod = next(p for p in s.products if p.id == fig["product"])
            return prod.text, prod.source
        if kind == "campus":
            site = next((x for x in s.campus_sites if x.space == fig.get("site")), None)
            return (site.text, site.source) if site is not None else ("", "")
        if kind == "choice":
            card = next((e for e in s.events if e.id == fig.get("card")), None)
            j = int(fig.get("option", 0))
            if card is None or j >= len(card.choices):
                return "", ""
            return card.choices[j].text, card.source
        return t(f"fact.about.{kind}"), ""

    # ----- scenario texts the core points at -----------------------------------------------------

    def condition(self, cond: Condition | None, connector: str | None = None) -> str:
        """A `when:` condition in words ("when your campuses at home reach 1 GW")."""
        return describe_condition(cond, self.c, connector)

    def ending_rule(self, cond: Condition | None, won: bool) -> str:
        """When a goal or an ending is reached, as one sentence."""
        return describe_ending(cond, self.c, won)

    def _match_ending(self, ending_id: str | None) -> tuple[str, str] | None:
        """(title, text) of how a lab's match ended, when not by one of the scenario's goals."""
        fate = self.s.labs.common_fate if self.s.labs is not None else None
        if fate is not None and ending_id == fate.id:
            return fate.title, " ".join(fate.ending.split())
        if ending_id in (BEST_STANDING, RIVAL_WON, COMMON_FATE):
            return t(f"fact.outcome.{ending_id}"), t(f"fact.outcome.{ending_id}_text")
        return None

    def ending(self, outcome: str | None, ending_id: str | None) -> str:
        """'<the goal's title>: <what happened>', or the time-up text alone."""
        match = self._match_ending(ending_id)
        if match is not None:
            return f"{match[0]}: {match[1]}"
        if ending_id == TIME_UP:
            return self.s.goals.time_up
        goal = self._goal(ending_id)
        return f"{goal.title}: {goal.text}" if goal is not None else ""

    def ending_title(self, ending_id: str | None) -> str:
        """The headline of an ending: the goal's title, 'Time ran out', or 'Still playing'."""
        match = self._match_ending(ending_id)
        if match is not None:
            return match[0]
        if ending_id == TIME_UP:
            return t("fact.outcome.time_up")
        goal = self._goal(ending_id)
        return goal.title if goal is not None else t("fact.outcome.still_playing")

    def ending_text(self, ending_id: str | None) -> str:
        """What an ending says happened, in the scenario's words."""
        match = self._match_ending(ending_id)
        if match is not None:
            return match[1]
        if ending_id == TIME_UP:
            return " ".join(self.s.goals.time_up.split())
        goal = self._goal(ending_id)
        return " ".join(goal.text.split()) if goal is not None else t("fact.outcome.stopped")

    def _goal(self, ending_id: str | None):
        g = self.s.goals
        return next((x for x in list(g.win) + list(g.lose) if x.id == ending_id), None)

    def outcome_reason(self, game) -> str:
        """How a finished game ended, in the scenario's words."""
        return self.ending(game.outcome, game.outcome_id)

    def date(self, turn: int) -> str:
        """A quarter of the game in the language in use: "Q1 2024", "T1 2024"."""
        return numbers.quarter(self.c.date_label(turn))


_BY_SCENARIO: dict[int, Words] = {}


def words_for(game) -> Words:
    """The `Words` of a game's scenario, made once per scenario (a game and its reloads share it)."""
    w = _BY_SCENARIO.get(id(game.scenario))
    if w is None or w.s is not game.scenario:
        if len(_BY_SCENARIO) > 16:
            _BY_SCENARIO.clear()
        w = _BY_SCENARIO[id(game.scenario)] = Words(game.scenario, game.c)
    return w


def say(game, f: Fact | None) -> str:
    """A fact of `game` as the player reads it ("" for None)."""
    return words_for(game).say(f)
