"""The settings with the SQLite test database in a file (``ONEWINDOW_TEST_SQLITE_FILE``).

The test suite's SQLite database is in memory, shared by every connection of the process, which
hides what happens between two connections to a real file: WAL snapshots, the write lock, "database
is locked". Tests of that behaviour run pytest again in a subprocess with these settings
(``pytest --ds config.settings_sqlite_file``); see
``onewindow/supervision/tests/test_sweep_beside_a_writer.py``.
"""

from __future__ import annotations

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASES

DATABASES["default"]["TEST"] = {"NAME": os.environ["ONEWINDOW_TEST_SQLITE_FILE"]}
