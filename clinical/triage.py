"""The triage decision: one pure function, no Rasa imports, easy to unit-test.

The level of a turn is the highest of three things: the red-flag findings the spaCy
layer counted, the answers to the screening questions, and the intent the classifier
picked. The NLU component uses the same function to route a message, so a rule can
send emergency advice before any custom action runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from actions.red_flags import EMERGENCY, FINDINGS_BY_NAME, SELF_CARE, URGENT

INFO = "info"

# Lowest to highest; `triage_level` in domain.yml takes exactly these values.
LEVELS: Tuple[str, ...] = (INFO, SELF_CARE, URGENT, EMERGENCY)
ESCALATION_LEVELS = frozenset({URGENT, EMERGENCY})

INTENT_SEVERE = "report_severe_reaction"
INTENT_URGENT = "report_urgent_symptom"
INTENT_MILD = "report_mild_reaction"
QUESTION_INTENTS = frozenset({"ask_preparation", "ask_about_ivig"})
SYMPTOM_INTENTS = frozenset({INTENT_SEVERE, INTENT_URGENT, INTENT_MILD})

INTENT_LEVELS: Dict[str, str] = {
    INTENT_SEVERE: EMERGENCY,
    INTENT_URGENT: URGENT,
    INTENT_MILD: SELF_CARE,
    **{intent: INFO for intent in QUESTION_INTENTS},
}

# The intent that carries each level through the rules (see data/rules.yml).
INTENT_FOR_LEVEL: Dict[str, str] = {
    EMERGENCY: INTENT_SEVERE,
    URGENT: INTENT_URGENT,
    SELF_CARE: INTENT_MILD,
}


@dataclass(frozen=True)
class ScreeningQuestion:
    """A yes/no question of the symptom screening form; "yes" means `level_if_yes`."""

    slot: str
    level_if_yes: Optional[str]  # None: the answer only qualifies another question
    # A "yes" only escalates together with a "yes" to this other slot (fever needs
    # a weak immune system to be urgent).
    requires_yes_to: Optional[str] = None


SCREENING_QUESTIONS: Dict[str, ScreeningQuestion] = {
    q.slot: q
    for q in (
        ScreeningQuestion("screen_breathing", EMERGENCY),
        ScreeningQuestion("screen_worst_headache", EMERGENCY),
        ScreeningQuestion("screen_stiff_neck", URGENT),
        ScreeningQuestion("screen_fever_high", URGENT, requires_yes_to="screen_weak_immunity"),
        ScreeningQuestion("screen_weak_immunity", None),
        ScreeningQuestion("screen_vomiting", URGENT),
        ScreeningQuestion("screen_site_infection", URGENT),
        ScreeningQuestion("screen_rash_spreading", URGENT),
        ScreeningQuestion("screen_dark_urine", URGENT),
        ScreeningQuestion("screen_getting_worse", URGENT),
    )
}

# Which questions each reported symptom brings, in the order they are asked. Danger
# to breathing is always asked first and "getting worse" always last.
QUESTIONS_FOR_CATEGORY: Dict[str, Tuple[str, ...]] = {
    "headache": ("screen_worst_headache", "screen_stiff_neck"),
    "fever": ("screen_fever_high", "screen_weak_immunity"),
    "chills": ("screen_fever_high", "screen_weak_immunity"),
    "nausea": ("screen_vomiting",),
    "site": ("screen_site_infection",),
    "rash": ("screen_rash_spreading",),
    "fatigue": ("screen_dark_urine",),
    "aches": ("screen_dark_urine",),
    "flushing": (),
    "general": ("screen_dark_urine",),
}
FIRST_QUESTION = "screen_breathing"
LAST_QUESTION = "screen_getting_worse"


def highest_level(levels: Iterable[Optional[str]]) -> Optional[str]:
    """The most serious of the given levels; None when there is none."""
    ranked = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[max(ranked)] if ranked else None


def screening_level(answers: Mapping[str, Optional[bool]]) -> Optional[str]:
    """The level the screening answers point to; None if nothing was answered yes."""
    levels: List[str] = []
    for slot, answer in answers.items():
        question = SCREENING_QUESTIONS.get(slot)
        if question is None or answer is not True or question.level_if_yes is None:
            continue
        if question.requires_yes_to and answers.get(question.requires_yes_to) is not True:
            continue
        levels.append(question.level_if_yes)
    return highest_level(levels)


def decide_triage_level(
    intent: Optional[str],
    red_flags: Iterable[str] = (),
    screening_answers: Optional[Mapping[str, Optional[bool]]] = None,
) -> Optional[str]:
    """The triage level of a turn, or None for small talk.

    `red_flags` are the names of findings the spaCy layer counted (present, in the
    patient or someone else); unknown names count as urgent, since an unknown
    finding is still a finding ("when unsure, escalate").
    """
    finding_levels = [
        FINDINGS_BY_NAME[name].level if name in FINDINGS_BY_NAME else URGENT
        for name in red_flags
    ]
    return highest_level(
        [INTENT_LEVELS.get(intent or ""), *finding_levels,
         screening_level(screening_answers or {})]
    )


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
