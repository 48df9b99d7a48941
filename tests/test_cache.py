"""The anonymous page cache (commun.cache): fast, and never one edit behind; compression without BREACH; 304s."""

import datetime
import gzip

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from centres.models import Centre, Region
from commun.cache import version_du_contenu
from crpv_portal.settings import cache_redis
from evenements.enums import Fuseau
from evenements.models import Evenement
from ressources.models import Ressource
from tests.centres.factories import (
    CentreFactory,
    ContactFactory,
    DepartementFactory,
    MembreEquipeFactory,
    RegionFactory,
)
from tests.evenements.factories import EvenementFactory
from tests.plan import fichiers_du_plan
from tests.ressources.factories import RessourceFactory, ThemeFactory
from tests.ressources.test_import import CSV, confirmer, previsualiser

pytestmark = pytest.mark.usefixtures("base_vide")

LISTE = "/ressources/"


@pytest.fixture
def oriv(db):
    return CentreFactory(slug="oriv", sigle="ORIV", nom="Observatoire régional de l'intégration et de la ville")


def servie_deux_fois(client, adresse):
    """The second answer of an unchanged page comes from the cache."""
    premiere, seconde = client.get(adresse), client.get(adresse)
    assert (premiere["X-Cache"], seconde["X-Cache"]) == ("MISS", "HIT"), adresse
    assert premiere.content == seconde.content
    return seconde


