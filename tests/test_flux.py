"""The Atom feeds, as a feed reader (feedparser) reads them."""

import datetime

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains

from centres.models import Centre
from ressources.models import Theme
from tests.evenements.factories import EvenementFactory
from tests.ressources.factories import RessourceFactory

pytestmark = pytest.mark.usefixtures("donnees_reference")


def lire(client, adresse):
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/atom+xml")
    flux = feedparser.parse(reponse.content)
    assert not flux.bozo, flux.get("bozo_exception")
    return flux


def elements_requis(flux):
    """RFC 4287: a feed and each entry have an id, a title, an updated date, and an author (the entry's or the
    feed's)."""
    assert flux.feed.title and flux.feed.id and flux.feed.updated
    for entree in flux.entries:
        assert entree.id and entree.title and entree.updated
        assert entree.get("author") or flux.feed.get("author")


def test_le_flux_des_ressources(client):
    oriv = Centre.objects.get(slug="oriv")
    RessourceFactory(
        titre="Guide des maisons de santé",
        resume="Quand A<B, tout change.\n\n<svg onload=alert(1)>",
        date_publication=datetime.date(2021, 3, 8),
        centres=[oriv],
    )
    RessourceFactory(titre="Repères collectifs", collective=True, date_publication=datetime.date(2020, 1, 2))
    flux = lire(client, reverse("flux_ressources"))
    elements_requis(flux)
    entrees = {entree.title: entree for entree in flux.entries}
    guide = entrees["Guide des maisons de santé"]
    assert guide.author == "Observatoire régional de l'intégration et de la ville"
    # What was typed is shown as typed, in two paragraphs, and never becomes markup.
    assert guide.summary == "<p>Quand A&lt;B, tout change.</p>\n\n<p>&lt;svg onload=alert(1)&gt;</p>"
    assert guide.published == "2021-03-08T00:00:00+01:00"  # its publication date, in Paris
    assert entrees["Repères collectifs"].author == settings.NOM_DU_PORTAIL
    assert flux.feed.author == settings.NOM_DU_PORTAIL


def test_les_flux_d_un_centre_et_d_un_theme(client):
    oriv, irev = Centre.objects.get(slug="oriv"), Centre.objects.get(slug="irev")
    egalite = Theme.objects.get(slug="egalite-discriminations")
    RessourceFactory(titre="Étude de l'ORIV", centres=[oriv], themes=[egalite])
    RessourceFactory(titre="Étude de l'IREV", centres=[irev])
    EvenementFactory(titre="Forum de l'IREV", centres=[irev], date_debut=datetime.date.today())
    EvenementFactory(titre="Forum de l'ORIV", centres=[oriv], date_debut=datetime.date.today())

    du_centre = lire(client, reverse("flux_ressources_centre", args=["oriv"]))
    assert [entree.title for entree in du_centre.entries] == ["Étude de l'ORIV"]
    assert du_centre.feed.title == "Ressources de ORIV"
    du_theme = lire(client, reverse("flux_ressources_theme", args=["egalite-discriminations"]))
    assert [entree.title for entree in du_theme.entries] == ["Étude de l'ORIV"]
    agenda = lire(client, reverse("flux_evenements_centre", args=["irev"]))
    elements_requis(agenda)
    assert [entree.author for entree in agenda.entries] == ["Institut régional de la ville"]
    assert client.get(reverse("flux_ressources_centre", args=["inconnu"])).status_code == 404


def test_les_pages_menent_a_leurs_flux(client):
    RessourceFactory(centres=[Centre.objects.get(slug="oriv")])
    page = client.get(reverse("centres:detail", args=["oriv"]))
    assertContains(page, 'type="application/atom+xml" title="Ressources de ORIV" href="/flux/ressources/centre/oriv/"')
    assertContains(page, 'href="/flux/evenements/centre/oriv/"')
    liste = client.get(reverse("ressources:liste"), {"theme": "egalite-discriminations"})
    assertContains(liste, 'href="/flux/ressources/theme/egalite-discriminations/"', count=2)


def test_les_rencontres_nationales_ont_le_reseau_pour_auteur(client):
    EvenementFactory(titre="Rencontre à venir", national=True, date_debut=datetime.date.today())
    flux = lire(client, reverse("flux_evenements"))
    elements_requis(flux)
    assert {entree.title.split(" (")[0]: entree.author for entree in flux.entries}["Rencontre à venir"] == (
        settings.NOM_DU_PORTAIL
    )
