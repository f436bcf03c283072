"""The figures of the staff analytics page (GET /api/analytics/summary): escalations per
day by level, how fast the care team acknowledged them against each level's deadline, how
many went overdue, and, from Rasa's tracker store (store/rasa_events.py), how symptom
screenings ended, what patients asked about, and what the assistant did not understand.

Days are UTC calendar days, `start` and `end` included. Percentiles are by nearest rank
(the value below which that share of the times fall), so they are always times that
really happened.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional, Sequence

from sqlalchemy.engine import Engine

from store.database import Database
from store.models import Escalation, as_utc
from store.rasa_events import ANALYTICS_SLOTS, FALLBACK_INTENT, SCREENING_FORM, analytics_events

# Levels shown in this order first; any other stored level follows.
LEVEL_ORDER = ("emergency", "urgent", "contact_request", "data_deletion")
ESCALATED = ("urgent", "emergency")
# A message the assistant did not understand is listed by its words only when at least
# this many patients' messages had the same words (no single patient's message is shown).
MIN_REPEATS_SHOWN = 2
MAX_SHOWN = 20
MAX_TEXT_CHARS = 80


def percentile(values: Sequence[float], share: float) -> Optional[float]:
    """Nearest-rank percentile of `values` (share in (0, 1]); None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def day_bounds(start: date, end: date) -> tuple:
    first = datetime.combine(start, time(0), tzinfo=timezone.utc)
    after = datetime.combine(end + timedelta(days=1), time(0), tzinfo=timezone.utc)
    return first, after


def _days(start: date, end: date) -> List[str]:
    return [(start + timedelta(days=offset)).isoformat() for offset in range((end - start).days + 1)]


def _levels(found: Sequence[str]) -> List[str]:
    return [*(level for level in LEVEL_ORDER if level in found),
            *sorted(level for level in set(found) if level not in LEVEL_ORDER)]


def escalation_figures(database: Database, start: date, end: date, now: datetime,
                       deadlines: Mapping[str, int]) -> Dict[str, Any]:
    first, after = day_bounds(start, end)
    with database.session() as session:
        rows = session.query(Escalation).filter(Escalation.created_at >= first,
                                                Escalation.created_at < after).all()
    levels = _levels([row.level for row in rows] + [level for level in deadlines])
    per_day = {day: {level: 0 for level in levels} for day in _days(start, end)}
    waits: Dict[str, List[float]] = defaultdict(list)
    waiting: Counter = Counter()
    late: Counter = Counter()
    with_deadline: Counter = Counter()
    for row in rows:
        created = as_utc(row.created_at)
        per_day[created.date().isoformat()][row.level] += 1
        acknowledged, due = as_utc(row.acknowledged_at), as_utc(row.due_at)
        if acknowledged is not None:
            waits[row.level].append((acknowledged - created).total_seconds() / 60)
        else:
            waiting[row.level] += 1
        if due is not None:
            with_deadline[row.level] += 1
            if (acknowledged or now) > due:
                late[row.level] += 1
    acknowledge = []
    for level in levels:
        minutes = waits.get(level, [])
        deadline = deadlines.get(level)
        acknowledge.append({
            "level": level,
            "acknowledged": len(minutes),
            "not_acknowledged": waiting[level],
            "median_minutes": _round(percentile(minutes, 0.5)),
            "p90_minutes": _round(percentile(minutes, 0.9)),
            "deadline_minutes": deadline,
            "within_deadline": (sum(1 for value in minutes if value <= deadline)
                                if deadline else None),
        })
    total_with_deadline = sum(with_deadline.values())
    return {
        "levels": levels,
        "per_day": [{"day": day, "counts": counts} for day, counts in per_day.items()],
        "total": len(rows),
        "time_to_acknowledge": acknowledge,
        "overdue": {
            "count": sum(late.values()),
            "of": total_with_deadline,
            "share": round(sum(late.values()) / total_with_deadline, 3) if total_with_deadline else None,
            "by_level": {level: {"count": late[level], "of": with_deadline[level]}
                         for level in levels if with_deadline[level]},
        },
    }


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 1)


