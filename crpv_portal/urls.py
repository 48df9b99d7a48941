from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as plan_du_site
from django.urls import include, path
from django.views.generic import TemplateView

from evenements.feeds import EvenementsFeed
from ressources.feeds import RessourcesFeed

from . import views
from .sitemaps import sitemaps

admin.site.site_header = "Administration du portail des CRPV"
admin.site.site_title = "Portail des CRPV"
admin.site.index_title = "Contenus du portail"

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("centres/", include("centres.urls")),
    path("quartiers/", include("centres.urls_quartiers")),
    path("ressources/", include("ressources.urls")),
    path("flux/ressources/", RessourcesFeed(), name="flux_ressources"),
    path("flux/ressources/centre/<slug:centre>/", RessourcesFeed(), name="flux_ressources_centre"),
    path("flux/ressources/theme/<slug:theme>/", RessourcesFeed(), name="flux_ressources_theme"),
    path("evenements/", include("evenements.urls")),
    path("flux/evenements/", EvenementsFeed(), name="flux_evenements"),
    path("flux/evenements/centre/<slug:centre>/", EvenementsFeed(), name="flux_evenements_centre"),
    path("reseau/", views.reseau, name="reseau"),
    path("recherche/", views.recherche, name="recherche"),
    path("pilotage/", include("pilotage.urls")),
    path(
        "accessibilite/",
        TemplateView.as_view(template_name="pages/accessibilite.html", extra_context={"rubrique": "accessibilite"}),
        name="accessibilite",
    ),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="pages/mentions_legales.html", extra_context={"rubrique": "mentions"}),
        name="mentions_legales",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        plan_du_site.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "plan_du_site"},
        name="django.contrib.sitemaps.views.index",
    ),
    path("sitemap-<section>.xml", plan_du_site.sitemap, {"sitemaps": sitemaps}, name="plan_du_site"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("compte/", include("comptes.urls")),
    path("donnees/", include("donnees.urls")),
    path("alertes/", include("alertes.urls")),
    path("api/v1/", include("api.urls")),
]

if settings.DEBUG or settings.SERVIR_LES_MEDIAS:
    from django.urls import re_path
    from django.views.static import serve

    # Development and `make serve` only; in production the reverse proxy serves /media/ (deploy/nginx.conf).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
