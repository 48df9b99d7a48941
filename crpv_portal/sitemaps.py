"""The sitemap: an index at /sitemap.xml, one file per section, each split into pages of ``PAR_FICHIER`` addresses
(``/sitemap-ressources.xml?p=2``), so that no file grows with the catalogue; each section's date of last change is
one aggregate, never a walk through its rows."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from centres.models import Centre, Quartier
from evenements.models import Evenement
from ressources.models import Ressource

PAR_FICHIER = 5000


class SitemapDeModele(Sitemap):
    """A section of published rows, with their ``mis_a_jour_le``."""

    limit = PAR_FICHIER

    def lastmod(self, objet):
        return objet.mis_a_jour_le

    def get_latest_lastmod(self):
        return self.items().aggregate(dernier=Max("mis_a_jour_le"))["dernier"]


class PagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "accueil",
            "centres:liste",
            "quartiers:liste",
            "ressources:liste",
            "ressources:collectives",
            "evenements:liste",
            "evenements:archives",
            "reseau",
            "accessibilite",
            "mentions_legales",
        ]

    def location(self, item):
        return reverse(item)


class CentreSitemap(SitemapDeModele):
    changefreq = "monthly"

    def items(self):
        return Centre.objects.publics().order_by("slug")


class QuartierSitemap(Sitemap):
    changefreq = "yearly"
    limit = PAR_FICHIER

    def items(self):
        return Quartier.objects.order_by("code")


class EvenementSitemap(SitemapDeModele):
    changefreq = "weekly"

    def items(self):
        return Evenement.objects.publies().order_by("slug")


class RessourceSitemap(SitemapDeModele):
    changefreq = "monthly"

    def items(self):
        return Ressource.objects.publiees().order_by("slug")


sitemaps = {
    "pages": PagesSitemap,
    "centres": CentreSitemap,
    "quartiers": QuartierSitemap,
    "ressources": RessourceSitemap,
    "evenements": EvenementSitemap,
}
