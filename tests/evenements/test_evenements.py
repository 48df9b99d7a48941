import datetime
import json
import re
import zoneinfo

import pytest
import time_machine
import vobject
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from centres.models import Centre
from commun.enums import Statut
from evenements.blocs import chercher_a_venir, chercher_passes
from evenements.dates import periode
from evenements.enums import Fuseau, TypeEvenement
from evenements.models import Evenement
from tests.centres.factories import CentreFactory
from tests.evenements.factories import EvenementFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
REUNION = zoneinfo.ZoneInfo("Indian/Reunion")
HUITIEME = "2023-8e-rencontre-nationale-des-centres-de-ressources-de-la-politique-de-la-ville"


def lire_ics(reponse):
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(reponse.content)


def evenements_de(calendrier):
    return list(calendrier.walk("VEVENT"))


# --- dates and rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    "debut,fin,heures,attendu",
    [
        ((2023, 10, 17), (2023, 10, 17), None, "17 octobre 2023, toute la journée"),
        ((2024, 10, 14), (2024, 10, 16), None, "du 14 au 16 octobre 2024"),
        ((2024, 9, 30), (2024, 10, 1), None, "du 30 septembre au 1er octobre 2024"),
        ((2024, 12, 30), (2025, 1, 2), None, "du 30 décembre 2024 au 2 janvier 2025"),
        ((2026, 3, 5), (2026, 3, 5), (datetime.time(9, 30), datetime.time(17)), "5 mars 2026, de 9 h 30 à 17 h"),
    ],
)
def test_periode_en_francais(debut, fin, heures, attendu):
    heure_debut, heure_fin = heures or (None, None)
    evenement = Evenement(
        date_debut=datetime.date(*debut), date_fin=datetime.date(*fin), heure_debut=heure_debut, heure_fin=heure_fin
    )
    assert periode(evenement) == attendu


