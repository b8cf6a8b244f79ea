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
from urllib.parse import unquote

from gunicorn.glogging import Logger

# gunicorn reads this file before it imports the application: make the checkout importable.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from onewindow.core.masking import mask_text  # noqa: E402 (needs the path above)


def mask_field(value: str) -> str:
    """``mask_text`` of one access-log field. A number inside a percent-encoded part (the sign-in
    redirect's ``next=…%3D110105…``) follows a letter of the escape, which ``mask_text`` does not
    take for a number's start: such a field is logged decoded, and masked."""
    masked = mask_text(value)
    if "%" in value:
        decoded = unquote(value)
        if mask_text(decoded) != decoded:
            return mask_text(decoded)
    return masked


class MaskingLogger(Logger):
    """gunicorn's logger with every access-log atom passed through ``mask_field``."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_field(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


logger_class = MaskingLogger
