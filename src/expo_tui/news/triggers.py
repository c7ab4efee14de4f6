"""The triggers of a sentence (lexicon.py's expressions, found once per sentence) and the
sequence words around them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lexicon import SEQUENCE, TRIGGER_RE, trigger_info


@dataclass(frozen=True)
class Trigger:
    start: int  # offsets in the sentence
    end: int
    family: str
    voice: str
    rule: str


def triggers_in(text: str) -> list[Trigger]:
    return list(_triggers_of(text))


@functools.lru_cache(maxsize=512)
def _triggers_of(text: str) -> tuple[Trigger, ...]:
    """The triggers of one sentence, read once though three stages ask for them."""
    found = []
    for match in TRIGGER_RE.finditer(text):
        family, voice, rule = trigger_info(match)
        found.append(Trigger(match.start(), match.end(), family, voice, rule))
    return tuple(found)


def next_start(triggers: list[Trigger], n: int, default: int) -> int:
    for later in triggers[n + 1 :]:
        if later.family == "represent":
            continue
        if triggers[n].family == "sign" and later.family == "accompany":
            continue  # "menandatangani perjanjian ... bersama dengan X": X signs too
        return later.start
    return default


def clause_end(text: str, start: int) -> int:
    found = re.search(r"[,;:]", text[start + 1 :])
    return start + 1 + found.start() if found else len(text)


def sequence_word(text: str) -> str | None:
    found = None
    for match in SEQUENCE.finditer(text):
        found = match.lastgroup
    return found
