from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from centres.models import Centre, Quartier
from evenements.models import Evenement
from ressources.models import Ressource


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


class CentreSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Centre.objects.publics().order_by("slug")

    def lastmod(self, centre):
        return centre.mis_a_jour_le


class QuartierSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Quartier.objects.order_by("code")


class EvenementSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Evenement.objects.publies().order_by("slug")

    def lastmod(self, evenement):
        return evenement.mis_a_jour_le


class RessourceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Ressource.objects.publiees().order_by("slug")

    def lastmod(self, ressource):
        return ressource.mis_a_jour_le


sitemaps = {
    "pages": PagesSitemap,
    "centres": CentreSitemap,
    "quartiers": QuartierSitemap,
    "ressources": RessourceSitemap,
    "evenements": EvenementSitemap,
}