def test_une_page_publique_est_servie_par_le_cache_avec_ses_entetes(client, oriv):
    RessourceFactory(titre="Guide des conseils citoyens", centres=[oriv])
    reponse = servie_deux_fois(client, LISTE)
    assertContains(reponse, "Guide des conseils citoyens")
    directives = {directive.strip() for directive in reponse["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "must-revalidate", "s-maxage=1"}
    assert reponse["ETag"].startswith('"')
    # The headers of every answer are there on a cached one too.
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in reponse["Permissions-Policy"]


def test_une_modification_se_voit_a_la_requete_suivante(client, oriv):
    ressource = RessourceFactory(titre="Guide des conseils citoyens", centres=[oriv])
    servie_deux_fois(client, LISTE)
    servie_deux_fois(client, oriv.get_absolute_url())
    ressource.titre = "Guide des conseils citoyens, deuxième édition"
    ressource.save()
    assertContains(client.get(LISTE), "deuxième édition")
    assertContains(client.get(oriv.get_absolute_url()), "deuxième édition")


def test_une_suppression_se_voit_a_la_requete_suivante(client, oriv):
    ressource = RessourceFactory(titre="Guide des conseils citoyens", centres=[oriv])
    servie_deux_fois(client, LISTE)
    ressource.delete()
    assertNotContains(client.get(LISTE), "Guide des conseils citoyens")


def test_une_ecriture_qui_ne_passe_pas_par_les_modeles_vide_aussi_le_cache(client, oriv):
    """update(), and SQL written by hand: the database's trigger sees them as it sees a save."""
    ressource = RessourceFactory(titre="Guide des conseils citoyens", centres=[oriv])
    servie_deux_fois(client, LISTE)
    Ressource.objects.filter(pk=ressource.pk).update(titre="Titre changé par update()")
    assertContains(client.get(LISTE), "Titre changé par update()")
    theme = ThemeFactory(nom="santé", slug="sante")
    servie_deux_fois(client, LISTE)
    with connection.cursor() as curseur:  # a link of the many-to-many table only
        curseur.execute(
            f"INSERT INTO {Ressource.themes.through._meta.db_table} (ressource_id, theme_id) VALUES (%s, %s)",
            [ressource.pk, theme.pk],
        )
    assertContains(client.get(LISTE), 'href="?theme=sante"')


def test_une_action_groupee_de_l_administration_se_voit_a_la_requete_suivante(client, oriv):
    brouillons = [RessourceFactory(centres=[oriv], statut="brouillon", titre=f"Brouillon {n}") for n in range(3)]
    servie_deux_fois(client, LISTE)
    equipe = Client()
    equipe.force_login(MembreEquipeFactory(centre=oriv).utilisateur)
    reponse = equipe.post(
        reverse("admin:ressources_ressource_changelist"),
        {"action": "publier", "_selected_action": [r.pk for r in brouillons], "index": "0"},
    )
    assert reponse.status_code == 302
    liste = client.get(LISTE)
    assert liste["X-Cache"] == "MISS"
    for n in range(3):
        assertContains(liste, f"Brouillon {n}")


@pytest.mark.ignore_template_errors  # django-import-export's admin templates
def test_un_import_de_tableur_vide_le_cache(client):
    ThemeFactory(nom="participation citoyenne", slug="participation-citoyenne")
    ThemeFactory(nom="santé", slug="sante")
    oriv = CentreFactory(slug="oriv", sigle="ORIV")
    servie_deux_fois(client, LISTE)
    avant = version_du_contenu()
    equipe = Client()
    equipe.force_login(MembreEquipeFactory(centre=oriv).utilisateur)
    confirmer(equipe, previsualiser(equipe, oriv, CSV.encode()))
    assert Ressource.objects.filter(lien_externe="https://www.oriv.org/guide").exists()
    assert version_du_contenu() > avant
    assert client.get(LISTE)["X-Cache"] == "MISS"


def test_un_membre_connecte_n_a_jamais_la_page_anonyme_et_ne_la_remplit_pas(client, oriv):
    ressource = RessourceFactory(titre="Guide en préparation", centres=[oriv], statut="brouillon")
    membre = Client()
    membre.force_login(MembreEquipeFactory(centre=oriv).utilisateur)
    servie_deux_fois(client, oriv.get_absolute_url())
    reponse = membre.get(oriv.get_absolute_url())
    assert "X-Cache" not in reponse
    assert "private" in reponse["Cache-Control"]
    # The draft's preview, which only the team may read, is never stored for anyone else.
    apercu = membre.get(ressource.get_absolute_url())
    assert apercu.status_code == 200
    assertContains(apercu, "Guide en préparation")
    assert client.get(ressource.get_absolute_url()).status_code == 404
    assert client.get(oriv.get_absolute_url())["X-Cache"] == "HIT"


def test_le_jour_fait_partie_de_la_cle(client, oriv):
    """What moves with the clock (an event becoming past) does not wait for an edit."""
    servie_deux_fois(client, "/evenements/")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert client.get("/evenements/")["X-Cache"] == "MISS"


def test_les_pages_publiques_sont_compressees(client, oriv):
    reponse = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert reponse["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in reponse["Vary"]
    assert "Réseau" in gzip.decompress(reponse.content).decode()
    # A client that does not accept gzip gets its own, uncompressed, copy.
    brute = client.get("/")
    assert "Content-Encoding" not in brute
    assertContains(brute, "Réseau")


@override_settings(ADRESSES_PRIVEES=[])
def test_une_page_qui_porte_un_jeton_csrf_n_est_ni_compressee_ni_gardee(client):
    """BREACH: a secret in a compressed answer can be guessed from its size."""
    adresse = reverse("alertes:nouvelle")
    for _ in range(2):
        reponse = client.get(adresse, HTTP_ACCEPT_ENCODING="gzip")
        assert reponse.status_code == 200
        assertContains(reponse, "csrfmiddlewaretoken")
        assert "Content-Encoding" not in reponse
        assert "X-Cache" not in reponse


def test_l_administration_n_est_ni_compressee_ni_gardee(client, oriv):
    membre = Client()
    membre.force_login(MembreEquipeFactory(centre=oriv).utilisateur)
    reponse = membre.get(reverse("admin:index"), HTTP_ACCEPT_ENCODING="gzip")
    assert reponse.status_code == 200
    assert "Content-Encoding" not in reponse
    assert "no-store" in reponse["Cache-Control"]


@pytest.mark.parametrize(
    "adresse",
    [
        "/flux/ressources/",
        "/flux/evenements/",
        "/evenements/agenda.ics",
        "/sitemap.xml",
        "/sitemap-ressources.xml",
        "/",
    ],
)
def test_un_fichier_redemande_avec_son_etag_repond_304(client, oriv, adresse):
    RessourceFactory(centres=[oriv])
    EvenementFactory(centres=[oriv], date_debut=timezone.localdate() + datetime.timedelta(days=10))
    premiere = client.get(adresse)
    assert premiere.status_code == 200
    seconde = client.get(adresse, HTTP_IF_NONE_MATCH=premiere["ETag"])
    assert seconde.status_code == 304
    assert seconde.content == b""
    # A file rendered again with nothing changed keeps its validator (no time of rendering in it).
    Centre.objects.filter(pk=oriv.pk).update(nom=oriv.nom)  # a write that changes nothing shown
    assert client.get(adresse, HTTP_IF_NONE_MATCH=premiere["ETag"]).status_code == 304
    # After a change of what it lists, the same validator gets the new file.
    RessourceFactory(centres=[oriv], titre="Nouveauté", slug="nouveaute")
    EvenementFactory(centres=[oriv], titre="Nouveauté", date_debut=timezone.localdate() + datetime.timedelta(days=20))
    nouvelle = client.get(adresse, HTTP_IF_NONE_MATCH=premiere["ETag"])
    assert nouvelle.status_code == 200
    assert nouvelle["ETag"] != premiere["ETag"]


def test_l_agenda_icalendar_s_arrete_a_douze_mois(client, oriv):
    aujourd_hui = timezone.localdate()
    EvenementFactory(titre="Séminaire du mois prochain", date_debut=aujourd_hui + datetime.timedelta(days=30))
    EvenementFactory(titre="Rencontre dans deux ans", date_debut=aujourd_hui + datetime.timedelta(days=700))
    agenda = client.get("/evenements/agenda.ics").content.decode()
    assert "Séminaire du mois prochain" in agenda
    assert "Rencontre dans deux ans" not in agenda
    # The agenda page still announces it.
    assertContains(client.get("/evenements/"), "Rencontre dans deux ans")
    assert Evenement.objects.count() == 2


def test_le_plan_du_site_est_un_index_de_fichiers_decoupes_en_pages(client, oriv, monkeypatch):
    monkeypatch.setattr("crpv_portal.sitemaps.RessourceSitemap.limit", 2)
    for numero in range(5):
        RessourceFactory(centres=[oriv], slug=f"guide-plan-{numero}")
    RessourceFactory(centres=[oriv], slug="brouillon-du-plan", statut="brouillon")
    fichiers = fichiers_du_plan(client)
    des_ressources = [f for f in fichiers if f.startswith("/sitemap-ressources.xml")]
    assert des_ressources == ["/sitemap-ressources.xml", "/sitemap-ressources.xml?p=2", "/sitemap-ressources.xml?p=3"]
    contenu = "".join(client.get(f).content.decode() for f in des_ressources)
    for numero in range(5):
        assert contenu.count(f"/ressources/guide-plan-{numero}/") == 1
    assert "brouillon-du-plan" not in contenu
    assert client.get("/sitemap-ressources.xml?p=4").status_code == 404
    assert {f.split("?")[0] for f in fichiers} == {
        f"/sitemap-{section}.xml" for section in ["pages", "centres", "quartiers", "ressources", "evenements"]
    }


def test_sans_la_ligne_de_version_rien_n_est_garde(client, oriv):
    """A flushed table must not freeze the cache: without its row, pages are served fresh, and say so."""
    from commun.models import VersionDuContenu

    VersionDuContenu.objects.all().delete()
    for _ in range(2):
        assert "X-Cache" not in client.get(LISTE)
    Centre.objects.filter(pk=oriv.pk).update(nom="Nouveau nom de l'ORIV")
    assertContains(client.get(oriv.get_absolute_url()), "Nouveau nom de l'ORIV")


def test_un_flux_sans_entree_donne_les_memes_octets_a_chaque_rendu(client, oriv):
    """Two workers each render it (each has its own cache): a reader's ETag must still match."""
    from django.core.cache import cache

    maintenant = timezone.now().replace(hour=9)
    with time_machine.travel(maintenant, tick=False):
        premier = client.get("/flux/evenements/").content
    cache.clear()  # as if the next request reached the other worker, an hour later
    with time_machine.travel(maintenant + datetime.timedelta(hours=1), tick=False):
        assert client.get("/flux/evenements/").content == premier
    assert b"<entry>" not in premier


def test_les_listes_d_un_filtre_suivent_le_contenu(client, oriv):
    """The options of the filters' lists follow every edit."""
    ThemeFactory(slug="habitat", nom="Habitat")
    assertContains(client.get(LISTE, {"p": "1"}), '<option value="habitat">Habitat</option>', html=True)
    ThemeFactory(slug="logement", nom="Logement")
    oriv.nom = "Observatoire régional de l'intégration et de la ville (Alsace)"
    oriv.save()
    reponse = client.get(LISTE, {"p": "2"})
    assertContains(reponse, '<option value="logement">Logement</option>', html=True)
    assertContains(reponse, "(Alsace)")


def test_les_themes_des_comptes_d_une_recherche_suivent_le_contenu(client, oriv):
    """The counts by theme of a search, kept per version of the content, name the themes as they are now."""
    habitat = ThemeFactory(slug="habitat", nom="Habitat")
    RessourceFactory(titre="Guide de l'habitat participatif", themes=[habitat], centres=[oriv])
    assertContains(client.get(LISTE, {"q": "guide"}), ">Habitat</a>")
    ThemeFactory._meta.model.objects.filter(pk=habitat.pk).update(nom="Habitat et logement")
    assertContains(client.get(LISTE, {"q": "guide"}), ">Habitat et logement</a>")


def test_la_page_d_accueil_suit_le_contenu(client, oriv):
    """The home page, whatever query string a visitor adds, follows the next write."""
    assertContains(client.get("/", {"utm_source": "lettre"}), "Observatoire régional de l&#x27;intégration")
    oriv.nom = "Observatoire régional de l'intégration et de la ville (Grand Est)"
    oriv.save()
    reponse = client.get("/", {"utm_source": "reseau"})
    assert reponse["X-Cache"] == "MISS"
    assertContains(reponse, "(Grand Est)")
    Centre.objects.filter(pk=oriv.pk).update(nom="ORIV, centre de ressources")
    assertContains(client.get("/", {"utm_source": "autre"}), "ORIV, centre de ressources")


def test_le_formulaire_d_une_liste_montre_les_valeurs_envoyees_et_leurs_erreurs(client, oriv):
    """A list's filter form shows, for each set of values sent, its own choices and errors, whatever else the
    address carries, and the next write."""
    RegionFactory(code="44", nom="Grand Est")
    RegionFactory(code="11", nom="Île-de-France")
    grand_est = '<option value="44" selected>Grand Est</option>'
    assertContains(client.get("/centres/", {"region": "44", "utm_source": "a"}), grand_est, html=True)
    reponse = client.get("/centres/", {"region": "11", "utm_source": "a"})
    assertContains(reponse, '<option value="11" selected>Île-de-France</option>', html=True)
    assertNotContains(reponse, grand_est, html=True)
    # Another tracking parameter, the same values: the same form, the region still chosen.
    assertContains(client.get("/centres/", {"region": "44", "utm_source": "b"}), grand_est, html=True)
    # The search box shows each text typed, the other fields their values.
    for texte in ("strasbourg", "mulhouse"):
        reponse = client.get("/centres/", {"q": texte, "region": "44"})
        assertContains(reponse, f'value="{texte}"')
        assertContains(reponse, grand_est, html=True)
    erreur = client.get("/centres/", {"region": "99", "utm_source": "a"})
    assertContains(erreur, "Un filtre n'a pas pu être appliqué")
    assertNotContains(erreur, grand_est, html=True)
    assertNotContains(client.get("/centres/", {"region": "44", "utm_source": "c"}), "Un filtre n'a pas pu")
    Region.objects.filter(code="44").update(nom="Région Grand Est")
    assertContains(
        client.get("/centres/", {"region": "44", "utm_source": "d"}),
        '<option value="44" selected>Région Grand Est</option>',
        html=True,
    )
    # The collective ressources' list has no « collective » box, all of them being collective.
    assertContains(client.get(LISTE), 'name="collective"')
    assertNotContains(client.get("/ressources/collectives/"), 'name="collective"')


def test_les_tuiles_des_centres_suivent_le_contenu(client, oriv):
    """/centres/: a new territory, an edit through ``update()``, an archived centre and a new one show on the next
    request."""
    grand_est = RegionFactory(code="44", nom="Grand Est")
    oriv.departements.set([DepartementFactory(code="67", nom="Bas-Rhin", region=grand_est)])
    assertContains(client.get("/centres/", {"utm_source": "a"}), "Grand Est (Bas-Rhin)")
    oriv.departements.add(DepartementFactory(code="68", nom="Haut-Rhin", region=grand_est))
    reponse = client.get("/centres/", {"utm_source": "b"})
    assertNotContains(reponse, "Grand Est (Bas-Rhin)")
    assertContains(reponse, "Grand Est")
    Centre.objects.filter(pk=oriv.pk).update(telephone="0388143589")
    assertContains(client.get("/centres/", {"utm_source": "c"}), "03 88 14 35 89")
    CentreFactory(nom="Villes au Carré", slug="villes-au-carre")
    Centre.objects.filter(pk=oriv.pk).update(archive=True)
    reponse = client.get("/centres/", {"utm_source": "d"})
    assertContains(reponse, "Villes au Carré")
    assertNotContains(reponse, "Observatoire régional")
    assertContains(reponse, "1 centre dans le réseau")


def test_la_page_d_un_centre_suit_le_contenu_et_l_heure(client, oriv, settings):
    """A centre's page (contacts, ressources, events, map) shows the next write, and the clock no later than a
    kept page lives: a day in Cayenne ends at 4 a.m. in Paris, within Paris's day, the one in the key."""
    settings.CACHE_DES_PAGES_SECONDES = 300
    nuit = datetime.datetime(2026, 3, 2, 2, 50, tzinfo=datetime.UTC)  # 23:50 in Cayenne, 3:50 in Paris
    with time_machine.travel(nuit, tick=False):
        EvenementFactory(
            titre="Veillée de quartier",
            date_debut=datetime.date(2026, 3, 1),
            fuseau_horaire=Fuseau.CAYENNE,
            ville="Cayenne",
            centres=[oriv],
        )
        reponse = client.get(oriv.get_absolute_url(), {"utm_source": "a"})
        assertContains(reponse, "<h3>À venir</h3>", html=True)
        assertContains(reponse, "Veillée de quartier")
        ContactFactory(centre=oriv, nom="Camille Durand")
        RessourceFactory(titre="Guide des conseils citoyens", centres=[oriv])
        reponse = client.get(oriv.get_absolute_url(), {"utm_source": "b"})
        assertContains(reponse, "Camille Durand")
        assertContains(reponse, "Guide des conseils citoyens")
    # Twenty minutes later, the same day in Paris, nothing written: the evening in Cayenne is over.
    with time_machine.travel(nuit + datetime.timedelta(minutes=20), tick=False):
        reponse = client.get(oriv.get_absolute_url(), {"utm_source": "b"})
        assertNotContains(reponse, "<h3>À venir</h3>", html=True)
        assertContains(reponse, "<h3>Récemment</h3>", html=True)
        assertContains(reponse, "Veillée de quartier")


def test_l_agenda_suit_le_contenu(client, oriv):
    """The agenda and its archives: an edit through ``update()`` shows on the next request, and an empty list says
    whether filters emptied it."""
    a_venir = EvenementFactory(titre="Forum de l'emploi", date_debut=timezone.localdate() + datetime.timedelta(days=9))
    passe = EvenementFactory(titre="Visite de quartier", date_debut=datetime.date(2020, 5, 4))
    assertContains(client.get("/evenements/", {"utm_source": "a"}), "Forum de l&#x27;emploi")
    assertContains(client.get("/evenements/archives/", {"utm_source": "a"}), "Visite de quartier")
    Evenement.objects.filter(pk=a_venir.pk).update(titre="Forum de l'emploi et de la formation")
    Evenement.objects.filter(pk=passe.pk).update(titre="Visite du quartier des Poètes")
    assertContains(client.get("/evenements/", {"utm_source": "b"}), "Forum de l&#x27;emploi et de la formation")
    assertContains(client.get("/evenements/archives/", {"utm_source": "b"}), "Visite du quartier des Poètes")
    Evenement.objects.filter(pk=a_venir.pk).delete()
    assertContains(client.get("/evenements/"), "Aucun événement à venir n'est annoncé.")
    assertContains(
        client.get("/evenements/", {"q": "emploi"}), "Aucun événement à venir n'est annoncé pour ces critères."
    )


def test_les_ressources_des_memes_themes_suivent_le_contenu(client, oriv):
    """A ressource's « on the same themes »: a new ressource of its theme shows on the next request."""
    habitat = ThemeFactory(slug="habitat", nom="Habitat")
    ressource = RessourceFactory(titre="Guide de l'habitat participatif", themes=[habitat])
    RessourceFactory(titre="Étude sur le logement social", themes=[habitat])
    assertContains(client.get(ressource.get_absolute_url(), {"utm_source": "a"}), "Étude sur le logement social")
    RessourceFactory(titre="Fiche expérience : une coopérative d'habitants", themes=[habitat])
    reponse = client.get(ressource.get_absolute_url(), {"utm_source": "b"})
    assertContains(reponse, "une coopérative d&#x27;habitants")
    assertContains(reponse, "Étude sur le logement social")


def test_les_ressources_d_un_evenement_suivent_le_contenu(client, oriv):
    """An event's ressources: one linked to it shows on the next request."""
    evenement = EvenementFactory(titre="9e regroupement national")
    assertNotContains(client.get(evenement.get_absolute_url(), {"utm_source": "a"}), "Ressources de l'événement")
    evenement.ressources.add(RessourceFactory(titre="Actes du 9e regroupement", centres=[oriv]))
    reponse = client.get(evenement.get_absolute_url(), {"utm_source": "b"})
    assertContains(reponse, "Ressources de l'événement")
    assertContains(reponse, "Actes du 9e regroupement")


def lectures_des_tuiles(client, adresse, table, **parametres):
    """The page and how many of its queries read the rows of ``table`` for their tiles (their address, the slug: not
    only their keys, dates and titles, as the queries that choose and order them do)."""
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(adresse, parametres)
    colonnes = f'"{table}"."slug"'
    return reponse, sum(1 for requete in requetes.captured_queries if colonnes in requete["sql"].split("FROM")[0])


def test_une_modification_se_voit_dans_toutes_les_listes(client, oriv):
    """The same ressources and events in /recherche/, the lists and the home page: an edit shows in each."""
    for numero in range(3):
        RessourceFactory(titre=f"Guide de la participation n° {numero}", centres=[oriv])
        jour = timezone.localdate() + datetime.timedelta(days=10 + numero)
        EvenementFactory(titre=f"Forum de la participation n° {numero}", date_debut=jour, centres=[oriv])
    adresses = [("/recherche/", {"q": "participation"}), ("/ressources/", {"q": "participation"}), ("/", {})]
    for adresse, parametres in adresses:
        assertContains(client.get(adresse, parametres), "Guide de la participation n° 2")
    Ressource.objects.filter(titre__endswith="n° 2").update(titre="Guide de la participation des habitants")
    Evenement.objects.filter(titre__endswith="n° 0").update(titre="Forum des habitants")
    for adresse, parametres in [*adresses, ("/evenements/", {})]:
        reponse = client.get(adresse, parametres)
        assertNotContains(reponse, "Guide de la participation n° 2")
        assertNotContains(reponse, "Forum de la participation n° 0")
    assertContains(client.get("/", {}), "Forum des habitants")
    assertContains(client.get("/ressources/", {"q": "participation"}), "Guide de la participation des habitants")


def requetes_de(client, adresse, **parametres):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(adresse, parametres)
    assert reponse.status_code == 200
    return reponse, len(requetes)


def test_les_tuiles_nomment_leurs_centres_publics_sans_une_requete_par_ligne(client, oriv):
    """A tile names its ressource's producers, or its event's organisers, by name and never an archived centre;
    a list reads them in as many queries for 2 rows with 1 centre as for 12 rows with 3 (no query per row, nor
    per centre), and a centre renamed shows on the next request."""
    irev = CentreFactory(slug="irev", sigle="IREV", nom="Institut régional de la ville")
    ancien = CentreFactory(slug="ancien", sigle="ANCIEN", nom="Ancien centre fermé", archive=True)
    jour = timezone.localdate() + datetime.timedelta(days=10)
    for numero in range(2):
        RessourceFactory(titre=f"Guide de la participation n° {numero}", centres=[oriv])
        EvenementFactory(titre=f"Forum de la participation n° {numero}", date_debut=jour, centres=[oriv])
    recherche = {"q": "participation"}
    adresses = [("/ressources/", recherche), ("/evenements/", {}), ("/recherche/", recherche)]
    avant = {}
    for adresse, parametres in adresses:
        reponse, avant[adresse] = requetes_de(client, adresse, _essai="un", **parametres)
        assertContains(reponse, "de la participation n° 1")
    Ressource.objects.all().delete()
    Evenement.objects.all().delete()
    for numero in range(12):
        RessourceFactory(titre=f"Guide de la participation n° {numero}", centres=[oriv, irev, ancien])
        EvenementFactory(titre=f"Forum de la participation n° {numero}", date_debut=jour, centres=[ancien, oriv, irev])
    for adresse, parametres in adresses:
        reponse, apres = requetes_de(client, adresse, _essai="douze", **parametres)
        assertContains(reponse, "de la participation n° 11")
        assert apres == avant[adresse], adresse
        html = reponse.content.decode()
        assert "ANCIEN" not in html, adresse
    reponse = client.get("/ressources/", {"q": "participation"})
    assertContains(reponse, '<p class="tuile-ressource__par">IREV, ORIV</p>', count=12)
    reponse = client.get("/evenements/")
    assertContains(reponse, '<p class="tuile-evenement__par">Organisé par IREV, ORIV</p>', count=12)
    Centre.objects.filter(pk=irev.pk).update(sigle="IRV")
    reponse = client.get("/ressources/", {"q": "participation"})
    assertContains(reponse, '<p class="tuile-ressource__par">IRV, ORIV</p>', count=12)


def test_un_membre_connecte_voit_des_tuiles_rendues_pour_lui(client, oriv):
    """A signed-in member's pages read and render their tiles each time: nothing of theirs is kept for others."""
    from django.contrib.auth.models import User

    RessourceFactory(titre="Guide de la participation", centres=[oriv])
    client.get("/ressources/", {"q": "participation"})
    client.force_login(User.objects.create_user("membre", password="x"))
    for texte in ("participation", "participations"):
        reponse, lectures = lectures_des_tuiles(client, "/ressources/", "ressources_ressource", q=texte)
        assertContains(reponse, "Guide de la participation")
        assert lectures == 1


def test_un_cache_injoignable_coute_la_vitesse_jamais_la_page(client, oriv, settings, caplog):
    """The page cache on a Redis server that does not answer: every public page, and the counts and the map it
    keeps, is computed as if nothing were kept, and the failure is logged."""
    settings.CACHES = {"default": cache_redis("redis://127.0.0.1:9/0")}  # the discard port: nothing listens there
    RessourceFactory(titre="Guide de la participation", centres=[oriv])
    jour = timezone.localdate() + datetime.timedelta(days=9)
    EvenementFactory(titre="Forum de la participation", date_debut=jour, centres=[oriv])
    for adresse, parametres in [
        ("/", {}),
        ("/ressources/", {"q": "participation"}),
        ("/recherche/", {"q": "participation"}),
        ("/evenements/", {}),
        ("/centres/", {}),
        (oriv.get_absolute_url(), {}),
    ]:
        reponse = client.get(adresse, parametres)
        assert reponse.status_code == 200, adresse
        assertContains(reponse, "participation" if adresse != "/centres/" else "Observatoire régional")
    assert "Connection refused" in caplog.text
