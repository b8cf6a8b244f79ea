"""OneWindow settings, read from the environment.

Every variable is listed in ``.env.example``. The defaults are the embedded setup (SQLite under
``var/``, in-process everything) so that ``make run`` needs no configuration.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from onewindow.core.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_networks,
    persistent_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / env_str("ONEWINDOW_VAR_DIR", "var")  # relative paths start at the checkout
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "") or persistent_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "onewindow.core",
    "onewindow.workflow",
    "onewindow.accounts",
    "onewindow.organisations",
    "onewindow.registries",
    "onewindow.catalog",
    "onewindow.deadlines",
    "onewindow.supervision",
    "onewindow.notifications",
    "onewindow.documents",
    "onewindow.cases",
    "onewindow.evaluation",
    "onewindow.portal",
    "onewindow.queue",
    "onewindow.workspaces",
    "onewindow.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle time-out and browser-close sessions (staff), then the second factor: both need the user.
    "onewindow.accounts.middleware.SessionPolicyMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "onewindow.organisations.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # The working-day calendar's version is read once per request, not once per deadline.
    "onewindow.deadlines.middleware.calendar_per_request",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "onewindow" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "onewindow.workspaces.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'onewindow.sqlite3'}")
# Health checks: a kept connection (CONN_MAX_AGE) is tested before a request reuses it, so one
# the server dropped (a database restart, a killed backend) is replaced instead of failing the
# request with a 500 (issue 17 item 12). The test costs one round trip per request, and only
# when connections are kept.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one failing with
    # "database is locked" halfway through a transaction; WAL lets readers run meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes checks the lockout before any password is compared (it must come first).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id for every new or changed password. The hashers after it only read older hashes, which
# Django re-hashes with Argon2 at the next successful sign-in (docs/security.md).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
_CITIZEN_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The default policy is the staff one (等保 2.0 身份鉴别: length and complexity), so every place
# that sets a password through Django (the admin, its password change) applies it. Citizens
# signing up on the portal keep the general policy: ONEWINDOW_CITIZEN_PASSWORD_VALIDATORS.
AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    _CITIZEN_PASSWORD_VALIDATORS[0],
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("STAFF_PASSWORD_MIN_LENGTH", 12)},
    },
    *_CITIZEN_PASSWORD_VALIDATORS[2:],
    {
        "NAME": "onewindow.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": 3},
    },
]
ONEWINDOW_CITIZEN_PASSWORD_VALIDATORS = _CITIZEN_PASSWORD_VALIDATORS
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:workspace"
LOGOUT_REDIRECT_URL = "portal:home"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request while it is missing
STATICFILES_DIRS = [BASE_DIR / "onewindow" / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Security -------------------------------------------------------------------------------------
# TLS=1: the site is served over HTTPS (directly or behind a TLS-terminating proxy). Cookies are
# sent over HTTPS only, browsers are told to use HTTPS for a year (HSTS), and absolute links that
# leave the site (the QR codes printed on documents and guides) say https.
TLS = env_bool("TLS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", TLS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts and styles only from this site's static files, no
# inline script, no inline style attribute, nothing from another origin (no CDN is used).
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the QR codes and images rendered into pages as data URIs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Nothing on the site uses these browser features: deny them to every frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Sign-in protection (django-axes) ------------------------------------------------------------
# After AXES_FAILURE_LIMIT wrong passwords, an account and, separately, an address are locked for
# AXES_COOLOFF_MINUTES, on /accounts/login/ and /admin/login/ alike. A successful sign-in clears
# the failures of its account and address (a hall's shared address is not locked by colleagues'
# typos). Failures and lockouts are written to the audit chain (onewindow/accounts/signals.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# An attempt refused during a lockout does not start the lock-out period again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "onewindow.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "onewindow.core.network.client_ip"
# A citizen's user name is their ID number: axes keeps a keyed digest of it, never the number.
AXES_USERNAME_CALLABLE = "onewindow.accounts.lockout.attempt_username"
# The audit chain records sign-in events; axes' own log of every successful sign-in is not kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# --- Sessions -------------------------------------------------------------------------------------
# Staff: the session ends after STAFF_IDLE_MINUTES without a request and when the browser closes.
# Citizens: it ends after CITIZEN_IDLE_MINUTES without a request (the cookie may outlive the
# browser on the citizen's own device). Enforced by onewindow.accounts.middleware.
ONEWINDOW_STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30)
ONEWINDOW_CITIZEN_IDLE_MINUTES = env_int("CITIZEN_IDLE_MINUTES", 120)
# The longest any session lives, however active (the default for users not yet classified).
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600

# --- Second factor (django-otp, TOTP) ------------------------------------------------------------
# Any staff member may add an authenticator app; with OTP_REQUIRED=1 the roles below must, and
# are sent to set one up before any other page.
ONEWINDOW_OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
ONEWINDOW_OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", ["administrator", "supervisor"])
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "OneWindow")

# --- Behind a reverse proxy ---------------------------------------------------------------------
# The proxies whose X-Forwarded-For names the client (addresses or CIDR networks, comma separated).
# Empty: no proxy, the connection's address is the client. Read by the progress look-up throttle
# (onewindow.core.client.client_address) and the sign-in lockout; checked at start-up.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
parse_networks(TRUSTED_PROXIES)
# "HEADER,value" the proxy sets on requests that came over TLS, e.g.
# HTTP_X_FORWARDED_PROTO,https (set it only behind a proxy that always overwrites that header).
_ssl_header = env_list("SECURE_PROXY_SSL_HEADER", [])
if _ssl_header and len(_ssl_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER is 'HTTP_X_FORWARDED_PROTO,https'")
SECURE_PROXY_SSL_HEADER = (_ssl_header[0], _ssl_header[1]) if _ssl_header else None

# --- Logging: every handler masks personal numbers before a line is written ----------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal": {"()": "onewindow.core.masking.MaskingLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personal"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes narrates every attempt at INFO; its warnings (lockouts) are kept.
        "axes": {"level": "WARNING"},
    },
}

# --- Cache ---------------------------------------------------------------------------------------
# Shared by every server process (the progress look-up's throttle counts across workers): files
# under var/ by default, Redis in production.
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_REDIS_URL}
        if CACHE_REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    )
}

# --- Background jobs (huey) -------------------------------------------------------------------
# Embedded default: a SQLite queue file under var/, consumed by `manage.py run_huey` (started by
# `make run`). Production: HUEY_REDIS_URL selects Redis (needs the `redis` package) and any number
# of consumer processes; see docs/deployment.md. Tasks live in `onewindow/<app>/tasks.py`.
HUEY_REDIS_URL = env_str("HUEY_REDIS_URL", "")
HUEY = {
    "name": "onewindow",
    # Run every task inline as it is enqueued (no consumer). The test suite switches the huey
    # instance itself (root conftest.py): pytest-django loads settings before any conftest runs.
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    # Crontabs in local time (TIME_ZONE): "daily at 01:00" means 01:00 in Beijing, not UTC.
    "utc": False,
    "consumer": {
        "workers": env_int("HUEY_WORKERS", 2),
        "worker_type": "thread",
        # An idle SQLite queue is polled at most every 2 s (Redis blocks on the list instead).
        "max_delay": 2.0,
        # SIGTERM (systemd, docker stop, `make run` on exit) lets running tasks finish, for at
        # most 30 s; SIGINT interrupts them.
        "graceful_signal": "TERM",
        "shutdown_timeout": 30.0,
    },
    **(
        {"huey_class": "huey.RedisHuey", "url": HUEY_REDIS_URL}
        if HUEY_REDIS_URL
        else {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}
    ),
}
# The consumer logs through the masking console handler like everything else (run_huey would
# otherwise attach its own, unmasked handler). At INFO it writes a line per task run.
LOGGING["loggers"]["huey"] = {
    "handlers": ["console"],
    "level": env_str("HUEY_LOG_LEVEL", "WARNING"),
    "propagate": False,
}

# --- 好差评 (see onewindow/evaluation) ------------------------------------------------------------
# Natural days after which an unrated service is recorded as 基本满意 (the rating link expires
# then).
EVALUATION_DEFAULT_DAYS = env_int("EVALUATION_DEFAULT_DAYS", 7)
# Working days the unit that served has to verify, rectify and reply to a 差评 (5–15 nationally).
EVALUATION_RECTIFY_DAYS = env_int("EVALUATION_RECTIFY_DAYS", 10)
# Working days within which a complaint (投诉) is answered.
EVALUATION_COMPLAINT_DAYS = env_int("EVALUATION_COMPLAINT_DAYS", 10)
# The address citizens reach OneWindow at: links sent by SMS start with it.
ONEWINDOW_PUBLIC_URL = env_str("ONEWINDOW_PUBLIC_URL", "http://127.0.0.1:8000")

# --- Notifications (outbox, see onewindow/notifications) ---------------------------------------
# Channels a message goes out on when the caller names none: for a mobile number, and for a
# message addressed only to a staff user.
ONEWINDOW_NOTIFY_CHANNELS = {
    "phone": env_list("ONEWINDOW_NOTIFY_PHONE_CHANNELS", ["sms_log"]),
    "user": env_list("ONEWINDOW_NOTIFY_USER_CHANNELS", ["inbox"]),
}
# Channel code → class (a subclass of onewindow.notifications.channels.Channel).
ONEWINDOW_NOTIFY_CHANNEL_CLASSES = {
    "sms_log": "onewindow.notifications.channels.SmsLogChannel",
    "inbox": "onewindow.notifications.channels.InboxChannel",
    "webhook": "onewindow.notifications.channels.WebhookChannel",
}
# The webhook channel (e.g. the province's SMS gateway) is off while the URL is empty.
ONEWINDOW_NOTIFY_WEBHOOK_URL = env_str("ONEWINDOW_NOTIFY_WEBHOOK_URL", "")
ONEWINDOW_NOTIFY_WEBHOOK_TOKEN = env_str("ONEWINDOW_NOTIFY_WEBHOOK_TOKEN", "")
ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT = env_int("ONEWINDOW_NOTIFY_WEBHOOK_TIMEOUT", 5)
# Failed sends are retried after 1 min, 5 min, 30 min, 2 h, 6 h...; after this many attempts the
# message is marked failed (an administrator can retry it from the message log).
ONEWINDOW_NOTIFY_MAX_ATTEMPTS = env_int("ONEWINDOW_NOTIFY_MAX_ATTEMPTS", 6)

# --- OneWindow --------------------------------------------------------------------------------
ONEWINDOW_DEMO_PASSWORD = env_str("ONEWINDOW_DEMO_PASSWORD", "onewindow-demo")
# 电子监察: a running case turns yellow this many working days before its deadline.
ONEWINDOW_YELLOW_WORKING_DAYS = env_int("ONEWINDOW_YELLOW_WORKING_DAYS", 1)
SITE_TITLE = _("OneWindow government services")

# The hall's queue (docs/decisions/0016-queue-live-streams.md). The boards' Server-Sent Events
# are served by the ASGI process `make run` starts beside gunicorn, on QUEUE_STREAM_PORT (0: the
# same origin as the page, for a reverse proxy that routes /queue/*/stream/ to it). With
# REDIS_URL set, every process hears every call through Redis pub/sub; without it, each stream
# process polls the call-event table every QUEUE_POLL_MS milliseconds (one query per process).
QUEUE_STREAM_PORT = env_int("QUEUE_STREAM_PORT", 0)
if QUEUE_STREAM_PORT:
    # The boards open their stream on the stream process's port of the same host: allow it.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"].append(f"*:{QUEUE_STREAM_PORT}")
QUEUE_POLL_MS = env_int("QUEUE_POLL_MS", 400)
# A stream ends after this many seconds and the browser reconnects with Last-Event-ID (proxies
# drop idle long responses; a reconnect costs one indexed query).
QUEUE_STREAM_SECONDS = env_int("QUEUE_STREAM_SECONDS", 300)
REDIS_URL = env_str("REDIS_URL", "")
