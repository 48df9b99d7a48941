import datetime
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from centres.models import Centre
from commun.enums import Statut
from commun.pagination import PAR_PAGE
from ressources.enums import TypeRessource
from ressources.models import Ressource, Theme
from tests.ressources.factories import RessourceFactory
from tests.ressources.test_fichiers import PDF

LISTE = reverse("ressources:liste")


def titres(reponse):
    return [ressource.titre for ressource in reponse.context["page"]]


def test_une_ressource_publiee_a_un_fichier_ou_un_lien(db):
    RessourceFactory(statut=Statut.BROUILLON, lien_externe="")
    with pytest.raises(IntegrityError), transaction.atomic():
        RessourceFactory(statut=Statut.PUBLIE, lien_externe="")


def test_documents_de_reference_charges(client, donnees_reference):
    reponse = client.get(reverse("ressources:collectives"))
    assert titres(reponse) == [
        "Cadre de référence national des centres de ressources Politique de la ville",
        "Charte partenariale des centres de ressources Politique de la ville",
    ]
    cadre = Ressource.objects.get(slug="cadre-de-reference-national-des-crpv")
    assert (cadre.date_publication, cadre.type, cadre.collective) == (
        datetime.date(2017, 3, 16),
        TypeRessource.DOCUMENT_REFERENCE,
        True,
    )
    assert Ressource.objects.get(slug="charte-partenariale-des-crpv").date_publication is None
    assert Theme.objects.count() == 13


@pytest.fixture
def catalogue(donnees_reference):
    """A handful of ressources whose expected results are known."""
    oriv, irev = Centre.objects.get(slug="oriv"), Centre.objects.get(slug="irev")
    egalite = Theme.objects.get(slug="egalite-discriminations")
    participation = Theme.objects.get(slug="participation-citoyenne")
    RessourceFactory(
        titre="Égalité femmes-hommes dans les contrats de ville",
        type=TypeRessource.ETUDE,
        date_publication=datetime.date(2022, 3, 8),
        centres=[oriv],
        themes=[egalite],
    )
    RessourceFactory(
        titre="Participation citoyenne : retours d'expériences",
        type=TypeRessource.FICHE_EXPERIENCE,
        date_publication=datetime.date(2023, 11, 2),
        centres=[irev],
        themes=[participation],
        resume="Ce que les conseils citoyens ont changé.",
    )
    RessourceFactory(
        titre="Actes de la rencontre nationale",
        type=TypeRessource.ACTES,
        date_publication=datetime.date(2023, 12, 1),
        collective=True,
        themes=[participation, egalite],
    )
    RessourceFactory(
        titre="Brouillon en cours sur l'égalité", statut=Statut.BROUILLON, lien_externe="", centres=[oriv]
    )


def test_filtres(client, catalogue):
    assert titres(client.get(LISTE, {"theme": "egalite-discriminations"})) == [
        "Actes de la rencontre nationale",
        "Égalité femmes-hommes dans les contrats de ville",
    ]
    assert titres(client.get(LISTE, {"type": "etude"})) == ["Égalité femmes-hommes dans les contrats de ville"]
    assert titres(client.get(LISTE, {"centre": "irev"})) == ["Participation citoyenne : retours d'expériences"]
    assert titres(client.get(LISTE, {"region": "44"})) == ["Égalité femmes-hommes dans les contrats de ville"]
    assert titres(client.get(LISTE, {"annee": "2023", "theme": "participation-citoyenne"})) == [
        "Actes de la rencontre nationale",
        "Participation citoyenne : retours d'expériences",
    ]
    assert titres(client.get(LISTE, {"collective": "1", "annee": "2023"})) == ["Actes de la rencontre nationale"]
    assert titres(client.get(LISTE, {"tri": "titre", "annee": "2023"})) == [
        "Actes de la rencontre nationale",
        "Participation citoyenne : retours d'expériences",
    ]


@pytest.mark.parametrize(
    "requete,message",
    [
        ({"theme": "inconnu"}, "Aucun thème n&#x27;a l&#x27;identifiant « inconnu »."),
        ({"type": "zz"}, "« zz » n&#x27;est pas un type de ressource."),
        ({"annee": "deux-mille"}, "L&#x27;année doit être un nombre"),
        ({"annee": "1200"}, "Aucune ressource n&#x27;est antérieure à 1990."),
        ({"tri": "hasard"}, "« hasard » n&#x27;est pas un ordre de tri."),
        ({"q": "x" * 5000}, "La recherche est limitée à 200 caractères"),
    ],
)
def test_valeurs_inconnues(client, catalogue, requete, message):
    reponse = client.get(LISTE, requete)
    assert reponse.status_code == 200
    assertContains(reponse, message)


