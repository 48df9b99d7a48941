"""Middleware every page goes through: the headers a browser should get, and an honest answer when the
database is down."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

journal = logging.getLogger(__name__)

# No page of the portal uses a camera, a microphone, the position, payments or the FLoC-style cohorts.
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
REESSAYER_DANS = 30  # seconds


class EntetesDeSecuriteMiddleware:
    """Permissions-Policy on every answer (Django sets the others: nosniff, Referrer-Policy, X-Frame-Options…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reponse = self.get_response(request)
        reponse.setdefault("Permissions-Policy", PERMISSIONS)
        return reponse


class PanneDeBaseMiddleware:
    """A database that does not answer is a 503 with Retry-After and a French page, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        journal.error("Base de données injoignable pendant %s %s : %s", request.method, request.path, exception)
        reponse = HttpResponse(render_to_string("503.html"), status=503)
        reponse["Retry-After"] = str(REESSAYER_DANS)
        reponse["Cache-Control"] = "no-store"
        return reponse
