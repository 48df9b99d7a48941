"""What the tiles of the centres and of the quartiers show: the directory, the quartiers' list and /recherche/
choose their rows by key, then take them from here."""

from commun.cache import selon_le_contenu
from commun.listes import ListeParLigne

from .couverture import avec_centres
from .models import Centre, Quartier

# A quartier's communes, by name.
NOMS_DES_COMMUNES = ListeParLigne(
    Quartier.communes.through.objects.order_by("commune__nom", "commune_id"), "quartier", "commune__nom"
)


def centres_en_tuiles():
    """{pk: centre} of every public centre with its current label and its territory: three queries and some 200
    model instances, made once per version of the content, then read back from the cache (a tenth of the cost)."""
    return selon_le_contenu(
        "centres-en-tuiles",
        lambda: {centre.pk: centre for centre in Centre.objects.publics().avec_label_courant().avec_territoire()},
    )


def quartiers_en_tuiles(codes):
    """{code: quartier} of ``codes``, with their département, the names of their communes (``noms_des_communes``,
    ``commun.listes.ListeParLigne``: a prefetch of the communes costs three times as much) and covering centres."""
    quartiers = NOMS_DES_COMMUNES.annoter(
        Quartier.objects.filter(pk__in=codes).select_related("departement"), "noms_des_communes"
    )
    quartiers = NOMS_DES_COMMUNES.completer(list(quartiers), "noms_des_communes")
    return {quartier.pk: quartier for quartier in avec_centres(quartiers)}
