"""The triage decision: the highest of red flags, screening answers and intent."""

import pytest

from clinical.levels import LEVELS
from clinical.lexicon import COMBINED_FINDINGS, FINDINGS, READING_FINDINGS
from clinical.lexicon_general import PATTERNS
from clinical.screening import (
    QUESTIONS_FOR_CATEGORY,
    SCREENING_QUESTIONS,
    screening_is_finished,
    screening_level,
    screening_questions_for,
)
from clinical.triage import decide_triage_level


@pytest.mark.parametrize("intent, red_flags, answers, expected", [
    ("report_severe_reaction", [], {}, "emergency"),
    ("report_urgent_symptom", [], {}, "urgent"),
    ("report_mild_reaction", [], {}, "self_care"),
    ("ask_about_ivig", [], {}, "info"),
    ("greet", [], {}, None),
    # a red flag counts whatever the classifier said
    ("greet", ["throat_swelling"], {}, "emergency"),
    ("ask_preparation", ["dark_urine"], {}, "urgent"),
    ("report_mild_reaction", ["dark_urine", "chest_pain"], {}, "emergency"),
    # screening answers raise a mild report
    ("report_mild_reaction", [], {"screen_stiff_neck": True}, "urgent"),
    ("report_mild_reaction", [], {"screen_breathing": True}, "emergency"),
    ("report_mild_reaction", [], {"screen_breathing": False, "screen_getting_worse": False},
     "self_care"),
    # an unknown finding still escalates
    ("report_mild_reaction", ["something_new"], {}, "urgent"),
])
def test_level_is_the_highest_of_intent_findings_and_answers(intent, red_flags, answers, expected):
    assert decide_triage_level(intent, red_flags, answers) == expected


def test_every_finding_has_a_known_level_and_phrases_or_a_combination():
    for finding in FINDINGS:
        assert finding.level in LEVELS
        # Each is found somehow: by phrases, a combination, a reading or a pattern.
        assert (finding.phrases or finding in COMBINED_FINDINGS
                or finding.name in READING_FINDINGS or finding.name == "hives_with_faintness"
                or finding.name in {name for name, _ in PATTERNS}), finding.name
        if finding.level == "self_care":
            assert finding.category, finding.name


def test_a_fever_escalates_without_asking_about_immunity():
    # Most IVIG patients have a weak immune system: no question about it, a fever escalates.
    assert screening_level({"screen_fever_high": True}) == "urgent"
    assert screening_level({"screen_fever_high": False}) is None


def test_headache_brings_stiff_neck_and_worst_ever_questions():
    questions = screening_questions_for(["headache"])
    assert questions[0] == "screen_breathing"
    assert {"screen_stiff_neck", "screen_worst_headache"} <= set(questions)
    assert "screen_fever_high" not in questions
    assert questions[-1] == "screen_getting_worse"


def test_fever_brings_the_temperature_question():
    questions = screening_questions_for(["fever"])
    assert "screen_fever_high" in questions
    assert "screen_stiff_neck" not in questions


def test_several_symptoms_ask_each_question_once():
    questions = screening_questions_for(["fever", "chills", "headache"])
    assert len(questions) == len(set(questions))


def test_every_screening_question_is_asked_for_some_symptom():
    asked = {slot for category in QUESTIONS_FOR_CATEGORY
             for slot in screening_questions_for([category])}
    assert asked == set(SCREENING_QUESTIONS)


def test_screening_stops_at_the_first_escalating_yes():
    asked = ["screen_breathing", "screen_stiff_neck"]
    assert screening_is_finished(asked, {"screen_breathing": False, "screen_stiff_neck": True})
    assert not screening_is_finished(asked, {"screen_breathing": False, "screen_stiff_neck": False})


def test_an_age_given_earlier_makes_a_later_fever_an_infant_emergency():
    from clinical.triage import conversation_red_flags

    earlier = ["my 9 week old feels warm, he had his IVIG yesterday", "no"]
    assert conversation_red_flags(earlier, ["high_fever"], {}) == ["infant_fever"]
    assert conversation_red_flags(earlier, [], {"screen_fever_high": True}) == ["infant_fever"]
    # An older child, or no fever: nothing is added.
    assert conversation_red_flags(["my 8 month old feels warm"], ["high_fever"], {}) == []
    assert conversation_red_flags(earlier, [], {"screen_fever_high": False}) == []


def test_a_child_named_earlier_makes_a_later_stiff_neck_an_emergency():
    from clinical.triage import conversation_red_flags, decide_triage_level

    earlier = ["my daughter (10) has a headache after her drip", "no"]
    added = conversation_red_flags(earlier, [], {"screen_stiff_neck": True})
    assert added == ["child_meningitis_signs"]
    assert decide_triage_level("report_mild_reaction", added, {"screen_stiff_neck": True}) == "emergency"
    assert conversation_red_flags(["I have a headache"], [], {"screen_stiff_neck": True}) == []
