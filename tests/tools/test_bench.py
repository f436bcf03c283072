"""The benchmark's figures and goals (tools/bench.py), without starting servers."""

from __future__ import annotations

import pytest
import yaml

from tools import bench
from tools.bench import Sample


def samples(milliseconds):
    return [Sample("question", 0.0, ms / 1000, 200, 1) for ms in milliseconds]


def test_growth_compares_the_last_100_messages_with_the_first_100():
    figures = {}
    bench.growth(figures, samples([50] * 100 + [70] * 300 + [100] * 100))
    assert figures["window"] == 100
    assert figures["first_p95_ms"] == 50.0 and figures["last_p95_ms"] == 100.0
    assert figures["last_over_first"] == 2.0


def test_a_short_conversation_compares_fifths():
    figures = {}
    bench.growth(figures, samples([10] * 8 + [20] * 24 + [30] * 8))
    assert figures["window"] == 8 and figures["last_over_first"] == 3.0


def results(**ours_over):
    ours = {"a": {"failures": 0}, "a_long": {"failures": 0, "last_over_first": 1.1},
            "b": {"msgs_per_s": 48.0, "failures": 0}, "nlu": {"msgs_per_s": 80.0, "failures": 0},
            "c": {"p95_ms": 120.0, "failures": 0, "conversations": 50},
            "d": {"rasa_largest_process_mb": 850.0, "rasa_rss_mb": 2200.0, "rasa_processes": 3}}
    for path, value in ours_over.items():
        phase, key = path.split("__")
        ours[phase][key] = value
    return {"ours": ours, "stock": {"b": {"msgs_per_s": 11.0}}}


def met(rows):
    return {label.split(" ")[0] + (" nlu" if "NLU" in label else ""): ok
            for label, _, _, ok in rows}


def test_every_goal_met():
    rows = bench.goals(results())
    assert all(ok for *_, ok in rows), rows
    assert "4.36x" in rows[2][2] and "0.60" in rows[3][2]


def test_each_goal_can_be_missed():
    assert met(bench.goals(results(c__p95_ms=301.0)))["(c)"] is False
    assert met(bench.goals(results(c__failures=1)))["(c)"] is False
    assert met(bench.goals(results(a_long__last_over_first=1.3)))["(a')"] is False
    assert met(bench.goals(results(b__msgs_per_s=40.0)))["(b)"] is False  # 3.6x stock
    assert met(bench.goals(results(nlu__msgs_per_s=100.0)))["(b) nlu"] is False
    assert met(bench.goals(results(d__rasa_largest_process_mb=1400.0)))["(d)"] is False
    assert met(bench.goals(results(b__failures=2)))["failures"] is False


def test_a_goal_without_its_figure_is_not_claimed():
    figures = results()
    del figures["stock"]
    rows = bench.goals(figures)
    assert rows[2][3] is None and rows[2][2] == "-"
    assert "| (b) saturation throughput, ours / stock | >= 4x | - | - |" in bench.markdown(
        {**figures, "meta": {"name": "t", "date": "d", "commit": "c", "dirty": False,
                             "rasa": "3.6", "python": "3.10", "cpus": 2, "workers": 2,
                             "command": "x", "model": "m", "model_mtime": "t",
                             "model_sha256": "0" * 64,
                             "plan": {"sequential_messages": 200, "clients": 16,
                                      "saturation_seconds": 30, "patients": 50, "pause": 3,
                                      "patient_seconds": 60, "long_messages": 500}}})


def test_ours_is_served_as_make_run_serves_it_and_stock_as_rasa_run(tmp_path, monkeypatch):
    monkeypatch.delenv("SANIC_WORKERS", raising=False)
    ours = bench.bench_servers(tmp_path / "m.tar.gz", 2, tmp_path / "ours")
    written = yaml.safe_load(ours.endpoints.read_text())
    assert written["lock_store"] == {"type": "rasa_addons.lock_store.FileLockStore",
                                     "directory": str(tmp_path / "ours" / "locks")}
    assert ours.env["SANIC_WORKERS"] == "2"
    stock = bench.bench_servers(tmp_path / "m.tar.gz", 1, tmp_path / "stock", stock=True)
    assert "lock_store" not in yaml.safe_load(stock.endpoints.read_text())  # in memory
    redis = bench.bench_servers(tmp_path / "m.tar.gz", 2, tmp_path / "redis", lock_store="redis")
    assert yaml.safe_load(redis.endpoints.read_text())["lock_store"]["type"] == "redis"


def test_the_file_lock_store_needs_no_redis(monkeypatch):
    monkeypatch.setattr(bench, "redis_reachable", lambda: False)
    # CI sets REQUIRE_SERVICES=1; this test is about the developer's machine without Redis.
    monkeypatch.delenv("REQUIRE_SERVICES", raising=False)
    assert bench.workers_available(2, "file") == 2
    assert bench.workers_available(2, "redis") == 1


def test_without_redis_ci_refuses_to_measure_fewer_workers_than_asked(monkeypatch):
    monkeypatch.setattr(bench, "redis_reachable", lambda: False)
    monkeypatch.setenv("REQUIRE_SERVICES", "1")
    assert bench.workers_available(2, "file") == 2
    with pytest.raises(SystemExit, match="REQUIRE_SERVICES=1"):
        bench.workers_available(2, "redis")


def test_the_report_is_written_with_stock_measured_at_saturation_only():
    figures = results()
    figures["stock"]["d"] = {"rasa_largest_process_mb": 1500.0}
    figures["ours"]["a_long"].update(first_p95_ms=50.0, last_p95_ms=55.0, p95_ms=60.0)
    figures["meta"] = {"name": "bench", "date": "d", "commit": "c", "dirty": False,
                       "rasa": "3.6", "python": "3.10", "cpus": 2, "workers": 2,
                       "lock_store": "file", "stock_workers": 1, "command": "x", "model": "m",
                       "model_mtime": "t", "model_sha256": "0" * 64,
                       "plan": {"sequential_messages": 200, "clients": 16,
                                "saturation_seconds": 30, "patients": 50, "pause": 3,
                                "patient_seconds": 60, "long_messages": 500}}
    page = bench.markdown(figures)
    assert "| (b) saturation throughput, ours / stock | >= 4x | 4.36x (48.0 / 11.0) | yes |" in page
    assert "| (a') p95 latency, its last 100 messages (ms) | 55.0 | - | - |" in page
    assert "lock store: file" in page
    assert "[met]" in bench.goals_text(figures)
    assert "(b') NLU-only throughput" in bench.text_table(figures)
