"""Text: accent- and case-insensitive matching (PostgreSQL's ``unaccent``, through ``crpv_sans_accents``), the one
sanitiser of rich text, and the checks of one-line fields."""

import html
import re
import unicodedata
from urllib.parse import urljoin

import nh3
from django.core.exceptions import ValidationError
from django.db.models import CharField, Func, Q
from django.db.models.functions import Lower
from django.utils.text import slugify

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'"})
SEPARATEURS_DE_NOM = re.compile(r"[-'\s]+")


def sans_accents(texte):
    """'Île-de-France, Œuvre' → 'Ile-de-France, OEuvre'."""
    if texte is None:
        return None
    decompose = unicodedata.normalize("NFKD", texte.translate(LIGATURES))
    return "".join(caractere for caractere in decompose if not unicodedata.combining(caractere))


def sans_caracteres_de_controle(texte):
    """Line breaks as « \\n » only (a lone carriage return is one too), and no other control character: what a
    calendar file or a feed may carry of a text typed anywhere."""
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in texte if c in "\n\t" or unicodedata.category(c) != "Cc")


def valider_une_ligne(valeur):
    """Validator of one-line fields (titles, places): no line break, no control character."""
    if any(unicodedata.category(caractere) == "Cc" for caractere in valeur):
        raise ValidationError(
            "Ce champ tient sur une ligne : retirez les retours à la ligne et les caractères invisibles.",
            code="caractere_de_controle",
        )


def forme_de_recherche(texte):
    """What a query and a column are compared as: no accents, lower case, single spaces."""
    return " ".join(sans_accents(texte).lower().split())


def forme_de_nom_de_lieu(nom):
    """How place names are compared: 'Saint-Étienne-du-Rouvray' and 'st etienne du rouvray' are the same.

    Accents, case, hyphens and apostrophes are ignored, and « saint(e) » is written « st(e) », as people type it.
    """
    mots = SEPARATEURS_DE_NOM.split(forme_de_recherche(nom))
    abreviations = {"saint": "st", "sainte": "ste"}
    return " ".join(abreviations.get(mot, mot) for mot in mots if mot)


class SansAccents(Func):
    """The text without its accents: ``crpv_sans_accents`` (unaccent, declared immutable so that indexes may use it:
    migration commun 0004)."""

    function = "CRPV_SANS_ACCENTS"
    output_field = CharField()


def condition_de_texte(champs, texte):
    """``(aliases, condition)``: any of ``champs`` (lookups such as ``"nom"`` or ``"centres__nom"``) contains
    ``texte``, ignoring accents, case and repeated spaces, for ``queryset.alias(**aliases).filter(condition | …)``;
    the condition is empty (everything matches) when ``texte`` holds no letter nor digit."""
    forme = forme_de_recherche(texte)
    if not forme:
        return {}, Q()
    alias = {f"forme_{champ}": Lower(SansAccents(champ)) for champ in champs}
    condition = Q()
    for nom in alias:
        condition |= Q(**{f"{nom}__contains": forme})
    return alias, condition


BALISES_AUTORISEES = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "abbr", "q"}


def html_nettoye(texte, base=None):
    """Rich text made safe (nh3): simple tags, http(s) and mailto links, no script, style or event handler.

    The one sanitiser of the portal, for what staff type and for what is gathered from the centres' sites;
    with ``base`` (the address the text was read at), relative links become absolute.
    """

    def lien_absolu(balise, attribut, valeur):
        return urljoin(base, valeur) if base and attribut == "href" else valeur

    return nh3.clean(
        texte or "",
        tags=BALISES_AUTORISEES,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=lien_absolu if base else None,
    )


def texte_brut(fragment):
    """The text of an HTML fragment, on one line: tags removed, entities decoded, spaces folded."""
    sans_balises = nh3.clean(fragment or "", tags=set())
    return re.sub(r"\s+", " ", sans_caracteres_de_controle(html.unescape(sans_balises))).strip()


def adresse_libre(modele, titre, prises=(), defaut="element"):
    """A slug for ``titre`` that no row of ``modele`` (nor any of ``prises``) has: « titre », « titre-2 »…"""
    longueur = modele._meta.get_field("slug").max_length - 6
    base = slugify(titre)[:longueur].strip("-") or defaut
    slug, rang = base, 1
    while slug in prises or modele._default_manager.filter(slug=slug).exists():
        rang += 1
        slug = f"{base}-{rang}"
    return slug
