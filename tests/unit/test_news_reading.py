"""Reading articles: who met whom, in which direction, when, in which order; signings and their
witnesses. Every article here is a few sentences written for the test."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from expo_tui import gazetteer
from expo_tui.news.analyse import ExpoFrame, read
from expo_tui.news.extract import read_article
from expo_tui.news.inputs import RawInput
from expo_tui.news.known import KnownPeople, KnownPerson

from ..conftest import DATA_DIR

FRAME = ExpoFrame(
    "indodefence2025",
    dt.date(2025, 6, 11),
    dt.date(2025, 6, 14),
    "IDN",
    ("Indo Defence 2025 Expo & Forum", "Indo Defence 2025", "Indo Defence"),
)


@pytest.fixture(scope="module")
def known() -> KnownPeople:
    people = []
    with open(DATA_DIR / "indodefence2025" / "people.jsonl", encoding="utf-8") as lines:
        for line in lines:
            p = json.loads(line)
            people.append(
                KnownPerson(
                    p["key"],
                    p["name"],
                    tuple(p["variants"]),
                    p["country"],
                    p["rank"],
                    p["position"],
                    p["organization"],
                    p["kind"],
                )
            )
    return KnownPeople(people, gazetteer.load())


def events(known: KnownPeople, text: str, *, url: str = "https://example.org/2025/06/13/a"):
    article = read_article(RawInput("a.txt", f"{url}\n\n{text}".encode(), "text"))
    reading = read(article, FRAME, gazetteer.load(), known)
    out = []
    for p in reading.proposals:
        parties = sorted(
            (reading.entities[e].name, reading.entities[e].country, role) for e, role in p.parties
        )
        out.append((p.kind, p.status, p.date, p.order, parties))
    return out


def test_a_reception_has_a_host_and_a_guest(known) -> None:
    found = events(
        known,
        "Menhan Sjafrie Sjamsoeddin menerima kunjungan kehormatan Menteri Pertahanan Australia Richard Marles di Jakarta, Kamis (12/6).",
    )
    assert found == [
        (
            "courtesy_call",
            "happened",
            dt.date(2025, 6, 12),
            None,
            [("Richard Marles", "AUS", "guest"), ("Sjafrie Sjamsoeddin", "IDN", "host")],
        ),
    ]


def test_a_passive_reception_turns_the_sides_around(known) -> None:
    (found,) = events(
        known,
        "Delegasi Jepang yang dipimpin Jenderal Kenji Mori diterima oleh Wamenhan Donny Ermawan Taufanto di kantor Kemhan.",
    )
    assert found[4] == [("Donny Ermawan Taufanto", "IDN", "host"), ("Kenji Mori", "JPN", "guest")]


def test_a_visit_makes_the_visitor_the_guest(known) -> None:
    (found,) = events(
        known,
        "Kepala Staf Angkatan Darat Brasil Jenderal Joao Silva mengunjungi KSAD Jenderal TNI Maruli Simanjuntak di Mabesad.",
    )
    assert found[4] == [("Joao Silva", "BRA", "guest"), ("Maruli Simanjuntak", "IDN", "host")]


def test_met_a_b_and_c_is_three_meetings(known) -> None:
    found = events(
        known,
        "On the second day of Indo Defence 2025, Indonesian Army Chief of Staff Gen. Maruli Simanjuntak met Canada's Lt. Gen. Paul Grant, Brazil's Gen. Joao Silva and Japan's Gen. Kenji Mori.",
    )
    assert sorted(
        f[4][1][:2] if f[4][0][0] == "Maruli Simanjuntak" else f[4][0][:2] for f in found
    ) == [
        ("Joao Silva", "BRA"),
        ("Kenji Mori", "JPN"),
        ("Paul Grant", "CAN"),
    ]
    assert {f[2] for f in found} == {dt.date(2025, 6, 12)}
    assert {f[3] for f in found} == {None}  # no sequence words: no order


def test_sequence_words_give_the_order_and_short_names_and_titles_resolve(known) -> None:
    found = events(
        known,
        "Kepala Staf Angkatan Darat (KSAD) Jenderal TNI Maruli Simanjuntak menggelar pertemuan bilateral pada hari kedua Indo Defence 2025.\n"
        "Pertemuan dimulai dengan Komandan Angkatan Darat Iran, Brigjen Kioumars Heydari.\n"
        "Kemudian Maruli berbincang dengan Letjen Derek Macaulay dari Kanada.\n"
        "Selanjutnya KSAD menerima Wakil Direktur FSMTC Rusia, Pethukov.",
    )
    assert [(f[3], next(p for p in f[4] if p[1] != "IDN")[:2]) for f in found] == [
        (1, ("Kioumars Heydari", "IRN")),
        (2, ("Derek Allen Macaulay", "CAN")),
        (3, ("Mikhail Petukhov", "RUS")),
    ]
    assert all(f[2] == dt.date(2025, 6, 12) for f in found)
    assert all(("Maruli Simanjuntak", "IDN", "host") in f[4] for f in found)


def test_planned_markers_make_a_meeting_planned(known) -> None:
    (found,) = events(
        known,
        "Menhan Sjafrie Sjamsoeddin dijadwalkan bertemu Menteri Pertahanan Australia Richard Marles pada Sabtu (14/6).",
    )
    assert found[1] == "planned" and found[2] == dt.date(2025, 6, 14)
    (english,) = events(
        known,
        "Indonesian Defence Minister Sjafrie Sjamsoeddin is set to meet Australian Defence Minister Richard Marles.",
    )
    assert english[1] == "planned"


def test_negated_meetings_are_not_proposed(known) -> None:
    assert (
        events(
            known,
            "Menhan Sjafrie Sjamsoeddin batal bertemu Menteri Pertahanan Australia Richard Marles di Jakarta.",
        )
        == []
    )
    assert (
        events(
            known,
            "Indonesian Defence Minister Sjafrie Sjamsoeddin did not meet Australian Defence Minister Richard Marles.",
        )
        == []
    )


def test_a_witness_attends_and_never_signs(known) -> None:
    found = events(
        known,
        "Presiden Prabowo Subianto menyaksikan penandatanganan nota kesepahaman antara PT Pindad dan Naval Group asal Prancis pada hari pertama Indo Defence 2025.",
    )
    assert found == [
        (
            "mou_signing",
            "happened",
            dt.date(2025, 6, 11),
            None,
            [
                ("Naval Group representative(s)", "FRA", "signatory"),
                ("PT Pindad", "IDN", "signatory"),
                ("Prabowo Subianto", "IDN", "attendee"),
            ],
        ),
    ]
    (english,) = events(
        known,
        "The agreement was signed by PT Pindad and Rheinmetall of Germany, witnessed by President Prabowo Subianto.",
    )
    assert ("Prabowo Subianto", "IDN", "attendee") in english[4]
    assert ("Rheinmetall", "DEU", "signatory") in english[4]


def test_a_statement_date_is_not_the_meeting_date(known) -> None:
    (found,) = events(
        known,
        "Menhan Sjafrie Sjamsoeddin menerima Menteri Pertahanan Australia Richard Marles di Jakarta.\n"
        '"Kami membahas latihan bersama," kata Sjafrie dalam keterangan tertulis, Jumat (13/6).',
    )
    assert found[2] is None  # the day is not given: the candidate gets the expo's range


def test_a_visit_to_a_pavilion_is_not_a_meeting(known) -> None:
    assert (
        events(
            known,
            "Presiden Prabowo Subianto mengunjungi paviliun Turki dan stan industri pertahanan Prancis.",
        )
        == []
    )


def test_whole_show_totals_are_not_signings(known) -> None:
    assert (
        events(
            known,
            "Selama empat hari pameran, Kementerian Pertahanan menandatangani 17 kontrak dan 35 nota kesepahaman dengan industri.",
        )
        == []
    )


def test_meetings_within_one_country_are_not_bilateral(known) -> None:
    assert (
        events(
            known,
            "Menhan Sjafrie Sjamsoeddin bertemu KSAD Jenderal TNI Maruli Simanjuntak di Jakarta.",
        )
        == []
    )


def test_a_welcoming_ceremony_is_a_reception_hosted_by_who_led_it(known) -> None:
    (found,) = events(
        known,
        "Wakasau Marsdya TNI Tedi Rizalihadi hadir dalam upacara penyambutan Menteri Pertahanan "
        "Australia Richard Marles di Kemhan, Jakarta, Kamis (5/6).\n"
        "Upacara tersebut dipimpin langsung oleh Menhan Sjafrie Sjamsoeddin.",
        url="https://example.org/2025/06/06/upacara",
    )
    assert found[0] == "courtesy_call" and found[2] == dt.date(2025, 6, 5)
    assert ("Sjafrie Sjamsoeddin", "IDN", "host") in found[4]
    assert ("Richard Marles", "AUS", "guest") in found[4]
    assert ("Tedi Rizalihadi", "IDN", "attendee") in found[4]


def test_this_agreement_points_back_to_the_sides_told_before(known) -> None:
    found = events(
        known,
        "Presiden Turki Recep Tayyip Erdogan mengumumkan kesepakatan ekspor jet tempur yang "
        "ditandatangani di Jakarta oleh Sekretariat Industri Pertahanan Turki.\n"
        "Erdogan berterima kasih kepada Presiden Prabowo Subianto yang telah menandatangani perjanjian ini.",
    )
    signing = next(f for f in found if ("Prabowo Subianto", "IDN", "signatory") in f[4])
    assert {p[1] for p in signing[4] if p[2] == "signatory"} == {"IDN", "TUR"}
