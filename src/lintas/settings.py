"""Lintas settings: one module, read from the environment through small helpers that fail loudly.

Every value a deployment may change comes from an environment variable; a value that cannot be
parsed stops the process with a message naming the variable. Secrets may also be given as a path
in ``NAME_FILE``.
"""

from __future__ import annotations

from pathlib import Path

from lintas.core.env import env, envbool, envint, envlist, envsecret

BASE_DIR = Path(__file__).resolve().parent
# Reading the settings changes nothing on disk: the ``lintas`` command makes this directory
# (lintas/__main__.py), and collectstatic makes the static one inside it.
DATA_DIR = Path(env("LINTAS_DATA_DIR", str(BASE_DIR.parent.parent / "var"))).resolve()

DEBUG = envbool("LINTAS_DEBUG", False)
# The demo login page exists only on instances that say so.
DEMO = envbool("LINTAS_DEMO", False)

SECRET_KEY = envsecret("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the Swagger UI of /api/v1/docs from our static files, not a CDN
    "lintas.core",
    "lintas.audit",
    "lintas.members",
    "lintas.reporting",
    "lintas.synthesis",
    "lintas.cases",
    "lintas.api",
    "lintas.networks",
    "lintas.exchange",
    "lintas.plans",
    "lintas.events",
    "lintas.public",
    "lintas.web",
    "lintas.notices",
]

MIDDLEWARE = [
    "lintas.core.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lintas.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lintas.core.middleware.BodyTimeZoneMiddleware",
    "lintas.core.middleware.UserLanguageMiddleware",
    "lintas.core.middleware.RefuseNulMiddleware",
    "lintas.members.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lintas.urls"
WSGI_APPLICATION = "lintas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lintas.core.context_processors.lintas",
                "lintas.web.context_processors.navigation",
                "lintas.notices.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite in WAL mode is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3).
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    from lintas.core.env import database_from_url

    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "lintas.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A password-reset link (members.services.passwords) works once, for two hours.
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True  # the age runs from the last request: an idle session expires
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Joining the browsers' preload list is a per-domain decision, so it is off unless asked for, and
# Django's reminder about it (security.W021) is silenced.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("TRUST_X_FORWARDED_PROTO", False) else None
)
X_FRAME_OPTIONS = "DENY"
# A load balancer or monitor may ask for /health/ over plain HTTP on the loopback.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the client: login
# throttling and the audit log then see each client's address, not the proxy's (core/proxy.py).
LINTAS_TRUSTED_PROXIES = envlist("LINTAS_TRUSTED_PROXIES", [])

# Login throttling (django-axes): five wrong passwords for one account from one address lock
# that pair for fifteen minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Wrong passwords from one address over all accounts before it must wait (members/signin.py).
LINTAS_SPRAY_LIMIT = envint("LINTAS_SPRAY_LIMIT", 20)

# Roles whose members must sign in with a second factor (TOTP).
LINTAS_TWO_FACTOR_ROLES = ["secretariat", "analyst", "administrator"]
OTP_TOTP_ISSUER = "Lintas"

# Keys that encrypt personal fields of case records (Fernet, comma-separated, newest first;
# see cases/crypto.py). Production refuses to start without one (system check lintas.E010).
LINTAS_FIELD_KEYS = [
    k.strip() for k in envsecret("LINTAS_FIELD_KEYS", default="").split(",") if k.strip()
]

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["lintas.formats"]
LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "UTC")
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
# Seconds to wait for the mail server before an e-mail counts as failed (notices are retried).
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "lintas@localhost")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# --- The production web server (lintas serve) ---------------------------------------------
# Processes and threads of gunicorn; see core/management/commands/serve.py for the defaults.
LINTAS_BIND = env("LINTAS_BIND", "127.0.0.1:8000")
LINTAS_WEB_PROCESSES = envint("LINTAS_WEB_PROCESSES", 0)  # 0: one per core, at least 2
LINTAS_WEB_THREADS = envint("LINTAS_WEB_THREADS", 4)
LINTAS_WEB_TIMEOUT = envint("LINTAS_WEB_TIMEOUT", 60)

# --- Background work ------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
