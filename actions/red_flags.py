"""The red-flag lexicon: every symptom the assistant looks for, with its triage level.

This is the single reviewed list of findings from the triage table in CLINICAL.md.
The spaCy layer (components/) builds its matchers from it, the triage decision reads
the levels from it, and the answers read the plain labels from it. No Rasa imports here.

Phrases are written in lower case as patients type them; the matcher also compares
lemmas ("swells" ~ "swell"), ignores apostrophes ("cant" ~ "can't") and tolerates typos,
so a phrase needs to be listed once in its plainest form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Tuple

EMERGENCY = "emergency"
URGENT = "urgent"
SELF_CARE = "self_care"


@dataclass(frozen=True)
class Finding:
    """One symptom the assistant recognises."""

    name: str
    level: str
    label: str  # plain words used in replies, e.g. "throat swelling"
    phrases: Tuple[str, ...]
    # Self-care symptoms name the screening category whose questions they trigger.
    category: Optional[str] = None
    # Word pairs that mean the finding when they stand close together in one clause,
    # in any order ("my upper lip is getting big and puffy"): (body words, describing
    # words), matched on lower-case forms and lemmas.
    near: Tuple["Near", ...] = ()


@dataclass(frozen=True)
class Near:
    body: FrozenSet[str]
    describing: FrozenSet[str]
    window: int = 6  # at most this many tokens apart


def pair(body: str, describing: str, window: int = 6) -> Near:
    """A `near` rule from two space-separated word lists."""
    return Near(frozenset(body.split()), frozenset(describing.split()), window)


FINDINGS: Tuple[Finding, ...] = (
    # --- emergency: call 911 now -------------------------------------------------
    Finding("breathing_difficulty", EMERGENCY, "trouble breathing", (
        "can't breathe", "cannot breathe", "can't catch my breath", "not able to breathe",
        "unable to breathe", "hard to breathe", "struggling to breathe", "trouble breathing",
        "difficulty breathing", "difficulty to breathe", "short of breath",
        "shortness of breath", "out of breath", "gasping for air", "gasping",
        "breathing is hard", "breathing is difficult", "can't get air", "can't get enough air",
        "choking", "suffocating", "breathless", "can hardly breathe", "barely breathe",
        "not breathing", "stopped breathing",
    ), near=(pair("breathe breathing breath air", "hard harder trouble difficult difficulty struggle struggling short gasp gasping barely hardly labored laboured"),)),
    Finding("throat_swelling", EMERGENCY, "throat swelling or tightness", (
        "throat swelling", "throat is swelling", "throat swell", "swollen throat",
        "throat is closing", "throat closing", "throat feels tight", "throat tight",
        "tight throat", "throat tightness", "throat is tight", "closing throat",
        "throat closing up", "hard to swallow", "can't swallow", "trouble swallowing",
    ), near=(pair("throat", "swell swelling swollen tight tightness tighten closing close closed puffy thick"),)),
    Finding("face_swelling", EMERGENCY, "swelling of the lips, tongue or face", (
        "tongue swelling", "tongue is swelling", "swollen tongue", "tongue swell",
        "lip swelling", "lips swelling", "swollen lips", "swollen lip", "lips swell",
        "lips are swelling", "lips puffed up", "face swelling", "swollen face",
        "face is swelling", "face swell", "eyes swelling shut", "mouth swelling",
    ), near=(pair("lip lips tongue face mouth eyelid eyelids", "swell swelling swollen puffy puff big huge fat thick balloon blown"),)),
    Finding("wheezing", EMERGENCY, "wheezing", ("wheezing", "wheeze", "wheezy", "whistling breath")),
    Finding("hives_with_faintness", EMERGENCY, "hives with feeling faint", ()),
    Finding("chest_pain", EMERGENCY, "chest pain or pressure", (
        "chest pain", "chest pressure", "chest tightness", "tight chest", "chest is tight",
        "chest hurts", "chest hurting", "pain in my chest", "pain in chest",
        "pressure in my chest", "pressure on my chest", "crushing chest", "chest feels heavy",
        "heavy chest", "elephant on my chest", "chest ache", "chest discomfort",
    ), near=(pair("chest", "pain painful hurt hurts hurting tight tightness pressure heavy ache aching crushing squeeze squeezing burning"),)),
    Finding("coughing_blood", EMERGENCY, "coughing up blood", (
        "coughing blood", "coughing up blood", "cough up blood", "blood when i cough",
        "spitting blood", "bloody cough",
    )),
    Finding("stroke_signs", EMERGENCY, "signs of a stroke (face drooping, slurred speech, one-sided weakness)", (
        "face drooping", "face droop", "face is drooping", "drooping face", "droopy face",
        "mouth drooping", "slurred speech", "slurring", "speech is slurred",
        "talking funny", "can't talk", "trouble speaking", "can't speak",
        "one side weak", "weak on one side", "weakness on one side", "one sided weakness",
        "one-sided weakness", "numb on one side", "one side numb", "numbness on one side",
        "one side of my body", "one side of his body", "one side of her body",
        "can't move my arm", "can't move my leg", "arm went numb and weak",
    ), near=(pair("face mouth smile", "droop drooping droopy crooked lopsided sagging"),
             pair("speech words talk talking speak speaking", "slurred slurring slurry garbled jumbled"),
             pair("side", "numb numbness weak weakness paralyzed limp"))),
    Finding("vision_loss", EMERGENCY, "sudden loss of vision", (
        "suddenly can't see", "can't see anything", "can't see out of", "lost my vision", "lost vision", "vision loss", "sudden vision loss",
        "went blind", "blind in one eye", "vision went black", "vision went dark",
        "loss of vision", "vision is gone",
    )),
    Finding("worst_headache", EMERGENCY, "a sudden, worst-ever headache", (
        "worst headache", "worst headache of my life", "worst headache ever", "head exploded", "head is exploding",
        "thunderclap headache", "sudden severe headache", "headache like never before",
        "worst pain of my life in my head",
    ), near=(pair("head headache", "worst exploded exploding explode thunderclap", window=10),)),
    Finding("fainting", EMERGENCY, "fainting or collapse", (
        "fainted", "fainting", "passed out", "passing out", "pass out",
        "collapsed", "collapse", "blacked out", "black out", "lost consciousness",
        "unconscious", "keeled over",
    )),
    Finding("seizure", EMERGENCY, "a seizure", (
        "seizure", "seizures", "seizing", "had a fit", "having a fit", "convulsion",
        "convulsions", "convulsing", "shaking fit",
    )),
    Finding("confusion", EMERGENCY, "being very confused or hard to wake", (
        "hard to wake", "can't wake", "won't wake up", "wont wake up", "not waking up",
        "very confused", "really confused", "he is confused", "she is confused", "seems confused", "acting confused",
        "so confused", "getting confused", "confusion", "disoriented",
        "not making sense", "doesn't know where", "unresponsive", "not responding",
        "doesn't know what year", "doesn't know what day", "doesn't recognize", "talking nonsense",
    )),
    Finding("blue_lips", EMERGENCY, "blue lips or skin", (
        "blue lips", "lips are blue", "lips turning blue", "lips look blue", "turning blue",
        "lips going blue", "bluish lips", "grey lips",
    )),
    # --- urgent: the care team needs to know today -------------------------------
    Finding("low_urine", URGENT, "peeing very little or not at all", (
        "no urine", "not peeing", "haven't peed", "havent peed", "can't pee", "not urinating",
        "barely peeing", "hardly peeing", "little urine", "peeing very little",
        "very little urine", "not passing urine", "no pee", "stopped peeing",
        "haven't urinated", "peeing less",
    ), near=(pair("pee peeing urine urinate urinating wee", "barely hardly little less stopped nothing"),)),
    Finding("dark_urine", URGENT, "dark, cola-colored or brown urine", (
        "dark urine", "dark pee", "brown urine", "brown pee", "cola urine", "cola colored urine",
        "cola-colored urine", "urine is dark", "pee is dark", "pee is brown", "urine is brown",
        "tea colored urine", "coke colored pee", "pee looks like cola", "urine looks like cola",
    ), near=(pair("pee urine wee piss", "dark darker brown cola coke tea black"),)),
    Finding("blood_in_urine", URGENT, "blood in the urine", (
        "blood in urine", "blood in my urine", "blood in my pee", "bloody urine", "bloody pee",
        "red urine", "pink urine", "pee is red", "urine is red", "peeing blood",
    ), near=(pair("pee urine wee", "blood bloody red pink"),)),
    Finding("fluid_weight_gain", URGENT, "rapid weight gain with swollen legs or ankles", (
        "swollen ankles", "ankles are swollen", "ankles swelling", "ankle swelling",
        "swollen legs", "legs are swollen", "legs swelling", "feet swelling", "swollen feet",
        "gained weight fast", "rapid weight gain", "sudden weight gain", "puffy legs",
        "puffy ankles", "put on weight fast", "weight gain",
    ), near=(pair("ankle ankles leg legs foot feet", "swollen swelling swell puffy"),)),
    Finding("clot_signs", URGENT, "a swollen, painful or warm calf or arm", (
        "swollen calf", "calf is swollen", "calf pain", "calf hurts", "painful calf",
        "warm calf", "calf is warm", "calf swelling", "leg is swollen and warm",
        "swollen painful leg", "arm is swollen and warm", "arm swollen and painful",
        "blood clot", "clot in my leg",
    ), near=(pair("calf calves", "swollen swelling swell warm hot painful pain sore tender red"),)),
    Finding("meningitis_signs", URGENT, "headache with a stiff neck or light hurting the eyes", (
        "stiff neck", "neck is stiff", "neck stiffness", "can't bend my neck",
        "light hurts my eyes", "light hurts", "sensitive to light", "light sensitivity",
        "hurts to look at light", "bright light hurts", "photophobia",
    ), near=(pair("neck", "stiff stiffness"), pair("light lights brightness sunlight", "hurt hurts sensitive bother bothers painful unbearable"))),
    Finding("jaundice", URGENT, "yellow skin or eyes", (
        "yellow skin", "yellow eyes", "skin is yellow", "eyes are yellow", "eyes look yellow",
        "skin looks yellow", "jaundice", "jaundiced", "turning yellow", "whites of my eyes are yellow",
    ), near=(pair("skin eye eyes", "yellow yellowish"),)),
    Finding("high_fever", URGENT, "a fever of 100.4 F (38 C) or more, or fever with shaking", (
        "high fever", "high temperature", "burning up", "shaking chills", "rigors",
        "shaking with fever", "fever and shaking", "uncontrollable shaking", "very high fever",
    )),
    Finding("spreading_rash", URGENT, "a spreading or blistering rash, or hives", (
        "spreading rash", "rash is spreading", "rash spreading", "blistering rash",
        "blisters", "blistering", "skin peeling", "peeling skin", "rash all over",
        "rash everywhere", "hives", "welts",
    ), near=(pair("rash spots bumps", "spread spreading spreads blister blisters blistering peeling"),)),
    Finding("site_infection", URGENT, "an IV site that is red, hot and swollen, with pus or red streaks", (
        "pus", "red streaks", "red streak", "streaks going up my arm", "oozing",
        "iv site is infected", "infected", "infection at the iv site", "site is hot and swollen",
    )),
    Finding("persistent_vomiting", URGENT, "vomiting that won't stop", (
        "can't stop vomiting", "can't stop throwing up", "vomiting nonstop", "keep throwing up",
        "keep vomiting", "keeps vomiting", "keeps throwing up", "throwing up all day",
        "vomiting all day", "vomited many times", "can't keep anything down",
        "cant keep water down", "can't keep fluids down", "non stop vomiting",
        "vomiting won't stop",
    ), near=(pair("vomit vomiting puke puking throw throwing", "stop nonstop keep keeps constantly"),)),
    Finding("racing_heart", URGENT, "a racing or pounding heart at rest", (
        "heart racing", "racing heart", "heart is racing", "heart pounding", "pounding heart",
        "heart is pounding", "heart beating fast", "heart beating really fast", "palpitations",
        "fast heartbeat", "heart rate is high", "heart is fluttering", "heart skipping",
    ), near=(pair("heart pulse heartbeat", "racing race pounding pound fast rapid fluttering thumping"),)),
    Finding("worsening", URGENT, "side effects getting worse instead of better", (
        "getting worse", "keeps getting worse", "worse and worse", "worse than yesterday",
        "not getting better", "getting worse not better", "worse every hour", "getting worst",
        "more bad every day", "way worse",
    ), near=(pair("worse", "getting keep keeps every more"),)),
    # --- self care: common, usually mild side effects ------------------------------
    Finding("headache", SELF_CARE, "headache", (
        "headache", "head ache", "head hurts", "head is pounding", "head is killing me",
        "migraine", "head pain", "pounding head", "my head aches",
    ), category="headache"),
    Finding("fever", SELF_CARE, "a low temperature", (
        "fever", "feverish", "temperature", "temp", "low grade fever", "slight fever",
        "running a fever", "hot and cold",
    ), category="fever"),
    Finding("chills", SELF_CARE, "chills", (
        "chills", "chilly", "shivering", "shivery", "cold sweats", "feel cold",
    ), category="chills"),
    Finding("fatigue", SELF_CARE, "tiredness", (
        "tired", "exhausted", "fatigue", "fatigued", "worn out", "wiped out", "drained",
        "no energy", "low energy", "sleepy", "run down", "rundown", "wiped",
    ), category="fatigue"),
    Finding("aches", SELF_CARE, "muscle or joint aches", (
        "muscle aches", "muscle ache", "body aches", "body ache", "achy", "aching",
        "joint pain", "joints hurt", "sore muscles", "back pain", "back ache", "backache",
        "muscles hurt", "aches", "sore all over",
    ), category="aches"),
    Finding("nausea", SELF_CARE, "nausea", (
        "nausea", "nauseous", "nauseated", "queasy", "sick to my stomach", "feel sick",
        "upset stomach", "vomited", "threw up", "throw up", "vomit", "vomiting",
    ), category="nausea"),
    Finding("flushing", SELF_CARE, "flushing", (
        "flushed", "flushing", "flush", "face is red", "face is hot", "red face", "warm face",
        "feel warm", "hot flash", "hot flashes",
    ), category="flushing"),
    Finding("site_soreness", SELF_CARE, "soreness or a bruise where the needle went in", (
        "bruise", "bruised", "bruising", "sore arm", "arm is sore", "arm hurts",
        "needle site", "iv site", "where the needle", "injection site", "site is sore",
        "sore where", "tender arm",
    ), category="site"),
    Finding("mild_rash", SELF_CARE, "a small rash or itching", (
        "rash", "itchy", "itching", "itch", "red spots", "red patch", "bumps",
    ), category="rash"),
    Finding("dizziness", SELF_CARE, "feeling dizzy or lightheaded", (
        "dizzy", "dizziness", "faint", "feel faint", "feeling faint", "lightheaded", "light headed", "woozy", "wobbly", "off balance",
    ), category="general"),
    Finding("unwell", SELF_CARE, "feeling unwell", (
        "feel unwell", "feeling unwell", "feel off", "feeling off", "not feeling well",
        "under the weather", "feel awful", "feel terrible", "feel crappy", "feel like crap",
    ), category="general"),
)

FINDINGS_BY_NAME: Dict[str, Finding] = {finding.name: finding for finding in FINDINGS}

# Temperatures at or above these count as the urgent fever of the triage table (most
# people on IVIG have a weakened immune system); lower ones are a mild temperature.
FEVER_THRESHOLD_F = 100.4
FEVER_THRESHOLD_C = 38.0

# Hives with faintness is an emergency although hives alone is urgent and dizziness
# alone is mild: the combination is a sign of anaphylaxis.
COMBINATIONS: Tuple[Tuple[frozenset, str], ...] = (
    (frozenset({"spreading_rash", "dizziness"}), "hives_with_faintness"),
    (frozenset({"spreading_rash", "fainting"}), "hives_with_faintness"),
    # A headache with a stiff neck or light sensitivity is already urgent on its own
    # (meningitis_signs); nothing to combine.
)


def finding_label(name: str) -> str:
    """Plain words for a finding, or the name itself for an unknown one."""
    finding = FINDINGS_BY_NAME.get(name)
    return finding.label if finding else name.replace("_", " ")
