"""The embedded PostgreSQL of a checkout without DATABASE_URL (crpv_portal/postgres_embarque/): a command starts it in
its folder, the next one reuses it, the last to end stops it; a folder that is not a database is said in French."""

import os
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
VERSION = """
from django.db import connection
with connection.cursor() as curseur:
    curseur.execute("SELECT current_setting('server_version_num')::int / 10000, current_database()")
    print(*curseur.fetchone())
"""


def manage(dossier, *arguments):
    env = {key: valeur for key, valeur in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="crpv_portal.settings", DJANGO_DEBUG="1", PORTAIL_BASE_EMBARQUEE=str(dossier))
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=RACINE, env=env, capture_output=True, text=True, timeout=180
    )


def serveur_en_marche(dossier):
    return (dossier / "postmaster.pid").exists()


def test_une_commande_demarre_le_serveur_embarque_la_suivante_le_reprend(tmp_path):
    dossier = tmp_path / "base"
    premiere = manage(dossier, "shell", "-c", VERSION)
    assert premiere.returncode == 0, premiere.stderr[-2000:]
    assert premiere.stdout.split()[-2:] == ["18", "crpv_portal"]
    assert (dossier / "PG_VERSION").exists()
    assert not serveur_en_marche(dossier)  # the last process that used it stopped it
    # The same folder, started again: the database created the first time is there.
    seconde = manage(dossier, "shell", "-c", "from django.db import connection; print(connection.vendor)")
    assert seconde.returncode == 0, seconde.stderr[-2000:]
    assert seconde.stdout.split()[-1] == "postgresql"


def test_un_dossier_qui_n_est_pas_une_base_est_dit_en_francais(tmp_path):
    dossier = tmp_path / "base"
    dossier.mkdir()
    (dossier / "notes.txt").write_text("pas une base")
    resultat = manage(dossier, "shell", "-c", VERSION)
    assert resultat.returncode == 1
    assert "n'est pas une base PostgreSQL" in resultat.stderr
    assert "make base-neuve" in resultat.stderr
    assert "Traceback" not in resultat.stderr
    assert (dossier / "notes.txt").exists()  # nothing of it was removed
