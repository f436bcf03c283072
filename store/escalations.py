"""Writing escalations and changing their status: what the care team sees in its inbox.

One escalation per episode: while a conversation has an open urgent or emergency
escalation, a further urgent or emergency report in it updates that row (count, latest
message, level raised if it rose, findings merged) instead of adding one. Once staff
acknowledge or resolve it, the next report opens a new row. Contact requests and data
deletion requests are rows of their own every time, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

from sqlalchemy import and_, delete, func, not_, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from store.database import Database
from settings import DEFAULT_DEADLINE_MINUTES, response_deadline_minutes
from store.models import (Escalation, EscalationDelivery, EscalationEvent, EscalationMessage,
                          as_utc, utc_now)
from web.patient_sessions import log_id  # logs name conversations by a hash, never the id

logger = logging.getLogger(__name__)

CONTACT_REQUEST = "contact_request"
# A patient's request to delete their conversation and escalations (jobs/reconcile.py
# carries it out); kept as a row so staff can see it was asked for and done.
DATA_DELETION = "data_deletion"
STATUSES = ("open", "acknowledged", "resolved")
# Not yet resolved: the inbox always lists every urgent or emergency escalation in these.
ACTIVE_STATUSES = ("open", "acknowledged")
# The levels that make one episode per conversation, lowest first.
CLINICAL_LEVELS = ("urgent", "emergency")
# What the care team did with an escalation (table escalation_events), and the outcomes
# a nurse picks from when resolving (optional).
ACTIONS = ("acknowledged", "note", "resolved", "reopened")
OUTCOMES = ("advice_given", "seen_in_clinic", "sent_to_emergency", "no_answer", "other")
MAX_NOTE_CHARS = 2000
# A write that lost a race (same conversation or same message at the same moment) is
# retried; the retry finds the winner's row.
WRITE_ATTEMPTS = 3


class EscalationStoreError(RuntimeError):
    """The escalation could not be written; the patient must be told to call."""


class EscalationConflict(ValueError):
    """A change staff asked for cannot be made now (e.g. reopening an episode while the
    conversation has another open one)."""


def due_time(level: str, reported_at: datetime,
             deadlines: Optional[Mapping[str, int]] = None) -> Optional[datetime]:
    """When the care team should have acknowledged a report of `level` made at
    `reported_at` (settings.response_deadline_minutes); None for levels without one."""
    if deadlines is None:
        try:
            deadlines = response_deadline_minutes()
        except ValueError as error:
            # A mistyped setting must not lose an escalation: the defaults apply and the
            # operator is told (`make run` refuses to start with it).
            logger.error("%s; using the default deadlines", error)
            deadlines = DEFAULT_DEADLINE_MINUTES
    minutes = deadlines.get(level)
    return reported_at + timedelta(minutes=minutes) if minutes else None


def is_overdue(row: Escalation, now: datetime) -> bool:
    """Past its deadline while still open and never acknowledged."""
    due = as_utc(row.due_at)
    return (due is not None and row.status == "open" and row.acknowledged_at is None
            and now > due)


@dataclass(frozen=True)
class EscalationRecord:
    conversation_id: str
    level: str
    reason: str
    red_flags: Sequence[str]
    patient_message: str
    message_id: Optional[str] = None
    # From a conversation the patient had deleted meanwhile: kept without their words
    # (see forget_conversation).
    patient_deleted: bool = False


def find_by_message(database: Database, message_id: str) -> Optional[Escalation]:
    """The escalation that holds a patient message, whether it opened it or repeated it."""
    with database.session() as session:
        escalation_id = _escalation_of_message(session, message_id)
        return session.get(Escalation, escalation_id) if escalation_id is not None else None


def _escalation_of_message(session: Session, message_id: str) -> Optional[int]:
    found = session.execute(select(EscalationMessage.escalation_id).where(
        EscalationMessage.message_id == message_id)).scalar()
    if found is None:  # rows written before escalation_messages existed
        found = session.execute(select(Escalation.id).where(
            Escalation.message_id == message_id)).scalar()
    return int(found) if found is not None else None


def _merged(existing: str, new: Sequence[str], separator: str) -> str:
    """`existing` (joined by `separator`) with the new items it lacks added, in order."""
    items = [*existing.split(separator), *new]
    return separator.join(dict.fromkeys(item for item in items if item))


def _update_open_episode(session: Session, record: EscalationRecord) -> Optional[int]:
    """Add the report to the conversation's open urgent/emergency escalation, if it has one."""
    open_episode = (Escalation.conversation_id == record.conversation_id,
                    Escalation.status == "open", Escalation.level.in_(CLINICAL_LEVELS))
    oldest = select(func.min(Escalation.id)).where(*open_episode).scalar_subquery()
    # The count is raised by the UPDATE itself before anything is read: that takes the
    # write lock on SQLite and the row lock on PostgreSQL, so a concurrent report of the
    # same conversation waits here and then sees this one (no lost count, no second row).
    # The conditions are repeated so a row staff closed meanwhile is not updated.
    bumped = session.execute(
        update(Escalation).where(Escalation.id == oldest, *open_episode)
        .values(repeat_count=Escalation.repeat_count + 1, updated_at=utc_now())
        .execution_options(synchronize_session=False))
    if not bumped.rowcount:
        return None
    row = session.query(Escalation).filter(*open_episode).order_by(Escalation.id).first()
    if CLINICAL_LEVELS.index(record.level) > CLINICAL_LEVELS.index(row.level):
        row.level = record.level
        # Raised to emergency: answered within the emergency deadline from this report.
        sooner = due_time(record.level, utc_now())
        if sooner is not None and (row.due_at is None or sooner < as_utc(row.due_at)):
            row.due_at = sooner
    row.reason = _merged(row.reason, record.reason.split("; "), "; ")
    row.red_flags = _merged(row.red_flags or "", record.red_flags, ",")
    row.last_message = "" if record.patient_deleted else record.patient_message
    row.last_message_id = record.message_id
    return int(row.id)


