"""What the tiles of the centres and of the quartiers show: the directory, the quartiers' list and /recherche/
choose their rows by key, then take them from here."""

from django.db.models import Prefetch

from commun.cache import selon_le_contenu

from .couverture import avec_centres
from .models import Centre, Commune, Quartier


def centres_en_tuiles():
    """{pk: centre} of every public centre with its current label and its territory: three queries and some 200
    model instances, made once per version of the content, then read back from the cache (a tenth of the cost)."""
    return selon_le_contenu(
        "centres-en-tuiles",
        lambda: {centre.pk: centre for centre in Centre.objects.publics().avec_label_courant().avec_territoire()},
    )


def quartiers_en_tuiles(codes):
    """{code: quartier} of ``codes``, with their département, communes and covering centres."""
    quartiers = Quartier.objects.filter(pk__in=codes).select_related("departement__region")
    quartiers = quartiers.prefetch_related(Prefetch("communes", queryset=Commune.objects.order_by("nom")))
    return {quartier.pk: quartier for quartier in avec_centres(quartiers)}
