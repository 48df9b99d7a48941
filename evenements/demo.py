"""Demonstration events, clearly marked (``demonstration=True``, titles « [Démo] »), for development and
the benchmark. The project's ``generer_demo`` command calls ``generer`` and ``supprimer``."""

import datetime

from django.utils import timezone

from commun.enums import Statut
from ressources.demo import PHRASES, PREFIXE_TITRE, SUJETS, slugs_libres

from .enums import TypeEvenement
from .models import Evenement

LOT = 2000
VILLES = [
    "Lyon",
    "Saint-Denis",
    "Strasbourg",
    "Lille",
    "Nantes",
    "Toulouse",
    "Bordeaux",
    "Marseille",
    "Tours",
    "Rouen",
]


def supprimer():
    """Delete the demonstration events, and nothing else; the number of rows deleted."""
    nombre, _ = Evenement.objects.filter(demonstration=True).delete()
    return nombre


def generer(hasard, nombre, centres, graine):
    debut = Evenement.objects.filter(demonstration=True).count()
    aujourd_hui = timezone.localdate()
    types = [t for t in TypeEvenement if t != TypeEvenement.RENCONTRE_NATIONALE]
    for depart in range(0, nombre, LOT):
        lot, organisateurs = [], []
        for numero in range(depart + debut + 1, min(depart + LOT, nombre) + debut + 1):
            type_ = hasard.choice(types)
            jour = aujourd_hui + datetime.timedelta(days=hasard.randrange(-730, 365))
            en_ligne = type_ == TypeEvenement.WEBINAIRE
            horaire = hasard.random() < 0.6
            lot.append(
                Evenement(
                    titre=f"{PREFIXE_TITRE}{type_.label.capitalize()} sur {hasard.choice(SUJETS)} ({numero})",
                    slug=f"demo-{graine}-{numero}",
                    type=type_,
                    date_debut=jour,
                    date_fin=jour + datetime.timedelta(days=hasard.choice([0, 0, 0, 1])),
                    heure_debut=datetime.time(hasard.choice([9, 10, 14])) if horaire else None,
                    heure_fin=datetime.time(17) if horaire else None,
                    ville="" if en_ligne else hasard.choice(VILLES),
                    en_ligne=en_ligne,
                    description=" ".join(hasard.sample(PHRASES, 2)),
                    statut=Statut.PUBLIE if hasard.random() < 0.95 else Statut.BROUILLON,
                    demonstration=True,
                )
            )
            organisateurs.append(hasard.sample(centres, hasard.choice([1, 1, 2])))
        for evenement, slug in zip(lot, slugs_libres(Evenement, [e.slug for e in lot]), strict=True):
            evenement.slug = slug
        crees = Evenement.objects.bulk_create(lot)
        Evenement.centres.through.objects.bulk_create(
            Evenement.centres.through(evenement=evenement, centre=centre)
            for evenement, liste in zip(crees, organisateurs, strict=True)
            for centre in liste
        )
