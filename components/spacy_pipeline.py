"""The project's spaCy pipeline: red-flag matching with typo tolerance, negation and context.

Built from spaCy's own parts and saved to disk by `python -m components.spacy_pipeline`
(the Makefile runs it before `rasa train`), so Rasa's `SpacyNLP` loads it by path and no
model is ever downloaded. Importing this module registers the two custom factories and
negspaCy's `negex`, which must happen before the saved pipeline is loaded.

Pipeline: sentencizer -> lemmatizer (lookup tables from spacy-lookups-data) ->
ivig_red_flag_matcher (exact, lemma and fuzzy phrase matches, temperatures) ->
negex (negation) -> ivig_context (history, hypothetical questions, other people).
"""


import bisect
import re
import sys
from pathlib import Path
from typing import Container, Dict, Iterable, List, Optional, Tuple

import negspacy.negation  # noqa: F401  (registers the "negex" factory)
import spacy
from negspacy.termsets import termset
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from clinical.lexicon import FINDINGS, FINDINGS_BY_NAME, RACING_PULSE
from clinical.lexicon_general import PATTERNS
from clinical.readings import (
    PULSE,
    TEMPERATURE,
    TEMPERATURE_CUES,
    child_swallowed_medicine,
    low_oxygen_readings,
    overdose_counts,
    temperature_is_high,
)

PIPELINE_DIR = Path(__file__).resolve().parent.parent / "build" / "spacy_ivig"

# Assertion values a finding can get; only "present" findings count for triage.
PRESENT = "present"
NEGATED = "negated"
HISTORICAL = "historical"
HYPOTHETICAL = "hypothetical"
GENERAL_QUESTION = "asked_about"

if not Span.has_extension("assertion"):
    Span.set_extension("assertion", default=PRESENT)
if not Span.has_extension("experiencer"):
    Span.set_extension("experiencer", default="patient")
if not Span.has_extension("in_question"):
    Span.set_extension("in_question", default=False)
# Word pairs with a negative word between or just before them ("my lips aren't swollen"),
# as (start, end) token offsets: kept as denied findings, so a severe-sounding answer with
# only denials is not an emergency.
if not Doc.has_extension("denied_pairs"):
    Doc.set_extension("denied_pairs", default=None)

# Typo tolerance: a window of the message's words matches a phrase when the
# rapidfuzz ratio reaches this score; short phrases are matched exactly only, since
# one wrong letter turns them into other words ("hives"/"hikes").
FUZZY_MIN_SCORE = 88.0
FUZZY_MIN_PHRASE_CHARS = 6
# Single words of word pairs are shorter, so they need a lower score ("slurd"/"slurred").
FUZZY_NEAR_SCORE = 80.0

# A typo never turns "can breathe" into "can't breathe": words that carry a negation
# must be typed as they are.
_NEGATIVE_WORDS = frozenset({"cant", "cannot", "dont", "wont", "isnt", "not", "no", "didnt",
                             "doesnt", "couldnt", "havent", "hasnt", "unable", "never",
                             "n't", "nt"})
_APOSTROPHES = re.compile(r"['’`]")


def _normalise(text: str) -> str:
    return _APOSTROPHES.sub("", text.lower())


_NEAR_VOCABULARY = frozenset(
    word for finding in FINDINGS for rule in finding.near
    for word in rule.body | rule.describing if len(word) >= 4
)
_NEAR_VOCABULARY_LIST = sorted(_NEAR_VOCABULARY)
_LEVEL_RANK = {"self_care": 0, "urgent": 1, "emergency": 2}


def _rank(finding_name: str) -> int:
    """How serious a finding is, for choosing between overlapping matches. An unlisted
    symptom ranks lowest: any finding the lexicon names says more."""
    finding = FINDINGS_BY_NAME.get(finding_name)
    if finding is None:
        return 0
    return -1 if finding.screen_first else _LEVEL_RANK.get(finding.level, 0)


def _plausible_typo(text: str, phrase: str) -> bool:
    """Typos rarely hit a word's first letter, and a short word that differs is another
    word, not a typo: this keeps "i'm confused" from matching "is confused" while
    "thraot" still matches "throat"."""
    words, phrase_words = text.split(), phrase.split()
    return len(words) == len(phrase_words) and all(
        a == b or (a[:1] == b[:1] and len(b) >= 4 and b not in _NEGATIVE_WORDS)
        for a, b in zip(words, phrase_words)
    )


