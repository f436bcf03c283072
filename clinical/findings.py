"""What a finding is: one symptom concept with its level, lay phrases and word pairs.

The lexicon modules (lexicon.py, lexicon_general.py) are tables of these; the spaCy
layer builds its matchers from them. No Rasa imports here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple


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
    # A symptom the general questions must screen before its level applies: the
    # assistant asks about danger first, then tells the care team ("unlisted symptom").
    screen_first: bool = False


@dataclass(frozen=True)
class Near:
    body: FrozenSet[str]
    describing: FrozenSet[str]
    window: int = 6  # at most this many tokens apart


def pair(body: str, describing: str, window: int = 6) -> Near:
    """A `near` rule from two space-separated word lists."""
    return Near(frozenset(body.split()), frozenset(describing.split()), window)
