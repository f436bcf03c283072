"""The pure parts of tools/evaluate.py: intervals, summaries, conversation checks. No servers."""

from pathlib import Path
from typing import Dict, List

import pytest

from tools.evaluate import (
    ConversationOutcome,
    MessageOutcome,
    Rate,
    SetError,
    SetResult,
    Turn,
    conversation_counts,
    load_set,
    per_language,
    per_tag,
    report,
    run_dialogue,
    set_label,
    summarise,
    unmet_safety_goals,
    wilson_interval,
)

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- Wilson intervals

@pytest.mark.parametrize("hits, n, low, high", [
    (0, 10, 0.0, 0.2775),     # the "rule of three"-like upper bound of an empty sample
    (10, 10, 0.7225, 1.0),
    (5, 10, 0.2366, 0.7634),
    (1, 2, 0.0945, 0.9055),
    (81, 263, 0.2553, 0.3662),  # Wilson's example as tabulated by Newcombe (1998)
])
def test_wilson_interval_matches_known_figures(hits, n, low, high):
    got_low, got_high = wilson_interval(hits, n)
    assert got_low == pytest.approx(low, abs=5e-4)
    assert got_high == pytest.approx(high, abs=5e-4)


def test_wilson_interval_of_nothing_is_everything():
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_rate_prints_value_interval_and_n():
    assert str(Rate(10, 10)) == "100.0% [72.2–100.0] 10/10"
    assert str(Rate(0, 10)) == "0.0% [0.0–27.8] 0/10"
    assert str(Rate(0, 0)) == "n/a (n=0)"


# ---------------------------------------------------------------- message summaries

def message(level: str, got, topic=None, got_topic=None, replies=(), **extra) -> MessageOutcome:
    item: Dict = {"text": f"{level} -> {got}", "level": level, **extra}
    if topic:
        item["topic"] = topic
    return MessageOutcome(item, got, got_topic, list(replies))


def test_summary_counts_each_measure_over_the_right_items():
    outcomes = [
        message("emergency", "emergency"),
        message("emergency", "urgent"),          # escalated, but not as an emergency
        message("urgent", "urgent"),
        message("urgent", "self_care"),          # a missed escalation
        message("self_care", "self_care"),
        message("self_care", "urgent"),          # over-triage
        message("info", "info", topic="what_is", got_topic="what_is"),
        message("info", "info", topic="schedule", got_topic="what_is"),
        message("none", None),                   # small talk: no level is "none"
    ]
    figures = summarise(outcomes)
    assert figures["emergency sensitivity"] == Rate(1, 2)
    assert figures["escalation sensitivity"] == Rate(3, 4)
    assert figures["self-care over-triage"] == Rate(1, 2)
    assert figures["exact level accuracy"] == Rate(6, 9)
    assert figures["questions on topic"] == Rate(1, 2)
    assert "conversations passed" not in figures
    assert "crisis replies with 988" not in figures
    assert "other-language emergencies given 911 advice" not in figures


def test_topic_is_measured_only_on_items_that_carry_one():
    figures = summarise([message("emergency", "emergency"), message("none", None)])
    assert "questions on topic" not in figures


def test_an_error_is_never_a_hit():
    outcome = message("none", None)
    outcome.error = "connection refused"
    assert summarise([outcome])["exact level accuracy"] == Rate(0, 1)
    assert not outcome.correct


def test_other_languages_and_crisis_look_at_the_replies():
    outcomes = [
        message("emergency", "emergency", lang="es", replies=["Llame al 911 ahora."]),
        message("emergency", "urgent", lang="es", replies=["Su equipo ha sido avisado."]),
        message("self_care", "self_care", lang="zh", replies=["..."]),
        message("emergency", "emergency", lang="en", replies=["Call 911"]),
        message("emergency", "emergency", tags=["crisis"], replies=["Call or text 988."]),
        message("emergency", "emergency", tags=["crisis"], replies=["Call 911."]),
    ]
    figures = summarise(outcomes)
    assert figures["other-language emergencies given 911 advice"] == Rate(1, 2)
    assert figures["crisis replies with 988"] == Rate(1, 2)
    languages = per_language(outcomes)
    assert list(languages) == ["en", "es", "zh"]
    assert languages["es"]["exact"] == Rate(1, 2)
    assert languages["es"]["escalation sensitivity"] == Rate(2, 2)
    assert languages["es"]["emergencies given 911"] == Rate(1, 2)
    assert languages["zh"]["emergencies given 911"] == Rate(0, 0)


def test_per_language_is_empty_when_everything_is_english():
    assert per_language([message("none", None), message("none", None, lang="en")]) == {}


def test_per_tag_counts_correct_items():
    outcomes = [
        message("emergency", "emergency", tags=["typo"]),
        message("emergency", "urgent", tags=["typo", "slang"]),
        message("info", "info", topic="a", got_topic="b", tags=["slang"]),
    ]
    assert per_tag(outcomes) == {"slang": Rate(0, 2), "typo": Rate(1, 2)}


# ---------------------------------------------------------------- conversations

