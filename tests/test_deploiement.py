"""The stack of deploy/: nginx in front of two gunicorn servers that share one database, one cache and one media
folder, started by deploy/pile.sh on loopback as ``make pile`` does, then used over HTTP."""

import contextlib
import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.bases import base_temporaire
from tests.conftest import SEAU

RACINE = Path(__file__).resolve().parent.parent
MOT_DE_PASSE = "un-mot-de-passe-de-test-assez-long"


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_joignable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


class Client:
    """Just enough HTTP for the test: cookies kept, no redirect followed."""

    def __init__(self, port):
        self.port, self.cookies = port, SimpleCookie()

    def requete(self, methode, chemin, corps=None, entetes=None):
        connexion = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        entetes = dict(entetes or {})
        if self.cookies:
            entetes["Cookie"] = "; ".join(f"{nom}={morceau.value}" for nom, morceau in self.cookies.items())
        try:
            connexion.request(methode, chemin, body=corps, headers=entetes)
            reponse = connexion.getresponse()
            contenu = reponse.read()
        finally:
            connexion.close()
        for valeur in reponse.headers.get_all("Set-Cookie") or []:
            self.cookies.load(valeur)
        return reponse, contenu

    def get(self, chemin, **entetes):
        return self.requete("GET", chemin, entetes=entetes)


