"""The one settings module, configured from the environment.

With no environment at all it runs the *embedded default*: SQLite under ``var/``,
Celery on a file-system transport under ``var/``, e-mail written to ``var/mail/``.
Production sets ``DATABASE_URL``, ``CELERY_BROKER_URL``, ``SECRET_KEY`` and friends
(see README).

**Production**, defined here and only here: ``DEBUG`` is off and either ``DATABASE_URL``
is set or some name in ``ALLOWED_HOSTS`` is not a loopback name (another machine can
reach the site). Production refuses to start with a missing, short or well-known
``SECRET_KEY``, without ``XAPI_ACTOR_HOMEPAGE``, or with e-mail verification other than
``mandatory``. ``DEBUG`` is refused whenever an allowed host is not loopback.

Importing this module writes no files: ``lms.bootstrap.prepare_var_dir()`` (called by
``manage.py``, ``make run``, the WSGI app and the tests) creates ``var/`` and the
embedded default's secret key.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lms.hosts import all_loopback
from lms.logformat import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
DATABASE_URL = env.str("DATABASE_URL", default="")
EMBEDDED = not DATABASE_URL
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
if DEBUG and not all_loopback(ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "DEBUG=1 shows tracebacks and settings to whoever can reach the site: it is only "
        "allowed when every ALLOWED_HOSTS name is loopback (127.0.0.1, localhost, [::1])."
    )
PRODUCTION = not DEBUG and (bool(DATABASE_URL) or not all_loopback(ALLOWED_HOSTS))

# Keys that have been published (examples, the old README, tests): never accepted in production.
KNOWN_SECRET_KEYS = {"changeme", "change-me", "secret", "secret-key", "test", "dev", "demo"}
MIN_SECRET_KEY_LENGTH = 50


def _secret_key() -> str:
    """SECRET_KEY from the environment; in the embedded default, the key that
    ``lms.bootstrap`` keeps in ``var/secret_key``."""
    key = env.str("SECRET_KEY", default="")
    if PRODUCTION:
        if not key:
            raise ImproperlyConfigured("SECRET_KEY must be set in production (see README).")
        lowered = key.lower()
        if (
            len(key) < MIN_SECRET_KEY_LENGTH
            or lowered in KNOWN_SECRET_KEYS
            or lowered.startswith("django-insecure")
            or len(set(key)) < 10
        ):
            raise ImproperlyConfigured(
                f"SECRET_KEY is too weak for production: use {MIN_SECRET_KEY_LENGTH} or more "
                "random characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
            )
        return key
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        raise ImproperlyConfigured(
            f"No SECRET_KEY and no {path}: set SECRET_KEY, or run `make run` or "
            "`python manage.py check` once, which creates the file."
        )
    return path.read_text().strip()


SECRET_KEY = _secret_key()
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
PORT = env.int("PORT", default=8000)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
# Demo accounts with a published password: only on a loopback host unless asked for.
DEMO_DATA = env.bool("DEMO_DATA", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "csp",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "base",
    "lms",
    "accounts",
    "modules",
    "quizzes",
    "tracking",
    "teams",
    "organisations",
    "certificates",
    "mail",
    "reminders",
    "reporting",
]

MIDDLEWARE = [
    # First: probes get their answer whatever the Host header, and every request its id.
    "lms.middleware.HealthMiddleware",
    "lms.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.UnsafeURLMiddleware",
    "accounts.middleware.MFAAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Forms render through the project's templates: templates/django/forms/field.html drops
# Django's colon after labels and puts a lone checkbox beside its label.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": env.db_url_config(DATABASE_URL)
    if DATABASE_URL
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        # Several processes (web, worker) share the file: wait for locks instead of failing,
        # and take the write lock at BEGIN so transactions never deadlock on upgrade.
        # Checkpoints every 10,000 WAL pages (~40 MB) instead of 1,000: a batch of
        # statements dirties a page per row in each index keyed by id, agent, activity or
        # registration once the store is large, so with the default the writer that
        # checkpoints (with fsync) did so every few batches, and commits got 5x slower as
        # the store grew. journal_size_limit trims the WAL file back after a checkpoint.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; "
                "PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864;"
            ),
        },
        # A file, not memory, so tests of concurrent requests get real separate connections.
        "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
    }
}
# Persistent connections: opening one per request costs more than most of our pages.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the course owners' reports are grouped queries over many rows,
    # whose estimated cost passes jit_above_cost, and compiling them took 2.3 of the
    # dashboard's 4.4 s at 100,000 learners (docs/decisions/0013-report-queries.md).
    # Nothing else the site runs is long enough to gain from it.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + " -c jit=off").strip()
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id, tuned in docs/decisions/0008-argon2-password-hashing.md: at least as hard to
# attack offline as Django's PBKDF2 with 1,000,000 iterations, at about a ninth of its CPU
# per check. Hashes made by the others still verify, and are redone with Argon2id at the
# next login.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# django-allauth 65: e-mail + password, verification mandatory outside the embedded default.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str(
    "ACCOUNT_EMAIL_VERIFICATION", default="optional" if EMBEDDED else "mandatory"
)
# Sign-up, log-in and password reset never tell whether an address has an account. With
# verification "optional" allauth still says "already registered" at sign-up (uniqueness
# wins), so production insists on "mandatory".
ACCOUNT_PREVENT_ENUMERATION = True
if PRODUCTION and ACCOUNT_EMAIL_VERIFICATION != "mandatory":
    raise ImproperlyConfigured(
        "ACCOUNT_EMAIL_VERIFICATION must be 'mandatory' in production: otherwise sign-up "
        "reveals which e-mail addresses have an account."
    )
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
# After sign-up and log-in the adapter leads a person who has not begun to choose an
# industry and a role, then to the module (accounts.selectors.start_url).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's own rate limits stay on (its defaults); named here so they are visible.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# The client address that rate limits count by: with N proxies of ours in front (a TLS
# proxy, a load balancer), the Nth address from the right of X-Forwarded-For. Without it,
# everyone behind the proxy shares one address and locks each other out.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Or a header the proxy sets to the client's address alone (e.g. X-Real-IP).
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Arbeidsmiljø e-læring")


def _tolerant(config: dict) -> dict:
    """Django's Redis cache becomes the one that degrades when Redis is away."""
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "base.cache.TolerantRedisCache"
    return config


