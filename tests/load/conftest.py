"""Load test: the real servers on free ports with temporary databases, 50 concurrent
conversations through the REST channel.

Every test here gets the `load` marker. They run with
`python -m pytest tests/load -m load`; a run whose -m does not ask for them skips them, so
`make unit` and plain `pytest` stay fast (tests/conftest.py).
"""
