from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from centres.models import Centre

from .enums import TypeRessource
from .fichiers import libelle
from .filters import RessourceFilter
from .models import Ressource, Theme

PAR_PAGE = 20


def _pour_les_listes(queryset):
    return queryset.prefetch_related(
        Prefetch("centres", queryset=Centre.objects.only("pk", "nom", "sigle", "slug")),
        "themes",
    )


def _facettes(resultats):
    """How many results each theme and each type has, in two queries whatever the data."""
    ids = resultats.order_by().values("pk")
    par_type = dict(Ressource.objects.filter(pk__in=ids).order_by().values_list("type").annotate(nombre=Count("pk")))
    themes = Theme.objects.annotate(nombre=Count("ressources", filter=Q(ressources__in=ids))).filter(nombre__gt=0)
    types = [(valeur, label, par_type[valeur]) for valeur, label in TypeRessource.choices if valeur in par_type]
    return {"themes": list(themes), "types": types}


def _liste(request, template, contexte, base):
    filtre = RessourceFilter(request.GET or None, queryset=_pour_les_listes(base))
    resultats = filtre.qs
    page = Paginator(resultats, PAR_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {"rubrique": "ressources", "filtre": filtre, "page": page, "facettes": _facettes(resultats), **contexte},
    )


def ressource_list(request):
    return _liste(request, "ressources/ressource_list.html", {}, Ressource.objects.publiees())


def ressource_collectives(request):
    return _liste(
        request,
        "ressources/ressource_collectives.html",
        {"collectives": True},
        Ressource.objects.publiees().collectives(),
    )


def ressource_detail(request, slug):
    ressource = get_object_or_404(_pour_les_listes(Ressource.objects.publiees()), slug=slug)
    themes = [theme.pk for theme in ressource.themes.all()]
    associees = (
        _pour_les_listes(Ressource.objects.publiees().filter(themes__in=themes).exclude(pk=ressource.pk))
        .distinct()
        .recentes()[:4]
        if themes
        else []
    )
    taille = None
    if ressource.fichier:
        try:
            taille = ressource.fichier.size
        except OSError:  # the file went missing from storage: show the link without its size
            taille = None
    return render(
        request,
        "ressources/ressource_detail.html",
        {
            "rubrique": "ressources",
            "ressource": ressource,
            "associees": associees,
            "fichier_type": libelle(ressource.fichier.name) if ressource.fichier else "",
            "fichier_taille": taille,
            "ressource_json_ld": _json_ld(request, ressource),
        },
    )


def _json_ld(request, ressource):
    donnees = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": ressource.titre,
        "url": request.build_absolute_uri(ressource.get_absolute_url()),
        "genre": ressource.get_type_display(),
        "inLanguage": "fr",
        "author": [
            {"@type": "Organization", "name": centre.nom, "url": request.build_absolute_uri(centre.get_absolute_url())}
            for centre in ressource.centres.all()
        ],
        "keywords": [theme.nom for theme in ressource.themes.all()],
    }
    if ressource.collective:
        donnees["author"].append(
            {"@type": "Organization", "name": "Réseau national des centres de ressources Politique de la ville"}
        )
    if ressource.resume:
        donnees["abstract"] = ressource.resume
    if ressource.date_publication:
        donnees["datePublished"] = ressource.date_publication.isoformat()
    if ressource.fichier:
        donnees["associatedMedia"] = {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(ressource.fichier.url),
        }
    return donnees
