import datetime

import django_filters
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from centres.filters import CentreFilter
from centres.models import Centre
from commun.enums import Statut
from commun.filtres import LONGUEUR_MAX_RECHERCHE
from commun.registre import SECTIONS_DE_RECHERCHE, SectionDeRecherche, chercher
from tests.evenements.factories import EvenementFactory
from tests.ressources.factories import RessourceFactory

URL = reverse("recherche")


def sections(reponse):
    return {section["cle"]: section for section in reponse.context["sections"]}


@pytest.mark.usefixtures("communes")
def test_une_recherche_sur_les_centres_les_ressources_et_les_evenements(client):
    RessourceFactory(titre="Guide de la participation à Roubaix", collective=True)
    RessourceFactory(titre="Brouillon sur Roubaix", statut=Statut.BROUILLON, lien_externe="")
    EvenementFactory(titre="Visite de quartier", ville="Roubaix", date_debut=datetime.date(2020, 5, 4))
    EvenementFactory(titre="Forum de l'emploi", ville="Roubaix", date_debut=timezone.localdate())
    reponse = client.get(URL, {"q": "roubaix"})
    resultats = sections(reponse)
    assert [centre.slug for centre in resultats["centres"]["premiers"]] == ["irev"]
    assert [r.titre for r in resultats["ressources"]["premiers"]] == ["Guide de la participation à Roubaix"]
    assert [e.titre for e in resultats["a-venir"]["premiers"]] == ["Forum de l'emploi"]
    assert (resultats["a-venir"]["nombre"], resultats["passes"]["nombre"]) == (1, 1)
    assert resultats["a-venir"]["tout"] == "/evenements/?q=roubaix"
    assert [e.titre for e in resultats["passes"]["premiers"]] == ["Visite de quartier"]
    assert resultats["passes"]["tout"] == "/evenements/archives/?q=roubaix"
    assertNotContains(reponse, "Brouillon sur Roubaix")
    assertContains(reponse, "Institut régional de la ville")


@pytest.mark.usefixtures("donnees_reference")
def test_lien_vers_tous_les_resultats_d_une_rubrique(client):
    for numero in range(7):
        RessourceFactory(titre=f"Égalité des chances, fiche {numero}", collective=True)
    resultats = sections(client.get(URL, {"q": "egalite"}))["ressources"]
    assert resultats["nombre"] == 7
    assert len(resultats["premiers"]) == 5
    assert resultats["tout"] == "/ressources/?q=egalite"


@pytest.mark.parametrize(
    "q,message", [("", "Saisissez un ou plusieurs mots."), ("x" * 300, "La recherche est limitée à 200 caractères")]
)
def test_recherche_vide_ou_trop_longue(client, db, q, message):
    reponse = client.get(URL, {"q": q})
    assert reponse.status_code == 200
    assertContains(reponse, message)
    assert reponse.context["sections"] == []


@pytest.mark.usefixtures("donnees_reference")
def test_nombre_de_requetes_constant(client):
    def compter():
        with CaptureQueriesContext(connection) as requetes:
            assert client.get(URL, {"q": "guide"}).status_code == 200
        return len(requetes)

    RessourceFactory(titre="Guide 0", collective=True)
    EvenementFactory(titre="Guide de l'événement 0")
    avant = compter()
    for numero in range(1, 40):
        RessourceFactory(titre=f"Guide {numero}", collective=True)
        EvenementFactory(titre=f"Guide de l'événement {numero}")
    assert compter() == avant


# 101 to 200 characters: the length the centres' filter refused (100) while the others accepted it (200), which
# made the Centres section of /recherche/ list all 19 centres.
TEXTES_LONGS = ["z" * 150, "qwxzk " * 20, "xylophonique " * 9]


@pytest.mark.usefixtures("donnees_reference")
@pytest.mark.parametrize("q", TEXTES_LONGS)
def test_une_recherche_longue_et_absurde_ne_liste_aucun_centre(client, q):
    assert 101 <= len(q.strip()) <= LONGUEUR_MAX_RECHERCHE
    reponse = client.get(URL, {"q": q})
    assert reponse.status_code == 200
    centres = sections(reponse)["centres"]
    assert (centres["nombre"], list(centres["premiers"]), centres["erreurs"]) == (0, [], [])
    assertContains(reponse, "Aucun résultat parmi les centres.")
    assertNotContains(reponse, "Profession Banlieue")


def resultats_de_la_liste(reponse):
    contexte = reponse.context
    return list(contexte["centres"]) if "centres" in contexte else list(contexte["page"].object_list)


LISTES = ["centres:liste", "ressources:liste", "ressources:collectives", "evenements:liste", "evenements:archives"]


