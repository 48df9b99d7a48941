from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode

from centres.models import Centre
from commun.flux import FluxAtom, debut_du_jour

from .models import Ressource, Theme


class RessourcesFeed(FluxAtom):
    """The latest ressources: all of them, or a centre's (``centre``), or a theme's (``theme``)."""

    def get_object(self, request, centre=None, theme=None):
        if centre:
            return get_object_or_404(Centre, slug=centre)
        if theme:
            return get_object_or_404(Theme, slug=theme)
        return None

    def title(self, objet):
        if isinstance(objet, Centre):
            return f"Ressources de {objet.nom_court}"
        if isinstance(objet, Theme):
            return f"Ressources des CRPV sur le thème « {objet.nom} »"
        return "Ressources publiées par les centres de ressources Politique de la ville"

    def subtitle(self, objet):
        return "Les dernières études, guides, fiches expérience et publications des CRPV et de leur réseau."

    def link(self, objet):
        filtre = {"centre": objet.slug} if isinstance(objet, Centre) else {"theme": objet.slug} if objet else {}
        return f"{reverse('ressources:liste')}?{urlencode(filtre)}" if filtre else reverse("ressources:liste")

    def items(self, objet):
        ressources = Ressource.objects.publiees().recentes().avec_producteurs()
        if isinstance(objet, Centre):
            ressources = ressources.filter(centres=objet)
        elif isinstance(objet, Theme):
            ressources = ressources.filter(themes=objet)
        return ressources[:30]

    def item_title(self, ressource):
        return ressource.titre

    def resume(self, ressource):
        return ressource.resume

    def item_author_name(self, ressource):
        """The producing centres, and the network for a collective ressource."""
        auteurs = [centre.nom for centre in ressource.centres.all()]
        if ressource.collective or not auteurs:
            auteurs.append(settings.NOM_DU_PORTAIL)
        return ", ".join(auteurs)

    def item_pubdate(self, ressource):
        """Its publication date, not the day it was typed on the portal."""
        if ressource.date_publication:
            return debut_du_jour(ressource.date_publication)
        return ressource.cree_le

    def item_updateddate(self, ressource):
        return ressource.mis_a_jour_le

    def item_categories(self, ressource):
        return [ressource.get_type_display()]
