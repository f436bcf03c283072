"""Screening answers in patients' own words: yes, no, unsure, a temperature, asked at most twice."""

import pytest

from clinical.answers import NO, UNCLEAR, UNSURE, YES, interpret_answer, is_short_answer
from clinical.screening import MAX_ASKS, decide_answer


@pytest.mark.parametrize("text", [
    "yes", "Yeah", "yep!", "a little", "kinda", "sort of, it's spreading to my back now",
    "a bit", "maybe a little", "slightly", "I think so", "on and off", "probably",
    "maybe a teeny bit?", "a wee bit",
])
def test_plain_and_hedged_yes_count_as_yes(text):
    assert interpret_answer(text) == interpret_answer("yes")
    assert interpret_answer(text).kind == YES


@pytest.mark.parametrize("text", [
    "no", "nope", "nah", "not really", "not at all", "No, my breathing is fine and my lips "
    "aren't swollen", "I don't think so", "probably not", "nothing like that", "fine",
])
def test_plain_and_natural_no_count_as_no(text):
    assert interpret_answer(text).kind == NO


@pytest.mark.parametrize("text", ["not sure", "idk", "I don't know", "no idea", "maybe", "dunno"])
def test_unsure_is_neither_yes_nor_no(text):
    assert interpret_answer(text).kind == UNSURE


def test_words_that_are_not_an_answer_are_unclear():
    assert interpret_answer("I am feeling dizzy").kind == UNCLEAR
    assert interpret_answer("what time is it").kind == UNCLEAR


@pytest.mark.parametrize("text, high", [
    ("no, it's under 38", False), ("37.6", False), ("38.4", True), ("it was 101 F", True),
    ("99.1", False), ("over 100.4", True), ("no it's 38.5", True), ("yes, 37.2", False),
])
def test_a_temperature_answers_the_fever_question_by_the_threshold(text, high):
    assert interpret_answer(text, temperature_threshold=True).value is high


def test_a_number_does_not_answer_a_question_that_is_not_about_temperature():
    assert interpret_answer("38.5").kind == UNCLEAR


def test_unsure_twice_takes_the_safe_side_and_no_question_is_asked_a_third_time():
    first = decide_answer("screen_breathing", "not sure", 0)
    assert first.value is None and first.unanswered == 1
    second = decide_answer("screen_breathing", "hmm hard to say", first.unanswered)
    assert second.value is True and second.took_safe_side
    assert MAX_ASKS == 2


def test_a_clear_answer_after_an_unsure_one_is_taken_as_given():
    assert decide_answer("screen_getting_worse", "no", 1).value is False


def test_short_answers_are_told_apart_from_reports():
    assert is_short_answer("a little")
    assert is_short_answer("nope")
    assert not is_short_answer("my lips are swelling")
    assert not is_short_answer("no, but now my chest hurts a lot when I breathe in")


def test_a_parent_passing_on_a_childs_answer_is_read_as_the_answer():
    from clinical.answers import YES, NO, interpret_answer

    assert interpret_answer("he says a little").kind == YES
    assert interpret_answer("my daughter said no").kind == NO
    assert interpret_answer("um, no").kind == NO
