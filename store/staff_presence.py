"""Whether someone from the care team is signed in to the staff inbox now (their staff
sessions, web/sessions.py): the assistant offers a patient the live chat only then."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from store.database import Database
from store.models import StaffSession

# The inbox asks the server every few seconds, and a session records that it was used at
# least every few minutes (web/sessions.py touch_seconds): a session unused for longer
# than this is a browser left closed, not a nurse at work.
ACTIVE_WITHIN = timedelta(minutes=5)


def staff_signed_in(database: Database, now: datetime,
                    active_within: timedelta = ACTIVE_WITHIN) -> bool:
    """A staff session not ended, not expired, and used within `active_within`."""
    with database.session() as session:
        count = session.execute(
            select(func.count(StaffSession.id)).where(
                StaffSession.revoked_at.is_(None),
                StaffSession.expires_at > now,
                StaffSession.last_seen_at > now - active_within)).scalar_one()
    return count > 0
