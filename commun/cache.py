"""The portal's one cache: what a page of public content may keep, and for how long.

**The content's version.** Each app names the models its public pages show (``contenu_public`` on its
``AppConfig``); a statement trigger on each of their tables and many-to-many tables (``commun.declencheurs``) moves
the one row of ``VersionDuContenu`` forward at any INSERT, UPDATE, DELETE or TRUNCATE, whatever writes it (a form, a
bulk action, an import, a harvest, a loader, a raw ``update()``), within the writing transaction. Every key below
carries that number, read once per request: after a write commits, nothing computed before it is served again, by
any worker of any server; and the number never goes back, a restore included.

**Pages.** ``CacheDesPagesMiddleware`` keeps the answers to GET and HEAD of public addresses for visitors without a
session (a signed-in member never reads nor fills it): answers 200 that set no cookie, used no CSRF token and did not
ask ``private``/``no-store`` (draft previews do). Kept with their headers and compressed body, and their ETag
(Django's ``ConditionalGetMiddleware``, from the uncompressed body: the same on every worker), they are sent with
``Cache-Control: public, max-age=0, must-revalidate, s-maxage=1``: a browser revalidates (a 304), a reverse proxy may
keep them one second (``deploy/nginx-site.conf``). Entries also expire after ``CACHE_DES_PAGES_SECONDES``, and the
day is part of the key: what moves with the clock (an event becoming past) waits at most that long. The addresses of
``ADRESSES_PERSONNELLES`` (the admin, the dashboard, the alerts' pages) are sent ``private, no-store``.

**Values.** ``selon_le_contenu(cle, calcul)``: a value several addresses share, computed once per version (the counts
of a list's filters, the coverage map), so that a page never asked before costs only what depends on its address.

**A fragment.** The filters' fields of a list (``includes/_champs_du_filtre.html``, Django's ``{% cache %}``): per
version of the content and values sent; Django renders a ``<select>`` through two templates per option, 15-20 ms of
an uncached list page's 30-45 ms at the real size (the directory's hundred départements, the centres, the themes).

Shared by every worker through Redis when ``REDIS_URL`` is set (django-redis), each worker's memory otherwise. A
cache that does not answer costs speed, never a page: django-redis logs the failure and answers « nothing kept »
(``crpv_portal.settings.cache_redis``).
"""

import contextvars
import datetime
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from .middleware import est_public, jeton_csrf_utilise

TABLE_VERSION = "commun_versionducontenu"


def version_du_contenu(using="default"):
    """The current number, or None when the row is missing (then nothing is kept)."""
    with connections[using].cursor() as curseur:
        curseur.execute(f"SELECT numero FROM {TABLE_VERSION} WHERE id = 1")
        ligne = curseur.fetchone()
    return ligne[0] if ligne else None


# The version the page cache read for the request being served: ``selon_le_contenu`` reuses it.
VERSION_DE_LA_REQUETE = contextvars.ContextVar("version_de_la_requete", default=None)


def _cache():
    return caches[settings.CACHE_DES_PAGES]


def version_du_contenu_de_la_page(request):
    """Context processor: the version a public page follows (None for any other page, which keeps nothing) and how
    long it is kept, for ``{% cache %}``."""
    return {"version_du_contenu": VERSION_DE_LA_REQUETE.get(), "duree_du_cache": settings.CACHE_DES_PAGES_SECONDES}


def selon_le_contenu(cle, calcul):
    """``calcul()``, computed once per version of the content and per day for ``cle``, then read from the cache until
    the next write or the next day; computed each time when the version cannot be read."""
    version = VERSION_DE_LA_REQUETE.get()
    if version is None:
        try:
            version = version_du_contenu()
        except DatabaseError:
            return calcul()
    if version is None:
        return calcul()
    cle_complete = f"valeur:{version}:{datetime.date.today()}:{hashlib.sha256(cle.encode()).hexdigest()}"
    valeur = _cache().get(cle_complete)
    if valeur is None:
        valeur = calcul()
        _cache().set(cle_complete, valeur, settings.CACHE_DES_PAGES_SECONDES)
    return valeur


def _gardable(request, reponse):
    if reponse.status_code != 200 or reponse.streaming or reponse.cookies or jeton_csrf_utilise(request, reponse):
        return False
    varie = {mot.strip().lower() for mot in reponse.get("Vary", "").split(",") if mot.strip()}
    if varie - {"accept-encoding", "cookie", "accept-language"}:  # the key knows the encoding, and no cookie
        return False
    controle = reponse.get("Cache-Control", "")
    return not any(mot in controle for mot in ("private", "no-store", "no-cache"))


class CacheDesPagesMiddleware:
    """See the module's docstring. Above the compression, so that the compressed body is what is kept."""

    ENTETES_NON_GARDEES = {"set-cookie", "x-requetes-sql"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not est_public(request):
            return self._pour_une_personne(request, self.get_response(request))
        try:
            version = version_du_contenu()
        except DatabaseError:
            version = None  # the view will say the database is down (commun.middleware.PanneDeBaseMiddleware)
        if version is None:
            return self.get_response(request)
        cle = self.cle(request, version)
        garde = _cache().get(cle)
        if garde is not None:
            statut, entetes, contenu = garde
            reponse = HttpResponse(contenu, status=statut)
            for nom, valeur in entetes:
                reponse[nom] = valeur
            reponse["X-Cache"] = "HIT"
            return get_conditional_response(request, etag=reponse.get("ETag"), response=reponse)
        jeton = VERSION_DE_LA_REQUETE.set(version)
        try:
            reponse = self.get_response(request)
        finally:
            VERSION_DE_LA_REQUETE.reset(jeton)
        if not _gardable(request, reponse):
            return reponse
        patch_cache_control(reponse, public=True, max_age=0, must_revalidate=True, s_maxage=1)
        entetes = [(nom, valeur) for nom, valeur in reponse.items() if nom.lower() not in self.ENTETES_NON_GARDEES]
        _cache().set(cle, (reponse.status_code, entetes, reponse.content), settings.CACHE_DES_PAGES_SECONDES)
        reponse["X-Cache"] = "MISS"
        return reponse

    @staticmethod
    def _pour_une_personne(request, reponse):
        """What belongs to a person never waits in a shared cache, nor, for the personal addresses, anywhere."""
        if "Cache-Control" not in reponse:
            if request.path.startswith(tuple(settings.ADRESSES_PERSONNELLES)):
                patch_cache_control(reponse, private=True, no_store=True)
            elif settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(reponse, private=True)
        return reponse

    @staticmethod
    def cle(request, version):
        compression = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "brut"
        adresse = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        empreinte = hashlib.sha256(adresse.encode()).hexdigest()
        return f"page:{version}:{datetime.date.today()}:{compression}:{empreinte}"
