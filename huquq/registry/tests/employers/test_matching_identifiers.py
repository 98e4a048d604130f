"""Check digits of INN, OGRN/OGRNIP and BIN: valid and invalid examples, and the generators."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huquq.registry.employers.matching import identifiers as ids

VALID_INN = ["7707083893", "7830002293", "500100732259", "7707 083 893"]
INVALID_INN = ["7707083894", "500100732258", "500100732250", "770708389", "77070838931", "abcdefghij", ""]
VALID_OGRN = ["1027700132195", "1022200525819", "304500116000157"]
INVALID_OGRN = ["1027700132196", "304500116000158", "102770013219", "1027700132195X"]
VALID_BIN = ["940140000385", "990140004654"]
INVALID_BIN = ["940140000386", "941340000385", "940170000385", "94014000038", ""]


@pytest.mark.parametrize("value", VALID_INN)
def test_valid_inn(value):
    assert ids.inn_is_valid(value)


@pytest.mark.parametrize("value", INVALID_INN)
def test_invalid_inn(value):
    assert not ids.inn_is_valid(value)


@pytest.mark.parametrize("value", VALID_OGRN)
def test_valid_ogrn(value):
    assert ids.ogrn_is_valid(value)


@pytest.mark.parametrize("value", INVALID_OGRN)
def test_invalid_ogrn(value):
    assert not ids.ogrn_is_valid(value)


@pytest.mark.parametrize("value", VALID_BIN)
def test_valid_bin(value):
    assert ids.bin_is_valid(value)


@pytest.mark.parametrize("value", INVALID_BIN)
def test_invalid_bin(value):
    assert not ids.bin_is_valid(value)


def test_classify_and_explain():
    assert ids.classify("7707083893") == ids.Identifier("inn", "7707083893")
    assert ids.classify("940140000385") == ids.Identifier("bin", "940140000385")
    assert ids.classify("1027700132195").scheme == "ogrn"
    assert ids.classify("304500116000157").scheme == "ogrnip"
    assert ids.classify("7707083894") is None
    assert "check digit" in ids.explain_invalid("7707083894")
    assert "digits" in ids.explain_invalid("12345")
    assert "other than digits" in ids.explain_invalid("77O7083893")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9), st.integers(1, 9))
def test_generated_inn10_is_valid_and_a_changed_last_digit_is_not(first9, _, delta):
    inn = ids.make_inn10(first9)
    assert ids.inn_is_valid(inn)
    broken = inn[:9] + str((int(inn[9]) + delta) % 10)
    assert not ids.inn_is_valid(broken)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_generated_inn12_is_valid(first10):
    assert ids.inn_is_valid(ids.make_inn12(first10))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.text(alphabet="0123456789", min_size=5, max_size=5))
def test_generated_bin_is_valid(month, serial):
    made = ids.make_bin(f"10{month:02d}40{serial}")
    if made is not None:  # a few prefixes admit no check digit at all
        assert ids.bin_is_valid(made)
        assert not ids.bin_is_valid(made[:11] + str((int(made[11]) + 1) % 10))


# The published algorithms, written out independently of the code under test (which uses python-stdnum for
# INN and OGRN): the library must agree with them on every number.
def _official_inn_ok(number: str) -> bool:
    def digit(weights, digits):
        return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10

    if len(number) == 10:
        return digit((2, 4, 10, 3, 5, 9, 4, 6, 8), number) == int(number[9])
    return (digit((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), number) == int(number[10])
            and digit((3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8), number) == int(number[11]))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789", min_size=10, max_size=10),
                 st.text(alphabet="0123456789", min_size=12, max_size=12)))
def test_inn_check_agrees_with_the_published_algorithm(number):
    assert ids.inn_is_valid(number) == _official_inn_ok(number)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12).filter(lambda d: d[0] != "0"),
       st.integers(0, 9))
def test_ogrn_check_agrees_with_the_published_algorithm(first12, last):
    number = first12 + str(last)
    assert ids.ogrn_is_valid(number) == (int(first12) % 11 % 10 == last)


def test_ogrnip_whose_remainder_is_ten_or_more_is_valid():
    # The lowest digit of the remainder is the check digit (python-stdnum would refuse these numbers).
    first14 = next(str(n) for n in range(30450011600015, 30450011600115) if n % 13 >= 10)
    assert ids.ogrn_is_valid(first14 + str(int(first14) % 13 % 10))
