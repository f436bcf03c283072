"""The spaCy red-flag layer: matching, typos, negation and context rules, intent routing."""

from typing import List, Tuple

import pytest

from components.red_flag_detector import entities_for, findings_from_doc, route_intent




def counted(nlp, text: str) -> List[str]:
    return sorted({f.name for f in findings_from_doc(nlp(text)) if f.counts})


def context(nlp, text: str) -> List[Tuple[str, str]]:
    return [(f.name, f.assertion) for f in findings_from_doc(nlp(text))]


@pytest.mark.parametrize("text, expected", [
    ("my throat is swelling", "throat_swelling"),
    ("I can't breathe", "breathing_difficulty"),
    ("my lips swelled up", "face_swelling"),
    ("he collapsed in the kitchen", "fainting"),
    ("her face is drooping on one side", "stroke_signs"),
    ("my pee looks like cola", "dark_urine"),
    ("stiff neck and the light hurts my eyes", "meningitis_signs"),
    ("head is pounding and lights are way too bright", "meningitis_signs"),
    ("the iv site has pus and red streaks", "site_infection"),
    ("can't keep anything down since last night", "persistent_vomiting"),
])
def test_finds_red_flags_in_patient_words(nlp, text, expected):
    assert expected in counted(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("i cant breath", "breathing_difficulty"),
    ("my thraot is swelling realy bad", "throat_swelling"),
    ("chest pian after the infusion", "chest_pain"),
    ("wheezin a lot", "wheezing"),
])
def test_tolerates_typos(nlp, text, expected):
    assert expected in counted(nlp, text)


def test_typo_tolerance_does_not_invent_findings(nlp):
    assert counted(nlp, "I'm confused about the schedule") == []
    assert counted(nlp, "I feel fine, thanks") == []


def test_negated_findings_do_not_count(nlp):
    assert ("chest_pain", "negated") in context(nlp, "no chest pain, just a headache")
    assert counted(nlp, "no chest pain, just a headache") == ["headache"]
    assert counted(nlp, "I don't have any trouble breathing") == []


def test_negation_does_not_reach_into_the_next_clause(nlp):
    assert "chest_pain" in counted(nlp, "I don't have a headache, my chest hurts")
    assert "throat_swelling" in counted(nlp, "no fever and my throat is closing")


def test_past_or_resolved_findings_do_not_count(nlp):
    assert ("chest_pain", "historical") in context(nlp, "had chest pain last year")
    assert counted(nlp, "I had a seizure as a kid, now I'm just tired") == ["fatigue"]
    assert "meningitis_signs" in counted(nlp, "the headache went away but now my neck is stiff")


def test_questions_about_a_finding_are_hypothetical(nlp):
    assert context(nlp, "what should I do if my throat swells?") == [
        ("throat_swelling", "hypothetical")]
    assert counted(nlp, "can ivig cause chest pain?") == []
    # ... but a symptom stated before a question still counts
    assert "chest_pain" in counted(nlp, "I have chest pain, can ivig cause that?")
    assert "chest_pain" in counted(nlp, "Not sure if this matters, my chest hurts")


def test_findings_in_another_person_count(nlp):
    findings = findings_from_doc(nlp("my son can't breathe"))
    assert [(f.name, f.counts, f.experiencer) for f in findings] == [
        ("breathing_difficulty", True, "other")]


@pytest.mark.parametrize("text, expected", [
    ("temp is 101.5", "high_fever"),
    ("fever of 38.6", "high_fever"),
    ("my temperature is 39C", "high_fever"),
    ("temperature 99.1", None),
])
def test_temperatures_at_or_above_38c_are_urgent(nlp, text, expected):
    names = counted(nlp, text)
    if expected:
        assert expected in names
    else:
        assert "high_fever" not in names


def test_hives_with_faintness_is_an_emergency(nlp):
    assert "hives_with_faintness" in counted(nlp, "I have hives and feel faint")


@pytest.mark.parametrize("intent", ["greet", "out_of_scope", "ask_about_ivig", "nlu_fallback",
                                    "report_mild_reaction", "affirm"])
def test_red_flag_routes_to_emergency_whatever_the_intent(nlp, intent):
    findings = findings_from_doc(nlp("hi, quick question, my lips are swelling"))
    assert route_intent(intent, findings) == "report_severe_reaction"


