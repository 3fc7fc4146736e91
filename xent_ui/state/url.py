"""Links in and out: the URL → session state (validated, once per session) and the
page's state → the URL (after every run, so a copied link reopens the same view)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from xent_core.coupling import resize_distribution
from xent_ui.state.base import Entry, Param, StateError, Widget
from xent_ui.state.parsers import default_names
from xent_ui.state.registry import (
    ALL_PARAMS,
    EXPLORER_PARAMS,
    GLOBAL_PARAMS,
    LABEL,
    NAMES,
    P_SOFT,
    SEED_Q,
    URL_ONLY_WITH,
    Q,
)

_LOADED = "xent._loaded"
_WARNINGS = "xent._warnings"


def _read_raw(query: Mapping[str, Any], param: Param) -> Any:
    """The raw query value: the last one, or all of them for a repeated parameter."""
    if param.url is None or param.url not in query:
        return None
    raw = query[param.url]
    values = list(raw) if isinstance(raw, list | tuple) else [raw]
    return values if param.multi else (values[-1] if values else "")


def parse_query(
    query: Mapping[str, Any], *, source: str = "The link's"
) -> tuple[dict[str, Any], list[str]]:
    """Parse and validate every known parameter of ``query``.

    Returns the accepted values by session key and a warning per rejected value, each
    starting with ``source`` ("The link's", or a deck step's name).
    Cross-field rules (the explorer's lengths and label) are checked here too; a
    group that does not fit together falls back to its defaults as a whole.
    """
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for param in ALL_PARAMS:
        raw = _read_raw(query, param)
        if raw is None:
            continue
        try:
            values[param.key] = param.parse(raw)
        except StateError as err:
            warnings.append(f"{source} {param.label} (`{param.url}`) {err}.")
    try:
        _check_explorer(values)
    except StateError as err:
        warnings.append(f"{source} explorer settings do not fit together: {err}.")
        for param in EXPLORER_PARAMS:
            values.pop(param.key, None)
    return values, warnings


def _check_explorer(values: dict[str, Any]) -> None:
    """Make the explorer group consistent, raising StateError when it cannot be."""
    q = values.get(Q.key)
    k = len(q) if q is not None else len(SEED_Q)
    names = values.get(NAMES.key)
    if names is not None and len(names) != k:
        raise StateError(f"{len(names)} class names for {k} probabilities")
    if names is None and q is not None:
        values[NAMES.key] = default_names(k)
    p = values.get(P_SOFT.key)
    if p is not None and len(p) != k:
        raise StateError(f"the soft label has {len(p)} classes and the prediction {k}")
    if p is None and q is not None:
        values[P_SOFT.key] = resize_distribution(P_SOFT.initial(), k).tolist()
    label = values.get(LABEL.key)
    if label is not None and label >= k:
        raise StateError(f"true class {label} does not exist among {k} classes (0 to {k - 1})")


def load_from_url() -> None:
    """Fill session state from the URL once per session; remember the warnings."""
    ss = st.session_state
    if ss.get(_LOADED):
        return
    values, warnings = parse_query(st.query_params.to_dict() | _multi_values())
    for param in ALL_PARAMS:
        ss[param.key] = values.get(param.key, param.initial())
    ss[_WARNINGS] = warnings
    ss[_LOADED] = True


def _multi_values() -> dict[str, list[str]]:
    return {
        p.url: st.query_params.get_all(p.url)
        for p in ALL_PARAMS
        if p.multi and p.url and p.url in st.query_params
    }


def url_warnings() -> list[str]:
    return list(st.session_state.get(_WARNINGS, []))


def dismiss_url_warnings() -> None:
    st.session_state[_WARNINGS] = []


def query_for(params: Iterable[Param]) -> dict[str, Any]:
    """The query-string entries for ``params`` whose values differ from the default."""
    out: dict[str, Any] = {}
    for param in params:
        gate = URL_ONLY_WITH.get(param.key)
        if param.url is None or (gate is not None and not gate.get()):
            continue
        value = param.get()
        if value == param.initial():
            continue
        out[param.url] = param.dump(value)
    return out


def write_url(params: Iterable[Param]) -> None:
    """Mirror ``params`` (plus the app-wide ones) into the query string."""
    wanted = query_for((*GLOBAL_PARAMS, *params))
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != as_lists:
        st.query_params.from_dict(wanted)


def widget_key(param: Param) -> str:
    return f"w:{param.key}"


def bind(param: Param) -> dict[str, Any]:
    """Keyword arguments that bind a widget to ``param`` through its own widget key.

    Widget-owned keys are dropped by Streamlit on runs where the widget is not drawn
    (another page), so the canonical value lives under ``param.key`` and the widget
    gets a copy each run and writes back on change.
    """
    key = widget_key(param)
    st.session_state[key] = param.get()

    def _changed() -> None:
        value = st.session_state[key]
        if value is None:
            # Clicking the selected option of a segmented control clears it: keep the value.
            return
        param.set(value)

    return {"key": key, "on_change": _changed}


def widget_of(entry: Entry) -> Widget:
    """The widget :func:`bind` gives ``entry``, to read its value in a callback."""
    return Widget(widget_key(entry))


def set_values(values: Mapping[str, Any]) -> None:
    """Set several entries at once, by key (a preset, a resize, a deck step)."""
    for key, value in values.items():
        st.session_state[key] = value
