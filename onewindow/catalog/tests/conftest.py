"""Catalog personas on top of the shared ``world``: a catalog manager per county."""

from __future__ import annotations

import pytest

from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory


def _manager(username: str, region):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, role=Role.CATALOG_MANAGER, region=region)
    return staff.user


@pytest.fixture
def catalog_a(world):
    return _manager("catalog_a", world.county_a)


@pytest.fixture
def catalog_b(world):
    return _manager("catalog_b", world.county_b)
