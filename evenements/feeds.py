from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .dates import periode
from .models import Evenement


class EvenementsFeed(Feed):
    title = "Agenda du réseau des centres de ressources Politique de la ville"
    description = "Les prochains événements des centres de ressources et du réseau national."
    feed_type = Atom1Feed
    subtitle = description

    def link(self):
        return reverse("evenements:liste")

    def items(self):
        return Evenement.objects.a_venir()[:50]

    def item_title(self, evenement):
        return f"{evenement.titre} ({periode(evenement)})"

    def item_description(self, evenement):
        parties = (periode(evenement), evenement.localisation.en_bref, evenement.description)
        return " – ".join(partie for partie in parties if partie)

    def item_pubdate(self, evenement):
        return evenement.cree_le

    def item_updateddate(self, evenement):
        return evenement.mis_a_jour_le
