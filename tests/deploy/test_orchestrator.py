"""The container recipe (deploy/Containerfile, deploy/kubernetes/), checked without a
container runtime or a cluster (this machine has neither): the image runs the command the
replicas and tests run, its health check, the probes, the Service and the Ingress all
name the same path and port, the cookie secret and the database URL come from a Secret,
and the files the image copies hold an app that runs with only the locked non-dev
dependencies."""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml

from bench.classroom_load import free_port, wait_healthy
from deploy import replicas, warm
from deploy.command import CONTAINER_PORT, HEALTH_PATH, streamlit_command
from tests.e2e.server import game_db_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"


# --- the Containerfile --------------------------------------------------------------------


def instructions(path: Path = DEPLOY / "Containerfile") -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order; continuation lines joined, comments dropped."""
    out, pending = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, rest = (pending + line).strip().partition(" ")
        out.append((keyword.upper(), rest.strip()))
        pending = ""
    assert not pending, "the Containerfile ends inside a continued line"
    return out


def only(keyword: str) -> str:
    found = [rest for k, rest in instructions() if k == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {found}"
    return found[0]


def copies() -> list[tuple[list[str], str]]:
    """(sources, destination) of every COPY from the build context (not --from=...)."""
    out = []
    for keyword, rest in instructions():
        if keyword != "COPY":
            continue
        args = shlex.split(rest)
        if any(a.startswith("--from=") for a in args):
            continue
        args = [a for a in args if not a.startswith("--")]
        out.append((args[:-1], args[-1]))
    return out


def test_the_image_runs_the_command_the_replicas_run(monkeypatch, tmp_path: Path) -> None:
    cmd = json.loads(only("CMD"))
    assert cmd == streamlit_command(CONTAINER_PORT, "0.0.0.0", python="python")
    # ... which is what deploy/replicas.py starts (and so the replica and load tests).
    started: list[list[str]] = []

    class Popen:
        def __init__(self, args, **kwargs) -> None:
            started.append(args)
            assert kwargs["cwd"] == ROOT

    monkeypatch.setattr(replicas.subprocess, "Popen", Popen)
    replicas.start_replica(4321, "secret", tmp_path / "log")
    assert started == [streamlit_command(4321, "127.0.0.1")]
    # `python` is the image's environment and `app.py` the copied one.
    assert only("WORKDIR") == "/app"
    assert "PATH=/app/.venv/bin:$PATH" in only("ENV").split()
    assert "app.py" in [s for sources, _ in copies() for s in sources]


def test_health_check_and_port_agree_with_the_command() -> None:
    assert only("EXPOSE") == str(CONTAINER_PORT)
    health = only("HEALTHCHECK")
    options, _, check = health.partition(" CMD ")
    assert options.startswith("--") and check, health
    assert f"http://127.0.0.1:{CONTAINER_PORT}{HEALTH_PATH}" in " ".join(json.loads(check))


def test_the_image_runs_as_a_user_and_installs_only_the_locked_runtime() -> None:
    user = only("USER")
    assert user not in {"root", "0"}
    deployment = manifests()["Deployment"]
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"] == int(user)
    runs = [rest for k, rest in instructions() if k == "RUN" and "uv sync" in rest]
    assert len(runs) == 1 and "--locked" in runs[0] and "--no-dev" in runs[0], runs


def _ignored(rel: str, patterns: list[str]) -> bool:
    """Docker's ignore rules, as far as deploy/Containerfile.dockerignore uses them: the
    last matching pattern wins, ``!`` re-includes, a pattern matches a path or one of its
    parents, and ``**/`` any run of folders."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    runs = ["/".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]
    ignored = False
    for pattern in patterns:
        negate, pattern = pattern.startswith("!"), pattern.removeprefix("!")
        if pattern.startswith("**/"):
            hit = any(fnmatch.fnmatchcase(r, pattern.removeprefix("**/")) for r in runs)
        else:
            hit = any(fnmatch.fnmatchcase(p, pattern) for p in prefixes)
        if hit:
            ignored = not negate
    return ignored


