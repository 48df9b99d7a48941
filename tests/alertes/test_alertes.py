"""E-mail alerts without an account: subscribe, confirm, receive exactly what is new, leave in one click."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from alertes.envoi import envoyer_les_alertes
from alertes.models import Alerte, ElementEnvoye
from centres.models import Centre
from ressources.models import Ressource
from tests.evenements.factories import EvenementFactory
from tests.harnais import assert_valid_html, references_sans_cible
from tests.ressources.factories import RessourceFactory, ThemeFactory

pytestmark = pytest.mark.usefixtures("donnees_reference")
LIEN = re.compile(r"http://127\.0\.0\.1:8000(/alertes/[a-z]+/[^/\s\"]+/)")


@pytest.fixture(autouse=True)
def compteurs_remis_a_zero():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jeunesse(db):
    return ThemeFactory(nom="jeunesse", slug="jeunesse")


def demander(client, email="camille@exemple.fr", frequence="quotidienne", **filtres):
    adresse = reverse("alertes:nouvelle") + "?" + "&".join(f"{cle}={valeur}" for cle, valeur in filtres.items())
    return client.post(adresse, {"email": email, "frequence": frequence})


def confirmer(client):
    chemin = LIEN.search(mail.outbox[-1].body).group(1)
    assert client.get(chemin).status_code == 200
    return client.post(chemin, follow=True)


def test_s_abonner_confirmer_recevoir_exactement_les_nouveautes(client, jeunesse):
    ancienne = RessourceFactory(titre="Ancienne étude jeunesse", themes=[jeunesse])
    reponse = demander(client, liste="ressources", theme="jeunesse")
    assert reponse.status_code == 302
    assert Alerte.objects.get().confirmee_le is None
    assert len(mail.outbox) == 1
    assert "theme" not in mail.outbox[0].subject and "jeunesse" in mail.outbox[0].body
    # Nothing is sent before the confirmation.
    RessourceFactory(titre="Publiée avant confirmation", themes=[jeunesse])
    assert envoyer_les_alertes().courriels == 0
    gestion = confirmer(client)
    assertContains(gestion, "Votre alerte est confirmée")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        bonne = RessourceFactory(titre="Guide jeunesse publié", themes=[jeunesse])
        RessourceFactory(titre="Sans rapport avec le thème")
        RessourceFactory(titre="Brouillon jeunesse", themes=[jeunesse], statut="brouillon", lien_externe="")
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        rapport = envoyer_les_alertes()
    assert (rapport.courriels, rapport.elements) == (1, 1)
    courriel = mail.outbox[0]
    assert "Guide jeunesse publié" in courriel.body
    for absent in ("Sans rapport", "Brouillon jeunesse", ancienne.titre, "Publiée avant confirmation"):
        assert absent not in courriel.body
    assert f"http://127.0.0.1:8000{bonne.get_absolute_url()}" in courriel.body
    assert courriel.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert courriel.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/alertes/desinscrire/")
    html = courriel.alternatives[0][0]
    assert_valid_html(html, noms=["courriel des nouveautés"])
    assert all(lien.startswith("http://127.0.0.1:8000/") for lien in re.findall(r'href="([^"]+)"', html))
    # A second run: nothing new, nothing sent; the same item never twice, even published again.
    mail.outbox.clear()
    Ressource.objects.filter(pk=bonne.pk).update(statut="brouillon")
    Ressource.objects.filter(pk=bonne.pk).update(statut="publie")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert envoyer_les_alertes().courriels == 0
    assert mail.outbox == []


def test_l_agenda_et_la_page_d_un_centre(client):
    oriv = Centre.objects.get(slug="oriv")
    demander(client, liste="centre", centre="oriv")
    confirmer(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        RessourceFactory(titre="Étude de l'ORIV", centres=[oriv])
        EvenementFactory(titre="Séminaire de l'ORIV", centres=[oriv])
        EvenementFactory(titre="Séminaire d'un autre centre")
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        envoyer_les_alertes()
    corps = mail.outbox[0].body
    assert "Étude de l'ORIV" in corps and "Séminaire de l'ORIV" in corps and "autre centre" not in corps


def test_se_desinscrire_par_le_lien_et_par_le_post_de_la_rfc_8058(client):
    for _ in range(2):
        demander(client, email="a@exemple.fr", liste="evenements")
        confirmer(client)
        demander(client, email="a@exemple.fr", liste="collectives")
        confirmer(client)
    assert Alerte.objects.confirmees().count() == 2
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        EvenementFactory(titre="Nouveau webinaire")
        RessourceFactory(titre="Nouvelle ressource collective", collective=True)
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        envoyer_les_alertes()
    premier, second = mail.outbox
    # A mail client's one-click POST: no page, no cookie, no CSRF token.
    client_de_messagerie = Client(enforce_csrf_checks=True)
    adresse = premier.extra_headers["List-Unsubscribe"].strip("<>").replace("http://127.0.0.1:8000", "")
    reponse = client_de_messagerie.post(
        adresse, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert reponse.status_code == 200
    assert Alerte.objects.count() == 1
    # The link of the e-mail: a page with a button.
    chemin = re.search(r"(/alertes/desinscrire/[^/\s]+/)", second.body).group(1)
    assertContains(client.get(chemin), "Me désinscrire")
    client.post(chemin)
    assert not Alerte.objects.exists() and not ElementEnvoye.objects.exists()  # the address is gone with them


def test_gerer_ses_alertes(client):
    demander(client, liste="ressources", type="guide")
    page = confirmer(client)
    alerte = Alerte.objects.get()
    assertContains(page, "type : guide")
    client.post(page.request["PATH_INFO"], {"alerte": alerte.pk, "action": "frequence", "frequence": "mensuelle"})
    assert Alerte.objects.get().frequence == "mensuelle"
    client.post(page.request["PATH_INFO"], {"action": "tout_supprimer"})
    assert not Alerte.objects.exists()
    # A forged or altered link manages nothing.
    assert client.get(page.request["PATH_INFO"][:-3] + "xx/").status_code == 404


def test_les_limites_contre_l_inondation_d_une_boite(client):
    reponses = {
        demander(client, email="victime@exemple.fr", liste="ressources", annee=str(2020 + n))["Location"]
        for n in range(5)
    }
    assert len(reponses) == 1  # always the same answer
    assert Alerte.objects.filter(email="victime@exemple.fr").count() == 3  # three pending confirmations at most
    assert len(mail.outbox) == 3
    # The honeypot: a robot fills every field.
    client.post(
        reverse("alertes:nouvelle") + "?liste=ressources",
        {"email": "x@exemple.fr", "frequence": "quotidienne", "site_web": "spam"},
    )
    assert not Alerte.objects.filter(email="x@exemple.fr").exists()
    # One client, many addresses: ten requests an hour.
    for n in range(12):
        demander(client, email=f"personne{n}@exemple.fr", liste="evenements")
    assert Alerte.objects.filter(email__startswith="personne").count() == 10 - 5  # five already asked above


def test_un_serveur_de_courriel_en_panne_est_dit_sans_erreur_500(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    reponse = demander(client, liste="ressources")
    assert reponse.status_code == 503
    assertContains(reponse, "n'a pas pu partir", status_code=503)
    assert not Alerte.objects.exists()  # nothing half-done: ask again later


def test_une_adresse_deja_abonnee_ne_se_trahit_pas(client):
    """The same answer, and one e-mail as for a new request: to its owner, the link to manage its alerts."""
    demander(client, liste="ressources")
    confirmer(client)
    mail.outbox.clear()
    reponse = demander(client, liste="ressources")
    assert reponse["Location"] == reverse("alertes:demandee")
    (rappel,) = mail.outbox
    assert rappel.to == ["camille@exemple.fr"] and "déjà" in rappel.subject
    assert "/alertes/gerer/" in rappel.body
    assert Alerte.objects.count() == 1


def demander_depuis(client, adresse, email, transmise=None):
    entetes = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": ", ".join(filter(None, [transmise, adresse]))}
    chemin = reverse("alertes:nouvelle") + "?liste=evenements"
    return client.post(chemin, {"email": email, "frequence": "quotidienne"}, **entetes)


def test_derriere_le_proxy_la_limite_est_celle_de_chaque_client(client, settings):
    """Behind nginx, ten requests an hour per client, read where the proxy put it: another visitor is not refused,
    and a client that writes X-Forwarded-For itself gains nothing."""
    settings.DERRIERE_UN_PROXY = True
    for n in range(12):
        demander_depuis(client, "203.0.113.2", f"a{n}@exemple.fr", transmise=f"198.51.100.{n}")
    assert Alerte.objects.filter(email__startswith="a").count() == 10
    demander_depuis(client, "203.0.113.3", "autre@exemple.fr")
    assert Alerte.objects.filter(email="autre@exemple.fr").exists()


def test_les_variantes_d_une_boite_comptent_pour_une(client):
    for n in range(7):
        demander(client, email=f"victime+{n}@exemple.fr", liste="ressources", annee=str(2020 + n))
    assert len(mail.outbox) == 5  # five requests a day per mailbox, whatever comes after the « + »
    assert Alerte.objects.filter(email__startswith="victime").count() == 5


def test_un_envoi_refuse_ne_compte_pas_contre_la_limite(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    for _ in range(6):
        assert demander(client, liste="ressources").status_code == 503
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert demander(client, liste="ressources").status_code == 302
    assert len(mail.outbox) == 1 and Alerte.objects.count() == 1


def test_un_cache_injoignable_ne_refuse_personne(client, settings, caplog):
    from crpv_portal.settings import cache_redis

    settings.CACHES = {"default": cache_redis("redis://127.0.0.1:9/0")}  # nothing listens there
    reponse = demander(client, liste="ressources")
    assert reponse.status_code == 302
    assert len(mail.outbox) == 1 and Alerte.objects.count() == 1
    assert "non comptée" in caplog.text


def test_une_confirmation_expire_et_la_demande_est_effacee(client):
    demander(client, liste="ressources")
    chemin = LIEN.search(mail.outbox[-1].body).group(1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert client.get(chemin).status_code == 404
        assert envoyer_les_alertes().supprimees == 1
    assert not Alerte.objects.exists()


def test_un_filtre_invalide_est_dit_et_rien_n_est_cree(client):
    reponse = client.get(reverse("alertes:nouvelle"), {"liste": "ressources", "theme": "zz"})
    assert reponse.status_code == 400
    assertContains(reponse, "Aucun thème n&#x27;a l&#x27;identifiant « zz »", status_code=400)
    assert client.get(reverse("alertes:nouvelle"), {"liste": "pirate"}).status_code == 400


def test_les_pages_des_alertes_sont_valides(client):
    demander(client, liste="ressources", type="guide")
    chemin = LIEN.search(mail.outbox[-1].body).group(1)
    pages = [client.get(chemin).content.decode(), client.post(chemin, follow=True).content.decode()]
    pages.append(client.get(reverse("alertes:demandee")).content.decode())
    refusee = demander(client, email="pas une adresse", liste="ressources", type="guide")
    assertContains(refusee, 'aria-describedby="erreur-email"', status_code=refusee.status_code)
    pages.append(refusee.content.decode())
    assert_valid_html(*pages, noms=["confirmer", "gérer", "demande envoyée", "adresse refusée"])
    assert [references_sans_cible(page) for page in pages] == [[]] * len(pages)
    assertNotContains(client.get(reverse("alertes:nouvelle") + "?liste=ressources"), "victime")


def test_les_pages_suivies_proposent_l_alerte(client):
    assertContains(
        client.get("/ressources/", {"type": "guide"}), 'href="/alertes/nouvelle/?liste=ressources&amp;type=guide"'
    )
    assertContains(client.get("/ressources/collectives/"), 'href="/alertes/nouvelle/?liste=collectives"')
    assertContains(client.get("/evenements/"), 'href="/alertes/nouvelle/?liste=evenements"')
    assertContains(client.get("/centres/oriv/"), 'href="/alertes/nouvelle/?liste=centre&amp;centre=oriv"')
    assertContains(
        client.get("/evenements/", {"type": "webinaire"}),
        'href="webcal://testserver/evenements/agenda.ics?type=webinaire"',
    )


def test_l_agenda_s_actualise_seul(client):
    agenda = client.get(reverse("evenements:agenda_ics")).content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in agenda and "X-PUBLISHED-TTL:PT12H" in agenda


def test_par_un_vrai_serveur_smtp_et_une_panne_qui_ne_perd_rien(client, serveur_smtp, settings):
    demander(client, email="lecteur@exemple.fr", liste="ressources")
    confirmation = serveur_smtp.messages[0].content.decode()
    assert "lecteur@exemple.fr" in serveur_smtp.messages[0].rcpt_tos
    chemin = re.search(
        r"http://127\.0\.0\.1:8000(/alertes/confirmer/[^/\s]+/)", confirmation.replace("=\r\n", "")
    ).group(1)
    client.post(chemin)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        RessourceFactory(titre="Guide reçu par SMTP")
    # The mail server is down: nothing is recorded as sent, the command says so.
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)), pytest.raises(Exception, match="échec"):
        call_command("envoyer_alertes")
    assert not ElementEnvoye.objects.exists()
    settings.EMAIL_PORT = port
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        call_command("envoyer_alertes")
        call_command("envoyer_alertes")  # run again: nothing twice
    digests = [m for m in serveur_smtp.messages if b"Guide re" in m.content]
    assert len(digests) == 1
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in digests[0].content