def test_numero_de_page_invalide_ou_hors_limites(client, donnees_reference):
    """Two pages of ressources: a page that is not a number shows the first, a page past the end is a 404."""
    RessourceFactory.create_batch(PAR_PAGE + 3)
    premiere = client.get(LISTE, {"page": "abc"})
    assert (premiere.status_code, premiere.context["page"].number, premiere.context["page"].paginator.num_pages) == (
        200,
        1,
        2,
    )
    assert client.get(LISTE, {"page": "2"}).status_code == 200
    assert client.get(LISTE, {"page": "3"}).status_code == 404
    assert client.get(LISTE, {"page": "9999"}).status_code == 404


def test_facettes_par_theme_et_type(client, catalogue):
    facettes = client.get(LISTE, {"annee": "2023"}).context["facettes"]
    assert {theme.slug: theme.nombre for theme in facettes["themes"]} == {
        "participation-citoyenne": 2,
        "egalite-discriminations": 1,
    }
    assert facettes["types"] == [("fiche_experience", "fiche expérience", 1), ("actes", "actes", 1)]


@pytest.mark.parametrize(
    "q,attendu",
    [
        ("egalite", "Égalité femmes-hommes dans les contrats de ville"),
        ("EGALITÉ femmes", "Égalité femmes-hommes dans les contrats de ville"),
        ("participatives", "Participation citoyenne : retours d'expériences"),
        ("conseils citoyens", "Participation citoyenne : retours d'expériences"),
    ],
)
def test_recherche_francaise(client, catalogue, q, attendu):
    trouves = titres(client.get(LISTE, {"q": q}))
    assert trouves[0] == attendu
    assert "Brouillon en cours sur l'égalité" not in trouves


def test_une_faute_de_frappe_trouve_encore_le_titre(client, catalogue):
    assert titres(client.get(LISTE, {"q": "particpation"}))[0] == "Participation citoyenne : retours d'expériences"


def test_le_vecteur_suit_les_ecritures_en_masse(client, donnees_reference):
    Ressource.objects.bulk_create(
        [
            Ressource(
                titre="Observatoire des quartiers", slug="observatoire", lien_externe="https://e.org", statut="publie"
            )
        ]
    )
    assert titres(client.get(LISTE, {"q": "observatoires"})) == ["Observatoire des quartiers"]
    Ressource.objects.filter(slug="observatoire").update(titre="Baromètre de la jeunesse")
    assert titres(client.get(LISTE, {"q": "observatoires"})) == []
    assert titres(client.get(LISTE, {"q": "barometre"})) == ["Baromètre de la jeunesse"]


def test_pagination_garde_les_filtres(client, donnees_reference):
    theme = Theme.objects.get(slug="jeunesse")
    for numero in range(25):
        RessourceFactory(titre=f"Jeunesse {numero:02d}", themes=[theme])
    reponse = client.get(LISTE, {"theme": "jeunesse", "tri": "titre"})
    assert len(titres(reponse)) == 20
    assertContains(reponse, 'href="?theme=jeunesse&amp;tri=titre&amp;page=2"')
    assert titres(client.get(LISTE, {"theme": "jeunesse", "tri": "titre", "page": "2"})) == [
        f"Jeunesse {numero}" for numero in range(20, 25)
    ]


def test_seules_les_ressources_publiees_sont_publiques(client, catalogue):
    brouillon = Ressource.objects.get(statut=Statut.BROUILLON)
    assert client.get(brouillon.get_absolute_url()).status_code == 404
    for url in [
        LISTE,
        reverse("flux_ressources"),
        "/sitemap-ressources.xml",
        "/",
        Centre.objects.get(slug="oriv").get_absolute_url(),
    ]:
        assertNotContains(client.get(url), "Brouillon en cours")
    assertContains(client.get(Centre.objects.get(slug="oriv").get_absolute_url()), "Égalité femmes-hommes")
    assertContains(client.get(reverse("flux_ressources")), "Actes de la rencontre nationale")


def test_texte_riche_nettoye(client, donnees_reference):
    ressource = RessourceFactory(
        corps=(
            '<p onclick="alert(1)">Bonjour</p><script>alert(2)</script>'
            '<a href="javascript:alert(3)">x</a><h2>Partie</h2>'
        ),
        collective=True,
    )
    html = client.get(ressource.get_absolute_url()).content.decode()
    assert "<p>Bonjour</p>" in html and "<h2>Partie</h2>" in html
    assert "alert" not in html


def image_jpeg():
    tampon = io.BytesIO()
    Image.new("RGB", (900, 1200), "navy").save(tampon, "JPEG")
    return SimpleUploadedFile("couverture.jpg", tampon.getvalue())