@pytest.mark.usefixtures("donnees_reference")
@pytest.mark.parametrize("page", LISTES)
@pytest.mark.parametrize("q", TEXTES_LONGS)
def test_chaque_liste_accepte_la_meme_longueur_et_ne_montre_rien_pour_un_texte_absurde(client, page, q):
    RessourceFactory(titre="Guide de la participation", collective=True)
    EvenementFactory(titre="Séminaire sur la participation", date_debut=timezone.localdate())
    assert resultats_de_la_liste(client.get(reverse(page)))  # something to hide
    reponse = client.get(reverse(page), {"q": q})
    assert reponse.status_code == 200
    assertNotContains(reponse, "La recherche est limitée")
    assert resultats_de_la_liste(reponse) == []


@pytest.mark.usefixtures("donnees_reference")
@pytest.mark.parametrize("page", ["recherche", *LISTES])
def test_au_dela_de_la_limite_le_meme_message_partout(client, page):
    reponse = client.get(reverse(page), {"q": "x" * (LONGUEUR_MAX_RECHERCHE + 1)})
    assert reponse.status_code == 200
    assertContains(reponse, f"La recherche est limitée à {LONGUEUR_MAX_RECHERCHE} caractères")


def test_les_boites_de_recherche_ont_la_limite_des_filtres(client, db):
    reponse = client.get(reverse("accueil"))
    assertContains(reponse, f'maxlength="{LONGUEUR_MAX_RECHERCHE}"', count=2)  # the header's and the home's


class CentreParNumeroFilter(CentreFilter):
    """A filter set whose search accepts a number only, as a future section's might refuse some texts."""

    q = django_filters.NumberFilter(method="rechercher")


def section_de_centres_le_temps_du_test(cle, titre, recherche):
    """Register, for one test, a section of the centres that a future content type might resemble."""
    section = SectionDeRecherche(
        cle=cle,
        titre=titre,
        ordre=99,
        gabarit="centres/_resultats_recherche.html",
        page="centres:liste",
        chercher=recherche,
    )
    SECTIONS_DE_RECHERCHE.ajouter(section)
    yield section
    SECTIONS_DE_RECHERCHE._blocs.pop(section.cle)


@pytest.fixture
def section_invalide():
    """A section whose filter set refuses what it is given (a text for a number)."""
    yield from section_de_centres_le_temps_du_test(
        "centres-de-nulle-part",
        "Centres de nulle part",
        lambda texte, nombre: chercher(CentreParNumeroFilter, Centre.objects.publics(), texte, nombre),
    )


@pytest.mark.usefixtures("donnees_reference", "section_invalide")
def test_une_section_dont_le_filtre_est_invalide_le_dit_et_ne_montre_rien(client):
    reponse = client.get(URL, {"q": "ville"})
    section = sections(reponse)["centres-de-nulle-part"]
    assert (section["nombre"], list(section["premiers"])) == (0, [])
    assertContains(reponse, "Saisissez un nombre.")
    # The other sections are not affected.
    assert sections(reponse)["centres"]["nombre"] > 0


def test_une_section_d_evenements_compte_tous_ses_resultats_et_en_montre_cinq(client, db):
    for numero in range(7):
        EvenementFactory(titre=f"Atelier sur la participation {numero}", date_debut=timezone.localdate())
    section = sections(client.get(URL, {"q": "participation"}))["a-venir"]
    assert (section["nombre"], len(section["premiers"])) == (7, 5)
    assert sections(client.get(URL, {"q": "kangourou"}))["a-venir"]["nombre"] == 0


@pytest.fixture
def section_nombreuse():
    """A section that counts 12,345 results (as a big content type would), showing one centre."""
    yield from section_de_centres_le_temps_du_test(
        "nombreuse",
        "Nombreux",
        lambda texte, nombre: (12_345, list(Centre.objects.publics().en_tuiles()[:1]), []),
    )


@pytest.mark.usefixtures("donnees_reference", "section_nombreuse")
def test_les_nombres_de_resultats_groupes_a_la_francaise(client):
    reponse = client.get(URL, {"q": "ville"})
    assertContains(reponse, '<span class="compte">12\xa0345</span>', html=False)
    assertContains(reponse, "Voir les 12\xa0345 résultats parmi les nombreux")


def test_les_resultats_d_une_recherche_suivent_le_texte_et_le_contenu(client, db):
    """Each text shows its own results, whatever else the address carries, and a new ressource shows on the next
    request (its counts are kept per text and version of the content)."""
    RessourceFactory(titre="Guide des conseils citoyens")
    assertContains(client.get(URL, {"q": "conseils", "utm_source": "a"}), "Guide des conseils citoyens")
    autre = client.get(URL, {"q": "kangourou", "utm_source": "a"})
    assertNotContains(autre, "Guide des conseils citoyens")
    assertContains(autre, "Aucun résultat parmi les ressources.")
    RessourceFactory(titre="Les conseils citoyens, cinq ans après")
    reponse = client.get(URL, {"q": "conseils", "utm_source": "b"})
    assertContains(reponse, "Guide des conseils citoyens")
    assertContains(reponse, "Les conseils citoyens, cinq ans après")
