"""What the harvest adds to « Mon centre »: what arrived from the centre's site since the team's last visit."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from centres.blocs import BLOCS_DE_MON_CENTRE
from commun.models import Provenance
from commun.registre import Bloc

ARRIVEES_MONTREES = 10


def arrivees_du_centre(centre, depuis=None):
    from evenements.models import Evenement
    from ressources.models import Ressource

    from .models import Source

    sources = list(Source.objects.filter(centre=centre).only("pk", "url", "erreur"))
    provenances = Provenance.objects.filter(source__in=[source.cle for source in sources]).select_related("type_objet")
    if depuis is not None:
        provenances = provenances.filter(cree_le__gt=depuis)
    lignes = []
    modeles = {ContentType.objects.get_for_model(modele).pk: modele for modele in (Ressource, Evenement)}
    for provenance in provenances.order_by("-cree_le")[:ARRIVEES_MONTREES]:
        modele = modeles.get(provenance.type_objet_id)
        objet = modele.objects.filter(pk=provenance.id_objet).only("pk", "titre").first() if modele else None
        if objet is not None:
            options = modele._meta
            lien = reverse(f"admin:{options.app_label}_{options.model_name}_change", args=[objet.pk])
            lignes.append({"texte": f"{objet.titre} ({options.verbose_name})", "lien": lien})
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
