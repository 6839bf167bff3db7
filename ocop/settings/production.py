"""Production: every unsafe default is refused at start-up."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DEBUG,
    EMBEDDED_SECRET_KEY,
    MIDDLEWARE,
    REDIS_URL,
    SECRET_KEY,
    env,
)

if DEBUG:
    raise ImproperlyConfigured("Production settings refuse to run with DEBUG on.")
if not SECRET_KEY or SECRET_KEY == EMBEDDED_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("Production settings need a SECRET_KEY of your own.")
if not env("ALLOWED_HOSTS", default=""):
    raise ImproperlyConfigured("Production settings need ALLOWED_HOSTS (comma-separated).")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not be empty or '*'.")
if not REDIS_URL:
    # Without it the cache is per process: the registry writer lock, the daily sweep's
    # last day and the per-client limits (ocop.shared_state) would not be shared.
    raise ImproperlyConfigured(
        "Production settings need REDIS_URL: locks and per-client limits are shared through it."
    )

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Static files straight from the app servers, compressed and cache-busted.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
# Uploaded registry lists go to a private S3-compatible bucket that every web process
# and worker reads (django-storages; credentials as boto3 reads them: AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY, or the machine's role).
OCOP_PRIVATE_BUCKET = env("OCOP_PRIVATE_BUCKET", default="")
if not OCOP_PRIVATE_BUCKET:
    raise ImproperlyConfigured(
        "Production settings need OCOP_PRIVATE_BUCKET: uploaded registry lists are kept "
        "in a private S3-compatible bucket that every worker can read."
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": OCOP_PRIVATE_BUCKET,
            "endpoint_url": env("OCOP_PRIVATE_BUCKET_ENDPOINT", default="") or None,
            "region_name": env("OCOP_PRIVATE_BUCKET_REGION", default="") or None,
            "location": "registry-private",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
}
