"""Response deadlines: each escalation's due_at from its level (settings), overdue judged
against a given clock, and the backup webhook's once-only claim (store/deliveries.py)."""

from __future__ import annotations

from datetime import timedelta

from store.deliveries import claim_backup_attempt, overdue_for_backup, record_backup_sent
from store.escalations import (EscalationRecord, get_escalation, is_overdue, record_escalation,
                               set_status)
from store.models import as_utc


def record(database, level: str, conversation_id: str = "conv-1") -> int:
    return record_escalation(database, EscalationRecord(conversation_id, level, "reason", [],
                                                        "message"))


def test_each_level_is_due_after_its_deadline(database, monkeypatch):
    monkeypatch.setenv("ESCALATION_DEADLINE_URGENT_MINUTES", "20")
    minutes = {}
    for number, level in enumerate(("emergency", "urgent", "contact_request", "data_deletion")):
        row = get_escalation(database, record(database, level, f"conv-{number}"))
        due = as_utc(row.due_at)
        minutes[level] = None if due is None else (due - as_utc(row.created_at)) / timedelta(minutes=1)
    assert minutes == {"emergency": 5, "urgent": 20, "contact_request": 240, "data_deletion": None}


def test_overdue_only_after_the_deadline_and_until_acknowledged(database):
    row = get_escalation(database, record(database, "urgent"))
    created = as_utc(row.created_at)
    assert not is_overdue(row, created + timedelta(minutes=29))
    assert is_overdue(row, created + timedelta(minutes=31))
    acknowledged = set_status(database, row.id, "acknowledged", "nora",
                              now=created + timedelta(minutes=40))
    assert not is_overdue(acknowledged, created + timedelta(minutes=41))


def test_an_urgent_episode_raised_to_emergency_is_due_sooner(database):
    first = get_escalation(database, record(database, "urgent"))
    record_escalation(database, EscalationRecord("conv-1", "emergency", "worse", [], "cannot breathe"))
    raised = get_escalation(database, first.id)
    assert raised.level == "emergency"
    assert as_utc(raised.due_at) <= as_utc(raised.updated_at) + timedelta(minutes=5, seconds=1)
    assert as_utc(raised.due_at) < as_utc(first.due_at)


def test_the_backup_attempt_is_claimed_once_and_never_after_it_was_sent(database):
    row = get_escalation(database, record(database, "emergency"))
    late = as_utc(row.due_at) + timedelta(minutes=1)
    assert [found.id for found in overdue_for_backup(database, late, timedelta(hours=24), 5)] == [row.id]
    retry = late + timedelta(minutes=1)
    assert claim_backup_attempt(database, row.id, late, retry)
    assert not claim_backup_attempt(database, row.id, late, retry)  # a second poller: no
    record_backup_sent(database, row.id, late)
    assert overdue_for_backup(database, retry + timedelta(hours=1), timedelta(hours=24), 5) == []
    assert not claim_backup_attempt(database, row.id, retry + timedelta(hours=1), retry)


def test_reopening_an_episode_while_another_is_open_is_refused(database):
    import pytest

    from store.escalations import EscalationConflict, history_of

    first = record(database, "urgent")
    set_status(database, first, "resolved", "nora", outcome="advice_given")
    second = record(database, "urgent")  # the next report opens a new episode
    assert second != first
    with pytest.raises(EscalationConflict):
        set_status(database, first, "open", "nora")
    assert get_escalation(database, first).status == "resolved"
    assert [event.action for event in history_of(database, [first])[first]] == ["resolved"]


def test_a_mistyped_deadline_setting_never_loses_an_escalation(monkeypatch):
    from datetime import datetime, timezone

    from store.escalations import due_time

    monkeypatch.setenv("ESCALATION_DEADLINE_URGENT_MINUTES", "soon")
    reported = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    assert (due_time("urgent", reported) - reported).total_seconds() == 30 * 60
