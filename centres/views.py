from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .carte import carte_departements
from .couverture import carte_couverture_regions
from .enums import StatutLabel
from .filters import CentreFilter
from .models import Centre, Commune, Contact, Departement
from .telephone import uri


def _centres_avec_territoire():
    return Centre.objects.avec_label_courant().prefetch_related(
        Prefetch("departements", queryset=Departement.objects.select_related("region"))
    )


def _filtres_actifs(request, filtre):
    """[(label, url of the same search without that filter)] for each valid filter in use."""
    actifs = []
    if not filtre.is_bound:
        return actifs
    filtre.form.is_valid()  # an invalid field is left out of cleaned_data; the valid ones still apply
    for nom, valeur in filtre.form.cleaned_data.items():
        if valeur in (None, "", False):
            continue
        champ = filtre.form.fields[nom]
        if nom == "outre_mer":
            texte = "Outre-mer"
        elif nom == "q":
            texte = f"{champ.label} : « {valeur} »"
        else:
            texte = f"{champ.label} : {champ.label_from_instance(valeur)}"
        reste = request.GET.copy()
        reste.pop(nom, None)
        reste.pop("page", None)
        actifs.append((texte, f"?{reste.urlencode()}" if reste else request.path))
    return actifs


def _aide_departement_sans_centre(filtre):
    """For a département no centre covers: the region's centres, if any (else the template points to /reseau/)."""
    if not filtre.is_bound or not filtre.form.is_valid():
        return None
    departement = filtre.form.cleaned_data.get("departement")
    if departement is None or Centre.objects.couvrant(departement.code).exists():
        return None
    voisins = []
    if departement.region_id:
        voisins = list(Centre.objects.dans_region(departement.region_id))
    return {"departement": departement, "centres": voisins}


def _communes_reconnues(filtre):
    """The communes a search names, so the page can say which département it looked in."""
    if not filtre.is_bound or not filtre.form.is_valid() or not filtre.form.cleaned_data.get("q"):
        return []
    return list(Commune.objects.correspondant(filtre.form.cleaned_data["q"]).select_related("departement")[:6])


def centre_list(request):
    filtre = CentreFilter(request.GET or None, queryset=_centres_avec_territoire())
    centres = list(filtre.qs)
    return render(
        request,
        "centres/centre_list.html",
        {
            "rubrique": "centres",
            "filtre": filtre,
            "centres": centres,
            "filtres_actifs": _filtres_actifs(request, filtre),
            "aide": _aide_departement_sans_centre(filtre),
            "communes": _communes_reconnues(filtre),
            "carte": carte_couverture_regions(),
        },
    )


def centre_detail(request, slug):
    centre = get_object_or_404(
        _centres_avec_territoire().prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.filter(public=True), to_attr="contacts_publics")
        ),
        slug=slug,
    )
    territoire = {departement.code for departement in centre.departements.all()}
    regions = {departement.region_id for departement in centre.departements.all() if departement.region_id}
    contexte = list(Departement.objects.filter(region__in=regions)) if regions else []
    contexte_codes = {departement.code for departement in contexte} | territoire
    noms = {departement.code: departement.nom for departement in [*contexte, *centre.departements.all()]}
    liste = reverse("centres:liste")

    def decrire(niveau, code):
        couvert = code in territoire
        etat = "couvert" if couvert else "non-couvert"
        suite = f"couvert par {centre.nom_court}" if couvert else "hors du territoire du centre"
        return f"{noms[code]} ({code})", f"{liste}?departement={code}", etat, f"{noms[code]} ({code}) : {suite}"

    carte = carte_departements(
        contexte_codes,
        decrire,
        identifiant="carte-territoire",
        titre=f"Territoire de {centre.nom_court}",
        description="Les départements couverts par le centre sont en couleur foncée.",
        legende=(("couvert", "territoire du centre"), ("non-couvert", "autres départements de la région")),
    )
    return render(
        request,
        "centres/centre_detail.html",
        {
            "rubrique": "centres",
            "centre": centre,
            "carte": carte,
            "label_statut_libelle": StatutLabel(centre.label_statut).label if centre.label_statut else "",
            "centre_json_ld": _json_ld(request, centre),
            "ressources": centre.ressources.publiees().recentes().prefetch_related("centres")[:4],
            "evenements_a_venir": centre.evenements.a_venir().prefetch_related("centres")[:5],
            "evenements_passes": centre.evenements.passes().prefetch_related("centres")[:3],
        },
    )


def _json_ld(request, centre):
    """schema.org description of the centre, for search engines."""
    donnees = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": centre.nom,
        "url": request.build_absolute_uri(centre.get_absolute_url()),
        "areaServed": [
            {"@type": "AdministrativeArea", "name": departement.nom} for departement in centre.departements.all()
        ],
        "memberOf": {"@type": "Organization", "name": settings.PORTAL_NAME},
    }
    if centre.sigle:
        donnees["alternateName"] = centre.sigle
    if centre.site_web:
        donnees["sameAs"] = centre.site_web
    if centre.telephone:
        donnees["telephone"] = uri(centre.telephone).removeprefix("tel:")
    if centre.email:
        donnees["email"] = centre.email
    if centre.annee_creation:
        donnees["foundingDate"] = str(centre.annee_creation)
    if centre.ville:
        donnees["address"] = {
            "@type": "PostalAddress",
            "streetAddress": centre.adresse,
            "postalCode": centre.code_postal,
            "addressLocality": centre.ville,
            "addressCountry": "FR",
        }
    return donnees
