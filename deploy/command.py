"""The one command that serves xent: ``python -m streamlit run app.py`` with its options.

deploy/replicas.py starts every replica with it (so the browser and load tests run it),
and deploy/Containerfile's ``CMD`` is the same list with the container's ``python`` and
port (tests/deploy/test_orchestrator.py checks that the two agree).

>>> streamlit_command(8501, "0.0.0.0", python="python")[:5]
['python', '-m', 'streamlit', 'run', 'app.py']
"""

from __future__ import annotations

import sys

# The port a container listens on (Streamlit's default): the image's EXPOSE and
# HEALTHCHECK, and the manifests' containerPort, probes and Service target name it.
CONTAINER_PORT = 8501
HEALTH_PATH = "/_stcore/health"


def streamlit_command(
    port: int, address: str, *, python: str = sys.executable, script: str = "app.py"
) -> list[str]:
    """The argv that serves the app on ``address:port``, run from the repo's root.

    The rest of the server's settings are in .streamlit/config.toml (headless, no file
    watcher, upload limit, ...), which the image copies; the two set here again are the
    ones a server must never miss."""
    return [
        python, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
