"""Symptoms beyond infusion reactions: general emergencies, crisis, sepsis and meningitis,
infections, children, self-limited complaints and symptoms nobody listed (spaCy layer)."""

from typing import List

import pytest

from components.red_flag_detector import findings_from_doc, route_intent




def counted(nlp, text: str) -> List[str]:
    return sorted({f.name for f in findings_from_doc(nlp(text)) if f.counts})


def routed(nlp, text: str, intent: str = "ask_about_ivig") -> str:
    return route_intent(intent, findings_from_doc(nlp(text)), text)


@pytest.mark.parametrize("text", [
    "I want to end my life",
    "honestly I think everyone would be better off if I was dead",
    "my daughter keeps saying she wants to die",
    "I've been cutting myself again",
    "I swallowed a handful of my sleeping tablets an hour ago",
    "thinking about killing myself tonight",
])
def test_a_crisis_is_routed_to_the_crisis_reply(nlp, text):
    assert routed(nlp, text) == "report_crisis"


@pytest.mark.parametrize("text", [
    "I'm dying to know when my next infusion is",
    "this wait is killing me",
    "I could kill for a coffee after that infusion",
    "I'm not suicidal, just worn out",
    "I hurt myself in the garden yesterday, just a scrape",
])
def test_idioms_and_denials_are_not_a_crisis(nlp, text):
    assert routed(nlp, text) != "report_crisis"


# 988's warning signs in words nobody here wrote before (dev set 7's misses, by kind):
# others better off without one, a burden, ending it, not being around much longer, a
# decision with treatment no longer needed, things given away with a readiness to go, a
# funeral longed for, death wanted, a lethal amount asked, a goodbye then silence or the
# means, a height or a vehicle as the way, killing someone with the means, a stash,
# an overdose in loose words, self-harm by its ways and reasons.
@pytest.mark.parametrize("text", [
    "my family would be so much better off if I wasn't around anymore",
    "dad would have a simpler life without me dragging him to appointments every month",
    "I'm just a burden to my whole family at this point",
    "I've been a drain on my parents for years and I'm thinking of ending it",
    "she keeps saying she's ready to end things and has been looking up pills",
    "honestly considering ending it all this weekend",
    "I can't see myself being here much longer, I'm so tired of fighting",
    "he told me I won't have to worry about him much longer",
    "my mind is made up, you can cancel my infusions, I won't be needing them",
    "I've sorted the will and given the dog to my brother, it's time for me to go",
    "he gave his guitar away to his best mate and says it's the right time to go",
    "I keep imagining my funeral and honestly it feels like relief",
    "how many of these amitriptyline would it take",
    "what dose of insulin would it take before it kills you",
    "she posted 'love you all, sorry' on facebook and her phone has been switched off since",
    "thinking about climbing up onto the bridge and just jumping over",
    "want to swerve into oncoming traffic on purpose on the way home",
    "I'm going to kill her tonight, I know where she lives and I've got a knife",
    "I've got a stash of oxy and I think it would be enough to do it",
    "she swallowed a load of ibuprofen after the argument",
    "took everything in the bathroom cabinet an hour ago",
    "I scratch my wrists till they bleed when it gets too much",
    "burning my thighs with a cigarette again, it's the only thing that helps",
    "ctb is all I think about",
    "he says he won't be around by christmas, he's got it all worked out",
    "she showed me the rope she bought and said she's done",
])
def test_warning_signs_said_indirectly_are_a_crisis(nlp, text):
    assert routed(nlp, text) == "report_crisis"


# The same words in everyday life: politeness, a break-up, a bus to catch, a holiday,
# a phone out of battery, an accident, a wish for an itch to stop, grief.
@pytest.mark.parametrize("text", [
    "it would be easier if I wasn't here so early for my infusion slot",
    "the nurses said the ward runs easier without me hovering around",
    "I'm a bit of a burden to the nurses with all my questions, sorry!",
    "I hate being a burden but could someone check my appointment time",
    "planning on ending things with my boyfriend, he's no help with my infusions",
    "I think I'll end it there, thanks for the help",
    "I won't be around much longer today, my bus is at 4",
    "I'm not sticking around for the whole infusion if it takes 6 hours",
    "I won't be needing the pump next week, I've decided to go to the clinic instead",
    "gave my old clothes away to charity and sorted my will, ready to go on holiday now",
    "how many tablets would it take to feel a difference?",
    "how long can the bag hang before it kills the bacteria?",
    "she texted goodbye when she left the clinic and her phone is off now, battery died",
    "I nearly drove into a tree because I was so tired after the infusion",
    "I could kill him for forgetting the car park ticket",
    "I keep a stash of paracetamol in my bag for the headaches",
    "I burned my hand with a match lighting the candles",
    "cut my leg with a razor while shaving",
    "my back hurts and ibuprofen is the only thing that helps",
    "scratching is the only thing that helps the itch",
    "make the itching stop for good, what cream works?",
    "thinking about death a lot since my dad died, not wanting it though, just sad",
    "I won't be here for the next infusion, I've got a holiday planned",
    "I won't be around next week, it's all planned, we're going to Spain",
    "I'm done with this rope, it keeps tangling on the drip stand",
    "got my pills from the pharmacy and I'm done with errands for today",
])
def test_the_same_words_in_everyday_life_are_not_a_crisis(nlp, text):
    assert routed(nlp, text) != "report_crisis"


