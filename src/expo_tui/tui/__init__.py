"""The Textual explorer. Only this package imports Textual; the store never does."""
