"""What a saved page says about itself: title, site name, canonical URL, publication date.

Read from the page's own markup (Open Graph, Twitter and Dublin Core tags, <link
rel="canonical">, <title>), and the date with htmldate limited to the markup. trafilatura
can find these too, but also looks for authors, categories and tags the ingest does not use,
which costs a third of the time of reading a page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

_TITLE = ("og:title", "twitter:title", "dc.title", "title")
_SITE = ("og:site_name", "application-name", "twitter:site", "dc.publisher", "publisher")


def _meta(tree: Any, keys: tuple[str, ...]) -> str | None:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().casefold()
        content = (element.get("content") or "").strip()
        if key in keys and content and key not in found:
            found[key] = content
    return next((found[k] for k in keys if k in found), None)


def page_metadata(tree: Any, url: str | None) -> dict[str, Any]:
    """title, publisher, url (canonical) and published (a date) of a parsed page."""
    import htmldate

    title = _meta(tree, _TITLE)
    if title is None:
        element = tree.find(".//title")
        title = element.text_content().strip() if element is not None else None
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().casefold() == "canonical" and link.get("href"):
            canonical = link.get("href").strip()
            break
    canonical = canonical or _meta(tree, ("og:url",))
    publisher = _meta(tree, _SITE)
    if publisher and publisher.startswith("@"):
        publisher = publisher[1:]
    try:
        text = htmldate.find_date(
            tree, extensive_search=False, original_date=True, url=canonical or url
        )
        published = dt.date.fromisoformat(text) if text else None
    except (ValueError, TypeError):
        published = None
    return {"title": title, "publisher": publisher, "url": canonical, "published": published}
