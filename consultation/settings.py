"""Settings read from the environment (see README, "Configuration").

SQLite under var/ is the zero-set-up default of the demo; PostgreSQL (DATABASE_URL) is the real database.
"""

from __future__ import annotations

import datetime
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
    "consultation.apps.StaffAdminConfig",  # django.contrib.admin with the staff login
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
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    # Outermost after SecurityMiddleware, so that error responses of the middleware below carry them too.
    "csp.middleware.CSPMiddleware",
    "consultation.middleware.SecurityHeadersMiddleware",
    "consultation.middleware.RequestBodyMiddleware",
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
    "django_otp.middleware.OTPMiddleware",
    "consultation.middleware.StaffSessionMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
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

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account or address
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages of the interface and of every translated field (consultation/i18n.py), the first one the
# default and the fallback: Latvian first, English second. Adding one: README, "Adding a language".
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LANGUAGE_CODE = LANGUAGES[0][0]
FORMAT_MODULE_PATH = ["consultation.formats"]
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
# A frozen SMTP server must not stall the task worker: give up after this many seconds (the mail is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="konsultacija@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: in process for the demo; the database queue and its worker in production.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}
}

CACHE_URL = env("CACHE_URL", default="locmemcache://consultation")
CACHES = {
    "default": env.cache_url_config(CACHE_URL),
    # Whole public pages (consultation/page_cache.py): by default in the same cache; PAGE_CACHE_URL may give
    # them a cache of their own with a memory limit, so that pages (whose number visitors choose, one per
    # address) can never evict the rate limits and form tokens kept in the default cache.
    "pages": env.cache_url_config(env("PAGE_CACHE_URL", default=CACHE_URL)),
}
# Rate limits, single-use form tokens and login lockouts count in the cache, and cached pages' versions are
# bumped there, so every worker must share both: a per-process cache would multiply each limit by the number
# of workers and keep serving pages another worker's change made stale.
ALLOW_LOCAL_CACHE = env.bool("ALLOW_LOCAL_CACHE", default=DEBUG)
for _alias, _variable in (("default", "CACHE_URL"), ("pages", "PAGE_CACHE_URL")):
    if not ALLOW_LOCAL_CACHE and CACHES[_alias]["BACKEND"] in (
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ):
        raise ImproperlyConfigured(
            f"{_variable} must name a cache shared by every worker when DEBUG is off, e.g. "
            "redis://127.0.0.1:6379/1 or dbcache://consultation_cache (see README, Configuration); "
            "ALLOW_LOCAL_CACHE=1 overrides this for a single process."
        )

LOGIN_URL = "admin:login"

# --- staff logins (README, "Staff logins") ---
# django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address, that account
# or address is locked for LOGIN_LOCKOUT_MINUTES (or until an organiser deletes the attempt in the admin).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "consultation.staff_login.lockout_response"
AXES_CLIENT_IP_CALLABLE = "consultation.staff_login.axes_client_ip"  # the same address the rate limits use
AXES_VERBOSE = False
# Two-factor login (django-otp, TOTP with recovery codes): required for organisers when this is on.
OTP_REQUIRED_FOR_ORGANISERS = env.bool("OTP_REQUIRED_FOR_ORGANISERS", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Konsultācija")
# A staff session ends after STAFF_SESSION_IDLE_MINUTES without a request, and STAFF_SESSION_HOURS after
# the login whatever happens (consultation.middleware.StaffSessionMiddleware).
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=60)
STAFF_SESSION_HOURS = env.int("STAFF_SESSION_HOURS", default=12)
CSRF_FAILURE_VIEW = "consultation.errors.csrf_failure"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- HTTPS and headers (README, Deployment) ---
# Behind a reverse proxy that terminates HTTPS, BEHIND_PROXY=1 trusts its X-Forwarded-Proto; with DEBUG off
# that also turns on the HTTPS redirect and HSTS by default.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
HTTPS = not DEBUG and BEHIND_PROXY
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the proxy's own checks may speak plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Submitting the domain to the browsers' preload list is its owner's decision, not the app's.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin hides private-link tokens from other sites. Never no-referrer: Chromium then sends
# "Origin: null" with forms and Django's CSRF check refuses every POST.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Every script, style, font and image comes from the app itself (no CDN, no inline code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap draws its form icons as data: SVGs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],  # the desk's QR scanner shows the camera
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Structured logs: one JSON object a line on standard output, for journald or any log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": env("LOG_FORMAT", default="plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"level": "INFO"},
    },
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
# Link mails to one address a day (a re-registration of a known address, a link request): the bound that
# keeps strangers from filling its owner's mailbox.
PRIVATE_LINK_MAILS_PER_DAY = env.int("PRIVATE_LINK_MAILS_PER_DAY", default=5)
# E-mail (consultation/mail.py): attempts per message, the first retry after MAIL_RETRY_SECONDS, then
# doubling (60 s, 120 s, 240 s ...) on a queue that can defer work (the database queue).
MAIL_ATTEMPTS = env.int("MAIL_ATTEMPTS", default=5)
MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=60)
# Cached public pages (consultation/page_cache.py) live this long unless the consultation changes first.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# --- registration ---
# How long a registration waits for the places lock before the person is asked to try again.
REGISTRATION_LOCK_TIMEOUT_MS = env.int("REGISTRATION_LOCK_TIMEOUT_MS", default=5000)
# Production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py task_worker` (a db_worker
# that reconnects) and `manage.py tasks_sweep` every minute, which puts a task back on the queue when it has
# been RUNNING for longer than this (its worker died): longer than any task runs (a mail gives up after
# EMAIL_TIMEOUT, the commitment document's PDFs take seconds).
TASK_RUNNING_TIMEOUT = env.int("TASK_RUNNING_TIMEOUT", default=300)
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

# --- public forms (consultation/protection.py) ---
# Named rates "count/seconds": valid submissions per browser and per client address in each window.
# Override any of them in the environment, e.g. PUBLIC_FORM_RATES=wall=20/60,contact=3/60.
PUBLIC_FORM_RATES = {
    "registration": "30/600",
    "link-request": "5/600",
    "wall": "10/60",
    "contact": "5/60",
    "questionnaire": "10/60",
    "commitment": "20/3600",
    **env.dict("PUBLIC_FORM_RATES", default={}),
}
# The venue's public addresses (or networks, e.g. 203.0.113.0/28), where hundreds of phones share one
# address: each of them gets RATE_LIMIT_VENUE_FACTOR times the address budget (every browser keeps its own).
RATE_LIMIT_VENUE_ADDRESSES = env.list("RATE_LIMIT_VENUE_ADDRESSES", default=[])
RATE_LIMIT_VENUE_FACTOR = env.int("RATE_LIMIT_VENUE_FACTOR", default=40)
# No form sent back faster than this after it was shown.
FORM_MIN_FILL_SECONDS = env.float("FORM_MIN_FILL_SECONDS", default=3.0)
# Only behind our own reverse proxy: the request header that carries the client's address
# (HTTP_X_FORWARDED_FOR; the last hop, the one our proxy added, is used). Empty means REMOTE_ADDR.
RATE_LIMIT_IP_HEADER = env("RATE_LIMIT_IP_HEADER", default="")
