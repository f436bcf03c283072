"""Shared fixtures: the real domain, a temporary escalation database, tracker helpers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent

# Slow suites that start real servers or a browser: each folder's tests get its marker
# and run only when -m names it (`make browser`, `make load`, `make fuzz`), so a plain
# `pytest` and `make unit` stay fast.
OPT_IN_SUITES = {"browser": "make browser", "load": "make load", "fuzz": "make fuzz"}


def pytest_collection_modifyitems(config, items) -> None:
    asked = config.getoption("markexpr") or ""
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(ROOT).parts
        suite = parts[1] if len(parts) > 2 and parts[0] == "tests" else None
        if suite in OPT_IN_SUITES:
            item.add_marker(getattr(pytest.mark, suite))
            if suite not in asked:
                item.add_marker(pytest.mark.skip(
                    reason=f"{suite} test: run with `{OPT_IN_SUITES[suite]}` (-m {suite})"))


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The domain the action server receives: domain.yml merged with data/content."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    return importer.get_domain().as_dict()


@pytest.fixture()
def database(tmp_path, monkeypatch):
    """A fresh SQLite escalation database that the actions use."""
    from store import database as db

    database = db.Database(f"sqlite:///{tmp_path / 'escalations.db'}")
    database.migrate()
    monkeypatch.setattr(db, "_database", database)
    return database


def user_event(text: str, intent: str, entities: Optional[List[Dict[str, Any]]] = None,
               response_selector: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    parse = {"text": text, "intent": {"name": intent, "confidence": 1.0},
             "entities": entities or []}
    if response_selector:
        parse["response_selector"] = response_selector
    return {"event": "user", "text": text, "parse_data": parse}


def red_flag(name: str) -> Dict[str, Any]:
    return {"entity": "red_flag", "value": name, "start": 0, "end": 1}


def make_tracker(events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None,
                 sender_id: str = "patient-1"):
    from rasa_sdk import Tracker

    latest = next((e["parse_data"] for e in reversed(events) if e["event"] == "user"), {})
    return Tracker(sender_id, slots or {}, latest, events, False, None, {}, "action_listen")
