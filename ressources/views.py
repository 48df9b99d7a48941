from django.db.models import Count, Q
from django.shortcuts import render

from centres.views import organisation, reseau_national
from commun import json_ld
from commun.apercu import apercu, publie_ou_apercu, sans_cache_si
from commun.pagination import paginer
from commun.partage import partage

from .enums import TypeRessource
from .fichiers import libelle
from .filters import RessourceFilter
from .models import Ressource, Theme


def _facettes(resultats):
    """How many results each theme and each type has, in two queries whatever the data."""
    ids = resultats.order_by().values("pk")
    par_type = dict(Ressource.objects.filter(pk__in=ids).order_by().values_list("type").annotate(nombre=Count("pk")))
    themes = Theme.objects.annotate(nombre=Count("ressources", filter=Q(ressources__in=ids))).filter(nombre__gt=0)
    types = [(valeur, label, par_type[valeur]) for valeur, label in TypeRessource.choices if valeur in par_type]
    return {"themes": list(themes), "types": types}


def _liste(request, template, contexte, base):
    filtre = RessourceFilter(request.GET or None, queryset=base.avec_producteurs())
    resultats = filtre.qs
    # A list of one theme offers that theme's feed.
    theme = filtre.form.cleaned_data.get("theme") if filtre.is_bound and filtre.form.is_valid() else None
    return render(
        request,
        template,
        {
            "rubrique": "ressources",
            "filtre": filtre,
            "page": paginer(request, resultats),
            "facettes": _facettes(resultats),
            "theme_suivi": theme,
            **contexte,
        },
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
    toutes = Ressource.objects.avec_producteurs().prefetch_related("themes")
    ressource, est_un_apercu = publie_ou_apercu(request, toutes.publiees(), toutes, slug=slug)
    themes = [theme.pk for theme in ressource.themes.all()]
    associees = (
        Ressource.objects.publiees()
        .filter(themes__in=themes)
        .exclude(pk=ressource.pk)
        .avec_producteurs()
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
    reponse = render(
        request,
        "ressources/ressource_detail.html",
        {
            "rubrique": "ressources",
            "ressource": ressource,
            "apercu": apercu(ressource, est_un_apercu),
            "noindex": est_un_apercu,
            "associees": associees,
            "fichier_type": libelle(ressource.fichier.name) if ressource.fichier else "",
            "fichier_taille": taille,
            "ressource_json_ld": _json_ld(request, ressource),
            "partage": partage(
                request, ressource.titre, ressource.resume[:300], ressource.image, ressource.image_texte_alternatif
            ),
        },
    )
    return sans_cache_si(est_un_apercu, reponse)


# The schema.org types a search engine knows better than CreativeWork.
TYPES_SCHEMA_ORG = {TypeRessource.ETUDE: "Report", TypeRessource.ACTES: "Report"}


def _json_ld(request, ressource):
    auteurs = [organisation(request, centre) for centre in ressource.centres.all()]
    if ressource.collective:
        auteurs.append(reseau_national(request))
    return json_ld.document(
        TYPES_SCHEMA_ORG.get(ressource.type, "CreativeWork"),
        name=ressource.titre,
        image=json_ld.image(request, ressource.image),
        url=request.build_absolute_uri(ressource.get_absolute_url()),
        genre=ressource.get_type_display(),
        inLanguage="fr",
        author=auteurs,
        keywords=[theme.nom for theme in ressource.themes.all()],
        abstract=ressource.resume,
        datePublished=ressource.date_publication.isoformat() if ressource.date_publication else "",
        associatedMedia={
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(ressource.fichier.url) if ressource.fichier else "",
        },
    )
