"""What reading an article proposes: an event in terms of the article's entities, with the
evidence for it. Candidates (candidates.py) turn proposals into records of the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Evidence:
    quote: str
    start: int
    end: int
    rule: str


@dataclass
class Proposal:
    kind: str  # bilateral_meeting, courtesy_call, mou_signing
    status: str  # happened or planned
    parties: list[tuple[int, str]]  # (entity id, role)
    evidence: list[Evidence]
    date: dt.date | None = None
    date_rule: str | None = None
    order: int | None = None
    order_scope: str | None = None
    confidence: float = 0.5
    outside_expo: bool = False
    subject: int | None = None
    sequence: str | None = None
