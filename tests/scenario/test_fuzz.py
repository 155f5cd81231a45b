"""Random documents: the loader either accepts them or returns errors, and never crashes."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.loader import check_scenario_text
from game.scenario.report import ERROR

from .helpers import DEFAULT_DATA

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
words = st.sampled_from(
    [
        "id",
        "value",
        "when",
        "effects",
        "scrutiny",
        "cash_busd",
        "gte",
        "source",
        "weight",
        "choices",
        "space",
        "extends",
        "meta",
        "title",
        "year",
        "at",
        "signed",
        "chance",
    ]
) | st.text(min_size=1, max_size=10)


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(DEFAULT_DATA) if p]


def _set(doc, path, value):
    target = doc
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value


def assert_checked(text: str) -> None:
    checked = check_scenario_text(text, "fuzz.yaml")  # must not raise
    if checked.scenario is None:
        assert checked.report.errors, "a refused document must say why"
        for p in checked.report.errors:
            assert p.severity == ERROR and p.line >= 1 and p.column >= 1 and p.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(words, values, max_size=6))
def test_random_documents_are_accepted_or_refused_with_errors(doc):
    assert_checked(yaml.safe_dump(doc))


@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), values), min_size=1, max_size=3))
def test_the_default_campaign_with_random_values_swapped_in_never_crashes_the_loader(changes):
    doc = copy.deepcopy(DEFAULT_DATA)
    for path, value in changes:
        try:
            _set(doc, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the place
    assert_checked(yaml.safe_dump(doc, sort_keys=False))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_crashes_the_loader(text):
    assert_checked(text)
