"""The 1,584 quartiers prioritaires of 2024: found by name, code, commune or postal code, with their centre."""

import csv
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from centres.couverture import chiffres_cles
from centres.models import Centre, Departement, Quartier
from tests.plan import plan_du_site

pytestmark = pytest.mark.usefixtures("donnees_reference")

LISTE = reverse("quartiers:liste")
JONCHEROLLES = "QN09336I"  # in Pierrefitte-sur-Seine (93059), merged into Saint-Denis (93066) in 2025
POETES = "QN09335M"  # Centre Ville - Chatenay - Maroc - Poètes: Pierrefitte-sur-Seine and Stains (93072)


def codes(reponse):
    """The codes of every quartier the list found (all its pages)."""
    return {quartier.code for quartier in reponse.context["page"].paginator.object_list}


def test_les_1584_quartiers_et_leur_nombre_par_departement():
    assert Quartier.objects.count() == 1584
    with open(settings.BASE_DIR / "fixtures" / "referentiel" / "departements.csv", encoding="utf-8") as fichier:
        attendus = {ligne["code"]: int(ligne["qpv_2024"]) for ligne in csv.DictReader(fichier)}
    par_departement = Counter(Quartier.objects.values_list("departement", flat=True))
    assert {code: nombre for code, nombre in attendus.items() if nombre} == dict(par_departement)


def test_les_quartiers_couverts_font_le_chiffre_de_la_couverture():
    """The same rule as the national figure: 1,356 of 1,584."""
    assert Quartier.objects.couverts().count() == chiffres_cles().qpv_couverts == 1356


@pytest.mark.usefixtures("communes")
def test_une_commune_fusionnee_est_remplacee_par_celle_d_aujourd_hui():
    quartier = Quartier.objects.get(code=JONCHEROLLES)
    assert [commune.code for commune in quartier.communes.all()] == ["93066"]
    assert sorted(commune.code for commune in Quartier.objects.get(code=POETES).communes.all()) == ["93066", "93072"]


@pytest.mark.parametrize(
    "q", ["Joncherolles - Fauvettes", "joncherolles fauvettes", "FAUVETTES joncherolles", JONCHEROLLES, "qn09336i"]
)
def test_recherche_par_nom_dans_n_importe_quel_ordre_ou_par_code(client, q):
    assert codes(client.get(LISTE, {"q": q})) == {JONCHEROLLES}


@pytest.mark.parametrize("q", ["Poètes Maroc", "poetes maroc", "POÈTES"])
def test_recherche_avec_ou_sans_accents(client, q):
    assert POETES in codes(client.get(LISTE, {"q": q}))


@pytest.mark.usefixtures("communes")
@pytest.mark.parametrize(
    "q,attendus",
    [
        ("Stains", {POETES}),  # the second commune of a quartier spread over two
        ("Pierrefitte-sur-Seine", {JONCHEROLLES, POETES}),  # the former name of a merged commune
        ("93380", {JONCHEROLLES, POETES}),  # Pierrefitte's postal code, now Saint-Denis'
        ("saint denis", {JONCHEROLLES, POETES}),
    ],
)
def test_recherche_par_commune_ou_code_postal(client, q, attendus):
    assert attendus <= codes(client.get(LISTE, {"q": q}))


def test_filtres_couvert_region_departement(client):
    assert len(codes(client.get(LISTE, {"couvert": "0"}))) == 1584 - 1356
    assert codes(client.get(LISTE, {"departement": "93"})) == set(
        Quartier.objects.filter(departement="93").values_list("code", flat=True)
    )
    assert (
        len(codes(client.get(LISTE, {"region": "76", "couvert": "1"})))
        == Quartier.objects.filter(departement__region="76").count()
    )
    assert codes(client.get(LISTE, {"centre": "profession-banlieue"})) == set(
        Quartier.objects.filter(departement="93").values_list("code", flat=True)
    )


