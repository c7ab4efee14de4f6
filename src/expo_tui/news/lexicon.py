"""The words that make a sentence a meeting, a visit, a reception or a signing, in Indonesian
(and Malay) and English, with the direction each gives and the markers around them.

Each trigger is (pattern, family, voice, rule name):

* family: meet (a bilateral meeting), courtesy (a courtesy call or reception), sign, witness
  (whoever follows attends, never signs), accompany (whoever follows comes along);
* voice: symmetric (the sides meet), receive (the subject hosts), visit (the subject calls on
  the object), passive (the object, after "oleh"/"by", hosts or signs), noun (a noun phrase:
  "pertemuan dengan X", "the signing of"), active (a signing verb).

Patterns are matched case-insensitively at word boundaries; where two overlap, the longer
wins ("melakukan kunjungan kehormatan kepada" over "kunjungan").
"""

from __future__ import annotations

import re

TRIGGERS: tuple[tuple[str, str, str, str], ...] = (
    # -- Indonesian and Malay: visits and receptions --------------------------------------------
    (
        r"(?:melakukan|mengadakan|melaksanakan)\s+(?:kunjungan\s+kehormatan|courtesy\s+call|kunjungan\s+kerja|kunjungan)\s+(?:ke|kepada|dengan|terhadap)",
        "courtesy",
        "visit",
        "id.visit.courtesy",
    ),
    (
        r"menerima\s+(?:kunjungan(?:\s+kehormatan|\s+kerja|\s+resmi)?|courtesy\s+call|kedatangan|delegasi)(?:\s+(?:dari|delegasi))?",
        "courtesy",
        "receive",
        "id.receive.visit",
    ),
    (r"(?:menerima|menyambut|menjamu)", "courtesy", "receive", "id.receive"),
    # a welcoming ceremony names its guest; who led it hosts ("dipimpin oleh", below)
    (
        r"(?:upacara\s+(?:\w+\s+){0,2}?)?penyambutan(?:\s+(?:resmi|kenegaraan|kehormatan|militer))?(?:\s+(?:bagi|untuk|kepada|terhadap))?",
        "courtesy",
        "noun",
        "id.receive.ceremony",
    ),
    (
        r"(?:upacara|acara|seremoni)\s+(?:penyambutan\s+)?(?:tersebut|itu|ini)\s+dipimpin\s+(?:langsung\s+|secara\s+langsung\s+)?oleh",
        "lead",
        "lead",
        "id.ceremony.led",
    ),
    (
        r"(?:diterima|disambut|dijamu)\s+(?:langsung\s+|secara\s+langsung\s+)?oleh",
        "courtesy",
        "passive",
        "id.receive.passive",
    ),
    (r"(?:berkunjung|bertandang|datang)\s+(?:ke|kepada)", "courtesy", "visit", "id.visit"),
    (r"(?:mengunjungi|menyambangi|menghadap|melawat)", "courtesy", "visit", "id.visit"),
    # -- Indonesian and Malay: meetings ------------------------------------------------------
    (
        r"(?:melakukan|mengadakan|menggelar|melaksanakan)\s+(?:pertemuan|pembicaraan|perbincangan|dialog|diskusi)(?:\s+bilateral|\s+tertutup|\s+khusus)?(?:\s+(?:dengan|bersama))?",
        "meet",
        "symmetric",
        "id.meet.held",
    ),
    (
        r"(?:menemui|bertemu|berjumpa|bertatap\s+muka|berdialog|berdiskusi|berbincang(?:-bincang)?|bersilaturahmi|berunding|berjumpa\s+muka)(?:\s+(?:dengan|bersama))?",
        "meet",
        "symmetric",
        "id.meet",
    ),
    (
        r"(?:pertemuan|pembicaraan|perbincangan|diskusi|dialog)(?:-pertemuan)?(?:nya)?(?:\s+(?:bilateral(?:nya)?|pertama|kedua|ketiga|selanjutnya|berikutnya|terakhir|lanjutan|resmi|tertutup|khusus|tersebut|itu|ini|juga)){0,3},?(?:\s+(?:dilakukan|dilaksanakan|digelar|diadakan|berlangsung|dimulai|diawali|dibuka|dilanjutkan|juga))*\s+(?:antara|dengan|bersama)",
        "meet",
        "noun",
        "id.meet.noun",
    ),
    (
        r"kunjungan(?:\s+kehormatan|\s+kerja|\s+resmi)?(?:nya)?(?:\s+(?:pertama|kedua|ketiga|selanjutnya|berikutnya|terakhir|lanjutan|tersebut|itu|ini|juga)){0,2},?(?:\s+(?:dilakukan|dilaksanakan|datang|tiba|berlangsung))*\s+(?:dari|oleh)",
        "courtesy",
        "noun",
        "id.visit.noun",
    ),
    # -- Indonesian and Malay: signings ----------------------------------------------------------
    (
        r"(?:menandatangani|meneken|menandatangan|meneken|teken|menyepakati\s+dan\s+menandatangani)",
        "sign",
        "active",
        "id.sign",
    ),
    (
        r"(?:ditandatangani|ditandatangan|diteken|dimeterai)(?:\s+(?:langsung\s+)?oleh)?",
        "sign",
        "passive",
        "id.sign.passive",
    ),
    (
        r"(?:penandatanganan|penekenan|menandatangani)\s+(?:bersama\s+)?(?=\S)",
        "sign",
        "noun",
        "id.sign.noun",
    ),
    # -- witnesses and company ---------------------------------------------------------------
    (
        r"(?:disaksikan(?:\s+(?:langsung\s+|secara\s+langsung\s+)?oleh)?|di\s+hadapan|dihadiri\s+(?:langsung\s+)?oleh)",
        "witness",
        "passive",
        "id.witness.passive",
    ),
    (
        r"(?:menyaksikan(?:\s+langsung)?|menjadi\s+saksi|sebagai\s+saksi|bersaksi)",
        "witness",
        "witness",
        "id.witness",
    ),
    (r"(?:diwakili\s+(?:langsung\s+)?oleh|mewakili)", "represent", "represent", "id.represent"),
    (
        r"(?:menurut|kata|ujar|ucap|ungkap|tutur|imbuh|papar)(?:nya)?|(?:jelas|tegas|terang)(?:nya)?(?=\s+(?-i:[A-Z]))",
        "speech",
        "speech",
        "id.speech",
    ),
    (
        r"(?:didampingi(?:\s+(?:langsung\s+)?oleh)?|beserta|bersama\s+(?:dengan\s+)?(?=(?-i:[A-Z])))",
        "accompany",
        "accompany",
        "id.accompany",
    ),
    # -- English: visits and receptions ------------------------------------------------------
    (
        r"(?:paid|pays|pay|made|makes|make)\s+(?:a\s+)?courtesy\s+(?:call|visit)s?\s+(?:on|to)|courtesy\s+(?:call|visit)s?\s+(?:on|to)|(?:called|calls|call)\s+on|(?:paid|pays)\s+a\s+visit\s+to",
        "courtesy",
        "visit",
        "en.visit.courtesy",
    ),
    (
        r"(?:was|were|is|are|been|being)?\s*(?:received|welcomed|hosted|greeted)\s+by",
        "courtesy",
        "passive",
        "en.receive.passive",
    ),
    (
        r"welcoming\s+ceremony\s+(?:for|of)|(?:guard\s+of\s+honou?r|full\s+military\s+honou?rs)\s+for",
        "courtesy",
        "noun",
        "en.receive.ceremony",
    ),
    (
        r"(?:the\s+)?ceremony\s+was\s+(?:led|hosted|presided\s+over)\s+by",
        "lead",
        "lead",
        "en.ceremony.led",
    ),
    (
        r"(?:received|receives|receiving|welcomed|welcomes|welcoming|hosted|hosts|hosting)",
        "courtesy",
        "receive",
        "en.receive",
    ),
    (r"(?:visited|visits|visiting)", "courtesy", "visit", "en.visit"),
    # -- English: meetings -------------------------------------------------------------------
    (
        r"(?:held|holds|hold|holding|had|has|have|having)\s+(?:a\s+|an\s+)?(?:bilateral\s+|closed-door\s+|separate\s+)?(?:talks|meetings?|discussions?|dialogue)\s+with",
        "meet",
        "symmetric",
        "en.meet.held",
    ),
    (
        r"(?:met|meets|meet)(?:\s+(?:with|separately\s+with))?|(?:sat|sit|sits)\s+down\s+with|conferred\s+with|(?:spoke|talked)\s+with",
        "meet",
        "symmetric",
        "en.meet",
    ),
    (
        r"(?:bilateral\s+)?(?:meeting|meetings|talks|courtesy\s+call)\s+(?:between|with)",
        "meet",
        "noun",
        "en.meet.noun",
    ),
    # -- English: signings -------------------------------------------------------------------
    (
        r"(?:was|were|been|being|is|are)\s+(?:formally\s+)?signed(?:\s+by)?|signed\s+by",
        "sign",
        "passive",
        "en.sign.passive",
    ),
    (r"(?:signed|signs|sign|inked|inks|ink|sealed|seals|concluded)", "sign", "active", "en.sign"),
    (r"signing(?:\s+ceremony)?(?:\s+of)?", "sign", "noun", "en.sign.noun"),
    # -- English: witnesses and company -------------------------------------------------------
    (
        r"witnessed\s+by|in\s+the\s+presence\s+of|attended\s+by",
        "witness",
        "passive",
        "en.witness.passive",
    ),
    (r"witnessed|witnessing|witnesses|looked\s+on", "witness", "witness", "en.witness"),
    (
        r"accompanied\s+by|flanked\s+by|joined\s+by|along\s+with|together\s+with",
        "accompany",
        "accompany",
        "en.accompany",
    ),
    (r"represented\s+by|on\s+behalf\s+of|representing", "represent", "represent", "en.represent"),
    (r"according\s+to|said|says|told|stated|noted|added", "speech", "speech", "en.speech"),
)

