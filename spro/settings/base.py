"""Settings for every environment, read from the environment in one place.

Defaults give the embedded setup of ``make run``: SQLite under ``var/``, no broker
(tasks run in the web process), mails printed on the console. Every variable is
documented in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only the embedded setup (SQLite, ``make run``) may fall back to the development
# key. With a real database server, a missing SECRET_KEY stops manage.py, celery
# and the web process alike, instead of signing sessions with a public key;
# production.py also refuses a weak one.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105
EMBEDDED = env.str("DATABASE_URL", default="sqlite://").startswith("sqlite")
SECRET_KEY = env.str("SECRET_KEY", default="") or (DEV_SECRET_KEY if EMBEDDED else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "extranet",
    "workflows",
    "notifications",
    "conventions",
    "cms",
    "training",
    "reception",
    "collaboration",
    "coordination",
    "surveys",
    "evaluation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "guardian",
    "simple_history",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages come from the cache before any other work.
    "cms.cache.PublicPageCacheMiddleware",
    "cms.cache.WagtailSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "extranet.middleware.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "spro.urls"
# Django's form renderer, with the common widgets written in Python (same HTML).
FORM_RENDERER = "extranet.renderer.FormRenderer"
WSGI_APPLICATION = "spro.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.cache.public_version",
            ],
        },
    },
]

VAR_DIR.mkdir(exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'spro.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "extranet.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "extranet:login"
LOGIN_REDIRECT_URL = "extranet:dashboard"
LOGOUT_REDIRECT_URL = "extranet:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lock-out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# Per account *and* address: an attacker at one address cannot lock the account
# for its owner elsewhere. Guessing stays bounded across addresses by
# SPRO_LOGIN_ACCOUNT_FAILURE_LIMIT (failures on one account, any address, within
# the cool-off) and at one address by the rate of login attempts (below).
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "extranet/accounts/lockout.html"
SPRO_LOGIN_ACCOUNT_FAILURE_LIMIT = env.int(
    "SPRO_LOGIN_ACCOUNT_FAILURE_LIMIT", default=4 * AXES_FAILURE_LIMIT
)
# The client's address: REMOTE_ADDR, unless SPRO_PROXY_COUNT trusted proxies
# (the HTTPS front in production) put it in X-Forwarded-For.
SPRO_PROXY_COUNT = env.int("SPRO_PROXY_COUNT", default=0)
if SPRO_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = SPRO_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Rates of anonymous POSTs (django-ratelimit, counted in the shared cache: Redis
# whenever REDIS_URL is set). "N/p": N requests per period p (15m, h, d).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "extranet.views.accounts.rate_limited"
SPRO_RATE_LOGIN_PER_ADDRESS = env.str("SPRO_RATE_LOGIN_PER_ADDRESS", default="30/15m")
SPRO_RATE_RESET_PER_EMAIL = env.str("SPRO_RATE_RESET_PER_EMAIL", default="3/h")
SPRO_RATE_RESET_PER_ADDRESS = env.str("SPRO_RATE_RESET_PER_ADDRESS", default="10/h")
SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS = env.str(
    "SPRO_RATE_ANONYMOUS_POST_PER_ADDRESS", default="30/h"
)
# A member structure looking up the codes people quote (against guessing).
SPRO_RATE_CODE_PER_USER = env.str("SPRO_RATE_CODE_PER_USER", default="30/h")
# Answers to a public survey link from one address within an hour (surveys.flood).
SPRO_SURVEY_SUBMISSIONS_PER_HOUR = env.int(
    "SPRO_SURVEY_SUBMISSIONS_PER_HOUR", default=30
)

# django-guardian: no anonymous user row (our users log in by e-mail).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Invitations sent by structure referents stay valid this long.
SPRO_INVITATION_DAYS = env.int("SPRO_INVITATION_DAYS", default=7)
# Roles whose holders must use a second factor (TOTP).
SPRO_OTP_REQUIRED = env.bool("SPRO_OTP_REQUIRED", default=True)
# Lifetime of a cached public page (0 switches the cache off); any publication or
# structure change invalidates them all at once.
SPRO_PUBLIC_CACHE_SECONDS = env.int("SPRO_PUBLIC_CACHE_SECONDS", default=600)
# A public card not confirmed for this long asks its referent to check it.
SPRO_CARD_REVIEW_DAYS = env.int("SPRO_CARD_REVIEW_DAYS", default=183)
# A workflow action waiting longer than this (when its state sets no delay of its
# own) reminds whoever must act, then again every such delay.
SPRO_WORKFLOW_REMINDER_DAYS = env.int("SPRO_WORKFLOW_REMINDER_DAYS", default=10)
# A seat freed in a training session is offered to the next in line for this
# long (shorter close to the session, never under the minimum).
SPRO_TRAINING_OFFER_HOURS = env.int("SPRO_TRAINING_OFFER_HOURS", default=48)
SPRO_TRAINING_OFFER_MIN_HOURS = 6
# Confirmed participants are reminded this many days before their session;
# GREF is alerted when enrolment closes within this many days and fewer than
# half of the seats are taken.
SPRO_TRAINING_REMINDER_DAYS = env.int("SPRO_TRAINING_REMINDER_DAYS", default=3)
SPRO_TRAINING_UNDERFILLED_DAYS = env.int("SPRO_TRAINING_UNDERFILLED_DAYS", default=7)
# The accueil (reception app): a referral left unanswered is recalled to the
# receiving structure on these days after sending (the last one also to the
# territorial officer), and expires on the expiry day; an appointment is
# recalled to the person this many hours before, and the person may cancel it
# online until this many hours before. Personal fields are kept for the number
# of months the Région sets on the extranet (``ReceptionSettings``).
SPRO_REFERRAL_REMINDER_DAYS = tuple(
    env.list("SPRO_REFERRAL_REMINDER_DAYS", cast=int, default=[10, 20])
)
SPRO_REFERRAL_EXPIRY_DAYS = env.int("SPRO_REFERRAL_EXPIRY_DAYS", default=30)
SPRO_APPOINTMENT_REMINDER_HOURS = env.int("SPRO_APPOINTMENT_REMINDER_HOURS", default=48)
SPRO_APPOINTMENT_CANCEL_HOURS = env.int("SPRO_APPOINTMENT_CANCEL_HOURS", default=4)
# Parties are reminded to renew a convention this many days before it expires.
SPRO_CONVENTION_RENEWAL_NOTICE_DAYS = env.int(
    "SPRO_CONVENTION_RENEWAL_NOTICE_DAYS", default=60
)
# Largest PDF accepted as a convention attachment, in megabytes.
SPRO_ATTACHMENT_MAX_MB = env.int("SPRO_ATTACHMENT_MAX_MB", default=10)
# Public directory map: tiles and their attribution (the tiles' host joins img-src).
SPRO_MAP_TILES_URL = env.str(
    "SPRO_MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SPRO_MAP_ATTRIBUTION = env.str(
    "SPRO_MAP_ATTRIBUTION", default="© contributeurs OpenStreetMap"
)

# E-mail -----------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="SPRO Bretagne <ne-pas-repondre@spro.bretagne.bzh>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery -----------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or None
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {
        "task": "notifications.tasks.outbox_sweep",
        "schedule": 300.0,
    },
    "workflow-reminders": {
        "task": "workflows.tasks.workflow_reminders",
        "schedule": 60 * 60.0,
    },
    "workflow-deadlines": {
        "task": "workflows.tasks.workflow_deadlines",
        "schedule": 60 * 60.0,
    },
    "surveys-hourly": {
        "task": "surveys.tasks.surveys_daily",
        "schedule": 60 * 60.0,
    },
    "training-offers": {
        "task": "training.tasks.training_offers_expire",
        "schedule": 300.0,
    },
    "training-sessions-close": {
        "task": "training.tasks.training_sessions_close",
        "schedule": 60 * 60.0,
    },
    "training-reminders": {
        "task": "training.tasks.training_reminders",
        "schedule": 60 * 60.0,
    },
    "training-underfilled-alerts": {
        "task": "training.tasks.training_underfilled_alerts",
        "schedule": 60 * 60.0,
    },
    "referral-reminders": {
        "task": "reception.tasks.referral_reminders",
        "schedule": 60 * 60.0,
    },
    "appointment-reminders": {
        "task": "reception.tasks.appointment_reminders",
        "schedule": 15 * 60.0,
    },
    "servicemap-review-reminders": {
        "task": "collaboration.servicemap.tasks.servicemap_review_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    "reception-retention": {
        "task": "reception.tasks.reception_retention",
        "schedule": 24 * 60 * 60.0,
    },
    "convention-calendar": {
        "task": "conventions.tasks.convention_calendar",
        "schedule": 6 * 60 * 60.0,
    },
    "card-review-reminders": {
        "task": "extranet.tasks.card_review_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    "practice-freshness-reminders": {
        "task": "collaboration.practices.tasks.practice_freshness_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # Daily, but one mail per person and month (the first run of the month).
    "practice-digest": {
        "task": "collaboration.practices.tasks.practice_digest",
        "schedule": 24 * 60 * 60.0,
    },
    # The region's evaluation dashboard, this year and last, cached for an hour.
    "evaluation-precompute": {
        "task": "evaluation.tasks.evaluation_precompute",
        "schedule": 60 * 60.0,
    },
}

# Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Files served only through views that check rights (convention documents).
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
# ``make run`` (SPRO_EMBEDDED=true) shows the product as users meet it: DEBUG off
# (French 404/403/500 pages, never Django's technical ones), static files served
# by whitenoise straight from the sources, public images served from MEDIA_ROOT.
# ``make dev`` keeps DEBUG on for developers.
SPRO_EMBEDDED = env.bool("SPRO_EMBEDDED", default=False)
if SPRO_EMBEDDED:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
SPRO_SERVE_PUBLIC_MEDIA = DEBUG or SPRO_EMBEDDED
# Documents always go through Wagtail's view, which checks their collection's
# privacy; never a direct /media/ link.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# What editors may publish as documents: office formats and plain data, never a
# page or a script a browser would run; a ".pdf" must really be one.
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers -------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


def _tiles_origin(url: str) -> str:
    """The scheme and host of the map tiles' URL template, for the CSP."""
    scheme, _sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].replace('{s}', '*')}"


CONTENT_SECURITY_POLICY = {
    # The Wagtail admin is for the Région's trusted editors and uses inline code.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tiles_origin(SPRO_MAP_TILES_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Wagtail ----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "SPRO Bretagne"
# The public address of the site: links in mails, the sitemap, robots.txt.
SPRO_SITE_URL = env.str("SPRO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SPRO_SITE_URL)
WAGTAIL_I18N_ENABLED = False
# Editors log in through the extranet's form: lock-out and second factor included.
WAGTAILADMIN_LOGIN_URL = "extranet:login"
# So do visitors of a private page (never Wagtail's own form at /_util/login/).
WAGTAIL_FRONTEND_LOGIN_URL = "/extranet/connexion/"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # French stemming on PostgreSQL ("orientations" finds "orientation").
        "SEARCH_CONFIG": "french",
    }
}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# No editor's address is sent to a third-party avatar service (Gravatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # fontTools reports every glyph subset of every PDF at INFO: thousands of
    # lines per demo load, nothing anyone reads.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
