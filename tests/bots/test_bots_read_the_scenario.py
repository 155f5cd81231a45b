"""The bots read the scenario they play, not the default campaign."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import numpy as np
import yaml

from game.cli.validate_cmd import validate_paths
from game.core.compiled import compile_scenario
from game.core.state import ONGOING
from game.scenario.loader import load_scenario_file
from game.scenario.registry import BUILTIN_DIR, REPO_ROOT
from game.sim.driver import play_batch
from tests.scenario.helpers import DEFAULT_DATA, write

BOTS_DIR = REPO_ROOT / "game" / "bots"
EUROPEAN_LAB = BUILTIN_DIR / "examples" / "european_lab" / "european_lab.yaml"


# Ledger ids that are plain words of any program (np.round, "ask" for a pitch's amount...).
PLAIN_WORDS = {"ask", "round", "spend", "rev", "burn", "departures", "rivals", "shortage", "gigawatts"}


def default_content_ids() -> set[str]:
    """Every id of the default campaign: spaces, deals, products, cards, campus sites (their
    space), goals and endings, the figures ledger's ids its sources cite (but plain words), the
    words of its spaces' names, and the parts of its deals' and products' ids written in capitals
    in its texts (TSMC, MGX, UAE; not "US", a plain word too)."""
    d = DEFAULT_DATA
    text = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    ids = {sp["id"] for sp in d["board"]["spaces"]}
    ids |= {x["id"] for key in ("deals", "products", "events") for x in d.get(key, [])}
    ids |= {x["space"] for x in d.get("campus_sites", [])}
    ids |= {g["id"] for g in d["goals"]["win"] + d["goals"]["lose"]}
    cited = set(re.findall(r"ledger: ([a-z][a-z0-9_]*)", text)) | set(re.findall(r"\(([a-z][a-z0-9_]*)\)", text))
    ids |= cited - PLAIN_WORDS
    ids |= {w.lower() for sp in d["board"]["spaces"] for w in sp["name"].split()}
    parts = {p for x in d["deals"] + d.get("products", []) for p in x["id"].split("_")}
    ids |= {p for p in parts if p != "us" and re.search(rf"\b{p.upper()}\b", text)}
    return ids


def signed_share(scenario, deal_id: str, bot: str = "planner", worlds: int = 200, seed: int = 5) -> float:
    c = compile_scenario(scenario)
    i = [d.id for d in scenario.deals].index(deal_id)
    st = play_batch(c, worlds, bot, seed).state
    assert (st.outcome != ONGOING).all()
    return float((st.deals_signed[:, 0, i] > 0).mean())


def test_no_id_of_the_default_campaign_appears_in_the_bots():
    ids = default_content_ids()
    assert {"abu_dhabi", "tokyo", "nuclear_restart", "uae_fabs", "tsmc", "washington"} <= ids  # the list is real
    found = []
    for path in sorted(BOTS_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            for word in re.findall(r"[A-Za-z][A-Za-z0-9_]*", line):
                if word.lower() in ids:
                    found.append(f"{path.relative_to(REPO_ROOT)}:{n}: {word}")
    assert found == []


def test_on_the_european_lab_the_planner_signs_the_mod_s_own_deals():
    lab = load_scenario_file(EUROPEAN_LAB)
    shares = {d.id: signed_share(lab, d.id) for d in lab.deals}
    assert max(shares.values()) > 0.5, shares
    # the public compute grant costs nothing and risks nothing: the planner takes it
    assert shares["eu_compute_grant"] > 0.5


def _with_new_deal(tmp_path: Path, power_gw: float, cost_busd: float) -> Path:
    """The default campaign plus a deal it lacks: a utility at Tokyo that sells `power_gw` of
    geothermal power, delivered in two quarters, for `cost_busd`."""
    data = copy.deepcopy(DEFAULT_DATA)
    data["meta"]["id"] = "with_a_new_deal"
    data["deals"].append(
        {
            "id": "geothermal_grid",
            "space": "tokyo",
            "title": "Geothermal power",
            "text": "A utility sells you geothermal power, delivered in half a year.",
            "source": "assumption: a test deal the default campaign lacks",
            "cost_busd": cost_busd,
            "delayed": [{"after_quarters": 2, "effects": {"power_gw_online": power_gw}}],
            "max_times": 4,
        }
    )
    path = write(tmp_path, f"new_deal_{power_gw:g}_{cost_busd:g}.yaml", yaml.safe_dump(data, sort_keys=False))
    assert [str(p) for p in validate_paths([path]).report if p.severity == "error"] == []
    return path


def test_the_planner_signs_a_new_deal_that_pays(tmp_path):
    # 2 GW for 0.5 $B: more power for the money than any deal of the default campaign
    # (the planner only builds, and so only needs power, in the games where money allows it)
    good = load_scenario_file(_with_new_deal(tmp_path, power_gw=2, cost_busd=0.5))
    share = signed_share(good, "geothermal_grid")
    assert share > 0.4
    assert share > max(signed_share(good, "uae_campus_power"), signed_share(good, "nuclear_restart"))


def test_the_planner_leaves_a_new_deal_that_does_not_pay(tmp_path):
    # a trickle of power for the price of a campus
    bad = load_scenario_file(_with_new_deal(tmp_path, power_gw=0.01, cost_busd=20))
    # rarely: the planner takes it only where every other power deal is used up (about one game
    # in twenty over 1,000 worlds; 200 worlds give it some room)
    assert signed_share(bad, "geothermal_grid") < 0.1


def test_the_historical_bot_replays_the_reported_plays_and_otherwise_plays_like_cautious():
    lab = load_scenario_file(EUROPEAN_LAB)
    assert lab.reported_plays == []
    c = compile_scenario(lab)
    historical = play_batch(c, 50, "historical", 3).state
    cautious = play_batch(c, 50, "cautious", 3).state
    assert np.array_equal(historical.tracks, cautious.tracks)


def test_reported_plays_naming_an_unknown_deal_are_refused_at_their_line(tmp_path):
    text = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    text = text.replace("- {sign: nuclear_restart}", "- {sign: nuclear_restrat}", 1)
    path = write(tmp_path, "typo.yaml", text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "nuclear_restrat" in t)
    problems = [str(p) for p in validate_paths([path]).report if p.severity == "error"]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line}:")
    assert 'unknown deal "nuclear_restrat"' in problems[0]
    assert 'did you mean "nuclear_restart"' in problems[0]


def test_reported_plays_must_pitch_an_ask_of_the_ladder_where_investors_are(tmp_path):
    text = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    text = text.replace("- {pitch: 6.5}", "- {pitch: 6}", 1)
    text = text.replace("- {present: hsinchu}", "- {pitch: 1000, at: washington}", 1)
    path = write(tmp_path, "asks.yaml", text)
    problems = [str(p) for p in validate_paths([path]).report if p.severity == "error"]
    assert any("6 $B is not on the ask_ladder" in p for p in problems), problems
    assert any('no investors at "washington"' in p for p in problems), problems


def test_every_bot_a_scenario_may_seat_a_lab_with_exists():
    """The scenario format's `labs: rivals: bot` names only bots the game has."""
    from game.bots import BOTS
    from game.scenario.schema import LAB_BOTS

    assert set(LAB_BOTS) <= set(BOTS)
