"""Counts against abuse (how many requests a client or an address made in a while), kept in the shared cache.

A cache that does not answer (Redis down) counts nothing: the request is served, the failure logged (django-redis,
``crpv_portal.settings.cache_redis``); never an error page, never everyone refused."""

import contextlib
import hashlib
import logging

from django.core.cache import cache

journal = logging.getLogger(__name__)


def cle(*morceaux):
    """A key that names its subject (an address, an e-mail) without storing it."""
    return "limite:" + hashlib.sha256(":".join(morceaux).encode()).hexdigest()[:40]


def depasse(nom, limite, duree):
    """Count one more under ``nom`` (``cle``) for ``duree`` seconds; whether ``limite`` is now passed."""
    cache.add(nom, 0, duree)
    try:
        nombre = cache.incr(nom)
    except ValueError:  # expired between the two calls
        cache.set(nom, 1, duree)
        nombre = 1
    if nombre is None:
        journal.warning("Limite %s non comptée : le cache ne répond pas", nom)
        return False
    return nombre > limite


def rendre(nom):
    """Take back one count under ``nom`` (what was asked failed through no fault of the asker)."""
    with contextlib.suppress(ValueError):  # already expired: nothing to take back
        cache.decr(nom)