@pytest.mark.parametrize("text, finding", [
    ("he fell off the ladder and banged his head hard", "head_injury"),
    ("my cut won't stop bleeding, it's soaking through the towel", "severe_bleeding"),
    ("my son drank some bleach from under the sink", "poisoning"),
    ("I threw up blood twice this morning", "vomiting_blood"),
    ("sudden excruciating pain in my lower back", "severe_pain"),
    ("my right foot suddenly drops when I walk and drags", "sudden_weakness"),
    ("the pain is going down my left arm and into my jaw", "heart_attack_signs"),
    ("I think I'm having anaphylaxis", "anaphylaxis"),
    ("purple spots on her legs that don't fade under a glass", "non_blanching_rash"),
    # Heart attack signs without chest pain (AHA): the arm or jaw with a cold sweat.
    ("my jaw and left arm ache and I'm in a cold sweat", "heart_attack_signs"),
    ("my left arm hurts and I feel sick to my stomach", "heart_attack_signs"),
    ("there was a fire and my dad breathed in a lot of the smoke", "sudden_injury"),
    # Problems of any body system that need care at once (published triage vignettes).
    ("my left testicle suddenly started hurting really bad an hour ago", "testicle_pain"),
    ("pain started at my belly button and moved to the lower right side", "appendix_pain"),
    ("my nose has been bleeding for 40 minutes and it won't stop", "severe_bleeding"),
    ("I cut my finger and the bleeding just keeps going", "severe_bleeding"),
    ("my son drank some lighter fluid", "poisoning"),
    ("indigestion that won't go away, sweating and my arm feels heavy", "heart_attack_signs"),
    ("pain started at my belly button and has moved down to the lower right side",
     "appendix_pain"),
    ("all four of us have headaches and feel dizzy since we turned the heating on",
     "poisoning"),
    ("my mom is diabetic, all sweaty and shaky and acting drunk", "confusion"),
    ("she screams, pulls her legs up, then goes floppy and pale", "floppy_infant"),
    # Signs described by their effect rather than named.
    ("the words come out wrong, I know what I want to say", "stroke_signs"),
    ("her eyes rolled back and she went stiff for a minute", "seizure"),
    ("flipped the truck on the way home and my neck hurts", "sudden_injury"),
    ("my leg suddenly went cold and pale and it hurts", "cold_pale_limb"),
    ("can't even keep water down since last night", "severe_vomiting"),
    ("sudden splitting headache, it's 10/10", "worst_headache"),
    ("shivering uncontrollably and my heart is going like the clappers", "sepsis_signs"),
])
def test_general_emergencies_are_found_from_body_and_warning_words(nlp, text, finding):
    assert finding in counted(nlp, text)
    assert routed(nlp, text) == "report_severe_reaction"


# Dev set 7's misses, by kind, in other words: a head struck with words between, not
# even a sip kept down, upper belly pressure, the heart's back and jaw pain with a cold
# sweat, a broken hip's signs, blurred sight in pregnancy, household products drunk, a
# baby's age without "old", SOB typed with "&", a neck that hurts to look down.
@pytest.mark.parametrize("text, finding", [
    ("smacked the side of his head against the door frame and now he's drowsy", "head_injury"),
    ("she just can't keep even a mouthful of juice down since this morning", "severe_vomiting"),
    ("horrible tightness just below my breastbone and I feel sick", "upper_abdominal_pain"),
    ("crushing pain across my upper back and I'm drenched in a cold sweat",
     "heart_attack_signs"),
    ("grandad had a fall in the bathroom and can't put weight on his leg, it looks twisted out",
     "sudden_injury"),
    ("38 weeks pregnant and my vision has gone fuzzy with a bad headache",
     "sudden_vision_change"),
    ("my toddler swallowed some of the laundry liquid", "poisoning"),
    ("my son says his neck is sore when he tries to look down at his toes, he's burning up",
     "child_meningitis_signs"),
    ("my baby is 9 weeks and her temp is 38.3", "infant_fever"),
    ("feeling v sob & wheezy since the drip", "breathing_difficulty"),
])
def test_general_emergencies_in_words_nobody_here_wrote(nlp, text, finding):
    assert finding in counted(nlp, text)
    assert routed(nlp, text) == "report_severe_reaction"


@pytest.mark.parametrize("text, finding", [
    ("she's got blood in her watery poo this morning", "bloody_diarrhoea"),
    ("my gums are so sore he hasn't eaten or drunk since lunch", "mouth_sores_cannot_eat"),
    ("hacking up loads of yellow gunk since monday", "chest_infection"),
    # Feeling off in no named way: the danger questions, then the care team.
    ("honestly just feel strange since yesterday's infusion", "feeling_unwell"),
    ("not quite myself since the drip", "feeling_unwell"),
    # Low mood, like "depressed" and "feel low": screened, then the care team.
    ("I've been feeling really low lately", "low_mood"),
    ("she's been feeling really down for weeks", "low_mood"),
])
def test_urgent_signs_in_words_nobody_here_wrote(nlp, text, finding):
    assert finding in counted(nlp, text)


@pytest.mark.parametrize("text", [
    "I feel a bit odd asking this but can I drink wine after IVIG?",
    "I feel funny about needles, can I have numbing cream?",
    "something's wrong with the app, it won't load my appointment",
    "I'm pregnant, will IVIG affect my vision?",
    "my kid drank some mouthwash, is that ok?",
    "I've got a mouth ulcer but I can eat and drink fine",
    "can't keep a plaster on my arm after the drip",
    "I fell over last week and my knee is bruised",
    "my blood sugar has been low this week",
    "the pump battery is low",
    "I'm down to my last vial, can I order more?",
    "I need to lie down after the infusion",
])
def test_the_same_words_without_the_sign_are_not_escalated(nlp, text):
    assert routed(nlp, text) not in ("report_severe_reaction", "report_urgent_symptom",
                                      "report_crisis")


