"""Blocks that an app adds to a page another app owns.

A page that gathers several apps (a centre's page, the search page) asks a ``Registre`` for its blocks
instead of naming the apps: the apps above plug their blocks in from their ``AppConfig.ready()``, so
the app below never imports them. Adding a kind of content adds a block; the page does not change.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.http import urlencode

from .filtres import restreint_a


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


@dataclass(frozen=True)
class SectionDeRecherche:
    """One section of ``/recherche/``: the results of one list page's filter set for the same text.

    ``filtre`` is that page's FilterSet class and ``queryset()`` the rows it filters; the section binds it to
    ``{"q": text}`` with its search filter only (``commun.filtres.restreint_a``): the same search, without the
    page's other filters to copy, build and check on every request;
    ``gabarit`` renders ``section.premiers``; ``page`` is the URL name of the list that shows them all;
    ``preparer(premiers)``, if given, adds to the first results what their template shows beyond the queryset;
    ``lister(filtre, nombre)`` returns ``(how many results, the first nombre)``: ``premiers_et_leur_nombre`` unless
    the section has its own way.
    """

    cle: str
    titre: str
    ordre: int
    gabarit: str
    filtre: type
    queryset: Callable
    page: str
    preparer: Callable | None = None
    lister: Callable | None = None

    def resultats(self, texte, nombre):
        filtre = restreint_a(self.filtre, "q")({"q": texte}, queryset=self.queryset())
        section = {"cle": self.cle, "titre": self.titre, "gabarit": self.gabarit, "erreurs": [], "premiers": []}
        if not filtre.is_valid():
            # Never the unfiltered list: django-filter would drop the invalid field and list everything.
            section["erreurs"] = [erreur for erreurs in filtre.form.errors.values() for erreur in erreurs]
            section["nombre"] = 0
            return section
        section["nombre"], section["premiers"] = (self.lister or premiers_et_leur_nombre)(filtre, nombre)
        if self.preparer:
            self.preparer(section["premiers"])
        section["tout"] = f"{reverse(self.page)}?{urlencode({'q': texte})}"
        return section


def premiers_et_leur_nombre(filtre, nombre):
    """A ``lister`` for ``SectionDeRecherche``: the first ``nombre`` results and how many there are, in one query
    (a window count), so that the results are read once, not once to count them and again to sort them."""
    premiers = list(filtre.qs.annotate(nombre_de_resultats=Window(Count("pk")))[:nombre])
    return (premiers[0].nombre_de_resultats if premiers else 0), premiers


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
