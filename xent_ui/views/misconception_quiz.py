"""Classroom page (pages/classroom.py), "Common misconceptions": the bank's questions in
the seed's order, each checked exactly in the chosen unit, with the belief it tests and
the correct statement shown once answered.

The same questions are the Learn page's "Check yourself" boxes (xent_ui.learn.frame.check).
"""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import state
from xent_ui.learn import frame


def _move(index: int) -> None:
    state.MYTH_INDEX.set(index)


def show(seed: int) -> None:
    st.subheader("Common misconceptions")
    st.markdown(
        f"{len(xc.ITEMS)} questions, each aimed at a belief about cross-entropy that sounds "
        f"right and is not ({len(xc.MISCONCEPTIONS)} beliefs in all, including claims made "
        "by popular explainers). Numbers are checked to two decimals in the unit chosen in "
        "the sidebar. The order follows the question seed above."
    )
    order = xc.quiz_order(seed)
    index = state.MYTH_INDEX.get() % len(order)
    item = xc.item(order[index])
    st.caption(f"Question {index + 1} of {len(order)}")
    answered = frame.check(f"myth-{item.id}", item.id)
    if state.LEARN_CHECKS.get().get(f"myth-{item.id}") is not None:
        wrong, right = xc.MISCONCEPTIONS[item.misconception]
        st.markdown(f"**The belief this tests:** {wrong}  \n**What is true:** {right}")
    back, forward = st.columns(2)
    back.button(
        "Previous misconception question",
        icon=":material/skip_previous:",
        key="myth.previous",
        on_click=_move,
        args=((index - 1) % len(order),),
        use_container_width=True,
    )
    forward.button(
        "Next misconception question",
        icon=":material/skip_next:",
        key="myth.next",
        on_click=_move,
        args=((index + 1) % len(order),),
        type="primary" if answered else "secondary",
        use_container_width=True,
    )