@pytest.mark.parametrize("text", [
    "I feel really strange and not right, help",
    "honestly feel so wrong since the drip started, please help",
    "I've been so low and I just feel really awful, help",
])
def test_feeling_off_or_low_never_outweighs_an_emergency_reading(nlp, text):
    # It names nothing: the classifier's emergency for the rest of the message stands.
    assert routed(nlp, text, intent="report_severe_reaction") == "report_severe_reaction"


def test_feeling_off_beside_a_named_complaint_is_that_complaint(nlp):
    # "tired and a bit off": the tiredness explains it; no care-team call for it.
    assert counted(nlp, "I just feel tired and a bit off today, no fever") == ["fatigue"]


def test_fever_with_a_stiff_neck_is_an_emergency_without_fever_urgent(nlp):
    assert routed(nlp, "fever of 39 with a stiff neck and a pounding headache") == \
        "report_severe_reaction"
    assert routed(nlp, "bad headache and a stiff neck, no fever") == "report_urgent_symptom"


def test_an_aching_arm_alone_is_an_ache_not_a_heart_attack(nlp):
    assert "heart_attack_signs" not in counted(nlp, "my arm aches from carrying the shopping")
    assert routed(nlp, "my arm aches from carrying the shopping",
                  intent="report_mild_reaction") == "report_mild_reaction"


def test_a_fever_with_sepsis_signs_is_an_emergency(nlp):
    assert "sepsis_signs" in counted(nlp, "fever and I'm cold and clammy, heart racing")


def test_a_baby_under_three_months_with_any_fever_is_an_emergency(nlp):
    assert routed(nlp, "my 6 week old is hot to the touch, 38.1") == "report_severe_reaction"
    assert "infant_fever" not in counted(nlp, "my 8 month old has a temperature of 38.1")


@pytest.mark.parametrize("text", [
    "it stings every time I pee",
    "my 4 year old has had bloody diarrhoea for a week",
    "coughing up thick green phlegm since Tuesday",
    "a red hot patch on my shin that is spreading",
    "painful band of blisters around my side, might be shingles",
    "sore throat and a fever of 38.5",
])
def test_infections_with_weak_immunity_go_to_the_care_team(nlp, text):
    assert routed(nlp, text) == "report_urgent_symptom"


@pytest.mark.parametrize("text", [
    "I've got a stuffy nose and I keep sneezing",
    "bit of a sore throat, no temperature",
    "I have a mouth ulcer",
    "pulled a muscle in my back moving boxes",
    "I've been constipated for a day",
])
def test_self_limited_complaints_are_screened_not_escalated(nlp, text):
    assert routed(nlp, text) == "report_mild_reaction"


@pytest.mark.parametrize("text", [
    "my big toe has gone numb and tingly",
    "I found a lump under my arm",
    "my knee is swollen and sore",
])
def test_a_symptom_nobody_listed_is_screened_then_passed_on(nlp, text):
    findings = findings_from_doc(nlp(text))
    assert routed(nlp, text) == "report_mild_reaction"
    assert any(f.screen_first and f.counts for f in findings)


def test_only_denied_danger_signs_are_not_an_emergency(nlp):
    text = "No, my breathing is fine and my lips aren't swollen"
    assert routed(nlp, text, intent="report_severe_reaction") == "deny"
    question = "my aunt had a seizure years ago, can I still have ivig?"
    assert routed(nlp, question, intent="report_severe_reaction") == "ask_about_ivig"


def test_a_severe_intent_with_no_findings_at_all_still_escalates(nlp):
    assert routed(nlp, "something is really wrong help", intent="report_severe_reaction") == \
        "report_severe_reaction"


@pytest.mark.parametrize("text, intent", [
    ("a little", "affirm"), ("kinda", "affirm"), ("nope", "deny"), ("not sure", "affirm"),
])
def test_short_answers_reach_the_screening_as_answers(nlp, text, intent):
    assert routed(nlp, text, intent="out_of_scope") == intent


def test_a_past_finding_that_is_back_counts(nlp):
    text = "I had chest pain last year and now I have it again since this morning"
    assert "chest_pain" in counted(nlp, text)
    assert "chest_pain" not in counted(nlp, "I had chest pain last year, is IVIG ok for me?")


def test_a_temperature_reading_decides_over_the_word_temp(nlp):
    assert routed(nlp, "no fever, temp 37.2, just a runny nose") == "report_mild_reaction"
    assert routed(nlp, "temp 38.6 and a runny nose") == "report_urgent_symptom"


def test_durations_that_are_too_long_go_to_the_care_team(nlp):
    assert "lasting_infection" in counted(nlp, "this cold has been hanging around for 12 days")
    assert "lasting_diarrhoea" in counted(nlp, "had the runs for 3 days now")
    assert "lasting_infection" not in counted(nlp, "I've had a cold for 3 days")


def test_a_stiff_neck_in_a_child_is_an_emergency(nlp):
    assert "child_meningitis_signs" in counted(nlp, "my 4 year old has a stiff neck")
    assert "child_meningitis_signs" not in counted(nlp, "I have a stiff neck")


def test_a_rash_spreading_up_the_arms_is_not_chest_pain_travelling(nlp):
    assert "heart_attack_signs" not in counted(nlp, "the rash is spreading up my arms")
    assert routed(nlp, "my chest hurts and it's spreading to my jaw") == "report_severe_reaction"


def test_a_report_the_classifier_took_for_yes_or_no_is_screened(nlp):
    assert routed(nlp, "my big toe has gone numb and tingly", intent="deny") == \
        "report_mild_reaction"
    assert routed(nlp, "no, just tired", intent="deny") == "deny"