def _write(database: Database, record: EscalationRecord) -> Tuple[int, str]:
    """One attempt in one transaction: (escalation id, what was done)."""
    with database.session() as session:
        if record.message_id:
            seen = _escalation_of_message(session, record.message_id)
            if seen is not None:
                return seen, "already recorded"
        escalation_id = (_update_open_episode(session, record)
                         if record.level in CLINICAL_LEVELS else None)
        outcome = "added to open"
        if escalation_id is None:
            now = utc_now()
            row = Escalation(
                conversation_id=record.conversation_id,
                message_id=record.message_id,
                level=record.level,
                reason=record.reason,
                red_flags=",".join(dict.fromkeys(flag for flag in record.red_flags if flag)),
                patient_message=record.patient_message,
                status="open",
                created_at=now,
                updated_at=now,
                due_at=due_time(record.level, now),
                repeat_count=1,
                last_message=record.patient_message,
                last_message_id=record.message_id,
            )
            if record.patient_deleted:
                row.patient_deleted, row.patient_message, row.last_message = True, "", ""
                row.reason = f"{row.reason}; {PATIENT_DELETED_NOTE}"
            session.add(row)
            session.flush()
            escalation_id, outcome = int(row.id), "recorded"
        if record.message_id:
            # Unique: the same message recorded twice at once makes the later one retry.
            session.add(EscalationMessage(message_id=record.message_id,
                                          escalation_id=escalation_id))
            session.flush()
        return escalation_id, outcome


def record_escalation(database: Database, record: EscalationRecord) -> int:
    """Record a report and return its escalation's id; raise EscalationStoreError on failure.

    An urgent or emergency report joins the conversation's open urgent/emergency
    escalation when there is one (see the module docstring), else opens a new one.
    Idempotent per patient message: a message already recorded returns the same id and
    changes nothing.
    """
    try:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                escalation_id, outcome = _write(database, record)
                break
            except IntegrityError:
                if attempt == WRITE_ATTEMPTS:
                    raise
                logger.info("escalation write for conversation %s met a concurrent one; retrying",
                            log_id(record.conversation_id))
    except SQLAlchemyError as error:
        # Logged without the patient's words: those stay in the databases only.
        logger.error("could not record %s escalation for conversation %s: %s",
                     record.level, log_id(record.conversation_id), error.__class__.__name__)
        raise EscalationStoreError(str(error)) from error
    logger.info("%s %s escalation %s for conversation %s",
                outcome, record.level, escalation_id, log_id(record.conversation_id))
    return escalation_id


