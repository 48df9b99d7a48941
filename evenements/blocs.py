"""What the events add to pages they do not own: a centre's page and /recherche/."""

from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE, BLOCS_DU_CENTRE
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, Partie, SectionsDeRecherche

from .dates import periode as dates_de
from .enums import StatutEvenement
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
    brouillons = organises.filter(statut=StatutEvenement.BROUILLON).a_venir()
    sans_lieu = organises.exclude(statut=StatutEvenement.CORBEILLE).a_venir().sans_lieu()
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


def cles_par_periode(filtre, nombre):
    """The two agenda sections of /recherche/, from one reading of the events that match
    (``EvenementQuerySet.cles_par_periode``)."""
    resultats = filtre.qs.cles_par_periode(nombre)
    return {"a-venir": resultats["a_venir"], "passes": resultats["passes"]}


def enregistrer():
    BLOCS_DE_MON_CENTRE.ajouter(Bloc(cle="evenements", ordre=20, gabarit="", contexte=a_faire_pour_le_centre))
    BLOCS_DU_CENTRE.ajouter(
        Bloc(cle="evenements", ordre=20, gabarit="evenements/_bloc_centre.html", contexte=evenements_du_centre)
    )
    # Upcoming and past events apart, each with its own page to send to for the rest, from one reading of them.
    SECTIONS_DE_RECHERCHE.ajouter(
        SectionsDeRecherche(
            cle="agenda",
            ordre=30,
            gabarit="evenements/_resultats_recherche.html",
            filtre=EvenementFilter,
            queryset=lambda: Evenement.objects.publies(),
            parties=(
                Partie("a-venir", "Événements à venir", "evenements:liste"),
                Partie("passes", "Événements passés", "evenements:archives"),
            ),
            lister=cles_par_periode,
            lire=lambda cles: Evenement.objects.en_tuiles().in_bulk(cles),
        )
    )