def test_every_file_the_image_copies_exists_and_is_in_the_build_context() -> None:
    lines = (DEPLOY / "Containerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [p.strip() for p in lines if p.strip() and not p.startswith("#")]
    copied = []
    for sources, _ in copies():
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file"
            assert not _ignored(source.rstrip("/"), patterns), f"{source} is ignored"
            copied.append(source.rstrip("/"))
    assert _ignored(".venv", patterns) and _ignored("xent_ui/__pycache__", patterns)
    # What the app needs: its entry point, its settings, its pages and every package.
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"
    ]["wheel"]["packages"]
    needed = {"app.py", ".streamlit", "pages", "pyproject.toml", "uv.lock", *packages}
    assert needed <= set(copied), needed - set(copied)


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("uv is not on PATH (.ci/run installs it)")
    pytest.skip("uv is not on PATH")


def test_what_the_image_copies_runs_with_the_locked_runtime_only(tmp_path: Path) -> None:
    """The image's file system without a container: the copied files, the Containerfile's
    own `uv sync` (no dev dependencies), then the server on /_stcore/health and the startup
    probe (every page run once over the websocket), with that environment's Python and
    nothing of this checkout."""
    app = tmp_path / "app"
    app.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT", "PYTHONHOME"}
    }
    env.update(game_db_env(tmp_path / "game.sqlite3"))
    for sources, dest in copies():
        for source in sources:
            target = app / dest
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, target, ignore=skip, dirs_exist_ok=True)
            else:
                if dest.endswith("/"):
                    target = target / Path(source).name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / source, target)
    (sync,) = [rest for k, rest in instructions() if k == "RUN" and rest.startswith("uv sync")]
    subprocess.run([_uv(), *shlex.split(sync)[1:]], cwd=app, env=env, check=True)
    python = str(app / ".venv" / "bin" / "python")

    no_dev = "import importlib.util; assert importlib.util.find_spec('pytest') is None"
    run = subprocess.run([python, "-c", no_dev], cwd=app, env=env, capture_output=True, text=True)
    assert run.returncode == 0, "a dev dependency is installed: " + run.stderr

    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        streamlit_command(port, "127.0.0.1", python=python),
        cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH_PATH}", timeout=5) as r:
            assert r.read().decode().strip() == "ok"
        # The startup probe, as the manifest runs it in the image: every page of the app
        # runs on this server without an exception, with the runtime dependencies only.
        probe = container()["startupProbe"]["exec"]["command"]
        probe = [python, *probe[1:-1], f"http://127.0.0.1:{port}"]
        run = subprocess.run(probe, cwd=app, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
        assert run.stdout.startswith("warm: "), run.stdout
        assert run.stdout.count(" ms") == len(warm.app_pages()), run.stdout
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# --- the Kubernetes manifests -------------------------------------------------------------


def kustomization() -> dict:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


def manifests() -> dict[str, dict]:
    """The kustomization's resources by kind (one of each)."""
    out: dict[str, dict] = {}
    for name in kustomization()["resources"]:
        for doc in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")):
            assert doc["kind"] not in out, f"two {doc['kind']}s"
            out[doc["kind"]] = doc
    return out


def container() -> dict:
    (c,) = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return c


def container_port(port: int | str) -> int:
    """A port as the container names it (by number or by name)."""
    ports = {p["name"]: p["containerPort"] for p in container()["ports"]}
    return ports[port] if isinstance(port, str) else port


def test_manifests_parse_with_the_right_kinds() -> None:
    k = kustomization()
    assert (k["apiVersion"], k["kind"]) == ("kustomize.config.k8s.io/v1beta1", "Kustomization")
    found = {kind: doc["apiVersion"] for kind, doc in manifests().items()}
    assert found == {
        "Deployment": "apps/v1",
        "Service": "v1",
        "Ingress": "networking.k8s.io/v1",
    }
    # No manifest in the folder is left out of the kustomization.
    yamls = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert yamls == set(k["resources"])


def test_several_replicas_each_probed_on_the_health_path_of_its_port() -> None:
    deployment = manifests()["Deployment"]
    spec = deployment["spec"]
    assert spec["replicas"] >= 2
    labels = spec["template"]["metadata"]["labels"]
    assert spec["selector"]["matchLabels"].items() <= labels.items()
    c = container()
    assert [container_port(p["containerPort"]) for p in c["ports"]] == [CONTAINER_PORT]
    cmd = json.loads(only("CMD"))
    assert int(cmd[cmd.index("--server.port") + 1]) == CONTAINER_PORT
    assert {"startupProbe", "readinessProbe", "livenessProbe"} <= c.keys()
    for probe in ("readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == HEALTH_PATH, probe
        assert container_port(get["port"]) == CONTAINER_PORT, probe
    # Started once every page has run (deploy/warm.py, as deploy/replicas.py warms its
    # replicas), on the port the image's command serves; the module is in the image.
    start = c["startupProbe"]["exec"]["command"]
    assert start == ["python", "-m", "deploy.warm", f"http://127.0.0.1:{CONTAINER_PORT}"]
    assert c["startupProbe"]["timeoutSeconds"] >= 30
    copied = {source for sources, _ in copies() for source in sources}
    assert {"deploy/__init__.py", "deploy/warm.py"} <= copied
    # The image kustomize renames is the one the Deployment runs.
    assert c["image"] in {i["name"] for i in kustomization()["images"]}


def test_the_service_and_the_ingress_reach_that_port() -> None:
    m = manifests()
    service, ingress = m["Service"], m["Ingress"]
    labels = m["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    (port,) = service["spec"]["ports"]
    assert container_port(port["targetPort"]) == CONTAINER_PORT
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends, "the Ingress routes nothing"
    for backend in backends:
        assert backend["name"] == service["metadata"]["name"]
        assert (
            backend["port"].get("name") == port["name"]
            or backend["port"].get("number") == port["port"]
        )


def test_the_ingress_keeps_a_browser_on_its_replica_for_an_hour_long_websocket() -> None:
    ingress = manifests()["Ingress"]
    notes = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert ingress["spec"]["ingressClassName"] == "nginx"
    assert notes[prefix + "affinity"] == "cookie"
    assert notes[prefix + "session-cookie-name"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[prefix + timeout]) >= 3600, timeout
    # Uploads up to the data page's limit (server.maxUploadSize = 20 MB).
    assert int(notes[prefix + "proxy-body-size"].removesuffix("m")) > 20
    assert all(isinstance(v, str) for v in notes.values()), "annotations are strings"


def test_the_secrets_are_referenced_not_inlined(monkeypatch) -> None:
    env = {e["name"]: e for e in container()["env"]}
    (generator,) = kustomization()["secretGenerator"]
    example = (K8S / "secret.env.example").read_text(encoding="utf-8").splitlines()
    keys = dict(line.split("=", 1) for line in example if line and not line.startswith("#"))
    for name in ("STREAMLIT_SERVER_COOKIE_SECRET", "XENT_DATABASE_URL"):
        assert "value" not in env[name], f"{name} is written into the Deployment"
        ref = env[name]["valueFrom"]["secretKeyRef"]
        assert ref["name"] == generator["name"] and ref["key"] in keys, name
    assert generator["envs"] == ["secret.env"]
    assert "secret.env" in (K8S / ".gitignore").read_text().split()
    # Nothing else in the Deployment carries a literal secret.
    assert all("value" not in e or "SECRET" not in e["name"] for e in env.values())
    # These are the names the app reads: the cookie secret as deploy/replicas.py passes
    # it, the game's database as xent_game/store.py reads it.
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in (DEPLOY / "replicas.py").read_text()
    from xent_game import store

    url = keys[env["XENT_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"]]
    assert url.startswith("postgresql://")
    monkeypatch.setenv("XENT_DATABASE_URL", url)
    assert store.default_url() == url
