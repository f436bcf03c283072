"""The triage decision: one pure function, no Rasa imports, easy to unit-test.

The level of a turn is the highest of four things: the red-flag findings the spaCy
layer counted, the answers to the screening questions, the level the reported symptom
categories carry after screening (an unknown symptom goes to the care team), and the
intent the classifier picked. The NLU component uses the same function to route a
message, so a rule can send emergency advice before any custom action runs.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, Mapping, Optional, Sequence

from clinical.levels import EMERGENCY, INFO, SELF_CARE, URGENT, highest_level
from clinical.lexicon import FINDINGS_BY_NAME
from clinical.screening import category_level, screening_level

INTENT_SEVERE = "report_severe_reaction"
INTENT_URGENT = "report_urgent_symptom"
INTENT_MILD = "report_mild_reaction"
# Suicidal thoughts, self-harm or an overdose: an emergency whose reply gives 988 too.
INTENT_CRISIS = "report_crisis"
QUESTION_INTENTS = frozenset({"ask_preparation", "ask_about_ivig"})
SYMPTOM_INTENTS = frozenset({INTENT_SEVERE, INTENT_URGENT, INTENT_MILD, INTENT_CRISIS})

INTENT_LEVELS: Dict[str, str] = {
    INTENT_SEVERE: EMERGENCY,
    INTENT_CRISIS: EMERGENCY,
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


def finding_level(name: str) -> str:
    """A finding's level; unknown names count as urgent ("when unsure, escalate")."""
    finding = FINDINGS_BY_NAME.get(name)
    return finding.level if finding else URGENT


def decide_triage_level(
    intent: Optional[str],
    red_flags: Iterable[str] = (),
    screening_answers: Optional[Mapping[str, Optional[bool]]] = None,
    categories: Sequence[str] = (),
) -> Optional[str]:
    """The triage level of a turn, or None for small talk.

    `red_flags` are the names of findings the spaCy layer counted (present, in the
    patient or someone else); unknown names count as urgent, since an unknown
    finding is still a finding ("when unsure, escalate"). `categories` are the screening
    categories of the reported symptoms; an unlisted symptom is urgent once screened.
    """
    return highest_level(
        [INTENT_LEVELS.get(intent or ""), *(finding_level(name) for name in red_flags),
         screening_level(screening_answers or {}), category_level(categories)]
    )


# What earlier messages of the conversation add to a report (a parent gives the age
# first and the temperature later: "my 9 week old feels warm" ... "100.5F under the arm").
FEVER_ANSWERS = ("screen_fever_high",)
STIFF_NECK_ANSWERS = ("screen_stiff_neck",)
FEVER_FLAGS = frozenset({"fever", "high_fever", "infection_with_fever"})


def conversation_red_flags(earlier_texts: Sequence[str], red_flags: Iterable[str],
                           answers: Mapping[str, Optional[bool]]) -> list:
    """Red flags a report gets from what the patient said before in the conversation:
    a baby under 3 months with a fever (infant_fever), a child with a stiff neck
    (child_meningitis_signs). Empty when the earlier messages change nothing."""
    from clinical.readings import is_young_infant, names_a_child

    flags = set(red_flags)
    fever = bool(flags & FEVER_FLAGS) or any(answers.get(slot) is True for slot in FEVER_ANSWERS)
    stiff_neck = "meningitis_signs" in flags or any(
        answers.get(slot) is True for slot in STIFF_NECK_ANSWERS)
    added = []
    if fever and "infant_fever" not in flags and any(is_young_infant(t) for t in earlier_texts):
        added.append("infant_fever")
    if (stiff_neck and "child_meningitis_signs" not in flags
            and any(names_a_child(t) for t in earlier_texts)):
        added.append("child_meningitis_signs")
    return added


# Words that carry on what was said before ("he's still shaking, it's been 5 minutes",
# "it's happening again", "the bleeding won't stop").
_CARRIES_ON = re.compile(
    r"\b(?:still|again|keeps?|kept|won'?t stop|hasn'?t stopped|not stopped|"
    r"(?:it'?s|it has) been (?:\d+|a few|five|ten|twenty|thirty) (?:minutes|mins|hours))\b",
    re.IGNORECASE)


def carries_on_emergency(previous_level: Optional[str], text: str) -> bool:
    """A report that says the emergency of this conversation is still going keeps the
    emergency level, whatever its own words are worth alone ("my son is having a fit" ...
    "he's still shaking, it's been 5 minutes"): a parent mid-emergency is not told the
    care team will call today. (An all-clear, "he's fine now", has no such words.)"""
    return previous_level == EMERGENCY and bool(_CARRIES_ON.search(text or ""))
