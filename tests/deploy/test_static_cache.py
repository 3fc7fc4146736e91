"""Streamlit's static files in the replica set-up (issue 20): nginx serves them from a copy
with gzipped twins (deploy/static.py, deploy/nginx.conf) with a year's ``immutable``
caching, while the page that names them (index.html) stays ``no-cache`` and comes from
the replicas. So a phone's second visit loads none of them again.

nginx and one replica are started here on free loopback ports and stopped at the end;
without nginx the nginx tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import gzip
import re
import stat
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bench.classroom_load import free_port
from deploy import static
from tests.e2e.server import game_db_env
from tests.helpers import require_nginx

YEAR = "public, max-age=31536000, immutable"
TYPES = {".js": "application/javascript", ".css": "text/css", ".woff2": "font/woff2"}


# --- the copy nginx serves (no nginx needed) ----------------------------------------------


def test_every_file_nginx_marks_immutable_has_a_content_hash_in_its_name() -> None:
    """A year's ``immutable`` is right only for names that change when the content does."""
    from streamlit import file_util

    assert static.streamlit_static_dir() == Path(file_util.get_static_dir())
    files = static.hashed_files()
    assert len(files) > 100
    unhashed = [str(f) for f in files if not static.HASHED.search(f.name)]
    assert not unhashed, f"files under static/ without a content hash: {unhashed}"
    # The files Streamlit does not hash stay outside /static/ and with the replicas.
    assert all(f.parts[0] == "static" for f in files)


def test_the_copy_is_the_package_plus_gzipped_twins(tmp_path: Path) -> None:
    source = static.streamlit_static_dir()
    root = static.mirror(tmp_path / "root")
    files = static.hashed_files()
    twins = 0
    for rel in files:
        copy, original = root / rel, source / rel
        assert copy.read_bytes() == original.read_bytes(), rel
        assert copy.stat().st_mtime == original.stat().st_mtime, rel
        assert stat.S_IMODE(copy.stat().st_mode) == 0o644, rel
        twin = copy.with_name(copy.name + ".gz")
        if rel.suffix in {".js", ".css"}:
            assert gzip.decompress(twin.read_bytes()) == original.read_bytes(), rel
            twins += 1
        elif rel.suffix in {".woff2", ".png", ".gif"}:
            assert not twin.exists(), f"{rel} is compressed already"
    assert twins > 100
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755, folder


# --- through nginx ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_nginx()
    from deploy import replicas

    run_dir = tmp_path_factory.mktemp("nginx")
    env = game_db_env(run_dir / "game.sqlite3")
    with replicas.cluster(1, free_port(), run_dir, env=env) as (url, _):
        yield url, run_dir


def get(url: str, gzip_ok: bool = True, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body as sent (not decompressed)."""
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as error:  # 304 and the like
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


def page_assets(url: str) -> list[str]:
    """The static files the page's index.html names (scripts, styles, the font)."""
    _, _, body = get(url + "/", gzip_ok=False)
    names = re.findall(r'(?:src|href)="\./(static/[^"]+)"', body.decode())
    assert len(names) > 10 and any(n.endswith(".js") for n in names), names
    return names


def served_by(run_dir: Path, path: str) -> set[str]:
    """Who answered ``path`` per nginx's access log: ``-`` for nginx itself, else the
    replica's address. (nginx logs a request just after its last byte is sent.)"""
    deadline = time.monotonic() + 5
    while True:
        found = {
            re.search(r"upstream=(\S+)", line).group(1)
            for line in (run_dir / "access.log").read_text().splitlines()
            if f'"GET {path} ' in line
        }
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_hashed_files_are_served_by_nginx_gzipped_for_a_year(cluster) -> None:
    url, run_dir = cluster
    source = static.streamlit_static_dir()
    for name in page_assets(url):
        status, headers, body = get(f"{url}/{name}")
        assert status == 200, name
        assert headers["cache-control"] == YEAR, name
        assert "set-cookie" not in headers, f"{name}: a response a cache keeps sets no cookie"
        suffix = Path(name).suffix
        assert headers["content-type"].split(";")[0] == TYPES[suffix], name
        original = (source / name).read_bytes()
        if suffix in {".js", ".css"}:
            assert headers.get("content-encoding") == "gzip", name
            assert "Accept-Encoding" in headers.get("vary", ""), name
            assert gzip.decompress(body) == original, name
        else:
            assert body == original, name
        assert served_by(run_dir, f"/{name}") == {"-"}, f"{name} came from a replica"
    # A browser that takes no gzip gets the file as it is.
    script = next(n for n in page_assets(url) if n.endswith(".js"))
    _, headers, body = get(f"{url}/{script}", gzip_ok=False)
    assert "content-encoding" not in headers
    assert body == (source / script).read_bytes()


def test_the_page_itself_is_revalidated_every_time(cluster) -> None:
    """index.html names the hashed files: it must never be kept without asking."""
    url, run_dir = cluster
    for path in ("/", "/learn", "/?q=0.2,0.5,0.3"):
        status, headers, body = get(url + path)
        assert status == 200, path
        assert headers["cache-control"] == "no-cache", path
        assert "xent_replica=" in headers["set-cookie"], path
        assert served_by(run_dir, path) - {"-"}, f"{path} should come from the replica"
    # Asking again for the root costs a 304 and no body. (Streamlit answers another page's
    # path, e.g. /learn, with index.html in full every time: about 2.4 kB gzipped.)
    _, headers, _ = get(url + "/")
    status, _, body = get(url + "/", **{"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")


def test_a_file_the_copy_lacks_is_asked_of_the_replica(cluster) -> None:
    """E.g. a replica running another Streamlit version: nginx must not mark the
    replica's answer immutable (Streamlit answers an unknown path with its index.html)."""
    url, run_dir = cluster
    path = "/static/js/not-in-this-version.ABCDEFGH.js"
    status, headers, _ = get(url + path)
    assert status == 200
    assert headers["cache-control"] == "no-cache"
    assert served_by(run_dir, path) - {"-"}


@pytest.mark.e2e
def test_a_phone_coming_back_loads_no_static_file_again(browser: Browser, cluster) -> None:
    """The benchmark's two visits (bench/static_cache.py) through nginx: the second asks
    for nothing under /static/, and the first got them gzipped."""
    from bench.static_cache import first_and_second

    url, _ = cluster
    first, second = first_and_second(browser, url + "/")
    assert first.static_bytes > 0 and first.cached == 0
    assert second.static_bytes == 0
    assert not [u for u in second.urls if " /static/" in u], second.urls
    assert second.cached >= len([u for u in first.urls if " /static/" in u])
    # Only the page (revalidated) and Streamlit's two small start-up requests are left.
    assert second.network <= 3, second.urls
    assert second.bytes < 5_000, second.urls
