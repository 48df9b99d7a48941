from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from centres.models import Centre


class PagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["accueil", "centres:liste", "reseau", "accessibilite", "mentions_legales"]

    def location(self, item):
        return reverse(item)


class CentreSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Centre.objects.order_by("slug")

    def lastmod(self, centre):
        return centre.mis_a_jour_le


sitemaps = {"pages": PagesSitemap, "centres": CentreSitemap}
