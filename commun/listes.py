"""Rows that come with a list read through a link table (a production's centres, a quartier's communes), without
``prefetch_related``: a prefetch builds a queryset for each row it fills, and its query; for a page of 20
productions, 6 ms more than the row query alone, where an array in each row costs about 2 (``make bench``'s
machine).

On PostgreSQL the list is an array in each row (``ArraySubquery``: no other query); elsewhere, one query of the
link table for all the rows (``completer``).
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef


class ListeParLigne:
    """The list of ``valeur`` of the rows of ``liens`` (a link table's queryset, in the list's order) whose field
    ``cote`` is the row's key. Build it once (a module's constant, a cached function): ``annotate()`` resolves a
    copy of its array, and the queryset it filters is built only once."""

    def __init__(self, liens, cote, valeur):
        self.liens, self.cote, self.valeur = liens, cote, valeur
        self._tableau = None

    def annoter(self, queryset, attribut):
        """``queryset`` whose rows have the list as ``attribut`` (PostgreSQL), unchanged elsewhere (``completer``
        gives it then)."""
        if self._tableau is None:
            self._tableau = ArraySubquery(self.liens.filter(**{self.cote: OuterRef("pk")}).values(self.valeur))
        return queryset.annotate(**{attribut: self._tableau})

    def completer(self, objets, attribut):
        """``objets`` (a list), each of those whose row did not bring ``attribut`` given it from one query of the link
        table (a property of the same name, what an object read alone uses, is not run)."""
        sans = [objet for objet in objets if attribut not in vars(objet)]
        if sans:
            listes = {}
            lignes = self.liens.filter(**{f"{self.cote}__in": [objet.pk for objet in sans]})
            for cle, valeur in lignes.values_list(self.cote, self.valeur):
                listes.setdefault(cle, []).append(valeur)
            for objet in sans:
                setattr(objet, attribut, listes.get(objet.pk, []))
        return objets