def list_escalations(database: Database, status: Optional[str] = None,
                     limit: int = 200) -> List[Escalation]:
    """Escalations, latest report first (a repeat brings its escalation back to the top),
    optionally only those with one status."""
    with database.session() as session:
        query = session.query(Escalation)
        if status:
            query = query.filter(Escalation.status == status)
        latest = func.coalesce(Escalation.updated_at, Escalation.created_at)
        return query.order_by(latest.desc(), Escalation.id.desc()).limit(limit).all()


def _latest_report():
    """When the escalation last changed by a report: the inbox's order (latest first)."""
    return func.coalesce(Escalation.updated_at, Escalation.created_at)


def _active_clinical():
    return and_(Escalation.level.in_(CLINICAL_LEVELS), Escalation.status.in_(ACTIVE_STATUSES))


@dataclass(frozen=True)
class InboxPage:
    """What the staff inbox shows: `active`, every urgent or emergency escalation not yet
    resolved, however many (only with the first page); then `rest`, one page of the others,
    latest report first; `rest_total` of those in all; and `totals` of every escalation
    by level, then status."""

    active: List[Escalation]
    rest: List[Escalation]
    rest_total: int
    has_more: bool
    totals: Dict[str, Dict[str, int]]


def escalation_totals(database: Database) -> Dict[str, Dict[str, int]]:
    """How many escalations there are, by level and then status (known ones always listed)."""
    totals: Dict[str, Dict[str, int]] = {
        level: dict.fromkeys(STATUSES, 0)
        for level in (*reversed(CLINICAL_LEVELS), CONTACT_REQUEST, DATA_DELETION)}
    with database.session() as session:
        for level, status, count in session.query(
                Escalation.level, Escalation.status, func.count(Escalation.id)).group_by(
                Escalation.level, Escalation.status):
            totals.setdefault(level, dict.fromkeys(STATUSES, 0))[status] = int(count)
    return totals


def inbox_page(database: Database, status: Optional[str] = None, page_size: int = 50,
               page: int = 1, before: Optional[Tuple[datetime, int]] = None) -> InboxPage:
    """The inbox (see InboxPage), optionally only escalations with one status. The rest is
    paged by number (`page`, from 1) or after a row (`before`: that row's latest report
    time and id, as the previous page ended), which new escalations do not shift."""
    latest = _latest_report()
    with database.session() as session:
        def matching(query):
            return query.filter(Escalation.status == status) if status else query

        first = before is None and page == 1
        active = matching(session.query(Escalation).filter(_active_clinical())) \
            .order_by(latest.desc(), Escalation.id.desc()).all() if first else []
        rest = matching(session.query(Escalation).filter(not_(_active_clinical())))
        rest_total = rest.count()
        rest = rest.order_by(latest.desc(), Escalation.id.desc())
        if before is not None:
            when, row_id = before
            rest = rest.filter(or_(latest < when, and_(latest == when, Escalation.id < row_id)))
        else:
            rest = rest.offset((page - 1) * page_size)
        rows = rest.limit(page_size + 1).all()
    return InboxPage(active=active, rest=rows[:page_size], rest_total=rest_total,
                     has_more=len(rows) > page_size, totals=escalation_totals(database))


def overdue_others(database: Database, now: datetime) -> List[Escalation]:
    """Overdue escalations other than urgent and emergency ones (those the inbox always
    lists): contact requests past their deadline, the longest overdue first."""
    with database.session() as session:
        return (session.query(Escalation)
                .filter(Escalation.level.notin_(CLINICAL_LEVELS), Escalation.status == "open",
                        Escalation.acknowledged_at.is_(None), Escalation.due_at.isnot(None),
                        Escalation.due_at < now)
                .order_by(Escalation.due_at, Escalation.id).all())


def get_escalation(database: Database, escalation_id: int) -> Optional[Escalation]:
    with database.session() as session:
        return session.get(Escalation, escalation_id)


