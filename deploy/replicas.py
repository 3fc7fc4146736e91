"""Several xent replicas behind nginx on this machine (issue 10). Run from the repo root:

    uv run python -m deploy.replicas --replicas 2 --serve --listen 0.0.0.0  # a class on :8080
    uv run python -m deploy.replicas --replicas 2 --seconds 30        # + 30 s of load through nginx
    uv run python -m deploy.replicas --replicas 2 --seconds 40 --stop-one-at 15   # failover

Each replica is a plain ``streamlit run app.py`` (deploy/command.py: the container image
runs the same command) on its own loopback port, all started with the same
``server.cookieSecret`` (so a cookie one replica signs is valid on the others, e.g. after
a failover), checked on ``/_stcore/health`` and warmed (every page run once,
deploy/warm.py) before nginx takes traffic. nginx
(Debian's ``nginx`` package; config in deploy/nginx.conf) keeps each browser on one
replica (sticky cookie), upgrades the websocket, takes a failing replica out of the pool,
and serves Streamlit's hashed static files itself, gzipped, cached for a year
(deploy/static.py). With ``--seconds`` the classroom load driver (bench/classroom_load.py)
runs through nginx; ``--stop-one-at T`` kills replica 1 T seconds in, and the report says
what the sessions saw: the tabs reconnect, land on a live replica, and show the same view
because the view's state is in their URL.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from bench import classroom_load
from deploy import static, warm
from deploy.command import streamlit_command

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent


def start_replica(
    port: int, cookie_secret: str, log: Path, env: Mapping[str, str] | None = None
) -> subprocess.Popen:
    """``streamlit run app.py`` on ``port``, with this environment plus ``env`` (e.g. the
    game's database, ``XENT_GAME_DB``, the same file for every replica)."""
    env = {**os.environ, **(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    return subprocess.Popen(
        streamlit_command(port, "127.0.0.1"),
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def nginx_config(
    port: int,
    replica_ports: list[int],
    run_dir: Path,
    listen: str,
    temp_dir: Path,
    static_root: Path,
) -> str:
    """deploy/nginx.conf with its fields filled in; ``static_root`` is the folder
    ``deploy.static.mirror`` wrote."""
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in replica_ports
    )
    text = (HERE / "nginx.conf").read_text(encoding="utf-8")
    fields = {
        "RUN_DIR": str(run_dir),
        "TEMP_DIR": str(temp_dir),
        "PORT": str(port),
        "SERVERS": servers,
        "LISTEN": listen,
        "STATIC_ROOT": str(static_root),
    }
    for name, value in fields.items():
        text = text.replace("{{" + name + "}}", value)
    return text


NGINX_MISSING = "nginx is not installed; install Debian's package: `apt-get install -y nginx`"


def nginx_path() -> str | None:
    """nginx on PATH or where Debian puts it (/usr/sbin is not on every user's PATH)."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def find_nginx() -> str:
    found = nginx_path()
    if found is None:
        raise SystemExit(NGINX_MISSING)
    return found


@contextlib.contextmanager
def cluster(
    replicas: int,
    port: int,
    run_dir: Path,
    listen: str = "127.0.0.1",
    env: Mapping[str, str] | None = None,
    warm_up: bool = True,
):
    """Start the replicas and nginx; yield (nginx url, replica processes); stop them all.

    ``env`` is added to every replica's environment (they share it: e.g. one game
    database for all, ``{"XENT_GAME_DB": path}``). ``warm_up=False`` skips the warm-up
    (bench/room_opens.py measures what it saves)."""
    cookie_secret = os.environ.get("XENT_COOKIE_SECRET") or secrets.token_urlsafe(32)
    ports = [classroom_load.free_port() for _ in range(replicas)]
    procs: list[subprocess.Popen] = []
    nginx = None
    # nginx's workers drop root: their temp folder sits directly in /tmp, open to them.
    temp_dir = Path(tempfile.mkdtemp(prefix="xent-nginx-tmp-"))
    temp_dir.chmod(0o755)
    try:
        for i, p in enumerate(ports):
            procs.append(start_replica(p, cookie_secret, run_dir / f"replica-{i + 1}.log", env))
        # While the replicas start: the static files nginx serves, where its workers
        # can read them.
        static_root = static.mirror(temp_dir / "static-root")
        for p in ports:
            classroom_load.wait_healthy(f"http://127.0.0.1:{p}")
        # Every page once on every replica before nginx takes traffic (deploy/warm.py): a
        # replica's first run of a page imports and compiles it, seconds on a small machine.
        if warm_up:
            with concurrent.futures.ThreadPoolExecutor(len(ports)) as pool:
                list(pool.map(warm.warm, (f"http://127.0.0.1:{p}" for p in ports)))
        conf = run_dir / "nginx.conf"
        conf.write_text(
            nginx_config(port, ports, run_dir, listen, temp_dir, static_root), encoding="utf-8"
        )
        check = subprocess.run(
            [find_nginx(), "-t", "-q", "-p", str(run_dir), "-c", str(conf)],
            capture_output=True, text=True,
        )  # fmt: skip
        if check.returncode:
            raise SystemExit(f"nginx rejected its configuration:\n{check.stderr}")
        nginx = subprocess.Popen([find_nginx(), "-p", str(run_dir), "-c", str(conf)])
        url = f"http://127.0.0.1:{port}"
        classroom_load.wait_healthy(url)  # /_stcore/health through nginx
        for i, (p, proc) in enumerate(zip(ports, procs, strict=True)):
            print(f"replica {i + 1}: pid {proc.pid}, http://127.0.0.1:{p}")
        print(f"nginx: {url} (logs in {run_dir})", flush=True)
        yield url, procs
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                nginx.wait(10)
            if nginx.poll() is None:
                nginx.kill()
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            if proc.poll() is None:
                proc.kill()
        shutil.rmtree(temp_dir, ignore_errors=True)


async def stop_replica_after(seconds: float, proc: subprocess.Popen) -> None:
    await asyncio.sleep(seconds)
    print(f"[{seconds:.0f} s] stopping replica pid {proc.pid} (SIGKILL)", flush=True)
    proc.kill()


def _stop(signum: int, frame: object) -> None:
    """The first Ctrl-C or SIGTERM stops serving; repeats must not interrupt the clean-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="nginx's loopback port")
    parser.add_argument("--serve", action="store_true", help="serve until Ctrl-C")
    parser.add_argument(
        "--listen", default="127.0.0.1", help="nginx's address; 0.0.0.0 to serve a room (--serve)"
    )
    parser.add_argument("--stop-one-at", type=float, help="kill replica 1 after T s of load")
    classroom_load.arguments(parser)
    parser.set_defaults(seconds=30, warmup=10)
    args = parser.parse_args()
    classroom_load.check(parser, args)
    if not 1 <= args.replicas <= 16:
        parser.error("replicas 1..16")
    if args.stop_one_at is not None:
        if args.replicas < 2:
            parser.error("--stop-one-at needs at least two replicas")
        args.failover = True

    run_dir = Path(tempfile.mkdtemp(prefix="xent-nginx-"))
    if args.listen != "127.0.0.1" and not args.serve:
        parser.error("load runs stay on loopback: --listen is for --serve")
    with cluster(args.replicas, args.port, run_dir, args.listen) as (url, procs):
        if args.serve:
            # Ctrl-C or a SIGTERM (e.g. from a process supervisor) stops everything cleanly.
            signal.signal(signal.SIGINT, _stop)
            signal.signal(signal.SIGTERM, _stop)
            with contextlib.suppress(KeyboardInterrupt):
                while all(p.poll() is None for p in procs):
                    time.sleep(1)
            return
        args.url = url
        pids = [p.pid for p in procs]
        also = []
        if args.stop_one_at is not None:
            also.append(stop_replica_after(args.stop_one_at, procs[0]))
        results, resources = asyncio.run(classroom_load.load(url, pids, args, *also))
    classroom_load.finish(results, resources, pids, args)


if __name__ == "__main__":
    main()
