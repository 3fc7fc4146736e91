"""The classroom load driver (bench/classroom_load.py) and the nginx replicas (deploy/).

The driver's timing numbers are benchmarks (BENCHMARKS.md), not assertions; these tests
check that it speaks Streamlit's protocol correctly: its reruns really change the page,
errors are counted, and a tab that loses its replica gets its view back on another.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from bench import classroom_load as cl
from tests.helpers import core_values, require_nginx

ROOT = Path(__file__).resolve().parents[2]


def run(coro):
    """``asyncio.run`` in a thread of its own: a browser test on the same worker may have
    left Playwright's event loop running in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def args(**over) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cl.arguments(parser)
    ns = parser.parse_args([])
    for key, value in over.items():
        setattr(ns, key, value)
    return ns


def test_rerun_request_is_a_backmsg_the_server_can_read() -> None:
    state = cl.INTERACTIONS["explorer"].value(3)
    state.id = "$$ID-abc-explorer.bars"
    msg = BackMsg()
    msg.ParseFromString(cl._rerun("q=0.5,0.3,0.2", "explorer", [state], "frag"))
    cs = msg.rerun_script
    assert (cs.query_string, cs.page_name, cs.fragment_id) == ("q=0.5,0.3,0.2", "explorer", "frag")
    sent = json.loads(cs.widget_states.widgets[0].json_value)["gesture"]
    assert math.isclose(sum(sent["q"]), 1.0) and sent["label"] == 0


def test_messages_update_the_view_and_count_exceptions() -> None:
    view, results = cl.View(""), cl.Results()
    url = ForwardMsg()
    url.page_info_changed.query_string = "q=0.2,0.5,0.3"
    cl._note(url, view, results)
    slider = ForwardMsg()
    slider.delta.fragment_id = "f1"
    slider.delta.new_element.slider.id = "$$ID-1-w:xent.eps"
    cl._note(slider, view, results)
    boom = ForwardMsg()
    boom.delta.new_element.exception.message = "ValueError: no"
    cl._note(boom, view, results)
    assert view.query == "q=0.2,0.5,0.3"
    assert view.widgets["slider:$$ID-1-w:xent.eps"] == cl.Widget("$$ID-1-w:xent.eps", "f1")
    assert results.errors == {"exception element: ValueError: no": 1}


def test_percentile_and_slope_hand_checked() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert cl.percentile(values, 50) == 50 and cl.percentile(values, 95) == 95
    assert cl.percentile(values, 99) == 99 and cl.percentile([7.0], 95) == 7.0
    # y = 2x + 1 exactly: slope 2
    assert cl._slope([(0, 1), (1, 3), (2, 5), (3, 7)]) == pytest.approx(2.0)


def test_what_the_driver_checks_after_a_reconnect_is_what_the_explorer_shows() -> None:
    """The driver's "view restored" check looks for interaction.shown(i) in the page's text
    after gesture i; the explorer must really show it (and not before that gesture)."""
    interaction = cl.INTERACTIONS["explorer"]
    i = 4
    q = json.loads(interaction.value(i).json_value)["gesture"]["q"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not any(interaction.shown(i) in m.value for m in at.latex)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["q"] = ",".join(f"{v:.6f}" for v in q)  # what the tab's URL carries
    at.run()
    assert not at.exception
    assert any(interaction.shown(i) in m.value for m in at.latex)  # st.latex: markdown on the wire
    assert float(core_values(at)["Cross-entropy H(p,q)"]) == pytest.approx(-math.log(q[0]), 1e-5)


def warm(url: str, pid: int, page: str = "explorer") -> None:
    """One short session first: a fresh server's first page run imports everything."""
    run(cl.load(url, [pid], args(sessions=1, seconds=1, page=page)))


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    """One `streamlit run` for the tests below, warmed on the pages they use."""
    with cl.own_server() as (url, pid):
        warm(url, pid)
        warm(url, pid, "curves")
        yield url, pid


def test_sessions_rerun_the_explorer_through_the_websocket(server) -> None:
    url, pid = server
    results, resources = run(cl.load(url, [pid], args(sessions=2, seconds=4)))
    assert results.errors == {}
    assert results.connected == 2
    assert results.reruns >= 4  # about one a second each
    assert all(ms > 0 for ms in results.latencies_ms)
    assert resources and all(row[2] > 0 for row in resources)  # resident MB sampled


def test_a_page_without_the_widget_is_an_error(server) -> None:
    url, pid = server
    results, _ = run(cl.load(url, [pid], args(sessions=1, seconds=3, page="curves")))
    assert results.errors == {} and results.reruns >= 1
    bad = cl.Interaction("slider", "no-such-widget", lambda i: None, lambda i: "")
    cl.INTERACTIONS["missing"] = bad
    try:
        results, _ = run(cl.load(url, [pid], args(sessions=1, seconds=2, page="missing")))
    finally:
        del cl.INTERACTIONS["missing"]
    assert results.errors == {"no slider 'no-such-widget' on the page": 1}


def test_replicas_behind_nginx_and_a_failover() -> None:
    """Two replicas behind nginx; one is killed midway. Every tab that lost its replica
    reconnects through nginx and shows the view its URL holds; nothing else fails."""
    require_nginx()
    from deploy import replicas

    run_dir = Path(tempfile.mkdtemp(prefix="xent-nginx-test-"))
    port = cl.free_port()
    with replicas.cluster(2, port, run_dir) as (url, procs):
        conf = (run_dir / "nginx.conf").read_text()
        assert "hash $xent_sticky consistent" in conf and conf.count("max_fails=1") == 2
        pids = [p.pid for p in procs]
        run(cl.load(url, pids, args(sessions=4, seconds=2)))  # warm both replicas
        load_args = args(sessions=8, seconds=14, failover=True)
        stop = replicas.stop_replica_after(6, procs[0])
        results, _ = run(cl.load(url, pids, load_args, stop))
    assert results.errors == {}
    assert results.dropped >= 1  # the hash spreads 8 new sessions over both replicas
    assert results.reconnected == results.dropped
    assert results.restored + results.unchecked == results.dropped and results.restored >= 1
    assert results.reruns >= 8
