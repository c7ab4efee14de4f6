"""One polite request for a page: a timeout, a size cap, redirects within http(s), no scripts.

The standard library's urllib is enough: the page is read as bytes and nothing in it runs.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from .. import __version__
from .errors import NewsInputError

USER_AGENT = f"expo-tui/{__version__} (news ingest; one request per article)"


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (never file:, ftp: or others)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-http URL", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str, str]:
    """(body, final URL, content type) of `url`, or NewsInputError."""
    opener = urllib.request.build_opener(_HttpOnly)
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise NewsInputError(url, f"is over {max_bytes // (1024 * 1024)} MB; not fetched")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise NewsInputError(url, f"is over {max_bytes // (1024 * 1024)} MB; not fetched")
            content_type = (response.headers.get("Content-Type") or "").lower()
            return body, response.geturl(), content_type
    except NewsInputError:
        raise
    except urllib.error.HTTPError as error:
        raise NewsInputError(url, f"answered HTTP {error.code} ({error.reason})") from None
    except urllib.error.URLError as error:
        raise NewsInputError(url, f"cannot be fetched ({error.reason})") from None
    except TimeoutError:
        raise NewsInputError(url, f"did not answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:
        raise NewsInputError(url, f"cannot be fetched ({error})") from None
