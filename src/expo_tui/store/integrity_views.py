"""`expo-tui check` for the tables of schema version 6: each derived table and summary against
a recomputation from the facts, and the store's country groups against the package's."""

from __future__ import annotations

from .connection import StoreConnection
from .models import Problem
from .schema_views import DERIVED_COLUMNS, EXPECTED


def check_views(store: StoreConnection) -> list[Problem]:
    problems: list[Problem] = []
    for table, columns in DERIVED_COLUMNS.items():
        # rows whose counts are zero are what deleting leaves behind: not a difference
        kept = f"SELECT {columns} FROM {table}"
        if table == "expo_pair_counts":
            kinds = columns.split(", ")[5:]
            kept += f" WHERE {' + '.join(kinds)} > 0"
        elif table.startswith("expo_"):
            kept += " WHERE events > 0"
        expected = f"SELECT * FROM ({EXPECTED[table]})"
        missing = store.read_one(f"SELECT count(*) FROM ({expected} EXCEPT {kept})")
        extra = store.read_one(f"SELECT count(*) FROM ({kept} EXCEPT {expected})")
        for count, what in ((missing, "missing"), (extra, "out of date")):
            n = int(count[0]) if count is not None else 0
            if n:
                problems.append(
                    Problem("summaries", f"{table}: {n:,} rows {what} (recounted from the facts)")
                )
    problems += _groups(store)
    return problems


def _groups(store: StoreConnection) -> list[Problem]:
    from ..country_groups import all_groups

    stored = {
        (r[0], r[1], r[2], r[3])
        for r in store.read(
            "SELECT group_key, country_code, joined, left_on FROM country_group_members"
        )
    }
    shipped = {
        (
            g.key,
            m.country,
            m.joined.isoformat() if m.joined else None,
            m.left.isoformat() if m.left else None,
        )
        for g in all_groups()
        for m in g.members
    }
    if stored == shipped:
        return []
    return [
        Problem(
            "country groups",
            f"{len(stored ^ shipped)} memberships differ from this release's country groups "
            "(rebuild the store to apply them)",
        )
    ]
