"""Search: countries, people, organisations, exhibitors and events matching what a user types,
forgiving ranks, titles and acronyms (search.py makes the FTS5 expressions)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .connection import StoreConnection
from .models import UNDATED, Country, Expo, SearchHit
from .search import forgiving_expressions

MAX_SEARCH_ROWS = 2000  # bound on index rows a search scans to build a filter


class SearchQueries:
    """The Store's search (a part of `Store`, kept in a module of its own)."""

    connection: StoreConnection

    if TYPE_CHECKING:  # Store's

        def country(self, code: str) -> Country | None: ...

    def matching_country_codes(self, text: str) -> set[str] | None:
        """Countries whose names, aliases, codes, people or exhibitors match `text` (ranks,
        titles and acronyms forgiven: see search.forgiving_expressions), or whose notes and
        tags do, or those of its delegation, people or events (annotations.py)."""
        expressions = forgiving_expressions(text)
        if not expressions:
            return None
        from .annotations import Annotations

        notes = Annotations(self.connection)
        codes: set[str] = set()
        for expression in expressions:
            rows = self.connection.read(
                "SELECT DISTINCT country_code FROM (SELECT country_code FROM search "
                "WHERE search MATCH ? AND country_code IS NOT NULL LIMIT ?)",
                (expression, MAX_SEARCH_ROWS),
            )
            # the user's notes and tags: a country's, its delegation's, people's, events'
            codes = {r[0] for r in rows} | notes.matching_country_codes(expression)
            if codes:
                break
        return codes

    def search(
        self,
        text: str,
        *,
        expo: Expo | None = None,
        limit: int = 50,
        kinds: Sequence[str] = (
            "annotation",
            "country",
            "person",
            "organization",
            "exhibitor",
            "event",
        ),
    ) -> tuple[SearchHit, ...]:
        """Countries, people, organisations, exhibitors and events matching `text`; first
        the subjects whose notes or tags (the user's own: "annotation") match.

        Any text is safe: it is reduced to quoted prefix terms (see search.py), and ranks,
        titles and acronyms are forgiven ("Letjen Macaulay", "Kemhan", "KSAD"). Results come
        in `kinds` order, best match first within a kind, at most `limit` in all; with `expo`,
        what is present at that expo comes before what is not (the person who took part
        before the country whose name starts the same).
        """
        if limit <= 0:
            return ()
        noted = self._annotated_hits(text, limit) if "annotation" in kinds else []
        for expression in forgiving_expressions(text):
            hits = self._search(expression, expo, limit, [k for k in kinds if k != "annotation"])
            if hits:
                found = self._present_first(hits, expo) if expo is not None else hits
                return tuple([*noted, *found][:limit])
        return tuple(noted)

    def _annotated_hits(self, text: str, limit: int) -> list[SearchHit]:
        """Subjects whose note or tags (the user's own) match: as hits of their kind."""
        from .annotations import Annotations

        hits = []
        for found in Annotations(self.connection).search(text, limit=limit):
            kind = found.annotation.subject.kind
            if not found.present and kind in ("person", "event"):
                continue  # nothing to show (a delegation's note still finds its country)
            if kind == "event":
                ref, detail = str(found.event_id), found.event_date or UNDATED
            elif kind == "person":
                ref, detail = found.annotation.subject.ref, None
            else:
                ref, detail, kind = found.annotation.subject.ref, None, "country"
            hits.append(SearchHit(kind, ref, found.label, detail, found.country_code,
                                  found.expo_id, annotated=True))  # fmt: skip
        return hits

    def _present_first(self, hits: list[SearchHit], expo: Expo) -> list[SearchHit]:
        """`hits` with those present at `expo` first (each group in its order): countries
        counted there, people who took part in its events, its exhibitors and events."""
        codes = [h.ref for h in hits if h.kind == "country"]
        keys = [h.ref for h in hits if h.kind == "person"]
        present: set[tuple[str, str]] = set()
        if codes:
            present |= {
                ("country", r[0])
                for r in self.connection.read(
                    "SELECT country_code FROM expo_country_counts WHERE expo_id = ? AND "
                    f"country_code IN ({', '.join('?' * len(codes))}) "
                    "AND delegations + events + exhibitors > 0",
                    (expo.id, *codes),
                )
            }
        if keys:
            present |= {
                ("person", r[0])
                for r in self.connection.read(
                    "SELECT p.key FROM people p WHERE p.key IN "
                    f"({', '.join('?' * len(keys))}) AND EXISTS (SELECT 1 FROM person_events pe "
                    "WHERE pe.person_id = p.id AND pe.expo_id = ?)",
                    (*keys, expo.id),
                )
            }

        def absent(hit: SearchHit) -> bool:
            if hit.kind in ("country", "person"):
                return (hit.kind, hit.ref) not in present
            return hit.kind == "organization"  # of no expo in particular

        return sorted(hits, key=absent)

    def _search(
        self, expression: str, expo: Expo | None, limit: int, kinds: Sequence[str]
    ) -> list[SearchHit]:
        hits: list[SearchHit] = []
        # with an expo, every kind gets its share: what is present there is sorted first
        budget = limit * len(kinds) if expo is not None else limit
        for kind in kinds:
            if len(hits) >= budget:
                break
            # Ranking is bounded: the best of the first MAX_SEARCH_ROWS matches, so a common
            # word among a million events costs a few milliseconds, not seconds.
            if kind == "event":
                where = "event_search MATCH ?"
                params: list[object] = [expression]
                if expo is not None:
                    where += " AND expo_id = ?"
                    params.append(expo.id)
                inner = (
                    f"SELECT rowid AS ref, text, NULL AS country_code, expo_id, rank "
                    f"FROM event_search WHERE {where} LIMIT ?"
                )
            else:
                where = "search MATCH ? AND kind = ?"
                params = [expression, kind]
                if expo is not None and kind == "exhibitor":
                    where += " AND expo_id = ?"
                    params.append(expo.id)
                inner = (
                    f"SELECT ref, text, country_code, expo_id, rank FROM search "
                    f"WHERE {where} LIMIT ?"
                )
            rows = self.connection.read(
                f"SELECT ref, text, country_code, expo_id FROM ({inner}) ORDER BY rank LIMIT ?",
                (*params, MAX_SEARCH_ROWS, min(limit, budget - len(hits))),
            )
            hits.extend(self._hit(kind, r) for r in rows)
        return hits

    def _hit(self, kind: str, row: sqlite3.Row) -> SearchHit:
        label, _, detail = row["text"].partition(" | ")
        if detail:  # an institution listed as a participant is its own organisation
            detail = " | ".join(part for part in detail.split(" | ") if part != label)
        if kind == "country":
            country = self.country(row["ref"])
            if country:
                label, detail = country.name, f"{country.name_id} · {country.code}"
        elif kind == "event":
            found = self.connection.read_one(
                "SELECT title, date FROM events WHERE id = ?", (int(row["ref"]),)
            )
            if found:
                label, detail = found["title"], found["date"] or UNDATED
        return SearchHit(
            kind, str(row["ref"]), label, detail or None, row["country_code"], row["expo_id"]
        )
