"""The news ingest: saved articles in Indonesian, Malay and English become candidate records.

`pipeline.ingest` is the one door (the CLI's `ingest` calls it; a review screen will too) and
`review` decides on candidates. The stages, each a module: inputs (files, folders, standard
input, URLs through fetch), extract (trafilatura, page_meta, cleaning, the language), sentences,
mentions and entities (who is named, and who is who), relations (meetings, visits, receptions,
signings, with lexicon.py's words), when (days), analyse (one article end to end, with
signings.py for signings told in pieces), candidates and matching (records for the store).
docs/ingest.md describes them. Importing this package loads none of them.
"""
