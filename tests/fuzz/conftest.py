"""Fuzz tests: the real servers on free ports with temporary databases, generated and
malformed input at the REST and socket.io channels.

Every test here gets the `fuzz` marker. They run with
`python -m pytest tests/fuzz -m fuzz`; a run whose -m does not ask for them skips them, so
`make unit` and plain `pytest` stay fast (tests/conftest.py).
"""
