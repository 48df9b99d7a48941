"""What ressource must survive: files missing or refused, drafts' documents, a database down, a weak key."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from commun.images import DOSSIER_RENDITIONS
from ressources.models import Ressource
from tests.bases import adresse_de_la_base
from tests.centres.factories import MembreEquipeFactory
from tests.ressources.factories import pdf_valide

RACINE = Path(settings.BASE_DIR)
PDF = pdf_valide()


def copies(image=None):
    """The copies of ``image`` (all copies without one) in storage."""
    dossier = Path(default_storage.location) / DOSSIER_RENDITIONS
    prefixe = hashlib.sha256(image.name.encode()).hexdigest()[:20] if image else ""
    return sorted(p for p in dossier.iterdir() if p.name.startswith(prefixe)) if dossier.exists() else []


def test_une_image_disparue_ne_casse_aucune_page(client, ressource_illustree, caplog):
    for copie in copies(ressource_illustree.image):
        copie.unlink()
    Path(ressource_illustree.image.path).unlink()
    for adresse in ["/", "/ressources/", ressource_illustree.get_absolute_url()]:
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        assertNotContains(reponse, 'alt="Couverture du guide')
    assert copies(ressource_illustree.image) == []  # a page never makes copies
    assert "absente" in caplog.text


def test_une_copie_vide_compte_pour_absente(client, ressource_illustree):
    for copie in copies(ressource_illustree.image):
        copie.write_bytes(b"")
    assertNotContains(client.get(ressource_illustree.get_absolute_url()), "/media/renditions/")


def test_les_copies_sont_faites_a_l_enregistrement(ressource_illustree):
    faites = copies(ressource_illustree.image)
    assert len(faites) == 3  # vignette, moyenne, grande
    assert all(copie.stat().st_size > 0 for copie in faites)


def test_le_document_d_un_brouillon_n_est_pas_servi(client, ressource_illustree, donnees_reference):
    from centres.models import Centre

    adresse = reverse("ressources:fichier", args=[ressource_illustree.slug])
    publie = client.get(adresse)
    assert publie.status_code == 200 and b"".join(publie.streaming_content).startswith(b"%PDF")
    assert publie["Content-Disposition"].startswith("attachment")
    # Not under the public media: no address outlives the publication.
    assert not (Path(settings.MEDIA_ROOT) / ressource_illustree.fichier.name).exists()
    assert client.get(f"/media/{ressource_illustree.fichier.name}").status_code == 404
    Ressource.objects.filter(pk=ressource_illustree.pk).update(statut="brouillon")
    assert client.get(adresse).status_code == 404
    client.force_login(MembreEquipeFactory(centre=Centre.objects.get(slug="oriv")).utilisateur)
    apercu = client.get(adresse)
    assert apercu.status_code == 200 and "no-store" in apercu["Cache-Control"]
    # Read to the end, as a browser would: the test client then closes the file (and only then).
    assert b"".join(apercu.streaming_content).startswith(b"%PDF")
    client.logout()
    Ressource.objects.filter(pk=ressource_illustree.pk).update(statut="corbeille")
    assert client.get(adresse).status_code == 404


def test_le_document_sans_taille_lue_sur_le_disque(client, ressource_illustree):
    assert ressource_illustree.fichier_taille == len(b"%PDF-1.4\n%%EOF\n")
    Path(ressource_illustree.fichier.path).unlink()
    page = client.get(ressource_illustree.get_absolute_url())
    assertContains(page, "octets")
    assert client.get(reverse("ressources:fichier", args=[ressource_illustree.slug])).status_code == 404


@pytest.mark.ignore_template_errors
def test_un_stockage_qui_refuse_le_fichier_donne_un_message_et_rien_a_moitie(
    client, donnees_reference, monkeypatch, tmp_path
):
    from commun.stockage import StockageSur
    from ressources.models import Theme

    # A storage that cannot write: its folder is a file (as a full or read-only disk, it raises OSError).
    bouchon = tmp_path / "pas-un-dossier"
    bouchon.write_text("un fichier là où le stockage attend un dossier")
    monkeypatch.setattr(Ressource._meta.get_field("fichier"), "storage", StockageSur(location=bouchon / "documents"))
    client.force_login(User.objects.create_superuser("admin", password="x"))
    donnees = {
        "titre": "Guide à déposer",
        "slug": "guide-a-deposer",
        "type": "guide",
        "statut": "brouillon",
        "collective": "on",
        "themes": [Theme.objects.first().pk],
        "fichier": SimpleUploadedFile("guide.pdf", PDF),
    }
    reponse = client.post(reverse("admin:ressources_ressource_add"), donnees, follow=True)
    assert reponse.status_code == 200
    assertContains(reponse, "Le fichier n&#x27;a pas pu être enregistré")
    assert not Ressource.objects.filter(slug="guide-a-deposer").exists()


def lancer(code, **environnement):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "crpv_portal.settings", **environnement}
    env.pop("DJANGO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=RACINE, env=env, capture_output=True, text=True, timeout=60
    )


CLE = "k" + "Zq8-".join(str(n) for n in range(20))


def test_une_cle_secrete_faible_est_refusee():
    resultat = lancer("import django; django.setup()", DJANGO_SECRET_KEY="abc")
    assert resultat.returncode != 0
    assert "DJANGO_SECRET_KEY est trop courte" in resultat.stderr
    assert lancer("import django; django.setup()", DJANGO_SECRET_KEY=CLE).returncode == 0


def test_check_deploy_sans_avertissement_avec_la_configuration_documentee():
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")},
            "DJANGO_SETTINGS_MODULE": "crpv_portal.settings",
            "DJANGO_SECRET_KEY": CLE,
            "DJANGO_ALLOWED_HOSTS": "reseau-crpv.fr",
            "DJANGO_SECURE_HSTS_SECONDS": "31536000",
            "DJANGO_SECURE_HSTS_SOUS_DOMAINES": "1",
            "DJANGO_SECURE_HSTS_PRELOAD": "1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_une_base_arretee_repond_503_avec_retry_after():
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/centres/', HTTP_HOST='localhost')\n"
        "print(r.status_code, r.get('Retry-After'), 'momentanément indisponible' in r.content.decode())\n"
    )
    resultat = lancer(
        code,
        DJANGO_SECRET_KEY=CLE,
        DATABASE_URL="postgres://postgres@127.0.0.1:9/arretee",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    assert resultat.stdout.split() == ["503", "30", "True"], resultat.stderr[-2000:]


def test_les_entetes_de_securite(client, agent_anct):
    reponse = client.get("/")
    assert "camera=()" in reponse["Permissions-Policy"]
    assert reponse["X-Content-Type-Options"] == "nosniff"
    client.force_login(agent_anct)
    for adresse in ["/pilotage/", "/pilotage/labels.csv", "/pilotage/couverture.csv"]:
        entetes = client.get(adresse)["Cache-Control"]
        assert "no-store" in entetes and "private" in entetes, adresse


def test_le_serveur_garde_hors_du_ramasse_miettes_ce_qui_dure():
    code = (
        "import gc\n"
        "from crpv_portal.wsgi import application\n"
        "au_chargement = gc.get_freeze_count()\n"
        "reponses = []\n"
        "environ = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/robots.txt', 'SERVER_NAME': 'localhost',\n"
        "           'SERVER_PORT': '80', 'wsgi.url_scheme': 'http', 'wsgi.input': __import__('io').BytesIO()}\n"
        "corps = b''.join(application(environ, lambda statut, entetes: reponses.append(statut)))\n"
        "print(au_chargement, gc.get_freeze_count(), reponses[0], b'Sitemap' in corps)\n"
    )
    resultat = lancer(code, DJANGO_SECRET_KEY=CLE, DJANGO_SECURE_SSL_REDIRECT="0")
    au_chargement, apres, statut, code_http, plan = resultat.stdout.split()
    assert 50_000 < int(au_chargement) < int(apres), resultat.stderr[-2000:]
    assert (statut, code_http, plan) == ("200", "OK", "True")


def test_le_cout_d_une_lecture_par_index_est_celui_d_une_base_en_memoire(db):
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as curseur:\n"
        "    curseur.execute('SHOW random_page_cost')\n"
        "    print(curseur.fetchone()[0])\n"
    )
    base = adresse_de_la_base("postgres")  # the server's own database, always there
    assert lancer(code, DJANGO_SECRET_KEY=CLE, DATABASE_URL=base).stdout.split() == ["1.1"]
    assert lancer(code, DJANGO_SECRET_KEY=CLE, DATABASE_URL=base, DJANGO_PG_RANDOM_PAGE_COST="2.5").stdout.split() == [
        "2.5"
    ]
    # Empty: no option sent, the server's own setting (whatever it is) answers.
    serveur = lancer(code, DJANGO_SECRET_KEY=CLE, DATABASE_URL=base, DJANGO_PG_RANDOM_PAGE_COST="")
    assert serveur.returncode == 0 and len(serveur.stdout.split()) == 1, serveur.stderr[-2000:]
    mauvais = lancer(code, DJANGO_SECRET_KEY=CLE, DATABASE_URL=base, DJANGO_PG_RANDOM_PAGE_COST="vite")
    assert "DJANGO_PG_RANDOM_PAGE_COST doit être un nombre (par exemple 1.1), pas « vite »." in mauvais.stderr