def _temperature_level(value: float, unit: Optional[str]) -> Optional[str]:
    """Return the finding name for a temperature reading, or None if it is not one."""
    high = temperature_is_high(value, unit)
    if high is None:
        return None
    return "high_fever" if high else "low_temperature"


class RedFlagMatcher:
    """Marks every lexicon phrase in a doc as an entity labelled with the finding name."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._norm_matcher: Optional[PhraseMatcher] = None
        self._lemma_matcher: Optional[PhraseMatcher] = None
        self._fuzzy_phrases: List[str] = []
        self._fuzzy_labels: List[str] = []
        self._fuzzy_word_counts: Dict[int, List[int]] = {}
        self._common_words: Container[str] = frozenset()

    def _build(self) -> None:
        # Built lazily: the lemmatizer's tables are only loaded after all components exist.
        self._norm_matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._lemma_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        if self.nlp.vocab.lookups.has_table(COMMON_WORDS_TABLE):
            # A spaCy Table keys by hash: look words up with `in`, never iterate it.
            self._common_words = self.nlp.vocab.lookups.get_table(COMMON_WORDS_TABLE)
        for finding in FINDINGS:
            docs = [self.nlp.make_doc(phrase) for phrase in finding.phrases]
            if not docs:
                continue
            self._norm_matcher.add(finding.name, docs)
            self._lemma_matcher.add(finding.name, [lemmatizer(doc) for doc in docs])
            for phrase in finding.phrases:
                normalised = _normalise(phrase)
                if len(normalised) >= FUZZY_MIN_PHRASE_CHARS:
                    index = len(self._fuzzy_phrases)
                    self._fuzzy_phrases.append(normalised)
                    self._fuzzy_labels.append(finding.name)
                    count = len(normalised.split())
                    self._fuzzy_word_counts.setdefault(count, []).append(index)

    def __call__(self, doc: Doc) -> Doc:
        if self._norm_matcher is None:
            self._build()
        spans: List[Span] = []
        for matcher in (self._norm_matcher, self._lemma_matcher):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=match_id))
        spans.extend(self._fuzzy_spans(doc, spans))
        spans.extend(self._temperature_spans(doc))
        spans = filter_spans(spans)
        # Word pairs come last: the widest net. They fill gaps, and replace phrase matches
        # they overlap only when they mean something more serious ("rash ... spreading").
        near_spans, denied_spans = self._near_spans(doc)
        for near in _most_serious_first(near_spans):
            overlapping = [s for s in spans if s.start < near.end and near.start < s.end]
            if all(_rank(near.label_) > _rank(s.label_) for s in overlapping):
                spans = [s for s in spans if s not in overlapping] + [near]
        # A denied pair only fills a gap: "bleeding that won't stop" is a phrase match.
        denied = set()
        for near in filter_spans(denied_spans):
            if not any(s.start < near.end and near.start < s.end for s in spans):
                spans.append(near)
                denied.add((near.start, near.end))
        doc._.denied_pairs = denied
        doc.ents = sorted(spans, key=lambda span: span.start)
        return doc

    def _near_spans(self, doc: Doc) -> Tuple[List[Span], List[Span]]:
        """Spans where a body word and a describing word of one finding stand close
        together: those that stand as said, and those a negative word denies."""
        found: List[Span] = []
        denied: List[Span] = []
        for sentence in doc.sents:
            forms = [self._forms(token) for token in sentence]
            # A comma does not part a pair: lists describe one thing ("swollen, warm and sore").
            breaks = [token.lower_ != "," and bool(_CLAUSE_BREAK.fullmatch(token.lower_))
                      for token in sentence]
            # Running counts make "is there a clause break / a negative word between
            # these two words" one subtraction, so a long message costs linear time.
            break_count, negative_count = [0], [0]
            for is_break, form in zip(breaks, forms):
                break_count.append(break_count[-1] + is_break)
                negative_count.append(negative_count[-1] + bool(form & _NEGATIVE_WORDS))
            for finding in FINDINGS:
                for rule in finding.near:
                    describing_at = [i for i, f in enumerate(forms) if f & rule.describing]
                    if not describing_at:
                        continue
                    for b, form in enumerate(forms):
                        if not form & rule.body:
                            continue
                        first = bisect.bisect_left(describing_at, b - rule.window)
                        last = bisect.bisect_right(describing_at, b + rule.window)
                        for d in describing_at[first:last]:
                            low, high = min(b, d), max(b, d)
                            # "my throat is not swollen" / "lips aren't swollen, my face..."
                            # is no finding at all
                            negated = negative_count[high] - negative_count[max(0, low - 3)] > 0
                            if b == d or break_count[high + 1] - break_count[low]:
                                continue
                            start = sentence.start + low
                            span = Span(doc, start, sentence.start + high + 1,
                                        label=finding.name)
                            (denied if negated else found).append(span)
        return found, denied

    def _forms(self, token) -> set:
        """The ways a token can match a word-pair word: as written, lemma, and the pair
        word it is a plausible typo of ("tounge" -> "tongue", "slurd" -> "slurred")."""
        forms = {token.lower_, token.lemma_.lower(), _normalise(token.text)}
        word = token.lower_
        # Common words ("should", "while") are typed as they are; a typo of a pair word
        # keeps its length within one letter ("tounge" ~ "tongue", not "bring" ~ "burning").
        # A common English word is what it says ("think" is not a typo of "thick").
        if (len(word) >= 5 and not token.is_stop and not forms & _NEAR_VOCABULARY
                and word not in self._common_words):
            match = process.extractOne(word, _NEAR_VOCABULARY_LIST, scorer=fuzz.ratio,
                                       score_cutoff=FUZZY_NEAR_SCORE)
            # Typed words drop letters more often than they add them: "slurd" is
            # "slurred", but "peeled" is not "peed".
            if match and match[0][:1] == word[:1] and -1 <= len(match[0]) - len(word) <= 2:
                forms.add(match[0])
        return forms

    def _fuzzy_spans(self, doc: Doc, exact: Iterable[Span]) -> List[Span]:
        covered = set()
        for span in exact:
            covered.update(range(span.start_char, span.end_char))
        # doc.text is rebuilt from the tokens on every access: read it once, or this
        # loop becomes quadratic in the message's length.
        text = doc.text
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        found: List[Span] = []
        for count, indices in self._fuzzy_word_counts.items():
            windows: List[Tuple[int, int]] = [
                (words[i][0], words[i + count - 1][1]) for i in range(len(words) - count + 1)
            ]
            windows = [w for w in windows if not covered.intersection(range(w[0], w[1]))]
            if not windows:
                continue
            texts = [_normalise(text[a:b]).strip(".,!?;:()\"") for a, b in windows]
            phrases = [self._fuzzy_phrases[i] for i in indices]
            scores = process.cdist(texts, phrases, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
            for row, (start, end) in enumerate(windows):
                best = int(scores[row].argmax())
                if scores[row][best] <= 0 or not _plausible_typo(texts[row], phrases[best]):
                    continue
                span = doc.char_span(start, end, label=self._fuzzy_labels[indices[best]],
                                     alignment_mode="expand")
                if span is not None:
                    found.append(span)
        return found

    @staticmethod
    def _temperature_spans(doc: Doc) -> List[Span]:
        """Findings read from numbers and patterns: temperature readings (fever or high
        fever), fast resting pulse readings, pill counts and a child who swallowed medicine."""
        lowered = doc.text.lower()
        found: List[Span] = []
        for match in PULSE.finditer(doc.text):
            value = int(match.group(1) or match.group(2))
            if value >= RACING_PULSE:
                span = doc.char_span(match.start(), match.end(), label="racing_heart",
                                     alignment_mode="expand")
                if span is not None:
                    found.append(span)
        for match in TEMPERATURE.finditer(doc.text):
            value = float(match.group(1).replace(",", "."))
            unit = match.group(2)
            window = lowered[max(0, match.start() - 40): match.end() + 20]
            if not unit and not any(cue in window for cue in TEMPERATURE_CUES) \
                    and not _looks_like_celsius(match.group(1), doc.text[match.end():]):
                continue
            name = _temperature_level(value, unit)
            if name is None:
                continue
            span = doc.char_span(match.start(), match.end(), label=name, alignment_mode="expand")
            if span is not None:
                found.append(span)
        # Signs whose wordings vary too much for phrases (clinical/lexicon_general.py PATTERNS).
        for name, pattern in _PATTERNS:
            for match in pattern.finditer(doc.text):
                span = doc.char_span(match.start(), match.end(), label=name,
                                     alignment_mode="expand")
                if span is not None:
                    found.append(span)
        # Counts of pills taken at once, and a child who swallowed medicine.
        for name, ranges in (("overdose", overdose_counts(doc.text)),
                             ("breathing_difficulty", low_oxygen_readings(doc.text)),
                             ("poisoning", child_swallowed_medicine(doc.text))):
            for start, end in ranges:
                span = doc.char_span(start, end, label=name, alignment_mode="expand")
                if span is not None:
                    found.append(span)
        return found


_PATTERNS = tuple((name, re.compile(pattern, re.IGNORECASE))
                         for name, pattern in PATTERNS)


def _most_serious_first(spans: List[Span]) -> List[Span]:
    """Pair spans that do not overlap, the more serious finding winning an overlap (then
    the longer): "finger and the bleeding" (a symptom to check) must not hide "bleeding
    just keeps" (bleeding that will not stop)."""
    kept: List[Span] = []
    for span in sorted(spans, key=lambda s: (-_rank(s.label_), -(s.end - s.start), s.start)):
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


