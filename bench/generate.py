"""Synthetic expo data for the benchmarks: reproducible from a seed, written the way users write.

    python bench/generate.py --meetings 100000 --out /tmp/x.db [--seed 1] [--days 30]
                             [--countries 120] [--people 20000] [--chunk 50000]

Builds one expo with N meetings spread over D days (a few dated before and after the show, about
1% undated), C countries and P people whose names come in many scripts (Latin with accents,
Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Chinese, Japanese, Korean). Every event kind
and status occurs; ~15% of events have no clock time, ~10% belong to a host's ordered chain of
meetings, every event cites one or two sources. Delegations, exhibitors and figures are included.

The records are plain `ExpoBundle`s written with `Store.write_bundle` - the same path as
`expo-tui build` and the importers - in chunks of `--chunk` events (each chunk one transaction),
so memory stays flat and a million meetings can be generated on a laptop. The same seed always
gives the same records, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from expo_tui.records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)

SLUG = "synthetic-expo"
START = dt.date(2030, 3, 11)

# Given names and family names per script, with a Latin transliteration used as a name variant.
SCRIPTS: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "latin": (
        [
            (n, n)
            for n in (
                "José",
                "Zoë",
                "Łukasz",
                "Ana",
                "Søren",
                "Çağrı",
                "Nguyễn Văn",
                "Émile",
                "Jürgen",
                "María",
                "Tomás",
                "Ngozi",
                "Aiko",
                "Kwame",
                "Ines",
                "Dragoș",
                "Björn",
                "Siobhán",
                "Mehmet",
                "Priya",
            )
        ],
        [
            (n, n)
            for n in (
                "García",
                "Müller",
                "Kowalski",
                "Dubois",
                "Yılmaz",
                "Okafor",
                "Silva",
                "Novák",
                "Andersen",
                "O'Brien",
                "Ferreira",
                "Rossi",
                "Hernández",
                "Popescu",
                "Virtanen",
                "Nakamura",
                "Mensah",
                "de la Cruz",
            )
        ],
    ),
    "cyrillic": (
        [
            ("Алексей", "Aleksei"),
            ("Ольга", "Olga"),
            ("Дмитрий", "Dmitry"),
            ("Наталья", "Natalya"),
            ("Сергей", "Sergei"),
            ("Ірина", "Iryna"),
            ("Богдан", "Bohdan"),
            ("Милош", "Miloš"),
        ],
        [
            ("Иванов", "Ivanov"),
            ("Смирнова", "Smirnova"),
            ("Шевченко", "Shevchenko"),
            ("Петров", "Petrov"),
            ("Кузнецов", "Kuznetsov"),
            ("Јовановић", "Jovanović"),
        ],
    ),
    "greek": (
        [("Γιώργος", "Giorgos"), ("Ελένη", "Eleni"), ("Νίκος", "Nikos")],
        [("Παπαδόπουλος", "Papadopoulos"), ("Οικονόμου", "Oikonomou")],
    ),
    "arabic": (
        [
            ("محمد", "Mohammed"),
            ("فاطمة", "Fatima"),
            ("عبد الله", "Abdullah"),
            ("ليلى", "Layla"),
            ("خالد", "Khalid"),
            ("يوسف", "Youssef"),
        ],
        [
            ("الحسن", "Al-Hassan"),
            ("المنصوري", "Al-Mansouri"),
            ("حداد", "Haddad"),
            ("العتيبي", "Al-Otaibi"),
            ("بن سلمان", "bin Salman"),
        ],
    ),
    "hebrew": (
        [("דוד", "David"), ("נועה", "Noa")],
        [("כהן", "Cohen"), ("לוי", "Levi")],
    ),
    "devanagari": (
        [("राजेश", "Rajesh"), ("अनीता", "Anita"), ("विक्रम", "Vikram"), ("प्रिया", "Priya")],
        [("शर्मा", "Sharma"), ("सिंह", "Singh"), ("पटेल", "Patel"), ("वर्मा", "Verma")],
    ),
    "thai": (
        [("สมชาย", "Somchai"), ("สุดา", "Suda"), ("ประยุทธ์", "Prayut")],
        [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("วงศ์ไทย", "Wongthai")],
    ),
    "chinese": (
        [("伟", "Wei"), ("芳", "Fang"), ("建国", "Jianguo"), ("丽华", "Lihua")],
        [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")],
    ),
    "japanese": (
        [("健太", "Kenta"), ("さくら", "Sakura"), ("翔", "Sho")],
        [("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi")],
    ),
    "korean": (
        [("민준", "Min-jun"), ("서연", "Seo-yeon"), ("지호", "Ji-ho")],
        [("김", "Kim"), ("이", "Lee"), ("박", "Park")],
    ),
}
FAMILY_FIRST = {"chinese", "japanese", "korean"}
# Which script a country's people are named in (others get Latin names).
SCRIPT_OF_COUNTRY = {
    "RUS": "cyrillic",
    "UKR": "cyrillic",
    "SRB": "cyrillic",
    "BLR": "cyrillic",
    "KAZ": "cyrillic",
    "BGR": "cyrillic",
    "GRC": "greek",
    "CYP": "greek",
    "SAU": "arabic",
    "ARE": "arabic",
    "EGY": "arabic",
    "QAT": "arabic",
    "JOR": "arabic",
    "DZA": "arabic",
    "ISR": "hebrew",
    "IND": "devanagari",
    "NPL": "devanagari",
    "THA": "thai",
    "CHN": "chinese",
    "TWN": "chinese",
    "JPN": "japanese",
    "KOR": "korean",
}
PREFERRED_COUNTRIES = (
    "IDN",
    *SCRIPT_OF_COUNTRY,
    "USA",
    "FRA",
    "DEU",
    "TUR",
    "POL",
    "BRA",
    "NGA",
    "VNM",
    "MYS",
    "SGP",
    "AUS",
    "GBR",
    "ITA",
    "ESP",
    "NLD",
    "SWE",
    "FIN",
    "CAN",
    "MEX",
    "ZAF",
    "PAK",
)
RANKS = (
    "General",
    "Admiral",
    "Air Marshal",
    "Colonel",
    "Major General",
    "Minister",
    "Deputy Minister",
    "Ambassador",
    "Dr.",
    None,
    None,
    None,
)
POSITIONS = (
    "Minister of Defence",
    "Chief of Army Staff",
    "Chief of Naval Staff",
    "Defence Attaché",
    "Director General of Procurement",
    "Chief Executive Officer",
    "Head of Delegation",
    "Secretary General",
    None,
)
ORG_WORDS = (
    "Ministry of Defence",
    "Army",
    "Navy",
    "Air Force",
    "Aerospace",
    "Dynamics",
    "Shipyards",
    "Systems",
    "Defence Industries",
    "Procurement Agency",
)
HALLS = (
    "Hall A",
    "Hall B",
    "Hall C",
    "Hall D",
    "Main Stage",
    "Outdoor Display",
    "VIP Lounge",
    "Pavilion Row",
    None,
)
PUBLISHERS = ("Antara", "Kompas", "Defense News", "Janes", "Reuters", "Tempo", "ministry release")
LANGS = ("id", "en", "ru", "ar", "zh", "th", None)
KIND_WEIGHTS = {
    "bilateral_meeting": 60,
    "courtesy_call": 12,
    "mou_signing": 8,
    "pavilion_visit": 8,
    "forum_session": 5,
    "launch": 3,
    "other": 2,
    "public_day": 1,
    "opening": 0.5,
    "closing": 0.5,
}
STATUS_WEIGHTS = {"happened": 80, "planned": 15, "unconfirmed": 5}
assert set(KIND_WEIGHTS) == set(EVENT_KINDS) and set(STATUS_WEIGHTS) == set(EVENT_STATUSES)


@dataclass(frozen=True)
class Spec:
    meetings: int
    seed: int = 1
    days: int = 30  # distinct dated days in all; the show itself is min(days, 5) of them
    countries: int = 120
    people: int | None = None  # default: scales with meetings, 500..20000
    chunk: int = 50_000

    @property
    def people_count(self) -> int:
        return (
            self.people if self.people is not None else max(500, min(20_000, self.meetings // 50))
        )

    @property
    def show_days(self) -> int:
        return min(self.days, 5)


def _countries(spec: Spec, rng: random.Random) -> list[str]:
    from expo_tui.countries import all_countries

    codes = [c.code for c in all_countries()]
    known = set(codes)
    chosen = [c for c in PREFERRED_COUNTRIES if c in known][: spec.countries]
    rest = sorted(known - set(chosen))
    rng.shuffle(rest)
    chosen += rest[: max(0, spec.countries - len(chosen))]
    return chosen


def _person(i: int, country: str, rng: random.Random, orgs: list[tuple[str, str]]) -> PersonRecord:
    script = SCRIPT_OF_COUNTRY.get(country, "latin")
    givens, families = SCRIPTS[script]
    given, given_latin = rng.choice(givens)
    family, family_latin = rng.choice(families)
    if script in FAMILY_FIRST:
        name = f"{family}{given}" if script != "korean" else f"{family} {given}"
        latin = f"{family_latin} {given_latin}"
    else:
        name, latin = f"{given} {family}", f"{given_latin} {family_latin}"
    variants = (latin,) if latin != name else ()
    if rng.random() < 0.1:
        variants += (f"{latin.split()[0][0]}. {latin.split()[-1]}",)
    org_country = [o for o in orgs if o[1] == country]
    kind = "group" if rng.random() < 0.03 else "person"
    if kind == "group":
        name, variants = f"Delegation of {country} #{i}", ()
    return PersonRecord(
        key=f"P{i:06d}",
        name=name,
        kind=kind,
        variants=variants,
        rank=rng.choice(RANKS),
        position=rng.choice(POSITIONS),
        organization=rng.choice(org_country)[0] if org_country and rng.random() < 0.8 else None,
        country=country,
    )


def _weighted(rng: random.Random, weights: dict[str, float], n: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=n)


def generate(spec: Spec) -> Iterator[ExpoBundle]:
    """The expo as bundles of at most `spec.chunk` events; the first also holds everything else."""
    rng = random.Random(spec.seed)
    countries = _countries(spec, rng)
    host = countries[0]
    show = [START + dt.timedelta(days=i) for i in range(spec.show_days)]
    extra = spec.days - spec.show_days
    before = [START - dt.timedelta(days=i + 1) for i in range((extra + 1) // 2)]
    after = [show[-1] + dt.timedelta(days=i + 1) for i in range(extra // 2)]
    outside = sorted(before + after)
    orgs = [(f"{c} {w}", c) for c in countries for w in rng.sample(ORG_WORDS, 3)]
    people = [
        _person(
            i,
            countries[min(int(rng.paretovariate(1.2)) - 1, len(countries) - 1)]
            if rng.random() < 0.7
            else rng.choice(countries),
            rng,
            orgs,
        )
        for i in range(spec.people_count)
    ]
    # Hosts of chains: a few dozen senior people of the host country.
    host_people = [p for p in people if p.country == host][:40] or people[:40]
    n_sources = max(20, spec.meetings // 100)
    sources = tuple(
        SourceRecord(
            url=f"https://news.example/{i // 1000}/{i}",
            publisher=rng.choice(PUBLISHERS),
            title=f"Report {i} from the show",
            language=rng.choice(LANGS),
            published=show[0] + dt.timedelta(days=i % spec.days),
        )
        for i in range(n_sources)
    )
    expo = ExpoRecord(
        slug=SLUG,
        name="Synthetic Defence & Trade Expo 2030",
        short_name="SynthExpo 2030",
        edition="1st",
        venue="JIExpo Kemayoran",
        city="Jakarta",
        country=host,
        start_date=show[0],
        end_date=show[-1],
        timezone="Asia/Jakarta",
        organizer="Bench Org",
        theme="Speed at scale",
        sources=(sources[0].url,),
    )
    delegations = tuple(
        DelegationRecord(
            country=c,
            kind=rng.choice(("official", "industry", None)),
            head=next((p.key for p in people if p.country == c and p.kind == "person"), None),
            members=tuple(
                MemberRecord(name=f"Member {j} of {c}", role=rng.choice(("aide", None)))
                for j in range(rng.randint(0, 4))
            ),
            sources=(sources[rng.randrange(n_sources)].url,),
        )
        for c in countries
        if rng.random() < 0.6
    )
    exhibitors = tuple(
        ExhibitorRecord(
            name=f"{org} Exhibit {j}",
            country=c,
            kind="company",
            sources=(sources[rng.randrange(n_sources)].url,),
        )
        for j, (org, c) in enumerate(orgs)
        if rng.random() < 0.5
    )
    figures = (
        FigureRecord(
            key="meetings",
            metric="Meetings",
            value=f"{spec.meetings:,}",
            number=float(spec.meetings),
            sources=(sources[0].url,),
        ),
        FigureRecord(
            key="countries",
            metric="Countries",
            value=str(len(countries)),
            number=float(len(countries)),
            sources=(sources[0].url,),
        ),
    )
    first = True
    done = 0
    chain_next: dict[tuple[str, str], int] = {}
    by_country: dict[str, list[PersonRecord]] = {}
    for p in people:
        by_country.setdefault(p.country or host, []).append(p)
    host_side = by_country.get(host, people)
    while done < spec.meetings:
        n = min(spec.chunk, spec.meetings - done)
        kinds = _weighted(rng, KIND_WEIGHTS, n)
        statuses = _weighted(rng, STATUS_WEIGHTS, n)
        events = []
        for j in range(n):
            i = done + j
            r = rng.random()
            date = date_from = date_to = None
            if r < 0.01:  # undated; half of them with a reported range
                if rng.random() < 0.5:
                    date_from, date_to = show[0], show[-1]
            elif r < 0.04 and outside:
                date = rng.choice(outside)
            else:
                date = show[i % len(show)] if rng.random() < 0.5 else rng.choice(show)
            start = end = None
            order = scope = None
            r = rng.random()
            if r < 0.10 and date is not None:  # one host's chain of meetings that day
                chief = rng.choice(host_people)
                scope = f"{chief.name} chain"
                order = chain_next[(scope, str(date))] = chain_next.get((scope, str(date)), 0) + 1
            elif r < 0.85:
                minute = rng.randrange(8 * 4, 19 * 4) * 15
                start = dt.time(minute // 60, minute % 60)
                if rng.random() < 0.6:
                    m2 = min(minute + rng.choice((15, 30, 45, 60, 90)), 23 * 60 + 45)
                    end = dt.time(m2 // 60, m2 % 60)
            guest = rng.choice(people)
            hostp = rng.choice(host_side)
            parts = [ParticipantRecord(hostp.key, "host"), ParticipantRecord(guest.key, "guest")]
            if rng.random() < 0.25:
                parts.append(
                    ParticipantRecord(
                        rng.choice(people).key, rng.choice(("signatory", "speaker", "attendee"))
                    )
                )
            kind = kinds[j]
            title = (
                f"{hostp.name} meets {guest.name}"
                if kind in ("bilateral_meeting", "courtesy_call")
                else f"{kind.replace('_', ' ').title()}: {guest.organization or guest.name}"
            )
            srcs = (sources[rng.randrange(n_sources)].url,)
            if rng.random() < 0.3:
                srcs += (sources[rng.randrange(n_sources)].url,)
            events.append(
                EventRecord(
                    key=f"M{i:07d}",
                    title=title,
                    kind=kind,
                    status=statuses[j],
                    date=date,
                    date_from=date_from,
                    date_to=date_to,
                    start_time=start,
                    end_time=end,
                    order=order,
                    order_scope=scope,
                    location=rng.choice(HALLS),
                    summary=(
                        f"Talks on {rng.choice(('air defence', 'submarines', 'drones', 'training', 'joint production', 'radar'))} "
                        f"cooperation, meeting {i}"
                    )
                    if rng.random() < 0.4
                    else None,
                    notes="synthetic" if rng.random() < 0.05 else None,
                    participants=tuple(parts),
                    sources=srcs,
                )
            )
        if first:
            yield ExpoBundle(
                expo=expo,
                sources=sources,
                people=tuple(people),
                events=tuple(events),
                delegations=delegations,
                exhibitors=exhibitors,
                figures=figures,
            )
            first = False
        else:
            yield ExpoBundle(expo=expo, events=tuple(events))
        done += n


def bundle_rows(bundle: ExpoBundle) -> int:
    """How many table rows writing this bundle into an empty store adds (for rows/s figures)."""
    return (
        len(bundle.sources)
        + len(bundle.people)
        + len(bundle.delegations)
        + len(bundle.exhibitors)
        + len(bundle.figures)
        + sum(1 + len(e.participants) + len(e.sources) for e in bundle.events)
    )


def write_store(spec: Spec, out: Path, *, quiet: bool = False) -> dict[str, float]:
    """Generate and write the expo into a new store at `out`; returns timing figures."""
    from expo_tui.store import open_store

    if out.exists():
        out.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    store = open_store(out, create=True)
    gen_s = write_s = 0.0
    rows = 0
    try:
        it = generate(spec)
        while True:
            t0 = time.perf_counter()
            bundle = next(it, None)
            gen_s += time.perf_counter() - t0
            if bundle is None:
                break
            t0 = time.perf_counter()
            store.write_bundle(bundle)
            write_s += time.perf_counter() - t0
            rows += bundle_rows(bundle)
            if not quiet:
                print(
                    f"  wrote {len(bundle.events):,} events ({write_s:.1f}s writing)",
                    file=sys.stderr,
                )
    finally:
        store.close()
    return {"generate_s": gen_s, "write_s": write_s, "rows": rows}


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    for suffix, factor in (("k", 1_000), ("m", 1_000_000)):
        if text.endswith(suffix):
            return int(float(text[:-1]) * factor)
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=parse_size, required=True, help="e.g. 100000 or 1m")
    parser.add_argument("--out", type=Path, required=True, help="database file to (re)create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--countries", type=int, default=120)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--chunk", type=int, default=50_000)
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    spec = Spec(args.meetings, args.seed, args.days, args.countries, args.people, args.chunk)
    figures = write_store(spec, args.out, quiet=args.quiet)
    print(
        f"{args.out}: {spec.meetings:,} meetings, {figures['rows']:,} rows; generated in "
        f"{figures['generate_s']:.1f}s, written in {figures['write_s']:.1f}s "
        f"({figures['rows'] / max(figures['write_s'], 1e-9):,.0f} rows/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
