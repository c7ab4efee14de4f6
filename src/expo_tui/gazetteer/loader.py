"""Reading the gazetteer's TOML files (shipped in `data/`, or any folder laid out the same).

A file that does not parse, or an entry missing a required field, raises GazetteerError
naming the file and the entry, so an edit that breaks the data is found at once.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .model import CountryWord, Gazetteer, Institution, Position, Rank

FILES = ("ranks.toml", "honorifics.toml", "positions.toml", "institutions.toml", "countries.toml")
LANGUAGES = ("id", "ms", "en")


class GazetteerError(ValueError):
    pass


def _read(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise GazetteerError(f"{path}: {error}") from None


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: expected a list of text")
    return tuple(value)


def _required(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GazetteerError(f"{where}: {key!r} is required")
    return value


def _country(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 3 or not value.isupper():
        raise GazetteerError(f"{where}: country must be an ISO alpha-3 code, not {value!r}")
    return value


def _ranks(data: dict[str, Any]) -> list[Rank]:
    ranks = []
    for n, entry in enumerate(data.get("rank", []), start=1):
        where = f"ranks.toml, rank {n}"
        key = _required(entry, "key", where)
        spellings = {
            lang: _strings(entry.get(lang), f"{where} ({key}), {lang}") for lang in LANGUAGES
        }
        ranks.append(
            Rank(
                key=key,
                grade=_required(entry, "grade", where),
                service=_required(entry, "service", where),
                spellings=spellings,
            )
        )
    return ranks


def _positions(data: dict[str, Any]) -> list[Position]:
    positions = []
    for n, entry in enumerate(data.get("position", []), start=1):
        where = f"positions.toml, position {n}"
        positions.append(
            Position(
                key=_required(entry, "key", where),
                title=_required(entry, "title", where),
                country=_country(entry.get("country"), where),
                institution=entry.get("institution"),
                aliases=_strings(entry.get("aliases"), where),
            )
        )
    return positions


def _institutions(data: dict[str, Any]) -> list[Institution]:
    institutions = []
    for n, entry in enumerate(data.get("institution", []), start=1):
        where = f"institutions.toml, institution {n}"
        institutions.append(
            Institution(
                key=_required(entry, "key", where),
                name=_required(entry, "name", where),
                country=_country(entry.get("country"), where),
                kind=entry.get("kind") or "organisation",
                aliases=_strings(entry.get("aliases"), where),
            )
        )
    return institutions


def _country_words(data: dict[str, Any]) -> list[tuple[str, CountryWord]]:
    """Every name and alias of the country index, the extra names and the demonyms."""
    from ..countries import all_countries

    ambiguous = {s.casefold() for s in _strings(data.get("not_countries"), "countries.toml")}
    words: list[tuple[str, CountryWord]] = []
    for info in all_countries():
        for name in (info.name, info.name_id, *info.aliases, info.official_name):
            # Two- and three-letter codes stay out: "IN", "TO", "ID" are words in running text.
            if name and name.casefold() not in ambiguous and len(name.replace(".", "")) > 2:
                if name.isupper() and name == info.code:
                    continue
                words.append((name, CountryWord(info.code)))
    for code, names in (data.get("names") or {}).items():
        for name in _strings(names, f"countries.toml, names.{code}"):
            words.append((name, CountryWord(_country(code, "countries.toml") or code)))
    for code, names in (data.get("demonyms") or {}).items():
        for name in _strings(names, f"countries.toml, demonyms.{code}"):
            words.append((name, CountryWord(_country(code, "countries.toml") or code, True)))
    return words


def read_folder(folder: Path) -> Gazetteer:
    ranks_data = _read(folder, "ranks.toml")
    honorifics = _read(folder, "honorifics.toml")
    suffix_country = ranks_data.get("suffix_country") or {}
    return Gazetteer(
        ranks=_ranks(ranks_data),
        rank_suffixes=list(_strings(ranks_data.get("suffixes"), "ranks.toml, suffixes")),
        suffix_country={k: v for k, v in suffix_country.items() if _country(v, "ranks.toml")},
        honorifics_before=list(_strings(honorifics.get("before"), "honorifics.toml, before")),
        honorifics_after=list(_strings(honorifics.get("after"), "honorifics.toml, after")),
        positions=_positions(_read(folder, "positions.toml")),
        institutions=_institutions(_read(folder, "institutions.toml")),
        countries=_country_words(_read(folder, "countries.toml")),
    )


def shipped_folder() -> Path:
    from importlib import resources

    return Path(str(resources.files("expo_tui.gazetteer"))) / "data"


def read_shipped() -> Gazetteer:
    return read_folder(shipped_folder())