# A number followed by one of these is a measure of something else ("38.5 kg").
_OTHER_UNIT = re.compile(r"\s*(?:kg|kgs|kilo|lb|lbs|pound|mg|ml|mcg|g|%|cm|mm|min|hour|hr|"
                         r"hours|weeks|years|bpm|mmol|miles|km)\b", re.IGNORECASE)


def _looks_like_celsius(number: str, after: str) -> bool:
    """"38.3", "38,2": a number with a decimal between 37.5 and 43 and no other unit is a
    temperature in Celsius however it is introduced ("just rechecked it, it's 38.3 now")."""
    if not re.search(r"[.,]\d", number):
        return False
    value = float(number.replace(",", "."))
    return 37.5 <= value <= 43.0 and not _OTHER_UNIT.match(after)


# --- context: which findings count -------------------------------------------------
# Cues are matched on the lower-cased clause around a finding. A clause ends at a comma
# or a word that turns the sentence ("but", "now"), so "chest pain last year, now I
# can't breathe" keeps the breathing finding present.
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\b(?:but|however|though|although|yet|now|today|tonight|currently|right now|"
    r"and now|this morning|since then|then)\b"
)
_HISTORY_CUES = re.compile(
    r"\b(?:last (?:year|month|spring|summer|fall|winter|christmas)|years? ago|months? ago|"
    r"as (?:a|an) (?:kid|child|baby|toddler|infant|teen|teenager|youngster|little (?:boy|girl|one))|"
    r"when i was (?:a kid|young|little|a child)|used to|"
    # ("hasn't gone away", "never went away": still there)
    r"history of|in the past|in 20\d\d|in 19\d\d|(?<!n't )(?<!not )(?<!never )went away|"
    r"(?<!n't )(?<!not )(?<!never )gone away|"
    # "it has gone" is over; "it has gone numb" has just begun
    r"(?:has|is|are) gone(?=\s*(?:away|now|$|[.,;!?]))|gone now|resolved|no longer|not anymore|all better|cleared up|"
    r"years back|long time ago|childhood|once before|previously had|long gone|last week|"
    # "last time I got an awful one": an earlier infusion ("this is the last time you'll
    # hear from me" is not)
    r"(?:the\s+)?last time (?:i|he|she|they|we|it|round|around)|the time before|"
    r"weeks ago|(?:back )?in (?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|"
    r"when i was (?:pregnant|younger|a teenager|in (?:school|college|hospital))|"
    # "a febrile seizure when he was 1": an age in the past
    r"when (?:i|he|she|they|we) (?:was|were) (?:\d+|one|two|three|a baby|a toddler|a kid|"
    r"little|small|young|a child|an infant|a teen(?:ager)?))\b"
)
# "I'm worried I might have a clot": a fear, read as a question about the sign (but fear
# of what one might do to oneself is itself a crisis sign: red_flag_detector.py).
FEAR_OF = r"(?:worried|afraid|scared) i might"
# "What if my throat swells?": a conditional question, answered with the advice for it.
CONDITIONAL = re.compile(
    r"\b(?:what if|what (?:should|do|would|can) (?:i|we|you|he|she|they) do if|"
    r"what to do if|in case|should i call if|do i call if|when (?:should|do) i call|"
    r"when to call|how (?:do|would|will) i know|" + FEAR_OF + r"|"
    r"what happens if|if (?:i|my|he|she|they|you) ever)\b"
)
# "Can IVIG cause blood clots?": a general question about a risk, answered from the catalogue.
_GENERAL_QUESTION = re.compile(
    r"\b(?:signs? of|symptoms? of|risk of|risks of|chance of|possible to get|"
    r"(?:can|could|does|do|will) (?:ivig|it|the infusion|this|immunoglobulin|treatment) "
    r"(?:cause|make (?:me|you|people|patients))|"
    r"is .{0,30} a (?:common )?side effect|is .{0,30} common|watch out for|look out for|"
    r"how likely|how common|how often do people|"
    # "can you get a stroke from immunoglobulin?"
    r"(?:can|could|do|does) (?:you|people|patients|someone|anyone|one) (?:get|have|develop|"
    r"catch) .{0,30}(?:from|after|because of|with) (?:ivig|it|the infusion|this|"
    r"immunoglobulin|treatment|igg|the drip)|"
    # "what would a blood clot feel like?", "what does a reaction look like?"
    r"what (?:would|does|do|might|will) .{0,40} (?:feel|look) like|how would i know)\b"
)
_WEAK_CONDITIONAL = re.compile(r"\b(?:if|when|whether|ever)\b")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|myself|we|our)\b")
# "When I was pregnant..." starts like a question but is not one, so "when" only counts
# with a question mark.
_QUESTION_START = re.compile(
    r"^\s*(?:what|should|how|is|are|can|could|does|do|will|would|why|which)\b"
    r"|\b(?:what should i do|what do i do|what to do|should i)\b"
)
_OTHER_PERSON = re.compile(
    r"\b(?:my (?:son|daughter|kid|child|baby|boy|girl|husband|wife|partner|mom|mum|mother|"
    r"dad|father|brother|sister|grandma|grandpa|grandmother|grandfather|friend|patient|"
    r"boyfriend|girlfriend|aunt|uncle)|he|she|his|her|him|they)\b"
)


