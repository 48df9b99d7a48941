"""Staff accounts: created by a command with a one-time link, a password chosen on the portal, a login that
locks after repeated failures."""

import logging
import re
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from centres.models import MembreEquipe
from tests.centres.factories import CentreFactory, CompteFactory
from tests.harnais import references_sans_cible

pytestmark = pytest.mark.ignore_template_errors  # Django's admin templates read variables they do not always get

MOT_DE_PASSE = "Quartiers-2030 en réseau"


def creer_compte(*arguments):
    sortie = StringIO()
    call_command("creer_compte", *arguments, stdout=sortie)
    texte = sortie.getvalue()
    lien = re.search(r"http://127\.0\.0\.1:8000(/compte/mot-de-passe/\S+/)", texte)
    assert lien, texte
    return texte, lien.group(1)


@pytest.fixture
def centres(db):
    return CentreFactory(slug="oriv", sigle="ORIV"), CentreFactory(slug="irev", sigle="IREV")


def test_creer_compte_d_equipe_puis_choisir_son_mot_de_passe(client, centres):
    texte, chemin = creer_compte("Camille.Martin@oriv.fr", "--centre", "oriv", "--centre", "irev")
    assert "Compte créé : camille.martin@oriv.fr (équipe de ORIV, IREV)" in texte
    compte = User.objects.get(username="camille.martin@oriv.fr")
    assert compte.is_staff and not compte.has_usable_password()
    assert set(MembreEquipe.objects.filter(utilisateur=compte).values_list("centre__slug", flat=True)) == {
        "oriv",
        "irev",
    }
    assert list(compte.groups.values_list("name", flat=True)) == ["Équipe CRPV"]

    page = client.get(chemin, follow=True)
    assertContains(page, "Choisir votre mot de passe")
    assertContains(page, "camille.martin@oriv.fr")
    # Django's password validators: too short, too common.
    refuse = client.post(page.redirect_chain[-1][0], {"new_password1": "motdepasse", "new_password2": "motdepasse"})
    assertContains(refuse, "Ce mot de passe est trop court")
    # The validators' help and the errors are where the fields point to.
    for reponse in (page, refuse):
        assert references_sans_cible(reponse.content.decode()) == []
    assertContains(refuse, 'aria-describedby="id_new_password2_helptext id_new_password2_error"')
    assertContains(refuse, "<li>Votre mot de passe doit contenir au minimum 12 caractères.</li>", html=True)
    fin = client.post(
        page.redirect_chain[-1][0], {"new_password1": MOT_DE_PASSE, "new_password2": MOT_DE_PASSE}, follow=True
    )
    assertContains(fin, "Votre mot de passe est enregistré")
    compte.refresh_from_db()
    assert compte.check_password(MOT_DE_PASSE)
    # The link served once.
    assertContains(client.get(chemin, follow=True), "Ce lien n'est plus valable")
    # The person logs in and lands on « Mon centre ».
    client.logout()
    connexion = client.post(
        reverse("admin:login"), {"username": "camille.martin@oriv.fr", "password": MOT_DE_PASSE}, follow=True
    )
    assertContains(connexion, "Mon centre : ")


