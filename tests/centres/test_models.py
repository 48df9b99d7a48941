import datetime

import pytest
from django.db import IntegrityError, transaction

from centres.enums import StatutLabel, TypeTerritoire
from centres.models import Centre, Departement, Label
from centres.telephone import afficher, normaliser, uri
from tests.centres.factories import CentreFactory, DepartementFactory, LabelFactory, RegionFactory


@pytest.mark.parametrize(
    "saisi,stocke",
    [
        ("01 48 09 26 36", "0148092636"),
        ("01.48.09.26.36", "0148092636"),
        ("+33 1 48 09 26 36", "0148092636"),
        ("0033148092636", "0148092636"),
        ("0596 68 64 52", "0596686452"),
    ],
)
def test_normaliser_telephone(saisi, stocke):
    assert normaliser(saisi) == stocke


def test_afficher_et_composer_telephone():
    assert afficher("0148092636") == "01 48 09 26 36"
    assert uri("0148092636") == "tel:+33148092636"
    # Overseas numbers are dialled with their own country code, not +33.
    assert uri("0594287943") == "tel:+594594287943"
    assert uri("0262200140") == "tel:+262262200140"
    assert uri("0269617144") == "tel:+262269617144"
    assert uri("pas un numéro") == ""


@pytest.mark.django_db
def test_telephone_saisi_avec_espaces_est_normalise_a_la_validation():
    centre = CentreFactory.build(telephone="01 64 97 00 32")
    centre.full_clean(exclude=["slug"])
    assert centre.telephone == "0164970032"


@pytest.mark.django_db
def test_ecritures_en_masse_normalisent_aussi_le_telephone():
    Centre.objects.bulk_create([Centre(nom="X", slug="x", telephone="01 48 09 26 36")])
    assert Centre.objects.get(slug="x").telephone == "0148092636"


@pytest.mark.django_db
def test_base_refuse_un_telephone_invalide():
    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.bulk_create([Centre(nom="X", slug="x", telephone="12 34")])


@pytest.mark.django_db
def test_base_refuse_une_expiration_avant_l_attribution():
    centre = CentreFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Label.objects.create(
            centre=centre, date_attribution=datetime.date(2024, 1, 1), date_expiration=datetime.date(2023, 1, 1)
        )


@pytest.mark.django_db
def test_base_refuse_un_code_de_departement_mal_forme():
    region = RegionFactory(code="11")
    with pytest.raises(IntegrityError), transaction.atomic():
        Departement.objects.create(code="9Z", nom="Nulle part", region=region)


@pytest.mark.django_db
def test_un_departement_a_une_region_une_collectivite_d_outre_mer_aucune(base_vide):
    with pytest.raises(IntegrityError), transaction.atomic():
        Departement.objects.create(code="93", nom="Seine-Saint-Denis", region=None)
    Departement.objects.create(
        code="987", nom="Polynésie française", region=None, outre_mer=True, type=TypeTerritoire.COLLECTIVITE_OUTRE_MER
    )


@pytest.mark.django_db
def test_slug_unique(donnees_reference):
    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.create(nom="Un autre centre", slug="oriv")


@pytest.mark.django_db
def test_label_courant_est_la_derniere_decision_et_s_annote_en_une_requete(base_vide, django_assert_num_queries):
    centre = CentreFactory()
    LabelFactory(centre=centre, statut=StatutLabel.LABELLISE, date_attribution=datetime.date(2018, 1, 1))
    LabelFactory(centre=centre, statut=StatutLabel.SUSPENDU, date_attribution=datetime.date(2022, 6, 1))
    LabelFactory(centre=centre, statut=StatutLabel.EN_RENOUVELLEMENT, date_attribution=None)
    autre = CentreFactory()
    with django_assert_num_queries(1):
        statuts = {c.pk: c.label_statut for c in Centre.objects.avec_label_courant()}
    assert statuts == {centre.pk: StatutLabel.SUSPENDU, autre.pk: None}


@pytest.mark.django_db
def test_couverture_ne_compte_que_les_labels_actifs(base_vide):
    region = RegionFactory(code="76")
    actif, suspendu, expire = (DepartementFactory(code=code, region=region) for code in ("31", "34", "66"))
    LabelFactory(centre=CentreFactory(departements=[actif]), statut=StatutLabel.LABELLISE)
    LabelFactory(centre=CentreFactory(departements=[suspendu]), statut=StatutLabel.SUSPENDU)
    LabelFactory(
        centre=CentreFactory(departements=[expire]),
        date_attribution=datetime.date(2015, 1, 1),
        date_expiration=datetime.date(2020, 1, 1),
    )
    assert set(Departement.objects.couverts(datetime.date(2024, 1, 1)).values_list("code", flat=True)) == {"31"}
    assert set(Departement.objects.couverts(datetime.date(2019, 1, 1)).values_list("code", flat=True)) == {"31", "66"}
