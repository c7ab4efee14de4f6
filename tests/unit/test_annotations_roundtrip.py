"""Property: a note and tags, hostile text included (escape sequences, C0/C1 controls, bidi
controls, markup-like `[b]`, formula-like `=cmd`), come back exactly from `export --format
json` and `import` (the store's own writer and the project format's reader)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.export.collect import Selection
from expo_tui.export.json import document
from expo_tui.export.text import json_text
from expo_tui.ingest.project_format import read_document
from expo_tui.store import open_store
from expo_tui.store.annotations import Subject, check_note, clean_tags

from ..conftest import tiny_bundle

HOSTILE = ["\x1b[31m", "\x1b]8;;http://x\x07", "\x9b2J", "\x85", "\u202e", "\u2066", "\u200f",
           "[b]", "[/b]", "[@click=app.quit]", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-2",
           "\t", "\r\n", "\n", "\u2028", "|", "#", "*", "`", "<script>", "ß", "İ", "🇮🇩"]  # fmt: skip
# Any text a file can carry: every character but NUL and lone surrogates (refused on input).
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(CHARS, max_size=8)), max_size=12).map(
    "".join
)
TAG = st.lists(
    st.one_of(st.sampled_from([h for h in HOSTILE if "," not in h]), st.text(CHARS, max_size=6)),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(parts).replace(",", " ")[:40])


def _source_document(note: str, tags: list[str]) -> dict[str, object]:
    store = open_store(None)
    try:
        store.write_bundle(tiny_bundle())
        expo = store.expos()[0]
        event = Subject.event(expo.slug, tiny_bundle().events[0].key)
        store.annotations.set_note(Subject.country("IDN"), note)
        store.annotations.set_tags(event, tags)
        store.annotations.set_star(event, True)
        return json.loads(json_text(document(store, Selection(expo))))  # type: ignore[no-any-return]
    finally:
        store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT, tags=st.lists(TAG, max_size=5))
def test_notes_and_tags_round_trip_exactly(note: str, tags: list[str]) -> None:
    tags = [t for t in tags if t.strip()]
    doc = _source_document(note, tags)
    bundle = read_document(doc, "export.json")
    fresh = open_store(None)
    try:
        fresh.write_bundle(bundle)
        fresh.annotations.merge(bundle.annotations)
        expo = fresh.expos()[0]
        event = Subject.event(expo.slug, tiny_bundle().events[0].key)
        assert fresh.annotations.get(Subject.country("IDN")).note == check_note(note)
        got = fresh.annotations.get(event)
        assert got.tags == clean_tags(tags)
        assert got.starred
    finally:
        fresh.close()
