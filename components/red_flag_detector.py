"""Rasa NLU component: red-flag findings from the spaCy layer become entities and route the turn.

It runs after the intent classifiers. For each message it reads the spaCy doc that
`SpacyNLP` made with the project's pipeline (components/spacy_pipeline.py), keeps the
findings that count (present, in the patient or in someone else), adds them as
entities, and, when they make the turn more serious than the classifier thought,
replaces the intent so that the rules for that level fire. A red flag therefore counts
whatever intent the classifier picked, and emergency advice does not wait for a model.

Entities added (extractor "RedFlagDetector"):
- `red_flag`: an emergency or urgent finding, value = finding name;
- `red_flag_question`: a danger sign the patient asks about hypothetically;
- `symptom`: the screening category of a present mild symptom (headache, fever...);
- `language`: the message's language (ISO 639-1; "en" unless clearly another), which
  sets the `patient_language` slot so emergency replies are given in it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Text, Tuple

# Importing the pipeline module registers its spaCy factories and negspaCy's "negex"
# before SpacyNLP loads the saved pipeline.
from components import spacy_pipeline
from components.message_guard import TRUNCATED
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from spacy.tokens import Doc

from clinical.answers import NO, is_short_answer, read_start
from clinical.languages import detect_language, emergency_in, urgent_in
from clinical.languages import warm_up as warm_up_language_detection
from clinical.levels import EMERGENCY, SELF_CARE, URGENT
from clinical.lexicon import (
    COMBINATIONS,
    CRISIS_FINDINGS,
    FINDINGS_BY_NAME,
    URGENT_OVER_SEVERE_INTENT,
)
from clinical.lexicon_general import FIGURES_OF_SPEECH, NAMES_NOTHING
from clinical.lexicon import LASTING_LIMITS_DAYS
from clinical.readings import (
    duration_days,
    is_young_infant,
    names_a_child,
    temperature_answer,
)
from clinical.triage import (
    INTENT_CRISIS,
    INTENT_FOR_LEVEL,
    INTENT_MILD,
    QUESTION_INTENTS,
    SYMPTOM_INTENTS,
    decide_triage_level,
)

logger = logging.getLogger(__name__)

RED_FLAG_ENTITY = "red_flag"
RED_FLAG_QUESTION_ENTITY = "red_flag_question"
SYMPTOM_ENTITY = "symptom"
EXTRACTOR = "RedFlagDetector"

# Intents a mild symptom may override: small talk and "didn't understand". Yes/no
# answers stay as they are, since they answer screening questions.
MILD_OVERRIDABLE_INTENTS = frozenset(
    {"greet", "goodbye", "thank", "bot_challenge", "out_of_scope", "nlu_fallback", "request_human"}
)
ANSWER_INTENT = "ask_about_ivig"
OUT_OF_SCOPE_INTENT = "out_of_scope"
TOO_LONG_INTENT = "message_too_long"
ESCALATING_INTENTS = frozenset({INTENT_FOR_LEVEL[EMERGENCY], INTENT_FOR_LEVEL[URGENT],
                                INTENT_CRISIS, "other_language"})
LANGUAGE_ENTITY = "language"
OTHER_LANGUAGE_INTENT = "other_language"
ENGLISH = "en"
QUESTION_ASSERTIONS = frozenset({spacy_pipeline.HYPOTHETICAL, spacy_pipeline.GENERAL_QUESTION})


@dataclass(frozen=True)
class DetectedFinding:
    name: str
    level: str
    assertion: str
    experiencer: str
    start: int
    end: int
    text: str
    in_question: bool = False

    @property
    def counts(self) -> bool:
        return self.assertion == spacy_pipeline.PRESENT

    @property
    def screen_first(self) -> bool:
        """An unlisted symptom: screened like a mild one, then passed to the care team."""
        finding = FINDINGS_BY_NAME.get(self.name)
        return bool(finding and finding.screen_first)

    @property
    def is_red_flag(self) -> bool:
        """An emergency or urgent finding that escalates at once."""
        return self.level in (EMERGENCY, URGENT) and not self.screen_first

    @property
    def category_is_fever(self) -> bool:
        finding = FINDINGS_BY_NAME.get(self.name)
        return bool(finding and finding.category in ("fever", "chills"))

    @property
    def is_screened(self) -> bool:
        """A mild or unlisted symptom: the screening questions come first."""
        return self.level == SELF_CARE or self.screen_first


def findings_from_doc(doc: Doc) -> List[DetectedFinding]:
    """Every lexicon finding in the doc with its context, plus combined findings."""
    findings = [
        DetectedFinding(
            name=span.label_,
            level=FINDINGS_BY_NAME[span.label_].level,
            assertion=span._.assertion,
            experiencer=span._.experiencer,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            in_question=span._.in_question,
        )
        for span in doc.ents
        if span.label_ in FINDINGS_BY_NAME
    ]
    findings = _without_explained_unlisted(findings, doc)
    findings = _without_rash_travelling(findings, doc)
    findings = _without_figures_of_speech(findings, doc.text)
    findings = _reading_decides_fever(findings)
    findings = _recurred(doc, findings)
    findings.extend(_rash_spreading_again(doc, findings))
    findings.extend(_infant_fever(doc, findings))
    findings.extend(_lasting(doc, findings))
    findings.extend(_child_stiff_neck(doc, findings))
    for assertion in (spacy_pipeline.PRESENT, spacy_pipeline.HYPOTHETICAL):
        names = {f.name for f in findings if f.assertion == assertion}
        for parts, combined in COMBINATIONS:
            if parts <= names:
                first = min((f for f in findings if f.name in parts), key=lambda f: f.start)
                last = max((f for f in findings if f.name in parts), key=lambda f: f.end)
                findings.append(DetectedFinding(
                    combined, FINDINGS_BY_NAME[combined].level, assertion,
                    first.experiencer, first.start, last.end, doc.text[first.start:last.end],
                ))
    return findings


_FIGURES = re.compile("|".join(FIGURES_OF_SPEECH), re.IGNORECASE)


def figures_of_speech(text: str) -> List[Tuple[int, int]]:
    """Where the text uses danger words figuratively ("bored to death"), as char ranges."""
    return [(m.start(), m.end()) for m in _FIGURES.finditer(text)]


def _without_figures_of_speech(findings: List[DetectedFinding], text: str
                               ) -> List[DetectedFinding]:
    """"my heart skipped a beat when I saw the bill": a finding inside a figure of speech
    does not count."""
    figures = figures_of_speech(text)
    if not figures:
        return findings
    return [f for f in findings
            if not any(start < f.end and f.start < end for start, end in figures)]


_SKIN_WORDS = re.compile(r"\b(?:rash|hives|spots|bumps|welts|blotches|redness|itch\w*)\b",
                         re.IGNORECASE)


def _without_rash_travelling(findings: List[DetectedFinding], doc: Doc
                             ) -> List[DetectedFinding]:
    """"the rash is spreading over my chest and back": what travels is the rash, not
    chest pain; the heart-attack pair (chest ... spreading) does not count in a sentence
    about the skin."""
    def about_the_skin(finding: DetectedFinding) -> bool:
        span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
        return span is not None and bool(_SKIN_WORDS.search(span.sent.text))

    return [f for f in findings
            if not (f.name == "heart_attack_signs" and about_the_skin(f))]


_SPREADING_AGAIN = re.compile(
    r"\b(?:it'?s|it is|they'?re|they are|this time it|now it)\s+(?:\w+\s+)?"
    r"(?:spreading|spread|blistering|peeling)\b", re.IGNORECASE)


def _rash_spreading_again(doc: Doc, findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """"I had a small rash that went away, but this time it's spreading": the rash is
    named in a past clause, the spreading in a present one, so neither match alone sees it."""
    if not any(f.name in ("mild_rash", "spreading_rash") for f in findings):
        return []
    found = []
    for match in _SPREADING_AGAIN.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or re.search(r"\b(?:not|no|never)\b|n't", span.text.lower()):
            continue
        assertion, experiencer = spacy_pipeline.classify_context(span)
        if assertion == spacy_pipeline.PRESENT:
            found.append(DetectedFinding("spreading_rash", URGENT, assertion, experiencer,
                                         span.start_char, span.end_char, span.text))
    return found


_FEVERS = frozenset({"fever", "high_fever", "chills", "shaking_chills"})


def _infant_fever(doc: Doc, findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """A baby younger than 3 months with any fever: an emergency (AAP), whatever the reading."""
    fevers = [f for f in findings if f.name in _FEVERS and f.counts]
    if not fevers or not is_young_infant(doc.text):
        return []
    first = fevers[0]
    return [DetectedFinding("infant_fever", EMERGENCY, first.assertion, "other",
                            first.start, first.end, first.text)]


def _derived(name: str, source: DetectedFinding, experiencer: Optional[str] = None
             ) -> DetectedFinding:
    return DetectedFinding(name, FINDINGS_BY_NAME[name].level, source.assertion,
                           experiencer or source.experiencer, source.start, source.end,
                           source.text)


# A temperature, high or not: it says how unwell, not what is wrong, so it explains no
# body part and overrules no severe reading on its own.
_FEVER_READINGS = frozenset({"fever", "high_fever", "low_temperature"})
# Intents for a message the classifier could not place: a question wrapped in a figure of
# speech ("I'd rather die than miss the match, will I be ok to go?") is still a question.
_UNREAD_INTENTS = frozenset({OUT_OF_SCOPE_INTENT, DEFAULT_NLU_FALLBACK_INTENT_NAME})


def _without_explained_unlisted(findings: List[DetectedFinding], doc: Doc
                                ) -> List[DetectedFinding]:
    """Body words with a word of trouble ("my back is sore") are an unlisted symptom only
    when nothing the lexicon names is said in the same sentence ("pulled a muscle in my
    back, sore"): a recognised complaint explains them. A fever explains no body part
    ("38.5 and my tongue feels weird" keeps the tongue)."""
    named = [f for f in findings if f.counts and not f.screen_first
             and f.name not in _FEVER_READINGS]
    if not named:
        return findings
    sentences = {doc.char_span(f.start, f.end, alignment_mode="expand").sent.start
                 for f in named}
    return [f for f in findings if not (
        f.screen_first
        and doc.char_span(f.start, f.end, alignment_mode="expand").sent.start in sentences)]


_TEMPERATURE_WORDS = frozenset({"temp", "temperature", "thermometer"})


def _reading_decides_fever(findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """"temp 37.2": the word "temp" is no fever when the reading next to it says how high."""
    if not any(f.name in ("low_temperature", "high_fever") for f in findings):
        return findings
    return [f for f in findings
            if not (f.name == "fever" and f.text.lower().strip() in _TEMPERATURE_WORDS)]


_AGAIN = re.compile(r"\b(?:again|back again|(?:it'?s|it is|they'?re|they are) back|came back|"
                    r"come back|returned|is back|recurring)\b", re.IGNORECASE)
# "it never happened again": a denial of the recurrence; "how do I stop it happening
# again?", "what if it comes back": a question about one to come
_NOT_AGAIN = re.compile(r"\b(?:never|not|no|n't|nt|stop|prevent|avoid|if|in case|will|"
                        r"would|could|might)\b[^,.;]{0,25}$", re.IGNORECASE)


def _recurred(doc: Doc, findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """"I had chest pain last year and now I have it again": a past finding that the
    patient says is back counts as present."""
    if not _AGAIN.search(doc.text):
        return findings
    again_at = [m.start() for m in _AGAIN.finditer(doc.text)
                if not _NOT_AGAIN.search(doc.text[max(0, m.start() - 40):m.start()])]
    return [
        DetectedFinding(f.name, f.level, spacy_pipeline.PRESENT, f.experiencer, f.start,
                        f.end, f.text, f.in_question)
        if f.assertion == spacy_pipeline.HISTORICAL and any(a > f.end for a in again_at)
        else f
        for f in findings
    ]


def _lasting(doc: Doc, findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """A complaint that has lasted too long ("a cold for 12 days", "the runs for 3 days")."""
    days = duration_days(doc.text)
    if days is None:
        return []
    found = []
    for names, limit, lasting in LASTING_LIMITS_DAYS:
        source = next((f for f in findings if f.counts and f.name in names), None)
        if source is not None and days > limit:
            found.append(_derived(lasting, source))
    return found


def _child_stiff_neck(doc: Doc, findings: List[DetectedFinding]) -> List[DetectedFinding]:
    """A stiff neck in a child a parent writes about is an emergency (CLINICAL.md)."""
    neck = next((f for f in findings if f.counts and f.name == "meningitis_signs"), None)
    if neck is None or not names_a_child(doc.text):
        return []
    return [_derived("child_meningitis_signs", neck, "other")]


def entities_for(findings: List[DetectedFinding]) -> List[Dict[str, Any]]:
    """Rasa entities for the findings that matter to the conversation."""
    entities: List[Dict[str, Any]] = []
    seen = set()
    for finding in findings:
        if finding.counts and finding.is_red_flag:
            entity, value = RED_FLAG_ENTITY, finding.name
        elif finding.assertion == spacy_pipeline.HYPOTHETICAL and finding.is_red_flag:
            entity, value = RED_FLAG_QUESTION_ENTITY, finding.name
        elif finding.counts and finding.is_screened:
            entity, value = SYMPTOM_ENTITY, FINDINGS_BY_NAME[finding.name].category
        else:
            continue
        if (entity, value) in seen:
            continue
        seen.add((entity, value))
        entities.append({
            "entity": entity,
            "value": value,
            "start": finding.start,
            "end": finding.end,
            "confidence_entity": 1.0,
            "extractor": EXTRACTOR,
            # Kept for staff and the eval: who has the symptom ("patient"/"other").
            "role": None,
            "experiencer": finding.experiencer,
            "level": finding.level,
        })
    return entities


def _entity(entity: str, value: str, start: int = 0, end: int = 0, **extra: Any) -> Dict[str, Any]:
    return {"entity": entity, "value": value, "start": start, "end": end,
            "confidence_entity": 1.0, "extractor": EXTRACTOR, **extra}


# The other-language lexicon names a few signs differently from the English one.
_SIGN_ALIASES = {"lip_or_tongue_swelling": "face_swelling"}


def route_other_language(language: str, text: str) -> Tuple[str, List[Dict[str, Any]]]:
    """Intent and entities for a message the English layer cannot read.

    An emergency named in the language's own words (Spanish fully, the other common
    languages for the main signs) gets the 911 advice in that language; anything else
    is told, in that language, to call 911 in an emergency, and the care team calls back
    (as an urgent escalation when the message names an urgent row in its language).
    """
    sign = emergency_in(language, text)  # a baby under 3 months with a fever included
    if sign is None:
        # An urgent row said in the patient's language (a fever of 38 C or more in a
        # weak immune system included): the same reply, but the care team hears it as
        # urgent.
        urgent = urgent_in(language, text)
        if urgent is None:
            return OTHER_LANGUAGE_INTENT, []
        return OTHER_LANGUAGE_INTENT, [_entity(RED_FLAG_ENTITY, urgent, level=URGENT)]
    if sign == "crisis" or sign in CRISIS_FINDINGS:
        return INTENT_CRISIS, [_entity(RED_FLAG_ENTITY, "suicidal_thoughts", level=EMERGENCY)]
    name = _SIGN_ALIASES.get(sign, sign)
    return INTENT_FOR_LEVEL[EMERGENCY], [_entity(RED_FLAG_ENTITY, name, level=EMERGENCY)]


# Intents a short answer ("a little", "nope", "not sure") may replace: it answers a
# screening question, whatever the classifier made of two words.
ANSWER_OVERRIDABLE_INTENTS = MILD_OVERRIDABLE_INTENTS | SYMPTOM_INTENTS | QUESTION_INTENTS


def route_intent(intent: Optional[str], findings: List[DetectedFinding],
                 text: str = "") -> Optional[str]:
    """The intent the rules should see, given the classifier's intent and the findings."""
    present = [f for f in findings if f.counts]
    if any(f.name in CRISIS_FINDINGS and (f.counts or _crisis_in_a_question(f, text))
           for f in findings):
        return INTENT_CRISIS
    red_flags = [f.name for f in present if f.is_red_flag]
    level = decide_triage_level(None, red_flags)
    if level in (EMERGENCY, URGENT):
        # A counted red flag wins over anything the classifier said, unless the
        # classifier put the turn higher and nothing of that level was ruled out
        # ("light hurts my eyes, no chest pain" stays urgent).
        denied = {f.level for f in findings if not f.counts}
        if decide_triage_level(intent) != EMERGENCY or EMERGENCY in denied:
            return INTENT_FOR_LEVEL[level]
        if level == URGENT and all(f.name in URGENT_OVER_SEVERE_INTENT
                                   or (f.level == SELF_CARE and not f.screen_first)
                                   for f in present) \
                and any(f.name not in _FEVER_READINGS for f in present):
            # An infection and its fever, a headache with light sensitivity, and nothing
            # of an emergency ("my throat is raw and I'm running 101F", "green phlegm for
            # 3 days"): the care team today (clinical/lexicon.py). A temperature alone
            # explains nothing ("panting, temp 39.2"): the classifier's severe stands.
            return INTENT_FOR_LEVEL[URGENT]
        return intent
    mild = [f for f in present if f.is_screened]
    if present and (
            (intent == INTENT_FOR_LEVEL[EMERGENCY] and all(f.is_screened for f in present)
             and not all(f.name in NAMES_NOTHING for f in present))
            or (intent == INTENT_FOR_LEVEL[URGENT] and all(f.screen_first for f in present))):
        # Only mild or unknown symptoms ("hay fever is awful this week", "my foot feels
        # weird and tingly", "his tummy feels funny"), whatever the classifier made of the
        # tone: the danger questions come first, so an emergency behind them is found,
        # then self-care or the care team (an unlisted symptom is urgent once screened;
        # CLINICAL.md, scope). A recognised mild complaint the classifier called urgent
        # stays urgent: the questions would not ask about every urgent sign.
        return INTENT_MILD
    if not present and intent in SYMPTOM_INTENTS | _UNREAD_INTENTS and figures_of_speech(text):
        # "bored to death in this chair", "I'm dying to know, can I run tomorrow?": no
        # symptom, only a figure of speech; a question is answered as one.
        return ANSWER_INTENT if spacy_pipeline.is_question(text) else OUT_OF_SCOPE_INTENT
    if not present and intent == INTENT_FOR_LEVEL[EMERGENCY] and _ALL_CLEAR.search(text):
        # "idk, i think im breathing ok, no chest stuff": the danger signs are named only
        # to say they are not there, and nothing else is reported: an answer, no.
        return "deny"
    if not present and intent == INTENT_FOR_LEVEL[URGENT]:
        # "no, I'm keeping water down fine" and "it was 99.5 this morning" answer the
        # screening and name no symptom. (An emergency intent with no findings still
        # escalates: when unsure, escalate.)
        if read_start(text) == NO:
            return "deny"
        if temperature_answer(text) is not None:
            return "affirm"
    if (not present and intent in ANSWER_OVERRIDABLE_INTENTS and len(text.split()) <= 8
            and temperature_answer(text) is not None):
        # "38.2", "it's 99.8 F now": a reading that answers the temperature question.
        return "affirm"
    if not mild and is_short_answer(text) and intent in ANSWER_OVERRIDABLE_INTENTS:
        # "a little", "nope", "not sure": an answer, read by the screening form.
        return "deny" if read_start(text) == NO else "affirm"
    # Words that looked serious but were denied, in the past, or asked about.
    ruled_out = any(not f.counts for f in findings)
    asked_about = any(f.assertion in QUESTION_ASSERTIONS and f.is_red_flag for f in findings)
    if intent in SYMPTOM_INTENTS - {INTENT_MILD} and ruled_out:
        # "no chest pain, just a headache" / "I didn't faint, just worn out"
        if mild:
            return INTENT_MILD
        if asked_about or spacy_pipeline.is_question(text):
            return ANSWER_INTENT
        # Only denied or past danger signs: not an emergency. "No, my breathing is fine
        # and my lips aren't swollen" answers a question; anything else is screened, or
        # stays urgent (an urgent intent costs a call back, not a 911 call).
        if read_start(text) == NO:
            return "deny"
        return INTENT_MILD if intent != INTENT_FOR_LEVEL[URGENT] else intent
    if asked_about and (intent in SYMPTOM_INTENTS or intent in MILD_OVERRIDABLE_INTENTS):
        return ANSWER_INTENT
    if mild and intent in MILD_OVERRIDABLE_INTENTS:
        return INTENT_MILD
    if (intent == INTENT_FOR_LEVEL[URGENT] and not ruled_out
            and any(f.name == "low_temperature" for f in mild)
            and all(f.category_is_fever for f in mild)):
        # "temperature 37.9 C, otherwise ok": the reading is below the threshold, and it
        # decides, not the classifier's guess that a temperature is urgent.
        return INTENT_MILD
    if mild and intent in ("affirm", "deny") and text and read_start(text) is None:
        # "my big toe has gone numb" is a report, whatever the classifier made of it;
        # "no, just tired" stays an answer.
        return INTENT_MILD
    if mild and intent in QUESTION_INTENTS and any(
            f.experiencer != "unknown" or not f.in_question or f.screen_first for f in mild):
        # "I'm tired and have a headache after my first IVIG, is this normal?" and
        # "headache after infusion, not too bad" are reports to screen, not questions;
        # a symptom the lexicon does not know is never answered as a question.
        return INTENT_MILD
    return intent


