"""What the harvest adds to « Mon centre »: what arrived from the centre's site since the team's last visit."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE
from commun.models import Provenance
from commun.registre import Bloc
from evenements.models import Evenement
from ressources.models import Ressource

from .models import Source

ARRIVEES_MONTREES = 10


def arrivees_du_centre(centre, depuis=None):
    sources = list(Source.objects.filter(centre=centre).only("pk", "url", "erreur"))
    provenances = Provenance.objects.filter(source__in=[source.cle for source in sources])
    if depuis is not None:
        provenances = provenances.filter(cree_le__gt=depuis)
    ids_par_type = {}
    for type_objet, id_objet in provenances.order_by("-cree_le").values_list("type_objet_id", "id_objet")[:200]:
        ids_par_type.setdefault(type_objet, []).append(id_objet)
    lignes = []
    for modele in (Ressource, Evenement):
        ids = ids_par_type.get(ContentType.objects.get_for_model(modele).pk, [])
        # The occurrences of a recurring event arrive as many events: one line, with their number.
        par_titre = {}
        for objet in modele.objects.filter(pk__in=ids).only("pk", "titre").order_by("pk"):
            par_titre.setdefault(objet.titre, []).append(objet.pk)
        options = modele._meta
        for titre, pks in list(par_titre.items())[:ARRIVEES_MONTREES]:
            nombre = f", {len(pks)} dates" if len(pks) > 1 else ""
            lignes.append(
                {
                    "texte": f"{titre} ({options.verbose_name}{nombre})",
                    "lien": reverse(f"admin:{options.app_label}_{options.model_name}_change", args=[pks[0]]),
                }
            )
    lignes += [
        {"texte": f"Échec de la collecte de {source.url} : {source.erreur}", "lien": source.get_absolute_url()}
        for source in sources
        if source.erreur
    ]
    return {
        "titre": "Arrivé de votre site depuis votre dernière visite" if depuis else "Arrivé de votre site",
        "lignes": lignes,
        "ajouter": reverse("admin:collecte_source_add"),
        "libelle_ajouter": "Ajouter un flux ou un agenda de votre site",
    }


def enregistrer():
    BLOCS_DE_MON_CENTRE.ajouter(Bloc(cle="collecte", ordre=30, gabarit="", contexte=arrivees_du_centre))
