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
        titles and acronyms forgiven: see search.forgiving_expressions)."""
        expressions = forgiving_expressions(text)
        if not expressions:
            return None
        for expression in expressions:
            rows = self.connection.read(
                "SELECT DISTINCT country_code FROM (SELECT country_code FROM search "
                "WHERE search MATCH ? AND country_code IS NOT NULL LIMIT ?)",
                (expression, MAX_SEARCH_ROWS),
            )
            if rows:
                break
        return {r[0] for r in rows}

    def search(
        self,
        text: str,
        *,
        expo: Expo | None = None,
        limit: int = 50,
        kinds: Sequence[str] = ("country", "person", "organization", "exhibitor", "event"),
    ) -> tuple[SearchHit, ...]:
        """Countries, people, organisations, exhibitors and events matching `text`.

        Any text is safe: it is reduced to quoted prefix terms (see search.py), and ranks,
        titles and acronyms are forgiven ("Letjen Macaulay", "Kemhan", "KSAD"). Results come
        in `kinds` order, best match first within a kind, at most `limit` in all; with `expo`,
        what is present at that expo comes before what is not (the person who took part
        before the country whose name starts the same).
        """
        if limit <= 0:
            return ()
        for expression in forgiving_expressions(text):
            hits = self._search(expression, expo, limit, kinds)
            if hits:
                return tuple(self._present_first(hits, expo)[:limit] if expo is not None else hits)
        return ()

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
