"""What a page says of itself to search engines and link previews: its canonical address, whether to index it,
and its Open Graph card (title, description, image).

A detail page gives ``partage(...)`` in its context; every other page gets the network's card, with the
default image served by the portal (``static/img/partage.png``, 1200 × 630).
"""

from django.templatetags.static import static

from .images import rendition

IMAGE_PAR_DEFAUT = ("img/partage.png", 1200, 630)
NOM_COURT = "Réseau des CRPV"


def partage(request, titre, description="", image=None, alt="", type_="article"):
    """The card of a page: ``image`` is an ImageField value, shown through its large rendition."""
    copie = rendition(image, "grande") if image else None
    carte = {"titre": titre, "description": description, "type": type_}
    if copie is not None:
        carte.update(
            image=request.build_absolute_uri(copie.url), largeur=copie.largeur, hauteur=copie.hauteur, alt=alt
        )
    return carte


def entete(request, carte, noindex):
    """The values of ``includes/_entete_de_page.html`` for ``request``."""
    page = request.GET.get("page", "")
    canonique = request.build_absolute_uri(request.path)
    if page.isdigit() and int(page) > 1:
        canonique += f"?page={int(page)}"
    chemin, largeur, hauteur = IMAGE_PAR_DEFAUT
    carte = {
        "type": "website",
        "image": request.build_absolute_uri(static(chemin)),
        "largeur": largeur,
        "hauteur": hauteur,
        "alt": NOM_COURT,
        **(carte or {}),
    }
    return {
        "canonique": canonique,
        # Search results and filtered lists are not pages of their own for a search engine.
        "noindex": noindex or any(cle != "page" for cle in request.GET),
        "carte": carte,
        "nom_court": NOM_COURT,
    }
