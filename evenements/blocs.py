"""What the events add to pages they do not own: a centre's page and /recherche/."""

from centres.blocs import BLOCS_DU_CENTRE
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, SectionDeRecherche

from .filters import EvenementFilter
from .models import Evenement

A_VENIR_DU_CENTRE = 5
PASSES_DU_CENTRE = 3


def evenements_du_centre(centre):
    organises = Evenement.objects.publies().filter(centres=centre).avec_organisateurs()
    return {
        "centre": centre,
        "a_venir": list(organises.a_venir()[:A_VENIR_DU_CENTRE]),
        "passes": list(organises.passes()[:PASSES_DU_CENTRE]),
    }


def enregistrer():
    BLOCS_DU_CENTRE.ajouter(
        Bloc(cle="evenements", ordre=20, gabarit="evenements/_bloc_centre.html", contexte=evenements_du_centre)
    )
    # Upcoming and past events apart: each has its own page to send to for the rest.
    for cle, titre, ordre, periode, page in [
        ("a-venir", "Événements à venir", 30, "a_venir", "evenements:liste"),
        ("passes", "Événements passés", 40, "passes", "evenements:archives"),
    ]:
        SECTIONS_DE_RECHERCHE.ajouter(
            SectionDeRecherche(
                cle=cle,
                titre=titre,
                ordre=ordre,
                gabarit="evenements/_resultats_recherche.html",
                filtre=lambda donnees, periode=periode: EvenementFilter(
                    donnees, queryset=getattr(Evenement.objects.publies().avec_organisateurs(), periode)()
                ),
                page=page,
            )
        )
