"""ISO 3166-1 countries with English and Indonesian names, common aliases and flags.

pycountry supplies the codes, names and the Indonesian translations; this module adds the short
names people actually write ("Russia", "Rusia", "UK", "Korea Selatan", "AS") so that any of them
finds the country. No I/O happens at import: the table is built on first use and cached.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# Short English display names where ISO's name is the formal one users do not type.
_ENGLISH_DISPLAY = {
    "RUS": "Russia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "SYR": "Syria",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "TWN": "Taiwan",
    "BRN": "Brunei",
    "CZE": "Czechia",
    "COD": "DR Congo",
    "GBR": "United Kingdom",
    "USA": "United States",
}

# Indonesian display names as used in current Indonesian press, where pycountry's translation
# is older or formal (pycountry's own wording stays searchable as an alias).
_INDONESIAN_DISPLAY = {
    "RUS": "Rusia",
    "IRN": "Iran",
    "CHN": "Tiongkok",
    "TLS": "Timor Leste",
    "FRA": "Prancis",
    "GBR": "Inggris",
    "KOR": "Korea Selatan",
    "PRK": "Korea Utara",
    "VNM": "Vietnam",
    "CZE": "Ceko",
}

# What people write besides the names above: abbreviations, older names, other spellings.
_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": (
        "USA",
        "US",
        "U.S.",
        "America",
        "Amerika",
        "AS",
        "Amerika Serikat",
        "United States of America",
    ),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England", "Inggris", "Britania Raya"),
    "RUS": ("Russia", "Rusia", "Russian Federation", "Federasi Rusia"),
    "TUR": ("Turkey", "Türkiye", "Turkiye", "Turki"),
    "KOR": ("South Korea", "Korea Selatan", "Republic of Korea", "ROK", "Korsel"),
    "PRK": ("North Korea", "Korea Utara", "DPRK", "Korut"),
    "CHN": ("China", "PRC", "Tiongkok", "Cina", "RRT"),
    "TLS": ("East Timor", "Timor Leste", "Timor Timur"),
    "NLD": ("Holland", "Belanda"),
    "ARE": ("UAE", "Emirates", "Uni Emirat Arab", "UEA"),
    "SAU": ("Saudi", "KSA", "Arab Saudi"),
    "DEU": ("Jerman",),
    "FRA": ("Prancis", "Perancis"),
    "IRN": ("Persia",),
    "CZE": ("Czech Republic",),
    "CIV": ("Ivory Coast", "Pantai Gading"),
    "MMR": ("Burma",),
    "SWZ": ("Swaziland",),
    "MKD": ("Macedonia",),
    "CPV": ("Cape Verde",),
    "PHL": ("Filipina",),
    "SGP": ("Singapura",),
    "MYS": ("Malaysia", "Malaysian"),
    "JPN": ("Jepang",),
    "AUS": ("Australia",),
    "IND": ("India",),
    "PAK": ("Pakistan",),
    "ITA": ("Italia",),
    "ESP": ("Spanyol",),
    "BRA": ("Brasil",),
    "EGY": ("Mesir",),
    "BRN": ("Brunei Darussalam",),
}


@dataclass(frozen=True)
class CountryInfo:
    code: str  # ISO 3166-1 alpha-3
    alpha2: str
    numeric: str
    name: str  # English display name
    name_id: str  # Indonesian display name
    official_name: str | None
    flag: str
    aliases: tuple[str, ...]

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every string that should find this country, codes included."""
        names = [self.code, self.alpha2, self.name, self.name_id, *self.aliases]
        if self.official_name:
            names.append(self.official_name)
        return tuple(dict.fromkeys(n for n in names if n))


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form used for exact name lookups ("Türkiye" -> "turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace(".", "").split())


def _untranslated(name: str) -> str:
    return name


@functools.cache
def all_countries() -> tuple[CountryInfo, ...]:
    import gettext

    import pycountry  # deferred: loading its JSON costs ~20 ms, only needed when used

    translate: Callable[[str], str] = _untranslated
    try:
        indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
        translate = indonesian.gettext
    except OSError:  # a pycountry build without locales: fall back to English names
        pass
    result = []
    for c in pycountry.countries:
        iso_name = c.name
        common = getattr(c, "common_name", None)
        name = _ENGLISH_DISPLAY.get(c.alpha_3) or common or iso_name
        iso_id = translate(iso_name)
        name_id = _INDONESIAN_DISPLAY.get(c.alpha_3) or iso_id
        aliases = list(_ALIASES.get(c.alpha_3, ()))
        for extra in (iso_name, common, iso_id):
            if extra and extra not in (name, name_id):
                aliases.append(extra)
        result.append(
            CountryInfo(
                code=c.alpha_3,
                alpha2=c.alpha_2,
                numeric=c.numeric,
                name=name,
                name_id=name_id,
                official_name=getattr(c, "official_name", None),
                flag=getattr(c, "flag", "") or "",
                aliases=tuple(dict.fromkeys(a for a in aliases if a)),
            )
        )
    return tuple(sorted(result, key=lambda info: info.code))


@functools.cache
def _by_folded_name() -> dict[str, str]:
    index: dict[str, str] = {}
    for info in all_countries():
        for n in info.all_names:
            index.setdefault(fold(n), info.code)
    # Two-letter codes win over aliases that happen to collide with them ("AS" is both American
    # Samoa's code and the Indonesian abbreviation for the United States): Indonesian usage wins
    # here because our sources are Indonesian; American Samoa stays reachable as "ASM".
    index[fold("AS")] = "USA"
    return index


def resolve_country(text: str) -> str | None:
    """Return the alpha-3 code for any exact name, code or alias ("Rusia", "ru", "UK"), or None."""
    if not text or not text.strip():
        return None
    return _by_folded_name().get(fold(text))


def country_info(code: str) -> CountryInfo | None:
    for info in all_countries():
        if info.code == code:
            return info
    return None
