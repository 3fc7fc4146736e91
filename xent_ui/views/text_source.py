"""The text page's first section (pages/text.py): which text, the learner's own (pasted or
uploaded, every refusal a message), the split into training and held-out text, and the
model's order and α."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from xent_ui import layout, state, text_corpora, text_models
from xent_ui.text_corpora import LINK_TEXT_CHARS, MAX_TEXT_BYTES, MIN_TEXT_CHARS, TextInputError

USE_BUTTON = "text.paste.go"
STRIP_BUTTON = "text.strip"
CORPUS_LABELS = {
    "lessons": "xent's lessons",
    "stdlib": "Python's docstrings",
    "own": "Your text",
}


@dataclass(frozen=True)
class OwnText:
    """The learner's text in use: where it came from (for messages) and the text."""

    name: str
    text: str


@dataclass(frozen=True)
class Source:
    """The text the page studies: a short description for prose, and the text."""

    kind: str
    description: str
    text: str


# --- the learner's own text -------------------------------------------------------------------


def _accept(name: str, text: str) -> None:
    state.TEXT_OWN.set(OwnText(name, text))
    state.TEXT_ERROR.set(None)


def _refuse(err: TextInputError, origin: str, *, fixable: bool) -> None:
    state.TEXT_ERROR.set({"message": str(err), "origin": origin, "fixable": fixable})


def _use(name: str, text: str, origin: str) -> None:
    try:
        _accept(name, text_corpora.check_text(text, "Your text" if origin == "paste" else name))
    except TextInputError as err:
        _refuse(err, origin, fixable=isinstance(err, text_corpora.ControlCharacterError))


def on_paste() -> None:
    """The "Use this text" button: check the paste box's text and use it, or say why not
    (the box keeps what was typed)."""
    draft = state.widget_of(state.TEXT_DRAFT).value() or ""
    state.TEXT_DRAFT.set(draft)
    _use("your pasted text", draft, "paste")


def _file_text() -> tuple[str, str] | None:
    file = state.TEXT_FILE.value()
    if file is None:
        return None
    try:
        return file.name, text_corpora.decode_upload(file.name, file.getvalue())
    except TextInputError as err:
        _refuse(err, "file", fixable=False)
        return None


def on_upload() -> None:
    """The file uploader: read the new file (a removed file leaves the text in use)."""
    got = _file_text()
    if got is not None:
        _use(*got, "file")


def on_strip() -> None:
    """Remove the refused control characters from the text that had them, and use it."""
    error = state.TEXT_ERROR.get() or {}
    if error.get("origin") == "file":
        got = _file_text()
        if got is not None:
            _use(got[0], text_corpora.strip_controls(got[1]), "file")
        return
    cleaned = text_corpora.strip_controls(state.TEXT_DRAFT.get())
    state.TEXT_DRAFT.set(cleaned)
    _use("your pasted text", cleaned, "paste")


def _from_link() -> None:
    """A link's short text becomes the text in use (checked like a pasted one)."""
    linked = state.TEXT_LINKED.get()
    if state.TEXT_OWN.get() is None and linked:
        state.TEXT_DRAFT.set(linked)
        _use("the text from the link", linked, "paste")


def _own_panel() -> OwnText | None:
    st.markdown(
        f"Paste or type a text, or upload a **.txt** file in **UTF-8**, up to "
        f"**{MAX_TEXT_BYTES // 1_000_000} MB** ({MAX_TEXT_BYTES:,} bytes) and at least "
        f"{MIN_TEXT_CHARS} characters. It is kept in the server's memory only, never "
        f"written to disk. **It goes into this page's link only if it has at most "
        f"{LINK_TEXT_CHARS} characters**: with a longer text the link carries the page's "
        "settings but not the text."
    )
    paste_tab, file_tab = st.tabs(["Paste text", "Upload a .txt file"])
    with paste_tab:
        st.text_area(
            "Your text",
            height=150,
            placeholder="Paste a few paragraphs: a story, an article, your own notes…",
            **state.bind(state.TEXT_DRAFT),
        )
        st.button("Use this text", key=USE_BUTTON, on_click=on_paste, type="primary")
    with file_tab:
        st.file_uploader(
            f"A .txt file in UTF-8, up to {MAX_TEXT_BYTES // 1_000_000} MB",
            type=["txt"],
            key=state.TEXT_FILE.key,
            on_change=on_upload,
        )
    own = state.TEXT_OWN.get()
    error = state.TEXT_ERROR.get()
    if error:
        st.error(layout.md_escape(error["message"]), icon=":material/error:")
        if error["fixable"]:
            st.button("Remove them and use the text", key=STRIP_BUTTON, on_click=on_strip)
        kept = "the paste box keeps what you typed" if error["origin"] == "paste" else ""
        still = f"the page still shows {layout.md_escape(own.name)}" if own else ""
        note = "; ".join(part for part in (kept, still) if part)
        if note:
            layout.explain(note[0].upper() + note[1:] + ".")
    elif own is None:
        st.info(
            "Paste a text and press **Use this text**, or upload a .txt file.",
            icon=":material/text_fields:",
        )
    return own


