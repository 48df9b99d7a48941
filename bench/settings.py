"""The portal's production settings, plus what the benchmark needs: a bare view and a count of SQL queries.

Only ``make bench`` uses this module (``DJANGO_SETTINGS_MODULE=bench.settings``); the site never does.
"""

from crpv_portal.settings import *  # noqa: F403
from crpv_portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# Outermost, so that every query of a request is counted, the middleware's own included.
MIDDLEWARE = ["bench.middleware.CompteDeRequetesMiddleware", *MIDDLEWARE]
