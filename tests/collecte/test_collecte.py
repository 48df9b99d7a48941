"""Harvesting the centres' sites: real feeds from the tests' data folder, served over HTTP on 127.0.0.1."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from collecte.collecte import collecter
from collecte.models import Source
from collecte.telechargement import CollecteImpossible, verifier_adresse
from evenements.models import Evenement
from ressources.models import Ressource
from tests.centres.factories import CentreFactory
from tests.collecte.serveur import Site
from tests.ressources.factories import ThemeFactory

AUJOURD_HUI = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def site():
    site = Site()
    yield site
    site.arreter()


@pytest.fixture
def centre(db):
    return CentreFactory(nom="Observatoire régional de l'intégration et de la ville", sigle="ORIV", slug="oriv")


def source(centre, site, chemin, **champs):
    return Source.objects.create(centre=centre, url=site.url(chemin), **champs)


def test_un_flux_wordpress_arrive_nettoye_avec_son_origine(client, centre, site):
    theme = ThemeFactory(nom="participation citoyenne", slug="participation-citoyenne")
    flux = source(centre, site, "/wordpress.xml", publier=True, type_ressource="etude")
    flux.themes.set([theme])
    resultat = collecter(flux)
    assert not resultat.en_echec, resultat.erreur
    assert (resultat.nouveaux, resultat.mis_a_jour) == (2, 0)
    etude = Ressource.objects.get(lien_origine="https://www.oriv.org/publications/conseils-citoyens-dix-ans/")
    assert etude.titre == "Les conseils citoyens, dix ans après : l’étude régionale"
    assert (etude.statut, etude.type, etude.date_publication) == ("publie", "etude", datetime.date(2024, 6, 4))
    assert list(etude.centres.all()) == [centre] and list(etude.themes.all()) == [theme]
    # Sanitised with the portal's sanitiser, links made absolute.
    assert "<script" not in etude.corps and "onclick" not in etude.corps and "pirate.example" not in etude.corps
    # Relative to the feed's address (on the centre's site, here the test server).
    assert f'href="{site.url("/wp-content/uploads/2024/06/etude.pdf")}"' in etude.corps
    # The cover was downloaded once, checked and stored; the lying « image » was left out.
    assert (etude.image_largeur, etude.image_hauteur) == (600, 800)
    jardin = Ressource.objects.get(titre__startswith="Fiche expérience")
    assert not jardin.image
    assert any("laissée de côté" in remarque for remarque in resultat.remarques)
    page = client.get(etude.get_absolute_url())
    assertContains(page, "Publié d'abord sur")
    assertContains(
        page, 'href="https://www.oriv.org/publications/conseils-citoyens-dix-ans/" rel="external">le site de ORIV'
    )
    flux.refresh_from_db()
    assert flux.collectee_le is not None and flux.erreur == "" and "2 nouveau(x)" in flux.bilan


def test_un_flux_spip_en_iso_8859_1(centre, site):
    resultat = collecter(source(centre, site, "/spip.xml", fuseau_horaire="Indian/Reunion"))
    assert resultat.nouveaux == 2, resultat
    guide = Ressource.objects.get(lien_origine__endswith="article1190")
    assert guide.titre == "Égalité femmes-hommes : un guide pour les équipes projet"
    assert guide.resume == "Un guide à l'usage des équipes : « agir au quotidien »."
    assert guide.statut == "brouillon"  # not published at once: the team reviews it
    sante = Ressource.objects.get(lien_origine__endswith="article1203")
    assert sante.resume == "Rencontre avec des médecins et des élus de Saint-Denis, d’Aubervilliers et de Bobigny."
    # « 2024-03-05T23:30:00 » has no time zone: read in the source's (Réunion), not as UTC.
    assert sante.date_publication == datetime.date(2024, 3, 5)


def test_un_flux_atom(base_vide, centre, site):
    collecter(source(centre, site, "/atom.xml"))
    capitalisation = Ressource.objects.get()
    assert capitalisation.titre == "Capitalisation : renouvellement urbain à Tours"
    assert capitalisation.date_publication == datetime.date(2024, 9, 12)
    assert f'href="{site.url("/ateliers")}"' in capitalisation.corps
    assert "onerror" not in capitalisation.corps


@time_machine.travel(AUJOURD_HUI, tick=False)
def test_un_agenda_icalendar(client, centre, site):
    agenda = source(centre, site, "/agenda.ics", type="agenda", publier=True)
    resultat = collecter(agenda)
    assert not resultat.en_echec, resultat.erreur
    journee = Evenement.objects.get(titre="Journée régionale des conseils citoyens")
    assert (journee.date_debut, journee.date_fin, journee.heure_debut) == (
        datetime.date(2027, 1, 28),
        datetime.date(2027, 1, 28),
        None,
    )  # all-day stays all-day (DTEND is exclusive)
    assert journee.lieu == "Maison des associations, Strasbourg"
    assert journee.lien_origine == "https://www.crpv.example/agenda/journee-regionale-2027"
    formation = Evenement.objects.get(titre__startswith="Formation des délégués")
    assert (formation.fuseau_horaire, formation.heure_debut, formation.heure_fin) == (
        "Indian/Reunion",
        datetime.time(14, 0),
        datetime.time(17, 0),
    )
    # A weekly event from 3 November to 23 February: its occurrences from today on, each an event.
    permanences = Evenement.objects.filter(titre__startswith="Permanence").order_by("date_debut")
    assert [p.date_debut for p in permanences][:2] == [datetime.date(2026, 12, 1), datetime.date(2026, 12, 8)]
    assert permanences.count() == 13
    assert permanences.first().heure_debut == datetime.time(9, 30)
    assertContains(client.get("/evenements/"), "Journée régionale des conseils citoyens")


def test_une_image_a_l_adresse_invalide_est_laissee_de_cote(centre, site):
    item = "<item><title>Sans image</title><link>https://www.oriv.org/x</link>"
    item += '<enclosure url="http://127.0.0.1:PORTE/x.jpg" type="image/jpeg" /></item>'
    site.routes["/image-cassee.xml"] = (200, {}, f"<rss><channel>{item}</channel></rss>".encode())
    resultat = collecter(source(centre, site, "/image-cassee.xml"))
    assert not resultat.en_echec, resultat.erreur
    assert resultat.nouveaux == 1
    assert "Adresse invalide" in resultat.remarques[0]


def test_une_seconde_collecte_ne_cree_rien(centre, site):
    flux = source(centre, site, "/wordpress.xml", publier=True)
    collecter(flux)
    avant = Ressource.objects.count()
    second = collecter(flux)
    assert Ressource.objects.count() == avant
    assert second.inchangee  # the ETag: an unchanged feed costs a 304
    flux.etag = ""  # without a conditional request: read again, nothing new either
    second = collecter(flux)
    assert (second.nouveaux, second.mis_a_jour, second.inchanges) == (0, 0, 2)
    assert Ressource.objects.count() == avant


def test_ce_que_l_equipe_a_modifie_survit_a_la_collecte(centre, site):
    flux = source(centre, site, "/wordpress.xml", publier=True)
    collecter(flux)
    etude = Ressource.objects.get(titre__startswith="Les conseils citoyens")
    etude.titre = "Conseils citoyens : l'étude de l'ORIV (2024)"
    etude.statut = "brouillon"
    etude.save()
    flux.etag = ""
    collecter(flux)
    etude.refresh_from_db()
    assert (etude.titre, etude.statut) == ("Conseils citoyens : l'étude de l'ORIV (2024)", "brouillon")
    # Deleted by the team: not brought back.
    Ressource.objects.filter(titre__startswith="Fiche expérience").delete()
    flux.etag = ""
    collecter(flux)
    assert not Ressource.objects.filter(titre__startswith="Fiche expérience").exists()


@pytest.mark.parametrize(
    "route, message",
    [
        ((200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><item><title>oups</titl"), "illisible"),
        (
            (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><item><title>" + b"x" * 5_000_000),
            "dépasse",
        ),
        ((200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><html><body>Accueil</body></html>"), "page web"),
        ((302, {"Location": "/boucle"}, b""), "redirige en boucle"),
        ((500, {}, b"erreur"), "500"),
        ((404, {}, b""), "404"),
    ],
    ids=["xml-invalide", "titre-de-5-Mo", "page-html", "boucle-de-redirections", "erreur-500", "introuvable"],
)
def test_une_source_cassee_le_dit_et_n_arrete_pas_les_autres(centre, site, route, message):
    site.routes["/boucle"] = route
    cassee = source(centre, site, "/boucle")
    bonne = source(centre, site, "/atom.xml")
    sortie, erreurs = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 source"):
        call_command("collecter", stdout=sortie, stderr=erreurs)
    assert message in erreurs.getvalue()
    cassee.refresh_from_db()
    assert message in cassee.erreur
    assert "1 nouveau(x)" in sortie.getvalue()
    assert Ressource.objects.filter(lien_origine__startswith="https://www.villesaucarre.org/").count() == 1
    bonne.refresh_from_db()
    assert bonne.erreur == ""


def test_une_adresse_privee_ou_locale_est_refusee_en_production(centre, site, settings):
    settings.COLLECTE_ADRESSES_LOCALES = False
    for adresse in [site.url("/atom.xml"), "http://localhost:9/flux.xml", "http://10.0.0.1/flux.xml"]:
        resultat = collecter(Source.objects.create(centre=centre, url=adresse))
        assert resultat.en_echec and "privée ou locale" in resultat.erreur, resultat.erreur
    assert site.demandes == []  # nothing was even asked
    with pytest.raises(CollecteImpossible, match="Seules les adresses http"):
        verifier_adresse("ftp://exemple.org/flux.xml")


def test_la_commande_cree_la_source_et_publie(base_vide, client, centre, site):
    sortie = StringIO()
    call_command("collecter", "--centre", "oriv", "--url", site.url("/wordpress.xml"), "--publier", stdout=sortie)
    assert "2 nouveau(x)" in sortie.getvalue()
    assert Source.objects.get().publier
    assert client.get("/ressources/").content.decode().count("oriv.org") == 0  # the list links to the portal
    assertContains(client.get("/ressources/"), "Les conseils citoyens, dix ans après")
    call_command("collecter", "--centre", "oriv", "--url", site.url("/wordpress.xml"), "--publier", stdout=sortie)
    assert Source.objects.count() == 1 and Ressource.objects.count() == 2
    with pytest.raises(CommandError, match="Aucun centre"):
        call_command("collecter", "--centre", "inconnu", "--url", site.url("/wordpress.xml"))


def nombre_de_requetes(centre, site, entrees):
    corps = "".join(
        f"<item><title>Article {n}</title><link>https://www.oriv.org/a/{n}</link><guid>a-{n}</guid></item>"
        for n in range(entrees)
    )
    chemin = f"/flux-{entrees}.xml"
    site.routes[chemin] = (
        200,
        {"Content-Type": "application/rss+xml"},
        f"<rss><channel>{corps}</channel></rss>".encode(),
    )
    flux = source(centre, site, chemin)
    with CaptureQueriesContext(connection) as requetes:
        collecter(flux)
    assert Ressource.objects.filter(lien_origine__startswith="https://www.oriv.org/a/").count() >= entrees
    return len(requetes)


def test_les_requetes_de_la_collecte_par_element_restent_bornees(centre, site):
    """Each item costs the same few queries (validation, insert, history, links, provenance), whatever their
    number: no query grows with the items already there."""
    cinq, quinze, quarante_cinq = (nombre_de_requetes(centre, site, n) for n in (5, 15, 45))
    par_element_peu, par_element_beaucoup = (quinze - cinq) / 10, (quarante_cinq - quinze) / 30
    assert par_element_beaucoup <= par_element_peu + 0.5
    assert par_element_beaucoup <= 35


# The sources in the admin: a team's own, « Collecter maintenant », what arrived in « Mon centre ».


@pytest.mark.ignore_template_errors
def test_une_equipe_declare_et_collecte_sa_source_depuis_l_administration(client, centre, site):
    from django.urls import reverse

    from tests.centres.factories import MembreEquipeFactory

    autre = CentreFactory(slug="autre")
    membre = MembreEquipeFactory(centre=centre).utilisateur
    client.force_login(membre)
    ajout = reverse("admin:collecte_source_add")
    donnees = {
        "centre": autre.pk,
        "url": site.url("/atom.xml"),
        "type": "flux_ressources",
        "type_ressource": "publication",
        "fuseau_horaire": "Europe/Paris",
        "active": "on",
        "publier": "on",
    }
    assertContains(client.post(ajout, donnees), "Sélectionnez un choix valide")
    assert client.post(ajout, donnees | {"centre": centre.pk}).status_code == 302
    flux = Source.objects.get()
    liste = reverse("admin:collecte_source_changelist")
    reponse = client.post(liste, {"action": "collecter_maintenant", "_selected_action": [flux.pk]}, follow=True)
    assertContains(reponse, "1 nouveau(x)")
    index = client.get(reverse("admin:index"))
    assertContains(index, "Arrivé de votre site")
    assertContains(index, "Capitalisation : renouvellement urbain à Tours")
    # Seen once: the next visit says what arrived since.
    assertNotContains(client.get(reverse("admin:index")), "Capitalisation : renouvellement urbain à Tours")


def test_une_source_d_outre_mer_lit_ses_dates_a_l_heure_locale(site, db):
    from tests.centres.factories import DepartementFactory

    reunion = CentreFactory(slug="cr-reunion", departements=[DepartementFactory(code="974", nom="La Réunion")])
    call_command("collecter", "--centre", "cr-reunion", "--url", site.url("/spip.xml"), stdout=StringIO())
    assert Source.objects.get(centre=reunion).fuseau_horaire == "Indian/Reunion"


def test_une_collecte_n_ajoute_rien_a_l_historique_de_la_source(centre, site):
    flux = source(centre, site, "/atom.xml")
    avant = flux.history.count()
    collecter(flux)
    collecter(flux)
    assert flux.history.count() == avant
    flux.refresh_from_db()
    assert flux.collectee_le is not None and "inchangée" in flux.bilan
