"""Django settings, all taken from the environment.

`DATABASE_URL` chooses the database (default: an SQLite file under `./var/`),
`SECRET_KEY` signs sessions (default: a random key kept in `./var/secret_key`,
so a demo works without configuration but never ships a known key),
`DEBUG` is off unless set to a true value, `ALLOWED_HOSTS` is comma-separated.
Mail (the letters) goes through SMTP: `EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_HOST_USER`,
`EMAIL_HOST_PASSWORD`, `EMAIL_USE_TLS`, `EMAIL_USE_SSL`, `EMAIL_TIMEOUT`, `DEFAULT_FROM_EMAIL`
(default: localhost:25 without authentication, as from a server's own mail relay).
`UPHELD_SITE_URL` is the public site's address for links in email (alerts, password resets).
`REDIS_URL` puts the cache in Redis (default: files under `./var/cache/`, shared by every process).
`UPHELD_DB_BUSY_SECONDS` is how long a write waits for another's lock (default 20; docs/operations.md).

`UPHELD_ENV=production` switches to production behaviour (docs/deployment.md):
`SECRET_KEY` and `ALLOWED_HOSTS` must then be given, `DEBUG` must be off, and
HTTPS is assumed (secure cookies, HSTS, redirect to HTTPS). Without it (the
demo, `upheld serve` on loopback, the tests) the site runs on plain HTTP.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("UPHELD_VAR_DIR", "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _environment() -> bool:
    """Whether this is production; a value other than the two known is refused, not read as "not production"."""
    value = os.environ.get("UPHELD_ENV", "").strip().lower()
    if value not in {"", "development", "production"}:
        raise ImproperlyConfigured(f"UPHELD_ENV is {value!r}: set it to 'production' or 'development' (the default)")
    return value == "production"


PRODUCTION = _environment()


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:  # a key made up on one machine would differ between servers and change with the disk
        raise ImproperlyConfigured("UPHELD_ENV=production needs SECRET_KEY: a random value of 50 characters or "
                                   "more, the same on every server (e.g. python -c 'import secrets; "
                                   "print(secrets.token_urlsafe(50))'), kept secret")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _flag("DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("UPHELD_ENV=production refuses DEBUG: it would show settings and code to anyone")
SECRET_KEY = _secret_key()
# Earlier keys, comma-separated, still accepted for what they signed while a new key takes over.
SECRET_KEY_FALLBACKS = [key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()]
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
                 .split(",") if h.strip()]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("UPHELD_ENV=production needs ALLOWED_HOSTS: the site's host names, comma-separated")

INSTALLED_APPS = [
    "upheld.accounts.admin_config.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "upheld.accounts",
    "upheld.audit",
    "upheld.authorities",
    "upheld.casework",
    "upheld.imports",
    "upheld.demo",
    "upheld.stats",
    "upheld.releases",
    "upheld.letters",
    "upheld.publication",
    "upheld.decisions",
    "upheld.portal",
    "upheld.scrutiny",
    "upheld.training",
    "upheld.staff",
    "upheld.code",
    "upheld.alerts",
    "upheld.api",
    "upheld.site",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "upheld.site.headers.PermissionsPolicyMiddleware",  # on every response, static and kept pages too
    "upheld.site.busy.BusyMiddleware",  # a view that finds the database busy answers 503, not 500
    "corsheaders.middleware.CorsMiddleware",  # answers CORS preflights for /api/ before anything else runs
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "upheld.releases.visibility.PublicStateMiddleware",  # one public state per request, read once
    "upheld.api.throttling.RateLimitMiddleware",  # counts every API request, those the fast path answers too
    "upheld.publication.fast_path.PublicPageMiddleware",
    "upheld.site.compression.PublicGZipMiddleware",  # inside the fast path: a kept page is compressed once
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "upheld.audit.context.AuditContextMiddleware",
    "upheld.accounts.middleware.SessionLimitsMiddleware",
    "upheld.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "upheld.urls"
WSGI_APPLICATION = "upheld.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "upheld.demo.context_processors.synthetic_data",
            ],
        },
    },
]


# How long a write waits for another's lock before the database is "busy" (upheld.site.busy): SQLite's
# busy timeout, PostgreSQL's lock_timeout. Long enough for an import's write (the file is checked before
# it takes the lock: 10 to 20 s for a million cases), short of gunicorn's 30 s worker timeout, so a
# request that waits gets an answer rather than a killed worker. docs/operations.md.
DB_BUSY_SECONDS = float(os.environ.get("UPHELD_DB_BUSY_SECONDS") or 20)


def _database() -> dict:
    default_sqlite = f"sqlite:///{VAR_DIR / 'upheld.sqlite3'}"
    config = dj_database_url.parse(os.environ.get("DATABASE_URL") or default_sqlite, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL: readers never wait for the writer nor it for them, and a commit is one append to the log
        # (synchronous=NORMAL: a power cut may lose the last commits, never corrupt the file). One writer
        # at a time: IMMEDIATE takes the write lock at BEGIN, so a transaction waits for it up front (up
        # to the busy timeout), never half-way through its writes. An import's check reads in a deferred
        # transaction, taking no lock (upheld.imports.engine).
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": DB_BUSY_SECONDS,
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        lock_timeout = f"-c lock_timeout={round(DB_BUSY_SECONDS * 1000)}"
        options["options"] = f"{options['options']} {lock_timeout}" if options.get("options") else lock_timeout
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache() -> dict:
    """One cache for every process of the site: public pages and downloads (`upheld.publication.page_cache`)
    and the request limits (`upheld.limits`). Redis when `REDIS_URL` is set (servers that share nothing
    else), otherwise files under `UPHELD_CACHE_DIR` (default `./var/cache/`), shared by every worker on
    the machine with no server to run. The file cache lists its folder on every write to count its entries
    (and drops a quarter at random past `MAX_ENTRIES`): writes are page builds, far slower than that."""
    if url := os.environ.get("REDIS_URL"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "upheld"}
    return {"BACKEND": "upheld.file_cache.FileCache",
            "LOCATION": str(Path(os.environ.get("UPHELD_CACHE_DIR") or VAR_DIR / "cache").resolve()),
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4}}


CACHES = {"default": _cache()}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "upheld.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
]

# Sign-in (upheld.accounts): django-axes pauses a username at an address after
# 5 failures for 15 minutes, the same for unknown usernames; staff then give a
# TOTP code. Sessions end after UPHELD_IDLE_MINUTES without a request and, in
# any case, UPHELD_SESSION_MAX_HOURS after sign-in.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "upheld.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail
OTP_TOTP_ISSUER = "upheld"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SESSION_COOKIE_AGE = int(os.environ.get("UPHELD_IDLE_MINUTES") or 15) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
UPHELD_SESSION_MAX_HOURS = float(os.environ.get("UPHELD_SESSION_MAX_HOURS") or 8)

# Complainants' details are cleared this many years after a case's decision
# (`upheld anonymise-expired`).
UPHELD_RETENTION_YEARS = int(os.environ.get("UPHELD_RETENTION_YEARS") or 6)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Hashed names, kept a year by browsers; `collectstatic` must have run (upheld.site.static_storage).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "upheld.site.static_storage.StaticStorage"},
}

# Security headers; HTTPS-only settings are on in production (or with HTTPS=1
# behind TLS elsewhere), so the loopback demo still works over plain HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
_HTTPS = PRODUCTION or _flag("HTTPS")
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS
SECURE_HSTS_SECONDS = 31536000 if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
if _HTTPS:  # "__Host-" cookies are sent only over HTTPS, for this host, and to every path
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# No powerful browser feature, for the site or anything in its pages (upheld.site.headers).
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "usb", "xr-spatial-tracking", "browsing-topics",
)}
# A form refused for its CSRF token gets a page saying how to send it again (upheld.site.errors).
CSRF_FAILURE_VIEW = "upheld.site.errors.csrf_failure"

# Only our own scripts, styles and images; no inline script, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Outgoing mail (`upheld letters send`). A timeout, so a mail server that stops
# answering ends a run (its letter in doubt) rather than hanging it.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or 60)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "letters@localhost")

# The public API (/api/v1/, `upheld.api`): readable from any web page's script (CORS, GET only, no
# cookies sent), UPHELD_API_RATE requests per client address ("60/min"; also "/s", "/h", "/day"),
# answers cacheable for UPHELD_API_MAX_AGE seconds. Behind proxies, UPHELD_PROXIES says how many:
# the client is then the address the outermost one saw, never what the client claims.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400
UPHELD_API_RATE = os.environ.get("UPHELD_API_RATE", "60/min")
UPHELD_API_MAX_AGE = int(os.environ.get("UPHELD_API_MAX_AGE") or 300)
NINJA_NUM_PROXIES = int(os.environ.get("UPHELD_PROXIES") or 0)

# The public site's address, for links in email (alerts, sent from a command with
# no request to take the host from, and password resets, which never take it from
# the request's Host header). No trailing slash.
UPHELD_SITE_URL = (os.environ.get("UPHELD_SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
# Email alerts (`upheld.alerts`): addresses never confirmed are deleted after
# this many days, and unsubscribed ones this many days after unsubscribing.
UPHELD_ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("UPHELD_ALERTS_UNCONFIRMED_DAYS") or 7)
UPHELD_ALERTS_UNSUBSCRIBED_DAYS = int(os.environ.get("UPHELD_ALERTS_UNSUBSCRIBED_DAYS") or 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