@contextlib.contextmanager
def lancer_la_pile(dossier, base, **supplement):
    """deploy/pile.sh on a database of its own (``base``: a copy of the test database, an administrator); the
    ports."""
    if not shutil.which("nginx"):
        message = "nginx introuvable : apt-get install -y nginx"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port, serveurs = port_libre(), [port_libre(), port_libre()]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(dossier),
        "PYTHON": sys.executable,
        "DATABASE_URL": base,
        "DJANGO_SECRET_KEY": "cle-de-test-de-la-pile-" + "abcdefghijklmnopqrstuvwxyz0123456789",
        "DJANGO_STATIC_ROOT": str(dossier / "static"),
        "DJANGO_MEDIA_ROOT": str(dossier / "media"),
        "DJANGO_DOCUMENTS_ROOT": str(dossier / "documents"),
        "PILE_DOSSIER": str(dossier / "pile"),
        "PORT": str(port),
        "PORTS_APP": " ".join(map(str, serveurs)),
        "DJANGO_SUPERUSER_PASSWORD": MOT_DE_PASSE,
    }
    if redis_joignable():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        env["DJANGO_CACHE_PREFIXE"] = f"test-pile-{os.getpid()}-{port}"
    env.update(supplement)
    manage = lambda *arguments: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *arguments], cwd=RACINE, env=env, check=True, capture_output=True
    )
    manage("createsuperuser", "--no-input", "--username", "admin", "--email", "admin@example.org")
    journal = dossier / "pile.log"
    with journal.open("wb") as sortie:
        processus = subprocess.Popen(
            ["deploy/pile.sh"], cwd=RACINE, env=env, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        for _ in range(300):
            try:
                if Client(port).get("/healthz")[0].status == 200 and all(
                    Client(p).get("/healthz")[0].status == 200 for p in serveurs
                ):
                    break
            except OSError:
                pass
            if processus.poll() is not None:
                pytest.fail(journal.read_text())
            time.sleep(0.1)
        else:
            pytest.fail("la pile n'a pas démarré")
        yield {"port": port, "serveurs": serveurs, "env": env, "manage": manage, "dossier": dossier}
    finally:
        os.killpg(processus.pid, signal.SIGTERM)
        processus.wait(timeout=30)


@pytest.fixture(scope="module")
def pile(tmp_path_factory, django_db_setup, django_db_blocker):
    with (
        base_temporaire(django_db_blocker, avec_les_donnees=True) as base,
        lancer_la_pile(tmp_path_factory.mktemp("pile"), base) as ports,
    ):
        yield ports


@pytest.fixture(scope="module")
def pile_s3(tmp_path_factory, serveur_s3, django_db_setup, django_db_blocker):
    """The same stack with its media in the local S3 server's bucket."""
    with (
        base_temporaire(django_db_blocker, avec_les_donnees=True) as base,
        lancer_la_pile(
            tmp_path_factory.mktemp("pile-s3"),
            base,
            DJANGO_S3_BUCKET=SEAU,
            DJANGO_S3_ENDPOINT=serveur_s3,
            DJANGO_S3_REGION="eu-west-3",
            DJANGO_S3_ACCESS_KEY="essai",
            DJANGO_S3_SECRET_KEY="essai",
        ) as ports,
    ):
        yield ports


def test_nginx_sert_les_pages_sans_dire_sa_version(pile):
    reponse, contenu = Client(pile["port"]).get("/", **{"Accept-Encoding": "gzip"})
    assert reponse.status == 200
    assert reponse.headers["Server"] == "nginx"
    assert reponse.headers["Content-Encoding"] == "gzip"  # the portal's own compression, passed through
    assert "Réseau" in gzip.decompress(contenu).decode()


def test_nginx_sert_les_fichiers_statiques_et_les_medias(pile):
    client = Client(pile["port"])
    _, accueil = client.get("/")
    feuille = re.search(rb'href="(/static/css/portail\.[0-9a-f]+\.css)"', accueil).group(1).decode()
    reponse, contenu = client.get(feuille)
    assert reponse.status == 200
    assert "immutable" in ", ".join(reponse.headers.get_all("Cache-Control"))
    assert b"{" in contenu
    image = pile["dossier"] / "media" / "essai.webp"
    image.write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    reponse, contenu = client.get("/media/essai.webp")
    assert (reponse.status, contenu) == (200, image.read_bytes())
    (pile["dossier"] / "media" / "piege.html").write_text("<script>alert(1)</script>")
    assert client.get("/media/piege.html")[0].status == 403
    # The documents' folder is reachable only through the portal's view.
    assert client.get("/documents-internes/x.pdf")[0].status == 404


def test_une_requete_trop_grosse_est_refusee_par_nginx(pile):
    connexion = http.client.HTTPConnection("127.0.0.1", pile["port"], timeout=10)
    connexion.putrequest("POST", "/admin/login/")
    connexion.putheader("Content-Length", str(200 * 1024 * 1024))
    connexion.endheaders()
    assert connexion.getresponse().status == 413
    connexion.close()


def test_une_modification_se_voit_sur_les_deux_serveurs(pile):
    a, b = (Client(port) for port in pile["serveurs"])
    for client in (a, b):
        for _ in range(2):
            reponse, contenu = client.get("/centres/oriv/")
            assert "Observatoire régional" in contenu.decode()
    assert reponse.headers["X-Cache"] == "HIT"
    pile["manage"](
        "shell",
        "-c",
        "from centres.models import Centre; Centre.objects.filter(slug='oriv').update(sigle='ORIV-NEUF')",
    )
    for client in (a, b, Client(pile["port"])):
        assert "ORIV-NEUF" in client.get("/centres/oriv/")[1].decode()


def test_nginx_garde_une_seconde_les_pages_publiques_jamais_celles_d_une_personne(pile):
    """Micro-caching (deploy/nginx-site.conf): a burst on a page is answered by nginx; a write shows within two
    seconds; a request with a session or a CSRF cookie, and the admin, always reach the portal."""
    client = Client(pile["port"])
    etats = [client.get("/centres/irev/")[0].headers["X-Cache-Nginx"] for _ in range(3)]
    assert etats[-1] == "HIT", etats
    pile["manage"](
        "shell", "-c", "from centres.models import Centre; Centre.objects.filter(slug='irev').update(sigle='IREV-2')"
    )
    debut = time.monotonic()
    while "IREV-2" not in client.get("/centres/irev/")[1].decode():
        assert time.monotonic() - debut < 2.5, "la modification n'est pas visible après deux secondes"
        time.sleep(0.1)
    for cookie in ("sessionid=abc", "csrftoken=abc", "autre=1; messages=x"):
        reponse, _ = client.requete("GET", "/centres/irev/", entetes={"Cookie": cookie})
        assert reponse.headers["X-Cache-Nginx"] == "BYPASS", cookie
    for _ in range(2):
        reponse, _ = client.get("/admin/login/")
    assert reponse.headers["X-Cache-Nginx"] != "HIT"


def test_une_session_ouverte_sur_un_serveur_vaut_sur_l_autre(pile):
    a, b = (Client(port) for port in pile["serveurs"])
    _, page = a.get("/admin/login/")
    jeton = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    corps = urlencode({"csrfmiddlewaretoken": jeton, "username": "admin", "password": MOT_DE_PASSE, "next": "/admin/"})
    reponse, _ = a.requete(
        "POST", "/admin/login/", corps, {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://x/"}
    )
    assert reponse.status == 302, reponse.status
    b.cookies = a.cookies
    reponse, contenu = b.get("/admin/")
    assert reponse.status == 200
    assert "Contenus du portail" in contenu.decode()
    assert "no-store" in reponse.headers["Cache-Control"]
    assert "Content-Encoding" not in reponse.headers


CREATION = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from ressources.models import Ressource
from tests.ressources.factories import pdf_valide
tampon = io.BytesIO()
Image.new("RGB", (640, 480), "teal").save(tampon, "JPEG")
Ressource.objects.create(
    titre="Guide déposé dans le seau", slug="guide-seau", statut="publie", image_texte_alternatif="Couverture",
    fichier=SimpleUploadedFile("guide.pdf", pdf_valide()),
    image=SimpleUploadedFile("couverture.jpg", tampon.getvalue()),
)
"""


def test_les_deux_serveurs_partagent_les_medias_du_stockage_objet(pile_s3):
    """A ressource saved by one process, its cover and document in the bucket: both servers link to the same copies,
    which the bucket serves, and both hand out the document behind a signed address."""
    pile_s3["manage"]("shell", "-c", CREATION)
    adresses = set()
    for port in pile_s3["serveurs"]:
        _, page = Client(port).get("/ressources/guide-seau/")
        copies = re.findall(r'src="(http://127\.0\.0\.1:\d+/crpv-essai/medias/[^"]+\.webp)"', page.decode())
        assert copies, page.decode()[:500]
        adresses.add(copies[0])
        reponse, _ = Client(port).get("/ressources/guide-seau/fichier/")
        assert reponse.status == 302 and "Signature" in reponse.headers["Location"]
        with urllib.request.urlopen(reponse.headers["Location"], timeout=10) as document:
            assert document.read().startswith(b"%PDF")
    (adresse,) = adresses
    with urllib.request.urlopen(adresse, timeout=10) as copie:
        assert copie.read(4) == b"RIFF"