class FakeClient:
    """Replies and triage levels scripted per message text; records what was said."""

    def __init__(self, levels: Dict[str, object], fail_on: str = "") -> None:
        self.levels = levels
        self.fail_on = fail_on
        self.level: object = None
        self.said: List[tuple] = []

    def say(self, sender: str, text: str) -> List[str]:
        if text == self.fail_on:
            raise ConnectionError("server went away")
        self.said.append((sender, text))
        if text in self.levels:
            self.level = self.levels[text]
        return [f"reply to {text}"]

    def tracker(self, sender: str) -> Dict:
        return {"sender_id": sender, "slots": {"triage_level": self.level}}


class FakeEscalations:
    """Rows stored so far: the most that any message said so far brought."""

    def __init__(self, rows_after: Dict[str, int], client: FakeClient) -> None:
        self.rows_after = rows_after
        self.client = client
        self.asked: List[str] = []

    def __call__(self, sender: str) -> int:
        self.asked.append(sender)
        return max((self.rows_after.get(text, 0) for _, text in self.client.said), default=0)


SCRIPT = {
    "name": "headache, a little",
    "turns": [{"say": "I have a headache"}, {"say": "a little", "expect_level": "emergency"}],
    "final_level": "emergency",
    "escalations": 1,
    "tags": ["hedged_yes"],
}


def run(script: Dict, levels: Dict[str, object], rows: Dict[str, int], **client_options):
    client = FakeClient(levels, **client_options)
    counter = FakeEscalations(rows, client)
    return run_dialogue(client, script, counter), client, counter


def test_a_conversation_passes_when_every_check_passes():
    outcome, client, counter = run(SCRIPT, {"a little": "emergency"}, {"a little": 1})
    assert outcome.correct and outcome.failures() == []
    assert [turn.level for turn in outcome.turns] == ["none", "emergency"]
    assert outcome.escalations == 1 and outcome.wrong_turn() is None
    # one fresh sender for the whole conversation, escalations counted for it
    senders = {sender for sender, _ in client.said}
    assert len(senders) == 1 and set(counter.asked) == senders
    assert outcome.replies == ["reply to I have a headache", "reply to a little"]


def test_a_failed_turn_check_fails_the_conversation_at_that_turn():
    script = {**SCRIPT, "turns": [{"say": "I have a headache"},
                                  {"say": "a little", "expect_level": "emergency"},
                                  {"say": "help", "expect_level": None}]}
    outcome, _, _ = run(script, {"a little": "urgent", "help": "emergency"}, {"help": 1})
    assert not outcome.correct
    assert outcome.failures() == ["turn 2: level urgent, expected emergency"]
    assert outcome.wrong_turn() == 2
    assert not outcome.missed_escalation  # it ended as an emergency after all


def test_a_missed_escalation_is_reported_at_the_turn_the_level_settled():
    outcome, _, _ = run({**SCRIPT, "turns": [{"say": "I have a headache"}, {"say": "no"},
                                             {"say": "a little"}, {"say": "no"}]},
                        {"I have a headache": None, "no": "self_care"}, {})
    assert outcome.got == "self_care"
    assert outcome.missed_escalation and not outcome.needless_escalation
    assert outcome.failures() == ["final level self_care, expected emergency",
                                  "escalation rows 0, expected 1"]
    assert outcome.wrong_turn() == 2


def test_urgent_for_an_emergency_is_a_missed_escalation():
    outcome, _, _ = run({**SCRIPT, "turns": [{"say": "a little"}]}, {"a little": "urgent"},
                        {"a little": 1})
    assert outcome.missed_escalation


def test_needless_escalation_and_wrong_count():
    script = {"name": "mild", "turns": [{"say": "tired"}, {"say": "no"}, {"say": "nope"}],
              "final_level": "self_care", "escalations": 0}
    outcome, _, _ = run(script, {"no": "urgent"}, {"no": 1})
    assert outcome.needless_escalation and outcome.wrong_count
    assert outcome.wrong_turn() == 2


def test_too_many_rows_is_found_at_the_turn_that_added_them():
    script = {"name": "repeat", "turns": [{"say": "cant breathe"}, {"say": "cant breathe!"},
                                          {"say": "cant breathe!!"}],
              "final_level": "emergency", "escalations": 1}
    levels = {"cant breathe": "emergency"}
    rows = {"cant breathe": 1, "cant breathe!": 2, "cant breathe!!": 3}
    outcome, _, _ = run(script, levels, rows)
    assert outcome.failures() == ["escalation rows 3, expected 1"]
    assert outcome.wrong_turn() == 2
    assert not outcome.missed_escalation and not outcome.needless_escalation


def test_none_is_a_level_and_a_missing_escalation_count_is_not_checked():
    script = {"name": "stop", "turns": [{"say": "tired"}, {"say": "stop", "expect_level": "none"}],
              "final_level": "none"}
    outcome, _, _ = run(script, {}, {})
    assert outcome.correct


def test_escalations_that_cannot_be_counted_fail_the_check():
    outcome = run_dialogue(FakeClient({"a little": "emergency"}), SCRIPT, None)
    assert outcome.failures() == ["escalation rows not counted, expected 1"]


