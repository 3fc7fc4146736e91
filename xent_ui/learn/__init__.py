"""The Learn page's lessons, in order: each a module with its widget, goals and check.

:mod:`.frame` is what every lesson shares (predict first, try this, what you should have
noticed, check yourself, go deeper). The slugs are declared in ``state.LESSON_SLUGS``;
``tests/ui/test_learn.py`` checks that the two lists agree.
"""

from __future__ import annotations

from xent_ui.learn import (
    calibration,
    confident_mistakes,
    cross_entropy,
    entropy,
    honesty,
    kl_divergence,
    logits,
    maximum_likelihood,
    one_label,
    surprise,
)
from xent_ui.learn.frame import Lesson

LESSONS: tuple[Lesson, ...] = (
    surprise.LESSON,
    entropy.LESSON,
    cross_entropy.LESSON,
    kl_divergence.LESSON,
    one_label.LESSON,
    maximum_likelihood.LESSON,
    honesty.LESSON,
    confident_mistakes.LESSON,
    logits.LESSON,
    calibration.LESSON,
)
BY_SLUG: dict[str, Lesson] = {lesson.slug: lesson for lesson in LESSONS}
