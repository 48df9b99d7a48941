"""Open data and the API: files that parse back and match the database, validated against their published
Table Schema by frictionless, an OpenAPI schema that validates, and never a private field."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse
from frictionless import Resource, Schema
from openapi_spec_validator import validate
from pytest_django.asserts import assertContains

from centres.models import Centre, Contact, Label
from donnees.jeux import JEUX
from ressources.models import Ressource
from tests.centres.factories import ContactFactory
from tests.evenements.factories import EvenementFactory
from tests.ressources.factories import RessourceFactory

pytestmark = pytest.mark.usefixtures("donnees_reference")

SECRETS = ["Note interne à ne jamais publier", "Brouillon à ne jamais publier", "Contact privé à ne pas publier"]


@pytest.fixture
def secrets(donnees_reference):
    """A draft, a non-public contact, an internal label comment, a draft event: none may ever be published."""
    oriv = Centre.objects.get(slug="oriv")
    Label.objects.filter(centre=oriv).update(commentaire_interne=SECRETS[0])
    RessourceFactory(titre=SECRETS[1], statut="brouillon", centres=[oriv], lien_externe="")
    ContactFactory(centre=oriv, nom=SECRETS[2], public=False, email="secret@oriv.org")
    EvenementFactory(titre=SECRETS[1], statut="brouillon", centres=[oriv])


def contenu(reponse):
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


def lignes_csv(client, cle, **filtres):
    reponse = client.get(reverse("donnees:fichier", args=[cle, "csv"]), filtres)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    texte = contenu(reponse).decode("utf-8")
    assert not texte.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texte)))


def test_les_centres_en_csv_sont_ceux_de_la_base(client):
    lignes = lignes_csv(client, "centres")
    assert {ligne["slug"] for ligne in lignes} == set(Centre.objects.publics().values_list("slug", flat=True))
    oriv = next(ligne for ligne in lignes if ligne["slug"] == "oriv")
    assert oriv["telephone"] == "03 88 14 35 89"
    assert oriv["departements"] == "08;10;51;52;54;55;57;67;68;88"
    assert oriv["label_statut"] == "labellisé"
    occitanie = lignes_csv(client, "centres", region="76")
    assert {ligne["slug"] for ligne in occitanie} == set(
        Centre.objects.dans_region("76").values_list("slug", flat=True)
    )


def test_la_couverture_suit_la_regle_de_couverture(client):
    from centres.models import Departement

    lignes = lignes_csv(client, "couverture")
    assert len(lignes) == Departement.objects.count()
    couverts = {ligne["code"] for ligne in lignes if ligne["couvert"] == "true"}
    assert couverts == set(Departement.objects.couverts().values_list("code", flat=True))
    ain = next(ligne for ligne in lignes if ligne["code"] == "01")
    assert ain["code"] == "01"  # a code keeps its leading zero


@pytest.mark.parametrize("cle", list(JEUX))
def test_chaque_csv_valide_contre_son_schema_publie(
    client, tmp_path, cle, communes, ressource_illustree, evenement_a_venir
):
    fichier = tmp_path / f"{cle}.csv"
    fichier.write_bytes(contenu(client.get(reverse("donnees:fichier", args=[cle, "csv"]))))
    schema = json.loads(client.get(reverse("donnees:schema", args=[cle])).content)
    rapport = Resource(path=fichier.name, basepath=str(tmp_path), schema=Schema.from_descriptor(schema)).validate()
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    assert rapport.tasks[0].stats["rows"] > 0


@pytest.mark.parametrize("cle", list(JEUX))
def test_json_et_xlsx_disent_la_meme_chose_que_le_csv(client, cle, ressource_illustree, evenement_a_venir):
    lignes = lignes_csv(client, cle)
    en_json = json.loads(contenu(client.get(reverse("donnees:fichier", args=[cle, "json"]))))
    assert len(en_json) == len(lignes)
    assert [ligne[next(iter(ligne))] for ligne in en_json] == [ligne[next(iter(ligne))] for ligne in lignes]
    reponse = client.get(reverse("donnees:fichier", args=[cle, "xlsx"]))
    classeur = openpyxl.load_workbook(io.BytesIO(contenu(reponse)), read_only=True)
    rangees = list(classeur.active.iter_rows(values_only=True))
    assert list(rangees[0]) == list(lignes[0])
    assert len(rangees) - 1 == len(lignes)


def test_un_code_reste_du_texte_dans_le_tableur(client):
    reponse = client.get(reverse("donnees:fichier", args=["couverture", "xlsx"]))
    rangees = list(openpyxl.load_workbook(io.BytesIO(contenu(reponse))).active.iter_rows(values_only=True))
    assert rangees[1][0] == "01"


def test_un_nom_qui_ressemble_a_une_formule_reste_inerte(client):
    Centre.objects.filter(slug="oriv").update(nom='=HYPERLINK("https://pirate.example","clic")', sigle="-2+3")
    ligne = next(ligne for ligne in lignes_csv(client, "centres") if ligne["slug"] == "oriv")
    assert ligne["nom"] == '\'=HYPERLINK("https://pirate.example","clic")'
    assert ligne["sigle"] == "'-2+3"
    reponse = client.get(reverse("donnees:fichier", args=["centres", "xlsx"]))
    feuille = openpyxl.load_workbook(io.BytesIO(contenu(reponse))).active
    noms = [cellule.value for cellule in feuille["B"]]
    assert '\'=HYPERLINK("https://pirate.example","clic")' in noms
    assert all(cellule.data_type != "f" for rangee in feuille.iter_rows() for cellule in rangee)


@pytest.mark.usefixtures("secrets")
def test_rien_de_prive_dans_aucun_fichier_ni_dans_l_api(client):
    adresses = [reverse("donnees:fichier", args=[cle, format]) for cle in JEUX for format in ("csv", "json")]
    adresses += [f"/api/v1/{nom}/" for nom in ("centres", "ressources", "evenements", "departements", "regions")]
    adresses += ["/api/v1/centres/oriv/", "/api/v1/centres/?q=oriv"]
    for adresse in adresses:
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        texte = contenu(reponse).decode()
        for secret in [*SECRETS, "secret@oriv.org", "commentaire_interne"]:
            assert secret not in texte, (adresse, secret)
    assert Contact.objects.filter(public=False).exists() and Ressource.objects.filter(statut="brouillon").exists()


def test_une_requete_conditionnelle_repetee_repond_304(client):
    adresse = reverse("donnees:fichier", args=["centres", "csv"])
    premiere = client.get(adresse, {"region": "76"})
    assert premiere["ETag"] and premiere["Last-Modified"]
    assert client.get(adresse, {"region": "76"}, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 304
    # Other filters, or a change to the data: another version of the file.
    assert client.get(adresse, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 200
    Centre.objects.get(slug="oriv").save()
    assert client.get(adresse, {"region": "76"}, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 200


def test_un_filtre_inconnu_est_une_erreur_400_en_francais(client):
    reponse = client.get(reverse("donnees:fichier", args=["centres", "csv"]), {"region": "zz"})
    assert reponse.status_code == 400
    assert "Aucune région n'a le code « zz »" in reponse.content.decode()
    api = client.get("/api/v1/centres/", {"region": "zz"})
    assert api.status_code == 400 and "Aucune région" in api.json()["region"][0]
    assert client.get("/donnees/inconnu.csv").status_code == 404
    assert client.get("/donnees/centres.pdf").status_code == 404


def test_le_schema_openapi_valide_et_decrit_chaque_point_d_entree(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    validate(schema)
    chemins = set(schema["paths"])
    for nom in ("centres", "regions", "departements", "ressources", "evenements", "quartiers"):
        assert f"/api/v1/{nom}/" in chemins
    assert "/api/v1/centres/{slug}/" in chemins
    parametres = {p["name"] for p in schema["paths"]["/api/v1/centres/"]["get"]["parameters"]}
    assert {"region", "departement", "outre_mer", "q", "page"} <= parametres


def test_la_documentation_de_l_api_est_servie_par_le_portail(client):
    page = client.get("/api/v1/docs/")
    assertContains(page, "swagger-ui")
    # Every script, style sheet and icon comes from the portal itself: no CDN.
    adresses = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page.content.decode())
    assert adresses and all(adresse.startswith("/") and not adresse.startswith("//") for adresse in adresses), adresses


def test_l_api_filtre_comme_l_annuaire_et_s_ouvre_aux_autres_sites(client):
    reponse = client.get("/api/v1/centres/", {"region": "76"}, HTTP_ORIGIN="https://reutilisateur.example")
    assert reponse["Access-Control-Allow-Origin"] == "*"
    assert {centre["slug"] for centre in reponse.json()["results"]} == set(
        Centre.objects.dans_region("76").values_list("slug", flat=True)
    )
    oriv = client.get("/api/v1/centres/oriv/").json()
    assert oriv["telephone"] == "03 88 14 35 89" and oriv["label"]["statut"] == "labellisé"


@pytest.mark.parametrize(
    "adresse", ["/api/v1/centres/", "/api/v1/ressources/", "/api/v1/evenements/", "/api/v1/departements/"]
)
def test_l_api_fait_autant_de_requetes_avec_plus_de_donnees(client, django_assert_max_num_queries, adresse):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as avant:
        client.get(adresse)
    oriv = Centre.objects.get(slug="oriv")
    for _n in range(30):
        RessourceFactory(centres=[oriv])
        EvenementFactory(centres=[oriv])
        ContactFactory(centre=oriv)
    with django_assert_max_num_queries(len(avant)):
        assert client.get(adresse).status_code == 200


def test_les_pages_de_liste_proposent_leurs_resultats(client):
    assertContains(client.get("/centres/", {"region": "76"}), 'href="/donnees/centres.csv?region=76"')
    assertContains(client.get("/evenements/"), 'href="/donnees/evenements.csv?a_venir=1"')
    assertContains(client.get("/"), 'href="/donnees/"')
