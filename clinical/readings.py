"""Numbers patients type: temperatures, a resting pulse, a baby's age.

Shared by the spaCy layer (findings in a message) and the screening answers ("no, it's
under 38"), so one threshold decides both.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from clinical.lexicon import (
    FEVER_THRESHOLD_C,
    FEVER_THRESHOLD_F,
    INFANT_FEVER_MONTHS,
    LOW_OXYGEN_PERCENT,
    OVERDOSE_PILL_COUNT,
)

TEMPERATURE = re.compile(
    r"(?<![\d.])(\d{2,3}(?:[.,]\d{1,2})?)\s*(?:°|º|deg(?:rees?)?)?\s*(f|c|fahrenheit|celsius)?\b",
    re.IGNORECASE,
)
TEMPERATURE_CUES = ("fever", "temp", "temperature", "thermometer", "degrees", "°", "running",
                    "hot", "burning up", "warm")
PULSE = re.compile(
    # "heart going 130 sitting still": the word "heart" with a number close after it
    r"\b(?:pulse|heart ?rate|hr|heartbeat|heart|bpm)\D{0,20}?(\d{2,3})\b|\b(\d{2,3})\s*bpm\b",
    re.IGNORECASE)
# An oxygen saturation from a home pulse oximeter ("sats 89", "o2 is 88%", "pulse ox
# reading 90"): below LOW_OXYGEN_PERCENT is the breathing emergency of the triage table.
OXYGEN = re.compile(
    r"\b(?:sats?|spo2|sp02|o2|oxygen(?: level| sat(?:uration)?s?| saturation)?|"
    r"pulse ?ox(?:imeter)?|oximeter|saturation)\D{0,25}?(\d{2,3})\s*%?",
    re.IGNORECASE)
# "under 38", "below 100.4", "less than 38": the patient gives a bound, not a reading.
_BELOW = re.compile(r"\b(?:under|below|less than|lower than|not (?:over|above)|<)\s*$")
_ABOVE = re.compile(r"\b(?:over|above|more than|higher than|at least|>)\s*$")

# "my 6 week old", "2-month-old", "newborn", "10 days old": a baby's age in months.
_INFANT_AGE = re.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-]*(day|days|week|weeks|wk|wks|month|months|mo|mos)[\s-]*old\b"
    # Spanish: "mi bebé de 6 semanas", "de 2 meses"
    r"|\bde\s+(\d{1,2})\s+(d[ií]as?|semanas?|mes|meses)\b"
    # A baby word and an age without "old" ("bby 6wks temp 38.1", "my baby is 7 weeks")
    r"|\b(?:baby|bby|babe|bub|infant|newborn|little\s+one|lo)(?:'s|\s+is|\s+who'?s|,)?\s*"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]*"
    r"(days?|weeks?|wks?|months?|mos?)\b",
    re.IGNORECASE)
_NEWBORN = re.compile(r"\b(?:newborn|new born|neonate|reci[eé]n nacid[oa])\b", re.IGNORECASE)
_NUMBER_WORDS = {word: index + 1 for index, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split())}
_MONTHS_PER_UNIT = {"d": 1 / 30, "w": 7 / 30, "m": 1.0}


def low_oxygen_readings(text: str) -> List[Tuple[int, int]]:
    """Where the text gives an oxygen saturation below LOW_OXYGEN_PERCENT (char ranges)."""
    return [(m.start(), m.end()) for m in OXYGEN.finditer(text)
            if 50 <= int(m.group(1)) < LOW_OXYGEN_PERCENT]


def temperature_is_high(value: float, unit: Optional[str]) -> Optional[bool]:
    """Whether a reading reaches the fever threshold; None if it is not a body temperature."""
    unit = (unit or "").lower()[:1]
    if unit == "c" or (not unit and 35.0 <= value <= 43.0):
        return value >= FEVER_THRESHOLD_C
    if unit == "f" or (not unit and 95.0 <= value <= 110.0):
        return value >= FEVER_THRESHOLD_F
    return None


def temperature_answer(text: str) -> Optional[bool]:
    """A temperature typed as an answer ("38.6", "it's under 38", "99 F"): at or above
    the threshold (True), below it (False), or None when the text holds no reading."""
    for match in TEMPERATURE.finditer(text):
        value = float(match.group(1).replace(",", "."))
        high = temperature_is_high(value, match.group(2))
        if high is None:
            continue
        before = text[:match.start()].lower()
        if _BELOW.search(before):
            return False
        if _ABOVE.search(before):
            return True
        return high
    return None


def infant_age_months(text: str) -> Optional[float]:
    """The age of a baby the message names, in months, or None."""
    if _NEWBORN.search(text):
        return 0.0
    for match in _INFANT_AGE.finditer(text):
        number = (match.group(1) or match.group(3) or match.group(5)).lower()
        unit = (match.group(2) or match.group(4) or match.group(6)).lower()
        count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        # d(ays)/d(ías), w(eeks)/s(emanas), m(onths)/m(eses)
        return count * _MONTHS_PER_UNIT[{"s": "w"}.get(unit[0], unit[0])]
    return None


def is_young_infant(text: str) -> bool:
    """A baby younger than 3 months: any fever is an emergency (AAP)."""
    months = infant_age_months(text)
    return months is not None and months < INFANT_FEVER_MONTHS


# "for two weeks", "12 days now", "3 days": how long something has lasted, in days.
_DURATION = re.compile(
    r"\b(\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a couple of|a few|several)\s+(day|days|week|weeks|month|months)\b",
    re.IGNORECASE)
_FUZZY_COUNTS = {"a": 1, "a couple of": 2, "a few": 3, "several": 4}
_DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30}
# "for 4 days", "4 days now", "since 3 days", "over a week": a duration, not an age or a date.
_DURATION_CONTEXT = re.compile(r"\b(?:for|over|past|last|since|about|nearly|almost)\s+$|^\s*(?:now|straight|in a row|running)\b",
                               re.IGNORECASE)


def duration_days(text: str) -> Optional[float]:
    """The longest duration the message gives ("for two weeks" -> 14), or None."""
    longest: Optional[float] = None
    for match in _DURATION.finditer(text):
        before = text[max(0, match.start() - 12):match.start()]
        after = text[match.end():match.end() + 12]
        if not (_DURATION_CONTEXT.search(before) or _DURATION_CONTEXT.search(after)):
            continue
        if re.match(r"\s*(?:old|ago)\b", after, re.IGNORECASE):
            continue  # "10 days old", "3 days ago"
        number = match.group(1).lower()
        count = (int(number) if number.isdigit()
                 else _FUZZY_COUNTS.get(number) or _NUMBER_WORDS[number])
        days = count * _DAYS_PER_UNIT[match.group(2).lower()[0]]
        longest = days if longest is None else max(longest, days)
    return longest


# A child the parent writes about: a stiff neck in a child is an emergency (CLINICAL.md).
_CHILD = re.compile(
    r"\b(?:my|our|the)\s+(?:\d{1,2}[\s-]*(?:yo|y/o|yr|year|years)[\s-]*(?:old)?\s+)?"
    r"(?:son|daughter|kid|kids|child|baby|toddler|boy|girl|infant|little one|newborn)\b|"
    r"\b(?:my|our)\s+\d{1,2}[\s-]*(?:yo|y/o|year old|yr old)\b",
    re.IGNORECASE)


def names_a_child(text: str) -> bool:
    return bool(_CHILD.search(text))


# "took 30 of my sleeping pills", "swallowed like twenty tablets": a count of pills taken.
_COUNT_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "dozens of": 24,
                "a hundred": 100}
_PILLS_TAKEN = re.compile(
    r"\b(?:took|taken|take|swallowed|swallow|ate|eaten|downed|popped|had)\s+"
    r"(?:like\s+|about\s+|around\s+|maybe\s+|over\s+|at least\s+|nearly\s+)?"
    r"(\d{1,3}|" + "|".join(_COUNT_WORDS) + r")\s+(?:of\s+)?"
    r"(?:(?:my|his|her|their|the|mom'?s|dad'?s|mum'?s|grandma'?s|grandpa'?s)\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?:pills?|tablets?|capsules?|caps|meds|medicines?)\b",
    re.IGNORECASE)


def overdose_counts(text: str) -> List[Tuple[int, int]]:
    """Where the message says that many pills or more were taken at once (character
    ranges): read as an overdose (OVERDOSE_PILL_COUNT)."""
    found = []
    for match in _PILLS_TAKEN.finditer(text):
        number = match.group(1).lower()
        count = int(number) if number.isdigit() else _COUNT_WORDS[number]
        if count >= OVERDOSE_PILL_COUNT:
            found.append((match.start(), match.end()))
    return found


# "my toddler swallowed some of grandma's pills": a child who took medicine that was not
# given to them is a poisoning (CLINICAL.md: swallowing a poisonous substance).
_SWALLOWED_MEDICINE = re.compile(
    r"\b(?:swallowed|ate|eaten|chewed|got into)\s+(?!(?:his|her|their)\s)(?:[a-z'-]+\s+){0,6}?"
    r"(?:pills?|tablets?|medicines?|meds|gummies|vitamins|cough syrup|capsules?)\b"
    # "found him with the bottle of iron vitamins open, maybe 10 missing"
    r"|\b(?:bottle|pack|packet|box|tub|container|blister)\s+(?:of\s+)?(?:[\w'-]+\s+){0,4}?"
    r"(?:pills?|tablets?|medicines?|meds|gummies|vitamins|capsules?)\s+(?:was\s+|were\s+)?"
    r"(?:open|opened|empty|chewed)\b"
    r"|\b\d+\s+(?:are\s+|were\s+)?missing\b",
    re.IGNORECASE)


def child_swallowed_medicine(text: str) -> List[Tuple[int, int]]:
    """Where a message about a child says the child swallowed medicine (character ranges)."""
    if not names_a_child(text):
        return []
    return [(m.start(), m.end()) for m in _SWALLOWED_MEDICINE.finditer(text)]
