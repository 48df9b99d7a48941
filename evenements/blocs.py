"""What the events add to pages they do not own: a centre's page and /recherche/."""

from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE, BLOCS_DU_CENTRE
from commun.enums import Statut
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, SectionDeRecherche, chercher

from .dates import periode as dates_de
from .filters import EvenementFilter
from .models import Evenement

A_VENIR_DU_CENTRE = 5
PASSES_DU_CENTRE = 3


def evenements_du_centre(centre):
    organises = Evenement.objects.publies().filter(centres=centre).en_tuiles()
    return {
        "centre": centre,
        "a_venir": list(organises.a_venir()[:A_VENIR_DU_CENTRE]),
        "passes": list(organises.passes()[:PASSES_DU_CENTRE]),
    }


def a_faire_pour_le_centre(centre, depuis=None):
    """« Mon centre »: the team's drafts and its upcoming events whose page says neither where nor online."""
    organises = Evenement.objects.organises_par([centre.pk])
    brouillons = organises.filter(statut=Statut.BROUILLON).a_venir()
    sans_lieu = organises.exclude(statut=Statut.CORBEILLE).a_venir().sans_lieu()
    lignes = [
        {"texte": f"{evenement.titre} ({dates_de(evenement)}) : brouillon", "lien": _formulaire(evenement)}
        for evenement in brouillons[:10]
    ] + [
        {
            "texte": f"{evenement.titre} ({dates_de(evenement)}) : ni lieu ni lien en ligne",
            "lien": _formulaire(evenement),
        }
        for evenement in sans_lieu[:10]
    ]
    return {
        "titre": "Événements à compléter",
        "lignes": lignes,
        "ajouter": reverse("admin:evenements_evenement_add"),
        "libelle_ajouter": "Ajouter un événement",
    }


def _formulaire(evenement):
    return reverse("admin:evenements_evenement_change", args=[evenement.pk])


def chercher_a_venir(texte, nombre):
    return chercher(EvenementFilter, Evenement.objects.publies().a_venir().en_tuiles(), texte, nombre)


def chercher_passes(texte, nombre):
    return chercher(EvenementFilter, Evenement.objects.publies().passes().en_tuiles(), texte, nombre)


def enregistrer():
    BLOCS_DE_MON_CENTRE.ajouter(Bloc(cle="evenements", ordre=20, gabarit="", contexte=a_faire_pour_le_centre))
    BLOCS_DU_CENTRE.ajouter(
        Bloc(cle="evenements", ordre=20, gabarit="evenements/_bloc_centre.html", contexte=evenements_du_centre)
    )
    # Upcoming and past events apart, each with its own page to send to for the rest.
    for cle, titre, ordre, page, recherche in [
        ("a-venir", "Événements à venir", 30, "evenements:liste", chercher_a_venir),
        ("passes", "Événements passés", 31, "evenements:archives", chercher_passes),
    ]:
        SECTIONS_DE_RECHERCHE.ajouter(
            SectionDeRecherche(
                cle=cle,
                titre=titre,
                ordre=ordre,
                gabarit="evenements/_resultats_recherche.html",
                page=page,
                chercher=recherche,
            )
        )