TRIGGER_RE = re.compile(
    "|".join(f"(?P<t{n}>\\b(?:{pattern})\\b)" for n, (pattern, *_rest) in enumerate(TRIGGERS)),
    re.IGNORECASE,
)

# A signing needs something signed: an agreement, a contract, a memorandum ...
AGREEMENT = re.compile(
    r"\b(?:MoUs?|MoAs?|MoCs?|LoIs?|LoAs?|nota\s+kesepahaman|perjanjian|kontrak|kesepakatan|kerja\s*sama"
    r"|memorand(?:um|a)|agreements?|contracts?|deals?|accords?|pacts?|letters?\s+of\s+intent"
    r"|protocols?|arrangements?|memorandum\s+persefahaman|perjanjian\s+kerjasama|dokumen)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(?:akan|bakal|dijadwalkan|direncanakan|rencananya|berencana|hendak|dijangka|will|would"
    r"|shall|(?:is|are|was|were)\s+(?:set|scheduled|expected|due|slated|poised)\s+to|plans?\s+to"
    r"|planned\s+to|scheduled\s+to|upcoming)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(
    r"\b(?:tidak|tak|belum|batal|urung|gagal|bukan|not|never|didn't|did\s+not|won't|cancel(?:l?ed)?"
    r"|postponed|ditunda|dibatalkan)\b",
    re.IGNORECASE,
)
# Where the list of the other side ends: a purpose, a place, a time, a relative clause.
OBJECT_STOP = re.compile(
    r"\b(?:untuk|guna|dalam\s+rangka|terkait|membahas|mengenai|tentang|demi|agar|sehingga|saat"
    r"|ketika|yang(?!\s+(?:dipimpin|diketuai|dikepalai))|sebagai|senilai|bernilai|pada|di(?!\s+(?:antaranya|antara))|to|in|at|on|during"
    r"|for|where|which|who|about|regarding|amid|as|worth|valued|after|before|while|adalah|merupakan"
    r"|ialah|is|was|are|were|menjadi)\b|[;:]",
    re.IGNORECASE,
)
# Sequence words: the first of a chain, the next, the last.
SEQUENCE = re.compile(
    r"\b(?P<first>pertama(?:-tama)?|dimulai\s+(?:dari|dengan)|diawali\s+(?:dengan|dari|oleh)"
    r"|mengawali|memulai|awalnya|first(?:ly)?|began\s+(?:with|by)|started\s+(?:with|by)|kicked\s+off\s+with)\b"
    r"|\b(?P<next>kemudian|selanjutnya|lalu|setelah\s+itu|usai\s+itu|sesudah\s+itu|berikutnya"
    r"|disusul|dilanjutkan|melanjutkan|berlanjut|then|next|afterwards|after\s+that|subsequently"
    r"|followed\s+by)\b"
    r"|\b(?P<last>terakhir|akhirnya|finally|lastly)\b",
    re.IGNORECASE,
)
# Totals for a whole show are not events: "35 MoU selama empat hari", "in total".
TOTAL = re.compile(
    r"\b(?:(?:selama|sepanjang|dalam)\s+(?:\w+\s+){0,2}?(?:empat|tiga|lima|enam|\d+)\s+hari"
    r"|(?:selama|sepanjang)\s+(?:pameran|penyelenggaraan|gelaran|perhelatan|acara)"
    r"|secara\s+keseluruhan|in\s+total|over\s+the\s+(?:four|three|five|\d+)\s+days"
    r"|throughout\s+the\s+(?:show|exhibition|event)|(?:during|over)\s+the\s+(?:four|three|five|\d+)-day"
    r"|\d+\s+(?:MoU|nota\s+kesepahaman|kontrak|contracts?|agreements?)\S*\s*,?\s+(?:dan|and|serta)\s+\d+\s+(?:MoU|nota|kontrak|contracts?|agreements?|memorand))",
    re.IGNORECASE,
)
# What is seen on a visit to a pavilion or a stand is not a meeting.
PLACE_VISITED = re.compile(
    r"\s*(?:(?:beberapa|sejumlah|berbagai|the|several|a|an|its)\s+)?(?:paviliun|pavilion|pavilions|stand|stan|booth|booths"
    r"|anjungan|area|hall|gerai|pameran|exhibits?|exhibition|display|displays|lokasi|arena|ruang\s+pamer)\b",
    re.IGNORECASE,
)
CONJUNCTION = re.compile(r"\s*(?:,|dan|and|serta|&|maupun|,\s*dan|,\s*and)\s*", re.IGNORECASE)


