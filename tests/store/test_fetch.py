"""Fetching editions over HTTP from a local server (never the internet): conditional GET,
retries, timeouts, truncated bodies, companion files."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.store.conftest import NSF, SDN_2021

pytest.importorskip("sqlalchemy")
pytest.importorskip("pytest_httpserver")

from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Request, Response  # noqa: E402

from tradescreen import store as st  # noqa: E402
from tradescreen.store import fetch  # noqa: E402

FCC = "us_fcc_covered"
FCC_BYTES = (NSF / "fcc_covered.json").read_bytes() if NSF.is_dir() else b""
LAST_MODIFIED = "Wed, 08 Jul 2026 10:00:00 GMT"


class Recorder:
    """A werkzeug handler serving one body with an ETag, answering 304 when it may."""

    def __init__(self, body: bytes, etag: str | None = '"v1"', fail_first: int = 0,
                 status: int = 500) -> None:
        self.body, self.etag, self.fail_first, self.status = body, etag, fail_first, status
        self.requests: list[dict[str, str]] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(dict(request.headers))
        if len(self.requests) <= self.fail_first:
            return Response("try later", status=self.status)
        headers = {"Last-Modified": LAST_MODIFIED, "Content-Type": "application/json"}
        if self.etag:
            headers["ETag"] = self.etag
            if request.headers.get("If-None-Match") == self.etag:
                return Response(status=304, headers=headers)
        return Response(self.body, status=200, headers=headers)


def _update(url: str, fast_fetch: Any, dataset: str = FCC, **kw: Any) -> st.UpdateResult:
    [res] = st.update([dataset], url, options=fast_fetch, **kw)
    return res


def test_conditional_get_official_url(store: str, httpserver: HTTPServer, fast_fetch: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rec = Recorder(FCC_BYTES)
    httpserver.expect_request("/fcc_covered.json").respond_with_handler(rec)
    url = httpserver.url_for("/fcc_covered.json")
    monkeypatch.setattr(fetch, "official_url", lambda ds: url if ds == FCC else None)
    [first] = st.update([FCC], options=fast_fetch)
    assert first.status == "updated", first.message
    assert first.source == url and first.as_of == "2026-07-09"
    assert "If-None-Match" not in rec.requests[0]
    [second] = st.update([FCC], options=fast_fetch)
    assert second.status == "unchanged" and "304" in second.message
    assert rec.requests[1]["If-None-Match"] == '"v1"'
    assert rec.requests[1]["If-Modified-Since"] == LAST_MODIFIED
    assert second.version == first.version
    [forced] = st.update([FCC], options=fast_fetch, force=True)  # --force: unconditional
    assert "If-None-Match" not in rec.requests[2] and forced.status == "updated"


def test_same_bytes_without_etag_is_unchanged(store: str, httpserver: HTTPServer,
                                              fast_fetch: Any) -> None:
    rec = Recorder(FCC_BYTES, etag=None)
    httpserver.expect_request("/f.json").respond_with_handler(rec)
    url = httpserver.url_for("/f.json")
    assert _update(url, fast_fetch).status == "updated"
    again = _update(url, fast_fetch)
    assert again.status == "unchanged" and "same checksum" in again.message
    assert rec.requests[1].get("If-Modified-Since") == LAST_MODIFIED


def test_server_error_then_retry_succeeds(store: str, httpserver: HTTPServer,
                                          fast_fetch: Any) -> None:
    rec = Recorder(FCC_BYTES, fail_first=2)
    httpserver.expect_request("/f.json").respond_with_handler(rec)
    res = _update(httpserver.url_for("/f.json"), fast_fetch)
    assert res.status == "updated", res.message
    assert len(rec.requests) == 3


def test_server_error_gives_up_and_keeps_previous(store: str, httpserver: HTTPServer,
                                                  fast_fetch: Any) -> None:
    good = Recorder(FCC_BYTES)
    httpserver.expect_request("/good.json").respond_with_handler(good)
    assert _update(httpserver.url_for("/good.json"), fast_fetch).status == "updated"
    before = st.current_versions()
    bad = Recorder(FCC_BYTES, fail_first=99)
    httpserver.expect_request("/bad.json").respond_with_handler(bad)
    res = _update(httpserver.url_for("/bad.json"), fast_fetch)
    assert res.status == "failed" and not res.input_error
    assert "HTTP 500" in res.message and "3 attempts" in res.message
    assert len(bad.requests) == 3
    assert st.current_versions() == before


def test_not_found_is_not_retried(store: str, httpserver: HTTPServer, fast_fetch: Any) -> None:
    httpserver.expect_request("/gone.json").respond_with_data("no", status=404)
    res = _update(httpserver.url_for("/gone.json"), fast_fetch)
    assert res.status == "failed" and "HTTP 404" in res.message
    assert len(httpserver.log) == 1


def test_timeout(store: str, httpserver: HTTPServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(0.4)
        return Response(FCC_BYTES)

    httpserver.expect_request("/slow.json").respond_with_handler(slow)
    opts = st.FetchOptions(timeout=0.15, retries=1, backoff=0.01)
    started = time.monotonic()
    res = _update(httpserver.url_for("/slow.json"), opts)
    assert res.status == "failed" and "timed out" in res.message
    assert "2 attempts" in res.message
    assert time.monotonic() - started < 3
    assert st.current_versions() == {}


def test_truncated_body_is_a_parse_error(store: str, httpserver: HTTPServer,
                                         fast_fetch: Any) -> None:
    httpserver.expect_request("/full.json").respond_with_handler(Recorder(FCC_BYTES))
    first = _update(httpserver.url_for("/full.json"), fast_fetch)
    before = st.current_versions()
    cut = FCC_BYTES[: len(FCC_BYTES) * 2 // 3]
    httpserver.expect_request("/cut.json").respond_with_handler(Recorder(cut, etag='"v2"'))
    res = _update(httpserver.url_for("/cut.json"), fast_fetch)
    assert res.status == "failed" and res.input_error
    assert "not valid JSON" in res.message and "cut.json" in res.message
    assert st.current_versions() == before
    assert len(st.load_version_entities(FCC, first.version or 0)) == 13


def test_body_shorter_than_content_length(store: str, httpserver: HTTPServer,
                                          fast_fetch: Any) -> None:
    def liar(_request: Request) -> Response:
        resp = Response(FCC_BYTES[:500])
        resp.headers["Content-Length"] = str(len(FCC_BYTES))
        resp.direct_passthrough = True
        return resp

    httpserver.expect_request("/liar.json").respond_with_handler(liar)
    res = _update(httpserver.url_for("/liar.json"), fast_fetch)
    assert res.status == "failed" and "download failed" in res.message
    assert st.current_versions() == {}


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_ofac_companions(store: str, httpserver: HTTPServer, fast_fetch: Any) -> None:
    pytest.importorskip("tradescreen.sources.ofac")
    for name in ("sdn.csv", "add.csv", "alt.csv"):  # sdn_comments.csv left out: a 404
        httpserver.expect_request(f"/exports/{name}").respond_with_data(
            (SDN_2021 / name).read_bytes(), content_type="text/csv")
    httpserver.expect_request("/exports/sdn_comments.csv").respond_with_data("", status=404)
    url = httpserver.url_for("/exports/sdn.csv")
    assert fetch.companion_urls("us_ofac_sdn", url) == [
        httpserver.url_for(f"/exports/{n}") for n in ("add.csv", "alt.csv", "sdn_comments.csv")]
    res = _update(url, fast_fetch, dataset="us_ofac_sdn")
    assert res.status == "updated", res.message
    assert res.entities == 8976
    assert any("sdn_comments.csv not found" in n for n in res.notes)
    ents = st.load_version_entities("us_ofac_sdn", res.version or 0)
    assert sum(1 for e in ents if e.addresses) > 1000
    upper = fetch.companion_urls("us_ofac_sdn", "https://x.example/exports/SDN.CSV")
    assert upper[0] == "https://x.example/exports/ADD.CSV"


def test_file_name_and_dates(tmp_path: Path) -> None:
    import httpx

    resp = httpx.Response(200, headers={"content-disposition": 'attachment; filename="a b.xml"'})
    assert fetch._file_name("https://x/y/download", resp, "f") == "a_b.xml"
    resp = httpx.Response(200, headers={"content-type": "application/xml"})
    assert fetch._file_name("https://x/content?token=1", resp, "f") == "content.xml"
    assert fetch.http_date(LAST_MODIFIED) == "2026-07-08"
    assert fetch.http_date("garbage") is None
    with pytest.raises(fetch.FetchError, match="only http"):
        fetch.download("ftp://example.org/x", tmp_path)
