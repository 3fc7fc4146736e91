"""Classroom: decks, presenter mode, the quiz, sharing (QR) and export."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from xent_ui import classroom, state
from xent_ui.deck import PAGES, DeckError, builtin_deck, parse_deck, render_text

ROOT = Path(__file__).resolve().parents[2]
DECKS = ROOT / "tests" / "data" / "decks"


# --- decks --------------------------------------------------------------------------------


def test_builtin_deck_has_the_tour_in_order() -> None:
    deck = builtin_deck()
    titles = [s.title for s in deck.steps]
    assert len(deck.steps) >= 8
    assert titles[0] == "A prediction is a probability distribution"
    # The milestones, in this order.
    order = ["Confidently wrong", "Entropy and KL divergence", "Label smoothing", "Temperature"]
    assert [titles.index(t) for t in order] == sorted(titles.index(t) for t in order)
    assert {s.page for s in deck.steps} == set(PAGES)  # every deck page is visited
    confident = deck.steps[titles.index("Confidently wrong")]
    assert confident.values[state.Q.key] == [0.01, 0.98, 0.01]
    assert confident.values[state.NAMES.key] == ["cat", "dog", "fox"]


def test_good_deck_loads() -> None:
    deck = parse_deck((DECKS / "good_minimal.toml").read_bytes())
    assert deck.title == "One step"
    (step,) = deck.steps
    assert step.page == "explorer"
    assert step.values[state.Q.key] == [0.3333, 0.3333, 0.3334]


BAD = {
    "bad_toml.toml": "The deck is not valid TOML: Illegal character",
    "bad_page.toml": "Step 1 ('Somewhere') opens page 'nowhere', which does not exist. Use one "
    "of: explorer, curves, logits, simplex, learn.",
    "bad_setting.toml": "Step 1 ('Mystery'): unknown setting 'colour'.",
    "bad_value.toml": "Step 1 ('Too much'): prediction q (`q`) must sum to 1 (got 1.5).",
    "bad_label.toml": "Step 1 ('Class five'): explorer settings do not fit together: true class "
    "4 does not exist among 2 classes (0 to 1).",
    "bad_no_steps.toml": "The deck has no steps. Add at least one [[step]] table.",
    "bad_no_title.toml": "The deck's title is missing or not text.",
    "bad_reserved.toml": "Step 1 ('Bits'): 'unit' belongs to the viewer",
    "bad_names.toml": "Step 1 ('Names'): 'name' must be a list of text",
}


@pytest.mark.parametrize(("name", "message"), BAD.items(), ids=list(BAD))
def test_bad_deck_gets_its_message(name: str, message: str) -> None:
    with pytest.raises(DeckError) as err:
        parse_deck((DECKS / name).read_bytes())
    assert str(err.value).startswith(message), str(err.value)


def test_every_fixture_is_covered() -> None:
    files = {p.name for p in DECKS.glob("*.toml")}
    assert files == set(BAD) | {"good_minimal.toml"}


def test_deck_bytes_limits() -> None:
    with pytest.raises(DeckError, match="not UTF-8 text"):
        parse_deck(b'title = "\xff"')
    with pytest.raises(DeckError, match="at most 64 KB"):
        parse_deck(b"#" * (65 * 1024))
    many = 'title = "t"\n' + '[[step]]\ntitle = "s"\npage = "explorer"\ntext = "x"\n' * 51
    with pytest.raises(DeckError, match="51 steps; at most 50"):
        parse_deck(many)


# --- the app: deck steps, presenter mode --------------------------------------------------


def run(page: str = "pages/classroom.py", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck_title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Step "))


def test_start_the_deck_opens_step_one_on_the_explorer() -> None:
    at = run()
    at.button(key="deck.start").click().run()
    assert not at.exception
    assert deck_title(at) == "**Step 1 of 10 · A prediction is a probability distribution**"
    assert at.title[0].value == "Cross-entropy explorer"
    assert at.session_state[state.Q.key] == [0.7, 0.2, 0.1]
    assert at.session_state[state.NAMES.key] == ["cat", "dog", "fox"]
    assert at.query_params["step"] == ["1"] or at.query_params["step"] == "1"


def test_next_and_previous_walk_the_deck_across_pages() -> None:
    at = run()
    at.button(key="deck.open.3").click().run()
    assert deck_title(at).startswith("**Step 3 of 10 · Confidently wrong")
    at.button(key="deck.next").click().run()
    assert deck_title(at).startswith("**Step 4 of 10")
    assert at.title[0].value == "Confidence curves"
    assert at.session_state[state.CURVES.key] == ["cross_entropy", "mse"]
    # Step 4 sets no names: a step starts from the defaults, not from step 3's cat/dog/fox.
    assert at.session_state[state.NAMES.key] == ["A", "B", "C"]
    at.button(key="deck.prev").click().run()
    assert at.title[0].value == "Cross-entropy explorer"
    assert at.session_state[state.Q.key] == [0.01, 0.98, 0.01]
    at.button(key="deck.end").click().run()
    assert not any(m.value.startswith("**Step ") for m in at.markdown)
    assert at.session_state[state.DECK_STEP.key] == 0


def test_the_last_deck_step_opens_a_lesson_in_presenter_mode() -> None:
    at = run(query={"present": "1"})
    at.button(key="deck.open.10").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert deck_title(at).startswith("**Step 10 of 10 · Honesty pays")
    assert at.title[0].value == "Learn"
    assert at.header[0].value == "Honesty pays"
    assert at.session_state[state.HONEST_N.key] == 500
    # Predict first holds on the projector too: the room commits a guess before the draws.
    assert any(b.label == "Commit my guess" for b in at.button)


def test_deck_step_from_a_link() -> None:
    at = run("pages/explorer.py", {"step": "3", "q": "0.01,0.98,0.01"})
    assert deck_title(at).startswith("**Step 3 of 10")
    assert at.button(key="deck.prev").disabled is False


def test_hostile_step_in_the_link_warns() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["step"] = "999"
    at.run()
    assert any("deck step (`step`)" in w.value for w in at.warning)
    assert not any(m.value.startswith("**Step ") for m in at.markdown)


def test_presenter_mode_is_kept_in_the_link() -> None:
    at = run()
    at.toggle(key=state.widget_key(state.PRESENT)).set_value(True).run()
    assert at.query_params["present"] in ("1", ["1"])
    # The presenter style sheet is a constant: no user text can reach it.
    assert "{" in classroom.PRESENTER_CSS and "<script" not in classroom.PRESENTER_CSS


def test_custom_deck_pasted_and_errors_keep_the_text() -> None:
    at = run()
    bad = (DECKS / "bad_value.toml").read_text()
    at.text_area(key="deck.text").input(bad)
    at.button(key="deck.load").click().run()
    assert any("must sum to 1 (got 1.5)" in e.value for e in at.error)
    assert at.text_area(key="deck.text").value == bad  # nothing the user typed is lost
    at.text_area(key="deck.text").input((DECKS / "good_minimal.toml").read_text())
    at.button(key="deck.load").click().run()
    assert any("**One step** — 1 steps" in m.value for m in at.markdown)
    at.button(key="deck.start").click().run()
    assert deck_title(at) == "**Step 1 of 1 · Uniform guess**"


# --- quiz ---------------------------------------------------------------------------------


def test_quiz_estimate_then_reveal_and_score() -> None:
    at = run()
    assert at.metric[0].value == "0 / 0"
    assert at.button(key="quiz.next").disabled
    # Seed 1, question 0 is an estimate: dog has 0.8, so the loss is −ln 0.8 = 0.2231.
    at.number_input(key="quiz.guess").set_value(0.25)
    at.get("form")  # the form exists
    at.button[[b.label for b in at.button].index("Reveal")].click().run()
    assert at.metric[0].value == "1 / 1"
    assert any(f"{-math.log(0.8):.3f} nats" in m.value for m in at.markdown)
    at.button(key="quiz.next").click().run()
    assert "Question 2." in next(m.value for m in at.markdown if "Question" in m.value)


def test_quiz_in_bits_and_after_a_unit_change() -> None:
    at = run(query={"unit": "bits"})
    assert at.number_input(key="quiz.guess").label == "Your guess of the loss (bits)"
    # Seed 1, question 0: −log₂ 0.8 = 0.3219 bits (0.2231 nats / ln 2).
    at.number_input(key="quiz.guess").set_value(0.33)
    at.button[[b.label for b in at.button].index("Reveal")].click().run()
    assert at.metric[0].value == "1 / 1"
    text = " ".join(m.value for m in at.markdown)
    assert f"The loss is **{-math.log2(0.8):.3f} bits**" in text
    # 0.1 nats / ln 2 = 0.144 bits
    assert "(within 15% or 0.14 bits, whichever is larger, counts as right)" in text
    assert any("−log₂ 0.8 = 0.322 bits" in c.value for c in at.caption)
    # Switch to nats: the same answer, shown in nats, still right.
    at.segmented_control(key=state.widget_key(state.UNIT)).set_value("nats").run()
    text = " ".join(m.value for m in at.markdown)
    assert f"The loss is **{-math.log(0.8):.3f} nats**" in text and "**Right.**" in text
    # 0.33 bits = 0.2287 nats: 0.0056 over.
    assert f"you were {0.33 * math.log(2) - -math.log(0.8):.3f} nats over" in text


def test_deck_text_follows_the_unit() -> None:
    deck = builtin_deck()
    step = deck.steps[1]  # "The loss looks only at the true class", q = (0.7, 0.05, 0.25)
    assert "{loss}" in step.text
    # −ln 0.7 = 0.357 nats; −log₂ 0.7 = 0.515 bits.
    assert "here −ln 0.7 = 0.36 nats" in render_text(step, "nats")
    assert "here −log₂ 0.7 = 0.51 bits" in render_text(step, "bits")
    curve = next(s for s in deck.steps if s.page == "curves")
    assert "log₂ 10 = 3.32 bits" in render_text(curve, "bits")  # log₂ 10 = 3.3219
    for s in deck.steps:
        bits = render_text(s, "bits")
        assert "nats" not in bits and "ln " not in bits and "{" not in bits
    at = run(query={"unit": "bits"})
    at.button(key="deck.open.3").click().run()
    # q(cat) = 0.01: −log₂ 0.01 = 6.64 bits.
    assert any("−log₂ 0.01 = 6.64 bits" in m.value for m in at.markdown)


def test_deck_says_what_is_true() -> None:
    """Issue 16, items 10, 11 and 14, read from the built-in deck."""
    text = " ".join(f"{s.title} {s.text}" for s in builtin_deck().steps)
    # "The confidence penalty" names a regulariser that penalises confident outputs.
    assert "confidence penalty" not in text.lower()
    assert "The price of confident mistakes" in text
    # −ln q has slope −1 at q = 1: it is MSE that is flat there.
    assert "flat near the truth" not in text
    assert "it is MSE, not cross-entropy, that is flat there" in text
    # The split of the rest leaves the loss alone but not the gradient q − p.
    assert "does not change the loss, though it does change the gradient (q − p)" in text
    # Focal loss (γ = 2) pushes harder than cross-entropy below q_t ≈ 0.30.
    assert "pushes hardest" not in text and "below about 0.3" in text
    # The last step: the room predicts the lowest average loss (what the lesson asks), and
    # the honest forecast is named with the lesson's own coin.
    from xent_ui.learn import honesty

    last = builtin_deck().steps[-1]
    assert last.values[state.LESSON.key] == honesty.SLUG
    assert "the room predicts who has the lowest average loss" in " ".join(last.text.split())
    assert "scores best" not in last.text
    assert f"Only the honest forecast, q = p = {honesty.P_HEADS:g}, minimises the expected" in (
        " ".join(last.text.split())
    )


def test_deck_placeholders_are_checked() -> None:
    deck = """title = "T"
