"""Resident ID numbers (GB 11643) and unified social credit codes (GB 32100)."""

from __future__ import annotations

import datetime
import random
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from onewindow.core.identity import (
    clean_resident_id,
    clean_uscc,
    resident_id_warnings,
    validate_resident_id,
    validate_uscc,
)
from onewindow.core.identity_makers import DEMO_AREAS, make_resident_id, make_uscc

# No example database on disk (the suite runs with -p no:cacheprovider and in CI checkouts).
pure = settings(database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ID_RE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def id_error_code(value: str) -> str | None:
    with pytest.raises(ValidationError) as info:
        clean_resident_id(value)
    return info.value.code


def uscc_error_code(value: str) -> str | None:
    with pytest.raises(ValidationError) as info:
        clean_uscc(value)
    return info.value.code


def an_id_ending_in_x() -> str:
    rng = random.Random(7)
    while True:
        number = make_resident_id(rng)
        if number.endswith("X"):
            return number


# --- resident ID: accepted ------------------------------------------------------------------------


def test_made_ids_are_accepted_unchanged():
    rng = random.Random(1)
    for _ in range(200):
        number = make_resident_id(rng)
        assert clean_resident_id(number) == number
        validate_resident_id(number)  # the model field's validator agrees


def test_real_world_sample_is_accepted():
    # The GB 11643 sample number.
    assert clean_resident_id("11010519491231002X") == "11010519491231002X"


def test_lower_case_x_is_normalised():
    number = an_id_ending_in_x()

    assert clean_resident_id(number.lower()) == number


def test_surrounding_whitespace_is_ignored():
    number = make_resident_id(random.Random(2))

    assert clean_resident_id(f"  {number}\t") == number


def test_full_width_digits_from_a_chinese_keyboard_are_normalised():
    number = make_resident_id(random.Random(3))
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))

    assert clean_resident_id(full_width) == number


def test_birth_date_boundaries():
    today = datetime.date.today()
    assert clean_resident_id(with_check_digit(f"620123{today:%Y%m%d}001"))
    assert clean_resident_id(with_check_digit("62012318800101001"))
    assert clean_resident_id(with_check_digit("62012320000229001"))  # a leap day


# --- resident ID: refused -------------------------------------------------------------------------


def test_wrong_check_digit_is_refused():
    number = make_resident_id(random.Random(4))
    wrong = number[:17] + ("0" if number[17] != "0" else "1")

    assert id_error_code(wrong) == "id_checksum"


@pytest.mark.parametrize(
    "date",
    ["19900230", "19900431", "19901301", "19900001", "19000229", "20230229", "00000000"],
)
def test_impossible_birth_date_is_refused_even_with_a_correct_check_digit(date):
    assert id_error_code(with_check_digit(f"620123{date}001")) == "id_birth_date"


def test_future_birth_date_is_refused():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    assert id_error_code(with_check_digit(f"620123{tomorrow:%Y%m%d}001")) == "id_birth_date"


def test_birth_before_1880_is_refused():
    assert id_error_code(with_check_digit("62012318791231001")) == "id_birth_date"


@pytest.mark.parametrize("length", [0, 1, 15, 17, 19, 20])
def test_wrong_length_is_refused(length):
    number = make_resident_id(random.Random(5)) * 2

    assert id_error_code(number[:length]) == "id_length"


def test_length_message_names_the_length():
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            clean_resident_id("62012319900101123")
        messages = info.value.messages

    assert messages == ["A resident ID number has 18 characters; this one has 17."]


@pytest.mark.parametrize(
    "value",
    [
        "62012A199001011234",  # a letter in the area code
        "620123199001011A34",  # a letter in the sequence
        "62012319900101123Y",  # a check character other than X
        "X20123199001011234",  # X anywhere but at the end
    ],
)
def test_letters_are_refused(value):
    assert id_error_code(value) == "id_format"


@pytest.mark.parametrize(
    "odd_digit",
    [
        "²",  # superscript two: str.isdigit() says yes, int() says no
        "١",  # Arabic-Indic one: a Unicode decimal digit
        "𝟙",  # mathematical bold one
    ],
)
@pytest.mark.parametrize("position", [2, 8, 15])
def test_non_ascii_digits_are_refused_not_crashing(odd_digit, position):
    number = make_resident_id(random.Random(6))
    value = number[:position] + odd_digit + number[position + 1 :]

    with pytest.raises(ValidationError):
        clean_resident_id(value)


def test_a_look_alike_digit_of_the_same_value_is_not_stored():
    # "١" is ARABIC-INDIC DIGIT ONE: int() reads it as 1, so the check digit still matches.
    number = with_check_digit("62012319900101001")
    look_alike = number.replace("1", "١", 1)

    assert id_error_code(look_alike) == "id_format"


@pure
@given(st.text(max_size=24))
@example("²" * 18)
@example("620²23200101249705")
def test_any_input_is_either_a_canonical_id_or_a_validation_error(value):
    try:
        number = clean_resident_id(value)
    except ValidationError:
        return
    assert ID_RE.fullmatch(number)


# --- resident ID: the area-code warning -----------------------------------------------------------


def test_unknown_area_code_is_only_a_warning():
    # 629999 is no division of GB/T 2260, but the check digit is right: accepted, with a warning.
    number = clean_resident_id(with_check_digit("62999919900101001"))

    with translation.override("en"):
        warnings = resident_id_warnings(number)

    assert len(warnings) == 1
    assert "629999" in warnings[0]
    assert "compare the number with the card" in warnings[0]


