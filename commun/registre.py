"""Blocks that an app adds to a page another app owns.

A page that gathers several apps (a centre's page, the search page) asks a ``Registre`` for its blocks
instead of naming the apps: the apps above plug their blocks in from their ``AppConfig.ready()``, so
the app below never imports them. Adding a kind of content adds a block; the page does not change.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from .cache import LuesAuBesoin
from .filtres import restreint_a
from .pagination import cles_et_leur_nombre


class Registre:
    def __init__(self, nom):
        self.nom = nom
        self._blocs = {}

    def ajouter(self, bloc):
        """Add ``bloc`` (an object with ``cle`` and ``ordre``); adding the same key again replaces it."""
        self._blocs[bloc.cle] = bloc

    def __iter__(self):
        return iter(sorted(self._blocs.values(), key=lambda bloc: (bloc.ordre, bloc.cle)))

    def __repr__(self):
        return f"<Registre {self.nom}: {', '.join(bloc.cle for bloc in self)}>"


def _lier(classe, queryset, texte):
    """``(the FilterSet classe bound to {"q": texte} with its search filter only, its errors)``: the same search as
    its list page's, without the page's other filters to copy, build and check (``commun.filtres.restreint_a``).
    Never the unfiltered list on an error: django-filter would drop the invalid field and list everything."""
    filtre = restreint_a(classe, "q")({"q": texte}, queryset=queryset)
    if filtre.is_valid():
        return filtre, []
    return filtre, [erreur for erreurs in filtre.form.errors.values() for erreur in erreurs]


def _section(cle, titre, gabarit, page, texte, nombre=0, premiers=(), erreurs=()):
    return {
        "cle": cle,
        "titre": titre,
        "gabarit": gabarit,
        "erreurs": list(erreurs),
        "nombre": nombre,
        "premiers": premiers,
        "tout": f"{reverse(page)}?{urlencode({'q': texte})}",
    }


@dataclass(frozen=True)
class SectionDeRecherche:
    """One section of ``/recherche/``: the results of one list page's filter set for the same text.

    ``filtre`` is that page's FilterSet class and ``queryset()`` the rows it filters; the section binds it to
    ``{"q": text}`` (``_lier``); ``gabarit`` renders ``section.premiers`` (a ``commun.cache.LuesAuBesoin``: their
    tiles may be kept, their rows read only for the others); ``page`` is the URL name of the list that shows them
    all; ``lister(filtre, nombre)`` returns ``(how many results, the keys of the first nombre)``: those of
    ``commun.pagination.cles_et_leur_nombre`` unless the section has its own way; ``lire(cles)`` returns
    ``{key: row}`` with what a tile shows: ``queryset().in_bulk`` unless the section keeps its own.
    """

    cle: str
    titre: str
    ordre: int
    gabarit: str
    filtre: type
    queryset: Callable
    page: str
    lister: Callable | None = None
    lire: Callable | None = None

    def sections(self, texte, nombre):
        filtre, erreurs = _lier(self.filtre, self.queryset(), texte)
        if erreurs:
            return [_section(self.cle, self.titre, self.gabarit, self.page, texte, erreurs=erreurs)]
        lister = self.lister or (lambda filtre, nombre: cles_et_leur_nombre(filtre.qs, nombre))
        total, cles = lister(filtre, nombre)
        premiers = LuesAuBesoin(cles, self.lire or (lambda cles: self.queryset().in_bulk(cles)))
        return [_section(self.cle, self.titre, self.gabarit, self.page, texte, total, premiers)]


@dataclass(frozen=True)
class Partie:
    """One of the sections a ``SectionsDeRecherche`` gives: its key, its title, the list page that shows it all."""

    cle: str
    titre: str
    page: str


@dataclass(frozen=True)
class SectionsDeRecherche:
    """Several sections of ``/recherche/`` from one reading of one filter set's results (the upcoming and the past
    events: one scan of the matching events, not one per section).

    ``filtre``, ``queryset``, ``gabarit`` and ``lire`` as in ``SectionDeRecherche``; ``parties``: the sections, in
    order; ``lister(filtre, nombre)`` returns ``{partie's key: (how many results, the keys of the first nombre)}``.
    """

    cle: str
    ordre: int
    gabarit: str
    filtre: type
    queryset: Callable
    parties: tuple
    lister: Callable
    lire: Callable | None = None

    def sections(self, texte, nombre):
        filtre, erreurs = _lier(self.filtre, self.queryset(), texte)
        resultats = {} if erreurs else self.lister(filtre, nombre)
        # The rows of every part at once, when the first part whose tiles are not all kept is rendered.
        toutes = [cle for _, cles in resultats.values() for cle in cles]
        lues = functools.cache(lambda: self.lire(toutes) if self.lire else self.queryset().in_bulk(toutes))
        sections = []
        for partie in self.parties:
            total, cles = resultats.get(partie.cle, (0, []))
            premiers = LuesAuBesoin(cles, lambda manquantes: lues())
            sections.append(
                _section(partie.cle, partie.titre, self.gabarit, partie.page, texte, total, premiers, erreurs)
            )
        return sections


SECTIONS_DE_RECHERCHE = Registre("sections de /recherche/")


@dataclass(frozen=True)
class Bloc:
    """A block of another app's page: ``gabarit`` rendered with ``contexte(objet)`` (a dict) as ``bloc``."""

    cle: str
    ordre: int
    gabarit: str
    contexte: Callable

    def rendu(self, *objets):
        return {"cle": self.cle, "gabarit": self.gabarit, **self.contexte(*objets)}


# {URL name of a list page: function(query string) → the address of the same results as an open-data file}:
# the open-data app registers its files; a list page shows « Télécharger ces résultats » without naming it.
TELECHARGEMENTS = {}

# {URL name of a page: function(request) → the address of the form to follow that page by e-mail}: the alerts
# app registers the pages one may follow; they show « Recevoir les nouveautés par courriel » without naming it.
ABONNEMENTS = {}
