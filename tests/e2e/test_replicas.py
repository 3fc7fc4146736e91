"""Two replicas behind nginx (deploy/), in a real browser: an upload reaches the replica
that holds the session (sticky cookie, shared cookie secret), and when that replica dies
the page reconnects through nginx to the other one and shows the same view from its URL."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.classroom_load import free_port
from tests.e2e.helpers import assert_no_exception, core_value, open_page, wait_idle
from tests.e2e.test_data import choose_file, write_predictions
from tests.helpers import require_nginx


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list, Path]]:
    require_nginx()
    from deploy import replicas

    run_dir = tmp_path_factory.mktemp("nginx")
    with replicas.cluster(2, free_port(), run_dir) as (url, procs):
        yield url, procs, run_dir


# Installed in the page: keeps every value the script-state marker takes, in order.
RECORD_SCRIPT_STATES = """() => {
  window.__xentScriptStates = [];
  new MutationObserver((changes) => {
    for (const c of changes) window.__xentScriptStates.push(c.target.getAttribute(c.attributeName));
  }).observe(document.body, {
    subtree: true, attributes: true, attributeFilter: ["data-test-script-state"],
  });
}"""


def _replica_of(run_dir: Path, sticky: str) -> int:
    """The port nginx sent this browser's requests to, from its access log."""
    ports = {
        int(m.group(1))
        for line in (run_dir / "access.log").read_text().splitlines()
        if f"sticky={sticky}" in line and (m := re.search(r"upstream=127\.0\.0\.1:(\d+)", line))
    }
    assert len(ports) == 1, f"one browser, one replica; the log says {ports}"
    return ports.pop()


def test_upload_through_nginx(browser: Browser, cluster, tmp_path: Path) -> None:
    url, _, _ = cluster
    path = tmp_path / "predictions.csv"
    write_predictions(path)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_page(page, f"{url}/data?src=upload")
    choose_file(page, path)  # POST /_stcore/upload_file with the XSRF cookie, then a rerun
    expect(page.get_by_text("Read 200 samples × 4 classes of logits")).to_be_visible()
    assert any(c["name"] == "xent_replica" for c in context.cookies())
    assert_no_exception(page)
    context.close()


def test_a_tab_survives_its_replica(browser: Browser, cluster) -> None:
    url, procs, run_dir = cluster
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sockets: list = []
    received: list[int] = []  # messages received per websocket

    def opened(ws) -> None:
        sockets.append(ws)
        received.append(0)
        index = len(received) - 1
        ws.on("framereceived", lambda _: received.__setitem__(index, received[index] + 1))

    page.on("websocket", opened)
    open_page(page, f"{url}/?q=0.2,0.5,0.3")
    assert core_value(page, "cross-entropy") == pytest.approx(-math.log(0.2), abs=1e-6)

    sticky = next(c["value"] for c in context.cookies() if c["name"] == "xent_replica")
    port = _replica_of(run_dir, sticky)
    victim = next(p for p in procs if f"--server.port {port} " in " ".join(p.args) + " ")
    # From now on the page records every change of its script-state marker: the idle
    # marker alone cannot tell the run on the live replica from the state before it (the
    # page may report idle between reconnect and rerun).
    page.evaluate(RECORD_SCRIPT_STATES)
    victim.kill()
    victim.wait(10)

    # Streamlit's page reconnects; nginx takes the dead replica out and hashes the tab
    # onto the live one, which rebuilds the view from the query string the tab kept.
    # A drag before that rebuild has finished would name a fragment the new session does
    # not know yet. The rebuild is a full run of the page: wait until the new websocket
    # has carried about as many messages as the first page load did (recorded: 45-46 then
    # 50, with 7 after a short first run that some reconnects show and some do not) and
    # the page's last script state is idle. Each step waits for the event it needs: the
    # new websocket, its next message, the idle marker.
    first_load = received[0]
    deadline = time.monotonic() + 45

    def left_ms() -> float:
        left = deadline - time.monotonic()
        assert left > 0, (
            f"no rebuild within 45 s: {received} messages per websocket, states "
            f"{page.evaluate('window.__xentScriptStates')}"
        )
        return left * 1000

    while True:
        if len(sockets) < 2:
            page.wait_for_event("websocket", timeout=left_ms())
        elif received[-1] < 0.8 * first_load:
            sockets[-1].wait_for_event("framereceived", timeout=left_ms())
        elif page.evaluate("window.__xentScriptStates.at(-1)") != "notRunning":
            page.wait_for_function(
                "window.__xentScriptStates.at(-1) === 'notRunning'", timeout=left_ms()
            )
        else:
            break
    assert len(sockets) >= 2, "the page opened a new websocket after its replica died"
    assert received[-1] >= 5, "the new websocket had the new run's messages"
    wait_idle(page)
    assert core_value(page, "cross-entropy") == pytest.approx(-math.log(0.2), abs=1e-6)
    # ... and the view keeps working there: a keyboard step on bar A reruns on the new replica.
    bar_a = page.get_by_role("slider", name="Predicted probability of A")
    bar_a.focus()
    page.keyboard.press("ArrowUp")
    expect(bar_a).to_have_attribute("aria-valuenow", "0.21")
    expect(page.locator(".st-key-core-values tbody tr").first.locator("td").nth(2)).to_have_text(
        f"{-math.log(0.21):.6f}"
    )
    assert_no_exception(page)
    context.close()
