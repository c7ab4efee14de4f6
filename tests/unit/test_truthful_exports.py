"""Exports and listings that tell the truth: planned events are TENTATIVE in a calendar, the
brief parses as intended and names organisations, and who led each delegation is listed."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.export import ics as ics_export
from expo_tui.export import markdown as md_export
from expo_tui.export.collect import Selection
from expo_tui.store import Store

from ..conftest import SHIPPED_DB


def whole(store: Store) -> Selection:
    return Selection(store.expos()[0])


def test_planned_and_unconfirmed_events_are_tentative_in_the_calendar(
    shipped: Store, tmp_path: Path
) -> None:
    from expo_tui.ingest.common import ExpoTarget
    from expo_tui.ingest.ics_format import read_ics

    cal, _ = ics_export.calendar(shipped, whole(shipped))
    by_status: dict[str, set[str]] = {}
    for ev in cal.walk("VEVENT"):
        by_status.setdefault(str(ev["X-EXPO-TUI-STATUS"]), set()).add(str(ev["STATUS"]))
    assert by_status == {
        "planned": {"TENTATIVE"},
        "unconfirmed": {"TENTATIVE"},
        "happened": {"CONFIRMED"},
    }
    # A calendar app that drops our X- properties: no planned event comes back as happened.
    for ev in cal.walk("VEVENT"):
        for name in [k for k in ev if k.upper().startswith("X-EXPO-TUI")]:
            del ev[name]
    path = tmp_path / "stripped.ics"
    path.write_bytes(cal.to_ical())
    back = read_ics(path, ExpoTarget(slug="again", timezone="Asia/Jakarta"))
    planned = {e.key for e in shipped_events(shipped) if e.status != "happened"}
    statuses = {e.key.split("@")[0]: e.status for e in back.events}  # UID is key@slug
    assert planned and all(statuses[k] != "happened" for k in planned)


def shipped_events(store: Store):  # type: ignore[no-untyped-def]
    from expo_tui.export.collect import iter_events

    return [d.event for d in iter_events(store, whole(store))]


def brief(store: Store, selection: Selection | None = None) -> str:
    out = io.StringIO()
    md_export.write(store, selection or whole(store), out)
    return out.getvalue()


def test_every_heading_of_the_brief_is_read_as_a_heading(shipped: Store) -> None:
    from markdown_it import MarkdownIt

    text = brief(shipped)
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    lines = text.splitlines()
    events = len(shipped.events(shipped.expos()[0], None, limit=10_000).items)
    assert headings.count("h3") == events == sum(line.startswith("### ") for line in lines)
    assert headings.count("h2") == sum(line.startswith("## ") for line in lines)
    for i, line in enumerate(lines):
        if line.startswith("#") and i:
            assert lines[i - 1] == "", f"no blank line before {line!r}"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_renders_every_event_heading(shipped: Store) -> None:
    html = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html"],
        input=brief(shipped),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert html.count("<h3") == len(shipped.events(shipped.expos()[0], None, limit=10_000).items)


def test_the_brief_names_organisations_and_delegation_heads(shipped: Store) -> None:
    text = brief(shipped)
    assert "## Delegations" in text
    russia = next(line for line in text.splitlines() if line.startswith("- **Russia**"))
    assert "Mikhail Petukhov" in russia and "Deputy Director" in russia
    # people are named with their organisation, not only their country
    assert "Ministry of Defence of Indonesia \\(Kemhan\\)" in text


def test_a_day_brief_has_no_delegation_list(shipped: Store) -> None:
    text = brief(shipped, Selection(shipped.expos()[0], "2025-06-12"))
    assert "## Delegations" not in text


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, ["--db", str(SHIPPED_DB), *args], catch_exceptions=False)


def test_delegations_lists_every_head_with_rank_and_position() -> None:
    text = run("delegations")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["CODE", "COUNTRY", "KIND", "MEMBERS", "HEAD", "OF", "DELEGATION"]
    assert len(lines) == 1 + 14
    canada = next(line for line in lines if line.startswith("CAN"))
    assert "Lieutenant General Derek Allen Macaulay, Deputy Commander" in canada
    assert "(head not reported)" in next(line for line in lines if line.startswith("USA"))
    data = json.loads(run("delegations", "--json").stdout)
    russia = next(d for d in data if d["country"] == "RUS")
    assert russia["head"]["name"] == "Mikhail Petukhov"
    assert {"rank", "position", "organization", "key"} <= set(russia["head"])
    assert russia["sources"] and russia["kind"] == "government"


def test_countries_name_each_delegations_head() -> None:
    rows = json.loads(run("countries", "--json").stdout)
    iran = next(c for c in rows if c["code"] == "IRN")
    assert iran["delegation"]["head"]["rank"] == "Brigadier General"
    assert next(c for c in rows if c["code"] == "IDN")["delegation"] is None
    text = run("countries").stdout
    assert "HEAD OF DELEGATION" in text.splitlines()[0]
    assert "Brigadier General Kioumars Heydari" in text
