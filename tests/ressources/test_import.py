"""A centre's back catalogue from a spreadsheet, through the admin's « Importer » pages."""

import io

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from ressources.models import Ressource
from tests.centres.factories import CentreFactory, MembreEquipeFactory
from tests.ressources.factories import RessourceFactory, ThemeFactory

pytestmark = pytest.mark.ignore_template_errors  # Django's and django-import-export's admin templates

CSV = """titre,date,resume,lien,themes,type
Guide des conseils citoyens,17/10/2023,Pour démarrer.,https://www.oriv.org/guide,participation citoyenne,guide
Étude santé,2024-03-05,Les quartiers et la santé.,https://www.oriv.org/etude-sante,santé; participation citoyenne,étude
"""


@pytest.fixture
def equipe(client, db):
    ThemeFactory(nom="participation citoyenne", slug="participation-citoyenne")
    ThemeFactory(nom="santé", slug="sante")
    oriv, autre = CentreFactory(slug="oriv", sigle="ORIV"), CentreFactory(slug="autre", sigle="AUTRE")
    membre = MembreEquipeFactory(centre=oriv).utilisateur
    client.force_login(membre)
    return oriv, autre


def format_numero(nom):
    formats = admin.site._registry[Ressource].get_import_formats()
    return str(next(rang for rang, format in enumerate(formats) if format().get_title() == nom))


def previsualiser(client, centre, contenu, nom="catalogue.csv", format="csv"):
    fichier = SimpleUploadedFile(nom, contenu)
    return client.post(
        reverse("admin:ressources_ressource_import"),
        {"import_file": fichier, "format": format_numero(format), "centre": centre.pk},
    )


def confirmer(client, apercu):
    formulaire = apercu.context["confirm_form"]
    donnees = {nom: formulaire[nom].value() for nom in formulaire.fields}
    return client.post(reverse("admin:ressources_ressource_process_import"), donnees, follow=True)


def test_apercu_puis_confirmation(base_vide, client, equipe):
    oriv, _ = equipe
    apercu = previsualiser(client, oriv, CSV.encode())
    assert apercu.status_code == 200
    assertContains(apercu, "Guide des conseils citoyens")
    assert Ressource.objects.count() == 0  # a preview writes nothing
    confirmer(client, apercu)
    guide = Ressource.objects.get(lien_externe="https://www.oriv.org/guide")
    assert (guide.statut, guide.type, str(guide.date_publication)) == ("brouillon", "guide", "2023-10-17")
    assert list(guide.centres.all()) == [oriv]
    assert sorted(Ressource.objects.get(titre="Étude santé").themes.values_list("slug", flat=True)) == [
        "participation-citoyenne",
        "sante",
    ]
    # The same file again: recognised by the link, nothing duplicated.
    confirmer(client, previsualiser(client, oriv, CSV.encode()))
    assert Ressource.objects.count() == 2


def test_les_erreurs_de_chaque_ligne_en_francais(base_vide, client, equipe):
    oriv, _ = equipe
    contenu = "titre,date,resume,lien,themes,type\nMal rempli,32/13/2023,,https://www.oriv.org/x,astrologie,roman\n"
    apercu = previsualiser(client, oriv, contenu.encode())
    assertContains(apercu, "Date illisible « 32/13/2023 »")
    assertContains(apercu, "Thème inconnu : « astrologie »")
    assertContains(apercu, "Type inconnu « roman »")
    assert apercu.context.get("confirm_form") is None
    sans_lien = previsualiser(client, oriv, b"titre,date,resume,lien,themes,type\nSans lien,,,,,\n")
    assertContains(sans_lien, "Chaque ligne a besoin d&#x27;un lien")
    assert Ressource.objects.count() == 0


def test_un_fichier_xlsx_garde_les_dates(client, equipe):
    oriv, _ = equipe
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["titre", "date", "resume", "lien", "themes", "type"])
    import datetime

    feuille.append(
        ["Actes de la journée", datetime.datetime(2022, 10, 20), "", "https://www.oriv.org/actes", "", "actes"]
    )
    tampon = io.BytesIO()
    classeur.save(tampon)
    apercu = previsualiser(client, oriv, tampon.getvalue(), nom="catalogue.xlsx", format="xlsx")
    confirmer(client, apercu)
    actes = Ressource.objects.get(lien_externe="https://www.oriv.org/actes")
    assert (actes.type, str(actes.date_publication)) == ("actes", "2022-10-20")


def test_on_n_importe_pas_pour_un_autre_centre(base_vide, client, equipe):
    oriv, autre = equipe
    apercu = previsualiser(client, autre, CSV.encode())
    assertContains(apercu, "Sélectionnez un choix valide")
    assert Ressource.objects.count() == 0
    # A confirmation forged for another centre is refused too.
    bonne = previsualiser(client, oriv, CSV.encode())
    formulaire = bonne.context["confirm_form"]
    donnees = {nom: formulaire[nom].value() for nom in formulaire.fields} | {"centre": autre.pk}
    client.post(reverse("admin:ressources_ressource_process_import"), donnees)
    assert not Ressource.objects.filter(centres=autre).exists()


def test_un_lien_deja_la_chez_un_autre_centre_ne_le_touche_pas(client, equipe):
    oriv, autre = equipe
    chez_l_autre = RessourceFactory(
        centres=[autre], titre="Titre de l'autre", lien_externe="https://www.oriv.org/etude-sante"
    )
    confirmer(client, previsualiser(client, oriv, CSV.encode()))
    chez_l_autre.refresh_from_db()
    assert chez_l_autre.titre == "Titre de l'autre"
    assert Ressource.objects.filter(lien_externe="https://www.oriv.org/etude-sante").count() == 2


def test_le_bouton_importer_pour_les_equipes(client, equipe):
    assertContains(client.get(reverse("admin:ressources_ressource_changelist")), "Importer")
    from centres.groupes import GROUPE_ANCT
    from tests.centres.factories import CompteFactory

    client.force_login(CompteFactory(groupes=[GROUPE_ANCT]))
    assertNotContains(client.get(reverse("admin:ressources_ressource_changelist")), "/import/")
    assert client.get(reverse("admin:ressources_ressource_import")).status_code == 403
