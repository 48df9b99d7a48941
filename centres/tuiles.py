"""What the tiles of the centres and of the quartiers show: the directory, the quartiers' list and /recherche/
choose their rows by key, then take them from here."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import OuterRef

from commun.cache import selon_le_contenu

from .couverture import avec_centres
from .models import Centre, Quartier


def centres_en_tuiles():
    """{pk: centre} of every public centre with its current label and its territory: three queries and some 200
    model instances, made once per version of the content, then read back from the cache (a tenth of the cost)."""
    return selon_le_contenu(
        "centres-en-tuiles",
        lambda: {centre.pk: centre for centre in Centre.objects.publics().avec_label_courant().avec_territoire()},
    )


def quartiers_en_tuiles(codes):
    """{code: quartier} of ``codes``, with their département, the names of their communes (``noms_des_communes``: an
    array in each row on PostgreSQL, one query of the link table elsewhere; a prefetch of the communes costs
    three times as much) and covering centres."""
    quartiers = Quartier.objects.filter(pk__in=codes).select_related("departement")
    liens = Quartier.communes.through.objects.order_by("commune__nom", "commune_id")
    if connections[quartiers.db].vendor == "postgresql":
        noms = liens.filter(quartier=OuterRef("pk")).values("commune__nom")
        quartiers = list(quartiers.annotate(noms_des_communes=ArraySubquery(noms)))
    else:
        quartiers, noms = list(quartiers), {}
        for code, nom in liens.filter(quartier__in=codes).values_list("quartier_id", "commune__nom"):
            noms.setdefault(code, []).append(nom)
        for quartier in quartiers:
            quartier.noms_des_communes = noms.get(quartier.pk, [])
    return {quartier.pk: quartier for quartier in avec_centres(quartiers)}
