"""Test settings: production settings with a test secret and plain static storage."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LINTAS_DATA_DIR", tempfile.mkdtemp(prefix="lintas-tests-"))
# A fixed key for tests only: personal fields of case records are encrypted with it.
os.environ.setdefault("LINTAS_FIELD_KEYS", "fPP6Uh5Wa2dJ-F8eVCoWRu13wNwRWV-fRZA07dAupWs=")

from lintas.settings import *  # noqa: F403
from lintas.settings import STATIC_ROOT

# Reading the settings makes no directory, and collectstatic never runs for the tests: an empty
# static folder stands for what it would make, so whitenoise finds one.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
