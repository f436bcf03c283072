"""Fuzz tests: the real servers on free ports with temporary databases, generated and
malformed input at the REST and socket.io channels.

Every test here gets the `fuzz` marker. They run with
`python -m pytest tests/fuzz -m fuzz`; a run whose -m does not ask for them skips them, so
`make unit` (`-m "not integration"`) and plain `pytest` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

FUZZ_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: generated and malformed input against real servers")


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    asked = "fuzz" in (config.getoption("markexpr") or "")
    skip = pytest.mark.skip(reason="fuzz test: run with `pytest tests/fuzz -m fuzz`")
    for item in items:
        if FUZZ_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.fuzz)
            if not asked:
                item.add_marker(skip)
