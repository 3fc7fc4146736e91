"""The static-files benchmark's bookkeeping (bench/static_cache.py), on DevTools events as
Chromium sends them: what counts as loaded from the network, from the cache, revalidated.
(Its figures are benchmarks, in BENCHMARKS.md; tests/deploy/test_static_cache.py runs it
in a real browser through nginx.)"""

from __future__ import annotations

import base64

from bench.static_cache import Recorder, Visit, table


def _request(rec: Recorder, rid: str, url: str) -> None:
    rec.will_send({"requestId": rid, "request": {"url": url}})


def test_network_cache_and_revalidation_are_told_apart() -> None:
    rec = Recorder()
    base = "http://127.0.0.1:8080"
    # A first download of a hashed file, gzipped: the bytes that came over the wire.
    _request(rec, "1", f"{base}/static/js/index.DormvYxC.js")
    rec.response({"requestId": "1", "response": {"status": 200}})
    rec.raw_response({"requestId": "1", "statusCode": 200})
    rec.finished({"requestId": "1", "encodedDataLength": 147_600})
    # The page, revalidated: DevTools shows the cache's 200, the wire a 304.
    _request(rec, "2", f"{base}/?q=0.2,0.5,0.3")
    rec.response({"requestId": "2", "response": {"status": 200}})
    rec.raw_response({"requestId": "2", "statusCode": 304})
    rec.finished({"requestId": "2", "encodedDataLength": 245})
    # From the disk cache, and from the memory cache: no bytes over the network.
    _request(rec, "3", f"{base}/static/css/index.C1JORDN2.css")
    rec.response({"requestId": "3", "response": {"status": 200, "fromDiskCache": True}})
    rec.finished({"requestId": "3", "encodedDataLength": 0})
    _request(rec, "4", f"{base}/static/js/react-dom.Dzbslgj4.js")
    rec.served_from_cache({"requestId": "4"})
    # Cancelled before anything arrived; a data: URL (not a request to a server).
    _request(rec, "5", f"{base}/_stcore/host-config")
    _request(rec, "6", "data:image/png;base64,AAAA")
    # The websocket: a binary frame (base64 in DevTools) and a text frame.
    rec.frame({"response": {"opcode": 2, "payloadData": base64.b64encode(b"\x00" * 300).decode()}})
    rec.frame({"response": {"opcode": 1, "payloadData": "ping"}})

    v = rec.visit(seconds=1.5)
    assert (v.network, v.bytes, v.static_bytes) == (2, 147_845, 147_600)
    assert (v.revalidated, v.cached, v.websocket, v.seconds) == (1, 2, 304, 1.5)
    assert v.urls == ["200 /static/js/index.DormvYxC.js (147600 B)", "304 / (245 B)"]


def test_table_has_a_row_per_visit() -> None:
    first = Visit(114, 1_993_200, 1_987_500, 0, 0, 125_500, 4.3, 0.25)
    second = Visit(3, 1600, revalidated=1)
    lines = table([("2 replicas + nginx", "/", first, second)]).splitlines()
    assert len(lines) == 4 and all(line.count("|") == 11 for line in lines)
    assert (
        "| first | 114 (0) | 1,993.2 kB | 1,987.5 kB | 0 | 125.5 kB | 4.30 s | 0.25 s |" in lines[2]
    )
    assert "| second | 3 (1) | 1.6 kB | 0.0 kB |" in lines[3]
