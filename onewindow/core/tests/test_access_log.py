"""The access log that `make run` prints masks personal numbers (issue 17 item 3)."""

from __future__ import annotations

import datetime

from gunicorn.config import Config

from config.gunicorn import MaskingLogger


class _Response:
    status = "200 OK"
    headers = [("Content-Type", "text/html")]
    sent = 512


def test_the_access_log_masks_id_and_mobile_numbers(tmp_path):
    path = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(path))
    cfg.set(
        "access_log_format",
        '%(h)s "%(r)s" %(s)s "%(f)s" %(q)s %(U)s',
    )
    logger = MaskingLogger(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/registries/lookup/?number=11010519491231002X&phone=13812345678",
        "PATH_INFO": "/registries/persons/11010519491231002x/",
        "QUERY_STRING": "number=11010519491231002X&phone=13812345678",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        # The sign-in redirect of such a URL carries it percent-encoded in "next".
        "HTTP_REFERER": "http://hall/accounts/login/?next=/registries/lookup/%3Fnumber%3D11010519491231002X",
    }
    logger.access(_Response(), [], environ, datetime.timedelta(milliseconds=12))
    for handler in logger.access_log.handlers:
        handler.flush()
    line = path.read_text()
    assert "11010519491231002" not in line.upper()
    assert "13812345678" not in line
    assert "110***********002X" in line
    assert "138****5678" in line
    assert "203.0.113.7" in line  # the rest of the line is untouched
