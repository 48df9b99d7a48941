"""The portal's addresses, plus the benchmark's baseline: a bare view through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from crpv_portal.urls import urlpatterns as adresses_du_portail


def vue_nue(request):
    """The limit of the stack: no template, no query of its own."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("_bench/nue/", vue_nue), *adresses_du_portail]