def trigger_info(match: re.Match[str]) -> tuple[str, str, str]:
    """(family, voice, rule) of a TRIGGER_RE match."""
    name = match.lastgroup or "t0"
    _pattern, family, voice, rule = TRIGGERS[int(name[1:])]
    return family, voice, rule


# A time outside the story's day: what such a sentence tells did not happen on the day given
# earlier ("bulan lalu", "last month", "in 2023").
ELSEWHERE_IN_TIME = re.compile(
    r"\b(?:(?:bulan|tahun|pekan|minggu)\s+(?:lalu|sebelumnya|kemarin)|last\s+(?:month|year|week)"
    r"|earlier\s+this\s+(?:year|month)|sebelumnya|previously|(?:pada|in)\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A noun form of signing names its parties after one of these ("the signing of the MoU
# between A and B", "penandatanganan kontrak oleh X").
SIGNING_LINK = re.compile(r"\b(?:antara|between|oleh|by|dengan|with|bersama)\b", re.IGNORECASE)
# One item of a list of agreements told after "X signed seven agreements": "kerja sama ...
# dengan TAIS", "a partnership with Naval Group".
AGREEMENT_ITEM = re.compile(
    r"\b(?:kerja\s*sama|kemitraan|kolaborasi|nota\s+kesepahaman|MoU|kontrak|perjanjian|agreements?"
    r"|partnerships?|contracts?|deals?|memorandum)\b[^.;]*?\b(?:dengan|with)\b",
    re.IGNORECASE,
)
# A sale or a purchase told just before a signing names the other side ("PTDI menyepakati
# penjualan enam helikopter ke Baranahan Kemhan").
DEAL = re.compile(
    r"\b(?:menyepakati|sepakat|menjual|penjualan|membeli|pembelian|memesan|pemesanan|pengadaan"
    r"|agreed|sold|sells|sale|bought|buys|purchased?|ordered)\b[^.;]*?\b(?:ke|kepada|dari|dengan|to|from|with)\b",
    re.IGNORECASE,
)
# A collective signing: many agreements at once ("27 MoU", "secara serentak", "several
# agreements"), whose parties the article then lists ("melibatkan", "meliputi", "including").
COLLECTIVE = re.compile(
    r"\b(?:\d+|puluhan|belasan|sejumlah|beberapa|several|dozens\s+of)\s+(?:MoU|nota\s+kesepahaman|kontrak"
    r"|perjanjian|kesepakatan|kerja\s*sama|agreements?|contracts?|memoranda)\b|\bsecara\s+serentak\b"
    r"|\bsimultaneously\b",
    re.IGNORECASE,
)
LISTING = re.compile(
    r"\b(?:melibatkan|meliputi|termasuk|seperti|antara\s+lain|di\s+antaranya|diikuti|including|such\s+as"
    r"|involving|among\s+them|turut\s+serta)\b",
    re.IGNORECASE,
)
# Both sides of what was just told, named together: "the two officials", "kedua pihak".
BOTH_SIDES = re.compile(
    r"\b(?:the\s+two\s+(?:officials|sides|ministers|leaders|chiefs|men|delegations|countries)"
    r"|both\s+(?:sides|officials|ministers|leaders|delegations|countries)|keduanya"
    r"|kedua\s+(?:pejabat|pihak|menteri|pemimpin|delegasi|negara|tokoh|petinggi))\b",
    re.IGNORECASE,
)
