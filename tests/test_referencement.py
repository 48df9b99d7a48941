"""What search engines and link previews read: canonical addresses, indexing, descriptions, Open Graph cards and
schema.org data, on the pages of the sitemap."""

import datetime
import json
import re

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains, assertNotContains

from ressources.enums import TypeRessource
from tests.evenements.factories import EvenementFactory
from tests.plan import adresses_du_plan_complet
from tests.ressources.factories import RessourceFactory

pytestmark = pytest.mark.usefixtures("donnees_reference", "evenement_a_venir", "ressource_illustree")


def balise(html, motif):
    """The ``content``/``href`` values of the head tags matching ``motif`` (a regular expression)."""
    return re.findall(motif, html)


def json_ld(html):
    return [json.loads(bloc) for bloc in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def sans_propriete_vide(donnees):
    if isinstance(donnees, dict):
        return all(valeur not in ("", [], {}, None) and sans_propriete_vide(valeur) for valeur in donnees.values())
    if isinstance(donnees, list):
        return all(sans_propriete_vide(element) for element in donnees)
    return True


def adresses_du_plan(client):
    adresses = adresses_du_plan_complet(client)
    quartiers = [adresse for adresse in adresses if adresse.startswith("/quartiers/QN")]
    # Every page but the quartiers, and one quartier in forty (their descriptions carry their ANCT code).
    return [adresse for adresse in adresses if adresse not in quartiers] + quartiers[::40]


def test_chaque_page_du_plan_a_son_adresse_canonique_sa_description_et_sa_carte(client):
    descriptions = {}
    for adresse in adresses_du_plan(client):
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        html = reponse.content.decode()
        assert balise(html, r'<link rel="canonical" href="([^"]+)">') == [f"http://testserver{adresse}"], adresse
        assert 'name="robots"' not in html, adresse
        (description,) = balise(html, r'<meta name="description" property="og:description" content="([^"]*)">')
        assert len(description) >= 40, adresse
        assert description not in descriptions, f"{adresse} a la description de {descriptions.get(description)}"
        descriptions[description] = adresse
        assert balise(html, r'<meta property="og:image" content="(http[^"]+)">'), adresse
        assert balise(html, r'<meta property="og:url" content="([^"]+)">') == [f"http://testserver{adresse}"]
        for donnees in json_ld(html):
            assert sans_propriete_vide(donnees), adresse
    assert len(descriptions) > 50


@pytest.mark.parametrize(
    "adresse,indexee,canonique",
    [
        ("/centres/", True, "/centres/"),
        ("/centres/?region=76", False, "/centres/"),
        ("/recherche/?q=ville", False, "/recherche/"),
        ("/ressources/?theme=egalite-discriminations&page=1", False, "/ressources/"),
        ("/quartiers/?page=2", True, "/quartiers/?page=2"),
    ],
)
def test_les_listes_filtrees_et_la_recherche_ne_sont_pas_indexees(client, adresse, indexee, canonique):
    html = client.get(adresse).content.decode()
    assert ('<meta name="robots" content="noindex, follow">' not in html) is indexee
    assert balise(html, r'<link rel="canonical" href="([^"]+)">') == [f"http://testserver{canonique}"]


def test_la_carte_d_une_ressource_montre_sa_couverture(client, ressource_illustree):
    html = client.get(ressource_illustree.get_absolute_url()).content.decode()
    assert balise(html, r'<meta property="og:title" content="([^"]+)">') == [ressource_illustree.titre]
    (image,) = balise(html, r'<meta property="og:image" content="([^"]+)">')
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".webp")
    assert balise(html, r'<meta property="og:image:alt" content="([^"]+)">') == [
        ressource_illustree.image_texte_alternatif.replace("'", "&#x27;")
    ]
    (donnees,) = json_ld(html)
    assert donnees["image"] == image


def test_la_carte_par_defaut_est_servie_par_le_portail(client):
    html = client.get("/").content.decode()
    assert balise(html, r'<meta property="og:image" content="([^"]+)">') == [
        "http://testserver/static/img/partage.png"
    ]
    assert (settings.BASE_DIR / "static" / "img" / "partage.png").exists()


def test_une_ressource_sans_resume_a_une_description(client):
    ressource = RessourceFactory(
        titre="Étude sur la mobilité", resume="", type=TypeRessource.ETUDE, date_publication=datetime.date(2024, 5, 2)
    )
    html = client.get(ressource.get_absolute_url()).content.decode()
    assert balise(html, r'<meta name="description" property="og:description" content="([^"]*)">') == [
        "Étude (mai 2024) : Étude sur la mobilité."
    ]
    (donnees,) = json_ld(html)
    assert donnees["@type"] == "Report"


def test_les_donnees_structurees_d_un_evenement(client, evenement_a_venir):
    (donnees,) = json_ld(client.get(evenement_a_venir.get_absolute_url()).content.decode())
    assert {"name", "startDate", "endDate", "location", "organizer", "image", "eventAttendanceMode"} <= set(donnees)
    assert donnees["image"][0].startswith("http://testserver/media/renditions/")
    national = EvenementFactory(titre="Rencontre nationale", national=True, date_debut=datetime.date(2030, 5, 1))
    (donnees,) = json_ld(client.get(national.get_absolute_url()).content.decode())
    assert donnees["organizer"] == [
        {"@type": "Organization", "name": settings.NOM_DU_PORTAIL, "url": "http://testserver/reseau/"}
    ]


def test_le_logo_d_un_centre_dans_ses_donnees_structurees(client):
    from centres.models import Centre
    from tests.test_images import fichier_image

    centre = Centre.objects.get(slug="oriv")
    centre.logo = fichier_image("logo.png", "PNG", (600, 300))
    centre.save()
    html = client.get(centre.get_absolute_url()).content.decode()
    (donnees,) = json_ld(html)
    assert donnees["logo"].startswith("http://testserver/media/renditions/")
    assert balise(html, r'<meta property="og:image" content="([^"]+)">') == [donnees["logo"]]


def test_une_page_au_dela_de_la_derniere_est_introuvable(client):
    assert client.get("/evenements/archives/", {"page": "50"}).status_code == 404
    assert client.get("/quartiers/", {"page": "999"}).status_code == 404
    assertNotContains(client.get("/quartiers/", {"page": "abc"}), "noindex")
    assertContains(client.get("/quartiers/", {"page": "80"}), "Page 80 sur 80")
