"""Streamlit's static files for nginx to serve: a copy with gzipped twins (issue 20).

The page's JavaScript, CSS and fonts are files of the installed ``streamlit`` package
under ``static/static/``, each named with a hash of its content (``index.DormvYxC.js``).
nginx serves them itself (deploy/nginx.conf, ``location /static/``) with
``Cache-Control: public, max-age=31536000, immutable`` — a phone's second visit asks for
none of them — and without the replicas' event loops, which matters when a whole room
opens the page at once. Streamlit sends these files uncompressed (it leaves compression
to a proxy); a gzipped copy of each text file is written once here, and nginx's
``gzip_static`` sends it to browsers that accept gzip, at no CPU cost per request.

The copy lives in a folder of its own (deploy/replicas.py makes it in its temporary
folder): nginx's worker processes drop root and may not be able to read the package
where it is installed (e.g. a virtual environment under /root). For a server set up by
hand, write it once per Streamlit version and point nginx's ``root`` at it:

    uv run python -m deploy.static /srv/xent/static-root
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Worth compressing: text. Fonts (woff2) and images are compressed already.
COMPRESS = {".js", ".css", ".json", ".svg", ".html", ".txt", ".map", ".ttf"}
# A content hash before the extension, as Streamlit's bundler names every file here.
HASHED = re.compile(r"\.[A-Za-z0-9_-]{8}\.[a-z0-9]+$")


def streamlit_static_dir() -> Path:
    """The folder Streamlit serves its front end from (``file_util.get_static_dir()``),
    found without importing Streamlit."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise SystemExit("streamlit is not installed in this environment")
    return Path(spec.origin).parent / "static"


def hashed_files(static_dir: Path | None = None) -> list[Path]:
    """Every file under ``static/``: the ones nginx marks immutable (paths relative to
    ``static_dir``)."""
    base = static_dir or streamlit_static_dir()
    return sorted(p.relative_to(base) for p in (base / "static").rglob("*") if p.is_file())


def mirror(dest: Path, static_dir: Path | None = None, level: int = 9) -> Path:
    """Copy ``static_dir/static`` to ``dest/static`` with a ``.gz`` twin of each text file;
    return ``dest``, the ``root`` for nginx (a request for ``/static/js/x.js`` is the file
    ``dest/static/js/x.js``). Folders are 0755 and files 0644 whatever the umask, so
    nginx's unprivileged workers can read them. Takes about half a second (23 MB of
    JavaScript in Streamlit 1.67)."""
    source = static_dir or streamlit_static_dir()
    files = hashed_files(source)

    def copy(rel: Path) -> None:
        original = source / rel
        data = original.read_bytes()
        # The package's modification time, so Last-Modified and nginx's ETag stay the same
        # from one start to the next.
        mtime = original.stat().st_mtime
        target = dest / rel
        out = [(target, data)]
        if target.suffix in COMPRESS:
            # gzip's own mtime=0: the same bytes on every start (zlib releases the GIL, so
            # the threads compress in parallel).
            out.append((target.with_name(target.name + ".gz"), gzip.compress(data, level, mtime=0)))
        for path, content in out:
            path.write_bytes(content)
            path.chmod(0o644)
            os.utime(path, (mtime, mtime))

    for folder in sorted({dest / rel.parent for rel in files} | {dest}):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        list(pool.map(copy, files))
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="folder to write (nginx's root for /static/)")
    args = parser.parse_args()
    root = mirror(args.dest)
    print(f"{len(hashed_files())} files from {streamlit_static_dir()} in {root}")


if __name__ == "__main__":
    main()
