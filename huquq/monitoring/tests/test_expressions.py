"""The expression subset: property tests against Python's own arithmetic and logic."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huquq.monitoring import expressions as ex

numbers = st.integers(min_value=-1000, max_value=1000)


def ev(text, answers=None, current=None):
    answers = answers or {}
    return ex.evaluate(ex.parse(text), answers.get, current)


@given(a=numbers, b=numbers)
def test_comparisons_match_python(a, b):
    assert ev("${a} < ${b}", {"a": a, "b": b}) is (a < b)
    assert ev(f"{a} >= {b}".replace("-", " - 0 + -") if False else "${a} >= ${b}", {"a": a, "b": b}) is (a >= b)
    assert ev("${a} = ${b}", {"a": a, "b": b}) is (a == b)
    assert ev("${a} != ${b}", {"a": a, "b": b}) is (a != b)


@given(a=numbers, b=numbers)
def test_arithmetic_matches_python(a, b):
    answers = {"a": a, "b": b}
    assert ev("${a} + ${b} * 2", answers) == a + b * 2
    assert ev("(${a} - ${b}) * 3", answers) == (a - b) * 3
    if b != 0:
        assert ev("${a} div ${b}", answers) == pytest.approx(a / b)
        assert ev("${a} mod ${b}", answers) == math.fmod(a, b)


@given(p=st.booleans(), q=st.booleans())
def test_logic_matches_python(p, q):
    answers = {"p": "yes" if p else "", "q": "yes" if q else ""}
    assert ev("${p} and ${q}", answers) is (p and q)
    assert ev("${p} or ${q}", answers) is (p or q)
    assert ev("not(${p})", answers) is (not p)
    assert ev("not(not(${p} or ${q}))", answers) is (p or q)


@given(chosen=st.lists(st.sampled_from(["a", "b", "c", "none"]), unique=True), probe=st.sampled_from("abcx"))
def test_selected_and_count_selected(chosen, probe):
    value = " ".join(chosen)
    assert ev(f"selected(${{m}}, '{probe}')", {"m": value}) is (probe in chosen)
    assert ev("count-selected(${m})", {"m": value}) == len(chosen)
    refused = ex.is_true("not(selected(., 'none') and count-selected(.) > 1)", {}.get, value)
    assert refused is not ("none" in chosen and len(chosen) > 1)


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_expression_error(text):
    try:
        node = ex.parse(text)
    except ex.ExpressionError:
        return
    ex.evaluate(node, {}.get, "")  # never anything but a value


def test_unanswered_is_empty_and_compares_false_with_numbers():
    assert ev("${x} > 3") is False and ev("${x} <= 3") is False
    assert ev("${x} = ''") is True
    assert ev("string-length(.)", current="abc") == 3


@pytest.mark.parametrize("text,named", [
    ("today() > ${d}", "today"), ("regex(., '[0-9]+')", "regex"), ("${a} | ${b}", "|"),
    ("/data/a = 1", "/"), ("if(${a}, 1, 2)", "if"), ("../a = 1", ".")])
def test_outside_the_subset_is_refused_naming_it(text, named):
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse(text)
    assert named in str(caught.value)