def test_area_code_abolished_before_the_birth_year_is_a_warning():
    # 620102 (城关区) only exists from 1983 on in python-stdnum's table.
    number = with_check_digit("62010219600101001")

    assert clean_resident_id(number) == number
    assert len(resident_id_warnings(number)) == 1


@pytest.mark.parametrize("area", sorted(set(DEMO_AREAS)))
def test_known_area_codes_give_no_warning(area):
    number = make_resident_id(random.Random(8), area=area)

    assert resident_id_warnings(number) == []


# --- resident ID: every single-character substitution is caught -----------------------------------
#
# ISO 7064 MOD 11-2: the weight of each of the 17 body positions is a power of 2 modulo 11, never 0,
# and 11 is prime, so replacing one digit by another (a difference of 1..9) always changes the sum
# modulo 11; replacing the check character by any other one is a mismatch by definition. A character
# that is not a digit (or X at the end) fails the format check. The one "change" that is accepted is
# writing the check character X in lower case, which is the same number (tested above).


def id_strategy():
    return st.builds(
        make_resident_id,
        st.randoms(use_true_random=False),
        area=st.sampled_from([*DEMO_AREAS, "110105", "440305", "629999"]),
        birth=st.dates(datetime.date(1880, 1, 1), datetime.date.today()),
        female=st.booleans(),
    )


@pure
@given(id_strategy())
def test_every_made_id_is_accepted(number):
    assert clean_resident_id(number) == number


@pure
@given(id_strategy(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_substitution_in_an_id_is_rejected(number, position, replacement):
    if replacement == number[position]:
        replacement = "5" if number[position] != "5" else "6"
    changed = number[:position] + replacement + number[position + 1 :]

    with pytest.raises(ValidationError) as info:
        clean_resident_id(changed)
    # Substitutions in the body that keep a valid date are caught by the check digit itself.
    if ID_RE.fullmatch(changed) and position not in range(6, 14):
        assert info.value.code == "id_checksum"


@pure
@given(id_strategy(), st.integers(0, 16), st.integers(1, 9))
def test_check_digit_alone_catches_every_digit_change(number, position, delta):
    # Directly on the checksum, whatever the date: body digit d → (d + delta) mod 10.
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]

    assert ric.calc_check_digit(changed) != changed[17]


# --- USCC -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["11", "12", "13", "19", "51", "52", "53", "91", "92", "93", "N1"])
def test_made_usccs_are_accepted(kind):
    rng = random.Random(kind)
    for _ in range(20):
        code = make_uscc(rng, kind=kind)
        assert clean_uscc(code) == code
        validate_uscc(code)


def test_real_world_uscc_is_accepted_and_normalised():
    assert clean_uscc("91110000600037341L") == "91110000600037341L"
    assert clean_uscc(" 9111-0000-6000-3734-1l ") == "91110000600037341L"


def _good() -> str:
    return make_uscc(random.Random(9), kind="91")


@pytest.mark.parametrize(
    ("make_bad", "code"),
    [
        (lambda g: g[:17] + ("0" if g[17] != "0" else "1"), "uscc_checksum"),
        (lambda g: g[:17], "uscc_length"),
        (lambda g: g + "0", "uscc_length"),
        (lambda g: "", "uscc_length"),
        (lambda g: g[:10] + "I" + g[11:], "uscc_format"),
        (lambda g: g[:10] + "O" + g[11:], "uscc_format"),
        (lambda g: g[:10] + "Z" + g[11:], "uscc_format"),
        (lambda g: g[:10] + "S" + g[11:], "uscc_format"),
        (lambda g: g[:10] + "V" + g[11:], "uscc_format"),
        (lambda g: g[:10] + "#" + g[11:], "uscc_format"),
        (lambda g: "94" + g[2:], "uscc_type"),  # market regulation has types 1-3 only
        (lambda g: "B1" + g[2:], "uscc_type"),  # no authority B
        (lambda g: "01" + g[2:], "uscc_type"),
        (lambda g: "Y2" + g[2:], "uscc_type"),
        (lambda g: "91A20123" + g[8:], "uscc_region"),
    ],
)
def test_bad_usccs_are_refused(make_bad, code):
    assert uscc_error_code(make_bad(_good())) == code


@pure
@given(st.text(max_size=24))
def test_any_input_is_either_a_canonical_uscc_or_a_validation_error(value):
    try:
        code = clean_uscc(value)
    except ValidationError:
        return
    assert len(code) == 18
    assert set(code) <= set(USCC_ALPHABET)


# GB 32100 uses MOD 31 with weights 3^i mod 31 (never 0) over a 31-character alphabet, 31 prime:
# every substitution of one allowed character by another changes the sum modulo 31.


def uscc_strategy():
    return st.builds(
        make_uscc,
        st.randoms(use_true_random=False),
        kind=st.sampled_from(["11", "12", "51", "52", "91", "92", "93"]),
        region=st.sampled_from(["620123", "620121", "110105", "440305"]),
    )


@pure
@given(uscc_strategy())
def test_every_made_uscc_is_accepted(code):
    assert clean_uscc(code) == code
    assert uscc.is_valid(code)


@pure
@given(uscc_strategy(), st.integers(0, 17), st.sampled_from(USCC_ALPHABET + "IOZSV"))
def test_any_single_substitution_in_a_uscc_is_rejected(code, position, replacement):
    if replacement == code[position]:
        replacement = "8" if code[position] != "8" else "9"
    changed = code[:position] + replacement + code[position + 1 :]

    with pytest.raises(ValidationError):
        clean_uscc(changed)