def _crisis_in_a_question(finding: DetectedFinding, text: str) -> bool:
    """"What's the point of these treatments when I don't even want to be here": a crisis
    sign said inside a question is still said; only "what if ..." and "what should I do
    if ..." ask about one."""
    asked = [match.group(0) for match in spacy_pipeline.CONDITIONAL.finditer(text.lower())]
    # Fear of what one might do to oneself ("I'm scared I might hurt myself") is itself a
    # crisis sign, not a question about one.
    return (finding.assertion in QUESTION_ASSERTIONS
            and all(_FEAR_OF_ONESELF.fullmatch(phrase) for phrase in asked))


_FEAR_OF_ONESELF = re.compile(spacy_pipeline.FEAR_OF)


# A danger sign named to say it is fine ("breathing ok", "no chest stuff", "lips are
# normal"): with no finding in the message, a severe-sounding answer is a no.
_ALL_CLEAR = re.compile(
    r"\b(?:breathing|breath|chest|throat|lips?|tongue|face|heart)\b[^.,;!?]{0,20}?"
    r"\b(?:ok|okay|fine|alright|all right|normal|good|grand)\b"
    r"|\bno (?:chest|breathing|throat|swelling|lip|tongue)\b",
    re.IGNORECASE)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
     DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class RedFlagDetector(GraphComponent):
    """Adds red-flag entities from the spaCy layer and routes the intent by them."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # `enabled: false` keeps the component in the graph but makes it a no-op: the
        # ablation in `make eval` uses it to measure what the layer adds.
        return {"enabled": True}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.enabled = bool(config.get("enabled", True))
        if self.enabled:
            # The language models load once, here, not on a patient's first message.
            warm_up_language_detection()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if self.enabled:
                self._process_message(message)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def _process_message(self, message: Message) -> None:
        doc = message.get(SPACY_DOCS[TEXT])
        text = message.get(TEXT) or ""
        if doc is None or not text:
            return
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        language = detect_language(text) or ENGLISH
        if language == ENGLISH:
            findings = findings_from_doc(doc)
            entities = entities_for(findings)
            routed = route_intent(intent, findings, text)
        else:
            routed, entities = route_other_language(language, text)
        entities.append(_entity(LANGUAGE_ENTITY, language))
        message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        if message.get(TRUNCATED) and routed not in ESCALATING_INTENTS:
            # Only the start was read: ask for shorter parts rather than half-answer.
            routed = TOO_LONG_INTENT
        if routed and routed != intent:
            logger.debug("red-flag layer routed intent %s -> %s", intent, routed)
            self._set_intent(message, routed)

    @staticmethod
    def _set_intent(message: Message, intent: str) -> None:
        ranking = [
            item for item in message.get(INTENT_RANKING_KEY, []) or []
            if item.get(INTENT_NAME_KEY) != intent
        ]
        chosen = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)


