"""Settings, read from the environment.

With no variable set the site runs in demo mode: SQLite file in the project
folder, DEBUG on and a secret generated once into ``.dev-secret``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.jquery_ui
import xstatic.pkg.leaflet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name) or default)


def env_proxies(name):
    """Return a number of proxy hops (``"2"``) or a list of proxy addresses and networks."""
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else env_list(name)


def dev_secret():
    """Return the demo-mode secret, generating it on first use (DEV_SECRET_FILE, else ``.dev-secret``)."""
    path = Path(os.environ.get("DEV_SECRET_FILE") or BASE_DIR / ".dev-secret")
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


# Django
# Production is declared by giving a SECRET_KEY; DEBUG may still be forced either way.
DEBUG = env_bool("DEBUG", default=not os.environ.get("SECRET_KEY"))
DEMO_MODE = DEBUG and env_bool("DEMO_MODE", default=True)

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or dev_secret()
else:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "Production settings (DEBUG off) need these environment variables: " + ", ".join(missing)
        )
    SECRET_KEY = os.environ["SECRET_KEY"]
# Secret rotation: the previous keys still verify sessions, password-reset links and signed values.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # before admin, so translated fields get tabs
    "workflow.apps.AdminConfig",  # django.contrib.admin with our site (workflow/sites.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "django_prose_editor",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as our own static files
    "axes",
    "django_tasks",
    "inserm_cms.task_apps.TasksDatabaseConfig",  # django_tasks_db, with a translated name
    "django_prometheus",
    "core",
    "inserm_cms",
    "assets",  # the media library: images and documents with credits and licences
    "directory",
    "pages",
    "press",
    "partnerships",
    "international",
    "search",  # full-text search, feeds, sitemap and page metadata
    "newsroom",  # subscriptions, accredited journalists, mailings of releases
    "import_export",
    "workflow",  # after modeltranslation: registers revisions of the translated models
    "pagecache",
    "demo",  # last: the demo content loader, which imports the apps above and which none of them imports
]

MIDDLEWARE = [
    "inserm_cms.middleware.HealthCheckMiddleware",  # probes by IP: before the Host check and the request log
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "inserm_cms.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "inserm_cms.middleware.ContentSecurityPolicyMiddleware",
    "pagecache.middleware.PageCacheMiddleware",  # before the session: a hit costs one small query
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "inserm_cms.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "inserm_cms.urls"
WSGI_APPLICATION = "inserm_cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inserm_cms.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Demo mode: the task worker and the web process write together. WAL lets readers go on while one
    # writes; IMMEDIATE transactions and a busy timeout make a second writer wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
# django-prometheus' database backends count and time the queries (same database, same vendor).
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends.", 1
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out users and IP addresses
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are written by the web user and read by nginx (another user) from the shared volume.
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
# Limits checked by core.validators on every upload.
UPLOAD_IMAGE_MAX_BYTES = env_int("UPLOAD_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_IMAGE_MAX_PIXELS = env_int("UPLOAD_IMAGE_MAX_PIXELS", 40_000_000)
UPLOAD_PDF_MAX_BYTES = env_int("UPLOAD_PDF_MAX_BYTES", 20 * 1024 * 1024)
STORAGES = {
    # S3-compatible object storage for media when a bucket is named (see the django-storages section).
    "default": {
        "BACKEND": (
            "storages.backends.s3.S3Storage"
            if os.environ.get("AWS_STORAGE_BUCKET_NAME")
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "inserm_cms.storage.StaticFilesStorage"
        )
    },
}

# Full-page cache of anonymous pages (pagecache/): PAGE_CACHE=0 turns it off (benchmarks).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600)
# Rendered fragments (core/fragments.py: list cards, filter forms) kept until content changes, for every
# reader: FRAGMENT_CACHE=0 renders them on every request (benchmarks of the rendering itself).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
# /bench/trivial/: the benchmark's baseline, a bare view behind the whole middleware stack.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)

# Redis when several web containers share one cache; otherwise each process keeps its own.
# A Redis outage is logged and bypassed, never a 500 (inserm_cms/cache.py); /readyz/ names it.
CACHES = {
    "default": (
        {
            "BACKEND": "inserm_cms.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "inserm_cms",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
            # Seconds before an unreachable Redis counts as down (a blackholed host would hang requests).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000)},
        }
    )
}

# Press import through the admin (press/importer): an upload is refused above these limits before
# anything is decompressed; larger archives go through `manage.py import_press`. Uploaded batches wait
# for confirmation in the database (never under MEDIA_ROOT) and `manage.py purge_import_batches`
# deletes those older than PRESS_IMPORT_BATCH_MAX_AGE.
PRESS_IMPORT_MAX_UPLOAD_BYTES = env_int("PRESS_IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
PRESS_IMPORT_MAX_UPLOAD_FILES = env_int("PRESS_IMPORT_MAX_UPLOAD_FILES", 200)
PRESS_IMPORT_MAX_DOCUMENT_BYTES = env_int("PRESS_IMPORT_MAX_DOCUMENT_BYTES", 1024 * 1024)
PRESS_IMPORT_MAX_COMPRESSION_RATIO = env_int("PRESS_IMPORT_MAX_COMPRESSION_RATIO", 100)
PRESS_IMPORT_BATCH_MAX_AGE = timedelta(hours=env_int("PRESS_IMPORT_BATCH_MAX_AGE_HOURS", 24))

# django-tasks: work that must not hold up a request (mail, digests, clean-ups, big imports).
# The database backend needs nothing more than the database (`manage.py db_worker` runs the tasks);
# with Redis, RQ queues them (`manage.py rqworker`). TASKS_BACKEND=database|rq chooses explicitly.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or ("rq" if os.environ.get("REDIS_URL") else "database")
if TASKS_BACKEND not in {"database", "rq"} or (TASKS_BACKEND == "rq" and not os.environ.get("REDIS_URL")):
    raise ImproperlyConfigured("TASKS_BACKEND is 'database' or 'rq' (which needs REDIS_URL).")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"]}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Mail: SMTP in production, read entirely from the environment; check it with `manage.py sendtestemail`.
# Scheduled jobs: `manage.py run_scheduler` enqueues each one once per slot of its cron spec
# (minute hour day month weekday, in SCHEDULER_TIME_ZONE) for the worker. An empty spec switches a job off.
SCHEDULER_TIME_ZONE = "Europe/Paris"
# A slot missed by more than this (scheduler stopped) is skipped rather than run late.
SCHEDULER_CATCH_UP = timedelta(minutes=env_int("SCHEDULER_CATCH_UP_MINUTES", 120))
SCHEDULED_JOBS = [
    {
        "name": "agreements-digest",
        "cron": os.environ.get("AGREEMENTS_DIGEST_SCHEDULE", "0 7 * * *"),
        "task": "partnerships.tasks.send_agreements_digest",
    },
    {
        "name": "release-mailings",
        "cron": os.environ.get("RELEASE_MAILINGS_SCHEDULE", "*/5 * * * *"),
        "task": "newsroom.tasks.send_release_mailings",
    },
    {
        "name": "purge-unconfirmed-subscribers",
        "cron": "50 3 * * *",
        "task": "newsroom.tasks.purge_unconfirmed_subscribers",
    },
    {"name": "clear-expired-sessions", "cron": "15 3 * * *", "task": "inserm_cms.tasks.clear_expired_sessions"},
    {"name": "clean-axes-records", "cron": "30 3 * * *", "task": "inserm_cms.tasks.clean_axes_records"},
    {"name": "purge-task-results", "cron": "45 3 * * *", "task": "inserm_cms.tasks.purge_finished_task_results"},
    # Translated files kept between an import's preview and its application live two hours at most.
    {
        "name": "purge-translation-uploads",
        "cron": "*/30 * * * *",
        "task": "inserm_cms.tasks.purge_translation_uploads",
    },
    # A management command runs as a job through inserm_cms.tasks.run_command.
    {
        "name": "purge-import-batches",
        "cron": "0 4 * * *",
        "task": "inserm_cms.tasks.run_command",
        "kwargs": {"command": "purge_import_batches"},
    },
]
# Clean-up retention: login records (django-axes) and finished task results (database backend).
AXES_RECORDS_RETENTION_DAYS = env_int("AXES_RECORDS_RETENTION_DAYS", 90)
TASK_RESULTS_RETENTION_DAYS = env_int("TASK_RESULTS_RETENTION_DAYS", 14)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")  # TLS from the first byte, usually port 465
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Newsroom mailings: batches of NEWSROOM_BATCH_SIZE messages, one batch per NEWSROOM_BATCH_INTERVAL (the rate
# limit), NEWSROOM_MAX_ATTEMPTS tries per recipient. Test mode mails staff members only.
NEWSROOM_FROM_EMAIL = os.environ.get("NEWSROOM_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSROOM_TEST_MODE = env_bool("NEWSROOM_TEST_MODE")
NEWSROOM_BATCH_SIZE = env_int("NEWSROOM_BATCH_SIZE", 50)
NEWSROOM_BATCH_INTERVAL = timedelta(seconds=env_int("NEWSROOM_BATCH_INTERVAL_SECONDS", 60))
NEWSROOM_MAX_ATTEMPTS = env_int("NEWSROOM_MAX_ATTEMPTS", 4)
# Releases gone live longer ago than this are not mailed to subscribers (say, after the job was switched off).
NEWSROOM_LOOKBACK = timedelta(hours=env_int("NEWSROOM_LOOKBACK_HOURS", 48))
# Life of the signed links of subscribers, in seconds (None: never expires).
NEWSROOM_LINK_MAX_AGE = {"confirm": 3 * 24 * 3600, "manage": 90 * 24 * 3600, "unsubscribe": None}
# Subscription requests allowed per hour, per address and per client IP.
NEWSROOM_SUBSCRIBE_LIMITS = {"address": 3, "ip": 10}

ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Security: HTTPS is terminated in front of the site (load balancer or nginx), which sets X-Forwarded-Proto.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading is a promise to browsers that is hard to take back (docs/ops.md): opt in knowingly.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "not preloaded": our documented default
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Logging: one JSON object a line on stdout, with the request id (see inserm_cms/logging.py).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "inserm_cms.logging.RequestIdFilter"},
        "warning_without_traceback": {"()": "inserm_cms.logging.WarningWithoutTraceback"},
    },
    "formatters": {"json": {"()": "inserm_cms.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # The request log of inserm_cms.middleware replaces runserver's own lines.
        "django.server": {"level": "WARNING"},
        # A refused Host header (every scanner sends one) is one warning, not an error with a traceback.
        "django.security.DisallowedHost": {"level": "WARNING", "filters": ["warning_without_traceback"]},
        # django-axes announces itself at every start, management commands included.
        "axes.apps": {"level": "WARNING"},
    },
}

# django-axes: lock out after repeated failed logins, per user name and IP address together.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inserm_cms.middleware.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The lockout counts the real client: core.clientip reads the proxy header only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"

# Real client addresses (core/clientip.py, docs/ops.md): the proxies in front of the site, as a
# list of addresses/networks or a number of hops, and the header they write. Nothing is trusted by default.
TRUSTED_PROXIES = env_proxies("TRUSTED_PROXIES")
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")

# django-csp: no inline script anywhere; map tiles are the only third-party resource.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")


def url_origin(url):
    """Return the CSP source (scheme and host) of a URL or tile template; ``{s}`` subdomains become a wildcard."""
    parts = urlsplit(url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'",)
CSP_STYLE_SRC = ("'self'",)
CSP_IMG_SRC = tuple(source for source in ("'self'", "data:", url_origin(MAP_TILES_URL)) if source)
CSP_FONT_SRC = ("'self'",)
CSP_CONNECT_SRC = ("'self'",)
CSP_OBJECT_SRC = ("'none'",)
CSP_BASE_URI = ("'self'",)
CSP_FORM_ACTION = ("'self'",)
CSP_FRAME_ANCESTORS = ("'none'",)
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI") or None

# Prometheus metrics at /metrics/ (inserm_cms/metrics.py, docs/ops.md): answered only with the bearer token
# or to an allowed address (networks, checked against the real client address); a 404 otherwise.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
PROMETHEUS_EXPORT_MIGRATIONS = False

# Sentry error tracking, only when SENTRY_DSN is set: errors and their tracebacks, no personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production" if not DEBUG else "development"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# django-modeltranslation
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
# Either language may be the only one: each falls back to the other, and neither is required by itself
# (a named constraint per model asks for a title or name in at least one).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}
MODELTRANSLATION_REQUIRED_LANGUAGES = ()
MODELTRANSLATION_AUTO_POPULATE = False
# jQuery UI for the language tabs comes from our static files, never a CDN.
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"

# django-countries
COUNTRIES_FIRST = ["FR"]

# django-rest-framework: the read-only open-data API under /api/v1/ (core/api.py, docs/api.md).
# Anonymous only (no session, so no CSRF question); every viewset is read-only, writes answer 405.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Pagination and throttle classes are set on the API's views (core.api), which import DRF's views.
    # Requests per client address and minute for anonymous clients; the cache counts them (Redis when shared).
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/min")},
    "COERCE_DECIMAL_TO_STRING": False,
}

# drf-spectacular: the OpenAPI 3 schema at /api/v1/schema/, Swagger UI at /api/v1/docs/ (sidecar, no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "Inserm communication — open data API",
    "DESCRIPTION": (
        "Read-only API of the live press releases, partnership agreements and international cooperation "
        "of the site, each text in French and English. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "directory.models.Organisation.Kind",
        "AgreementKindEnum": "partnerships.models.Agreement.Kind",
        "SiteKindEnum": "international.models.CooperationSite.Kind",
    },
}

# django-storages (only used when AWS_STORAGE_BUCKET_NAME is set): any S3-compatible service.
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME") or None
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_DEFAULT_ACL = None  # objects inherit the bucket policy
AWS_QUERYSTRING_AUTH = False  # media are public: plain URLs, cacheable
AWS_S3_FILE_OVERWRITE = False
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=86400"}
if AWS_S3_CUSTOM_DOMAIN:
    CSP_IMG_SRC += (f"https://{AWS_S3_CUSTOM_DOMAIN}",)
elif AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL:
    CSP_IMG_SRC += (url_origin(AWS_S3_ENDPOINT_URL),)
elif AWS_STORAGE_BUCKET_NAME:
    CSP_IMG_SRC += ("https://*.amazonaws.com",)

# Site identity (the map tiles are read in the django-csp section above)
SITE_NAME = _("Inserm — Communication")
# The publisher named in feeds and schema.org metadata (JSON-LD) of every page.
SITE_PUBLISHER = {
    "name": "Inserm",
    "legal_name": "Institut national de la santé et de la recherche médicale",
    "url": os.environ.get("SITE_PUBLISHER_URL", "https://www.inserm.fr/"),
}
# The organisation (by acronym) whose press office contacts and "About" text the press hub and experts show.
PRESS_OFFICE_ACRONYM = os.environ.get("PRESS_OFFICE_ACRONYM", "Inserm")
# Absolute address of this site, for links in e-mails sent outside a request (the agreement digest).
# Required in production as soon as mail goes out through an SMTP server (EMAIL_HOST).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not DEBUG and os.environ.get("EMAIL_HOST") and not SITE_URL:
    raise ImproperlyConfigured(
        "Production settings with mail on (EMAIL_HOST) need these environment variables: SITE_URL"
    )
if SITE_URL and urlsplit(SITE_URL).scheme not in {"http", "https"}:
    raise ImproperlyConfigured(
        f"SITE_URL must be an absolute http(s) address, such as https://www.example.org: {SITE_URL!r}"
    )

# Agreement expiry digest (`manage.py agreements_digest`, see docs/workflow.md).
AGREEMENTS_DIGEST_RECIPIENTS = env_list("AGREEMENTS_DIGEST_RECIPIENTS")
AGREEMENTS_DIGEST_DAYS = int(os.environ.get("AGREEMENTS_DIGEST_DAYS", "183"))

# Pre-publication checks (workflow/checks.py): "block" refuses publishing, "warning" lets a publisher
# publish all the same by ticking a box on the form, "notice" is only shown, "off" skips the check. Unlisted checks keep their default.
PUBLICATION_CHECKS = {
    "issuer": "block",  # a press release with no issuing organisation
    "press_contact": "warning",
    "image_alt": "block",  # an image with no text alternative in a language the item is written in
    "translation": "notice",  # a missing or out-of-date translation (content may exist in one language)
    "broken_link": "block",  # a link in the text to a page of this site that is not public
    "heading_order": "warning",  # a skipped heading level in the text
    "link_text": "block",  # a link with no text in the text
    "title_length": "warning",  # a title longer than social cards show
}
