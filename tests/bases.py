"""Databases of the test server for commands run in a subprocess (a restore, the deployed stack, the wheel)."""

import contextlib
import uuid
from urllib.parse import quote

import psycopg
from django.db import connection

# A copy of the test database as the session set it up (the reference data loaded): what a subprocess that needs
# a portal with its data starts from, in a second rather than migrating and loading again.
MODELE = "crpv_modele_{}"


def adresse_de_la_base(nom):
    """The address (``DATABASE_URL``) of database ``nom`` on the test server: the server of ``DATABASE_URL``, or the
    embedded one (a Unix socket)."""
    connection.ensure_connection()  # the embedded server says where it listens
    reglages = connection.settings_dict
    hote = quote(reglages["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{reglages['USER']}@{hote}:{reglages['PORT'] or 5432}/{nom}"


def _serveur():
    reglages = connection.settings_dict
    return psycopg.connect(
        host=reglages["HOST"] or "127.0.0.1",
        port=reglages["PORT"] or 5432,
        user=reglages["USER"],
        dbname="postgres",
        autocommit=True,
    )


def nom_du_modele():
    return MODELE.format(connection.settings_dict["NAME"])


def creer_le_modele():
    """The copy ``MODELE`` of the test database (whose connections are then closed)."""
    connection.close()
    with _serveur() as serveur:
        serveur.execute(f'DROP DATABASE IF EXISTS "{nom_du_modele()}"')
        serveur.execute(f'CREATE DATABASE "{nom_du_modele()}" TEMPLATE "{connection.settings_dict["NAME"]}"')


def supprimer_le_modele():
    with _serveur() as serveur:
        serveur.execute(f'DROP DATABASE IF EXISTS "{nom_du_modele()}" WITH (FORCE)')


@contextlib.contextmanager
def base_temporaire(django_db_blocker, avec_les_donnees=False):
    """The address of a new database on the test server, dropped afterwards: empty, or ``avec_les_donnees`` a copy
    of the test database as the session set it up (migrated, the reference data loaded)."""
    nom = f"crpv_essai_{uuid.uuid4().hex[:12]}"
    with django_db_blocker.unblock():
        adresse = adresse_de_la_base(nom)
    modele = f' TEMPLATE "{nom_du_modele()}"' if avec_les_donnees else ""
    with _serveur() as serveur:
        serveur.execute(f'CREATE DATABASE "{nom}"{modele}')
    try:
        yield adresse
    finally:
        with _serveur() as serveur:
            serveur.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')
