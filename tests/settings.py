"""The portal's settings, as in production (DEBUG off), with what a test run needs on top."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret-" + "0123456789abcdefghijklmnopqrstuvwxyz")

from crpv_portal.settings import *  # noqa: F403
from crpv_portal.settings import STORAGES

# No collectstatic before tests: serve the source files, unhashed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = tempfile.mkdtemp(prefix="crpv-media-")
DOCUMENTS_ROOT = tempfile.mkdtemp(prefix="crpv-documents-")
STORAGES["documents"] = {**STORAGES["documents"], "OPTIONS": {"location": DOCUMENTS_ROOT, "base_url": None}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
# The feeds of the tests are served on 127.0.0.1; short limits keep the hostile ones quick.
COLLECTE_ADRESSES_LOCALES = True
COLLECTE_DELAI = 2
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
# WhiteNoise scans STATIC_ROOT at start-up: give it an empty one rather than a missing folder.
STATIC_ROOT = tempfile.mkdtemp(prefix="crpv-static-")
