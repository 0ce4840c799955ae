"""Download official list files: timeouts, retries with backoff, conditional GET.

Every file is streamed into a temporary `.part` file and renamed only once complete, so a
failed or cut download never leaves a half-written file that looks whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from tradescreen import __version__, datasets

MAX_BYTES = 512 * 1024 * 1024
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

# datasets whose official URL serves a file their parser reads, with companion files that
# belong to the same edition (fetched from beside the main file). Others load with --from.
OFFICIAL: dict[str, tuple[str, ...]] = {
    "us_ofac_sdn": ("ADD.CSV", "ALT.CSV", "SDN_COMMENTS.CSV"),
    "us_ofac_cons": (),
    "un_sc": (),
    "us_bis_dpl": (),
    "us_trade_csl": (),
}
# companions only make sense next to these main files (lower case)
COMPANION_OF = {"us_ofac_sdn": "sdn.csv"}


class FetchError(RuntimeError):
    """A download failed after every retry; the message names the URL and the cause."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = 60.0  # seconds without progress (connect, read) before giving up a try
    retries: int = 3  # further attempts after the first
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_backoff: float = 30.0


DEFAULT_OPTIONS = FetchOptions()


@dataclass(slots=True)
class Download:
    url: str
    not_modified: bool = False
    files: list[Path] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    notes: list[str] = field(default_factory=list)


def official_url(dataset: str) -> str | None:
    """The official machine-readable URL of `dataset`, or None when it has none we can read."""
    if dataset not in OFFICIAL:
        return None
    return datasets.get(dataset).url


def companion_urls(dataset: str, url: str) -> list[str]:
    """URLs of the files that complete `url`'s edition (same letter case as the main file)."""
    main = _name_from_url(url)
    if COMPANION_OF.get(dataset) != main.lower():
        return []
    upper = main.isupper()
    return [urljoin(url, c if upper else c.lower()) for c in OFFICIAL.get(dataset, ())]


def _name_from_url(url: str) -> str:
    path = unquote(urlsplit(url).path)
    return path.rstrip("/").rsplit("/", 1)[-1]


_SUFFIX = {"xml": ".xml", "csv": ".csv", "json": ".json", "yaml": ".yaml", "zip": ".zip",
           "spreadsheet": ".ods", "plain": ".txt"}


def _file_name(url: str, response: httpx.Response, fallback: str) -> str:
    """A safe local file name: Content-Disposition, else the URL's last segment."""
    cd = response.headers.get("content-disposition", "")
    m = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', cd, re.I)
    name = unquote(m.group(1)) if m else _name_from_url(url)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name.split("/")[-1].split("\\")[-1]).strip("._")
    if not name or "." not in name:
        ctype = response.headers.get("content-type", "").lower()
        suffix = next((s for k, s in _SUFFIX.items() if k in ctype), ".bin")
        name = (name or fallback) + suffix
    return name[:120]


def _sleep_for(attempt: int, options: FetchOptions, response: httpx.Response | None) -> float:
    delay: float = min(options.backoff * (2 ** attempt), options.max_backoff)
    if response is not None and (ra := response.headers.get("retry-after")):
        with contextlib.suppress(ValueError):
            delay = min(max(float(ra), delay), options.max_backoff)
    return delay


def _get(client: httpx.Client, url: str, dest: Path, headers: dict[str, str],
         options: FetchOptions, fallback: str) -> tuple[httpx.Response, Path | None]:
    """One file with retries; (response, path) - path is None for a 304."""
    last: str = ""
    for attempt in range(options.retries + 1):
        response: httpx.Response | None = None
        part: Path | None = None
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return response, None
                if response.status_code in RETRY_STATUS:
                    last = f"HTTP {response.status_code} {response.reason_phrase}"
                elif response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code} "
                                     f"{response.reason_phrase}")
                else:
                    name = _file_name(str(response.url), response, fallback)
                    part = dest / f".{name}.part"
                    size = 0
                    with open(part, "wb") as fh:
                        for chunk in response.iter_bytes(1 << 16):
                            size += len(chunk)
                            if size > MAX_BYTES:
                                raise FetchError(f"{url}: larger than {MAX_BYTES >> 20} MiB")
                            fh.write(chunk)
                    expected = response.headers.get("content-length")
                    if (expected and expected.isdigit() and not
                            response.headers.get("content-encoding") and int(expected) != size):
                        raise httpx.RemoteProtocolError(
                            f"body cut short: {size} of {expected} bytes")
                    final = dest / name
                    os.replace(part, final)
                    return response, final
        except httpx.TimeoutException as exc:
            last = f"timed out after {options.timeout:g} s ({type(exc).__name__})"
        except httpx.TransportError as exc:
            last = f"{type(exc).__name__}: {exc}"
        finally:
            if part is not None and part.exists():
                part.unlink()
        if attempt < options.retries:
            time.sleep(_sleep_for(attempt, options, response))
    tries = options.retries + 1
    raise FetchError(f"{url}: {last} (gave up after {tries} attempt{'s' * (tries > 1)})")


def download(url: str, dest: Path, *, etag: str | None = None,
             last_modified: str | None = None, companions: list[str] | None = None,
             options: FetchOptions | None = None) -> Download:
    """Fetch `url` (and its companions) into the empty folder `dest`.

    With `etag` / `last_modified` the request is conditional; a 304 answer gives
    ``Download(not_modified=True)`` and no files. A companion answering 404 is noted and
    skipped (the edition is read without it); any other failure raises FetchError.
    """
    options = options or DEFAULT_OPTIONS
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched")
    headers = {"User-Agent": f"tradescreen/{__version__} (list update)"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 15.0))
    out = Download(url)
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        response, path = _get(client, url, dest, headers, options, "download")
        out.etag = response.headers.get("etag") or etag
        out.last_modified = response.headers.get("last-modified") or last_modified
        if path is None:
            out.not_modified = True
            return out
        out.files.append(path)
        plain = {"User-Agent": headers["User-Agent"]}
        for extra in companions or ():
            try:
                _r, p = _get(client, extra, dest, plain, options, "companion")
            except FetchError as exc:
                if "HTTP 404" in str(exc):
                    out.notes.append(f"{extra} not found (404); read without it")
                    continue
                raise
            if p is not None:
                out.files.append(p)
    return out


def http_date(value: str | None) -> str | None:
    """An HTTP date header as ISO YYYY-MM-DD, or None."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
