"""Blocks that an app adds to a page another app owns.

A page that gathers several apps (a centre's page, the search page) asks a ``Registre`` for its blocks
instead of naming the apps: the apps above plug their blocks in from their ``AppConfig.ready()``, so
the app below never imports them. Adding a kind of content adds a block; the page does not change.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode


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


def chercher(classe, queryset, texte, nombre):
    """``(how many results, the first nombre, the errors)`` of the list page's FilterSet ``classe`` over ``queryset``
    for the text alone: the same search as the list page's. Never the unfiltered list on an error (django-filter
    would drop the invalid field and list everything)."""
    filtre = classe({"q": texte}, queryset=queryset)
    if not filtre.is_valid():
        return 0, [], [erreur for erreurs in filtre.form.errors.values() for erreur in erreurs]
    return filtre.qs.count(), list(filtre.qs[:nombre]), []


@dataclass(frozen=True)
class SectionDeRecherche:
    """One section of ``/recherche/``: the results of one list page's search for the same text.

    ``chercher(texte, nombre)`` gives ``(how many, the first nombre, the errors)`` (``chercher`` above, most often);
    ``gabarit`` shows ``section.premiers``; ``page`` is the URL name of the list that shows them all."""

    cle: str
    titre: str
    ordre: int
    gabarit: str
    page: str
    chercher: Callable

    def section(self, texte, nombre):
        total, premiers, erreurs = self.chercher(texte, nombre)
        return {
            "cle": self.cle,
            "titre": self.titre,
            "gabarit": self.gabarit,
            "erreurs": erreurs,
            "nombre": total,
            "premiers": premiers,
            "tout": f"{reverse(self.page)}?{urlencode({'q': texte})}",
        }


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
