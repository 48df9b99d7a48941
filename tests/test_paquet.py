"""``pip install .`` gives a portal that runs: the wheel carries the apps, their templates and the project's
templates, static files and reference data, and starts from a virtual environment that knows nothing of the
checkout."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent

VERIFICATION = """
import django
from django.conf import settings
django.setup()
from django.contrib.staticfiles import finders
from django.template.loader import get_template
import crpv_portal
assert "site-packages" in crpv_portal.__file__, crpv_portal.__file__
for gabarit in ["layout/base.html", "pages/accueil.html", "ressources/ressource_list.html", "admin/index.html"]:
    get_template(gabarit)
assert finders.find("css/portail.css"), "feuille de style absente"
assert (settings.DOSSIER_REFERENTIEL / "centres.csv").is_file()
print("ok")
"""


@pytest.fixture(scope="module")
def roue(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("roue")
    # Built from a copy: setuptools leaves a build/ folder behind, which must not linger in the checkout.
    copie = tmp_path_factory.mktemp("source") / "portail"
    shutil.copytree(
        RACINE,
        copie,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "staticfiles", "media", ".postgres"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(copie), "--no-deps", "-q", "-w", dossier],
        check=True,
        capture_output=True,
    )
    return next(dossier.glob("crpv_portal-*.whl"))


def test_la_roue_porte_les_gabarits_les_fichiers_statiques_et_les_donnees(roue):
    noms = set(zipfile.ZipFile(roue).namelist())
    for attendu in [
        "crpv_portal/settings.py",
        "pilotage/views.py",
        "crpv_portal/projet/templates/layout/base.html",
        "crpv_portal/projet/static/css/portail.css",
        "crpv_portal/projet/fixtures/referentiel/centres.csv",
        "crpv_portal/projet/fixtures/SOURCES.md",
        "ressources/templates/ressources/ressource_list.html",
        "alertes/templates/alertes/courriel_nouveautes.txt",
        "ressources/migrations/0001_initial.py",
    ]:
        assert attendu in noms, attendu
    assert not any(nom.startswith(("tests/", "bench/")) for nom in noms)


def test_la_roue_installee_demarre_et_charge_les_donnees(roue, tmp_path, base_neuve):
    env_virtuel = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", env_virtuel], check=True)
    python = env_virtuel / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies from the test environment (a plain path: its editable install of the checkout stays out).
    (site / "dependances.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    with zipfile.ZipFile(roue) as archive:
        archive.extractall(site)
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "crpv_portal.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": base_neuve,
    }
    lancer = lambda *arguments: subprocess.run(  # noqa: E731
        [python, *arguments], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    verification = lancer("-c", VERIFICATION)
    assert verification.returncode == 0, verification.stderr
    assert verification.stdout.strip() == "ok"
    migration = lancer("-m", "crpv_portal", "migrate", "--no-input", "--verbosity", "0")
    assert migration.returncode == 0, migration.stderr
    # What the Dockerfile does at build: the static files collected from the installed package, with their manifest.
    statiques = tmp_path / "statiques"
    env.update(DJANGO_DEBUG="", DJANGO_SECRET_KEY="construction-de-l-image-seulement-pas-un-secret-0123456789abcdef")
    env["DJANGO_STATIC_ROOT"] = str(statiques)
    collecte = lancer("-m", "crpv_portal", "collectstatic", "--no-input", "--verbosity", "0")
    assert collecte.returncode == 0, collecte.stderr
    manifeste = json.loads((statiques / "staticfiles.json").read_text())
    assert "css/portail.css" in manifeste["paths"]
    env.update(DJANGO_DEBUG="1")
    chargement = lancer("-m", "crpv_portal", "charger_referentiel", "--sans-communes")
    assert chargement.returncode == 0, chargement.stderr
    assert "19" in chargement.stdout
