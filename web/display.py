"""What the staff inbox shows of stored text: bidirectional controls made visible.

Patients' words are stored as they were written; only what the staff API serves for
display is changed. A bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069)
or a direction mark (U+200E, U+200F, U+061C) can make a message read differently from
what it says ("call 911" shown as "119 llac", a reason appearing to end a sentence it does
not). Each one is replaced by a visible marker such as "[U+202E]", so staff see that it
was there and the text around it reads in its stored order.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_PATTERN = re.compile(f"[{BIDI_CONTROLS}]")


def neutralise_bidi(text: Optional[str]) -> Optional[str]:
    """`text` with each bidirectional control replaced by "[U+XXXX]"."""
    if not text:
        return text
    return _BIDI_PATTERN.sub(lambda match: f"[U+{ord(match.group()):04X}]", text)


def shortened(text: Optional[str], limit: Optional[int]) -> Tuple[Optional[str], bool]:
    """The first `limit` characters of `text` (all without a limit), and whether anything
    was cut off."""
    if text is None or limit is None or len(text) <= limit:
        return text, False
    return text[:limit], True
