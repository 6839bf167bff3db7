"""Settings shared by every environment.

Everything configurable comes from the environment. With nothing set the site
runs on the embedded defaults (docs/architecture.md): SQLite, Celery eager, local-memory
cache, database search, console e-mail, cash on delivery only.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

# The sentinel production refuses to start with (see production.py).
EMBEDDED_SECRET_KEY = "django-insecure-embedded-default-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", default=EMBEDDED_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms",
    "catalog",
    "tours",
    "marketplace",
    "marketplace.accounts",
    "search",
    "reports",
    "fairs",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ocop.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ocop.page_cache.SharedSiteDataMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ocop.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Whole pages for anonymous visitors without a session (ocop/page_cache.py).
    "ocop.page_cache.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ocop.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "ocop.wsgi.application"

# --- Database: SQLite in the project folder unless DATABASE_URL is set ------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# Parameters sent apart from the SQL (psycopg 3's server-side binding) instead of quoted
# into it in Python (catalogue +20 %, product page +18 % at 10,000 products:
# bench/README.md). Statements are not prepared: Django leaves psycopg's
# prepare_threshold off.
if "postgresql" in DATABASES["default"]["ENGINE"] and env.bool("DB_SERVER_SIDE_BINDING", True):
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    # Django's backend, binding on the client the rare statement too large for the
    # server (more than 65,535 parameters: a bulk insert, the search index's bulk add).
    DATABASES["default"]["ENGINE"] = "ocop.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The sale listing's indexes carry extra columns for PostgreSQL's index-only scans;
# SQLite (development) ignores them, as this warning says on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Redis: cache, Celery broker and results --------------------------------
REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ocop",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker, tasks run in-process, in the caller's thread.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_IMPORTS = ["ocop.tasks_backend"]
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "cms.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "registry-nightly-sync": {
        "task": "catalog.tasks.sync_registry_url",
        "schedule": crontab(hour=2, minute=0),
    },
    "registry-daily-sweep": {
        "task": "catalog.tasks.certificate_daily_sweep",
        "schedule": crontab(hour=6, minute=0),
    },
    "search-daily-sweep": {
        "task": "search.tasks.daily_sweep",
        "schedule": crontab(hour=0, minute=5),
    },
    # A safety net for edits no signal reports (e.g. a product renamed by the registry).
    "search-nightly-update": {
        "task": "search.tasks.update_index",
        "schedule": crontab(hour=3, minute=15),
    },
    "release-expired-tour-holds": {
        "task": "tours.tasks.release_expired_holds",
        "schedule": 60.0,
    },
    # "Remind me" e-mails go out 30 minutes before a livestream, each once.
    "livestream-reminders": {
        "task": "fairs.tasks.send_livestream_reminders",
        "schedule": 60.0,
    },
    "expire-unpaid-card-orders": {
        "task": "marketplace.tasks.expire_unpaid_orders",
        "schedule": 60.0,
    },
}

# Wagtail's own background work (reference index, image renditions, cache
# purges) goes through Django's task framework: immediate without Redis,
# through Celery with it.
TASKS = {
    "default": {
        "BACKEND": (
            "ocop.tasks_backend.CeleryTaskBackend"
            if REDIS_URL
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# --- Search -----------------------------------------------------------------
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="ocop")
# Wagtail's own (admin) search: the database backend, accent-insensitive (search/admin_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
# The shop's search (search/): results per page, longest query accepted.
SEARCH_RESULTS_PER_PAGE = 20
SEARCH_MAX_QUERY_LENGTH = 200

# --- OCOP registry sync (catalog/registry) ------------------------------------
# The national or provincial listing synced nightly; empty = no nightly sync.
# Whole pages kept for anonymous visitors without cookies (ocop/page_cache.py); 0 = off.
OCOP_PAGE_CACHE_SECONDS = env.int("OCOP_PAGE_CACHE_SECONDS", default=600)
# The site, its root page and settings, shared by every request through the cache
# until a change to the content (ocop/page_cache.py); 0 = looked up per request.
OCOP_SHARED_CACHE_SECONDS = env.int("OCOP_SHARED_CACHE_SECONDS", default=3600)
# The bare view the benchmarks compare with (ocop/bench_views.py), at /_bench/bare/.
OCOP_BENCH_BARE_VIEW = env.bool("OCOP_BENCH_BARE_VIEW", default=False)

OCOP_REGISTRY_URL = env("OCOP_REGISTRY_URL", default="")
OCOP_REGISTRY_TIMEOUT = env.float("OCOP_REGISTRY_TIMEOUT", default=30.0)  # seconds per request
OCOP_REGISTRY_RETRIES = env.int("OCOP_REGISTRY_RETRIES", default=3)  # on 5xx and network errors
OCOP_REGISTRY_BACKOFF = env.float("OCOP_REGISTRY_BACKOFF", default=2.0)  # seconds, doubling
OCOP_REGISTRY_MAX_BYTES = env.int("OCOP_REGISTRY_MAX_BYTES", default=100 * 1024 * 1024)
# A workbook is a zip: what it may expand to before it is parsed (zip bombs).
OCOP_REGISTRY_MAX_UNCOMPRESSED_BYTES = env.int(
    "OCOP_REGISTRY_MAX_UNCOMPRESSED_BYTES", default=150 * 1024 * 1024
)
# Never public (uploaded registry lists hold personal data), so not under MEDIA_ROOT.
OCOP_PRIVATE_ROOT = env.path("OCOP_PRIVATE_ROOT", default=BASE_DIR / "private")

# --- Payments ---------------------------------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Points the Stripe client at another server (localstripe in tests).
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# How long an unpaid card order keeps its stock and seats before it expires.
CHECKOUT_PAYMENT_MINUTES = env.int("CHECKOUT_PAYMENT_MINUTES", default=30)
# The platform's commission on producers' sales, in basis points (1/100 of a per cent:
# 250 = 2.5 %), rounded half up to the whole đồng (marketplace/services/payouts.py).
PLATFORM_COMMISSION_BASIS_POINTS = env.int("PLATFORM_COMMISSION_BASIS_POINTS", default=0)

# --- Tours -------------------------------------------------------------------
# How long seats stay held while a visitor fills in the booking form.
TOURS_HOLD_MINUTES = env.int("TOURS_HOLD_MINUTES", default=15)
# Nobody sits on a tour's seats: one visitor (network address) keeps at most this
# many unexpired holds, never more than one group's seats on a departure, and
# makes at most TOURS_HOLDS_PER_CLIENT_PER_DAY holds in 24 hours (counted in the cache).
TOURS_MAX_LIVE_HOLDS_PER_CLIENT = env.int("TOURS_MAX_LIVE_HOLDS_PER_CLIENT", default=5)
TOURS_HOLDS_PER_CLIENT_PER_DAY = env.int("TOURS_HOLDS_PER_CLIENT_PER_DAY", default=30)
# ...and holds one departure at most this many times in 24 hours without confirming.
TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE = env.int("TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE", default=5)
# Wrong booking code + e-mail pairs one visitor may try per hour on the ticket lookup.
TOURS_LOOKUPS_PER_CLIENT_PER_HOUR = env.int("TOURS_LOOKUPS_PER_CLIENT_PER_HOUR", default=10)
# Reverse proxies in front of the app that append to X-Forwarded-For: how a
# visitor's address is found (0 = the address the app is reached from).
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

# --- Contact form (cms.ContactPage) --------------------------------------------
# Messages go to the site settings' contact e-mail, or here when it is empty.
CONTACT_EMAIL = env("CONTACT_EMAIL", default="hotro@ocop.local")
# Messages one visitor (network address) may send per hour (counted in ocop.shared_state).
CONTACT_MESSAGES_PER_CLIENT_PER_HOUR = env.int("CONTACT_MESSAGES_PER_CLIENT_PER_HOUR", default=5)

# --- E-mail -----------------------------------------------------------------
# Sets EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ... from one URL.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Marketplace <no-reply@ocop.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Sign-in: wrong passwords are throttled (django-axes) ---------------------
# Failed sign-ins are counted in the database, per user name and client address
# (ocop.clients: the same address the per-client limits use), so every web
# process sees them. After AXES_FAILURE_LIMIT of them that pair is refused (429)
# for AXES_COOLOFF_TIME, even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ocop.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_VERBOSE = False

# --- Passwords --------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time: Vietnamese first, English available ------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# --- Static and media files -------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Uploaded registry lists (personal data): never public (catalog/registry/storage.py).
PRIVATE_LOCAL_STORAGE = {
    "BACKEND": "catalog.registry.storage.LocalPrivateStorage",
    "OPTIONS": {"directory_permissions_mode": 0o700, "file_permissions_mode": 0o600},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_LOCAL_STORAGE,
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "OCOP Marketplace"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "txt", "zip"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "avif": "avif"}
# Editors' uploads: at most 10 MB and 40 megapixels (a 8000 × 5000 photo). Wagtail reads
# the size from the file's header before decoding it, so a decompression bomb (a small
# file that claims a huge picture) is refused with a form error, never decoded.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# Pages have English copies (wagtail-localize): Vietnamese at the existing URLs,
# English under /en/ (ocop/urls.py, docs/i18n.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The OpenAPI 3 schema of the public JSON API, at /api/schema/: every DRF view
# routed under /api/ (Wagtail's API v2 aside) is described as soon as it exists.
SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP Marketplace API",
    "DESCRIPTION": (
        "Public JSON endpoints. Unsafe requests need the CSRF token in X-CSRFToken "
        "(the csrftoken cookie is set by any GET) and Content-Type: application/json. "
        'Errors are {"error": {"code", "message", ...}}.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["ocop.api_security.only_public_json_api"],
}

# --- Content Security Policy (django-csp) ------------------------------------
# Public pages run no inline script or style; card payment loads Stripe.js, which
# talks to Stripe's API and shows its card fields in Stripe's frames. The Wagtail
# admin, which still has inline scripts and styles, is widened in ocop/csp.py.
STRIPE_JS_ORIGIN = "https://js.stripe.com"
STRIPE_API_ORIGIN = "https://api.stripe.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", STRIPE_JS_ORIGIN],
        "frame-src": ["'self'", STRIPE_JS_ORIGIN],
        "connect-src": ["'self'", STRIPE_API_ORIGIN],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
