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
- `symptom`: the screening category of a present mild symptom (headache, fever...).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Text

# Importing the pipeline module registers its spaCy factories and negspaCy's "negex"
# before SpacyNLP loads the saved pipeline.
from components import spacy_pipeline
from components.message_guard import TRUNCATED
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
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

from actions.red_flags import COMBINATIONS, EMERGENCY, FINDINGS_BY_NAME, SELF_CARE, URGENT
from actions.triage import (
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
TOO_LONG_INTENT = "message_too_long"
ESCALATING_INTENTS = frozenset({INTENT_FOR_LEVEL[EMERGENCY], INTENT_FOR_LEVEL[URGENT]})
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
    findings.extend(_rash_spreading_again(doc, findings))
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


def entities_for(findings: List[DetectedFinding]) -> List[Dict[str, Any]]:
    """Rasa entities for the findings that matter to the conversation."""
    entities: List[Dict[str, Any]] = []
    seen = set()
    for finding in findings:
        if finding.counts and finding.level in (EMERGENCY, URGENT):
            entity, value = RED_FLAG_ENTITY, finding.name
        elif finding.assertion == spacy_pipeline.HYPOTHETICAL and finding.level != SELF_CARE:
            entity, value = RED_FLAG_QUESTION_ENTITY, finding.name
        elif finding.counts and finding.level == SELF_CARE:
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


def route_intent(intent: Optional[str], findings: List[DetectedFinding]) -> Optional[str]:
    """The intent the rules should see, given the classifier's intent and the findings."""
    present = [f for f in findings if f.counts]
    red_flags = [f.name for f in present if f.level in (EMERGENCY, URGENT)]
    level = decide_triage_level(None, red_flags)
    if level in (EMERGENCY, URGENT):
        # A counted red flag wins over anything the classifier said, unless the
        # classifier put the turn higher and nothing of that level was ruled out
        # ("light hurts my eyes, no chest pain" stays urgent).
        denied = {f.level for f in findings if not f.counts}
        if decide_triage_level(intent) != EMERGENCY or EMERGENCY in denied:
            return INTENT_FOR_LEVEL[level]
        return intent
    mild = [f for f in present if f.level == SELF_CARE]
    # Words that looked serious but were denied, in the past, or asked about.
    ruled_out = any(not f.counts for f in findings)
    asked_about = any(f.assertion in QUESTION_ASSERTIONS and f.level != SELF_CARE
                      for f in findings)
    if intent in SYMPTOM_INTENTS - {INTENT_MILD} and ruled_out:
        # "no chest pain, just a headache" / "I didn't faint, just worn out"
        if mild:
            return INTENT_MILD
        if asked_about:
            return ANSWER_INTENT
    if asked_about and (intent in SYMPTOM_INTENTS or intent in MILD_OVERRIDABLE_INTENTS):
        return ANSWER_INTENT
    if mild and intent in MILD_OVERRIDABLE_INTENTS:
        return INTENT_MILD
    if intent in QUESTION_INTENTS and any(
            f.experiencer != "unknown" or not f.in_question for f in mild):
        # "I'm tired and have a headache after my first IVIG, is this normal?" and
        # "headache after infusion, not too bad" are reports to screen, not questions.
        return INTENT_MILD
    return intent


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
        if doc is None or not message.get(TEXT):
            return
        findings = findings_from_doc(doc)
        if findings:
            message.set(ENTITIES, message.get(ENTITIES, []) + entities_for(findings),
                        add_to_output=True)
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        routed = route_intent(intent, findings) if findings else intent
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


