"""What a patient's answer to a screening question means: yes, no, unsure, or unclear.

Patients answer in their own words ("a little", "nah, breathing's fine", "idk",
"no, it's under 38"). A hedged yes counts as yes for a danger question; "unsure" twice
takes the safe side; a temperature is compared with the threshold. The red-flag layer
reads every answer as well, so a new danger sign in an answer is never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from clinical.readings import temperature_answer

YES = "yes"
NO = "no"
UNSURE = "unsure"
UNCLEAR = "unclear"

# Longest first, so "not really" is read before "really" and "not sure" before "sure".
_UNSURE_STARTS = (
    "i'm not sure", "im not sure", "i am not sure", "not sure", "unsure", "i don't know",
    "i dont know", "idk", "dunno", "don't know", "dont know", "no idea", "hard to say",
    "can't tell", "cant tell", "i can't tell", "not certain", "maybe", "possibly",
    "perhaps", "could be", "i guess", "kind of hard to say",
)
_NO_STARTS = (
    "no", "nope", "nah", "naw", "nop", "n", "not really", "not at all", "not that i know",
    "none", "nothing", "never", "negative", "i don't think so", "i dont think so",
    "don't think so", "dont think so", "i don't", "i dont", "i do not", "it isn't",
    "it's not", "its not", "it is not", "no way", "not", "nothing like that", "all good",
    "i'm fine", "im fine", "i am fine", "fine", "none of those", "none of that",
    "no sir", "no ma'am", "no thanks", "no thank you", "probably not", "likely not",
    "mostly not", "hopefully not", "i'd say no", "i would say no", "no not really",
)
# A hedged yes ("a little", "kinda") is a yes to a danger question (CLINICAL.md).
HEDGES = (
    "kind of", "kinda", "sort of", "sorta", "a little", "a little bit", "little bit",
    "a bit", "a tad", "slightly", "somewhat", "mildly", "partly", "probably", "likely",
    "mostly", "sometimes", "on and off", "just a little", "just a bit", "a touch",
    "a tiny bit", "tiny bit", "a wee bit", "wee bit", "a teeny bit", "a smidge", "a fraction",
    "a little maybe",
)
_YES_STARTS = (
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "y", "ye", "yess", "yes please",
    "sure", "correct", "affirmative", "i do", "definitely", "absolutely", "of course",
    "uh huh", "true", "i think so", "think so", "ok yes", "okay yes", "si", "oui",
    *HEDGES,
)
_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _phrases(words: Tuple[str, ...]) -> Tuple[Tuple[str, ...], ...]:
    return tuple(sorted((tuple(_WORDS.findall(w)) for w in words), key=len, reverse=True))


_STARTS = (
    (UNSURE, _phrases(_UNSURE_STARTS)),
    (NO, _phrases(_NO_STARTS)),
    (YES, _phrases(_YES_STARTS)),
)


@dataclass(frozen=True)
class Answer:
    kind: str  # YES, NO, UNSURE or UNCLEAR
    value: Optional[bool] = None  # True/False for YES/NO


# Words before the answer itself: fillers ("um, no") and a parent passing on a child's
# answer ("he says a little", "my daughter said no").
_FILLERS = _phrases(("um", "umm", "uh", "er", "hmm", "well", "so", "ok", "okay", "honestly"))
_REPORTERS = _phrases(tuple(
    f"{who} {verb}"
    for who in ("he", "she", "they", "my son", "my daughter", "my kid", "my child",
                "my husband", "my wife", "my partner", "my mom", "my dad")
    for verb in ("says", "said", "is saying", "tells me", "told me", "just said")
) + ("he's saying", "she's saying", "they're saying"))


def _normalise(text: str) -> Tuple[str, ...]:
    text = text.lower().replace("’", "'").replace("`", "'")
    words = tuple(_WORDS.findall(text))
    stripped = True
    while stripped and words:
        stripped = False
        for phrase in _FILLERS + _REPORTERS:
            if _starts_with(words, phrase) and len(words) > len(phrase):
                words, stripped = words[len(phrase):], True
                break
    return words


def _starts_with(words: Tuple[str, ...], phrase: Tuple[str, ...]) -> bool:
    return len(words) >= len(phrase) and words[:len(phrase)] == phrase


def read_start(text: str) -> Optional[str]:
    """YES, NO or UNSURE when the message opens with an answer word, else None.

    The longest matching opening wins, whatever its kind ("not sure" over "not",
    "no idea" over "no", "not really" over "not")."""
    words = _normalise(text)
    best: Optional[Tuple[int, str]] = None
    for kind, phrases in _STARTS:
        for phrase in phrases:
            if phrase and _starts_with(words, phrase):
                if best is None or len(phrase) > best[0]:
                    best = (len(phrase), kind)
                break
    return best[1] if best else None


def interpret_answer(text: str, temperature_threshold: bool = False) -> Answer:
    """What an answer to a yes/no danger question means.

    With `temperature_threshold`, a temperature in the answer decides it ("no, 37.6" is
    a no, "38.4" a yes), since a number is more exact than the word before it."""
    if temperature_threshold:
        high = temperature_answer(text)
        if high is not None:
            return Answer(YES if high else NO, high)
    kind = read_start(text)
    if kind == YES:
        return Answer(YES, True)
    if kind == NO:
        return Answer(NO, False)
    if kind == UNSURE:
        # "maybe a little", "not sure, kind of": unsure words around a hedge are a yes.
        words = " ".join(_normalise(text))
        if any(re.search(rf"\b{hedge}\b", words) for hedge in HEDGES):
            return Answer(YES, True)
        return Answer(UNSURE)
    return Answer(UNCLEAR)


def is_short_answer(text: str, max_words: int = 4) -> bool:
    """A message that is only an answer ("a little", "nope", "not sure"), not a report."""
    words = _normalise(text)
    return 0 < len(words) <= max_words and read_start(text) is not None
