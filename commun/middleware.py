"""Middleware every page goes through: the headers a browser should get, compression of public pages, and an honest
answer when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
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


def est_public(request):
    """An anonymous visitor on a public address: what may be kept (``commun.cache``) and compressed."""
    if request.path.startswith(tuple(settings.ADRESSES_PRIVEES)):
        return False
    return not any(nom in request.COOKIES for nom in (settings.SESSION_COOKIE_NAME, "messages"))


def jeton_csrf_utilise(request, reponse):
    """The page carries a CSRF token: ``get_token()`` was called while rendering it, which flags the request (the
    flag is set back to False once the cookie is set, but stays in ``META``) and sets the cookie on the answer."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META or settings.CSRF_COOKIE_NAME in reponse.cookies


class CompressionMiddleware(GZipMiddleware):
    """gzip for the public pages only: never an answer that carries a CSRF token or belongs to a session, whose
    secret an attacker could guess from the compressed size (BREACH)."""

    def process_response(self, request, response):
        if jeton_csrf_utilise(request, response) or not est_public(request):
            return response
        return super().process_response(request, response)
