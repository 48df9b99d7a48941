"""The page cache of anonymous visitors, and what empties it.

Each app names the models its public pages show (``CONTENU_PUBLIC``, filled in the apps' ``ready()``). After
every ``migrate`` (and every ``flush``), a trigger is installed on each of their tables and on their
many-to-many tables: any INSERT, UPDATE or DELETE increments the one row of ``VersionDuContenu``, whatever
writes it (an admin form, a bulk action, a spreadsheet import, a harvest, a loader, a raw ``update()``). The
cache keys carry that number, read once per request: after a write commits, no page rendered before it is
served again, by any worker of any server. The increment is part of the writing transaction, so a page
rendered from uncommitted data is never stored under the new number.

What is cached: GET and HEAD of public addresses, for a visitor without a session (a member signed in never
gets, nor fills, the anonymous cache), answers 200 that set no cookie, used no CSRF token and did not ask
``private``/``no-store`` (draft previews do). The stored answer keeps its headers and its compressed body, an
ETag (so a browser or a reverse proxy revalidates with a 304) and ``Cache-Control: public, max-age=0,
must-revalidate``. Entries also expire after ``CACHE_DES_PAGES_SECONDES``, and the day is part of the key: what
moves with the clock (an event becoming past) waits at most that long.
"""

import contextvars
import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control

from .models import VERSION_SUIVANTE

journal = logging.getLogger(__name__)

# "app_label.Model" of every model whose rows a public page shows; the apps append to it in ready().
CONTENU_PUBLIC = []

FONCTION = "commun_contenu_modifie"
TABLE_VERSION = "commun_versionducontenu"


def tables_du_contenu(apps):
    """The tables of ``CONTENU_PUBLIC`` and their automatic many-to-many tables."""
    tables = []
    for etiquette in CONTENU_PUBLIC:
        modele = apps.get_model(etiquette)
        tables.append(modele._meta.db_table)
        for champ in modele._meta.local_many_to_many:
            if champ.remote_field.through._meta.auto_created:
                tables.append(champ.remote_field.through._meta.db_table)
    return tables


def _instructions(table):
    # Once per statement: a bulk_create of 2,000 rows is one increment.
    return [
        f"DROP TRIGGER IF EXISTS {table}_contenu ON {table}",
        f"""CREATE TRIGGER {table}_contenu AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION {FONCTION}()""",
    ]


def installer_les_declencheurs(connexion, apps):
    """(Re)create the version row and every trigger, idempotently (``post_migrate``, also sent by ``flush``)."""
    existantes = set(connexion.introspection.table_names())
    if TABLE_VERSION not in existantes:
        return
    with connexion.cursor() as curseur:
        curseur.execute(f"SELECT COUNT(*) FROM {TABLE_VERSION} WHERE id = 1")
        if not curseur.fetchone()[0]:
            curseur.execute(f"INSERT INTO {TABLE_VERSION} (id, numero) VALUES (1, 0)")
        curseur.execute(
            f"""CREATE OR REPLACE FUNCTION {FONCTION}() RETURNS trigger AS $$
BEGIN
  UPDATE {TABLE_VERSION} SET numero = {VERSION_SUIVANTE} WHERE id = 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql"""
        )
        for table in tables_du_contenu(apps):
            if table in existantes:
                for instruction in _instructions(table):
                    curseur.execute(instruction)


def version_du_contenu(using="default"):
    """The current number, or None when the row is missing (then nothing is cached)."""
    with connections[using].cursor() as curseur:
        curseur.execute(f"SELECT numero FROM {TABLE_VERSION} WHERE id = 1")
        ligne = curseur.fetchone()
    return ligne[0] if ligne else None


# The version the page cache read for the public request being served (a GET or HEAD, which writes nothing):
# ``selon_le_contenu`` reuses it rather than reading it again for each of the page's computations.
VERSION_DE_LA_REQUETE = contextvars.ContextVar("version_de_la_requete", default=None)


def _version_a_suivre():
    """The version of the content this request follows (read once per request), or None when it cannot be read."""
    version = VERSION_DE_LA_REQUETE.get()
    try:
        return version if version is not None else version_du_contenu()
    except DatabaseError:
        return None


def _cle_gardee(version, cle):
    return f"calcul:{version}:{aujourd_hui().isoformat()}:{hashlib.sha256(cle.encode()).hexdigest()}"


def selon_le_contenu(cle, calcul, duree=3600):
    """``calcul()``, computed once per version of the content and per day for ``cle`` (the counts of a list's
    filters, the coverage map, the options of the filters' lists), then read from the cache until the next write
    or the next day; computed each time when the version cannot be read."""
    version = _version_a_suivre()
    if version is None:
        return calcul()
    cache = caches[settings.CACHE_DES_PAGES]
    cle_complete = _cle_gardee(version, cle)
    try:
        valeur = cache.get(cle_complete)
    except Exception:
        journal.warning("Cache injoignable", exc_info=True)
        return calcul()
    if valeur is None:
        valeur = calcul()
        try:
            cache.set(cle_complete, valeur, duree)
        except Exception:
            journal.warning("Cache injoignable", exc_info=True)
    return valeur