def test_an_urgent_sounding_no_without_any_symptom_is_a_no(nlp):
    assert routed(nlp, "no, I'm keeping water down fine", intent="report_urgent_symptom") == "deny"
    assert routed(nlp, "no, but now I'm peeing blood", intent="report_urgent_symptom") == \
        "report_urgent_symptom"


def test_no_phrase_belongs_to_two_findings():
    from collections import Counter

    from clinical.lexicon import FINDINGS

    counts = Counter(phrase for finding in FINDINGS for phrase in finding.phrases)
    assert [phrase for phrase, count in counts.items() if count > 1] == []


def test_a_spanish_baby_under_three_months_with_fever_is_an_emergency():
    from components.red_flag_detector import route_other_language

    intent, _ = route_other_language("es", "mi bebé de 6 semanas tiene 38.5 de calentura")
    assert intent == "report_severe_reaction"
    intent, _ = route_other_language("es", "mi hijo de 8 meses tiene 38.5 de calentura")
    assert intent == "other_language"


def test_a_recurrence_that_is_denied_does_not_revive_a_past_finding(nlp):
    text = ("had wheezing during my very first infusion two years ago, they slowed it and "
            "it never happened again. today just a slight headache")
    assert "wheezing" not in counted(nlp, text)


def test_a_reading_below_the_threshold_is_screened_not_escalated(nlp):
    assert routed(nlp, "temperature 37.9 C, im immunocompromised, otherwise ok",
                  intent="report_urgent_symptom") == "report_mild_reaction"
    assert routed(nlp, "temperature 38.4 C", intent="report_urgent_symptom") == \
        "report_urgent_symptom"


def test_an_unknown_symptom_the_classifier_calls_severe_gets_the_danger_questions(nlp):
    assert routed(nlp, "my foot feels weird and tingly", intent="report_severe_reaction") == \
        "report_mild_reaction"
    assert routed(nlp, "something is really wrong help", intent="report_severe_reaction") == \
        "report_severe_reaction"


@pytest.mark.parametrize("text, finding", [
    ("my daughter's eye is pink and gunky since this morning", "eye_infection"),
    ("my ear has been itchy and leaking a bit since swimming", "ear_discharge"),
    ("some bright red blood on the toilet paper after I go", "rectal_bleeding"),
    ("I think it's thrush but I've never had it", "genital_infection"),
])
def test_eye_ear_genital_and_bowel_infections_go_to_the_care_team(nlp, text, finding):
    assert finding in counted(nlp, text)
    assert routed(nlp, text, intent="report_mild_reaction") == "report_urgent_symptom"


@pytest.mark.parametrize("text", [
    "I keep thinking my family would be fine if I just wasn't around anymore",
    "been stockpiling my oxy for a while and tonight feels like the night",
    "my teenager told me she has been cutting her arms",
    # A plan, the means, goodbyes, searches, slang (988's warning signs), in new words.
    "I bought a rope today and I know where I'm going to do it",
    "I've started giving my things away to friends",
    "been googling painless ways to go",
    "I'm not going to be around much longer, I've made sure of that",
    "honestly I just want to go to sleep and not wake up",
    "i'm going to off myself",
    "I've got the razor blades out again",
    "the voices are telling me to hurt myself",
    "my husband took a bunch of my oxycodone on purpose",
    # Warning signs whose words vary (PATTERNS), said inside questions too.
    "what's the point of these treatments when I don't even want to be here",
    "I've started giving my stuff away, I just want it to be over",
    "I'm parked by the bridge. I just wanted to tell someone",
    "my dad's gun is in the closet and I keep thinking about using it on myself",
    "swallowed about 20 of my oxy and some wine",
    "I have thoughts of killing him and it scares me",
    "honestly it'd be easier if I just didn't wake up tomorrow",
    "I've worked out how I'd do it and when",
    "been collecting my sleeping pills for weeks",
    "honestly I might just top myself",
    # Means gathered with a word between, a wish to be left to die, goodbyes with the
    # means, fear of oneself.
    "I've been keeping back my sleeping tablets for a few weeks now",
    "maybe I should skip the treatment and let this illness finish me",
    "please just let me die",
    "my brother has a gun and sent us all a goodbye message",
    "I'm afraid I'm going to hurt myself tonight",
    "I'm frightened of what I might do to myself",
    "my partner's at work and I don't feel safe on my own right now",
    "I'm scared I might harm myself",
    "I've saved up a month of my seroquel",
    "been hiding some of my pain tablets from my wife for weeks",
])
def test_a_crisis_in_words_the_phrases_do_not_hold(nlp, text):
    assert routed(nlp, text) == "report_crisis"


@pytest.mark.parametrize("text", [
    "saving my pills for the weekend trip, is that ok before ivig?",
    "I'm cutting up vegetables for dinner, can I eat before my infusion?",
    "I wrote letters to my kids' teachers, when is my next infusion?",
    "my husband bought a rifle for hunting season, he's on IVIG too",
    "I don't want to be here all day, how long is the infusion?",
    "I'm giving my dog away to my sister while I'm in hospital",
    "I took all my pills this morning like normal",
    "I'm parked by the main entrance, where do I go?",
    "what should I do if my son says he wants to kill himself?",
    "I know how to do it, the nurse showed me how to self-infuse",
    "I know how I'm going to do it at home with the pump",
    "I have a plan for my infusion day: snacks, a book and lots of water",
    "googling what IVIG is made of",
    "I'm collecting my meds from the pharmacy after work",
    "been saving my pills for the flight home, can I take them late?",
    "I'm afraid I'll hurt myself lifting the heavy pump bag",
    "I don't feel safe driving home after the infusion, can someone take me?",
    "let the nurse know the rash is gone",
    "saved up some of my pills for the trip, should I take them at the usual time?",
])
def test_errands_are_not_a_crisis(nlp, text):
    assert routed(nlp, text) != "report_crisis"