@pytest.mark.django_db
def test_contraintes():
    with pytest.raises(IntegrityError), transaction.atomic():
        EvenementFactory(date_debut=datetime.date(2026, 5, 2), date_fin=datetime.date(2026, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        EvenementFactory(heure_debut=datetime.time(14), heure_fin=datetime.time(10))
    with pytest.raises(IntegrityError), transaction.atomic():
        EvenementFactory(type=TypeEvenement.SEMINAIRE, numero_edition=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvenementFactory(slug="archives")
    EvenementFactory(type=TypeEvenement.RENCONTRE_NATIONALE, numero_edition=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvenementFactory(type=TypeEvenement.RENCONTRE_NATIONALE, numero_edition=10)


@pytest.mark.django_db
def test_a_venir_et_passes_autour_de_minuit_selon_le_fuseau(base_vide):
    jour = datetime.date(2026, 6, 15)
    paris = EvenementFactory(date_debut=jour, date_fin=jour, fuseau_horaire=Fuseau.PARIS)
    reunion = EvenementFactory(date_debut=jour, date_fin=jour, fuseau_horaire=Fuseau.REUNION)
    cayenne = EvenementFactory(date_debut=jour, date_fin=jour, fuseau_horaire=Fuseau.CAYENNE)

    def a_venir(moment):
        return set(Evenement.objects.a_venir(moment)), set(Evenement.objects.passes(moment))

    # 23:30 in Paris on the day: running today, so upcoming everywhere; already the 16th in Réunion.
    avant_minuit_paris = datetime.datetime(2026, 6, 15, 23, 30, tzinfo=PARIS)
    venir, passes = a_venir(avant_minuit_paris)
    assert venir == {paris, cayenne}
    assert passes == {reunion}
    # 00:30 in Paris the next day: over in Paris, still the 15th in Cayenne (UTC-3).
    venir, passes = a_venir(datetime.datetime(2026, 6, 16, 0, 30, tzinfo=PARIS))
    assert venir == {cayenne}
    assert passes == {paris, reunion}
    assert reunion.est_a_venir(datetime.datetime(2026, 6, 15, 23, 59, tzinfo=REUNION))
    assert not reunion.est_a_venir(datetime.datetime(2026, 6, 16, 0, 1, tzinfo=REUNION))


@pytest.mark.django_db
def test_les_sections_de_la_recherche_sont_les_deux_listes(base_vide):
    """/recherche/'s upcoming and past events: the same counts, events and orders as the agenda and its archives,
    time zones, equal days, missing hours and titles included."""
    jour = datetime.date(2026, 6, 15)
    for decalage, heure, titre, fuseau in [
        (-3, None, "B", Fuseau.PARIS),
        (-3, datetime.time(9), "A", Fuseau.PARIS),
        (-3, datetime.time(9), "C", Fuseau.PARIS),
        (-1, datetime.time(18), "D", Fuseau.MARTINIQUE),
        (0, None, "E", Fuseau.REUNION),
        (0, datetime.time(10), "F", Fuseau.CAYENNE),
        (0, datetime.time(10), "G", Fuseau.PARIS),
        (2, None, "H", Fuseau.PARIS),
        (2, datetime.time(8), "I", Fuseau.PARIS),
        (9, datetime.time(14), "J", Fuseau.TAHITI),
        (-40, None, "K", Fuseau.PARIS),
    ]:
        date = jour + datetime.timedelta(days=decalage)
        EvenementFactory(titre=titre, date_debut=date, date_fin=date, heure_debut=heure, fuseau_horaire=fuseau)
    EvenementFactory(titre="L", date_debut=jour, date_fin=jour, statut=Statut.BROUILLON)
    moment = datetime.datetime(2026, 6, 15, 23, 30, tzinfo=PARIS)
    evenements = Evenement.objects.publies()
    with time_machine.travel(moment, tick=False):
        for nombre in (3, 5, 20):
            for recherche, periode in [(chercher_a_venir, evenements.a_venir), (chercher_passes, evenements.passes)]:
                total, premiers, erreurs = recherche("", nombre)
                liste = periode(moment)
                assert (total, premiers, erreurs) == (liste.count(), list(liste[:nombre]), [])
        # Every published event once, in its period (« E » is over in Réunion, past midnight there).
        assert {e.titre for e in chercher_a_venir("", 20)[1]} == set("FGHIJ")
        assert {e.titre for e in chercher_passes("", 20)[1]} == set("ABCDEK")
        assert chercher_a_venir("zzz", 5) == chercher_passes("zzz", 5) == (0, [], [])


# --- with the reference data --------------------------------------------------------------


@pytest.mark.usefixtures("donnees_reference")
class TestRencontresNationales:
    def test_huitieme_rencontre_dans_les_archives_2023(self, client):
        reponse = client.get(reverse("evenements:archives"))
        annees = dict(reponse.context["annees"])
        huitieme = next(evenement for evenement in annees[2023] if evenement.numero_edition == 8)
        assert (huitieme.ville, huitieme.date_debut, huitieme.toute_la_journee) == (
            "Montpellier",
            datetime.date(2023, 10, 17),
            True,
        )
        assertContains(reponse, '<h3 class="mois" id="annee-2023">2023</h3>', html=True)
        assertContains(reponse, "17 octobre 2023, toute la journée")
        # The 1st (2017), 2nd (2018), 3rd (2019), 6th to 9th: the 4th and 5th are not in the sources.
        editions = Evenement.objects.filter(national=True, type=TypeEvenement.RENCONTRE_NATIONALE)
        assert sorted(editions.values_list("numero_edition", flat=True)) == [1, 2, 3, 6, 7, 8, 9]

    def test_page_de_la_huitieme(self, client):
        reponse = client.get(reverse("evenements:detail", kwargs={"slug": HUITIEME}))
        assertContains(reponse, "8<sup>e</sup> édition", html=False)
        assertContains(reponse, "Montpellier (34)")
        assertContains(reponse, '"@type": "Event"')
        assertContains(reponse, '"startDate": "2023-10-17"')
        assertContains(reponse, f'href="{reverse("evenements:ics", kwargs={"slug": HUITIEME})}"')
        assertNotContains(reponse, "S'inscrire")

    def test_ics_de_la_huitieme_journee_entiere(self, client):
        calendrier = lire_ics(client.get(reverse("evenements:ics", kwargs={"slug": HUITIEME})))
        (vevent,) = evenements_de(calendrier)
        assert vevent.decoded("dtstart") == datetime.date(2023, 10, 17)
        assert vevent.decoded("dtend") == datetime.date(2023, 10, 18)  # exclusive end: one day
        assert vevent["dtstart"].params["VALUE"] == "DATE"
        assert str(vevent["location"]) == "Montpellier (34)"
        assert str(vevent["url"]).endswith(f"/evenements/{HUITIEME}/")
        assert str(vevent["uid"]) == f"evenement-{Evenement.objects.get(slug=HUITIEME).pk}@reseau-crpv.fr"

    def test_aucun_evenement_a_venir_dans_les_donnees(self, client):
        reponse = client.get(reverse("evenements:liste"))
        assertContains(reponse, "Aucun événement à venir")
        assert evenements_de(lire_ics(client.get(reverse("evenements:agenda_ics")))) == []


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=PARIS), tick=False)
@pytest.mark.django_db
def test_ics_heure_de_paris_et_de_la_reunion(client):
    paris = EvenementFactory(
        titre="Webinaire ; « participation », virgules, et\\antislash",
        date_debut=datetime.date(2026, 3, 12),
        heure_debut=datetime.time(9, 30),
        heure_fin=datetime.time(12),
    )
    reunion = EvenementFactory(
        date_debut=datetime.date(2026, 4, 2),
        heure_debut=datetime.time(14),
        heure_fin=datetime.time(16),
        fuseau_horaire=Fuseau.REUNION,
        ville="Saint-Denis",
    )
    (vevent,) = evenements_de(lire_ics(client.get(reverse("evenements:ics", kwargs={"slug": paris.slug}))))
    assert vevent.decoded("dtstart") == datetime.datetime(2026, 3, 12, 9, 30, tzinfo=PARIS)
    assert vevent.decoded("dtend") == datetime.datetime(2026, 3, 12, 12, tzinfo=PARIS)
    assert str(vevent["summary"]) == paris.titre  # escaping round-trips
    calendrier = lire_ics(client.get(reverse("evenements:agenda_ics")))
    assert {str(composant["tzid"]) for composant in calendrier.walk("VTIMEZONE")} == {"Europe/Paris", "Indian/Reunion"}
    par_uid = {str(composant["summary"]): composant for composant in evenements_de(calendrier)}
    debut_reunion = par_uid[reunion.titre].decoded("dtstart")
    assert debut_reunion == datetime.datetime(2026, 4, 2, 14, tzinfo=REUNION)
    assert debut_reunion.astimezone(datetime.UTC).hour == 10  # UTC+4


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=PARIS), tick=False)
@pytest.mark.usefixtures("donnees_reference")
def test_agenda_groupe_par_mois_et_filtres(client):
    oriv, irev = Centre.objects.get(slug="oriv"), Centre.objects.get(slug="irev")
    EvenementFactory(
        titre="Formation à Strasbourg",
        type=TypeEvenement.FORMATION,
        date_debut=datetime.date(2026, 3, 10),
        centres=[oriv],
    )
    EvenementFactory(
        titre="Webinaire de Lille",
        type=TypeEvenement.WEBINAIRE,
        date_debut=datetime.date(2026, 4, 2),
        centres=[irev],
        en_ligne=True,
        ville="",
    )
    EvenementFactory(titre="Séminaire national", date_debut=datetime.date(2026, 4, 20), national=True)
    EvenementFactory(titre="Fini hier", date_debut=datetime.date(2026, 2, 28))

    reponse = client.get(reverse("evenements:liste"))
    mois = [(debut, [evenement.titre for evenement in evenements]) for debut, evenements in reponse.context["mois"]]
    assert mois == [
        (datetime.date(2026, 3, 1), ["Formation à Strasbourg"]),
        (datetime.date(2026, 4, 1), ["Webinaire de Lille", "Séminaire national"]),
    ]
    assertContains(reponse, "Mars 2026")

    def titres(**filtres):
        return [evenement.titre for evenement in client.get(reverse("evenements:liste"), filtres).context["page"]]

    assert titres(type="formation") == ["Formation à Strasbourg"]
    assert titres(centre="irev") == ["Webinaire de Lille"]
    assert titres(region="44") == ["Formation à Strasbourg"]
    assert titres(en_ligne="1") == ["Webinaire de Lille"]
    assert titres(national="1") == ["Séminaire national"]
    assert titres(national="1", type="formation") == []
    ics = lire_ics(client.get(reverse("evenements:agenda_ics"), {"centre": "oriv"}))
    assert [str(vevent["summary"]) for vevent in evenements_de(ics)] == ["Formation à Strasbourg"]

    reponse = client.get(reverse("evenements:liste"), {"type": "zz", "centre": "nope", "region": "zz"})
    assert reponse.status_code == 200
    assertContains(reponse, "« zz » n&#x27;est pas un type d&#x27;événement.")
    assertContains(reponse, "Aucun centre n&#x27;a l&#x27;identifiant « nope ».")

    # The centre's page shows its upcoming events; the home page the next ones.
    assertContains(client.get(oriv.get_absolute_url()), "Formation à Strasbourg")
    accueil = client.get("/")
    assert [evenement.titre for evenement in accueil.context["prochains_evenements"]] == [
        "Formation à Strasbourg",
        "Webinaire de Lille",
        "Séminaire national",
    ]
    flux = client.get(reverse("flux_evenements")).content.decode()
    assert "Formation à Strasbourg" in flux and "Fini hier" not in flux


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=PARIS), tick=False)
@pytest.mark.django_db
def test_nombre_de_requetes_constant_avec_1000_evenements(base_vide, client):
    centres = CentreFactory.create_batch(3)

    def creer(nombre, decalage):
        evenements = Evenement.objects.bulk_create(
            Evenement(
                titre=f"Événement {decalage + numero}",
                slug=f"evenement-{decalage + numero}",
                # Spread over 2025-2027 so that both small and large sets have past and upcoming events.
                date_debut=datetime.date(2025, 1, 1) + datetime.timedelta(days=(numero * 31) % 900),
                date_fin=datetime.date(2025, 1, 1) + datetime.timedelta(days=(numero * 31) % 900),
                statut="publie",
            )
            for numero in range(nombre)
        )
        Evenement.centres.through.objects.bulk_create(
            Evenement.centres.through(evenement=evenement, centre=centre)
            for evenement in evenements
            for centre in centres
        )

    urls = [
        reverse("evenements:liste"),
        reverse("evenements:archives"),
        reverse("evenements:archives") + "?page=3",
        reverse("evenements:agenda_ics"),
        reverse("flux_evenements"),
        "/",
        centres[0].get_absolute_url(),
    ]

    def compter():
        with CaptureQueriesContext(connection) as requetes:
            for url in urls:
                assert client.get(url).status_code == 200
        return len(requetes)

    creer(130, 0)  # enough past events for a third page of archives (a page past the last one is a 404)
    avant = compter()
    creer(870, 130)
    assert Evenement.objects.count() == 1000
    assert compter() == avant


