"""The debrief of a team's race result: the race replayed, the teams compared, in the class's
language, and a clear refusal for a file that is not the race it claims."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest

from game.classroom.race import write_race_results
from game.classroom.race_debrief import build_race_debrief, write_race_debrief
from game.classroom.replay import load_any
from game.cli import main
from game.core.match import Match
from game.text import numbers
from game.text.catalog import set_language
from tests.classroom.test_french_reports import _english_phrases
from tests.classroom.test_french_reports import _visible as _markup_visible
from tests.classroom.test_race_results import TEAMS, play


@pytest.fixture(scope="module")
def race(race_scenario):
    return play(Match(race_scenario, race_scenario.meta.seed, 4))


@pytest.fixture(scope="module")
def race_scenario():
    from game.scenario.loader import load_scenario_file
    from tests.classroom.conftest import CLASSROOM_DIR

    return load_scenario_file(CLASSROOM_DIR / "rival_labs.yaml")


@pytest.fixture
def team_files(race, tmp_path):
    return write_race_results(race, TEAMS, {}, tmp_path / "results")


@pytest.fixture(scope="module")
def written(race, tmp_path_factory):
    """The first team's race debrief, written once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("race-debrief")
    path = write_race_results(race, TEAMS, {}, folder / "results")[0]
    set_language("en")
    rd, _ = _debrief(path, folder / "d")
    return rd, folder / "d"


@pytest.fixture
def french():
    set_language("fr")
    yield
    set_language("en")


def _visible(page: str) -> str:
    """The words a reader sees (entities such as &#x27; read as the characters they are)."""
    return html_lib.unescape(_markup_visible(page))


def _debrief(path, out):
    loaded = load_any(path)
    rd = build_race_debrief(loaded.match, loaded.result)
    return rd, write_race_debrief(rd, out)


