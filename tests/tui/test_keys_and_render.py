"""The key table in docs/keys.md is generated from the bindings; render helpers neutralise data;
the store never imports Textual."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from expo_tui.tui.app import binding_scopes
from expo_tui.tui.keys import key_rows, markdown
from expo_tui.tui.render.rows import RowVisual
from expo_tui.tui.render.text import content, safe_text

from .helpers import REPO


def test_docs_keys_md_matches_the_bindings() -> None:
    expected = markdown(key_rows(binding_scopes()))
    actual = (REPO / "docs" / "keys.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python -m expo_tui.tui.keys_doc > docs/keys.md"


def test_every_binding_has_a_unique_id() -> None:
    rows = key_rows(binding_scopes())
    ids = [row.id for row in rows]
    assert all(ids) and len(ids) == len(set(ids))


def test_safe_text_strips_escape_sequences_and_controls() -> None:
    assert safe_text("\x1b[31mred\x1b[0m") == "red"
    assert safe_text("a\x1b]52;c;SGVsbG8=\x07b") == "ab"
    assert safe_text("\x1b]8;;http://evil\x07link\x1b]8;;\x07") == "link"
    assert safe_text("x\x1bPdcs\x1b\\y") == "xy"
    assert safe_text("x\x9b31my") == "xy"
    assert safe_text("a\x00b\x7fc\x85d") == "a\ufffdb\ufffdc\ufffdd"
    assert safe_text("line\nnext\r\n") == "line next "
    assert safe_text("line\nnext", multiline=True) == "line\nnext"
    assert safe_text("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"  # markup is kept
    assert safe_text("שלום e\u0301") == "שלום e\u0301"
    assert safe_text("x" * 50, limit=10) == "x" * 9 + "…"


@given(st.text())
def test_safe_text_never_emits_control_characters(text: str) -> None:
    cleaned = safe_text(text, multiline=True)
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in cleaned)


def test_content_never_parses_markup() -> None:
    value = "[@click=app.quit]x[/] [link=file:///etc/passwd]y[/link]"
    shown = content(value)
    assert shown.plain == value and not shown.spans


def test_row_visual_keeps_the_right_column_and_cuts_the_title() -> None:
    from textual.content import Content

    row = RowVisual(Content("> "), Content("t" * 500), Content("IDN RUS"))
    fitted = row.fit(40)
    assert fitted.cell_length == 40
    assert fitted.plain.endswith("IDN RUS") and "…" in fitted.plain
    assert row.fit(10).cell_length <= 10  # too narrow for the right column: dropped


def test_store_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys, expo_tui.store, expo_tui.selectors; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _strip_days() -> list:  # type: ignore[type-arg]
    import datetime as dt

    from expo_tui.store.models import Day

    days = [
        Day(f"2025-0{m}-0{d}", dt.date(2025, m, d), "pre", None, 1)
        for m, d in ((5, 6), (6, 4), (6, 9))
    ]
    days += [Day(f"2025-06-1{n}", dt.date(2025, 6, 10 + n), "expo", n, 3) for n in range(1, 5)]
    days.append(Day("undated", None, "undated", None, 3))
    return [(d.key, d) for d in days] + [(None, None)]


def test_day_strip_fits_every_entry_and_marks_the_chosen_one() -> None:
    from expo_tui.tui.render.day_strip import day_strip

    entries = _strip_days()
    every_key = {k for k, _ in entries}
    for width in (200, 80, 60, 45, 38):
        line, spans = day_strip(entries, "2025-06-12", width)
        assert line.cell_length <= width
        assert {k for s in spans for k in s.keys} == every_key, width
        chosen = next(s for s in spans if "2025-06-12" in s.keys)
        assert line.plain[chosen.start : chosen.end].startswith(("Day 2", "D2"))
    assert "Day 2 · Thu 12 Jun" in day_strip(entries, "2025-06-12", 80)[0].plain
    assert "Pre-show (3)" in day_strip(entries, "2025-06-12", 55)[0].plain
    assert "Pre (3)" in day_strip(entries, "2025-06-12", 45)[0].plain
    # a pre-show date chosen inside a collapsed run says which one it is
    assert "4 Jun 2/3" in day_strip(entries, "2025-06-04", 45)[0].plain
    # too narrow for all: a window around the chosen entry, with arrows
    line, spans = day_strip(entries, "undated", 16)
    assert line.cell_length <= 16 and "Undated" in line.plain and "‹" in line.plain


def test_a_time_after_the_day_change_prints_as_24_hours() -> None:
    import datetime as dt

    from expo_tui.store.models import EventSummary
    from expo_tui.tui.render.labels import time_label

    night = EventSummary(
        id=1,
        expo_id=1,
        key="k",
        date=dt.date(2014, 12, 27),
        date_from=None,
        date_to=None,
        start_time=dt.time(0, 30),
        end_time=None,
        order=None,
        order_scope=None,
        kind="forum_session",
        status="planned",
        title="T",
        location=None,
        countries=(),
    )
    assert time_label(night) == "00:30"
    assert time_label(night, dt.time(4, 0)) == "24:30"


@given(st.integers(min_value=0, max_value=10**14))
def test_compact_numbers_fit_four_characters(n: int) -> None:
    from expo_tui.tui.render.labels import compact_number

    text = compact_number(n)
    assert len(text) <= 4
    assert text == str(n) if n < 1000 else text[-1] in "kMBT"


def test_country_counts_stay_apart_at_any_size() -> None:
    # 0 delegations and 5,700 events once read "05.7k"; now each count has its own column
    import re

    from expo_tui.store.models import Country, CountrySummary
    from expo_tui.tui.render.rows import COUNT_COLUMNS, country_row

    country = Country("DZA", "DZ", "Algeria", "Aljazair", "🇩🇿")
    assert COUNT_COLUMNS.split() == ["del", "ev", "exh"]
    for counts, shown in (
        ((0, 5_749, 1), "0 5.7k 1"),
        ((1, 1_000_000, 0), "1 1M 0"),
        ((0, 7, 12), "0 7 12"),
        ((12, 13_449, 1_200), "12 13k 1.2k"),
    ):
        summary = CountrySummary(country, False, *counts)
        right = country_row(summary).right.plain
        assert re.sub(" +", " ", right.strip()) == shown
        if max(counts[0], counts[2] // 100) < 10:
            assert len(right) == len("d eeee xxx")  # the columns COUNT_COLUMNS labels
