"""What the ressources add to pages they do not own: a centre's page and /recherche/."""

from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE, BLOCS_DU_CENTRE
from commun.enums import Statut
from commun.registre import SECTIONS_DE_RECHERCHE, Bloc, SectionDeRecherche

from .filters import RessourceFilter
from .models import Ressource
from .recherche import Resultats

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


def chercher(texte, nombre):
    """/recherche/'s section: the list page's search for the text, its counts shared with it."""
    resultats = Resultats(RessourceFilter, {"q": texte}, Ressource.objects.publiees(), "liste")
    erreurs = [erreur for erreurs in resultats.filtre.form.errors.values() for erreur in erreurs]
    if erreurs or not resultats.facettes["total"]:
        return 0, [], erreurs
    return resultats.facettes["total"], list(resultats.lecture().en_tuiles()[:nombre]), []


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
            page="ressources:liste",
            chercher=chercher,
        )
    )
