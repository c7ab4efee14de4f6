"""Signings told in pieces: a one-sided signing whose other sides come as a list after it
("PT PAL signed seven agreements ... kerja sama dengan TAIS ... with Naval Group") or as a sale
just before it, and the foreign bodies listed among the parties of a collective signing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import AGREEMENT_ITEM, COLLECTIVE, DEAL, LISTING
from .mentions import Mention
from .proposals import Evidence, Proposal
from .sentences import Sentence
from .triggers import triggers_in
from .when import DateMention

if TYPE_CHECKING:
    from .entities import EntityTable


def enumerated_signings(
    proposals: list[Proposal],
    sentences: list[Sentence],
    by_sentence: list[list[Mention]],
) -> list[Proposal]:
    """A signing that names one side only ("PT PAL signed seven agreements") is told item by
    item after it ("kerja sama dengan TAIS", "with Naval Group"), or was told as a sale just
    before it ("menyepakati penjualan ... ke Baranahan Kemhan"): each such party is a signing
    with that side. The one-sided umbrella is dropped once its items are found."""
    result: list[Proposal] = []
    index = {s.start: n for n, s in enumerate(sentences)}
    for proposal in proposals:
        sides = [e for e, role in proposal.parties if role == "signatory"]
        if proposal.kind != "mou_signing" or len(sides) != 1 or not proposal.evidence:
            result.append(proposal)
            continue
        n = index.get(proposal.evidence[0].start)
        if n is None:
            result.append(proposal)
            continue
        items = []
        for later in range(n + 1, min(len(sentences), n + 9)):
            text = sentences[later].text
            if _triggers_sign(text):
                break
            for match in AGREEMENT_ITEM.finditer(text):
                party = _party_after(
                    by_sentence[later], sentences[later].start + match.end(), sides
                )
                if party is not None:
                    items.append((later, party))
        if items:
            for later, party in items:
                sentence = sentences[later]
                extra = Proposal(
                    proposal.kind,
                    proposal.status,
                    [(sides[0], "signatory"), (party, "signatory")],
                    [
                        *proposal.evidence,
                        Evidence(
                            sentence.text, sentence.start, sentence.end, "signing listed after it"
                        ),
                    ],
                    proposal.date,
                    proposal.date_rule,
                    None,
                    None,
                    max(0.05, proposal.confidence - 0.1),
                    proposal.outside_expo,
                    proposal.subject,
                )
                result.append(extra)
            continue
        deal = DEAL.search(sentences[n - 1].text) if n > 0 else None
        if deal is not None:
            party = _party_after(by_sentence[n - 1], sentences[n - 1].start + deal.end(), sides)
            if party is not None:
                previous = sentences[n - 1]
                proposal.parties.append((party, "signatory"))
                proposal.evidence.append(
                    Evidence(
                        previous.text,
                        previous.start,
                        previous.end,
                        "the other side of the deal told before it",
                    )
                )
        result.append(proposal)
    return result


_PARTY_KINDS = ("person", "position", "organisation", "short")
LISTED_WINDOW = 8  # sentences after a collective signing in which its parties are listed


def collective_signings(
    proposals: list[Proposal],
    sentences: list[Sentence],
    by_sentence: list[list[Mention]],
    table: EntityTable,
    host: str | None,
    all_dates: list[list[DateMention]],
) -> list[Proposal]:
    """ "27 MoU ditandatangani secara serentak, melibatkan PT A, PT B ... dan X dari Inggris":
    a foreign body listed among the parties of a collective signing at the expo signed with
    the host's industry. Proposed with a low confidence: the article names no pair."""
    if host is None:
        return []
    signed = {e for p in proposals if p.kind == "mou_signing" for e, _ in p.parties}
    extra: list[Proposal] = []
    last_day: DateMention | None = None
    for n, sentence in enumerate(sentences):
        if not (COLLECTIVE.search(sentence.text) and _triggers_sign(sentence.text)):
            continue
        # the day given with this telling of the collective signing, else with an earlier one
        day = next((d for ds in all_dates[n : n + 2] for d in ds), None) or last_day
        last_day = day
        prose = 0  # a list laid out one item a line does not use up the window
        for later in range(n, len(sentences)):
            text = sentences[later].text
            if len(text) >= 60:
                prose += 1
                if prose > LISTED_WINDOW:
                    break
            listed = LISTING.search(text) or text.count(",") >= 3 or len(text) < 60
            if not listed:
                continue
            for mention in by_sentence[later]:
                entity = table.entities[mention.entity] if mention.entity is not None else None
                if (
                    entity is None
                    or mention.kind != "organisation"
                    or entity.country in (None, host)
                    or entity.id in signed
                ):
                    continue
                signed.add(entity.id)
                domestic = table.domestic_industry()
                extra.append(
                    Proposal(
                        "mou_signing",
                        "happened",
                        [(entity.id, "signatory"), (domestic.id, "signatory")],
                        [
                            Evidence(
                                sentence.text, sentence.start, sentence.end, "collective signing"
                            ),
                            Evidence(
                                text,
                                sentences[later].start,
                                sentences[later].end,
                                "listed among its parties",
                            ),
                        ],
                        day.date if day else None,
                        f"{day.how}, given with the signing" if day else None,
                        confidence=0.45,
                        subject=entity.id,
                    )
                )
    return extra


def _triggers_sign(text: str) -> bool:
    return any(t.family == "sign" for t in triggers_in(text))


def _party_after(mentions: list[Mention], position: int, taken: list[int]) -> int | None:
    for mention in mentions:
        free = mention.entity is not None and mention.entity not in taken
        if free and mention.start >= position and mention.kind in _PARTY_KINDS:
            return mention.entity
    return None
