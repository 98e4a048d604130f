"""Check digits of the identifiers found in reports about employers.

Every function takes a string (spaces, hyphens and dots are ignored) and says whether the check digits are
right. A right check digit only means the number was not mistyped; it does not prove the firm exists.

INN and OGRN (13 digits) are checked by python-stdnum (`stdnum.ru.inn`, `stdnum.ru.ogrn`), a maintained
library; OGRNIP (15 digits) and the Kazakh BIN keep hand-written code, see below. The published rules
(check each against the official text before relying on it in court):

* Russian INN (ИНН, taxpayer number) — 10 digits for an organisation, 12 for a person or an individual
  entrepreneur. The control digits are the weighted sum of the preceding digits mod 11, then mod 10, with
  weights (2,4,10,3,5,9,4,6,8) for a 10-digit INN and (7,2,4,10,3,5,9,4,6,8) then (3,7,2,4,10,3,5,9,4,6,8)
  for the two control digits of a 12-digit INN. This is the algorithm of the Federal Tax Service (ФНС
  России) as published with the INN structure; widely reproduced, e.g. in the Russian Wikipedia article
  "Идентификационный номер налогоплательщика".
* Russian OGRN (ОГРН, 13 digits, legal entities) — the last digit is the lowest digit of the remainder of
  the first 12 digits (as a number) divided by 11. OGRNIP (ОГРНИП, 15 digits, individual entrepreneurs) —
  the lowest digit of the remainder of the first 14 digits divided by 13. Rules for keeping the state
  registers (ЕГРЮЛ: Government of Russia resolution No. 438 of 19 June 2002; ЕГРИП: No. 630 of
  16 October 2003) — not yet verified against the official text by the project. stdnum checks the
  13-digit OGRN with this rule (and also refuses a leading 0, which no OGRN has). For the 15-digit OGRNIP
  stdnum compares the whole remainder mod 13 with the last digit, so it refuses every number whose
  remainder is 10, 11 or 12; the published rule takes the lowest digit of the remainder, so OGRNIP stays
  hand-written here.
* Kazakh BIN (БСН / БИН, 12 digits) — same control algorithm as the IIN: sum of digits 1-11 weighted
  1..11, mod 11; if that is 10, weights 3,4,5,6,7,8,9,10,11,1,2, mod 11; if it is 10 again the number is
  not valid. Digits 3-4 are the month of registration (01-12), digit 5 the type (4 resident legal entity,
  5 non-resident, 6 individual entrepreneur in joint form). Source: the OECD "Kazakhstan - Information
  on Tax Identification Numbers" sheet and the Government of Kazakhstan rules on identification numbers
  (adilet.zan.kz document P070000406_) — not yet verified against the official text by the project.
  python-stdnum (2.2) has no Kazakh module, so this stays hand-written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

_SEPARATORS = re.compile(r"[\s\-.]")


def clean(value: str | None) -> str:
    return _SEPARATORS.sub("", value or "")


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def inn_is_valid(value: str | None) -> bool:
    """Russian INN, 10 digits (organisation) or 12 (person, individual entrepreneur)."""
    return stdnum_inn.is_valid(clean(value))


def ogrn_is_valid(value: str | None) -> bool:
    """OGRN (13 digits) or OGRNIP (15 digits)."""
    ogrn = clean(value)
    if not ogrn.isdigit() or len(ogrn) not in (13, 15):
        return False
    if len(ogrn) == 13:
        return stdnum_ogrn.is_valid(ogrn)
    return int(ogrn[:14]) % 13 % 10 == int(ogrn[14])  # OGRNIP: the lowest digit of the remainder


_BIN_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_BIN_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def kz_check_digit(first11: str) -> int | None:
    """Control digit of a Kazakh IIN/BIN from its first 11 digits; None when no digit is possible."""
    check = _weighted(first11, _BIN_1) % 11
    if check == 10:
        check = _weighted(first11, _BIN_2) % 11
    return None if check == 10 else check


def bin_is_valid(value: str | None) -> bool:
    number = clean(value)
    if not number.isdigit() or len(number) != 12:
        return False
    if not 1 <= int(number[2:4]) <= 12 or number[4] not in "456":
        return False
    return kz_check_digit(number[:11]) == int(number[11])


@dataclass(frozen=True)
class Identifier:
    scheme: str  # "inn" | "ogrn" | "ogrnip" | "bin"
    value: str


def classify(value: str | None) -> Identifier | None:
    """Recognise a valid identifier from its length and check digits (None if it is none of them).

    A 12-digit number may be a Russian personal INN or a Kazakh BIN; the INN check is tried first.
    """
    number = clean(value)
    if inn_is_valid(number):
        return Identifier("inn", number)
    if bin_is_valid(number):
        return Identifier("bin", number)
    if ogrn_is_valid(number):
        return Identifier("ogrn" if len(number) == 13 else "ogrnip", number)
    return None


def explain_invalid(value: str | None) -> str:
    """A short reason why `value` is not a valid INN/OGRN/BIN, for error messages."""
    number = clean(value)
    if not number:
        return "empty"
    if not number.isdigit():
        return "contains characters other than digits"
    if len(number) not in (10, 12, 13, 15):
        return f"has {len(number)} digits (INN has 10 or 12, BIN 12, OGRN 13, OGRNIP 15)"
    return "check digit does not match"


# Helpers for tests and demo data: append correct check digits.
def make_inn10(first9: str) -> str:
    return first9 + stdnum_inn.calc_company_check_digit(first9)


def make_inn12(first10: str) -> str:
    return first10 + stdnum_inn.calc_personal_check_digits(first10)


def make_ogrn(first12: str) -> str:
    return first12 + stdnum_ogrn.calc_check_digit(first12 + "0")


def make_bin(first11: str) -> str | None:
    check = kz_check_digit(first11)
    return None if check is None else first11 + str(check)