# One cache for every process (rate limits count here): Redis from CACHE_URL in
# production, files under var/cache in the embedded default (shared by web and worker,
# and no writes to the single SQLite writer). Redis goes through base.cache, which the
# site survives losing (docs/decisions/0009-cache-outage.md).
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": _tolerant(env.cache_url_config(CACHE_URL))
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    },
    # Each process's own memory, for what is the same in every process and never changes
    # while it runs (the site header by language and menu state): no round trip to Redis
    # or a file on every page.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lms-local",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# Sessions: with a shared cache, read from it and written through to the database
# (cached_db), so a logged-in page costs one cache read instead of a query, and a cache
# that is emptied or restarted loses no session. Without one (the embedded default, whose
# file cache costs as much as the SQLite read), in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian bokmål")), ("en", _("English")), ("pl", _("Polish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail: files in the embedded default, SMTP from EMAIL_URL in production. Every e-mail
# goes through the outbox (mail/): queued in the transaction, sent by the worker.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    _email = env.email_url_config(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
else:
    # One .eml file per message under var/mail/, which a mail program opens.
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="mail.backends.EmlFileBackend")
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ikke-svar@arbeidsmiljo.localhost")

# Celery: a file-system transport under var/ by default (no server), Redis in production.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _queue = VAR_DIR / "celery" / "queue"  # created by lms.bootstrap
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        # The exchange table; kombu's default is ./control in whatever folder runs.
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
# /readyz waits this long (seconds) for the broker before answering 503.
BROKER_PROBE_TIMEOUT = env.float("BROKER_PROBE_TIMEOUT", default=1.0)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# A broker that does not answer must not hold up a learner's request: pages wake the
# worker through base.wake (one try, 0.5 s at most, then a pause); this is for the rest.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The worker waits for a broker that went away as long as it takes (Celery's default gives
# up, and exits, after 100 tries: about 45 minutes); it tries again every 2-30 s.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Workers log through LOGGING above (one format, e-mail addresses blotted out).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic work. Statements and e-mail are also sent right after the commit that makes
# them; the sweeps pick up what waited for a broker, an LRS or an SMTP server that was down.
CELERY_BEAT_SCHEDULE = {
    "forward-statements-sweep": {
        "task": "tracking.tasks.forward_statements_task",
        "schedule": 60.0,
    },
    "send-mail-sweep": {"task": "mail.tasks.send_mail_task", "schedule": 60.0},
    "send-reminders": {"task": "reminders.tasks.send_reminders_task", "schedule": 3600.0},
    "forget-expired-invitations": {
        "task": "teams.tasks.forget_expired_invitations_task",
        "schedule": 24 * 3600.0,
    },
    "purge-sent-mail": {"task": "mail.tasks.purge_sent_mail_task", "schedule": 24 * 3600.0},
    "forget-form-submissions": {
        "task": "base.tasks.forget_form_submissions_task",
        "schedule": 24 * 3600.0,
    },
}

HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    # TLS ends at the reverse proxy, which says so in X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# No inline script or style anywhere: scripts and styles come from /static/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CONTENT_DIR = Path(env.str("CONTENT_DIR", default=str(BASE_DIR / "modules" / "content")))

LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"))

# The benchmark (bench/) compares pages with a bare view served by the same server.
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)

# xAPI: statements are always stored (the embedded LRS at /xapi/); with an endpoint set,
# they are also forwarded to an external LRS.
XAPI_LRS_ENDPOINT = env.str("XAPI_LRS_ENDPOINT", default="").rstrip("/")
XAPI_LRS_USERNAME = env.str("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env.str("XAPI_LRS_PASSWORD", default="")
XAPI_FORWARD_BATCH = env.int("XAPI_FORWARD_BATCH", default=100)
XAPI_FORWARD_TIMEOUT = env.float("XAPI_FORWARD_TIMEOUT", default=10.0)
# The largest body the embedded LRS takes (statements with their attachments); over it, 413.
# The LRS reads its bodies from the stream itself, so the rest of the site keeps Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB).
XAPI_MAX_BODY_BYTES = env.int("XAPI_MAX_BODY_BYTES", default=10 * 1024 * 1024)
# The xAPI identity of every learner and team: account.homePage of the actor. It must never
# change once statements have left (a new value makes every learner a new person in the
# external LRS), so it is its own setting, required in production.
XAPI_ACTOR_HOMEPAGE = env.str("XAPI_ACTOR_HOMEPAGE", default="").rstrip("/")
if not XAPI_ACTOR_HOMEPAGE:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "XAPI_ACTOR_HOMEPAGE must be set in production: the stable base URL that "
            "identifies learners in xAPI statements (e.g. https://læring.example.no)."
        )
    XAPI_ACTOR_HOMEPAGE = SITE_URL
