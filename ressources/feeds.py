from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Ressource


class RessourcesFeed(Feed):
    title = "Ressources publiées par les centres de ressources Politique de la ville"
    description = "Les dernières études, guides, fiches expérience et publications des CRPV et de leur réseau."
    subtitle = description
    feed_type = Atom1Feed

    def link(self):
        return reverse("ressources:liste")

    def items(self):
        return Ressource.objects.publiees().recentes()[:30]

    def item_title(self, ressource):
        return ressource.titre

    def item_description(self, ressource):
        return ressource.resume

    def item_pubdate(self, ressource):
        return ressource.cree_le

    def item_updateddate(self, ressource):
        return ressource.mis_a_jour_le

    def item_categories(self, ressource):
        return [ressource.get_type_display()]