@pytest.mark.parametrize(
    "requete,message",
    [
        ({"couvert": "peut-etre"}, "« peut-etre » n&#x27;est pas un choix possible"),
        ({"region": "zz"}, "Aucune région n&#x27;a le code « zz »."),
        ({"departement": "999"}, "Aucun département ni collectivité n&#x27;a le code « 999 »."),
    ],
)
def test_valeurs_inconnues(client, requete, message):
    reponse = client.get(LISTE, requete)
    assert reponse.status_code == 200
    assertContains(reponse, message)


@pytest.mark.usefixtures("communes")
def test_page_d_un_quartier_couvert(client):
    reponse = client.get(reverse("quartiers:detail", args=[JONCHEROLLES]))
    assertContains(reponse, "<h1>Joncherolles - Fauvettes</h1>", html=True)
    assertContains(reponse, "Profession Banlieue")
    assertContains(reponse, "01 48 09 26 36")
    assertContains(reponse, "Saint-Denis (93200 93210 93380), dont l'ancienne commune de Pierrefitte-sur-Seine")
    assertContains(reponse, f'href="https://sig.ville.gouv.fr/territoire/{JONCHEROLLES}"')
    assertContains(reponse, '"@type": "Place"')
    assertContains(reponse, 'class="carte__lien carte__lien--couvert"')


def test_un_quartier_d_un_departement_sans_centre_le_dit_et_oriente(client):
    quartier = Quartier.objects.filter(departement="77").first()
    reponse = client.get(quartier.get_absolute_url())
    assertContains(reponse, "Aucun centre de ressources labellisé n'intervient sur ce territoire")
    assertContains(reponse, "Les centres de la même région peuvent vous orienter")
    assertContains(reponse, "Profession Banlieue")  # an Île-de-France centre
    outre_mer = client.get(Quartier.objects.filter(departement="978").first().get_absolute_url())
    assertContains(outre_mer, "réseau national des centres de ressources")


def test_adresse_canonique_et_quartier_inconnu(client):
    assertRedirects(
        client.get("/quartiers/qn09336i/"), f"/quartiers/{JONCHEROLLES}/", status_code=301, target_status_code=200
    )
    assert client.get("/quartiers/QN99999X/").status_code == 404
    assert client.get("/quartiers/QN%00/").status_code == 404  # was a 500 on PostgreSQL (NUL byte)
    assert client.get("/quartiers/QN0933%2F6I/").status_code == 404


@pytest.mark.parametrize("q", [JONCHEROLLES, "Joncherolles - Fauvettes"])
def test_l_annuaire_trouve_le_centre_d_un_quartier(client, q):
    reponse = client.get(reverse("centres:liste"), {"q": q})
    assert [centre.slug for centre in reponse.context["centres"]] == ["profession-banlieue"]
    assertContains(reponse, "Quartier reconnu")


def test_un_nom_de_quartier_courant_ne_prend_pas_tout_l_annuaire(client):
    """« Centre Ville » names dozens of quartiers: in the directory it is not a quartier look-up."""
    reponse = client.get(reverse("centres:liste"), {"q": "centre ville"})
    assert len(reponse.context["centres"]) < 19


@pytest.mark.usefixtures("communes")
def test_la_recherche_d_une_commune_montre_ses_quartiers(client):
    reponse = client.get(reverse("centres:liste"), {"q": "Stains"})
    assertContains(reponse, "Quartiers prioritaires de Stains")
    assertContains(reponse, f'href="/quartiers/{POETES}/"')


def test_la_page_d_un_centre_compte_les_qpv_de_son_territoire(client):
    reponse = client.get(reverse("centres:detail", args=["oriv"]))
    nombre = Quartier.objects.filter(departement__region="44").count()
    assertContains(reponse, f'<a href="/quartiers/?centre=oriv">{nombre} quartiers prioritaires de la politique')


def test_section_quartiers_de_la_recherche(client):
    reponse = client.get(reverse("recherche"), {"q": "fauvettes"})
    sections = {section["cle"]: section for section in reponse.context["sections"]}
    assert [quartier.code for quartier in sections["quartiers"]["premiers"]] == [JONCHEROLLES]
    assertContains(reponse, "Quartiers prioritaires")


@pytest.mark.usefixtures("communes")
@pytest.mark.parametrize("adresse", [LISTE, reverse("recherche")])
def test_la_tuile_d_un_quartier_nomme_ses_communes_par_nom(client, adresse):
    reponse = client.get(adresse, {"q": "Poètes Maroc"})
    assertContains(reponse, "Saint-Denis, Stains · Seine-Saint-Denis (93)")