@pytest.mark.parametrize("text, finding", [
    # The words a clinician or a discharge letter uses, for the same concepts.
    ("he has stridor and is drooling", "breathing_difficulty"),
    ("my lips look cyanotic", "blue_lips"),
    ("the doctor said it was hemoptysis", "coughing_blood"),
    ("I have angioedema of my tongue", "face_swelling"),
    ("dyspnea at rest since the infusion", "breathing_difficulty"),
    ("altered mental status in my dad", "confusion"),
    ("she is very sleepy and hard to rouse", "confusion"),
    ("oliguria since yesterday", "low_urine"),
    ("possible DVT in my left leg", "clot_signs"),
])
def test_medical_terms_name_the_same_findings_as_lay_words(nlp, text, finding):
    assert finding in counted(nlp, text)


def test_febrile_is_a_fever_and_with_nuchal_rigidity_an_emergency(nlp):
    assert "meningitis_emergency" in counted(nlp, "febrile with nuchal rigidity")


@pytest.mark.parametrize("text", [
    "I have a UTI and now I'm shaking so hard and my heart is racing",
    "my cellulitis is spreading and I feel clammy",
])
def test_an_infection_with_a_sign_of_sepsis_is_an_emergency_without_a_fever(nlp, text):
    assert "sepsis_signs" in counted(nlp, text)


def test_an_infection_alone_stays_urgent(nlp):
    assert "sepsis_signs" not in counted(nlp, "I think I have a UTI, it burns when I pee")


@pytest.mark.parametrize("text", [
    "I took 30 of my sleeping pills an hour ago",
    "she swallowed like twenty tablets",
    "I have pills lined up and I'm ready",
])
def test_many_pills_at_once_is_an_overdose(nlp, text):
    assert routed(nlp, text) == "report_crisis"


@pytest.mark.parametrize("text", [
    "I took 2 tylenol for the headache",
    "I take 10 mg of prednisone",
    "I took 12 hours to recover last time",
])
def test_a_dose_is_not_an_overdose(nlp, text):
    assert "overdose" not in counted(nlp, text)


def test_a_child_who_swallowed_someone_elses_medicine_is_poisoned(nlp):
    assert "poisoning" in counted(nlp, "My toddler swallowed some of grandma's pills")
    assert "poisoning" not in counted(nlp, "my son took his vitamins this morning")


@pytest.mark.parametrize("text", [
    "I've been thinking about ending things",
    "I'm done with life",
    "my husband says he'd be better off gone",
    "My teenager has been cutting",
])
def test_crisis_said_indirectly_is_a_crisis(nlp, text):
    assert routed(nlp, text) == "report_crisis"


@pytest.mark.parametrize("text", [
    "I could sleep forever after my infusion",
    "I'm done with my infusion for today",
    "my daughter is cutting her hair",
    "is it normal to feel really cold during the infusion?",
])
def test_ordinary_words_near_crisis_or_sepsis_words_stay_ordinary(nlp, text):
    assert not {"suicidal_thoughts", "self_harm", "overdose", "sepsis_signs",
                "shaking_chills"} & set(counted(nlp, text))


@pytest.mark.parametrize("text, intent", [
    ("bored to death in the infusion chair", "report_severe_reaction"),
    ("dying to get out of this chair and get a burger", "report_severe_reaction"),
    ("my heart skipped a beat when I saw what the parking costs lol", "report_urgent_symptom"),
])
def test_a_figure_of_speech_alone_is_not_a_report(nlp, text, intent):
    assert routed(nlp, text, intent) == "out_of_scope"


def test_a_question_after_a_figure_of_speech_is_answered(nlp):
    text = "I'm dying to know, can I go for a run tomorrow?"
    assert routed(nlp, text, "report_severe_reaction") == "ask_about_ivig"


def test_a_real_danger_sign_beside_a_figure_of_speech_still_counts(nlp):
    text = "bored to death in this chair and now I can't breathe"
    assert routed(nlp, text, "report_severe_reaction") == "report_severe_reaction"


@pytest.mark.parametrize("text", [
    "hay fever is awful this week, itchy eyes and sneezing all day",
    "this headache is killing me",
])
def test_a_severe_tone_with_only_mild_symptoms_gets_the_danger_questions(nlp, text):
    assert routed(nlp, text, "report_severe_reaction") == "report_mild_reaction"


@pytest.mark.parametrize("text, finding", [
    ("Generalised urticaria with presyncope post infusion", "hives_with_faintness"),
    ("nosebleed wont stop, been pinching it for 40 minutes", "severe_bleeding"),
    ("I can't feel the right side of my face", "stroke_signs"),
    ("my daughter has awful tummy pain, she's doubled over", "severe_belly_pain"),
    ("the arm they used for the IV is swollen and achy all the way up and feels warm",
     "clot_signs"),
    ("heart going 130 just sitting still watching tv", "racing_heart"),
    ("my 2 month old had her IVIG today and she feels a bit warm", "infant_fever"),
    ("my head is throbbing a little, I'd say 3 out of 10", "headache"),
])
def test_concepts_in_words_the_phrases_did_not_hold(nlp, text, finding):
    assert finding in counted(nlp, text)


def test_a_rash_spreading_over_the_chest_is_not_chest_pain_travelling(nlp):
    found = counted(nlp, "rash started on my arms and now it's spreading over my chest")
    assert "heart_attack_signs" not in found and "spreading_rash" in found


def test_a_typo_does_not_add_letters_to_a_pair_word(nlp):
    text = "a drop of blood on the plaster when I peeled it off, stopped straight away"
    assert "low_urine" not in counted(nlp, text)


