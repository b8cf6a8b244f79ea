"""gunicorn settings for ``make run`` / ``make serve`` (``gunicorn -c config/gunicorn.py``).

The access log writes every request line, query string, referrer and header as the client sent
them. Pages never put a personal number in a URL (look-ups POST and continue by public id), but an
old bookmark, a hand-typed link or a crawler can: this logger masks any resident ID number and
mobile number in every field of an access-log line, as ``MaskingLogFilter`` does for the
application's own logs (``onewindow.core.masking``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger

# gunicorn reads this file before it imports the application: make the checkout importable.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from onewindow.core.masking import mask_text  # noqa: E402 (needs the path above)


class MaskingLogger(Logger):
    """gunicorn's logger with every access-log atom passed through ``mask_text``."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_text(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


logger_class = MaskingLogger
