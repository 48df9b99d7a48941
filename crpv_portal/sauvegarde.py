"""Backups: the database (``pg_dump`` in PostgreSQL's custom format) and the uploaded files (images and documents)
in one folder per backup; and their restoration on a fresh database. ``manage.py sauvegarder`` and ``manage.py
restaurer`` (``make sauvegarde``, ``make restauration``) call these functions.

``pg_dump`` and ``pg_restore`` are those of the server's major version: the embedded server's own, or the
machine's (``postgresql-client``; Debian keeps each version's in ``/usr/lib/postgresql/<version>/bin``)."""

import contextlib
import datetime
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

from commun.models import VersionDuContenu
from crpv_portal import postgres_embarque

BASE = "base.dump"
FICHIERS = {"medias": "MEDIA_ROOT", "documents": "DOCUMENTS_ROOT"}
MANIFESTE = "sauvegarde.json"


class SauvegardeImpossible(Exception):
    """What went wrong, in French, for the person running the command."""


def _lancer(programme, options, connexion, fichier=None):
    """``programme`` (pg_dump, pg_restore) with ``options`` on the database of ``connexion``, then ``fichier``."""
    connexion.ensure_connection()  # the embedded server starts, and says where it listens
    reglages = connexion.settings_dict
    env = {**os.environ}
    for variable, cle in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if reglages.get(cle):
            env[variable] = str(reglages[cle])
    commande = [_client(programme, connexion.pg_version // 10000), *options, "--dbname", reglages["NAME"]]
    commande += [fichier] if fichier else []
    try:
        resultat = subprocess.run(commande, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise SauvegardeImpossible(
            f"« {programme} » est introuvable : installez le client PostgreSQL (apt-get install postgresql-client)."
        ) from None
    if resultat.returncode:
        raise SauvegardeImpossible(f"{programme} a échoué : {resultat.stderr.strip()[-500:]}")


def _client(programme, version):
    """The ``programme`` of PostgreSQL ``version``: a newer pg_dump writes what an older pg_restore cannot read, and
    an older one refuses a newer server."""
    candidats = [shutil.which(programme), f"/usr/lib/postgresql/{version}/bin/{programme}"]
    with contextlib.suppress(ImportError):
        candidats.insert(0, postgres_embarque.binaire(programme))
    for candidat in filter(None, candidats):
        with contextlib.suppress(OSError):
            sortie = subprocess.run([candidat, "--version"], capture_output=True, text=True).stdout
            if sortie.split()[-1].split(".")[0] == str(version):
                return candidat
    return programme  # said as missing below if it is


def sauvegarder(dossier, using="default"):
    """A new folder under ``dossier`` holding the database and the files; its path."""
    moment = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    cible = Path(dossier) / f"crpv-{moment}"
    try:
        cible.mkdir(parents=True)
        _lancer("pg_dump", ["--format=custom", "--no-owner", "--file", str(cible / BASE)], connections[using])
        for nom, reglage in FICHIERS.items():
            with tarfile.open(cible / f"{nom}.tar.gz", "w:gz") as archive:
                racine = Path(getattr(settings, reglage))
                if racine.is_dir():
                    archive.add(racine, arcname=".")
        (cible / MANIFESTE).write_text(json.dumps({"date": moment, "fichiers": list(FICHIERS)}, indent=2))
    except OSError as erreur:  # a full disk, a folder one may not write to
        shutil.rmtree(cible, ignore_errors=True)
        raise SauvegardeImpossible(
            f"La sauvegarde n'a pas pu être écrite dans {dossier} : {erreur.strerror}."
        ) from None
    except SauvegardeImpossible:
        shutil.rmtree(cible, ignore_errors=True)
        raise
    return cible


def restaurer(source, using="default"):
    """Bring back the database and the files of ``source`` (a folder made by ``sauvegarder``) into the configured
    database, which must be empty (a fresh one: ``createdb``), and the configured folders. The content's version then
    moves past every number used before the restore: no page kept in the cache is served again."""
    source = Path(source)
    try:
        manifeste = json.loads((source / MANIFESTE).read_text())
    except (OSError, ValueError):
        raise SauvegardeImpossible(
            f"{source} n'est pas une sauvegarde du portail (pas de {MANIFESTE} lisible)."
        ) from None
    connexion = connections[using]
    if "django_migrations" in connexion.introspection.table_names():
        raise SauvegardeImpossible("La base configurée n'est pas vide : restaurez dans une base neuve.")
    try:
        _lancer("pg_restore", ["--no-owner", "--exit-on-error"], connexion, str(source / BASE))
        VersionDuContenu.objects.using(using).avancer()
        for nom, reglage in FICHIERS.items():
            racine = Path(getattr(settings, reglage))
            racine.mkdir(parents=True, exist_ok=True)
            with tarfile.open(source / f"{nom}.tar.gz") as archive:
                archive.extractall(racine, filter="data")  # no absolute path, no « .. », no device
    except OSError as erreur:
        raise SauvegardeImpossible(f"La restauration a échoué : {erreur}.") from None
    return manifeste