def test_a_bare_decimal_between_37_5_and_43_is_read_as_celsius(nlp):
    assert "high_fever" in counted(nlp, "just rechecked it, it's 38.3 now")
    assert "high_fever" in counted(nlp, "38,2")
    assert "high_fever" not in counted(nlp, "she weighs 38.5 kg")


def test_asking_what_a_sign_feels_like_is_a_question_not_a_report(nlp):
    assert "clot_signs" not in counted(nlp, "what would a blood clot from IVIG feel like?")
    assert "clot_signs" in counted(nlp, "my calf feels like it has a clot, it's swollen")


def test_a_low_home_oximeter_reading_is_the_breathing_emergency(nlp):
    assert "breathing_difficulty" in counted(nlp, "sats dropping to 89 on my finger probe")
    assert "breathing_difficulty" in counted(nlp, "o2 sat 86")
    assert "breathing_difficulty" not in counted(nlp, "my pulse ox says 97%")


@pytest.mark.parametrize("text, finding", [
    ("the telly brightness hurts, pounding head", "meningitis_signs"),
    ("everything went woozy and my legs just gave way", "sudden_weakness"),
    ("burning up and I'm all confused, keep losing track", "confusion"),
    ("ear's killing me and I've got a fever", "infection_with_fever"),
    ("I can barely wake her and she drifts off again while I'm talking", "confusion"),
    ("I couldn't remember my own address at the pharmacy counter", "confusion"),
    ("39 degrees, says his neck hurts when he looks down", "meningitis_emergency"),
])
def test_signs_in_everyday_words(nlp, text, finding):
    assert finding in counted(nlp, text)


def test_feeling_down_is_not_a_stiff_neck(nlp):
    assert counted(nlp, "I'm feeling a bit down, my neck is fine") == []


def test_danger_signs_named_only_to_say_they_are_fine_are_a_no(nlp):
    assert routed(nlp, "idk, i think im breathing ok, no chest stuff",
                  intent="report_severe_reaction") == "deny"
    # With no all-clear words, a severe intent with no findings still escalates.
    assert routed(nlp, "something is really wrong help",
                  intent="report_severe_reaction") == "report_severe_reaction"


def test_drinking_fluids_as_advised_is_not_a_poisoning(nlp):
    assert counted(nlp, "drank lots of fluid today like they said") == []


def test_common_words_are_not_read_as_typos_of_danger_words(nlp):
    # "think" is one letter from "thick" (a throat closing); a real word is what it says.
    assert counted(nlp, "slightly sore throat, I think from talking so much") == ["sore_throat"]


def test_sore_calves_after_exercise_are_not_a_clot_but_a_swollen_one_is(nlp):
    assert "clot_signs" not in counted(nlp, "my calves are sore after my first run in ages")
    assert "clot_signs" in counted(nlp, "my calf is swollen and warm")


def test_a_rash_that_does_not_fade_is_the_sign_and_one_that_fades_is_not(nlp):
    assert "non_blanching_rash" in counted(
        nlp, "fever and spots on his legs that don't go away when I press a glass on them")
    assert "non_blanching_rash" in counted(nlp, "the rash is still there when I push on it")
    assert "non_blanching_rash" not in counted(nlp, "the rash fades when I press it")


def test_out_of_it_with_a_fever_is_a_sepsis_sign_and_alone_is_screened(nlp):
    assert "sepsis_signs" in counted(nlp, "he's burning up, 39.5, and he's really out of it")
    assert counted(nlp, "feeling a bit foggy after my infusion") == ["foggy"]
    assert counted(nlp, "I'm a bit confused about when my next infusion is") == []


@pytest.mark.parametrize("text", [
    "his speech keeps coming out all jumbled since lunch",
    "my left hand won't do what I want it to",
    "her right leg suddenly won't move properly",
])
def test_stroke_signs_in_words_of_speech_and_a_limb_that_will_not_obey(nlp, text):
    assert "stroke_signs" in counted(nlp, text)


@pytest.mark.parametrize("text, found", [
    ("very SOB after the infusion", True),
    ("feeling sob and wheezy", True),
    ("I sob in the car after every appointment", False),
])
def test_sob_is_short_of_breath_only_where_it_reads_as_a_symptom(nlp, text, found):
    assert ("breathing_difficulty" in counted(nlp, text)) is found


def test_a_red_warm_face_is_flushing_to_screen_not_an_unknown_symptom(nlp):
    assert counted(nlp, "my cheeks went pink and hot halfway through the drip") == ["flushing"]


@pytest.mark.parametrize("text", [
    "she had a seizure as an infant and none since",
    "he had a febrile seizure as a toddler and has been fine since",
])
def test_an_episode_as_a_child_is_history(nlp, text):
    findings = findings_from_doc(nlp(text))
    assert [f.name for f in findings] == ["seizure"]
    assert not findings[0].counts


# --- Dev set 6's kinds, in wordings of our own (the dev sentences themselves stay in the
# dev set): each rule with a counter-test that keeps ordinary words ordinary.