@pytest.mark.ignore_template_errors
def test_creee_dans_l_admin_avec_pdf_et_couverture(client, donnees_reference):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    oriv = Centre.objects.get(slug="oriv")
    donnees = {
        "titre": "Guide de la participation des habitants",
        "slug": "guide-participation",
        "type": "guide",
        "statut": "publie",
        "date_publication": "2026-02-10",
        "centres": [oriv.pk],
        "collective": "on",
        "themes": [Theme.objects.get(slug="participation-citoyenne").pk],
        "resume": "Méthodes et exemples pour associer les habitants.",
        "image_texte_alternatif": "Couverture du guide",
    }
    refuse = client.post(
        reverse("admin:ressources_ressource_add"),
        {**donnees, "fichier": SimpleUploadedFile("guide.pdf", b"pas un PDF"), "image": image_jpeg()},
    )
    assert refuse.status_code == 200
    assertContains(refuse, "ne correspond à aucun type accepté")
    assert not Ressource.objects.filter(slug="guide-participation").exists()

    accepte = client.post(
        reverse("admin:ressources_ressource_add"),
        {**donnees, "fichier": SimpleUploadedFile("Guide Participation.pdf", PDF), "image": image_jpeg()},
    )
    assert accepte.status_code == 302
    ressource = Ressource.objects.get(slug="guide-participation")
    # A clean name in a folder no one can guess, outside the public media.
    assert re.fullmatch(r"ressources/fichiers/[A-Za-z0-9_-]{22}/guide-participation\.pdf", ressource.fichier.name)

    client.logout()
    detail = client.get(ressource.get_absolute_url())
    assertContains(detail, f"(PDF, {len(PDF)}\xa0octets)")
    assertContains(detail, 'alt="Couverture du guide" loading="lazy"')
    assertContains(detail, '"@type": "CreativeWork"')
    liste = client.get(LISTE).content.decode()
    assert "Guide de la participation des habitants" in liste
    assert re.search(r'<img src="/media/renditions/[0-9a-f]+-320x427\.webp" width="320" height="427"', liste)
    assertContains(client.get(oriv.get_absolute_url()), "Guide de la participation des habitants")
    assertContains(client.get(reverse("ressources:collectives")), "Guide de la participation des habitants")
    assertContains(client.get(reverse("flux_ressources")), "Guide de la participation des habitants")
    assert titres(client.get(LISTE, {"q": "habitants participation"}))[0] == "Guide de la participation des habitants"

    client.force_login(User.objects.get(username="admin"))
    client.post(
        reverse("admin:ressources_ressource_changelist"),
        {"action": "depublier", "_selected_action": [ressource.pk]},
    )
    client.logout()
    assert client.get(ressource.get_absolute_url()).status_code == 404
    assertNotContains(client.get(LISTE), "Guide de la participation des habitants")


def test_nombre_de_requetes_constant_avec_1000_ressources(client, donnees_reference):
    centres = list(Centre.objects.all()[:3])
    themes = list(Theme.objects.all()[:3])

    def creer(nombre, depart):
        for numero in range(depart, depart + nombre):
            RessourceFactory(
                titre=f"Étude {numero}", slug=f"etude-{numero}", centres=centres[: 1 + numero % 3], themes=themes
            )

    urls = lambda: [  # noqa: E731
        LISTE,
        LISTE + "?q=etude&theme=" + themes[0].slug,
        LISTE + "?page=2",
        reverse("ressources:collectives"),
        reverse("ressources:detail", kwargs={"slug": "etude-5"}),
        reverse("flux_ressources"),
        "/",
        centres[0].get_absolute_url(),
    ]

    def compter():
        nombres = {}
        for url in urls():
            # Each page counted whole: two lists showing the same ressources share their kept tiles.
            caches[settings.CACHE_DES_PAGES].clear()
            with CaptureQueriesContext(connection) as requetes:
                assert client.get(url).status_code == 200
            nombres[url] = len(requetes)
        return nombres

    creer(30, 0)
    avant = compter()
    call_command("generer_demo", ressources=970, graine=3, stdout=io.StringIO())
    assert Ressource.objects.count() >= 1000
    assert compter() == avant


def test_demo_reproductible_et_supprimable(donnees_reference):
    call_command("generer_demo", ressources=50, evenements=10, graine=7, stdout=io.StringIO())
    premiers = list(Ressource.objects.filter(slug__startswith="demo-").order_by("slug").values_list("titre", "type"))
    assert all(titre.startswith("[Démo] ") for titre, _ in premiers)
    call_command("generer_demo", ressources=50, evenements=10, graine=7, supprimer=True, stdout=io.StringIO())
    assert (
        list(Ressource.objects.filter(slug__startswith="demo-").order_by("slug").values_list("titre", "type"))
        == premiers
    )
    call_command("generer_demo", supprimer=True, stdout=io.StringIO())
    assert not Ressource.objects.filter(slug__startswith="demo-").exists()
    assert Ressource.objects.count() == 2  # the reference documents stay