def test_a_race_result_s_debrief_names_every_lab_and_the_winner(race, team_files, tmp_path, capsys):
    out = tmp_path / "debrief"
    assert main(["--lang", "en", "debrief", str(team_files[1]), "--out", str(out)]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    page = _visible(html)
    for s in range(race.seats):
        assert race.lab_name(s) in page and TEAMS[s] in page
    assert race.winner is not None
    winner = race.lab_name(race.winner)
    doc = json.loads((out / "debrief.json").read_text(encoding="utf-8"))
    assert doc["winner_name"] == winner and doc["lab"] == race.lab_id(1)
    assert [lab["place"] for lab in doc["labs"] if lab["id"] == race.lab_id(race.winner)] == [1]
    for heading in ("The teams side by side", "Shared supplies: who took what", "The common fate", "Each team's key moves"):
        assert heading in page
    assert winner in page.split("The teams side by side")[0], "the outcome names the winner before anything else"
    assert '<img src="data:image/png;base64,' in html, "the page carries its charts"
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    assert {"race_valuation.png", "race_cash.png", "race_fate.png", "race_standings.png"} <= {p.name for p in out.iterdir()}
    assert winner in capsys.readouterr().out


def test_every_lab_s_figures_are_kept_at_each_quarter_s_end_and_end_as_the_race_did(race, written):
    rd, _ = written
    quarters = 1 + sum(1 for e in race.log if e.kind == "fate")
    assert len(rd.quarter_labels) == quarters == len(rd.fate)
    for lab in rd.labs:
        final = race.lab_figures(lab.seat)
        assert len(lab.figures["cash_busd"]) == quarters
        assert lab.figures["cash_busd"][-1] == pytest.approx(final["cash_busd"], abs=1e-3)
        assert lab.figures["valuation_busd"][-1] == pytest.approx(final["valuation_busd"], abs=1e-3)
    assert rd.fate[-1] == pytest.approx(race.common_fate)


def test_the_race_debrief_shows_the_common_fate_s_lowest_point(written):
    rd, folder = written
    low, when = rd.fate_low()
    assert low == min(rd.fate)
    page = _visible((folder / "report.html").read_text(encoding="utf-8"))
    assert numbers.number(low, ".1f") in page
    assert rd.when(when) in page


def test_the_shared_supplies_count_what_each_lab_took(race, written):
    """Chips bought add up to what the labs took from the market over the race."""
    rd, _ = written
    bought = sum(lab.chips_m for lab in rd.labs)
    lot = race.c.industry.consts.chip_lot_m
    buys = sum(1 for _, a in race.moves if a.kind == "buy_chips")
    assert bought >= buys * lot - 1e-6, "every purchase of a lot is counted"
    assert all(lab.sold_out >= 0 and lab.dearer >= 0 for lab in rd.labs)
    assert len(rd.lessons) == 3 and all(text for _, text in rd.lessons)


def test_a_french_race_debrief_holds_no_english_sentence_from_the_catalogs(french, team_files, tmp_path):
    out = tmp_path / "fr"
    assert main(["--lang", "fr", "debrief", str(team_files[0]), "--out", str(out)]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    page = _visible(html)
    assert "Les équipes côte à côte" in page
    left = [p for p in _english_phrases("classroom.race_debrief", "classroom.class_report.race", "classroom.series", "moves", "told", "unit", "date") if p in page]
    assert left == []


def test_the_french_race_debrief_catalog_spaces_its_punctuation_the_french_way():
    from game.text.catalog import entries

    def texts(v):
        return [x for x in v.values()] if isinstance(v, dict) else [v]

    for key, value in entries("fr").items():
        if key.startswith("classroom.race_debrief"):
            for text in texts(value):
                assert not re.search(r"[^\u00a0 ][:;!?]", text.replace("%{", "{")), (key, text)


@pytest.mark.parametrize("edit", ["outcome", "moves", "garbage"])
def test_a_corrupt_or_edited_race_file_gets_a_clear_one_line_refusal(team_files, tmp_path, capsys, edit):
    path = team_files[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    if edit == "outcome":
        data["outcome"]["result"] = "won" if data["outcome"]["result"] != "won" else "lost"
        path.write_text(json.dumps(data), encoding="utf-8")
    elif edit == "moves":
        data["race"]["moves"] = data["race"]["moves"][:5] + data["race"]["moves"][7:]
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_text(path.read_text(encoding="utf-8")[:300], encoding="utf-8")
    out = tmp_path / "never"
    code = main(["--lang", "en", "debrief", str(path), "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert str(path) in err
    assert not out.exists(), "nothing is written for a file that is not its race"


def test_a_lab_that_buys_chips_after_another_lab_bought_pays_more_and_the_debrief_counts_it(race_scenario):
    """Shared scarcity: the first lab of the quarter buys a lot; the next lab's lot costs more,
    and that purchase is counted against the lab that came second, not the first."""
    from game.classroom.race_debrief import replay_for_debrief
    from game.core.actions import EndQuarter
    from game.core.moves.chips import BuyChips

    m = Match(race_scenario, race_scenario.meta.seed, 2)
    first = m.acting
    m.apply_or_raise(BuyChips())
    m.apply_or_raise(EndQuarter())
    second = m.acting
    m.apply_or_raise(BuyChips())
    m.apply_or_raise(EndQuarter())
    _, walk = replay_for_debrief(m)
    assert walk.dearer[second] == 1 and walk.dearer_pct[second] > 0
    assert walk.dearer[first] == 0
    lot = m.c.industry.consts.chip_lot_m
    assert walk.chips[first] == pytest.approx(lot) and walk.chips[second] == pytest.approx(lot)


def test_a_race_stopped_before_its_end_gets_a_debrief_that_names_no_winner(race_scenario, tmp_path):
    m = play(Match(race_scenario, 7, 3), until_turn=2)
    assert not m.over
    (path,) = write_race_results(m, {0: "Solo"}, {1: "builder", 2: "safety_first"}, tmp_path / "results")
    rd, _ = _debrief(path, tmp_path / "d")
    assert rd.winner is None and not rd.finished and rd.outcome == "unfinished"
    assert len(rd.quarter_labels) == 3, "the start and the two quarters played"
    page = _visible((tmp_path / "d" / "report.html").read_text(encoding="utf-8"))
    assert "before any lab won" in page
    assert [s.played_by for s in rd.labs] == ["Solo", "bot (builder)", "bot (safety_first)"]
