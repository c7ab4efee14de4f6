"""Search input: whatever a user types returns results or nothing, never an exception."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.store import Store, open_store
from expo_tui.store.search import MAX_TERMS, match_expression, search_terms

from ..conftest import SHIPPED_DB

FTS_SYNTAX = st.sampled_from(
    [
        '"',
        "'",
        "*",
        "-",
        "+",
        "^",
        ":",
        "(",
        ")",
        "{",
        "}",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "\\",
        "\x00",
        "\u200f",
        "e\u0301",
        "🇮🇩",
        "Türkiye",
        "ру",
        "中国",
        "rus",
        " ",
    ]
)
USER_TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(FTS_SYNTAX, max_size=12).map("".join),
    st.lists(FTS_SYNTAX, max_size=12).map(" ".join),
)


@pytest.fixture(scope="module")
def store() -> Store:
    opened = open_store(SHIPPED_DB, readonly=True)
    yield opened
    opened.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=USER_TEXT)
def test_any_text_searches_without_raising(store: Store, text: str) -> None:
    (expo,) = store.expos()
    hits = store.search(text, expo=expo, limit=20)
    assert len(hits) <= 20
    countries = store.countries(expo, text).items
    assert all(c.country.code for c in countries)


@settings(max_examples=300, deadline=None)
@given(text=USER_TEXT)
def test_match_expression_quotes_every_term(text: str) -> None:
    expression = match_expression(text)
    if expression is None:
        assert search_terms(text) == []
        return
    for part in expression.split(" "):
        assert part.startswith('"') and part.endswith('"*')
    assert len(search_terms(text)) <= MAX_TERMS


def test_operators_are_searched_as_words(store: Store) -> None:
    (expo,) = store.expos()
    assert [c.country.code for c in store.countries(expo, "korea selatan").items] == ["KOR"]
    # Quoted, AND is the word "and", which no name of South Korea holds: not an operator.
    assert store.countries(expo, "korea AND selatan").items == ()
    # OR would widen the match if it were an operator; as a word it narrows it to nothing.
    assert store.countries(expo, "rusia OR kanada").items == ()


def test_accents_are_ignored_both_ways(store: Store) -> None:
    (expo,) = store.expos()
    assert [h.ref for h in store.search("Gorgun", kinds=("person",))] == ["haluk-gorgun"]
    assert [h.ref for h in store.search("Görgün", kinds=("person",))] == ["haluk-gorgun"]
    assert "TUR" in [c.country.code for c in store.countries(expo, "Turkiye").items]


@pytest.mark.skipif(
    shutil.which("sqlite3") is None, reason="sqlite3 command-line tool not installed"
)
def test_the_shipped_file_is_usable_from_the_sqlite3_tool() -> None:
    result = subprocess.run(
        [
            "sqlite3",
            "-readonly",
            str(SHIPPED_DB),
            "SELECT title FROM events WHERE date = '2025-06-12' AND day_order = 3 "
            "AND order_scope LIKE 'KSAD%'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Petukhov" in result.stdout


def test_store_resolves_every_code_name_and_alias_as_the_country_index_does(store: Store) -> None:
    # Store.resolve_country takes alpha-3 codes from the store's table (no pycountry); it must
    # agree with the full index on every code, alpha-2 code, name and alias - "AS" is the
    # Indonesian Amerika Serikat, not American Samoa's alpha-2.
    from expo_tui.countries import all_countries, resolve_country

    texts = []
    for country in all_countries():
        texts += [
            country.code,
            country.code.lower(),
            country.alpha2,
            country.name,
            country.name_id,
            *country.aliases,
        ]
    texts += ["AS", "as", " chE ", "XYZ", "", "  "]
    for text in texts:
        assert store.resolve_country(text) == resolve_country(text), text
    assert store.resolve_country("AS") == "USA"
    assert store.resolve_country("ASM") == "ASM"
