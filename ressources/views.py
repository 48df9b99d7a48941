import logging
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header

from centres.views import organisation, reseau_national
from commun import json_ld
from commun.apercu import apercu, publie_ou_apercu, sans_cache_si
from commun.cache import selon_le_contenu
from commun.filtres import restreint_a
from commun.pagination import paginer_par_cles
from commun.partage import partage
from commun.stockage import est_local

from . import recherche
from .enums import TypeRessource
from .fichiers import TYPES, libelle
from .filters import RessourceFilter
from .models import Ressource, Theme
from .recherche import decomptes, lecture_par_pages, par_date_au_lieu_de_la_pertinence

journal = logging.getLogger(__name__)


def _facettes(filtre, resultats, collectives):
    """How many results each theme and each type has, and how many in all: the same queries whatever the data
    (``recherche.decomptes``; the total is the sum by type, every production having one type)."""
    par_type, par_theme = decomptes(resultats, filtre.formule_des_decomptes(), collectives)
    themes = []
    # A short list, read whole once per version of the content (a search's new counts read no theme).
    for theme in selon_le_contenu("ressources:themes", lambda: list(Theme.objects.all())):
        if theme.pk in par_theme:
            theme.nombre = par_theme[theme.pk]
            themes.append(theme)
    types = [(valeur, label, par_type[valeur]) for valeur, label in TypeRessource.choices if valeur in par_type]
    return {"themes": themes, "types": types, "total": sum(par_type.values())}


# The collective productions' list has no « collective » box: all of them are.
FiltreDesCollectives = restreint_a(
    RessourceFilter, *(nom for nom in RessourceFilter.base_filters if nom != "collective")
)


def _liste(request, template, contexte, base, classe=RessourceFilter):
    # The filters choose keys; the page's rows are read for their tiles alone (``en_tuiles``), below.
    filtre = classe(request.GET or None, queryset=base)
    resultats = filtre.qs
    donnees = getattr(filtre.form, "cleaned_data", {})
    collectives = contexte.get("collectives", False) or bool(donnees.get("collective"))
    # Counted once per version of the content and per set of filters (the order and the page do not change them).
    criteres = {nom: str(valeur) for nom, valeur in sorted(donnees.items()) if nom != "tri"}
    facettes = selon_le_contenu(f"ressources:{template}:{criteres}", lambda: _facettes(filtre, resultats, collectives))
    # A list of one theme offers that theme's feed.
    theme = donnees.get("theme") if filtre.is_bound and filtre.form.is_valid() else None
    return render(
        request,
        template,
        {
            "rubrique": "ressources",
            "filtre": filtre,
            # The page's productions by their keys; their tiles are kept, and read only to render them.
            "page": paginer_par_cles(
                request,
                lecture_par_pages(filtre, facettes["total"]),
                Ressource.objects.en_tuiles().in_bulk,
                nombre=facettes["total"],
            ),
            "les_plus_recentes_d_abord": par_date_au_lieu_de_la_pertinence(filtre, facettes["total"]),
            "classement_complet": recherche.CLASSEMENT_COMPLET,
            "facettes": facettes,
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
        FiltreDesCollectives,
    )


def ressource_detail(request, slug):
    toutes = Ressource.objects.avec_producteurs().prefetch_related("themes")
    ressource, est_un_apercu = publie_ou_apercu(request, toutes.publiees(), toutes, slug=slug)
    themes = [theme.pk for theme in ressource.themes.all()]
    # « On the same themes » is a kept fragment: searched among the productions only when it is rendered.
    associees = SimpleLazyObject(
        lambda: (
            list(
                Ressource.objects.publiees()
                .filter(themes__in=themes)
                .exclude(pk=ressource.pk)
                .en_tuiles()
                .distinct()
                .recentes()[:4]
            )
            if themes
            else []
        )
    )
    taille = ressource.fichier_taille  # stored at upload: the page never asks storage
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
            "contentUrl": request.build_absolute_uri(ressource.adresse_du_fichier) if ressource.fichier else "",
        },
    )


def fichier(request, slug):
    """The document of a published production (or, for whoever may read the draft in the admin, of a draft):
    never at an address that outlives its publication. Behind nginx the bytes go through X-Accel-Redirect."""
    toutes = Ressource.objects.only("pk", "slug", "statut", "fichier")
    ressource, est_un_apercu = publie_ou_apercu(request, toutes.publiees(), toutes, slug=slug)
    if not ressource.fichier:
        raise Http404("Cette ressource n'a pas de fichier.")
    nom = PurePath(ressource.fichier.name).name
    type_mime = TYPES.get(PurePath(nom).suffix.lower(), ("", "application/octet-stream"))[1]
    stockage = ressource.fichier.storage
    if not est_local(stockage):
        # Object storage: a signed address valid a few minutes, never cached, with the document's own name.
        adresse = stockage.url(
            ressource.fichier.name, parameters={"ResponseContentDisposition": content_disposition_header(True, nom)}
        )
        reponse = HttpResponseRedirect(adresse)
        patch_cache_control(reponse, no_store=True, private=True)
        return reponse
    if settings.DOCUMENTS_X_ACCEL_REDIRECT:
        reponse = HttpResponse(content_type=type_mime)
        reponse["X-Accel-Redirect"] = settings.DOCUMENTS_X_ACCEL_REDIRECT + quote(ressource.fichier.name)
        reponse["Content-Disposition"] = content_disposition_header(True, nom)
    else:
        try:
            contenu = ressource.fichier.storage.open(ressource.fichier.name, "rb")
        except OSError:
            journal.error("Document %s introuvable pour la ressource %s", ressource.fichier.name, slug)
            raise Http404("Le document est momentanément indisponible.") from None
        reponse = FileResponse(contenu, as_attachment=True, filename=nom, content_type=type_mime)
    return sans_cache_si(est_un_apercu, reponse)