@pytest.mark.parametrize("text", [
    # a way to die pictured or meant
    "all week I've been imagining walking out in front of a bus",
    "she says she'll throw herself off the car park roof tonight",
    "I keep thinking about driving my car into a tree on the motorway",
    # hurting oneself on purpose, whatever the means; the reason people give
    "I scalded my hand with the kettle deliberately",
    "my son has fresh cuts all over his forearms",
    "she's been doing it to herself with a razor for weeks",
    "I punish myself when I mess up, it's just to feel something",
    # last words, goodbye with sorrow, affairs in order with a readiness to go
    "please tell my mum I love her and I'm sorry for everything",
    "this is the last time you'll hear from me",
    "he sent a goodbye text an hour ago and now he won't answer his phone",
    "made my will and rehomed the cat, I'm ready to go",
    # a method looked up; a lethal amount asked for
    "my daughter's search history has how to kill yourself in it",
    "how many of my sleeping tablets is a deadly dose",
    # a whole pack, a count of one's own, all at once, set out ready
    "he necked a full box of my co-codamol",
    "I swallowed around 40 of my quetiapine",
    "tonight I'm going to take all my tablets in one go",
    "I've got the whole lot of my meds lined up on the bedside table",
    # someone at a height, saying it
    "my brother is sitting on the bridge railing and won't come down",
])
def test_a_crisis_in_the_words_of_dev_set_6s_kinds(nlp, text):
    assert routed(nlp, text) == "report_crisis"


@pytest.mark.parametrize("text", [
    "I'd rather die than sit through another 6 hour infusion",
    "shoot me now, the pump has beeped ten times",
    "these forms will drive me to an early grave",
    "I burnt the toast on purpose, I like it crispy",
    "can I take all my pills together with breakfast?",
    "I took 2 of my paracetamol for the headache",
    "I wrote my will last year, does IVIG affect travel insurance?",
    "my dad walked in front of the camera at the wedding",
    "the nurse lined up the bags of IVIG before the infusion",
])
def test_idioms_and_errands_stay_ordinary_after_dev_set_6(nlp, text):
    assert routed(nlp, text) != "report_crisis"


@pytest.mark.parametrize("text, finding", [
    ("his nosebleed has been going for 40 minutes even with pressure", "severe_bleeding"),
    ("my toddler got into the dishwasher tablets and was chewing one", "poisoning"),
    ("she split her head open on the coffee table", "head_injury"),
    ("my stools have been black for two days and I'm woozy when I get up",
     "bleeding_with_faintness"),
    ("he blacked out for a few seconds, out cold on the kitchen floor", "fainting"),
    ("mum is grey and clammy and keeps clutching her left arm", "heart_attack_signs"),
    ("my wife has a fever and is babbling nonsense", "confusion"),
    ("fever since last night and my knees look mottled", "sepsis_signs"),
    ("38.4 and I'm cold and sweaty at the same time", "sepsis_signs"),
    ("my 6 year old has 39 and cries when I try to touch her chin to her chest",
     "child_meningitis_signs"),
    ("I haven't been able to catch my breath since the infusion", "breathing_difficulty"),
])
def test_general_emergencies_in_dev_set_6s_kinds(nlp, text, finding):
    assert finding in counted(nlp, text)


@pytest.mark.parametrize("text, finding", [
    ("my left calf looks thicker than my other one", "clot_signs"),
    ("only weed twice since yesterday morning", "low_urine"),
    ("haven't had a pee all day even with lots of water", "low_urine"),
    ("she's barely wet a nappy today and won't drink her bottle", "dehydration"),
    ("his soft spot looks a bit sunken to me", "dehydration"),
    ("the throwing up hasn't stopped since breakfast", "persistent_vomiting"),
    ("he hasn't stopped shivering for an hour", "shaking_chills"),
])
def test_urgent_signs_in_dev_set_6s_kinds(nlp, text, finding):
    assert finding in counted(nlp, text)


@pytest.mark.parametrize("text, finding", [
    # A denial with "haven't", and a question about a risk in general
    ("I haven't passed out, just a bit tired after the drip", "fainting"),
    ("is it possible to get a clot from the infusion? asking for my sister", "clot_signs"),
    ("could you get a stroke after immunoglobulin at my age?", "stroke_signs"),
    # An earlier episode ("last time") is history
    ("last time I had my infusion I got a stiff neck, what should I do this time?",
     "meningitis_signs"),
    # An accident or a nosebleed that stopped is no long bleed; one wee at night is normal
    ("I had a nosebleed this morning, it stopped after a few minutes", "severe_bleeding"),
    ("I get up for a wee once a night, is that ok with IVIG?", "low_urine"),
])
def test_denied_asked_or_past_signs_do_not_count(nlp, text, finding):
    assert finding not in counted(nlp, text)


@pytest.mark.parametrize("text, finding", [
    # "hasn't stopped", "hasn't gone away": the sign goes on
    ("the hives haven't gone away and now they're spreading to my back", "spreading_rash"),
    ("my lips swelled up and the swelling hasn't gone down", "face_swelling"),
])
def test_a_sign_that_has_not_gone_away_still_counts(nlp, text, finding):
    assert finding in counted(nlp, text)


@pytest.mark.parametrize("text", [
    "my throat is killing me when I swallow and the thermometer says 38.6",
    "yellow phlegm every time I cough, since Monday",
    "peeing every ten minutes and it burns, temp 100.9",
])
def test_an_infection_the_classifier_called_severe_goes_to_the_care_team(nlp, text):
    # The classifier learned infusion reactions, where "throat" and "cough" are severe;
    # an infection with weak immunity and nothing of an emergency is the care team's.
    assert routed(nlp, text, intent="report_severe_reaction") == "report_urgent_symptom"


@pytest.mark.parametrize("text", [
    "fever of 39 and my throat is closing up",
    "38.5, coughing, and my lips have gone blue",
    "temp 38.9 and I can't stay awake",
    "101.5F and my tongue feels weird",  # an unknown symptom: the safe side
])
def test_an_infection_with_an_emergency_or_unknown_sign_stays_severe(nlp, text):
    assert routed(nlp, text, intent="report_severe_reaction") == "report_severe_reaction"