def _record_event(session: Session, escalation_id: int, action: str, staff_user: str,
                  now: datetime, note: Optional[str] = None,
                  outcome: Optional[str] = None) -> None:
    session.add(EscalationEvent(escalation_id=escalation_id, action=action, staff_user=staff_user,
                                at=now, note=note, outcome=outcome))


def set_status(database: Database, escalation_id: int, status: str,
               staff_user: str = "staff-token", now: Optional[datetime] = None,
               outcome: Optional[str] = None) -> Optional[Escalation]:
    """Move an escalation to `acknowledged` or `resolved` (`outcome` optional, one of
    OUTCOMES), or `open` again (reopened), attributed to `staff_user` in its history
    (escalation_events); None if it does not exist. A move to the status it already has
    changes nothing and writes no event. Reopening an urgent or emergency episode while
    the conversation has another open one raises EscalationConflict."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {STATUSES}")
    if outcome is not None and (status != "resolved" or outcome not in OUTCOMES):
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, when resolving")
    now = now or utc_now()
    try:
        with database.session() as session:
            row = session.get(Escalation, escalation_id)
            if row is None:
                return None
            if row.status == status:
                return row
            row.status = status
            if status == "acknowledged":
                if row.acknowledged_at is None:
                    row.acknowledged_at, row.acknowledged_by = now, staff_user
                action = "acknowledged"
            elif status == "resolved":
                row.resolved_at, row.resolved_by = now, staff_user
                # Resolving also answers it: it counts as seen from then on.
                if row.acknowledged_at is None:
                    row.acknowledged_at, row.acknowledged_by = now, staff_user
                action = "resolved"
            else:
                row.resolved_at = row.resolved_by = None
                action = "reopened"
            _record_event(session, row.id, action, staff_user, now, outcome=outcome)
            session.flush()
            return row
    except IntegrityError as error:
        raise EscalationConflict("this conversation already has an open escalation: "
                                 "work on that one") from error


def add_note(database: Database, escalation_id: int, text: str, staff_user: str,
             now: Optional[datetime] = None) -> Optional[EscalationEvent]:
    """A note on an escalation's history (a call made, a message left...); None if the
    escalation does not exist. ValueError for an empty or too long note."""
    text = (text or "").strip()
    if not text or len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"a note has 1 to {MAX_NOTE_CHARS} characters")
    with database.session() as session:
        if session.get(Escalation, escalation_id) is None:
            return None
        event = EscalationEvent(escalation_id=escalation_id, action="note", note=text,
                                staff_user=staff_user, at=now or utc_now())
        session.add(event)
        session.flush()
        return event


def history_of(database: Database, escalation_ids: Sequence[int]) -> Dict[int, List[EscalationEvent]]:
    """The history of each escalation, oldest first."""
    found: Dict[int, List[EscalationEvent]] = {escalation_id: [] for escalation_id in escalation_ids}
    if not found:
        return found
    with database.session() as session:
        for event in session.query(EscalationEvent).filter(
                EscalationEvent.escalation_id.in_(list(found))).order_by(
                EscalationEvent.at, EscalationEvent.id):
            found[event.escalation_id].append(event)
    return found


def _delete_escalations(session: Session, ids: List[int]) -> int:
    """Delete escalations by id, with their webhook deliveries and message ids."""
    if not ids:
        return 0
    # Not left to ON DELETE CASCADE: SQLite enforces foreign keys only when asked to.
    session.execute(delete(EscalationDelivery).where(EscalationDelivery.escalation_id.in_(ids))
                    .execution_options(synchronize_session=False))
    session.execute(delete(EscalationEvent).where(EscalationEvent.escalation_id.in_(ids))
                    .execution_options(synchronize_session=False))
    session.query(EscalationMessage).filter(EscalationMessage.escalation_id.in_(ids)) \
        .delete(synchronize_session=False)
    session.query(Escalation).filter(Escalation.id.in_(ids)).delete(synchronize_session=False)
    return len(ids)


def delete_conversation_escalations(database: Database, conversation_id: str,
                                    keep_id: Optional[int] = None) -> int:
    """Delete a conversation's escalations (with their webhook deliveries and message
    ids), except `keep_id`."""
    with database.session() as session:
        rows = session.query(Escalation.id).filter(Escalation.conversation_id == conversation_id)
        if keep_id is not None:
            rows = rows.filter(Escalation.id != keep_id)
        return _delete_escalations(session, [row.id for row in rows])


def delete_resolved_before(database: Database, cutoff: datetime) -> int:
    """Delete resolved escalations that were resolved (or, without that time, last
    reported) before `cutoff`. Open and acknowledged ones are never deleted."""
    closed = func.coalesce(Escalation.resolved_at, Escalation.updated_at, Escalation.created_at)
    with database.session() as session:
        ids = [row.id for row in session.query(Escalation.id).filter(
            Escalation.status == "resolved", closed < cutoff)]
        return _delete_escalations(session, ids)


def conversations_with_escalations(database: Database) -> Set[str]:
    """The conversation ids that still have an escalation of any status."""
    with database.session() as session:
        return {row[0] for row in session.query(Escalation.conversation_id).distinct()}


# A note added to an escalation kept after its patient had the conversation deleted.
PATIENT_DELETED_NOTE = ("the patient had this conversation deleted; their words are removed "
                        "and this escalation goes once acknowledged")


def forget_conversation(database: Database, conversation_id: str,
                        keep_id: Optional[int] = None) -> Tuple[int, int]:
    """A patient's deletion, in the escalation database: open urgent and emergency
    escalations stay for staff, marked `patient_deleted`, with the patient's words removed
    (they go once acknowledged: delete_acknowledged_patient_deleted); the conversation's
    other escalations are deleted, except `keep_id` (the request itself).
    Returns (deleted, kept)."""
    with database.session() as session:
        rows = session.query(Escalation).filter(Escalation.conversation_id == conversation_id)
        if keep_id is not None:
            rows = rows.filter(Escalation.id != keep_id)
        kept, gone = [], []
        for row in rows:
            if row.level in CLINICAL_LEVELS and row.status == "open":
                row.patient_deleted = True
                row.patient_message = ""
                row.last_message = ""
                if PATIENT_DELETED_NOTE not in row.reason:
                    row.reason = f"{row.reason}; {PATIENT_DELETED_NOTE}"
                kept.append(row.id)
            else:
                gone.append(row.id)
        return _delete_escalations(session, gone), len(kept)


def delete_acknowledged_patient_deleted(database: Database) -> int:
    """Delete the escalations kept after a patient's deletion that staff have since
    acknowledged or resolved."""
    with database.session() as session:
        ids = [row.id for row in session.query(Escalation.id).filter(
            Escalation.patient_deleted.is_(True), Escalation.status != "open")]
        return _delete_escalations(session, ids)


def has_escalation(database: Database, conversation_id: str) -> bool:
    """Whether the conversation has an escalation of any status (staff may then read it)."""
    with database.session() as session:
        return session.query(Escalation.id).filter(
            Escalation.conversation_id == conversation_id).first() is not None


def escalations_of(database: Database, conversation_id: str) -> List[Escalation]:
    """The conversation's escalations, oldest first."""
    with database.session() as session:
        return session.query(Escalation).filter(
            Escalation.conversation_id == conversation_id).order_by(Escalation.id).all()


def open_deletion_requests(database: Database) -> List[Tuple[int, str, datetime]]:
    """The patients' deletion requests not yet carried out: (id, conversation id, asked at)."""
    with database.session() as session:
        return [(row.id, row.conversation_id, row.created_at) for row in session.query(
            Escalation.id, Escalation.conversation_id, Escalation.created_at).filter(
            Escalation.level == DATA_DELETION, Escalation.status == "open")]


def conversations_deleted_since(database: Database, since: datetime) -> Set[str]:
    """The conversations whose deletion requests were carried out at or after `since`."""
    with database.session() as session:
        return {row.conversation_id for row in session.query(Escalation.conversation_id).filter(
            Escalation.level == DATA_DELETION, Escalation.status == "resolved",
            Escalation.resolved_at >= since)}
