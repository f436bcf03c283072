"""What the staff API and the escalation webhook send of stored rows, built in one place:
an escalation as JSON (`escalation_json`; the webhook's `escalation_summary` is a part of
it), transcript messages as the inbox shows them, and the inbox's page cursor."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple

from store.models import Escalation, EscalationEvent, as_utc, utc_now
from clinical.lexicon import finding_label
from web.display import neutralise_bidi, shortened

# What the webhook sends of an escalation (the patient's message only when asked for).
SUMMARY_FIELDS = ("id", "conversation_id", "level", "reason", "red_flags", "status", "created_at")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def iso(value: Any) -> Optional[str]:
    value = as_utc(value)
    return value.isoformat() if value else None


def event_json(event: EscalationEvent, display: bool = True) -> Dict[str, Any]:
    """One entry of an escalation's history: who did what, when."""
    shown = neutralise_bidi if display else (lambda text: text)
    return {"action": event.action, "outcome": event.outcome,
            "note": shown(event.note) if event.note is not None else None,
            "staff_user": event.staff_user, "at": iso(event.at)}


def account_json(account: Any) -> Dict[str, Any]:
    """A staff account (store/staff.py StaffAccount) for the admin panel: never its hash."""
    return {"username": account.username, "display_name": account.display_name,
            "role": account.role, "disabled": account.disabled,
            "created_at": iso(account.created_at)}


def deadline_json(row: Escalation, now: datetime) -> Dict[str, Any]:
    """The escalation's deadline as the inbox shows it: when it is due, whether it is
    overdue (past due, still open and never acknowledged), and the seconds left (negative
    when overdue; None once acknowledged or without a deadline)."""
    due = as_utc(row.due_at)
    waiting = row.status == "open" and row.acknowledged_at is None
    seconds_left = int((due - now).total_seconds()) if due is not None and waiting else None
    return {"due_at": iso(due), "overdue": seconds_left is not None and now > due,
            "seconds_left": seconds_left}


def escalation_json(row: Escalation, display: bool = True,
                    shorten: Optional[int] = None, now: Optional[datetime] = None,
                    history: Optional[Sequence[EscalationEvent]] = None) -> Dict[str, Any]:
    """One escalation for the staff API. `display`: text as the inbox shows it, with
    bidirectional controls made visible (web/display.py); the export keeps it as stored.
    `shorten`: the patient's messages cut to that many characters, with
    `message_truncated` / `last_message_truncated` saying whether they were. `now`:
    the time overdue is judged at (default: now). `history`: its escalation_events."""
    shown = neutralise_bidi if display else (lambda text: text)
    red_flags = [flag for flag in (row.red_flags or "").split(",") if flag]
    last = row.last_message if row.last_message is not None else row.patient_message
    # Cut before the markers are added, so a marker is never cut in half.
    message, message_cut = shortened(row.patient_message, shorten)
    last, last_cut = shortened(last, shorten)
    item = {
        "id": row.id,
        "conversation_id": row.conversation_id,
        "level": row.level,
        "reason": shown(row.reason),
        "red_flags": [shown(flag) for flag in red_flags],
        "red_flag_labels": [shown(finding_label(flag)) for flag in red_flags],
        "patient_message": shown(message),
        "message_truncated": message_cut,
        "status": row.status,
        "created_at": iso(row.created_at),
        "acknowledged_at": iso(row.acknowledged_at),
        "acknowledged_by": row.acknowledged_by,
        "resolved_at": iso(row.resolved_at),
        "resolved_by": row.resolved_by,
        **deadline_json(row, now or utc_now()),
        # One escalation per episode: how many reports it holds, the latest, and when.
        "repeat_count": row.repeat_count or 1,
        "last_message": shown(last),
        "last_message_truncated": last_cut,
        "updated_at": iso(row.updated_at or row.created_at),
        # Kept after the patient had the conversation deleted: no words, gone once acknowledged.
        "patient_deleted": bool(row.patient_deleted),
    }
    if history is not None:
        item["history"] = [event_json(event, display) for event in history]
    if display:
        # The id stays as stored (the inbox asks for the transcript by it); this is for showing.
        item["conversation_label"] = shown(row.conversation_id)
    return item


def escalation_summary(row: Escalation, include_message: bool) -> Dict[str, Any]:
    """The webhook's escalation: SUMMARY_FIELDS of `escalation_json` as stored (no display
    markers, nothing cut), and the patient's own words only when asked for."""
    full = escalation_json(row, display=False)
    summary = {name: full[name] for name in SUMMARY_FIELDS}
    if include_message:
        summary["patient_message"] = full["patient_message"]
    return summary


def messages_for_display(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Transcript messages with bidirectional controls made visible in what is shown."""
    return [{**message, **{key: neutralise_bidi(message[key])
                           for key in ("text", "payload") if isinstance(message.get(key), str)}}
            for message in messages]


def cursor_of(row: Escalation) -> str:
    """Where a page ended, for `?before=`: the row's latest report time (microseconds
    since 1970, exact) and its id."""
    latest = as_utc(row.updated_at or row.created_at)
    return f"{(latest - EPOCH) // timedelta(microseconds=1)}_{row.id}"


def parse_cursor(value: str) -> Optional[Tuple[datetime, int]]:
    micros, _, row_id = value.partition("_")
    try:
        return EPOCH + timedelta(microseconds=int(micros)), int(row_id)
    except (ValueError, OverflowError):
        return None
