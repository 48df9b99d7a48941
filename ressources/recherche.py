"""Search in the ressources, in French.

PostgreSQL: the weighted vector kept by the trigger of migration 0002 (configuration ``crpv_fr``: unaccent then
French stemming). When full text finds nothing, each unknown word is replaced by the nearest word the published
productions hold (trigrams over the words of ``DecompteParType``), so that a typo still finds what it meant.
A search of words, whether it asks for all of them, one of them or all but some (« jeunesse santé », « jeunesse OR
santé », « santé -mentale »), reads its counts by type and theme from the tables the database keeps (migration 0011):
set operations on the arrays of the productions that hold each word (``Formule``); only a phrase in quotes is
counted on its results. A long list of results shows the latest first (``les_plus_recentes``): no page reads every
result.
"""

import re
from dataclasses import dataclass, replace

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import BooleanField, F, Func

from .enums import Tri
from .models import DecompteParTheme, DecompteParType, Ressource

CONFIGURATION = "crpv_fr"
# Up to this many results, all of them are ranked (ts_rank): reading them costs a few milliseconds. Beyond, the
# latest come first.
RECENTES = [F("date_publication").desc(nulls_last=True), "-pk"]
CLASSEMENT_COMPLET = 2_000


@dataclass(frozen=True)
class Requete:
    """A full-text query as PostgreSQL runs it: what was typed (``websearch``), or the corrected words (``plain``,
    configuration ``simple``: they are already the stemmed words of the vectors)."""

    texte: str
    configuration: str = CONFIGURATION
    forme: str = "websearch"
    # The query as PostgreSQL writes it (« 'jeuness' & 'quarti' »), when it was read along with the search.
    analyse: str | None = None
    # What the counts tables answer of it (``lire_la_formule``): read with the analysis, or the corrected words.
    formule: "Formule | None" = None

    @property
    def recherche(self):
        return SearchQuery(self.texte, config=self.configuration, search_type=self.forme)

    def sql(self):
        fonction = {"websearch": "websearch_to_tsquery", "plain": "plainto_tsquery"}[self.forme]
        return f"{fonction}(%s::regconfig, %s)", [self.configuration, self.texte]


def rechercher(queryset, texte):
    """``(queryset narrowed to what matches texte and annotated with pertinence (higher first), the Requete run)``."""
    requete, trouve = analyser(Requete(texte), queryset)
    mots_proches = None if trouve else corriger(texte, queryset.db)
    if mots_proches:
        requete = Requete(mots_proches, "simple", "plain", formule=Formule.de_tous(mots_proches.split()))
    resultats = queryset.filter(vecteur_recherche=requete.recherche).annotate(
        pertinence=SearchRank(F("vecteur_recherche"), requete.recherche)
    )
    # Nothing matched and no word is near: the results are known to be none, no query reads or counts them.
    return (resultats if trouve or mots_proches else resultats.none()), requete


def analyser(requete, queryset):
    """``(requete with its analyse, whether some production of queryset holds a match)``.

    Whether one does is read in the counts tables when they can tell (``Formule``; they know every published
    production, and the filters around the search narrow its results afterwards): asking the productions for a
    first match would read the whole table when there is none, PostgreSQL expecting an early one for words most
    productions hold (« guide podcast »: two types, never together). A phrase whose words the tables find together
    in no production is in none; otherwise the productions are asked.
    """
    expression, parametres = requete.sql()
    with connections[queryset.db].cursor() as curseur:
        curseur.execute(f"SELECT q::text FROM {expression} AS q", parametres)
        (analyse,) = curseur.fetchone()
    formule = lire_la_formule(analyse)
    requete = replace(requete, analyse=analyse, formule=formule)
    if not analyse:  # only stop words (« de la »): nothing to find
        return requete, False
    if formule:
        sql, parametres = _selon_la_formule(DecompteParType._meta.db_table, "type", formule, False)
        with connections[queryset.db].cursor() as curseur:
            curseur.execute(f"SELECT EXISTS ({sql})", parametres)
            (trouve,) = curseur.fetchone()
        if formule.exacte or not trouve:
            return requete, trouve
    existe, parametres = queryset.filter(vecteur_recherche=requete.recherche).values("pk")[:1].query.sql_with_params()
    with connections[queryset.db].cursor() as curseur:
        curseur.execute(f"SELECT EXISTS ({existe})", parametres)
        (trouve,) = curseur.fetchone()
    return requete, trouve


