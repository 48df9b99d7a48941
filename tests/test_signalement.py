"""An error 500 reaches the technical team, as the error page promises: by e-mail to DJANGO_ADMINS, or to Sentry
when SENTRY_DSN is set; and the log says it as a JSON line. Each in a portal started with production settings."""

import gzip
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
CLE = "cle-de-test-du-signalement-" + "abcdefghijklmnopqrstuvwxyz0123456789"

PANNE = """
import django
django.setup()
from django.test import Client
import crpv_portal.views

def en_panne(*args, **kwargs):
    raise RuntimeError("panne simulée du calcul des chiffres")

crpv_portal.views.chiffres_cles = en_panne
reponse = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1").get("/reseau/")
print("statut", reponse.status_code)
print("page", "L'équipe" in reponse.content.decode() or "équipe" in reponse.content.decode())
try:
    import sentry_sdk
    sentry_sdk.flush(timeout=5)
except ImportError:
    pass
"""


@pytest.fixture(scope="module")
def statiques(tmp_path_factory):
    """The hashed static files the 500 page links to, as `collectstatic` leaves them in production."""
    dossier = tmp_path_factory.mktemp("statiques")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=RACINE,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SECRET_KEY": CLE, "DJANGO_STATIC_ROOT": str(dossier)},
        check=True,
    )
    return dossier


def lancer(base_neuve, statiques, **variables):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "crpv_portal.settings",
        "DJANGO_SECRET_KEY": CLE,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": base_neuve,  # empty: the page cache cannot read the content's version, and says it
        "DJANGO_STATIC_ROOT": str(statiques),
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", PANNE], cwd=RACINE, env=env, capture_output=True, text=True, timeout=120
    )


def test_une_erreur_500_est_envoyee_par_courriel_a_l_equipe_et_journalisee_en_json(
    serveur_smtp, settings, statiques, base_neuve
):
    resultat = lancer(
        base_neuve,
        statiques,
        DJANGO_ADMINS="Équipe technique <tech@exemple.fr>",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(settings.EMAIL_PORT),
        DJANGO_EMAIL_TLS="0",
    )
    assert "statut 500" in resultat.stdout, resultat.stderr
    (message,) = serveur_smtp.messages
    assert message.rcpt_tos == ["tech@exemple.fr"]
    assert "panne simulée du calcul des chiffres" in message.content.decode("utf-8", "replace")
    lignes = [json.loads(ligne) for ligne in resultat.stderr.splitlines() if ligne.startswith("{")]
    erreur = next(ligne for ligne in lignes if ligne["niveau"] == "ERROR" and ligne["journal"] == "django.request")
    assert erreur["chemin"] == "/reseau/"
    assert "RuntimeError: panne simulée" in erreur["exception"]


class Sentry(BaseHTTPRequestHandler):
    recus = []

    def do_POST(self):
        corps = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            corps = gzip.decompress(corps)
        Sentry.recus.append((self.path, corps.decode("utf-8", "replace")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def faux_sentry():
    Sentry.recus = []
    with socket.socket() as libre:
        libre.bind(("127.0.0.1", 0))
        port = libre.getsockname()[1]
    serveur = ThreadingHTTPServer(("127.0.0.1", port), Sentry)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield port
    serveur.shutdown()
    serveur.server_close()


def test_avec_sentry_l_erreur_part_a_sentry_et_pas_par_courriel(
    serveur_smtp, settings, faux_sentry, statiques, base_neuve
):
    resultat = lancer(
        base_neuve,
        statiques,
        SENTRY_DSN=f"http://cle0123456789@127.0.0.1:{faux_sentry}/42",
        DJANGO_ADMINS="Équipe technique <tech@exemple.fr>",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(settings.EMAIL_PORT),
        DJANGO_EMAIL_TLS="0",
    )
    assert "statut 500" in resultat.stdout, resultat.stderr
    evenements = [corps for chemin, corps in Sentry.recus if chemin.startswith("/api/42/")]
    assert any("RuntimeError" in corps and "du calcul des chiffres" in corps for corps in evenements), Sentry.recus[:1]
    assert serveur_smtp.messages == []