def conversation_figures(engine: Optional[Engine], start: date, end: date) -> Dict[str, Any]:
    """Screenings' outcomes, questions by topic, and messages not understood, from Rasa's
    events in the range."""
    first, after = day_bounds(start, end)
    rows = analytics_events(engine, first.timestamp(), after.timestamp()) if engine else []
    screenings = Counter()
    screening_open: Dict[str, bool] = {}
    topics: Counter = Counter()
    intents: Counter = Counter()
    outcomes: Counter = Counter()
    not_understood = 0
    not_understood_per_day: Counter = Counter()
    texts: Counter = Counter()
    for sender, kind, intent, raw, timestamp in rows:
        try:
            event = json.loads(raw or "{}")
        except ValueError:
            continue
        if kind == "active_loop":
            if event.get("name") == SCREENING_FORM:
                screenings["started"] += 1
                screening_open[sender] = True
        elif kind == "user":
            if intent == FALLBACK_INTENT:
                not_understood += 1
                day = datetime.fromtimestamp(timestamp, timezone.utc).date().isoformat()
                not_understood_per_day[day] += 1
                words = " ".join(str(event.get("text") or "").lower().split())[:MAX_TEXT_CHARS]
                if words:
                    texts[words] += 1
            elif intent and intent.startswith("ask_"):
                intents[intent] += 1
        elif kind == "slot" and event.get("name") in ANALYTICS_SLOTS and event.get("value"):
            value = str(event["value"])
            if event["name"] == "answer_topic":
                topics[value] += 1
                continue
            outcomes[value] += 1
            if screening_open.pop(sender, False):
                # The first level set after a screening began is where it ended.
                if value == "self_care":
                    screenings["self_care"] += 1
                elif value in ESCALATED:
                    screenings["escalated"] += 1
                else:
                    screenings["other"] += 1
    screenings["unfinished"] = sum(screening_open.values())
    return {
        "available": engine is not None,
        "screenings": {name: screenings[name]
                       for name in ("started", "self_care", "escalated", "other", "unfinished")},
        "triage_outcomes": dict(outcomes.most_common()),
        "questions_by_intent": [{"intent": name, "count": count}
                                for name, count in intents.most_common()],
        "questions_by_topic": [{"topic": name, "count": count}
                               for name, count in topics.most_common(MAX_SHOWN)],
        "not_understood": {
            "count": not_understood,
            "per_day": [{"day": day, "count": not_understood_per_day[day]}
                        for day in _days(start, end)],
            "repeated": [{"text": text, "count": count} for text, count in texts.most_common()
                         if count >= MIN_REPEATS_SHOWN][:MAX_SHOWN],
        },
    }


def summary(database: Database, engine: Optional[Engine], start: date, end: date,
            now: datetime, deadlines: Mapping[str, int]) -> Dict[str, Any]:
    return {"from": start.isoformat(), "to": end.isoformat(), "generated_at": now.isoformat(),
            "escalations": escalation_figures(database, start, end, now, deadlines),
            "conversations": conversation_figures(engine, start, end)}


def spreadsheet_safe(text: str) -> str:
    """Patients' words never start a formula in the spreadsheet that opens the CSV."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def summary_csv(figures: Dict[str, Any]) -> str:
    """The summary as one CSV table: section, key, level, value (a spreadsheet pivots it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "level", "value"])
    escalations, conversations = figures["escalations"], figures["conversations"]
    for day in escalations["per_day"]:
        for level, count in day["counts"].items():
            writer.writerow(["escalations_per_day", day["day"], level, count])
    for row in escalations["time_to_acknowledge"]:
        for key in ("acknowledged", "not_acknowledged", "median_minutes", "p90_minutes",
                    "deadline_minutes", "within_deadline"):
            writer.writerow(["time_to_acknowledge", key, row["level"],
                             "" if row[key] is None else row[key]])
    overdue = escalations["overdue"]
    writer.writerow(["overdue", "count", "", overdue["count"]])
    writer.writerow(["overdue", "of", "", overdue["of"]])
    writer.writerow(["overdue", "share", "", "" if overdue["share"] is None else overdue["share"]])
    for name, count in conversations["screenings"].items():
        writer.writerow(["screenings", name, "", count])
    for row in conversations["questions_by_intent"]:
        writer.writerow(["questions_by_intent", row["intent"], "", row["count"]])
    for row in conversations["questions_by_topic"]:
        writer.writerow(["questions_by_topic", row["topic"], "", row["count"]])
    writer.writerow(["not_understood", "count", "", conversations["not_understood"]["count"]])
    for row in conversations["not_understood"]["per_day"]:
        writer.writerow(["not_understood_per_day", row["day"], "", row["count"]])
    for row in conversations["not_understood"]["repeated"]:
        writer.writerow(["not_understood_repeated", spreadsheet_safe(row["text"]), "", row["count"]])
    return out.getvalue()