def test_a_server_error_fails_the_conversation_and_keeps_the_turns_so_far():
    outcome, _, _ = run(SCRIPT, {"I have a headache": None}, {}, fail_on="a little")
    assert outcome.error and "server went away" in outcome.error
    assert len(outcome.turns) == 1 and not outcome.correct


def test_conversation_summary_and_safety_goals():
    def done(expected, got, rows=0, expected_rows=0, tags=()):
        item = {"name": f"{expected}->{got}", "turns": [{"say": "x"}], "final_level": expected,
                "escalations": expected_rows, "tags": list(tags)}
        return ConversationOutcome(item, [Turn("x", ["ok"], got)], rows)

    outcomes = [done("emergency", "emergency", 1, 1, ["crisis"]),
                done("urgent", "self_care", 0, 1),
                done("self_care", "urgent", 1, 0),
                done("self_care", "self_care"),
                done("none", "none")]
    figures = summarise(outcomes)
    assert figures["conversations passed"] == Rate(3, 5)
    assert figures["escalation sensitivity"] == Rate(1, 2)
    assert figures["crisis replies with 988"] == Rate(0, 1)
    counts = conversation_counts(outcomes)
    assert counts == {"missed escalations": 1, "needless escalations": 1,
                      "wrong escalation counts": 2}
    unmet = unmet_safety_goals(figures, counts)
    assert any(reason.startswith("escalation sensitivity 50.0%") for reason in unmet)
    assert any(reason.startswith("conversations passed 60.0%") for reason in unmet)
    assert "1 missed escalation(s)" in unmet
    assert not any(reason.startswith("emergency sensitivity") for reason in unmet)


def test_safety_goals_met_and_vacuous_when_a_set_has_no_such_items():
    figures = summarise([message("emergency", "emergency"), message("urgent", "emergency"),
                         message("self_care", "urgent")])  # over-triage is not a safety goal
    assert unmet_safety_goals(figures, {}) == []
    assert unmet_safety_goals(summarise([message("info", "info")]), {}) == []


def test_conversations_pass_goal_is_95_percent():
    def passed(ok):
        item = {"name": "c", "turns": [{"say": "x"}], "final_level": "self_care"}
        return ConversationOutcome(item, [Turn("x", [], "self_care" if ok else "info")], None)

    assert unmet_safety_goals(summarise([passed(True)] * 19 + [passed(False)]), {}) == []
    assert unmet_safety_goals(summarise([passed(True)] * 18 + [passed(False)]), {}) != []


# ---------------------------------------------------------------- set files

def test_the_dev_sets_load():
    kind, items = load_set(ROOT / "tests" / "eval" / "labelled_messages.yml")
    assert kind == "messages" and items
    kind, items = load_set(ROOT / "tests" / "eval" / "conversations.yml")
    assert kind == "conversations" and len(items) >= 30
    assert all(item.get("tags") for item in items)
    assert len({item["name"] for item in items}) == len(items)


@pytest.mark.parametrize("text, complaint", [
    ("- text: hi\n", "`text` and `level`"),
    ("- name: x\n  turns: [{say: hi}]\n", "`final_level`"),
    ("- name: x\n  turns: [{text: hi}]\n  final_level: none\n", "needs `say`"),
    ("- name: x\n  turns: [{say: hi, expect_level: severe}]\n  final_level: none\n",
     "unknown level"),
    ("[]\n", "non-empty"),
])
def test_malformed_sets_are_refused(tmp_path, text, complaint):
    path = tmp_path / "set.yml"
    path.write_text(text)
    with pytest.raises(SetError, match=complaint.replace("`", ".")):
        load_set(path)


def test_blind_sets_are_labelled_as_never_tuned_on():
    blind = ROOT / "tests" / "eval" / "blind" / "messages.yml"
    assert set_label(blind, "messages").startswith("blind set (never tuned on)")
    assert set_label(ROOT / "tests" / "eval" / "conversations.yml",
                     "conversations").startswith("dev set")


def test_report_prints_intervals_tags_and_the_failing_turn(capsys):
    item = {"name": "mild headache, all answers no", "final_level": "self_care",
            "escalations": 0, "tags": ["natural_answers"],
            "turns": [{"say": "headache"}, {"say": "no"}, {"say": "no"}]}
    failing = ConversationOutcome(item, [Turn("headache", ["Right now, do you have..."], "none"),
                                         Turn("no", ["Your care team has been notified"],
                                              "urgent", None, 1),
                                         Turn("no", ["ok"], "urgent", None, 1)], 1)
    report(SetResult("dev set: conversations", "conversations", [failing]), "model")
    out = capsys.readouterr().out
    assert "conversations passed" in out and "0.0% [0.0–79.3] 0/1" in out
    assert "needless escalations                         1" in out
    assert "natural_answers 0.0% [0.0–79.3] 0/1" in out
    assert "went wrong at turn 2" in out
    assert "2. patient: 'no' -> urgent, 1 row(s)   <-- went wrong here" in out
    assert "Your care team has been notified" in out
