"""Search in the ressources, in French.

PostgreSQL: the weighted vector kept by the trigger of migration 0002 (configuration ``crpv_fr``:
unaccent then French stemming), ranked; when it finds nothing, trigram word similarity on the title, so
that a typo still finds it. SQLite: every word of the query, reduced to a rough French stem, must appear in
the title, summary or body, ignoring accents and case (``commun.texte``).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connections
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Lower

from commun.texte import SansAccents, forme_de_recherche

CONFIGURATION = "crpv_fr"

# Longest first: the first suffix that leaves a stem of 4 letters or more is removed.
SUFFIXES = sorted(
    [
        "issements", "issement", "ations", "ation", "atrices", "atrice", "ateurs", "ateur", "atives", "ative",
        "atifs", "atif", "ements", "ement", "ments", "ment", "ites", "ite", "ives", "ive", "ifs", "if", "euses",
        "euse", "eux", "ances", "ance", "ences", "ence", "iques", "ique", "istes", "iste", "ismes", "isme",
        "ables", "able", "aux", "al", "ales", "elles", "elle", "es", "s", "e",
    ],
    key=len,
    reverse=True,
)  # fmt: skip


def racine(mot):
    """'participatives' → 'particip', 'egalite' → 'egal': enough to match the other forms by prefix."""
    for suffixe in SUFFIXES:
        if mot.endswith(suffixe) and len(mot) - len(suffixe) >= 4:
            return mot[: -len(suffixe)]
    return mot


def mots(texte):
    return [racine(mot) for mot in forme_de_recherche(texte).replace("'", " ").split() if len(mot) > 1]


def rechercher(queryset, texte):
    """``queryset`` narrowed to what matches ``texte``, annotated with ``pertinence`` (higher first)."""
    if connections[queryset.db].vendor == "postgresql":
        # Full text first, on its GIN index; the title's trigrams (their own GIN index) only when full text finds
        # nothing, as for a typo: an OR of the two would read every row.
        requete = SearchQuery(texte, config=CONFIGURATION, search_type="websearch")
        plein_texte = queryset.filter(vecteur_recherche=requete)
        if plein_texte.exists():
            return plein_texte.annotate(pertinence=SearchRank(F("vecteur_recherche"), requete))
        return queryset.filter(titre__trigram_word_similar=texte).annotate(
            pertinence=TrigramWordSimilarity(texte, "titre")
        )

    racines = mots(texte)
    if not racines:
        return queryset.annotate(pertinence=Value(0.0, output_field=FloatField()))
    champs = {"forme_titre": "titre", "forme_resume": "resume", "forme_corps": "corps"}
    queryset = queryset.alias(**{alias: Lower(SansAccents(champ)) for alias, champ in champs.items()})
    for mot in racines:
        queryset = queryset.filter(
            Q(forme_titre__contains=mot) | Q(forme_resume__contains=mot) | Q(forme_corps__contains=mot)
        )
    dans_le_titre = Q()
    for mot in racines:
        dans_le_titre &= Q(forme_titre__contains=mot)
    return queryset.annotate(
        pertinence=Case(When(dans_le_titre, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    )