[[step]]
title = "S"
page = "explorer"
text = "The loss is {los} here."
"""
    with pytest.raises(DeckError, match=r"unknown placeholder \{los\}"):
        parse_deck(deck)
    ok = parse_deck(deck.replace("{los}", "{{los}} and {loss} {unit}"))
    # The explorer's defaults: q = (0.7, 0.2, 0.1), true class A: 0.36 nats.
    assert render_text(ok.steps[0], "nats") == "The loss is {los} and 0.36 nats here."


def test_quiz_wrong_answer_counts_as_answered() -> None:
    at = run()
    at.number_input(key="quiz.guess").set_value(3.0)
    at.button[[b.label for b in at.button].index("Reveal")].click().run()
    assert at.metric[0].value == "0 / 1"
    assert any("Not quite" in m.value for m in at.markdown)


# --- share: the link and QR code are drawn in the browser from the current address ---------


def test_share_panel_is_the_browser_drawn_link_and_code() -> None:
    """The popover holds the share component; it takes no data (no user text reaches its
    code) and the browser test checks that its link and QR code follow the view."""
    at = run("pages/logits.py", {"t": "0.5", "z": "1,2,3"})
    popover = next(e for e in at.sidebar if "popover" in str(getattr(e, "proto", "")))
    (panel,) = popover.children.values()
    assert panel.proto.component_name == "xent_share"
    assert "Kazuhiko Arase" in panel.proto.js_content  # the vendored QR encoder, MIT
    assert "window.location.href" in panel.proto.js_content
    share_js = (ROOT / "xent_ui" / "components" / "share.js").read_text()
    assert share_js in panel.proto.js_content and "innerHTML" not in share_js
    assert not any("Update the link" in getattr(b, "label", "") for b in at.button)


# --- export ---------------------------------------------------------------------------------


def test_numbers_csv_round_trips_and_defuses_formulas() -> None:
    text = classroom.numbers_csv(
        ["=cmd()", "dog"], [1.0, 0.0], [0.7, 0.3], {"cross-entropy H(p,q) (nats)": 0.35667}
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["class", "p (truth)", "q (prediction)"]
    assert rows[1] == ["'=cmd()", "1.0", "0.7"]  # a spreadsheet shows text, runs nothing
    assert rows[-1] == ["cross-entropy H(p,q) (nats)", "0.35667"]


def test_numbers_latex_escapes_names_and_shows_infinity() -> None:
    tex = classroom.numbers_latex(
        ["a_b", "50%"], [1.0, 0.0], [0.0, 1.0], {"cross-entropy": math.inf}
    )
    assert r"class & a\_b & 50\% \\ \hline" in tex
    assert r"\text{cross-entropy} &= \infty \\" in tex
    assert "$q$ & 0.000 & 1.000" in tex


def test_explorer_offers_the_export() -> None:
    at = run("pages/explorer.py")
    latex = next(c.value for c in at.code if c.language == "latex")
    assert r"\begin{tabular}{lrrr}" in latex
    assert r"\text{cross-entropy H(p,q) (nats)} &= 0.3567 \\" in latex


# --- common misconceptions: the bank's questions ------------------------------------------


def test_misconception_questions_follow_the_seed_and_are_checked_in_the_unit() -> None:
    import xent_core as xc
    from tests.helpers import click

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["qseed"] = "3"
    at.query_params["unit"] = "bits"
    at.run()
    at.switch_page("pages/classroom.py").run()
    assert not at.exception
    first = xc.item(xc.quiz_order(3)[0])
    assert any(first.text(2) in m.value for m in at.markdown)
    # Walk to the first numeric question and answer it exactly, in bits.
    order = xc.quiz_order(3)
    position = next(i for i, item_id in enumerate(order) if xc.item(item_id).choices is None)
    for _ in range(position):
        click(at, "Next misconception question")
    item = xc.item(order[position])
    assert f"Question {position + 1} of {len(xc.ITEMS)}" in [c.value for c in at.caption]
    at.number_input(key=f"learn.myth-{item.id}.check").set_value(round(item.answer_in(2), 2))
    click(at, "Check")
    assert at.success and at.success[0].value.startswith("Right.")
    wrong, right = xc.MISCONCEPTIONS[item.misconception]
    assert any(wrong in m.value and right in m.value for m in at.markdown)
    at.number_input(key=f"learn.myth-{item.id}.check").set_value(round(item.answer_in(2), 2) + 0.02)
    click(at, "Check")
    assert at.error and at.error[0].value.startswith("Not quite.")


def test_the_classroom_buttons_have_unique_labels() -> None:
    # The quiz has its own "Next question"; the misconception questions' buttons say which
    # questions they walk through, and every label on the page names one button.
    at = run()
    labels = [b.label for b in at.button]
    assert "Previous misconception question" in labels
    assert "Next misconception question" in labels
    assert len(labels) == len(set(labels)), sorted(x for x in labels if labels.count(x) > 1)
