"""What the ressources add to pages they do not own: a centre's page and /recherche/."""

from centres.blocs import BLOCS_DU_CENTRE
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, SectionDeRecherche

from .filters import RessourceFilter
from .models import Ressource

DERNIERES_DU_CENTRE = 4


def ressources_du_centre(centre):
    return {
        "centre": centre,
        "ressources": list(
            Ressource.objects.publiees().filter(centres=centre).recentes().avec_producteurs()[:DERNIERES_DU_CENTRE]
        ),
    }


def enregistrer():
    BLOCS_DU_CENTRE.ajouter(
        Bloc(cle="ressources", ordre=10, gabarit="ressources/_bloc_centre.html", contexte=ressources_du_centre)
    )
    SECTIONS_DE_RECHERCHE.ajouter(
        SectionDeRecherche(
            cle="ressources",
            titre="Ressources",
            ordre=20,
            gabarit="ressources/_resultats_recherche.html",
            filtre=lambda donnees: RessourceFilter(donnees, queryset=Ressource.objects.publiees().avec_producteurs()),
            page="ressources:liste",
        )
    )