def chacun_selon_le_contenu(cle, cles, calcul, duree=3600):
    """``{k: value}`` for each ``k`` of ``cles``, each value kept apart under ``cle`` and ``k`` per version of the
    content and per day (``selon_le_contenu``), read in one go; those not kept are computed together by
    ``calcul(the missing keys)`` ({k: value}; a key it leaves out is left out). A tile rendered for one list is
    taken again by every other list that shows the same row."""
    version = _version_a_suivre()
    if version is None:
        return calcul(list(cles))
    cache = caches[settings.CACHE_DES_PAGES]
    noms = {k: _cle_gardee(version, f"{cle}:{k}") for k in cles}
    try:
        gardees = cache.get_many(noms.values())
    except Exception:
        journal.warning("Cache injoignable", exc_info=True)
        return calcul(list(cles))
    valeurs = {k: gardees[nom] for k, nom in noms.items() if nom in gardees}
    manquantes = [k for k in noms if k not in valeurs]
    if manquantes:
        nouvelles = calcul(manquantes)
        valeurs.update(nouvelles)
        try:
            cache.set_many({noms[k]: valeur for k, valeur in nouvelles.items()}, duree)
        except Exception:
            journal.warning("Cache injoignable", exc_info=True)
    return valeurs


class LuesAuBesoin:
    """The rows of ``cles``, in that order, taken from ``lire(cles)`` ({key: row}: kept by ``selon_le_contenu``, or
    read then) when first iterated: a page whose tiles are a kept fragment counts its results without reading
    their rows, and one whose tiles are kept one by one reads only those of the others (``rangees_de``)."""

    def __init__(self, cles, lire):
        self.cles, self._lire, self._lues = list(cles), lire, None

    def __len__(self):
        return len(self.cles)

    def __bool__(self):
        return bool(self.cles)

    def __iter__(self):
        if self._lues is None:
            self._lues = self._lire(self.cles)
        # A row written after the kept ones were read waits for the next version, one request later.
        return iter([self._lues[cle] for cle in self.cles if cle in self._lues])

    def rangees_de(self, cles):
        """{key: row} of ``cles`` only (some of ``self.cles``): taken from the rows already read, or read now."""
        lues = self._lues if self._lues is not None else self._lire(cles)
        return {cle: lues[cle] for cle in cles if cle in lues}


def jeton_csrf_utilise(request, reponse):
    """The page carries a CSRF token: ``get_token()`` was called while rendering it, which flags the request (the
    flag is set back to False once the cookie is set, but stays in ``META``) and sets the cookie on the answer."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META or settings.CSRF_COOKIE_NAME in reponse.cookies


def aujourd_hui():
    return datetime.date.today()


def est_public(request):
    """An anonymous visitor on a public address: what may be cached and compressed."""
    if request.path.startswith(tuple(settings.ADRESSES_PRIVEES)):
        return False
    return not any(nom in request.COOKIES for nom in (settings.SESSION_COOKIE_NAME, "messages"))


def _cachable(request, reponse):
    if reponse.status_code != 200 or reponse.streaming or reponse.cookies:
        return False
    if jeton_csrf_utilise(request, reponse):
        return False
    varie = {mot.strip().lower() for mot in reponse.get("Vary", "").split(",") if mot.strip()}
    if varie - {"accept-encoding", "cookie", "accept-language"}:  # the key knows the encoding, and no cookie
        return False
    controle = reponse.get("Cache-Control", "")
    return not any(mot in controle for mot in ("private", "no-store", "no-cache"))


class CacheDesPagesMiddleware:
    """See the module's docstring. Placed above the compression, so that the compressed body is what is kept."""

    ENTETES_NON_GARDEES = {"set-cookie", "x-requetes-sql"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not est_public(request):
            reponse = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in reponse:
                patch_cache_control(reponse, private=True)  # a signed-in page never waits in a shared cache
            return reponse
        try:
            version = version_du_contenu()
        except DatabaseError:
            version = None  # the view will say the database is down (commun.middleware.PanneDeBaseMiddleware)
        if version is None:
            return self.get_response(request)
        cache = caches[settings.CACHE_DES_PAGES]
        cle = self.cle(request, version)
        try:
            garde = cache.get(cle)
        except Exception:  # a cache server down costs speed, never the page
            journal.warning("Cache des pages injoignable", exc_info=True)
            garde = None
        if garde is not None:
            statut, entetes, contenu = garde
            reponse = HttpResponse(contenu, status=statut)
            for nom, valeur in entetes:
                reponse[nom] = valeur
            reponse["X-Cache"] = "HIT"
            return get_conditional_response(request, etag=reponse["ETag"], response=reponse)
        jeton = VERSION_DE_LA_REQUETE.set(version)
        try:
            reponse = self.get_response(request)
        finally:
            VERSION_DE_LA_REQUETE.reset(jeton)
        if not _cachable(request, reponse):
            return reponse
        reponse["ETag"] = f'"{hashlib.md5(reponse.content, usedforsecurity=False).hexdigest()}"'
        patch_cache_control(reponse, public=True, max_age=0, must_revalidate=True)
        entetes = [(nom, valeur) for nom, valeur in reponse.items() if nom.lower() not in self.ENTETES_NON_GARDEES]
        try:
            cache.set(cle, (reponse.status_code, entetes, reponse.content), settings.CACHE_DES_PAGES_SECONDES)
        except Exception:  # a cache server down costs speed, never the page
            journal.warning("Cache des pages injoignable", exc_info=True)
        reponse["X-Cache"] = "MISS"
        return get_conditional_response(request, etag=reponse["ETag"], response=reponse)

    @staticmethod
    def cle(request, version):
        compression = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "brut"
        adresse = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        empreinte = hashlib.sha256(adresse.encode()).hexdigest()
        return f"page:{version}:{aujourd_hui().isoformat()}:{compression}:{empreinte}"


class CompressionMiddleware(GZipMiddleware):
    """gzip for the public pages only: never an answer that carries a CSRF token or belongs to a session, whose
    secret an attacker could guess from the compressed size (BREACH)."""

    def process_response(self, request, response):
        if jeton_csrf_utilise(request, response) or not est_public(request):
            return response
        return super().process_response(request, response)
