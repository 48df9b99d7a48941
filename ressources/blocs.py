"""What the ressources add to pages they do not own: a centre's page and /recherche/."""

from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE, BLOCS_DU_CENTRE
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, SectionDeRecherche

from .enums import Statut
from .filters import RessourceFilter
from .models import Ressource
from .recherche import lecture_par_pages, nombre_de_resultats

DERNIERES_DU_CENTRE = 4


def ressources_du_centre(centre):
    return {
        "centre": centre,
        "ressources": list(
            Ressource.objects.publiees().filter(centres=centre).recentes().en_tuiles()[:DERNIERES_DU_CENTRE]
        ),
    }


def a_faire_pour_le_centre(centre, depuis=None):
    """« Mon centre »: the team's drafts, each linked to its form."""
    brouillons = Ressource.objects.produites_par([centre.pk]).filter(statut=Statut.BROUILLON).recentes()
    return {
        "titre": "Ressources en brouillon",
        "lignes": [
            {"texte": ressource.titre, "lien": reverse("admin:ressources_ressource_change", args=[ressource.pk])}
            for ressource in brouillons.only("pk", "titre")[:10]
        ],
        "ajouter": reverse("admin:ressources_ressource_add"),
        "libelle_ajouter": "Ajouter une ressource",
    }


def cles_des_premiers_resultats(filtre, nombre):
    """/recherche/'s section: how many productions match, and the keys of the first ones
    (``recherche.lecture_par_pages``)."""
    total = nombre_de_resultats(filtre.qs, filtre.formule_des_decomptes())
    if not total:
        return 0, []
    return total, list(lecture_par_pages(filtre, total).values_list("pk", flat=True)[:nombre])


def enregistrer():
    BLOCS_DE_MON_CENTRE.ajouter(Bloc(cle="ressources", ordre=10, gabarit="", contexte=a_faire_pour_le_centre))
    BLOCS_DU_CENTRE.ajouter(
        Bloc(cle="ressources", ordre=10, gabarit="ressources/_bloc_centre.html", contexte=ressources_du_centre)
    )
    SECTIONS_DE_RECHERCHE.ajouter(
        SectionDeRecherche(
            cle="ressources",
            titre="Ressources",
            ordre=20,
            gabarit="ressources/_resultats_recherche.html",
            filtre=RessourceFilter,
            queryset=lambda: Ressource.objects.publiees(),
            page="ressources:liste",
            lister=cles_des_premiers_resultats,
            lire=lambda cles: Ressource.objects.en_tuiles().in_bulk(cles),
        )
    )
