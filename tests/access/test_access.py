"""Every URL of the project as every persona, against the declared table (``table.py``).

One test per row: a row's cells are compared all at once, so a failure lists every persona that
got something else. A 500 is always a failure, and so is a POST with an empty body that wrote
anything for a persona the row does not list in ``writes``.
"""

from __future__ import annotations

import pytest

from onewindow.organisations.choices import RegionLevel
from onewindow.organisations.models import Region

from .harness import fingerprint, routed_patterns
from .observe import CHANGED, observe
from .rows import SAME, Row, cells
from .table import ROWS
from .world import AccessWorld

# The data is built once per module (conftest): keep the module on one worker.
pytestmark = pytest.mark.xdist_group("access")

ADMIN_GROUP = ("admin:", "admin/")


def _param(row: Row):
    marks = [pytest.mark.xfail(reason=row.xfail, strict=True)] if row.xfail else []
    return pytest.param(row, id=row.name, marks=marks)


def mismatches(row: Row, world: AccessWorld) -> list[str]:
    methods = ("get", "post") if row.post is not None else ("get",)
    got = observe(row, world, methods=methods)
    expected = {"get": cells(row.get)}
    if row.post is not None:
        expected["post"] = expected["get"] if row.post == SAME else cells(row.post)
    problems = []
    for (persona, method, index), outcome in got.items():
        where = f"{method.upper()} as {persona}, {('inside', 'outside')[index]}"
        if isinstance(outcome, str) and outcome.endswith(CHANGED):
            outcome = outcome.removesuffix(CHANGED)
            if persona not in row.writes:
                problems.append(f"{where}: an empty POST changed the database")
        if isinstance(outcome, str) and outcome.startswith("500"):
            problems.append(f"{where}: {outcome}")
            continue
        want = expected[method][persona][index]
        if outcome != want:
            problems.append(f"{where}: expected {want}, got {outcome}")
    return problems


@pytest.mark.parametrize("row", [_param(row) for row in ROWS])
def test_access(row: Row, access_world: AccessWorld, db: None) -> None:
    problems = mismatches(row, access_world)
    assert not problems, f"{row.name}:\n  " + "\n  ".join(problems)


def test_every_routed_url_has_a_row() -> None:
    declared = {row.url_name for row in ROWS}
    missing = [
        pattern.name
        for pattern in routed_patterns()
        if pattern.name not in declared and not pattern.name.startswith(ADMIN_GROUP)
    ]
    assert not missing, "URL patterns without a row in tests/access/table.py: " + ", ".join(missing)


def test_every_row_names_a_routed_url() -> None:
    routed = {pattern.name for pattern in routed_patterns()}
    stale = [row.name for row in ROWS if row.url_name not in routed]
    assert not stale, "rows for URLs that no longer exist: " + ", ".join(stale)


def test_the_fingerprint_sees_a_write(access_world: AccessWorld, db: None) -> None:
    # The "nothing changed" check is only as good as the fingerprint: prove it moves.
    before = fingerprint()
    Region.objects.filter(code="620123000000").update(name="榆中")
    assert fingerprint() == before  # a rename without a timestamp is not seen…
    Region.objects.create(code="620122000000", name="皋兰县", level=RegionLevel.COUNTY)
    assert fingerprint() != before  # …but every insert and every saved row is
