"""Makers of valid identity numbers for demo data, factories and benchmarks.

They produce numbers that pass the same validators as real input, so generated data exercises the
real code paths (a Faker ID fails python-stdnum's area check two times in three).
"""

from __future__ import annotations

import datetime
import random

from stdnum.cn import ric, uscc

_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# Area codes of three counties of Lanzhou that exist in GB/T 2260 for every birth year used here
# (the city's districts date from 1983, so older IDs with them would fail the area check).
DEMO_AREAS = ("620123", "620123", "620123", "620121", "620122")


def make_resident_id(
    rng: random.Random,
    *,
    area: str | None = None,
    birth: datetime.date | None = None,
    female: bool | None = None,
) -> str:
    area = area or rng.choice(DEMO_AREAS)
    if birth is None:
        start = datetime.date(1950, 1, 1).toordinal()
        end = datetime.date(2006, 12, 31).toordinal()
        birth = datetime.date.fromordinal(rng.randint(start, end))
    sequence = rng.randint(0, 99) * 10
    if female is None:
        female = rng.random() < 0.5
    sequence += rng.choice((0, 2, 4, 6, 8)) if female else rng.choice((1, 3, 5, 7, 9))
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function skips the last character


def _org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(8))
    total = sum(int(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, *, kind: str = "91", region: str = "620123") -> str:
    """``kind``: registration authority + organisation type, e.g. 11 (government body),
    91 (enterprise), 92 (individual business), 93 (cooperative), 52 (private non-enterprise)."""
    body = f"{kind}{region}{_org_code(rng)}"
    return body + uscc.calc_check_digit(body)
