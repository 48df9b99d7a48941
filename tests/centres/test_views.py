import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from centres.enums import StatutLabel
from centres.models import Centre, Departement
from commun.texte import forme_de_recherche
from tests.centres.factories import CentreFactory, ContactFactory, LabelFactory
from tests.plan import plan_du_site

pytestmark = pytest.mark.usefixtures("donnees_reference")


def centres_listes(reponse):
    return sorted(centre.slug for centre in reponse.context["centres"])


def test_annuaire_sans_filtre_liste_les_19_centres(client):
    reponse = client.get(reverse("centres:liste"))
    assert reponse.status_code == 200
    assert len(reponse.context["centres"]) == 19
    assertContains(reponse, "19 centres")
    assertContains(reponse, '<a href="tel:+33148092636">', html=False)
    assertContains(reponse, "01 48 09 26 36")
    # In the order of a French reader: accents and case ignored, whatever the database's collation.
    noms = [centre.nom for centre in reponse.context["centres"]]
    assert noms == sorted(noms, key=forme_de_recherche)
    assert noms.index("Pôle ressources Ville et développement social du Val-d'Oise") < noms.index(
        "Profession Banlieue"
    )
    assert noms.index("RésO Villes") < noms.index("Ressources & Territoires")


def test_filtre_region_occitanie(client):
    reponse = client.get("/centres/?region=76")
    assert centres_listes(reponse) == ["ressources-territoires", "villes-et-territoires-occitanie"]
    assertContains(reponse, "2 centres pour cette recherche")


def test_filtre_region_a_cheval_sur_deux_regions(client):
    # RésO Villes covers Bretagne and Pays de la Loire.
    assert centres_listes(client.get("/centres/?region=52")) == ["reso-villes"]
    assert centres_listes(client.get("/centres/?region=53")) == ["reso-villes"]


def test_filtre_departement(client):
    assert centres_listes(client.get("/centres/?departement=93")) == ["profession-banlieue"]
    assert centres_listes(client.get("/centres/?departement=34")) == ["villes-et-territoires-occitanie"]


def test_filtre_outre_mer(client):
    assert centres_listes(client.get("/centres/?outre_mer=1")) == [
        "crcsur",
        "crpv-guyane",
        "crpv-mayotte",
        "ville-caraibe",
    ]


def test_filtres_combines(client):
    assert centres_listes(client.get("/centres/?region=11&q=essonne")) == ["crpve"]
    assert centres_listes(client.get("/centres/?region=76&departement=93")) == []
    assert centres_listes(client.get("/centres/?outre_mer=1&q=caraibe")) == ["ville-caraibe"]


@pytest.mark.parametrize(
    "q,attendu",
    [
        ("cites", ["labo-cites"]),  # "Labo Cités" without its accent
        ("LABO CITÉS", ["labo-cites"]),
        ("caraibe", ["ville-caraibe"]),
        ("reso", ["reso-villes"]),
        ("oriv", ["oriv"]),  # sigle
        ("montbeliard", ["trajectoire-ressources"]),  # city, accent-insensitive
        ("  profession   banlieue ", ["profession-banlieue"]),
    ],
)
def test_recherche_texte_sans_accents_ni_casse(client, q, attendu):
    assert centres_listes(client.get(reverse("centres:liste"), {"q": q})) == attendu


def test_filtres_actifs_retirables_un_par_un(client):
    reponse = client.get("/centres/?region=11&q=essonne")
    filtres = dict(reponse.context["filtres_actifs"])
    assert filtres["Région : Île-de-France"] == "?q=essonne"
    assert filtres["Commune, code postal ou nom du centre : « essonne »"] == "?region=11"
    assertContains(reponse, "(retirer ce filtre)", count=2)


def test_filtre_valide_reste_affiche_a_cote_d_un_filtre_invalide(client):
    reponse = client.get("/centres/?region=zz&q=cites")
    assert centres_listes(reponse) == ["labo-cites"]
    assert dict(reponse.context["filtres_actifs"]) == {
        "Commune, code postal ou nom du centre : « cites »": "?region=zz"
    }


