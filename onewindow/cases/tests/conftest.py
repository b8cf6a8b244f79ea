from __future__ import annotations

import pytest

from onewindow.cases.factories import instant_entry, licence_entry


@pytest.fixture
def entry_x(world):
    return licence_entry(world.dept_x)


@pytest.fixture
def entry_instant(world):
    world.window_a.decides_on_spot = True
    world.window_a.save()
    return instant_entry(world.dept_x)