_CLAUSE_REACH = 300


def _clause_of(span: Span) -> str:
    """The part of the span's sentence between the nearest clause breaks around it."""
    sentence = span.sent
    text = sentence.text.lower()
    start = span.start_char - sentence.start_char
    end = span.end_char - sentence.start_char
    # A clause is never longer than this; the bound keeps a long unpunctuated message
    # with many findings from costing time quadratic in its length.
    left = max(0, start - _CLAUSE_REACH)
    for match in _CLAUSE_BREAK.finditer(text, left, start):
        left = match.end()
    right_match = _CLAUSE_BREAK.search(text, end, end + _CLAUSE_REACH)
    right = right_match.start() if right_match else min(len(text), end + _CLAUSE_REACH)
    return text[left:right]


def is_question(sentence: str) -> bool:
    sentence = sentence.lower().strip()
    return sentence.endswith("?") or bool(_QUESTION_START.search(sentence))


def classify_context(span: Span) -> Tuple[str, str]:
    """Return (assertion, experiencer) for one finding span whose negation is known.

    The experiencer is "other" when someone else is named, "patient" when the writer
    speaks of themselves, and "unknown" when neither ("fatigue after ivig, normal?").
    """
    clause = _clause_of(span)
    sentence = span.sent.text.lower().strip()
    if _OTHER_PERSON.search(clause):
        experiencer = "other"
    elif _FIRST_PERSON.search(clause) or _FIRST_PERSON.search(sentence):
        experiencer = "patient"
    else:
        experiencer = "unknown"
    if span._.negex or (span.start, span.end) in (span.doc._.denied_pairs or ()):
        return NEGATED, experiencer
    if _HISTORY_CUES.search(clause):
        return HISTORICAL, experiencer
    if CONDITIONAL.search(clause) or (is_question(sentence) and _WEAK_CONDITIONAL.search(clause)):
        return HYPOTHETICAL, experiencer
    if _GENERAL_QUESTION.search(clause):
        return GENERAL_QUESTION, experiencer
    return PRESENT, experiencer


