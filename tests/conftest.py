import json
import os
import socket
import threading
from io import StringIO

import boto3
import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from moto.server import ThreadedMotoServer

from tests.bases import base_temporaire, creer_le_modele, supprimer_le_modele
from tests.harnais import CHROMIUM, requis

# Playwright's sync API runs an event loop in the test thread; Django must still let the
# live_server tests touch the database from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def cache_vide():
    """Each test starts with an empty cache: a rolled-back test leaves the content's version where it found it,
    so the next test could otherwise meet a page cached under the same number."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def connexion_de_la_session():
    """The connection object Django gives the test thread before any browser test."""
    from django.db import connections

    return connections["default"]


@pytest.fixture(autouse=True)
def fermer_les_connexions_ouvertes_sous_playwright(connexion_de_la_session):
    """Close, after each test, a connection opened while Playwright's sync API was running.

    That API runs the test thread inside an event loop: Django then hands out connections from another
    context, which pytest-django never sees again; left open, PostgreSQL refuses to drop the test database
    at the end of the session ("being accessed by other users").
    """
    yield
    from django.db import connections

    if connections["default"] is not connexion_de_la_session:
        connections["default"].close()


# The reference data (fixtures/referentiel/, the 35,000 communes included) is loaded once per test database, then kept
# as a copy in the schema « reference »: every test finds it there, and changes it in its own transaction only. A
# transactional test (a live server, a browser) ends with Django's ``flush``, which empties every table; the copy is
# then put back in a few hundred milliseconds (``remettre_la_reference``) instead of loading the files again.
SCHEMA_DE_REFERENCE = "reference"


def _tables(curseur):
    curseur.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'django_migrations' ORDER BY 1"
    )
    return [f'"{nom}"' for (nom,) in curseur.fetchall()]


def photographier_la_reference(connexion):
    with connexion.cursor() as curseur:
        curseur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA_DE_REFERENCE} CASCADE; CREATE SCHEMA {SCHEMA_DE_REFERENCE}")
        for table in _tables(curseur):
            curseur.execute(f"CREATE TABLE {SCHEMA_DE_REFERENCE}.{table} AS TABLE public.{table}")


def remettre_la_reference(sender, using="default", **kwargs):
    """``post_migrate`` receiver, after the last app's (``flush`` sends it once per app): every table as the copy
    has it. Without triggers nor foreign-key checks (``session_replication_role``): the rows are the copy's."""
    from django.apps import apps
    from django.db import connections

    if sender is not [app for app in apps.get_app_configs() if app.models_module][-1]:
        return
    with connections[using].cursor() as curseur:
        curseur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA_DE_REFERENCE])
        if not curseur.fetchone():  # the test database being created: nothing copied yet
            return
        tables = _tables(curseur)
        curseur.execute("SET session_replication_role = replica")
        curseur.execute(f"TRUNCATE {', '.join(tables)}")
        for table in tables:
            curseur.execute(f"INSERT INTO public.{table} SELECT * FROM {SCHEMA_DE_REFERENCE}.{table}")
        curseur.execute("SET session_replication_role = DEFAULT")


# The tables the reference data fills (territories, centres, themes, meetings, their provenances and history).
TABLES_DE_LA_REFERENCE = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        call_command("charger_referentiel", stdout=StringIO())
        photographier_la_reference(connection)
        with connection.cursor() as curseur:
            for table in _tables(curseur):
                curseur.execute(f"SELECT EXISTS (SELECT FROM {table})")
                if curseur.fetchone()[0] and not table.startswith(('"auth_', '"django_', '"commun_version')):
                    TABLES_DE_LA_REFERENCE.append(table)
        creer_le_modele()
    post_migrate.connect(remettre_la_reference, dispatch_uid="tests_remettre_la_reference")
    yield
    with django_db_blocker.unblock():
        supprimer_le_modele()


@pytest.fixture
def base_vide(db):
    """A test that builds its own small world (a region, two centres…): the reference data is taken away, in the
    test's transaction only."""
    from django.db import connection

    with connection.cursor() as curseur:
        curseur.execute(f"TRUNCATE {', '.join(TABLES_DE_LA_REFERENCE)} CASCADE")


@pytest.fixture
def donnees_reference(db):
    """A test that reads the reference data (always there: see ``django_db_setup``)."""


@pytest.fixture
def communes(donnees_reference):
    """A test that searches the communes (always there, as the rest of the reference data)."""