@pytest.mark.usefixtures("communes")
def test_les_communes_et_les_centres_des_tuiles_sont_lus_avec_les_quartiers_pas_une_fois_par_tuile():
    """As many queries for a page of 20 tiles as for the last page, of 15."""

    def lire(criteres):
        cache.clear()  # each page whole, its filters' fields included
        with CaptureQueriesContext(connection) as requetes:
            page = Client().get(LISTE, criteres).context["page"]
            noms = {q.code: (q.noms_des_communes, q.departement.centres_couvrants) for q in page.object_list}
        return noms, len(requetes)

    noms_de_vingt, requetes_pour_vingt = lire({"departement": "93"})
    noms_de_la_derniere, requetes_pour_la_derniere = lire({"departement": "93", "page": "4"})
    assert (len(noms_de_vingt), len(noms_de_la_derniere)) == (20, 15)
    assert all(communes and centres for communes, centres in [*noms_de_vingt.values(), *noms_de_la_derniere.values()])
    assert requetes_pour_vingt == requetes_pour_la_derniere
    (communes, centres), *_ = lire({"q": POETES})[0].values()
    assert communes == ["Saint-Denis", "Stains"]
    assert [centre.slug for centre in centres] == ["profession-banlieue"]


def test_le_plan_du_site_liste_chaque_quartier(client):
    plan = plan_du_site(client)
    assert plan.count("/quartiers/QN") == 1584


def test_le_tableau_de_bord_liste_les_quartiers_non_couverts(client, agent_anct):
    client.force_login(agent_anct)
    reponse = client.get(reverse("pilotage:tableau_de_bord"))
    non_couverts = Quartier.objects.exclude(pk__in=Quartier.objects.couverts().values("pk"))
    assert sum(len(ligne.quartiers) for ligne in reponse.context["non_couverts"]) == non_couverts.count() == 228
    assertContains(reponse, non_couverts.filter(departement="94").first().nom)


@pytest.mark.parametrize("adresse", [LISTE, f"{LISTE}?couvert=1&region=11", f"/quartiers/{JONCHEROLLES}/"])
def test_nombre_de_requetes_constant(client, adresse):
    def compter():
        with CaptureQueriesContext(connection) as requetes:
            assert client.get(adresse).status_code == 200
        return len(requetes)

    avant = compter()
    val_de_marne = Departement.objects.get(code="94")
    Quartier.objects.bulk_create(
        Quartier(
            code=f"QN099{numero:03d}",
            nom=f"Quartier d'essai {numero}",
            departement=val_de_marne,
            annee_geographie=2024,
        )
        for numero in range(200)
    )
    assert compter() == avant


def test_aucun_quartier_n_est_visible_en_admin_sans_compte(client):
    assert client.get(reverse("admin:centres_quartier_changelist")).status_code == 302
    admin = User.objects.create_superuser("admin", password="x")
    client.force_login(admin)
    assertNotContains(client.get(reverse("admin:centres_quartier_changelist")), "Erreur")


def test_les_tuiles_des_quartiers_suivent_le_contenu(client):
    """A renamed quartier and its covering centre's new name show on the next request."""
    assertContains(client.get(LISTE, {"q": JONCHEROLLES, "utm_source": "a"}), "Joncherolles - Fauvettes")
    Quartier.objects.filter(code=JONCHEROLLES).update(nom="Joncherolles – Fauvettes (renommé)")
    reponse = client.get(LISTE, {"q": JONCHEROLLES, "utm_source": "b"})
    assertContains(reponse, "Joncherolles – Fauvettes (renommé)")
    centre = Centre.objects.get(slug="profession-banlieue")
    assertContains(reponse, centre.nom_court)
    Centre.objects.filter(pk=centre.pk).update(nom="Profession Banlieue, centre de ressources", sigle="")
    assertContains(
        client.get(LISTE, {"q": JONCHEROLLES, "utm_source": "c"}), "Profession Banlieue, centre de ressources"
    )
