"""The word lists the mention finder reads: joiners of a title chain, name particles, words that
are never part of a person's name, words that make capitals a company. Plain words, lower case.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that join a title chain without being a title.
CHAIN_JOINERS = _words(
    """
    asal bidang dari delegasi delegation for kerajaan kingdom military militer of pihak republic
    republik s the urusan
    counterpart counterparts sejawat sejawatnya mitranya rekannya koleganya
    """
)

# The word between a country and a name that says the person holds the same office as the one
# just named: "his Pakistani counterpart Khawaja Asif", "mitranya dari Filipina".
COUNTERPART = _words(
    """
    counterpart counterparts sejawat sejawatnya mitranya rekannya koleganya
    """
)

# After these, a country is where the office is accredited, not whose it is ("Dubes RI untuk
# Kanada" is Indonesia's ambassador).
ACCREDITED_TO = _words(
    """
    bagi di in ke to untuk
    """
)

NAME_PARTICLES = _words(
    """
    abu al bin bint binti da de den der dos du el ibn la le ud ul van von
    """
)

# Capitalised words that start sentences or name things but are never part of a person's name.
NOT_NAME_WORDS = _words(
    """
    a acara according adapun after agustus also an and antara april at atau august bahkan bapak
    before beliau berita both but dalam dan dari december defence defense democratic demokratik
    dengan desember di dia during exhibition expo februari february federasi federation forum
    foto friday hadir hal hall he her hingga his however ia ibu in indo indonesia ini islam
    islamic it its itu jakarta januari january jelas jiexpo juga juli july jumat june juni kami
    kamis kata ke kedua kegiatan kemayoran kemudian kerajaan kesepahaman ketika kingdom kita
    kunjungan loi march maret may meanwhile mei menurut mereka minggu monday mou namun negara
    news nota november october oktober on or pada pameran para pavilion paviliun people
    pertemuan presiden pt rabu rakyat republic republik rp saat sabtu said sampai saturday
    sebagai sebelumnya sebut sejumlah selain selama selanjutnya selasa seluruh sementara senin
    september serikat serta setelah she show state sunday tampak tegas that the their they this
    thursday tni tuesday turut ujar ungkap united untuk us$ usai usd video we wednesday while
    yang
    """
)

PRONOUNS = _words(
    """
    beliau dia he ia she
    """
)

ORG_WORDS = _words(
    """
    aerospace agency airlines berhad bhd company corp corporation defence defense dynamics
    electronics engineering gmbh group holdings inc industries limited llc ltd motors persero
    plc project projects shipyard shipyards solutions system systems tbk technologies
    """
)

ANAPHORA = _words(
    """
    badan instansi institusi kementerian lembaga perusahaan pihaknya
    """
)
