import csv
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db.models import Sum

from centres.couverture import chiffres_cles
from centres.enums import StatutLabel
from centres.models import Centre, Contact, Departement, Label, Region

SOURCES = settings.BASE_DIR / "fixtures" / "referentiel"


def lignes(nom):
    with open(SOURCES / nom, encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


def test_charger_referentiel_reprend_les_sources(donnees_reference):
    assert Region.objects.count() == 18
    assert Region.objects.filter(outre_mer=True).count() == 5
    assert Departement.objects.count() == 103
    assert Departement.objects.filter(region__isnull=True).count() == 2  # 978 and 987
    assert Departement.objects.aggregate(total=Sum("nombre_qpv"))["total"] == 1584
    assert Centre.objects.count() == 19
    banlieue = Centre.objects.get(slug="profession-banlieue")
    assert banlieue.telephone == "0148092636"
    assert banlieue.site_web == "https://www.professionbanlieue.org"
    assert list(banlieue.departements.values_list("code", flat=True)) == ["93"]
    # Every listed centre is labelled, with unknown dates.
    assert Label.objects.filter(statut=StatutLabel.LABELLISE, date_attribution=None).count() == 19
    # Unknown facts stay empty.
    assert Centre.objects.get(slug="normanvilles").ville == ""
    assert Centre.objects.get(slug="crpv-guyane").annee_creation is None


def test_charger_referentiel_deux_fois_ne_duplique_rien_ni_n_ecrase_les_modifications(donnees_reference):
    centre = Centre.objects.get(slug="oriv")
    centre.presentation = "Texte saisi par l'équipe du centre."
    centre.save()
    Contact.objects.create(centre=centre, nom="Murielle Maffessoli")
    call_command("charger_referentiel", sans_communes=True, stdout=StringIO())
    assert Centre.objects.count() == 19
    assert Label.objects.count() == 19
    assert Departement.objects.count() == 103
    centre.refresh_from_db()
    assert centre.presentation == "Texte saisi par l'équipe du centre."
    assert centre.departements.count() == 10


def test_chiffres_cles_calcules_a_partir_des_sources(donnees_reference):
    """The figure is recomputed here from the CSV files, independently of the ORM."""
    couverts = {code for ligne in lignes("centres.csv") for code in ligne["departements"].split()}
    qpv = {ligne["code"]: int(ligne["qpv_2024"]) for ligne in lignes("departements.csv")}
    chiffres = chiffres_cles()
    assert chiffres.centres == 19
    assert chiffres.centres_outre_mer == 4
    assert chiffres.departements_couverts == len(couverts)
    assert chiffres.qpv_couverts == sum(qpv[code] for code in couverts)
    assert chiffres.qpv_total == 1584
    assert chiffres.annee_geographie == 2024
