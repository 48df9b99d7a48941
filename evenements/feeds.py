from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse

from centres.models import Centre
from commun.flux import FluxAtom

from .dates import periode
from .models import Evenement


class EvenementsFeed(FluxAtom):
    """The upcoming events: all of them, or those a centre organises (``centre``)."""

    def get_object(self, request, centre=None):
        return get_object_or_404(Centre, slug=centre) if centre else None

    def title(self, centre):
        if centre:
            return f"Agenda de {centre.nom_court}"
        return "Agenda du réseau des centres de ressources Politique de la ville"

    def subtitle(self, centre):
        return "Les prochains événements des centres de ressources et du réseau national."

    def link(self, centre):
        return f"{reverse('evenements:liste')}?centre={centre.slug}" if centre else reverse("evenements:liste")

    def items(self, centre):
        evenements = Evenement.objects.publies().a_venir().avec_organisateurs()
        if centre:
            evenements = evenements.filter(centres=centre)
        return evenements[:50]

    def item_title(self, evenement):
        return f"{evenement.titre} ({periode(evenement)})"

    def resume(self, evenement):
        parties = (periode(evenement).capitalize(), evenement.localisation.en_bref, evenement.description)
        return "\n\n".join(partie for partie in parties if partie)

    def item_author_name(self, evenement):
        """The organising centres; the network for its own meetings."""
        organisateurs = [centre.nom for centre in evenement.centres.all()]
        return ", ".join(organisateurs) or settings.NOM_DU_PORTAIL

    def item_pubdate(self, evenement):
        return evenement.cree_le

    def item_updateddate(self, evenement):
        return evenement.mis_a_jour_le
