"""The gazetteer: ranks and their equivalences, titles taken off names, acronyms resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from expo_tui import gazetteer
from expo_tui.gazetteer.loader import GazetteerError, read_folder, shipped_folder


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Letjen", "lieutenant-general"),
        ("Lt Gen", "lieutenant-general"),
        ("Lt. Gen.", "lieutenant-general"),
        ("Lieutenant General", "lieutenant-general"),
        ("Leftenan Jeneral", "lieutenant-general"),
        ("Laksdya", "vice-admiral"),
        ("VADM", "vice-admiral"),
        ("Vice Admiral", "vice-admiral"),
        ("Marsdya", "air-marshal"),
        ("Marsda", "air-vice-marshal"),
        ("AVM", "air-vice-marshal"),
        ("Brigjen", "brigadier-general"),
        ("Komjen", "police-commissioner-general"),
    ],
)
def test_spellings_of_one_rank_in_three_languages_are_one_rank(
    gaz, spelling: str, key: str
) -> None:
    rank = gaz.rank(spelling)
    assert rank is not None and rank.key == key


def test_equal_grades_are_equivalent_across_services(gaz) -> None:
    keys = {r.key for r in gaz.equivalent_ranks("Letjen")}
    assert {"lieutenant-general", "vice-admiral", "air-marshal"} <= keys
    assert "major-general" not in keys


def test_capital_only_spellings_match_only_in_capitals(gaz) -> None:
    assert gaz.rank("LTG") is not None
    assert gaz.rank("ltg") is None
    assert gaz.resolve("KSAD") is not None
    assert gaz.resolve("ksad") is None  # in capitals only: "ksad" is not the acronym
    assert gaz.resolve("Kasad") is not None  # the word form is written any case


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Letjen Macaulay", "Macaulay"),
        ("Letjen TNI (Purn.) Budi Santoso", "Budi Santoso"),
        ("Lt. Gen. Derek Macaulay", "Derek Macaulay"),
        ("Dato' Seri Ahmad Hamid", "Ahmad Hamid"),
        ("Dr. Ir. H. Ahmad Wirawan, M.Sc.", "Ahmad Wirawan"),
        ("Menhan Sjafrie", "Sjafrie"),
        ("Macaulay", "Macaulay"),
    ],
)
def test_strip_titles_leaves_the_name(gaz, query: str, name: str) -> None:
    assert gaz.strip_titles(query).name == name


def test_a_bare_title_is_all_title(gaz) -> None:
    stripped = gaz.strip_titles("KSAD")
    assert stripped.name == ""
    assert [p.key for p in stripped.positions] == ["idn-army-chief"]


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Kemhan", "Ministry of Defence of Indonesia"),
        ("Kementerian Pertahanan RI", "Ministry of Defence of Indonesia"),
        ("DAPA", "Defense Acquisition Program Administration (DAPA)"),
        ("SSB", "Presidency of Defence Industries (SSB)"),
        ("FSMTC", "Federal Service for Military-Technical Cooperation (FSMTC)"),
    ],
)
def test_institution_aliases_resolve_to_their_name(gaz, alias: str, name: str) -> None:
    found = gaz.resolve(alias)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("alias", "key", "country"),
    [
        ("KSAD", "idn-army-chief", "IDN"),
        ("KSAL", "idn-navy-chief", "IDN"),
        ("KSAU", "idn-air-force-chief", "IDN"),
        ("Panglima TNI", "idn-tni-commander", "IDN"),
        ("Menhan", "idn-defence-minister", "IDN"),
        ("Wamenhan", "idn-deputy-defence-minister", "IDN"),
        ("Sekjen Kemhan", "idn-mod-secretary-general", "IDN"),
        ("Kabaranahan", "idn-kabaranahan", "IDN"),
        ("Dirjen Pothan", "idn-dirjen-pothan", "IDN"),
    ],
)
def test_positions_carry_their_country(gaz, alias: str, key: str, country: str) -> None:
    found = gaz.resolve(alias)
    assert found is not None and found.key == key and found.country == country


def test_a_generic_office_has_no_country_of_its_own(gaz) -> None:
    found = gaz.resolve("Minister of Defence")
    assert found is not None and found.country is None


def test_country_names_and_adjectives(gaz) -> None:
    assert gaz.country("Kanada") == "CAN"
    assert gaz.country("Canadian") == "CAN"
    assert gaz.country("Republik Islam Iran") == "IRN"
    assert gaz.country("RI") == "IDN"
    assert gaz.country("ri") is None  # "RI" only in capitals


def test_the_shipped_data_files_parse_and_are_in_the_package() -> None:
    folder = shipped_folder()
    for name in (
        "ranks.toml",
        "honorifics.toml",
        "positions.toml",
        "institutions.toml",
        "countries.toml",
    ):
        assert (folder / name).is_file()
    assert read_folder(folder).rank("Letjen") is not None


def test_a_broken_data_file_is_named(tmp_path: Path) -> None:
    for name in ("honorifics.toml", "positions.toml", "institutions.toml", "countries.toml"):
        (tmp_path / name).write_text(
            (shipped_folder() / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "ranks.toml").write_text('[[rank]]\nkey = "x"\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"ranks\.toml, rank 1: 'grade' is required"):
        read_folder(tmp_path)


def test_loading_the_gazetteer_needs_no_ui() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom expo_tui import gazetteer\ngazetteer.load().rank('Letjen')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlite3')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