def test_creer_compte_anct_et_completer_un_compte(centres):
    texte, _ = creer_compte("agent@anct.gouv.fr", "--anct")
    assert "Compte créé : agent@anct.gouv.fr (ANCT)" in texte
    assert list(User.objects.get(email="agent@anct.gouv.fr").groups.values_list("name", flat=True)) == ["ANCT"]
    creer_compte("equipe@oriv.fr", "--centre", "oriv")
    texte, _ = creer_compte("EQUIPE@oriv.fr", "--centre", "irev")
    assert "Compte complété" in texte
    assert User.objects.filter(email="equipe@oriv.fr").count() == 1
    assert MembreEquipe.objects.filter(utilisateur__email="equipe@oriv.fr").count() == 2


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["x@oriv.fr", "--centre", "inconnu"], "Aucun centre n'a l'identifiant « inconnu »"),
        (["pas-une-adresse", "--anct"], "n'est pas une adresse électronique valide"),
        (["x@oriv.fr"], "Indiquez au moins un centre"),
        (["x@oriv.fr", "--anct", "--centre", "oriv"], "pas des deux"),
    ],
)
def test_creer_compte_refuse_en_francais(centres, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("creer_compte", *arguments, stdout=StringIO())
    assert not User.objects.exists()


def test_un_superutilisateur_obtient_le_lien_depuis_l_administration(client, centres):
    compte = CompteFactory(username="nouveau@oriv.fr")
    client.force_login(CompteFactory(is_superuser=True))
    reponse = client.post(
        reverse("admin:auth_user_changelist"), {"action": "inviter", "_selected_action": [compte.pk]}, follow=True
    )
    assertContains(
        reponse, "Lien pour nouveau@oriv.fr, valable 3 jours et une seule fois : http://127.0.0.1:8000/compte/"
    )


def test_une_equipe_ne_gere_pas_les_comptes(client, centres):
    from tests.centres.factories import MembreEquipeFactory

    membre = MembreEquipeFactory(centre=centres[0]).utilisateur
    client.force_login(membre)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.post(reverse("admin:auth_user_change", args=[membre.pk]), {"is_superuser": "on"}).status_code == 403
    membre.refresh_from_db()
    assert not membre.is_superuser


def test_les_echecs_de_connexion_bloquent_le_compte(client, db, caplog):
    compte = CompteFactory(username="equipe@oriv.fr")
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(5):
            reponse = client.post(reverse("admin:login"), {"username": "equipe@oriv.fr", "password": "faux"})
    assert reponse.status_code == 429
    assertContains(reponse, "Connexion bloquée pour un moment", status_code=429)
    assertContains(reponse, "pendant 15 minutes", status_code=429)
    # Even the right password is refused now, and the failures are logged.
    bon = client.post(
        reverse("admin:login"), {"username": "equipe@oriv.fr", "password": "un mot de passe long et sûr"}
    )
    assert bon.status_code == 429
    assert AccessAttempt.objects.filter(username="equipe@oriv.fr").exists()
    assert any("locking out" in message.lower() for message in caplog.messages)
    compte.refresh_from_db()
    assert compte.last_login is None


def test_une_adresse_de_retour_etrangere_mene_a_l_administration(client, db):
    CompteFactory(username="equipe@oriv.fr")
    reponse = client.post(
        reverse("admin:login") + "?next=https://exemple.invalid/piege",
        {"username": "equipe@oriv.fr", "password": "un mot de passe long et sûr", "next": "https://exemple.invalid/"},
    )
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("admin:index")


def test_les_sessions_du_personnel_durent_une_journee(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def connexion(client, nom, mot_de_passe, adresse, transmise=None):
    """A login POST as nginx hands it over: from 127.0.0.1, the client's address added to X-Forwarded-For."""
    entetes = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": ", ".join(filter(None, [transmise, adresse]))}
    return client.post(reverse("admin:login"), {"username": nom, "password": mot_de_passe}, **entetes).status_code


def test_derriere_le_proxy_cinq_echecs_ne_bloquent_que_ce_compte_depuis_cette_adresse(client, db, settings):
    """Behind nginx every request comes from 127.0.0.1: django-axes counts by the client's address the proxy adds
    (commun.adresse), per (account, address); a client writing X-Forwarded-For itself changes nothing."""
    settings.DERRIERE_UN_PROXY = True
    CompteFactory(username="equipe@oriv.fr")
    bon = "un mot de passe long et sûr"
    # The attack measured before: five bad passwords with invented names from one client...
    assert [connexion(client, f"invente{n}@x.fr", "faux", "203.0.113.2") for n in range(5)] == [200] * 5
    # ...lock nobody: a real member, from another client or from that one, logs in.
    assert connexion(client, "equipe@oriv.fr", bon, "203.0.113.3") == 302
    client.logout()
    assert connexion(client, "equipe@oriv.fr", bon, "203.0.113.2") == 302
    client.logout()
    assert [connexion(client, "invente0@x.fr", "faux", "203.0.113.2") for _ in range(5)][-1] == 429
    client.logout()
    # Five failures on the member's account from one address lock it from that address only.
    for _ in range(5):
        connexion(client, "equipe@oriv.fr", "faux", "203.0.113.4")
    assert connexion(client, "equipe@oriv.fr", bon, "203.0.113.4") == 429
    # A forged header (written by the client, before the proxy's) neither resets nor shifts the count.
    assert connexion(client, "equipe@oriv.fr", bon, "203.0.113.4", transmise="198.51.100.9") == 429
    assert connexion(client, "equipe@oriv.fr", bon, "203.0.113.5") == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.2", "203.0.113.4"}


def test_sans_proxy_l_en_tete_d_un_client_est_ignore(client, db, settings):
    settings.DERRIERE_UN_PROXY = False
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "x@x.fr", "password": "faux"}, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