@pytest.mark.django_db
def test_page_evenement_montre_ses_actes_publies(client):
    from commun.enums import Statut
    from tests.ressources.factories import RessourceFactory

    evenement = EvenementFactory()
    actes = RessourceFactory(titre="Actes du séminaire", collective=True)
    brouillon = RessourceFactory(titre="Diaporama en préparation", statut=Statut.BROUILLON, lien_externe="")
    evenement.ressources.set([actes, brouillon])
    reponse = client.get(evenement.get_absolute_url())
    assertContains(reponse, "Ressources de l'événement")
    assertContains(reponse, "Actes du séminaire")
    assertNotContains(reponse, "Diaporama en préparation")


def json_ld(reponse):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', reponse.content.decode()).group(1)
    )


@pytest.mark.usefixtures("donnees_reference")
def test_le_lieu_decrit_de_la_meme_facon_partout(client):
    """The page, the tile, the feed, the calendar file and the JSON-LD all say where the event takes place."""
    jour = datetime.date.today() + datetime.timedelta(days=30)
    evenement = EvenementFactory(
        titre="Forum des conseils citoyens",
        date_debut=jour,
        lieu="Maison des associations",
        adresse="1 rue du Port",
        ville="Strasbourg",
        departement_id="67",
        en_ligne=True,
        lien_en_ligne="https://visio.example.org/forum",
    )
    page = client.get(evenement.get_absolute_url())
    assertContains(page, "Maison des associations<br>1 rue du Port<br>Strasbourg (67)", html=False)
    assertContains(page, '<a href="https://visio.example.org/forum" rel="external">Lien de connexion</a>', html=True)
    assertContains(client.get(reverse("evenements:liste")), "Strasbourg et en ligne")
    assertContains(client.get(reverse("flux_evenements")), "Strasbourg et en ligne")
    ics = Calendar.from_ical(client.get(reverse("evenements:ics", args=[evenement.slug])).content)
    vevent = next(iter(ics.walk("VEVENT")))
    assert str(vevent["location"]) == (
        "Maison des associations, 1 rue du Port, Strasbourg (67) et en ligne : https://visio.example.org/forum"
    )
    donnees = json_ld(page)
    assert donnees["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert donnees["location"] == [
        {
            "@type": "Place",
            "name": "Maison des associations",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1 rue du Port",
                "addressLocality": "Strasbourg",
                "addressCountry": "FR",
            },
        },
        {"@type": "VirtualLocation", "url": "https://visio.example.org/forum"},
    ]