def corriger(texte, using):
    """The words of ``texte`` (stemmed), each one no published production holds replaced by the nearest one some
    production holds; None when a word has no near one, or when no word changed (the search found nothing
    for another reason)."""
    with connections[using].cursor() as curseur:
        curseur.execute(
            f"""
            SELECT m.mot,
                   EXISTS (SELECT 1 FROM {DecompteParType._meta.db_table} d WHERE d.mot = m.mot),
                   (SELECT d.mot FROM {DecompteParType._meta.db_table} d WHERE d.mot %% m.mot
                    ORDER BY similarity(d.mot, m.mot) DESC, d.mot LIMIT 1)
            FROM unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s))) AS m(mot)
            """,
            [CONFIGURATION, texte],
        )
        lignes = curseur.fetchall()
    inconnus = [proche for _, connu, proche in lignes if not connu]
    if not inconnus or not all(inconnus):
        return None
    return " ".join(mot if connu else proche for mot, connu, proche in lignes)


# The word every published production holds in the counts tables (migration 0011): its counts are the whole list's.
TOUTES = ""
# The tokens of a tsquery as PostgreSQL writes it: a word in quotes, an operator, a parenthesis.
JETONS = re.compile(r"\s*(?:'((?:[^']|'')*)'|([&|!()])|<(?:-|\d+)>)")


class Inexprimable(ValueError):
    """A tsquery the counts tables cannot answer, even roughly."""


@dataclass(frozen=True)
class Formule:
    """A search as set operations on the arrays of identifiers the counts tables keep per word and per type or
    theme (migration 0011): ``calcul`` is an SQL expression of intarray's ``&`` (every word), ``|`` (one of them)
    and ``-`` (all but), over ``m0``, ``m1``… the arrays of ``mots`` in that order.

    The tables know which productions hold a word, not where: a phrase in quotes (« "contrat de ville" ») is read
    as its words together, ``exacte`` False: more productions than the phrase finds, never fewer.
    """

    mots: tuple
    calcul: str
    exacte: bool = True

    @classmethod
    def de_tous(cls, mots):
        """Every one of ``mots`` (stemmed words, as the vectors hold them)."""
        mots = tuple(dict.fromkeys(mots))
        return cls(mots, " & ".join(f"m{numero}" for numero in range(len(mots))))


TOUTE_LA_LISTE = Formule.de_tous([TOUTES])


def lire_la_formule(texte):
    """The ``Formule`` of a tsquery as PostgreSQL writes it (« 'jeuness' & 'sant' », « 'jeuness' | 'sant' »,
    « 'emploi' & !'jeun' », « 'contrat' <2> 'vill' » roughly); None when the tables cannot tell even roughly (a
    phrase after « - ») or when it holds no word."""
    jetons, position = [], 0
    while position < len(texte.rstrip()):
        trouve = JETONS.match(texte, position)
        if not trouve:
            return None
        mot, operateur = trouve.groups()  # neither: « <-> » or « <N> », a phrase
        if mot is not None:
            jetons.append(("mot", mot.replace("''", "'").replace("\\\\", "\\")))
        else:
            jetons.append((operateur or "<->", None))
        position = trouve.end()
    mots, exacte = [], True

    def colonne(mot):
        if mot not in mots:
            mots.append(mot)
        return f"m{mots.index(mot)}"

    # PostgreSQL's precedence: « ! », then « <-> » (read as « & »), then « & », then « | ». Under a « ! », a phrase
    # read as its words together would take away too many productions: no formula.
    def ou(nie):
        termes = [et(nie)]
        while jetons and jetons[0][0] == "|":
            jetons.pop(0)
            termes.append(et(nie))
        return termes[0] if len(termes) == 1 else f"({' | '.join(termes)})"

    def et(nie):
        nonlocal exacte
        facteurs = [non(nie)]
        while jetons and jetons[0][0] in ("&", "<->"):
            if jetons.pop(0)[0] == "<->":
                if nie:
                    raise Inexprimable(texte)
                exacte = False
            facteurs.append(non(nie))
        return facteurs[0] if len(facteurs) == 1 else f"({' & '.join(facteurs)})"

    def non(nie):
        sorte, mot = jetons.pop(0) if jetons else (None, None)
        if sorte == "!":
            return f"({colonne(TOUTES)} - {non(not nie)})"
        if sorte == "(":
            dedans = ou(nie)
            if not jetons or jetons.pop(0)[0] != ")":
                raise Inexprimable(texte)
            return dedans
        if sorte == "mot":
            return colonne(mot)
        raise Inexprimable(texte)

    if not jetons:
        return None
    try:
        calcul = ou(False)
    except Inexprimable:
        return None
    return None if jetons else Formule(tuple(mots), calcul, exacte)


