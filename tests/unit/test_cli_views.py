"""`expo-tui matrix`, `agreements`, the facet options and `check --overlaps`, on the shipped
data and on the invented expo."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from expo_tui.cli.app import main
from tests.conftest import SHIPPED_DB
from tests.factory import showcase_bundle
from tests.tui.conftest import write_store


def run(*args: str) -> object:
    return CliRunner().invoke(main, [*args], catch_exceptions=False)


def test_matrix_json_has_indonesia_with_iran_canada_and_russia() -> None:
    result = run("matrix", "--db", str(SHIPPED_DB), "--json", "--day", "2")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    data = json.loads(result.output)  # type: ignore[attr-defined]
    assert data["countries"][0] == {"code": "IDN", "name": "Indonesia", "is_host": True}
    partners = {
        p["b"] if p["a"] == "IDN" else p["a"] for p in data["pairs"] if "IDN" in (p["a"], p["b"])
    }
    assert {"IRN", "CAN", "RUS"} <= partners


def test_matrix_of_signings_and_as_csv() -> None:
    result = run("matrix", "--db", str(SHIPPED_DB), "--kind", "mou_signing", "--csv")
    lines = result.output.lstrip("\ufeff").splitlines()  # type: ignore[attr-defined]
    assert lines[0].startswith("country,name,IDN,")
    assert lines[1].startswith("IDN,Indonesia,")
    tur = lines[0].split(",").index("TUR")
    assert lines[1].split(",")[tur] == "2"


def test_agreements_json_lists_the_kaan_mou_with_its_parties() -> None:
    result = run("agreements", "--db", str(SHIPPED_DB), "--json")
    ledger = json.loads(result.output)  # type: ignore[attr-defined]
    kaan = next(a for a in ledger if "KAAN" in a["title"])
    assert [p["country"] for p in kaan["parties"]] == ["IDN", "TUR"]
    assert "Haluk Görgün" in {s["name"] for s in kaan["signatories"]}
    assert "Prabowo Subianto" in {w["name"] for w in kaan["witnesses"]}
    valued = next(a for a in ledger if a["key"] == "ID25-E10")
    assert {"value": "33", "number": 33.0, "unit": "IDR trillion"}.items() <= valued["values"][
        1
    ].items()


def test_facet_options_narrow_meetings_countries_and_exports(tmp_path: Path) -> None:
    db = str(SHIPPED_DB)
    signings = json.loads(run("meetings", "--db", db, "-k", "mou_signing", "--json").output)  # type: ignore[attr-defined]
    assert len(signings) == 10 and {e["kind"] for e in signings} == {"mou_signing"}
    asean = run("countries", "--db", db, "--group", "ASEAN", "--json").output  # type: ignore[attr-defined]
    assert {c["code"] for c in json.loads(asean)} == {"IDN", "KHM"}  # Timor-Leste joined in October
    bad = CliRunner().invoke(main, ["meetings", "--db", db, "--group", "Atlantis"])
    assert bad.exit_code == 2 and "asean" in bad.output
    out = tmp_path / "brief.md"
    assert (
        run("export", "--db", db, "-f", "md", "--kind", "mou_signing", "-o", str(out)).exit_code
        == 0
    )  # type: ignore[attr-defined]
    brief = out.read_text(encoding="utf-8")
    assert "## Agreements ledger (10)" in brief and "KAAN" in brief
    assert "Parties: Indonesia: Ministry of Defence of Indonesia \\(Kemhan\\); Türkiye" in brief


def test_check_overlaps_names_the_double_booked_minister(tmp_path: Path) -> None:
    db = write_store(tmp_path / "showcase.db", showcase_bundle())
    clean = CliRunner().invoke(main, ["check", "--db", str(db)])
    assert clean.exit_code == 0
    found = CliRunner().invoke(main, ["check", "--db", str(db), "--overlaps"])
    assert found.exit_code == 1
    assert "overlaps: Citra Halim on 2025-06-13, at the same time: 09:30-10:30" in found.output


def test_search_kemhan_finds_the_ministry_without_repeating_its_name() -> None:
    result = run("search", "Kemhan", "--db", str(SHIPPED_DB), "--json")
    hits = json.loads(result.output)  # type: ignore[attr-defined]
    ministry = hits[0]
    assert ministry["label"] == "Ministry of Defence of Indonesia (Kemhan)"
    assert ministry["detail"] is None  # its own organisation: nothing more to say


def test_a_company_that_signs_in_its_own_name_is_named_once_in_the_brief() -> None:
    brief = run("export", "--db", str(SHIPPED_DB), "--format", "md").output  # type: ignore[attr-defined]
    assert "PT Pindad \\(Indonesia\\)" in brief  # Markdown-escaped brackets
    assert "PT Pindad \\(PT Pindad" not in brief
