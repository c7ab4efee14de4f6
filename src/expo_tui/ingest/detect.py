"""Which reader a file needs (`--format auto`): by its extension, else by its first bytes."""

from __future__ import annotations

from pathlib import Path

from ..records import ExpoBundle
from .common import ExpoTarget
from .errors import IngestError
from .warnings import WarningLog

FORMATS = ("json", "frab-json", "csv", "ics", "frab")
_EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".xml": "frab",
}


def detect_format(path: Path) -> str:
    """json, csv, ics or frab for `path` (a folder is the project's records folder)."""
    if path.is_dir():
        return "json"
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if by_extension:
        return by_extension
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise IngestError(str(path), f"cannot be read ({error.strerror or error})") from None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"{"):
        return "json"
    if text.upper().startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if text.startswith(b"<"):
        return "frab"
    if not text:
        raise IngestError(str(path), "is empty")
    return "csv"


def read_bundle(
    path: Path, fmt: str, target: ExpoTarget, log: WarningLog | None = None
) -> ExpoBundle:
    """Read one file with the reader for `fmt` ("auto" detects it); quirks read one sensible
    way are told to `log` (see ingest/warnings.py)."""
    return read_bundle_as(path, fmt, target, log)[0]


def read_bundle_as(
    path: Path, fmt: str, target: ExpoTarget, log: WarningLog | None = None
) -> tuple[ExpoBundle, str]:
    """`read_bundle`, and the format the file turned out to be: a `.json` file is either the
    project's format ("json") or a frab/pretalx schedule ("frab-json")."""
    log = log if log is not None else WarningLog()
    if fmt == "auto":
        fmt = detect_format(path)
    if not path.exists():
        raise IngestError(str(path), "does not exist")
    if fmt in ("json", "frab-json") and not path.is_dir():
        from .json_kinds import read_json

        return read_json(path, target, log, expect=fmt)
    if fmt == "json":
        from .project_format import read_file

        bundle = read_file(path)
        if target.slug and target.slug != bundle.expo.slug:
            from dataclasses import replace

            bundle = replace(bundle, expo=replace(bundle.expo, slug=target.slug))
        return bundle, fmt
    if path.is_dir():
        raise IngestError(str(path), "is a folder; only the json format reads folders")
    if fmt == "csv":
        from .csv_format import read_csv

        return read_csv(path, target), fmt
    if fmt == "ics":
        from .ics_format import read_ics

        return read_ics(path, target, log), fmt
    if fmt == "frab":
        from .frab_format import read_frab

        return read_frab(path, target, log), fmt
    raise ValueError(f"unknown format {fmt!r}")
