"""A `.json` file: the project's own format, a frab/pretalx schedule, or something else, said so.

The document is parsed once and looked at: `{"format": "expo-tui", ...}` goes to the project
format's reader, `{"schedule": {"conference": ...}}` (what frab, pretalx and the c3voc tools
publish as schedule.json) to the schedule reader. Anything else is refused with a line that says
what the document looks like and what expo-tui reads, instead of a complaint about a field the
document never meant to have.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..records import ExpoBundle
from .common import ExpoTarget
from .errors import IngestError
from .warnings import WarningLog

SUPPORTED = (
    'expo-tui reads its own JSON ({"format": "expo-tui", ...}) and frab or pretalx '
    'schedule JSON ({"schedule": {"conference": ...}}); docs/formats.md describes both'
)


def _load(path: Path) -> object:
    from .project_format import _loads, _read_text

    return _loads(_read_text(path), str(path))


def is_schedule(data: object) -> bool:
    """Whether a parsed document is a frab/pretalx schedule.json."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("schedule"), dict)
        and isinstance(data["schedule"].get("conference"), dict)
    )


def _keys(data: dict[str, Any], limit: int = 6) -> str:
    names = [repr(k)[:40] for k in list(data)[:limit]]
    more = f" and {len(data) - limit} more" if len(data) > limit else ""
    return ", ".join(names) + more if names else "no keys"


def describe(data: object) -> str:
    """What a JSON document that is not one expo-tui reads looks like, in a few words."""
    if isinstance(data, list):
        return f"is a JSON list of {len(data):,} items, not a document expo-tui reads; {SUPPORTED}"
    if not isinstance(data, dict):
        return f"is a single JSON {type(data).__name__}, not a document; {SUPPORTED}"
    schedule = data.get("schedule")
    if isinstance(schedule, dict):
        return (
            f'has a "schedule" object (with {_keys(schedule, 4)}) but no "conference" in it, '
            "so it is not the frab/pretalx schedule JSON (a site's own layout, perhaps); "
            + SUPPORTED
        )
    if "results" in data and "count" in data:
        return (
            "looks like a page of an API listing (count, results), not a whole schedule; "
            "download the schedule's JSON export instead (pretalx: /schedule/export/"
            "schedule.json); " + SUPPORTED
        )
    if {"sessions", "speakers"} <= set(data):
        return (
            "looks like a Sessionize-style export (sessions, speakers), which expo-tui does "
            "not read; " + SUPPORTED
        )
    return (
        f"is a JSON object with the keys {_keys(data)}, not a document expo-tui reads; {SUPPORTED}"
    )


def read_json(
    path: Path, target: ExpoTarget, log: WarningLog, *, expect: str = "json"
) -> tuple[ExpoBundle, str]:
    """Read a .json file of either kind; the bundle and the format it was ("json" for the
    project's, "frab-json" for a schedule)."""
    data = _load(path)
    file = str(path)
    if isinstance(data, dict) and is_schedule(data):
        from .schedule_json import read_schedule_json

        return read_schedule_json(data, file, target, log), "frab-json"
    if expect == "frab-json":
        raise IngestError(file, describe(data), element="document")
    if isinstance(data, dict) and "format" in data:
        from .project_format import read_document

        bundle = read_document(data, file)
        if target.slug and target.slug != bundle.expo.slug:
            bundle = replace(bundle, expo=replace(bundle.expo, slug=target.slug))
        return bundle, "json"
    raise IngestError(file, describe(data), element="document")