@pytest.mark.usefixtures("donnees_reference")
def test_le_lien_de_connexion_d_un_evenement_passe_n_est_publie_nulle_part(client):
    evenement = EvenementFactory(
        titre="Webinaire passé",
        date_debut=datetime.date(2024, 3, 5),
        ville="",
        en_ligne=True,
        lien_en_ligne="https://visio.example.org/secret?pwd=1234",
    )
    page = client.get(evenement.get_absolute_url())
    assertNotContains(page, "visio.example.org")
    assert json_ld(page)["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver{evenement.get_absolute_url()}",
    }
    assert json_ld(page)["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assertNotContains(client.get(reverse("evenements:ics", args=[evenement.slug])), "visio.example.org")


def ics(client, adresse, hote="127.0.0.1"):
    """A calendar file as the two parsers read it: icalendar's VEVENTs, and vobject's calendar."""
    reponse = client.get(adresse, HTTP_HOST=hote)
    assert reponse.status_code == 200
    texte = reponse.content.decode()
    return Calendar.from_ical(texte), vobject.readOne(texte), texte


@pytest.mark.usefixtures("donnees_reference")
def test_un_saut_de_ligne_dans_un_titre_ne_casse_pas_le_fichier(client):
    """Before: a 500. Data written before the validator, or by a loader, still reaches the file."""
    evenement = EvenementFactory(titre="Atelier\nsur deux lignes\rfin", date_debut=datetime.date(2030, 1, 5))
    cal, cal2, texte = ics(client, reverse("evenements:ics", args=[evenement.slug]))
    assert str(next(iter(cal.walk("VEVENT")))["summary"]) == "Atelier sur deux lignes fin"
    assert cal2.vevent.summary.value == "Atelier sur deux lignes fin"
    assert "\r" not in texte.replace("\r\n", "")  # no lone carriage return


def test_un_titre_sur_plusieurs_lignes_est_refuse_a_la_saisie(db):
    evenement = EvenementFactory.build(titre="Atelier\nsur deux lignes", ville="Lyon\r")
    with pytest.raises(ValidationError) as erreur:
        evenement.full_clean()
    assert set(erreur.value.message_dict) == {"titre", "ville"}
    assert "tient sur une ligne" in erreur.value.message_dict["titre"][0]


@pytest.mark.usefixtures("donnees_reference")
def test_un_agenda_vide_reste_un_calendrier_valide(client):
    vide, vide2, _ = ics(client, reverse("evenements:agenda_ics") + "?q=zzzzzz")
    assert list(vide.walk("VEVENT")) == []
    assert [str(composant["tzid"]) for composant in vide.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert vide2.vtimezone.tzid.value == "Europe/Paris"


@pytest.mark.usefixtures("donnees_reference")
def test_l_uid_ne_depend_pas_de_l_hote(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "portail.example.org"]
    adresse = reverse("evenements:ics", args=[HUITIEME])
    uids = {str(next(iter(ics(client, adresse, hote)[0].walk("VEVENT")))["uid"]) for hote in settings.ALLOWED_HOSTS}
    assert len(uids) == 1
    assert uids.pop().endswith("@reseau-crpv.fr")


@pytest.mark.usefixtures("donnees_reference")
def test_le_lien_de_connexion_dans_le_fichier_tant_que_l_evenement_est_a_venir(client):
    a_venir = EvenementFactory(
        date_debut=datetime.date.today() + datetime.timedelta(days=5),
        ville="",
        en_ligne=True,
        lien_en_ligne="https://visio.example.org/atelier",
    )
    passe = EvenementFactory(
        date_debut=datetime.date(2024, 1, 5), ville="", en_ligne=True, lien_en_ligne="https://visio.example.org/ancien"
    )
    cal, cal2, _ = ics(client, reverse("evenements:ics", args=[a_venir.slug]))
    vevent = next(iter(cal.walk("VEVENT")))
    assert str(vevent["location"]) == "En ligne : https://visio.example.org/atelier"
    assert str(vevent["conference"]) == "https://visio.example.org/atelier"
    assert cal2.vevent.location.value == "En ligne : https://visio.example.org/atelier"
    _, _, texte = ics(client, reverse("evenements:ics", args=[passe.slug]))
    assert "visio.example.org" not in texte
    assert "LOCATION:En ligne" in texte


@pytest.mark.usefixtures("donnees_reference")
def test_la_page_d_un_evenement_de_deux_jours_montre_l_heure_de_fin(client):
    evenement = EvenementFactory(
        date_debut=datetime.date(2030, 3, 4),
        date_fin=datetime.date(2030, 3, 5),
        heure_debut=datetime.time(9, 30),
        heure_fin=datetime.time(17),
    )
    assertContains(
        client.get(evenement.get_absolute_url()), "du 4 au 5 mars 2030, de 9 h 30 le premier jour à 17 h le dernier"
    )


@pytest.mark.usefixtures("donnees_reference")
def test_un_brouillon_n_apparait_nulle_part_sur_le_site_public(client):
    """A draft event: absent from every list, page, calendar file, feed, sitemap, search and centre page."""
    from commun.enums import Statut

    oriv = Centre.objects.get(slug="oriv")
    jour = datetime.date.today() + datetime.timedelta(days=3)
    brouillon = EvenementFactory(
        titre="Forum zébré en préparation", centres=[oriv], date_debut=jour, statut=Statut.BROUILLON
    )
    passe = EvenementFactory(
        titre="Forum zébré de l'an passé", centres=[oriv], date_debut=datetime.date(2024, 2, 2), statut="brouillon"
    )
    for adresse in [
        "/",
        reverse("evenements:liste"),
        reverse("evenements:archives"),
        reverse("evenements:agenda_ics"),
        reverse("flux_evenements"),
        reverse("flux_evenements_centre", args=["oriv"]),
        oriv.get_absolute_url(),
        "/sitemap-evenements.xml",
        reverse("recherche") + "?q=zébré",
    ]:
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        assertNotContains(reponse, "Forum zébré", msg_prefix=adresse)
        assertNotContains(reponse, brouillon.slug, msg_prefix=adresse)
    for evenement in (brouillon, passe):
        assert client.get(evenement.get_absolute_url()).status_code == 404
        assert client.get(reverse("evenements:ics", args=[evenement.slug])).status_code == 404
    # Published, it shows.
    Evenement.objects.filter(pk=brouillon.pk).update(statut=Statut.PUBLIE)
    assertContains(client.get(reverse("evenements:liste")), "Forum zébré en préparation")


def test_un_nouvel_evenement_est_un_brouillon(db):
    evenement = Evenement.objects.create(
        titre="Nouveau", slug="nouveau", date_debut="2030-01-01", date_fin="2030-01-01"
    )
    assert evenement.statut == "brouillon"


@pytest.mark.parametrize(
    "q,attendus",
    [
        ("seminaire", ["Séminaire des équipes projet"]),  # the title, accents and case ignored
        ("SAINT-DENIS", ["Forum de l'emploi"]),  # the town
        ("maison du peuple", ["Séminaire des équipes projet"]),  # the place
        ("cœur de quartier", ["Forum de l'emploi"]),  # the presentation, with its ligature
        ("projet saint", []),  # never across two fields
    ],
)
def test_la_recherche_de_l_agenda_lit_chaque_champ(client, db, q, attendus):
    jour = timezone.localdate()
    EvenementFactory(titre="Séminaire des équipes projet", lieu="Maison du Peuple", ville="Lyon", date_debut=jour)
    EvenementFactory(
        titre="Forum de l'emploi", ville="Saint-Denis", description="Au Cœur de quartier", date_debut=jour
    )
    reponse = client.get(reverse("evenements:liste"), {"q": q})
    assert sorted(e.titre for e in reponse.context["page"]) == attendus


def test_le_texte_de_recherche_suit_les_ecritures_en_masse(client, db):
    evenement = EvenementFactory(titre="Atelier", date_debut=timezone.localdate())
    Evenement.objects.filter(pk=evenement.pk).update(ville="Villeurbanne")
    Evenement.objects.bulk_create(
        [
            Evenement(
                titre="Rencontre à Évry",
                slug="evry",
                date_debut=evenement.date_debut,
                date_fin=evenement.date_fin,
                statut=evenement.statut,
            )
        ]
    )
    page = client.get(reverse("evenements:liste"), {"q": "villeurbanne"}).context["page"]
    assert [e.titre for e in page] == ["Atelier"]
    assert [e.titre for e in client.get(reverse("evenements:liste"), {"q": "evry"}).context["page"]] == [
        "Rencontre à Évry"
    ]
