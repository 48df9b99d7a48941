"""The client's address: the one place every limit of the portal reads it (the alerts' form, django-axes' count of
failed logins)."""

import ipaddress

from django.conf import settings


def _valide(adresse):
    try:
        return str(ipaddress.ip_address(adresse.strip()))
    except ValueError:
        return ""


def adresse_du_client(request):
    """Behind the reverse proxy (``DJANGO_BEHIND_PROXY=1``), the right-most address of ``X-Forwarded-For``: the one
    the proxy added itself (nginx's ``$proxy_add_x_forwarded_for``), never one a client wrote in its own header;
    otherwise ``REMOTE_ADDR``; None when neither is an address."""
    if settings.DERRIERE_UN_PROXY:
        transmises = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if adresse := _valide(transmises[-1]):
            return adresse
    return _valide(request.META.get("REMOTE_ADDR", "")) or None
