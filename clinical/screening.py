"""The symptom screening: which yes/no danger questions to ask, in what order, and what a
"yes" means. Pure data and functions; the Rasa form (actions/screening.py) asks them.

Danger to breathing is always asked first and "getting worse" always last; between them
come the questions of each reported symptom's category.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from clinical.answers import UNCLEAR, interpret_answer
from clinical.levels import EMERGENCY, ESCALATION_LEVELS, URGENT, highest_level
from clinical.lexicon import FEVER_THRESHOLD_C, FEVER_THRESHOLD_F
from clinical.readings import temperature_answer


@dataclass(frozen=True)
class ScreeningQuestion:
    """A yes/no question of the symptom screening form; "yes" means `level_if_yes`."""

    slot: str
    level_if_yes: str
    # A temperature the patient types ("37.6", "under 38") answers the question by
    # comparing it with these thresholds (Celsius, Fahrenheit).
    temperature_threshold: Optional[Tuple[float, float]] = None


SCREENING_QUESTIONS: Dict[str, ScreeningQuestion] = {
    q.slot: q
    for q in (
        ScreeningQuestion("screen_breathing", EMERGENCY),
        ScreeningQuestion("screen_general_danger", EMERGENCY),
        ScreeningQuestion("screen_worst_headache", EMERGENCY),
        ScreeningQuestion("screen_stiff_neck", URGENT),
        # Most people on IVIG have a weak immune system, so a fever of 38 C / 100.4 F is
        # urgent without asking (CLINICAL.md: the care team wants to hear the same day).
        ScreeningQuestion("screen_fever_high", URGENT,
                          temperature_threshold=(FEVER_THRESHOLD_C, FEVER_THRESHOLD_F)),
        ScreeningQuestion("screen_vomiting", URGENT),
        ScreeningQuestion("screen_site_infection", URGENT),
        ScreeningQuestion("screen_rash_spreading", URGENT),
        ScreeningQuestion("screen_dark_urine", URGENT),
        ScreeningQuestion("screen_fever_or_long", URGENT),
        ScreeningQuestion("screen_bowel_danger", URGENT),
        ScreeningQuestion("screen_getting_worse", URGENT),
    )
}

# Which questions each reported symptom brings, in the order they are asked.
QUESTIONS_FOR_CATEGORY: Dict[str, Tuple[str, ...]] = {
    "headache": ("screen_worst_headache", "screen_stiff_neck"),
    "fever": ("screen_fever_high",),
    "chills": ("screen_fever_high",),
    "nausea": ("screen_vomiting",),
    "site": ("screen_site_infection",),
    "rash": ("screen_rash_spreading",),
    "fatigue": ("screen_dark_urine",),
    "aches": ("screen_dark_urine",),
    "flushing": (),
    "general": ("screen_dark_urine",),
    # A cold, sore throat, earache, mouth ulcer or allergies: with weak immunity a fever
    # or more than about 10 days means the care team (CLINICAL.md, infections).
    "minor_illness": ("screen_fever_or_long",),
    "digestion": ("screen_bowel_danger",),
    # A symptom the lexicon does not know: the general danger signs, then the care team.
    "unlisted": ("screen_general_danger",),
}
FIRST_QUESTION = "screen_breathing"
# The question a temperature answers, whichever question it was typed after.
TEMPERATURE_QUESTION = "screen_fever_high"
LAST_QUESTION = "screen_getting_worse"

# Categories whose symptom goes to the care team even when every answer is "no": the
# assistant cannot tell that an unknown symptom is harmless.
LEVEL_AFTER_SCREENING: Dict[str, str] = {"unlisted": URGENT}

# Self-care advice exists for these categories (data/content/advice.yml,
# `utter_self_care_<category>`); anything else gets the general advice.
SELF_CARE_CATEGORIES: Tuple[str, ...] = (
    "headache", "fever", "chills", "fatigue", "aches", "nausea", "flushing", "site", "rash",
    "minor_illness", "digestion",
)


def screening_level(answers: Mapping[str, Optional[bool]]) -> Optional[str]:
    """The level the screening answers point to; None if nothing was answered yes."""
    levels: List[str] = []
    for slot, answer in answers.items():
        question = SCREENING_QUESTIONS.get(slot)
        if question is None or answer is not True:
            continue
        levels.append(question.level_if_yes)
    return highest_level(levels)


def category_level(categories: Sequence[str]) -> Optional[str]:
    """The level the reported categories carry on their own after screening."""
    return highest_level(LEVEL_AFTER_SCREENING.get(category) for category in categories)


def screening_questions_for(categories: Sequence[str]) -> List[str]:
    """The screening slots to ask for the reported symptom categories, in order."""
    slots: List[str] = [FIRST_QUESTION]
    for category in categories:
        for slot in QUESTIONS_FOR_CATEGORY.get(category, ()):
            if slot not in slots:
                slots.append(slot)
    slots.append(LAST_QUESTION)
    return slots


def screening_is_finished(asked: Sequence[str], answers: Mapping[str, Optional[bool]]) -> bool:
    """Screening stops at the first answer that escalates: no need to ask more."""
    return screening_level({slot: answers.get(slot) for slot in asked}) in ESCALATION_LEVELS


def questions_to_ask(categories: Sequence[str],
                     answers: Mapping[str, Optional[bool]]) -> List[str]:
    """The screening slots for this report, stopping after the first escalating yes."""
    asked: List[str] = []
    for slot in screening_questions_for(categories):
        asked.append(slot)
        if answers.get(slot) is None:
            continue
        if screening_is_finished(asked, answers):
            break
    return asked


# No question is asked more than twice: the second unsure or unclear answer takes the
# safe side (a "yes": the danger sign may be there).
MAX_ASKS = 2


@dataclass(frozen=True)
class AnswerDecision:
    value: Optional[bool]  # the slot's value, or None to ask again
    unanswered: int  # unsure or unclear answers to this question so far
    took_safe_side: bool = False
    # A temperature typed in answer to another question ("it's 99.1 F" to the breathing
    # question): whether it reaches the fever threshold. It answers the temperature
    # question; the question that was asked is asked again, and this answer does not
    # count towards the safe side.
    reading: Optional[bool] = None


def decide_answer(slot: str, text: str, unanswered_before: int) -> AnswerDecision:
    """The value a patient's words give a screening question, or None to ask once more."""
    question = SCREENING_QUESTIONS[slot]
    answer = interpret_answer(text, temperature_threshold=bool(question.temperature_threshold))
    if answer.value is not None:
        return AnswerDecision(answer.value, unanswered_before)
    if answer.kind == UNCLEAR:
        reading = temperature_answer(text)
        if reading is not None:
            return AnswerDecision(None, unanswered_before, reading=reading)
    unanswered = unanswered_before + 1
    if unanswered >= MAX_ASKS:
        return AnswerDecision(True, unanswered, took_safe_side=True)
    return AnswerDecision(None, unanswered)
