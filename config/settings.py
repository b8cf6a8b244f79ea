"""OneWindow settings, read from the environment.

Every variable is listed in ``.env.example``. The defaults are the embedded setup (SQLite under
``var/``, in-process everything) so that ``make run`` needs no configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from onewindow.core.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
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
    "onewindow.portal",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # The working-day calendar's version is read once per request, not once per deadline.
    "onewindow.deadlines.middleware.calendar_per_request",
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
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0))
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

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
