"""Triage levels, lowest to highest: the vocabulary every other clinical module speaks.

`triage_level` in domain.yml takes exactly these values (see the triage contract in the
README); escalations are written for the two highest.
"""

from __future__ import annotations

from typing import Iterable, Optional, Tuple

INFO = "info"
SELF_CARE = "self_care"
URGENT = "urgent"
EMERGENCY = "emergency"

LEVELS: Tuple[str, ...] = (INFO, SELF_CARE, URGENT, EMERGENCY)
ESCALATION_LEVELS = frozenset({URGENT, EMERGENCY})


def highest_level(levels: Iterable[Optional[str]]) -> Optional[str]:
    """The most serious of the given levels; None when there is none."""
    ranked = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[max(ranked)] if ranked else None


def level_rank(level: Optional[str]) -> int:
    """Position of a level in LEVELS; -1 for None or an unknown value."""
    return LEVELS.index(level) if level in LEVELS else -1
