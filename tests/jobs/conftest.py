"""Fixtures of the jobs' tests: escalations added to the temporary database (tests/conftest.py)."""

from __future__ import annotations

import pytest

from store.escalations import EscalationRecord, record_escalation


@pytest.fixture()
def add_escalation(database):
    def add(conversation_id: str = "conv-1", level: str = "emergency",
            message: str = "my throat is swelling", red_flags=("anaphylaxis",),
            reason: str = "possible anaphylaxis") -> int:
        return record_escalation(database, EscalationRecord(
            conversation_id=conversation_id, level=level, reason=reason,
            red_flags=list(red_flags), patient_message=message))
    return add
