"""schema.org descriptions (JSON-LD) of the pages, for search engines.

Each app describes its own objects; these helpers give them one shape: the context, and no
empty property (an empty string or list says something false to a search engine).
"""


def _rempli(valeur):
    return valeur not in (None, "", [], {})


def document(type_, **proprietes):
    """{"@context": "https://schema.org", "@type": type_, ...} without the empty properties."""
    return {"@context": "https://schema.org", "@type": type_, **nettoyer(proprietes)}


def nettoyer(proprietes):
    """The properties that hold something, nested objects included."""
    propres = {}
    for cle, valeur in proprietes.items():
        if isinstance(valeur, dict):
            valeur = nettoyer(valeur)
            if set(valeur) <= {"@type"}:
                continue
        if _rempli(valeur):
            propres[cle] = valeur
    return propres


def organisation(nom, url=""):
    return nettoyer({"@type": "Organization", "name": nom, "url": url})


def image(request, champ):
    """The absolute address of an ImageField value's large rendition, or "" (dropped) when there is none."""
    from .images import rendition

    copie = rendition(champ, "grande") if champ else None
    return request.build_absolute_uri(copie.url) if copie else ""