# --- the section ------------------------------------------------------------------------------


def _corpus(kind: str) -> Source | None:
    if kind == "lessons":
        c = text_models.lesson_corpus()
        return Source(
            kind,
            f"xent's own lesson texts: the {len(c.sources) - 1} Learn lessons' descriptions "
            "and the misconception bank (every wrong belief, its correction, and every "
            "question, choice and explanation), gathered from the app's code as the page "
            "opens",
            c.text,
        )
    c = text_models.stdlib_corpus()
    if not c.text:
        st.error(
            "This Python has no standard library source files to read docstrings from "
            f"(looked in {layout.md_escape(str(text_corpora.stdlib_root()))}). Choose "
            "another text.",
            icon=":material/error:",
        )
        return None
    return Source(
        kind,
        f"{c.pieces:,} docstrings from {len(c.sources)} files of Python's standard library "
        f"({layout.md_escape(', '.join(c.sources))}), read from the source files with "
        "`ast.get_docstring` as the page opens (nothing is imported)",
        c.text,
    )


def _link_text(kind: str) -> None:
    """Keep the link's copy of the learner's text: the text when short, else nothing."""
    own = state.TEXT_OWN.get()
    short = kind == "own" and own is not None and len(own.text) <= LINK_TEXT_CHARS
    state.TEXT_LINKED.set(own.text if short else "")


def show() -> Source | None:
    """Draw the section; the text to study, or None (the learner's text not given yet)."""
    _from_link()
    st.segmented_control(
        "Text",
        options=state.TEXT_CORPORA,
        format_func=CORPUS_LABELS.__getitem__,
        **state.bind(state.TEXT_CORPUS),
    )
    kind = state.TEXT_CORPUS.get()
    _link_text(kind)
    if kind == "own":
        own = _own_panel()
        source = None if own is None else Source(kind, layout.md_escape(own.name), own.text)
    else:
        source = _corpus(kind)
    if source is not None:
        layout.explain(
            f"The text: {source.description}. {len(source.text):,} characters, "
            f"{len(set(source.text)):,} of them different."
        )
    left, mid, right = st.columns(3, gap="medium")
    with left:
        st.slider(
            "Held out (% of the text, from its end)",
            min_value=state.TEXT_HELD_OUT_MIN,
            max_value=state.TEXT_HELD_OUT_MAX,
            step=5,
            help="The models count the training part only; the held-out part is text they "
            "have never seen, on which their cross-entropy is measured.",
            **state.bind(state.TEXT_HELD_OUT),
        )
    with mid:
        st.slider(
            "Order n of the model shown",
            min_value=1,
            max_value=state.TEXT_MAX_ORDER,
            help="An order-n model predicts each character from the n − 1 before it: order "
            "1 uses character frequencies only, order 3 the two previous characters.",
            **state.bind(state.TEXT_ORDER),
        )
    with right:
        st.select_slider(
            "Smoothing α",
            options=state.TEXT_ALPHAS,
            help="Add-α (Lidstone) smoothing: q(c | h) = (count(h → c) + α) / (count(h) + "
            "α·|V|). Every character keeps some probability, so unseen text costs a finite "
            "number of bits; a large α pulls every prediction towards uniform.",
            **state.bind(state.TEXT_ALPHA),
        )
    return source