@pytest.fixture
def base_neuve(django_db_setup, django_db_blocker):
    """The address of an empty database on the test server, dropped afterwards."""
    with base_temporaire(django_db_blocker) as adresse:
        yield adresse


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    requis("Chromium", CHROMIUM, "apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script: a Content-Security-Policy must not block it.
    return {**browser_context_args, "locale": "fr-FR", "bypass_csp": True}


@pytest.fixture
def agent_anct(db):
    from django.contrib.auth.models import Group, User

    from centres.groupes import GROUPE_ANCT

    utilisateur = User.objects.create_user("agent.anct", password="x", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=GROUPE_ANCT))
    return utilisateur


@pytest.fixture
def connecter(live_server, client):
    """Log a user into the browser page by handing it a Django session cookie."""

    def connecter(page, utilisateur):
        client.force_login(utilisateur)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return connecter


@pytest.fixture
def evenement_a_venir(donnees_reference):
    """An upcoming event with an organiser, a photo and a registration link, for page checks."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from centres.models import Centre
    from evenements.models import Evenement, Photo

    jour = timezone.localdate() + datetime.timedelta(days=20)
    evenement = Evenement.objects.create(
        titre="Séminaire régional sur la participation des habitants",
        slug="seminaire-participation",
        date_debut=jour,
        date_fin=jour,
        heure_debut=datetime.time(9, 30),
        heure_fin=datetime.time(16, 30),
        lieu="Maison des associations",
        ville="Strasbourg",
        description="Une journée d'échanges entre conseils citoyens et chefs de projet.",
        programme="Matin : ateliers.\nAprès-midi : restitution.",
        lien_inscription="https://www.oriv.org/",
        statut="publie",
    )
    evenement.centres.set([Centre.objects.get(slug="oriv")])
    tampon = io.BytesIO()
    Image.new("RGB", (1200, 800), "teal").save(tampon, "JPEG")
    Photo.objects.create(
        evenement=evenement,
        image=SimpleUploadedFile("atelier.jpg", tampon.getvalue()),
        texte_alternatif="Participants réunis autour d'une table",
        legende="Atelier du matin",
        credit="© ORIV",
    )
    return evenement


@pytest.fixture
def ressource_illustree(donnees_reference):
    """A published ressource with a PDF, a cover image, themes and a producing centre."""
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from centres.models import Centre
    from ressources.models import Ressource, Theme

    tampon = io.BytesIO()
    Image.new("RGB", (800, 1100), "navy").save(tampon, "JPEG")
    ressource = Ressource.objects.create(
        titre="Guide de la participation des habitants",
        slug="guide-participation",
        type="guide",
        statut="publie",
        date_publication=datetime.date(2025, 2, 10),
        resume="Méthodes et exemples pour associer les habitants aux projets de quartier.",
        corps="<h2>Sommaire</h2><p>Trois parties.</p><ul><li>Pourquoi</li><li>Comment</li></ul>",
        fichier=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%%EOF\n"),
        image=SimpleUploadedFile("couverture.jpg", tampon.getvalue()),
        image_texte_alternatif="Couverture du guide : des habitants autour d'une maquette",
    )
    ressource.centres.set([Centre.objects.get(slug="oriv")])
    ressource.themes.set(Theme.objects.filter(slug__in=["participation-citoyenne", "cohesion-sociale"]))
    return ressource


class Boite:
    """A real SMTP server on 127.0.0.1 (aiosmtpd): what the portal sends, as a mail server receives it."""

    def __init__(self):
        self.messages = []
        self.verrou = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.verrou:
            self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def serveur_smtp(settings):
    boite = Boite()
    with socket.socket() as libre:
        libre.bind(("127.0.0.1", 0))
        port = libre.getsockname()[1]
    controleur = Controller(boite, hostname="127.0.0.1", port=port)
    controleur.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield boite
    controleur.stop()


# A local S3 server (moto's server mode) for the object storage tests, its bucket's images readable by anyone.
SEAU = "crpv-essai"


def client_s3(adresse):
    return boto3.client(
        "s3", endpoint_url=adresse, region_name="eu-west-3", aws_access_key_id="essai", aws_secret_access_key="essai"
    )


@pytest.fixture(scope="session")
def serveur_s3():
    """One for the whole run: moto keeps its buckets in the process, whatever server serves them."""
    with socket.socket() as libre:
        libre.bind(("127.0.0.1", 0))
        port = libre.getsockname()[1]
    serveur = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    serveur.start()
    adresse = f"http://127.0.0.1:{port}"
    client_s3(adresse).create_bucket(Bucket=SEAU, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    # What the README asks of the operator: anyone may read the images (medias/), nobody the documents.
    politique = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{SEAU}/medias/*",
            }
        ],
    }
    client_s3(adresse).put_bucket_policy(Bucket=SEAU, Policy=json.dumps(politique))
    yield adresse
    serveur.stop()