@pytest.mark.parametrize("text", [
    "awful headache and bright light is unbearable, no temperature",
    "gained 3 kilos in four days and my ankles are puffy",
])
def test_urgent_rows_the_classifier_called_severe_stay_urgent(nlp, text):
    assert routed(nlp, text, intent="report_severe_reaction") == "report_urgent_symptom"


def test_a_neck_gone_stiff_is_a_stiff_neck_not_a_seizure(nlp):
    found = counted(nlp, "my neck has gone stiff and it hurts to look down")
    assert "seizure" not in found and "meningitis_signs" in found
    assert "seizure" in counted(nlp, "she went stiff and her arms started jerking")


def test_an_unlisted_symptom_the_classifier_called_urgent_gets_the_danger_questions(nlp):
    # Screened first (an emergency behind it is asked about); the care team is told after.
    assert routed(nlp, "her knee feels weird since the drip",
                  intent="report_urgent_symptom") == "report_mild_reaction"
    assert routed(nlp, "my pee is dark like cola", intent="report_urgent_symptom") \
        == "report_urgent_symptom"


def test_a_fever_alone_does_not_overrule_a_severe_reading(nlp):
    # Only a temperature was recognised: the rest of the message may be the emergency.
    assert routed(nlp, "39.4 and he's making a strange grunting noise with each breath",
                  intent="report_severe_reaction") == "report_severe_reaction"
    assert "breathing_difficulty" in counted(nlp, "she's breathing about 40 breaths a minute")


@pytest.mark.parametrize("text, finding", [
    ("my throat is killing me, feels like glass", "sore_throat"),
    ("ugh my back is killing me from that chair", "muscle_strain"),
])
def test_a_body_part_that_is_killing_me_is_a_pain_report(nlp, text, finding):
    assert finding in counted(nlp, text)
    assert routed(nlp, "this wait is killing me") != "report_mild_reaction"


def test_coloured_snot_for_more_than_ten_days_goes_to_the_care_team(nlp):
    assert "lasting_infection" in counted(nlp, "thick yellow snot and sore cheekbones for 2 weeks")
    assert "lasting_infection" not in counted(nlp, "bit of green snot since Tuesday")


@pytest.mark.parametrize("text", [
    "sorry, I have to say goodbye now, my ride is here",
    "sad to say goodbye to my favourite nurse, sorry she's leaving",
    "tell my wife I love her new haircut",
])
def test_polite_goodbyes_and_messages_of_love_are_not_a_crisis(nlp, text):
    assert routed(nlp, text) != "report_crisis"


@pytest.mark.parametrize("text", [
    "I was stepping off the bus when I felt dizzy",
    "he fell off the roof last spring and broke his wrist",
    "we downed a whole bottle of the good wine at the wedding",
    "the kids ate the whole packet of biscuits",
])
def test_everyday_falls_and_feasts_are_not_a_crisis(nlp, text):
    assert routed(nlp, text) != "report_crisis"


def test_a_whole_pack_of_a_named_medicine_is_an_overdose(nlp):
    assert "overdose" in counted(nlp, "she swallowed a whole packet of paracetamol")


@pytest.mark.parametrize("text, finding", [
    # A denial reaches no further than a reason or a time ("since", "because").
    ("I haven't eaten anything since my tongue swelled up", "face_swelling"),
    ("he hasn't slept because his chest hurts so much", "chest_pain"),
    ("I didn't call sooner because my lips only just went blue", "blue_lips"),
    # A nappy that has not been wet is the sign, not its denial.
    ("my 1 year old hasn't had a wet diaper since breakfast", "dehydration"),
    ("the baby is very floppy and won't wake properly", "floppy_infant"),
])
def test_a_denial_does_not_reach_past_a_reason_or_a_time(nlp, text, finding):
    assert finding in counted(nlp, text)


def test_a_question_about_it_happening_again_is_not_a_recurrence(nlp):
    text = "last time I got a stiff neck after the drip. how do I stop it happening again?"
    assert "meningitis_signs" not in counted(nlp, text)
    assert "meningitis_signs" in counted(nlp, "I had a stiff neck last year and now it's back again")


def test_a_splitting_headache_with_light_sensitivity_is_urgent_not_thunderclap(nlp):
    found = counted(nlp, "my head is splitting and the light hurts my eyes, no fever")
    assert "worst_headache" not in found and "meningitis_signs" in found


def test_a_question_wrapped_in_a_figure_of_speech_is_answered(nlp):
    assert routed(nlp, "I'd rather die than miss my sister's wedding, can I fly after IVIG?",
                  intent="out_of_scope") == "ask_about_ivig"
    assert routed(nlp, "shoot me now, this chair is so uncomfortable",
                  intent="out_of_scope") == "out_of_scope"


@pytest.mark.parametrize("text, finding", [
    # Rules first written too close to one sentence, widened to the concept: a particle
    # before "under", a hyphenated place, no article before the traffic, any gesture at
    # the arm with a cold sweat, nonsense however it is qualified.
    ("he keeps saying he'll lie down under the next train", "suicidal_thoughts"),
    ("she wants to jump off the ten-storey building", "suicidal_thoughts"),
    ("I keep wanting to drive off bridge railings at night", "suicidal_thoughts"),
    ("grandad is sweaty and pale and holding his left arm", "heart_attack_signs"),
    ("39 and my wife is mumbling total gibberish", "confusion"),
])
def test_rules_widened_after_trying_unwritten_wordings(nlp, text, finding):
    assert finding in counted(nlp, text)


def test_a_splitting_head_is_a_headache_not_a_head_injury(nlp):
    assert "head_injury" not in counted(nlp, "my head is splitting since the drip")
    assert "head_injury" in counted(nlp, "he cut his head on the car door and it's pouring")
