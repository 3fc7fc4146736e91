"""Callbacks that change several entries at once, beside the entries they change.

Widgets call these (``on_change=``/``on_click=``) before the page runs again; they read
widget values through :class:`~xent_ui.state.base.Widget` and validate what they store.
"""

from __future__ import annotations

from xent_ui.state.base import StateError
from xent_ui.state.parsers import validate_name
from xent_ui.state.registry import NAME_ERRORS, NAMES, class_name_widget


def rename_class(i: int) -> None:
    """Class ``i``'s name input changed: keep a valid, unique name; otherwise keep the
    old name and a message that says what to fix (the typed text stays in the input)."""
    raw = class_name_widget(i).value()
    names = list(NAMES.get())
    errors = dict(NAME_ERRORS.get())
    try:
        name = validate_name(raw)
        if name in names[:i] + names[i + 1 :]:
            raise StateError("is already used by another class")
    except StateError as err:
        errors[i] = (
            f"Class {i + 1}'s name {err}. Your text is kept; the old name stays until it is fixed."
        )
    else:
        names[i] = name
        NAMES.set(names)
        errors.pop(i, None)
    NAME_ERRORS.set(errors)
