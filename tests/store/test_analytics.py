"""The analytics figures (store/analytics.py) on a small fixture: escalations with known
times, and a Rasa events table with screenings, questions and messages not understood."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, insert

from store.analytics import percentile, summary, summary_csv
from store.models import Escalation
from store.rasa_events import events

DEADLINES = {"emergency": 5, "urgent": 30, "contact_request": 240}
DAY1 = datetime(2030, 3, 1, 9, 0, tzinfo=timezone.utc)
DAY2 = DAY1 + timedelta(days=1)
NOW = DAY2 + timedelta(hours=6)


def escalation(level: str, created: datetime, acknowledged_after=None) -> Escalation:
    acknowledged = created + timedelta(minutes=acknowledged_after) if acknowledged_after is not None else None
    return Escalation(conversation_id=f"c-{level}-{created.isoformat()}-{acknowledged_after}",
                      level=level, reason="r", red_flags="", patient_message="m",
                      created_at=created, updated_at=created,
                      status="acknowledged" if acknowledged else "open",
                      acknowledged_at=acknowledged,
                      due_at=created + timedelta(minutes=DEADLINES[level]))


@pytest.fixture()
def fixture_escalations(database):
    with database.session() as session:
        session.add_all([
            escalation("emergency", DAY1, 2),
            escalation("emergency", DAY1 + timedelta(hours=1), 4),
            escalation("emergency", DAY2, 12),       # late
            escalation("urgent", DAY1, 10),
            escalation("urgent", DAY2, 20),
            escalation("urgent", DAY2 + timedelta(hours=1)),  # never acknowledged: late by NOW
            escalation("contact_request", DAY2, 60),
            escalation("emergency", DAY1 - timedelta(days=3), 1),  # before the range
        ])


def user(sender, intent, text, at):
    return dict(sender_id=sender, type_name="user", intent_name=intent, timestamp=at.timestamp(),
                data=json.dumps({"event": "user", "text": text,
                                 "parse_data": {"intent": {"name": intent}}}))


def slot(sender, name, value, at):
    return dict(sender_id=sender, type_name="slot", intent_name=None, timestamp=at.timestamp(),
                data=json.dumps({"event": "slot", "name": name, "value": value}))


def loop(sender, name, at):
    return dict(sender_id=sender, type_name="active_loop", intent_name=None,
                timestamp=at.timestamp(), data=json.dumps({"event": "active_loop", "name": name}))


@pytest.fixture()
def tracker(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
    events.metadata.create_all(engine)
    t = DAY1 + timedelta(minutes=1)
    rows = [
        # Two screenings ending in self-care, one in an escalation, one left unfinished.
        user("a", "report_mild_reaction", "headache", t), loop("a", "symptom_screening_form", t),
        slot("a", "triage_level", "self_care", t + timedelta(minutes=2)),
        user("b", "report_mild_reaction", "rash", t), loop("b", "symptom_screening_form", t),
        slot("b", "triage_level", "self_care", t + timedelta(minutes=2)),
        user("c", "report_mild_reaction", "fever", t), loop("c", "symptom_screening_form", t),
        slot("c", "triage_level", "urgent", t + timedelta(minutes=3)),
        user("d", "report_mild_reaction", "tired", t), loop("d", "symptom_screening_form", t),
        # Questions: two about what IVIG is, one about preparation.
        user("e", "ask_about_ivig", "what is ivig", t),
        slot("e", "answer_topic", "ask_about_ivig/what_is", t), slot("e", "triage_level", "info", t),
        user("f", "ask_about_ivig", "what's ivig?", t),
        slot("f", "answer_topic", "ask_about_ivig/what_is", t),
        user("g", "ask_preparation", "how do i prepare", t),
        slot("g", "answer_topic", "ask_preparation/hydration", t),
        # Not understood: the same words twice (listed), once something else (counted only).
        user("h", "nlu_fallback", "Blorp  zing", t), user("i", "nlu_fallback", "blorp zing", DAY2),
        user("j", "nlu_fallback", "my private words", DAY2),
        # Outside the range: not counted.
        user("k", "nlu_fallback", "blorp zing", DAY2 + timedelta(days=2)),
    ]
    with engine.begin() as connection:
        connection.execute(insert(events), rows)
    return engine


def test_percentile_is_by_nearest_rank():
    assert percentile([2, 4, 12], 0.5) == 4 and percentile([2, 4, 12], 0.9) == 12
    assert percentile([], 0.5) is None and percentile([7], 0.9) == 7


def test_escalation_figures(database, fixture_escalations):
    figures = summary(database, None, DAY1.date(), DAY2.date(), NOW, DEADLINES)["escalations"]
    assert figures["total"] == 7
    per_day = {day["day"]: day["counts"] for day in figures["per_day"]}
    assert per_day == {"2030-03-01": {"emergency": 2, "urgent": 1, "contact_request": 0},
                       "2030-03-02": {"emergency": 1, "urgent": 2, "contact_request": 1}}
    ack = {row["level"]: row for row in figures["time_to_acknowledge"]}
    assert (ack["emergency"]["median_minutes"], ack["emergency"]["p90_minutes"]) == (4.0, 12.0)
    assert ack["emergency"]["within_deadline"] == 2 and ack["emergency"]["deadline_minutes"] == 5
    assert (ack["urgent"]["median_minutes"], ack["urgent"]["not_acknowledged"]) == (10.0, 1)
    assert figures["overdue"]["count"] == 2 and figures["overdue"]["of"] == 7
    assert figures["overdue"]["share"] == round(2 / 7, 3)


def test_conversation_figures(database, tracker):
    talk = summary(database, tracker, DAY1.date(), DAY2.date(), NOW, DEADLINES)["conversations"]
    assert talk["screenings"] == {"started": 4, "self_care": 2, "escalated": 1, "other": 0,
                                  "unfinished": 1}
    assert talk["questions_by_topic"] == [{"topic": "ask_about_ivig/what_is", "count": 2},
                                          {"topic": "ask_preparation/hydration", "count": 1}]
    assert talk["questions_by_intent"] == [{"intent": "ask_about_ivig", "count": 2},
                                           {"intent": "ask_preparation", "count": 1}]
    assert talk["not_understood"]["count"] == 3
    assert talk["not_understood"]["repeated"] == [{"text": "blorp zing", "count": 2}]
    assert "private" not in json.dumps(talk)  # said once: counted, never shown


def test_the_csv_holds_the_same_figures(database, fixture_escalations, tracker):
    figures = summary(database, tracker, date(2030, 3, 1), date(2030, 3, 2), NOW, DEADLINES)
    rows = list(csv.reader(io.StringIO(summary_csv(figures))))
    assert rows[0] == ["section", "key", "level", "value"]
    assert ["escalations_per_day", "2030-03-02", "urgent", "2"] in rows
    assert ["time_to_acknowledge", "p90_minutes", "emergency", "12.0"] in rows
    assert ["screenings", "self_care", "", "2"] in rows
    assert ["not_understood_repeated", "blorp zing", "", "2"] in rows