@pytest.mark.parametrize(
    "requete,message",
    [
        ({"region": "zz"}, "Aucune région n&#x27;a le code « zz »."),
        ({"departement": "999"}, "Aucun département ni collectivité n&#x27;a le code « 999 »."),
        ({"q": "x" * 10_000}, "La recherche est limitée à 200 caractères"),
        ({"region": "76'; DROP TABLE centres_centre;--"}, "Aucune région n&#x27;a le code"),
    ],
)
def test_valeurs_inconnues_ou_hostiles_donnent_un_message_pas_une_erreur(client, requete, message):
    reponse = client.get(reverse("centres:liste"), requete)
    assert reponse.status_code == 200
    assertContains(reponse, message)
    assertContains(reponse, "Un filtre n'a pas pu être appliqué")
    assert Centre.objects.count() == 19


def test_departement_sans_centre_oriente_vers_la_region(client):
    reponse = client.get("/centres/?departement=77")
    assertContains(reponse, "Aucun centre de ressources n'intervient dans le département Seine-et-Marne (77)")
    aide = reponse.context["aide"]
    assert sorted(c.slug for c in aide["centres"]) == [
        "crpv-paris",
        "crpve",
        "pole-ressources-95",
        "profession-banlieue",
    ]


def test_departement_sans_centre_ni_centre_regional_oriente_vers_le_reseau(client):
    reponse = client.get("/centres/?departement=2A")
    assertContains(reponse, "Corse-du-Sud (2A)")
    assertContains(reponse, f'href="{reverse("reseau")}">réseau national')


def test_page_centre(client):
    centre = Centre.objects.get(slug="profession-banlieue")
    ContactFactory(centre=centre, nom="Camille Public", fonction="Directrice", email="camille@example.org")
    ContactFactory(centre=centre, nom="Dominique Interne", public=False)
    centre.labels.update(commentaire_interne="Note réservée à l'ANCT")
    reponse = client.get(centre.get_absolute_url())
    assert reponse.status_code == 200
    assertContains(reponse, "<h1>Profession Banlieue</h1>", html=True)
    assertContains(reponse, '<a href="tel:+33148092636">01 48 09 26 36</a>', html=True)
    assertContains(reponse, "Seine-Saint-Denis (93)")
    assertContains(reponse, "Label de l'État : labellisé")
    assertContains(reponse, "Camille Public")
    assertContains(reponse, "mailto:camille@example.org")
    assertNotContains(reponse, "Dominique Interne")
    assertNotContains(reponse, "Note réservée")
    assertContains(reponse, "Fiche mise à jour le")
    assertContains(reponse, '"@type": "Organization"')
    assertContains(reponse, '"telephone": "+33148092636"')


def test_page_centre_cache_les_faits_inconnus(client):
    reponse = client.get(reverse("centres:detail", kwargs={"slug": "crpv-guyane"}))
    assertNotContains(reponse, "Forme juridique")
    assertNotContains(reponse, "Création")
    assertNotContains(reponse, "Adresse")
    assertContains(reponse, '<a href="tel:+594594287943">05 94 28 79 43</a>', html=True)


def test_page_centre_statut_suspendu(client):
    centre = Centre.objects.get(slug="oriv")
    LabelFactory(centre=centre, statut=StatutLabel.SUSPENDU, date_attribution="2025-01-01")
    assertContains(client.get(centre.get_absolute_url()), "Label de l'État : suspendu")


def test_page_centre_inconnue_404_en_francais(client):
    reponse = client.get("/centres/nexiste-pas/")
    assert reponse.status_code == 404
    assertContains(reponse, "Page introuvable", status_code=404)


def test_accueil_liste_les_centres_et_les_chiffres(client):
    reponse = client.get("/")
    assert reponse.status_code == 200
    assertContains(reponse, "Profession Banlieue")
    assertContains(reponse, "01 48 09 26 36")
    assertContains(reponse, "Les 19 centres du réseau")
    chiffres = reponse.context["chiffres"]
    assertContains(reponse, f"<dd>{chiffres.centres}</dd>", html=True)
    # Every region of the map links to the filtered directory.
    assertContains(reponse, 'href="/centres/?region=76"')
    assertContains(reponse, 'href="/centres/?departement=93"')
    assertContains(reponse, 'aria-label="Occitanie : 2 centres"')


