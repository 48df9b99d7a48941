import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from ressources.enums import Statut
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
