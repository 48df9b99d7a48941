"""Search in the ressources, in French, and the counts of a list.

The text goes to PostgreSQL once: ``websearch_to_tsquery`` (configuration ``crpv_fr``: unaccent then French
stemming) understands « OR », « -mot » and « "une phrase" »; it is matched against ``vecteur_recherche``, kept by a
trigger whatever writes the row (migration 0002: title A, summary B, body C) and read through its GIN index. A search
of plain words that finds nothing is tried again on the titles by trigrams (``approchees``): a typo still finds what
it meant.

The counts by type and by theme of a list (its facets) are made in one pass over its results (``decomptes``), and
kept per set of filters and version of the content (``resultats``): the pages of a list, and /recherche/'s section of
the same text, count once.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections
from django.db.models import F
from django.utils.functional import cached_property

from commun.cache import selon_le_contenu

from .enums import Tri, TypeRessource
from .models import Ressource, Theme

CONFIGURATION = "crpv_fr"
# Up to this many results, all of them are ranked (ts_rank): reading them costs a few milliseconds. Beyond, the
# latest come first: ranking every result for each page would read them all.
CLASSEMENT_COMPLET = 2_000
RECENTES = [F("date_publication").desc(nulls_last=True), "-pk"]


def rechercher(queryset, texte):
    """``queryset`` narrowed to what matches ``texte``, annotated with its ``pertinence`` (higher first)."""
    requete = SearchQuery(texte, config=CONFIGURATION, search_type="websearch")
    return queryset.filter(vecteur_recherche=requete).annotate(pertinence=SearchRank(F("vecteur_recherche"), requete))


def approchees(queryset, texte):
    """The ressources of ``queryset`` whose title holds words close to ``texte`` (pg_trgm's ``%>``, through the
    titles' trigram index), the closest first: for a search that found nothing, a typo (« particpation »)."""
    return queryset.filter(titre__trigram_word_similar=texte).annotate(
        pertinence=TrigramWordSimilarity(texte, "titre")
    )


def decomptes(resultats):
    """``({type: number}, {theme pk: number})`` of ``resultats``, in one query that reads them once."""
    requete, parametres = resultats.order_by().values_list("pk", "type").query.sql_with_params()
    liens = Ressource.themes.through._meta.db_table
    sql = f"""
        WITH resultats (id, type) AS MATERIALIZED ({requete})
        SELECT 'type', type, count(*) FROM resultats GROUP BY type
        UNION ALL
        SELECT 'theme', CAST(l.theme_id AS text), count(*)
        FROM resultats JOIN {liens} l ON l.ressource_id = resultats.id GROUP BY l.theme_id
    """
    with connections[resultats.db].cursor() as curseur:
        curseur.execute(sql, parametres)
        lignes = curseur.fetchall()
    return (
        {cle: nombre for sorte, cle, nombre in lignes if sorte == "type"},
        {int(cle): nombre for sorte, cle, nombre in lignes if sorte == "theme"},
    )


def _facettes(resultats):
    """How many results each type and each theme has, and how many in all (every ressource has one type)."""
    par_type, par_theme = decomptes(resultats)
    themes = []
    for theme in Theme.objects.all():  # a short list, read whole: the same queries whatever the results
        if theme.pk in par_theme:
            theme.nombre = par_theme[theme.pk]
            themes.append(theme)
    types = [(valeur, libelle, par_type[valeur]) for valeur, libelle in TypeRessource.choices if valeur in par_type]
    return {"themes": themes, "types": types, "total": sum(par_type.values())}


class Resultats:
    """The results of a list's filter set (``filtre``, bound to what the visitor sent) and their facets, counted
    once per set of filters and version of the content; when a search finds nothing, those of the same filters with
    the search read by trigrams (``approchees``)."""

    def __init__(self, classe, donnees, queryset, nom):
        self.filtre = classe(donnees or None, queryset=queryset)
        self.approchees = False
        self.facettes = self._compter(nom)
        if not self.facettes["total"] and self.de_simples_mots:
            self.filtre = classe(donnees, queryset=queryset, approchees=True)
            self.approchees = True
            self.facettes = self._compter(nom)

    @cached_property
    def criteres(self):
        """The valid filters sent (the order and the page left out; an invalid one applies no more than it filters):
        what the counts depend on."""
        if not self.filtre.is_bound:
            return {}
        self.filtre.form.is_valid()
        donnees = self.filtre.form.cleaned_data
        return {
            nom: str(getattr(valeur, "pk", valeur))
            for nom, valeur in sorted(donnees.items())
            if nom != "tri" and valeur
        }

    @property
    def texte(self):
        return self.criteres.get("q", "")

    @property
    def de_simples_mots(self):
        """A text of words alone: no « OR », « -mot » nor phrase in quotes, whose sense a near word would change."""
        return self.texte and not re.search(r'["]|(^|\s)-|\bor\b', self.texte, re.IGNORECASE)

    def _compter(self, nom):
        cle = f"ressources:{nom}:{self.approchees}:{self.criteres}"
        return selon_le_contenu(cle, lambda: _facettes(self.filtre.qs))

    @property
    def les_plus_recentes_d_abord(self):
        """A long list asked by relevance comes the latest first (ranking it would read every result)."""
        tri = self.filtre.form.cleaned_data.get("tri") if self.filtre.is_bound else ""
        return bool(self.texte) and self.facettes["total"] > CLASSEMENT_COMPLET and tri in (None, "", Tri.PERTINENCE)

    def lecture(self):
        """The results in the order asked; read a page at a time."""
        if self.les_plus_recentes_d_abord:
            return self.filtre.qs.order_by(*RECENTES)
        return self.filtre.qs