def test_carte_nuancee_selon_la_couverture(client):
    html = client.get("/").content.decode()
    etats = dict(re.findall(r'aria-label="([^":]+) : [^"]*" class="carte__lien carte__lien--([a-z-]+)"', html))
    assert etats["Occitanie"] == "couvert"
    assert etats["Île-de-France"] == "partiel"
    assert etats["Corse"] == "non-couvert"
    assert etats["Seine-et-Marne (77)"] == "non-couvert"
    assert etats["Guadeloupe"] == "non-couvert"
    assert etats["Martinique"] == "couvert"


def compter_requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


@pytest.mark.parametrize(
    "url", ["/", "/centres/", "/centres/?region=11&q=a", "/centres/?departement=77", "/centres/oriv/", "/reseau/"]
)
def test_nombre_de_requetes_constant(client, url):
    avant = compter_requetes(client, url)
    # Not the 77 (Seine-et-Marne), which no centre covers: its page stays the one that points to the region's.
    departements = list(Departement.objects.filter(region="11").exclude(code="77"))
    for numero in range(181):
        centre = CentreFactory(nom=f"Centre additionnel {numero}", departements=departements[:3])
        ContactFactory(centre=centre)
        LabelFactory(centre=centre)
    ContactFactory.create_batch(20, centre=Centre.objects.get(slug="oriv"))
    assert Centre.objects.count() == 200
    assert compter_requetes(client, url) == avant


@pytest.mark.parametrize(
    "url,contenu",
    [
        ("/reseau/", "Une histoire commencée en 1993"),
        ("/accessibilite/", "partiellement conforme"),
        ("/mentions-legales/", "Licence Ouverte"),
    ],
)
def test_pages_editoriales(client, url, contenu):
    assertContains(client.get(url), contenu)


def test_robots_et_sitemap(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assertContains(robots, "Sitemap: http://testserver/sitemap.xml")
    sitemap = plan_du_site(client)
    assert "http://testserver/centres/profession-banlieue/" in sitemap
    assert "http://testserver/reseau/" in sitemap
    # 9 pages, 19 centres, 2 reference documents, 6 national meetings.
    assert sitemap.count("<url>") == 10 + 19 + 1584 + 2 + 7
    assert "/ressources/cadre-de-reference-national-des-crpv/" in sitemap
    assert "/evenements/2023-8e-rencontre-nationale" in sitemap


def test_healthz(client):
    assert client.get("/healthz").status_code == 200


def test_healthz_503_quand_la_base_ne_repond_pas(client, monkeypatch):
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    def en_panne(self, *args, **kwargs):
        raise DatabaseError("base arrêtée")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", en_panne)
        assert client.get("/healthz").status_code == 503


@pytest.mark.parametrize(
    "q,attendu",
    [
        ("Roubaix", ["irev"]),
        ("59100", ["irev"]),  # Roubaix's postal code (not Bousignies, whose INSEE code is 59100)
        ("75011", ["crpv-paris"]),
        ("montbéliard", ["trajectoire-ressources"]),
        # Saint-Denis in the Aude and in the Gard, Seine-Saint-Denis and La Réunion.
        ("st-denis", ["crcsur", "profession-banlieue", "villes-et-territoires-occitanie"]),
        ("Ploërmel", ["reso-villes"]),
        ("Ajaccio", []),  # Corse: no centre
    ],
)
@pytest.mark.usefixtures("communes")
def test_recherche_par_commune_ou_code_postal(client, q, attendu):
    reponse = client.get(reverse("centres:liste"), {"q": q})
    assert centres_listes(reponse) == attendu
    if attendu:
        assertContains(reponse, "reconnue")


@pytest.mark.usefixtures("communes")
def test_communes_chargees_depuis_la_source(client):
    from centres.models import Commune

    assert Commune.objects.count() == 34_969  # the 35,014 rows, less those of territories without QPV data
    assert Commune.objects.get(code="93066").departement_id == "93"
