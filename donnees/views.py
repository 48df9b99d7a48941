import hashlib

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import condition

from commun.exports import reponse_csv_ouverte, reponse_json_ouverte, reponse_xlsx, schema_de_table

from .jeux import JEUX, LICENCE

FORMATS = {"csv": "CSV", "json": "JSON", "xlsx": "tableur XLSX"}


def _jeu(cle):
    try:
        return JEUX[cle]
    except KeyError:
        raise Http404("Ce jeu de données n'existe pas.") from None


def _fiches(request):
    return [
        {
            "jeu": jeu,
            "derniere_modification": jeu.derniere_modification(),
            "liens": [(FORMATS[f], reverse("donnees:fichier", args=[jeu.cle, f])) for f in FORMATS],
            "schema": reverse("donnees:schema", args=[jeu.cle]),
        }
        for jeu in JEUX.values()
    ]


def accueil(request):
    return render(
        request,
        "donnees/donnees.html",
        {"rubrique": "donnees", "fiches": _fiches(request), "licence": LICENCE},
    )


def jeu_detail(request, cle):
    jeu = _jeu(cle)
    fiche = next(fiche for fiche in _fiches(request) if fiche["jeu"].cle == cle)
    return render(
        request,
        "donnees/jeu_detail.html",
        {
            "rubrique": "donnees",
            "fiche": fiche,
            "colonnes": jeu.colonnes(request),
            "licence": LICENCE,
            "page_de_liste": reverse(jeu.page_de_liste) if jeu.page_de_liste else "",
        },
    )


def _etag(request, cle, format):
    jeu = JEUX.get(cle)
    if jeu is None:
        return None
    objets, erreurs = jeu.filtrer(request.GET)
    empreinte = f"{cle}|{format}|{request.GET.urlencode()}|{jeu.derniere_modification()}|"
    empreinte += "erreur" if erreurs else str(objets.count())
    return hashlib.sha256(empreinte.encode()).hexdigest()[:32]


def _derniere_modification(request, cle, format):
    jeu = JEUX.get(cle)
    return jeu.derniere_modification() if jeu else None


@condition(etag_func=_etag, last_modified_func=_derniere_modification)
def fichier(request, cle, format):
    jeu = _jeu(cle)
    objets, erreurs = jeu.filtrer(request.GET)
    if erreurs:
        return HttpResponse(
            "Filtre invalide : " + " ".join(erreurs), status=400, content_type="text/plain; charset=utf-8"
        )
    colonnes = jeu.colonnes(request)
    lignes = jeu.objets_de(request, objets)
    nom = f"crpv-{cle}.{format}"
    if format == "csv":
        reponse = reponse_csv_ouverte(nom, colonnes, lignes)
    elif format == "json":
        reponse = reponse_json_ouverte(nom, colonnes, lignes)
    else:
        reponse = reponse_xlsx(nom, jeu.titre, colonnes, lignes)
    reponse["Link"] = f'<{request.build_absolute_uri(reverse("donnees:schema", args=[cle]))}>; rel="describedby"'
    return reponse


def schema(request, cle):
    jeu = _jeu(cle)
    schema = schema_de_table(jeu.cle, jeu.titre, jeu.description, jeu.colonnes(request), jeu.cle_primaire or None)
    schema["licenses"] = [{"name": "etalab-2.0", "title": LICENCE["nom"], "path": LICENCE["url"]}]
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})
