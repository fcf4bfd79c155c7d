"""Settings read from the environment (see README, "Configuration").

SQLite under var/ is the zero-set-up default of the demo; PostgreSQL (DATABASE_URL) is the real database.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see README, Configuration).")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (see README, Configuration).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "consultation",
    "workgroups",
    "registry.participants",
    "registry.offers",
    "commitments",
]

# Widgets render through the project's template settings, so templates/ can name every input (for example
# each half of the admin's split date/time field, templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page's HTML compressed for the venue's Wi-Fi: after WhiteNoise (which serves its own pre-compressed
    # static files and answers before this runs), before everything that writes the response body.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "consultation.urls"
WSGI_APPLICATION = "consultation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} reverses each address once per process (consultation/templatetags/urls_memo.py)
            "builtins": ["consultation.templatetags.urls_memo"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consultation.context_processors.site",
            ],
        },
    },
    {
        # Plain text (mail subjects and bodies): nothing is HTML-escaped, so a name stays as it was typed.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
# Keep connections open between requests (a new PostgreSQL connection costs more than most pages).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Latvian first, English second.
LANGUAGE_CODE = "lv"
FORMAT_MODULE_PATH = ["consultation.formats"]
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
# Our catalogues first; then Latvian for third-party packages that ship none (django-import-export).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "thirdparty"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
USE_I18N = True
TIME_ZONE = "Europe/Riga"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="consultation.storage.StaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="konsultacija@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: in process for the demo; the database queue and its worker in production.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}
}

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://consultation"),
}

LOGIN_URL = "admin:login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Private links carry their token in the address: keep it from other sites, but never "no-referrer", with
# which Chromium sends "Origin: null" on a same-site form POST and Django's CSRF check refuses it.
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Organisers import and export spreadsheets in the admin.
IMPORT_EXPORT_USE_TRANSACTIONS = True  # a file with any bad row imports nothing
# Exported cells never run as formulae: consultation/spreadsheets.py (SafeCSV, TypedXLSX), not the library's
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT, which only drops one leading "=".
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Import and export need the model's permissions (without these the library lets any staff account in):
# export the view permission, import the add permission (the admin adds: and the change permission).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"

# The audit trail is read, never replayed: reverting a record would bypass the places lock and the services.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Every absolute link (private links in e-mails) starts with this address: required in production.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else None)
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off (see README, Configuration).")
# Private links live as long as the consultation says; when it says nothing, this many days after the event.
PRIVATE_LINK_DEFAULT_DAYS = env.int("PRIVATE_LINK_DEFAULT_DAYS", default=180)
# E-mail (consultation/mail.py): attempts per message, the first retry after MAIL_RETRY_SECONDS, then
# doubling (60 s, 120 s, 240 s ...) on a queue that can defer work (the database queue).
MAIL_ATTEMPTS = env.int("MAIL_ATTEMPTS", default=5)
MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=60)
# Cached public pages (consultation/page_cache.py) live this long unless the consultation changes first.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# --- registration ---
# How long a registration waits for the places lock before the person is asked to try again.
REGISTRATION_LOCK_TIMEOUT_MS = env.int("REGISTRATION_LOCK_TIMEOUT_MS", default=5000)
# Submissions of the public registration form per client address per 10 minutes.
REGISTRATION_RATE_LIMIT = env.int("REGISTRATION_RATE_LIMIT", default=30)
# Production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py db_worker`.
# --- retention: how long personal data is kept (the privacy page states each period; `manage.py
# personal_data_purge`, run daily, applies them; see README "Personal data") ---
# Registrations: needs (accessibility, diet) and then everything, counted from the end of the event.
REGISTRATION_KEEP_NEEDS_DAYS = env.int("REGISTRATION_KEEP_NEEDS_DAYS", default=30)
REGISTRATION_KEEP_DATA_DAYS = env.int("REGISTRATION_KEEP_DATA_DAYS", default=365)
# Offers' and questionnaire answers' contacts (and private authors' names), from the end of the event.
OFFER_CONTACTS_KEEP_DAYS = env.int("OFFER_CONTACTS_KEEP_DAYS", default=365)
# Commitments' contacts, from the end of the event (the follow-up runs longer).
COMMITMENT_CONTACTS_KEEP_DAYS = env.int("COMMITMENT_CONTACTS_KEEP_DAYS", default=730)
# Background tasks' stored payloads (mails, contact-form messages), from when they finished.
TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=30)
# The admin's log (names of records changed, exports) and the audit trail.
ADMIN_LOG_KEEP_DAYS = env.int("ADMIN_LOG_KEEP_DAYS", default=365)
HISTORY_KEEP_DAYS = env.int("HISTORY_KEEP_DAYS", default=730)

# --- resource wall ---
# Public forms (consultation/protection.py): at most RATE_LIMIT_PER_MINUTE submissions per client and form,
# no form sent back faster than FORM_MIN_FILL_SECONDS, and, only behind our own reverse proxy, the request
# header that carries the client's address (e.g. HTTP_X_FORWARDED_FOR; empty means REMOTE_ADDR).
RATE_LIMIT_PER_MINUTE = env.int("RATE_LIMIT_PER_MINUTE", default=10)
FORM_MIN_FILL_SECONDS = env.float("FORM_MIN_FILL_SECONDS", default=3.0)
RATE_LIMIT_IP_HEADER = env("RATE_LIMIT_IP_HEADER", default="")
