"""Filters and tags every template may use (a builtin library: no ``{% load %}`` needed)."""

import json

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from commun import partage
from commun.cache import VERSION_DE_LA_REQUETE, LuesAuBesoin, chacun_selon_le_contenu, selon_le_contenu
from commun.filtres import LONGUEUR_MAX_RECHERCHE, valeurs_soumises
from commun.images import rendition
from commun.registre import ABONNEMENTS, TELECHARGEMENTS
from commun.texte import html_nettoye

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def pourcentage(valeur, decimales=1):
    """83.08 → '83,1 %' (French decimal comma, narrow no-break space before the sign)."""
    if valeur is None:
        return ""
    return f"{number_format(valeur, decimal_pos=decimales)}\u202f%"


register.filter("valeurs_soumises", valeurs_soumises)


@register.filter
def sans_protocole(url):
    """https://www.oriv.org/ → www.oriv.org"""
    return url.split("://", 1)[-1].rstrip("/") if url else ""


@register.simple_tag
def json_ld(donnees):
    """A schema.org block; the JSON is escaped so that no string can close the script element."""
    texte = json.dumps(donnees, ensure_ascii=False, indent=None).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{texte}</script>')


@register.simple_tag
def image(champ, taille, alt, classe=""):
    """<img> of a rendition, with its width and height, loaded lazily; nothing when there is no image."""
    copie = rendition(champ, taille)
    if copie is None:
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async"{}>',
        copie.url,
        copie.largeur,
        copie.hauteur,
        alt,
        format_html(' class="{}"', classe) if classe else "",
    )


@register.simple_tag
def longueur_max_recherche():
    """The ``maxlength`` of every search box, the same limit as the filter sets (``commun.filtres``)."""
    return LONGUEUR_MAX_RECHERCHE


@register.filter
def html_sur(texte):
    """Rich text typed in the admin or gathered from a centre's site, sanitised (``commun.texte.html_nettoye``)."""
    return mark_safe(html_nettoye(texte))


@register.inclusion_tag("includes/_telecharger.html", takes_context=True)
def telecharger_ces_resultats(context):
    """« Télécharger ces résultats »: the open-data file of the list page, with its filters (``TELECHARGEMENTS``)."""
    request = context["request"]
    adresse = TELECHARGEMENTS.get(getattr(request.resolver_match, "view_name", ""))
    return {"adresse": adresse(request.GET) if adresse else ""}


@register.inclusion_tag("includes/_recevoir_les_nouveautes.html", takes_context=True)
def recevoir_les_nouveautes(context):
    """« Recevoir les nouveautés par courriel » for the page, with its filters (``ABONNEMENTS``)."""
    request = context["request"]
    adresse = ABONNEMENTS.get(getattr(request.resolver_match, "view_name", ""))
    return {"adresse": adresse(request) if adresse else ""}


@register.inclusion_tag("includes/_fil_ariane.html")
def fil_ariane(*libelles_et_adresses):
    """The breadcrumb: « Accueil », then each (label, address) given in turn; the last one is the page itself.

    {% fil_ariane "Les centres" liste centre.nom_court centre.get_absolute_url %}
    """
    return {"miettes": list(zip(libelles_et_adresses[::2], libelles_et_adresses[1::2], strict=True))}


@register.inclusion_tag("includes/_entete_de_page.html", takes_context=True)
def entete_de_page(context):
    """Canonical address, indexing and Open Graph card of the page (``partage`` and ``noindex`` from its view)."""
    request = context.get("request")
    if request is None:  # the 500 page, rendered without a request
        return {}
    return partage.entete(request, context.get("partage"), context.get("noindex", False))


class FragmentSelonLeContenu(template.Node):
    def __init__(self, contenu, nom, variations):
        self.contenu, self.nom, self.variations = contenu, nom, variations

    def render(self, context):
        if VERSION_DE_LA_REQUETE.get() is None:  # not a public page: always rendered
            return self.contenu.render(context)
        cle = ":".join(["fragment", self.nom, *(str(variation.resolve(context)) for variation in self.variations)])
        # Kept no longer than a whole page (what moves with the clock, an event becoming past, waits as long).
        return selon_le_contenu(cle, lambda: self.contenu.render(context), duree=settings.CACHE_DES_PAGES_SECONDES)


@register.tag
def selon_le_contenu_seulement(parser, jeton):
    """``{% selon_le_contenu_seulement "nom" variation… %}…{% fin_selon_le_contenu %}``: a part of a public page that
    depends on nothing but the content and the variations given (the page's filters, say), rendered once per
    version of the content (``commun.cache.selon_le_contenu``) for every address that shows it, query strings a
    visitor adds included. Rendered each time for a signed-in member. Never around a CSP nonce nor a form token."""
    morceaux = jeton.split_contents()
    if len(morceaux) < 2:
        raise template.TemplateSyntaxError("selon_le_contenu_seulement attend un nom entre guillemets.")
    contenu = parser.parse(("fin_selon_le_contenu",))
    parser.delete_first_token()
    return FragmentSelonLeContenu(contenu, morceaux[1].strip("\"'"), [parser.compile_filter(m) for m in morceaux[2:]])


class TuilesSelonLeContenu(template.Node):
    def __init__(self, objets, gabarit, nom):
        self.objets, self.gabarit, self.nom = objets, gabarit, nom

    def render(self, context):
        objets, nom_du_gabarit, nom = (argument.resolve(context) for argument in (self.objets, self.gabarit, self.nom))
        gabarit = context.template.engine.get_template(nom_du_gabarit)

        def rendre(rangees):
            tuiles = {}
            for rangee in rangees:
                with context.push({nom: rangee}):
                    tuiles[rangee.pk] = gabarit.render(context)
            return tuiles

        if VERSION_DE_LA_REQUETE.get() is None:  # not a public page: always rendered
            return mark_safe("".join(rendre(objets).values()))
        if isinstance(objets, LuesAuBesoin):
            cles, lire = objets.cles, objets.rangees_de
        else:
            lues = {rangee.pk: rangee for rangee in objets}
            cles, lire = list(lues), lambda manquantes: {cle: lues[cle] for cle in manquantes}
        tuiles = chacun_selon_le_contenu(
            f"tuile:{nom_du_gabarit}",
            cles,
            lambda manquantes: rendre(lire(manquantes).values()),
            duree=settings.CACHE_DES_PAGES_SECONDES,
        )
        return mark_safe("".join(tuiles[cle] for cle in cles if cle in tuiles))


@register.tag
def tuiles_selon_le_contenu(parser, jeton):
    """``{% tuiles_selon_le_contenu objets "includes/_ressource_tuile.html" "ressource" %}``: the tile of each of
    ``objets`` (model instances, or a ``commun.cache.LuesAuBesoin`` of their keys), the template given rendered
    with the object under the name given. On a public page, each tile is kept per version of the content and
    per day, whichever list shows it (``commun.cache.chacun_selon_le_contenu``): a new search or a new filter
    renders, and reads (from a ``LuesAuBesoin``), only the rows whose tile no list has shown yet. A tile shows
    its object alone: never the page's filters, a CSP nonce nor a form token."""
    morceaux = jeton.split_contents()
    if len(morceaux) != 4:
        raise template.TemplateSyntaxError("tuiles_selon_le_contenu attend les objets, un gabarit et un nom.")
    return TuilesSelonLeContenu(*(parser.compile_filter(morceau) for morceau in morceaux[1:]))
