"""The registry's building blocks: a URL parameter, a session-only value, a widget key.

Pages never touch ``st.session_state`` and never spell a key as a string: every key is one
of these objects, declared in :mod:`xent_ui.state.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

MIN_CLASSES = 2
MAX_CLASSES = 10
MAX_NAME_LENGTH = 20
# Longer query values are rejected before any parsing work is done.
MAX_PARAM_LENGTH = 400
# Probabilities written to the URL with 6 significant digits may miss a sum of 1 by a
# little; within this tolerance the loader renormalises instead of rejecting.
URL_SUM_TOLERANCE = 1e-3
# Logits from links and components lie in ±LOGIT_LIMIT.
LOGIT_LIMIT = 20.0


class StateError(ValueError):
    """A value (from the URL or a component) that the app cannot use."""


class _Stored:
    """Reading and writing a registry entry's session value (its default on first read)."""

    key: str
    default: Any

    def initial(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def get(self) -> Any:
        ss = st.session_state
        if self.key not in ss:
            ss[self.key] = self.initial()
        return ss[self.key]

    def set(self, value: Any) -> None:
        st.session_state[self.key] = value


@dataclass(frozen=True)
class Param(_Stored):
    """One piece of state that a link carries.

    Attributes
    ----------
    key : session-state key.
    url : query-string parameter.
    default : value used when nothing (valid) is given; a callable is called.
    parse : turns the raw query value (a list of strings when ``multi``) into a value,
        raising StateError.
    dump : turns a value into the query value (a list of strings when ``multi``).
    label : what the learner calls it, used in warnings.
    multi : the parameter repeats in the URL (``name=A&name=B``).
    """

    key: str
    url: str
    default: Any
    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any]
    label: str
    multi: bool = False


@dataclass(frozen=True)
class SessionKey(_Stored):
    """A value kept for this browser session only, never in a link (an upload, a run,
    an error message to show on the next run, a quiz score).

    ``default`` may be a callable (``dict``) so that each session gets its own object.
    """

    key: str
    default: Any = None
    label: str = ""
    url: None = None  # URL code treats every entry alike: a SessionKey has no parameter
    multi: bool = False

    def clear(self) -> None:
        """Back to the default (an error message: gone)."""
        st.session_state[self.key] = self.initial()


@dataclass(frozen=True)
class Widget:
    """The key of a widget whose value a callback or a page reads back.

    Streamlit owns these entries (they vanish on runs where the widget is not drawn), so
    reading gives ``None`` when the widget has no value.
    """

    key: str

    def value(self) -> Any:
        return st.session_state.get(self.key)

    def set(self, value: Any) -> None:
        """Give the widget a value before it is drawn (its state must follow the app's)."""
        st.session_state[self.key] = value

    def clear(self) -> None:
        st.session_state.pop(self.key, None)


#: Anything the registry declares with a session value.
Entry = Param | SessionKey