def _selon_la_formule(table, cle, formule, collectives):
    """``(key, how many published productions formule finds)`` for each ``cle`` of ``table``: the size of its set
    operations on the words' arrays of identifiers (migration 0011), key by key."""
    collective = "AND collective" if collectives else ""
    colonnes = ", ".join(
        f"coalesce(max(ids) FILTER (WHERE mot = %s), '{{}}') AS m{numero}" for numero in range(len(formule.mots))
    )
    return (
        f"""
        SELECT {cle}, sum(n) FROM (
          SELECT {cle}, icount({formule.calcul}) AS n FROM (
            SELECT collective, {cle}, {colonnes} FROM {table}
            WHERE mot = ANY(%s) {collective} GROUP BY collective, {cle}
          ) AS tableaux
        ) AS nombres GROUP BY {cle} HAVING sum(n) > 0
        """,
        [*formule.mots, list(formule.mots)],
    )


def decomptes(resultats, formule=None, collectives=False):
    """``({type: number}, {theme pk: number})`` of ``resultats``, in one query whatever the data.

    With ``formule`` (a search of the published productions, nothing else narrowing it), read from the tables the
    database keeps; otherwise counted on the results, read once for both counts.
    """
    if resultats.query.is_empty():  # a search known to find nothing (``rechercher``)
        return {}, {}
    if formule:
        par_type, parametres_type = _selon_la_formule(DecompteParType._meta.db_table, "type", formule, collectives)
        par_theme, parametres_theme = _selon_la_formule(
            DecompteParTheme._meta.db_table, "theme_id", formule, collectives
        )
        sql = f"SELECT 'type', CAST(type AS text), n FROM ({par_type}) AS t (type, n) UNION ALL "
        sql += f"SELECT 'theme', CAST(theme AS text), n FROM ({par_theme}) AS h (theme, n)"
        parametres = parametres_type + parametres_theme
    else:
        requete, parametres = resultats.order_by().values_list("pk", "type").query.sql_with_params()
        sql = f"""
            WITH resultats (id, type) AS MATERIALIZED ({requete})
            SELECT 'type', type, count(*) FROM resultats GROUP BY type
            UNION ALL
            SELECT 'theme', CAST(t.theme_id AS text), count(*)
            FROM resultats JOIN {Ressource.themes.through._meta.db_table} t ON t.ressource_id = resultats.id
            GROUP BY t.theme_id
        """
    with connections[resultats.db].cursor() as curseur:
        curseur.execute(sql, parametres)
        lignes = curseur.fetchall()
    return (
        {cle: int(nombre) for sorte, cle, nombre in lignes if sorte == "type"},
        {int(cle): int(nombre) for sorte, cle, nombre in lignes if sorte == "theme"},
    )


def nombre_de_resultats(resultats, formule=None, collectives=False):
    """How many ``resultats`` (see ``decomptes`` for ``formule``), in one query (none when they are known to be
    none)."""
    if resultats.query.is_empty():
        return 0
    if not formule:
        return resultats.count()
    sql, parametres = _selon_la_formule(DecompteParType._meta.db_table, "type", formule, collectives)
    with connections[resultats.db].cursor() as curseur:
        curseur.execute(f"SELECT coalesce(sum(n), 0) FROM ({sql}) AS t (type, n)", parametres)
        return int(curseur.fetchone()[0])


def les_plus_recentes(sans_recherche, requete):
    """The results of ``requete`` among ``sans_recherche`` (every other filter applied), the latest first, read in the
    order of the index of the latest (``ressources_recentes``): a slice stops at its end.

    For a list longer than ``CLASSEMENT_COMPLET``: ranking it would read every result for each page, while with
    that many results a page is found within its first thousand rows of the index. The full-text condition is
    written as the function ``ts_match_vq`` rather than its operator, which the GIN index would serve: PostgreSQL
    estimates the rows of several words that come together as if they were independent, far too few, and would
    read them all from that index.
    """
    trouvee = Func(F("vecteur_recherche"), requete.recherche, function="ts_match_vq", output_field=BooleanField())
    return sans_recherche.filter(trouvee).order_by(*RECENTES)


def par_date_au_lieu_de_la_pertinence(filtre, nombre):
    """Whether ``filtre``'s ``nombre`` results, asked in the order of relevance, come the latest first instead."""
    donnees = getattr(filtre.form, "cleaned_data", {})
    return bool(donnees.get("q")) and nombre > CLASSEMENT_COMPLET and donnees.get("tri") in (None, "", Tri.PERTINENCE)


def lecture_par_pages(filtre, nombre):
    """What a page of ``filtre``'s ``nombre`` results is sliced from: ``filtre.qs`` (ranked by relevance when
    searching, unless another order was asked), or, for a long list of a search by relevance or by date,
    ``les_plus_recentes``."""
    donnees = getattr(filtre.form, "cleaned_data", {})
    if not donnees.get("q") or nombre <= CLASSEMENT_COMPLET or donnees.get("tri") == Tri.TITRE:
        return filtre.qs
    return les_plus_recentes(filtre.sans_recherche, filtre.requete)
