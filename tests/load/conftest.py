"""Load test: the real servers on free ports with temporary databases, 50 concurrent
conversations through the REST channel.

Every test here gets the `load` marker. They run with
`python -m pytest tests/load -m load`; a run whose -m does not ask for them skips them, so
`make unit` (`-m "not integration"`) and plain `pytest` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

LOAD_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "load: concurrent conversations against real servers")


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    asked = "load" in (config.getoption("markexpr") or "")
    skip = pytest.mark.skip(reason="load test: run with `pytest tests/load -m load`")
    for item in items:
        if LOAD_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.load)
            if not asked:
                item.add_marker(skip)