def test_urgent_flag_routes_to_urgent_but_never_lowers_an_emergency(nlp):
    findings = findings_from_doc(nlp("my urine is dark brown"))
    assert route_intent("greet", findings) == "report_urgent_symptom"
    assert route_intent("report_severe_reaction", findings) == "report_severe_reaction"


def test_denied_severe_words_route_to_mild(nlp):
    findings = findings_from_doc(nlp("no chest pain or trouble breathing, just a headache"))
    assert route_intent("report_severe_reaction", findings) == "report_mild_reaction"


def test_hypothetical_question_routes_to_an_answer(nlp):
    findings = findings_from_doc(nlp("what should I do if my throat swells?"))
    assert route_intent("report_severe_reaction", findings) == "ask_about_ivig"
    entities = entities_for(findings)
    assert [(e["entity"], e["value"]) for e in entities] == [("red_flag_question", "throat_swelling")]


def test_mild_symptom_in_small_talk_routes_to_mild(nlp):
    findings = findings_from_doc(nlp("hello! bit of a headache today"))
    assert route_intent("greet", findings) == "report_mild_reaction"
    assert route_intent("deny", findings) == "deny"  # screening answers stay answers


def test_entities_carry_finding_names_and_symptom_categories(nlp):
    entities = entities_for(findings_from_doc(nlp("dark urine and a headache")))
    assert {(e["entity"], e["value"]) for e in entities} == {
        ("red_flag", "dark_urine"), ("symptom", "headache")}


@pytest.mark.parametrize("text, expected", [
    ("upper lip is getting big and puffy", "face_swelling"),
    ("she says there is pressure in the chest", "chest_pain"),
    ("my words come out all slurry", "stroke_signs"),
    ("his pee looks like strong tea, really dark", "dark_urine"),
    ("it's the worst pain I have ever felt in my head", "worst_headache"),
])
def test_word_pairs_catch_findings_phrased_freely(nlp, text, expected):
    assert expected in counted(nlp, text)


def test_a_word_pair_with_a_negation_between_is_no_finding(nlp):
    assert counted(nlp, "my throat is not swollen") == []


def test_typos_never_flip_a_negation(nlp):
    assert counted(nlp, "is there a person I can speak with?") == []
    assert "breathing_difficulty" not in counted(nlp, "I can breathe fine, just tired")


def test_general_risk_questions_are_left_to_the_answer_catalogue(nlp):
    findings = findings_from_doc(nlp("can ivig cause blood clots?"))
    assert [f.assertion for f in findings] == ["asked_about"]
    assert entities_for(findings) == []  # no red-flag advice, the catalogue answers
    assert route_intent("report_urgent_symptom", findings) == "ask_about_ivig"


def test_own_mild_symptom_in_a_question_is_screened(nlp):
    findings = findings_from_doc(nlp("I'm so tired since my infusion, is that normal?"))
    assert route_intent("ask_about_ivig", findings) == "report_mild_reaction"
    general = findings_from_doc(nlp("is it normal to feel tired after ivig?"))
    assert route_intent("ask_about_ivig", general) == "ask_about_ivig"


def test_denied_danger_with_severe_classifier_routes_to_mild(nlp):
    findings = findings_from_doc(nlp("I didn't faint or anything, just feel worn out"))
    assert route_intent("report_severe_reaction", findings) == "report_mild_reaction"


@pytest.mark.parametrize("text, expected", [
    ("pee the colour of coffee, is that from the medicine?", "dark_urine"),
    ("my whole upper arm is swollen, warm and sore", "clot_signs"),
    ("I think he's having a stroke", "stroke_signs"),
])
def test_more_free_wording_of_red_flags(nlp, text, expected):
    assert expected in counted(nlp, text)


def test_an_old_stroke_does_not_count(nlp):
    findings = findings_from_doc(nlp("my wife had a stroke five years ago, today she's just tired"))
    assert route_intent("report_severe_reaction", findings) == "report_mild_reaction"


def test_a_rash_from_before_that_is_spreading_now_is_urgent(nlp):
    text = "I had a small rash last infusion that went away, but this time it's spreading up my arms"
    assert "spreading_rash" in counted(nlp, text)
    assert "spreading_rash" not in counted(nlp, "I had a rash last time, it's not spreading now")


def test_a_denied_swelling_is_not_found_by_a_word_pair(nlp):
    assert counted(nlp, "my lips aren't swollen, my face just looks flushed") == ["flushing"]
