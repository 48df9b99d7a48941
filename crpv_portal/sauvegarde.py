"""Backups: the database (``pg_dump`` in PostgreSQL's custom format, or SQLite's own backup) and the uploaded files
(images and documents) in one folder per backup; and their restoration on a fresh database. ``manage.py
sauvegarder`` and ``manage.py restaurer`` (``make sauvegarde``) call these functions."""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

BASE = "base.dump"
BASE_SQLITE = "base.sqlite3"
FICHIERS = {"medias": "MEDIA_ROOT", "documents": "DOCUMENTS_ROOT"}
MANIFESTE = "sauvegarde.json"


class SauvegardeImpossible(Exception):
    """What went wrong, in French, for the person running the command."""


def _env_postgresql(reglages):
    env = {**os.environ}
    for variable, cle in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if reglages.get(cle):
            env[variable] = str(reglages[cle])
    return env


def _lancer(commande, env):
    try:
        resultat = subprocess.run(commande, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise SauvegardeImpossible(
            f"« {commande[0]} » est introuvable : installez le client PostgreSQL (apt-get install postgresql-client)."
        ) from None
    if resultat.returncode:
        raise SauvegardeImpossible(f"{commande[0]} a échoué : {resultat.stderr.strip()[-500:]}")


def sauvegarder(dossier, using="default"):
    """A new folder under ``dossier`` holding the database and the files; its path."""
    connexion = connections[using]
    moment = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    cible = Path(dossier) / f"crpv-{moment}"
    try:
        cible.mkdir(parents=True)
        if connexion.vendor == "postgresql":
            reglages = connexion.settings_dict
            _lancer(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(cible / BASE), reglages["NAME"]],
                _env_postgresql(reglages),
            )
        else:
            connexion.ensure_connection()
            with sqlite3.connect(cible / BASE_SQLITE) as copie:
                connexion.connection.backup(copie)
            copie.close()
        for nom, reglage in FICHIERS.items():
            with tarfile.open(cible / f"{nom}.tar.gz", "w:gz") as archive:
                racine = Path(getattr(settings, reglage))
                if racine.is_dir():
                    archive.add(racine, arcname=".")
        (cible / MANIFESTE).write_text(
            json.dumps({"date": moment, "base": connexion.vendor, "fichiers": list(FICHIERS)}, indent=2)
        )
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
    database, which must be empty (a fresh one: ``createdb``, or a new SQLite file), and the configured folders."""
    source = Path(source)
    try:
        manifeste = json.loads((source / MANIFESTE).read_text())
    except (OSError, ValueError):
        raise SauvegardeImpossible(
            f"{source} n'est pas une sauvegarde du portail (pas de {MANIFESTE} lisible)."
        ) from None
    connexion = connections[using]
    if manifeste["base"] != connexion.vendor:
        raise SauvegardeImpossible(
            f"Cette sauvegarde vient d'une base {manifeste['base']} ; la base configurée est {connexion.vendor}."
        )
    if "django_migrations" in connexion.introspection.table_names():
        raise SauvegardeImpossible("La base configurée n'est pas vide : restaurez dans une base neuve.")
    try:
        if connexion.vendor == "postgresql":
            reglages = connexion.settings_dict
            _lancer(
                ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", reglages["NAME"], str(source / BASE)],
                _env_postgresql(reglages),
            )
        else:
            connexion.ensure_connection()
            with sqlite3.connect(source / BASE_SQLITE) as sauvegarde:
                sauvegarde.backup(connexion.connection)
            sauvegarde.close()
        for nom, reglage in FICHIERS.items():
            racine = Path(getattr(settings, reglage))
            racine.mkdir(parents=True, exist_ok=True)
            with tarfile.open(source / f"{nom}.tar.gz") as archive:
                archive.extractall(racine, filter="data")  # no absolute path, no « .. », no device
    except OSError as erreur:
        raise SauvegardeImpossible(f"La restauration a échoué : {erreur}.") from None
    return manifeste