class ContextAnnotator:
    """Sets `span._.assertion` and `span._.experiencer` on every finding."""

    def __call__(self, doc: Doc) -> Doc:
        for span in doc.ents:
            span._.assertion, span._.experiencer = classify_context(span)
            span._.in_question = is_question(span.sent.text)
        return doc


@Language.factory("ivig_red_flag_matcher")
def create_red_flag_matcher(nlp: Language, name: str) -> RedFlagMatcher:
    return RedFlagMatcher(nlp)


@Language.factory("ivig_context")
def create_context_annotator(nlp: Language, name: str) -> ContextAnnotator:
    return ContextAnnotator()


def negation_termset() -> Dict[str, List[str]]:
    """negspaCy's clinical termset adapted to how patients write.

    "can't", "cannot" and friends describe a symptom here ("can't breathe", "can't stop
    throwing up") rather than deny one, and a new clause ("and my...", "now") ends the
    reach of a "no" so "no fever and my throat is closing" keeps the throat finding.
    """
    terms = termset("en_clinical")
    terms.remove_patterns({"preceding_negations": [
        "cannot", "can't", "cant", "couldn't", "couldnt", "not demonstrate", "versus",
        "doubt", "symptoms atypical",
    ]})
    terms.add_patterns({
        "termination": [",", ";", "and my", "and i", "and now", "and he", "and she",
                        "and it", "and his", "and her", "now", "today", "currently",
                        # a reason or a time starts a new thought: "I haven't eaten
                        # since my throat swelled" does not deny the swelling
                        "because", "since", "cause", "cos", "coz", "cuz", "so", "until",
                        "till", "when", "after", "due to"],
        "preceding_negations": ["no more", "nothing like", "not any", "free of", "zero",
                                # (the clinical termset has "didn't" but not these)
                                "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt",
                                "have not", "has not", "had not", "ain't"],
        # ...which also say a symptom goes on ("it hasn't stopped", "I haven't been able to
        # breathe properly", "the rash hasn't gone away"): not a denial.
        "pseudo_negations": [f"{have} {rest}" for have in ("haven't", "havent", "hasn't",
                                                           "hasnt", "have not", "has not")
                             for rest in ("stopped", "been able", "gone away", "got better",
                                          "gotten better", "improved", "eased", "settled",
                                          "calmed down", "let up", "been right", "felt right",
                                          "gone down", "cleared", "stopped being")],
        "following_negations": ["is gone", "are gone", "went away", "has stopped",
                                # "temp is normal": a reading that denies the fever
                                "is normal", "was normal", "'s normal", "is fine",
                                "is ok", "is okay", "normal"],
    })
    return terms.get_patterns()


# Common English words (spacy-lookups-data's word probabilities), kept in the pipeline's
# vocabulary so the typo tolerance never reads a real word as a misspelt lexicon word.
COMMON_WORDS_TABLE = "ivig_common_words"
COMMON_WORD_MIN_LOG_PROB = -12.0


def common_words() -> List[str]:
    import gzip
    import json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path) as handle:
        probabilities = json.load(handle)
    return sorted(word for word, prob in probabilities.items()
                  if prob >= COMMON_WORD_MIN_LOG_PROB and len(word) >= 5 and word.isalpha())


def build_pipeline() -> Language:
    """Assemble the pipeline from spaCy's own parts; no downloaded weights."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("ivig_red_flag_matcher")
    nlp.add_pipe("negex", config={"neg_termset": negation_termset(), "ent_types": []})
    nlp.add_pipe("ivig_context")
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.vocab.lookups.add_table(COMMON_WORDS_TABLE, {word: 1 for word in common_words()})
    return nlp


def load_pipeline(path: Path = PIPELINE_DIR) -> Language:
    return spacy.load(path)


def main(argv: List[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else PIPELINE_DIR
    nlp = build_pipeline()
    target.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(f"saved spaCy pipeline {nlp.pipe_names} to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
