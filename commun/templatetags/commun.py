"""Filters and tags every template may use (a builtin library: no ``{% load %}`` needed)."""

import json
from urllib.parse import urlencode

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from commun import partage
from commun.filtres import LONGUEUR_MAX_RECHERCHE
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


@register.filter
def sans_protocole(url):
    """https://www.oriv.org/ → www.oriv.org"""
    return url.split("://", 1)[-1].rstrip("/") if url else ""


@register.filter
def valeurs_sans_recherche(filtre):
    """What the filter set ``filtre`` was sent for its fields but the search box, as a text: what its other fields
    show, values and errors, depends on nothing else (``includes/_champs_du_filtre.html`` keeps them by it)."""
    if not filtre.is_bound:
        return ""
    return urlencode(
        sorted((nom, valeur) for nom in filtre.form.fields if nom != "q" for valeur in filtre.data.getlist(nom))
    )


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
