"""Demonstration data, clearly marked, deterministic for a seed, in any amount.

Every generated title starts with « [Démo] » and every slug with « demo- »: ``--supprimer`` removes
exactly them. ``make run`` never loads them; ``make demo`` loads a small set.
"""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from centres.models import Centre
from evenements.enums import TypeEvenement
from evenements.models import Evenement
from ressources.enums import Statut, TypeRessource
from ressources.models import Ressource, Theme

PREFIXE_TITRE = "[Démo] "
PREFIXE_SLUG = "demo-"
LOT = 2000

SUJETS = [
    "la participation des habitants",
    "l'insertion professionnelle des jeunes",
    "la réussite éducative",
    "la santé mentale dans les quartiers",
    "le renouvellement urbain",
    "l'égalité femmes-hommes",
    "la lutte contre les discriminations",
    "la tranquillité publique",
    "la transition écologique des quartiers",
    "l'accès au numérique",
    "les conseils citoyens",
    "l'observation des territoires",
    "la culture et l'éducation populaire",
    "le développement économique local",
]
FORMES = {
    TypeRessource.ETUDE: "Étude sur {}",
    TypeRessource.GUIDE: "Guide pratique : {}",
    TypeRessource.FICHE_EXPERIENCE: "Fiche expérience : {}",
    TypeRessource.ACTES: "Actes de la journée consacrée à {}",
    TypeRessource.VIDEO: "Vidéo : regards croisés sur {}",
    TypeRessource.PODCAST: "Podcast : paroles d'acteurs sur {}",
    TypeRessource.PUBLICATION: "Repères sur {}",
    TypeRessource.OUTIL: "Boîte à outils pour {}",
    TypeRessource.LETTRE: "Lettre d'information : {}",
}
PHRASES = [
    "Ce document de démonstration illustre ce que publient les centres de ressources.",
    "Il croise les regards de professionnels, d'élus et d'habitants.",
    "Des pistes d'action et des exemples sont proposés pour les équipes projet.",
    "Les enseignements sont tirés d'échanges de pratiques menés sur le territoire.",
    "Il ne décrit aucune action réelle : ces données servent au développement et aux mesures.",
]
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


class Command(BaseCommand):
    help = "Génère des données de démonstration (titres « [Démo] »), reproductibles pour une graine donnée."

    def add_arguments(self, parser):
        parser.add_argument("--ressources", type=int, default=0, help="nombre de ressources à générer")
        parser.add_argument("--evenements", type=int, default=0, help="nombre d'événements à générer")
        parser.add_argument("--graine", type=int, default=1, help="graine du générateur (même graine, mêmes données)")
        parser.add_argument("--supprimer", action="store_true", help="supprime d'abord les données de démonstration")

    @transaction.atomic
    def handle(self, *args, ressources, evenements, graine, supprimer, **options):
        if ressources < 0 or evenements < 0:
            raise CommandError("Les nombres de ressources et d'événements doivent être positifs.")
        if supprimer:
            r, _ = Ressource.objects.filter(slug__startswith=PREFIXE_SLUG).delete()
            e, _ = Evenement.objects.filter(slug__startswith=PREFIXE_SLUG).delete()
            self.stdout.write(f"Supprimé : {r} lignes de ressources, {e} lignes d'événements de démonstration.")
        centres = list(Centre.objects.order_by("slug"))
        themes = list(Theme.objects.order_by("slug"))
        if (ressources or evenements) and not centres:
            raise CommandError("Aucun centre : lancez d'abord « manage.py charger_donnees ».")
        hasard = random.Random(graine)
        if ressources:
            self.generer_ressources(hasard, ressources, centres, themes, graine)
        if evenements:
            self.generer_evenements(hasard, evenements, centres, graine)
        self.stdout.write(self.style.SUCCESS(f"{ressources} ressources et {evenements} événements générés."))

    def generer_ressources(self, hasard, nombre, centres, themes, graine):
        debut = Ressource.objects.filter(slug__startswith=PREFIXE_SLUG).count()
        for depart in range(0, nombre, LOT):
            lot, liens_centres, liens_themes = [], [], []
            for numero in range(depart, min(depart + LOT, nombre)):
                type_ = hasard.choice(list(FORMES))
                sujet = hasard.choice(SUJETS)
                titre = f"{PREFIXE_TITRE}{FORMES[type_].format(sujet)} ({debut + numero + 1})"
                collective = hasard.random() < 0.1
                lot.append(
                    Ressource(
                        titre=titre,
                        slug=f"{PREFIXE_SLUG}{graine}-{debut + numero + 1}-{slugify(sujet)}"[:120],
                        type=type_,
                        resume=" ".join(hasard.sample(PHRASES, 2)),
                        corps="".join(f"<p>{phrase}</p>" for phrase in hasard.sample(PHRASES, 3)),
                        date_publication=datetime.date(2012, 1, 1) + datetime.timedelta(days=hasard.randrange(5000)),
                        collective=collective,
                        lien_externe=f"https://example.org/demonstration/{debut + numero + 1}",
                        statut=Statut.PUBLIEE if hasard.random() < 0.95 else Statut.BROUILLON,
                    )
                )
                liens_centres.append([] if collective else hasard.sample(centres, hasard.choice([1, 1, 1, 2])))
                liens_themes.append(hasard.sample(themes, min(len(themes), hasard.choice([1, 2, 3]))))
            creees = Ressource.objects.bulk_create(lot)
            Ressource.centres.through.objects.bulk_create(
                Ressource.centres.through(ressource=ressource, centre=centre)
                for ressource, liste in zip(creees, liens_centres, strict=True)
                for centre in liste
            )
            Ressource.themes.through.objects.bulk_create(
                Ressource.themes.through(ressource=ressource, theme=theme)
                for ressource, liste in zip(creees, liens_themes, strict=True)
                for theme in liste
            )

    def generer_evenements(self, hasard, nombre, centres, graine):
        debut = Evenement.objects.filter(slug__startswith=PREFIXE_SLUG).count()
        aujourd_hui = datetime.date.today()
        types = [t for t in TypeEvenement if t != TypeEvenement.RENCONTRE_NATIONALE]
        for depart in range(0, nombre, LOT):
            lot, organisateurs = [], []
            for numero in range(depart, min(depart + LOT, nombre)):
                type_ = hasard.choice(types)
                jour = aujourd_hui + datetime.timedelta(days=hasard.randrange(-730, 365))
                en_ligne = type_ == TypeEvenement.WEBINAIRE
                horaire = hasard.random() < 0.6
                lot.append(
                    Evenement(
                        titre=(
                            f"{PREFIXE_TITRE}{type_.label.capitalize()} sur {hasard.choice(SUJETS)} "
                            f"({debut + numero + 1})"
                        ),
                        slug=f"{PREFIXE_SLUG}{graine}-{debut + numero + 1}",
                        type=type_,
                        date_debut=jour,
                        date_fin=jour + datetime.timedelta(days=hasard.choice([0, 0, 0, 1])),
                        heure_debut=datetime.time(hasard.choice([9, 10, 14])) if horaire else None,
                        heure_fin=datetime.time(17) if horaire else None,
                        ville="" if en_ligne else hasard.choice(VILLES),
                        en_ligne=en_ligne,
                        description=" ".join(hasard.sample(PHRASES, 2)),
                    )
                )
                organisateurs.append(hasard.sample(centres, hasard.choice([1, 1, 2])))
            crees = Evenement.objects.bulk_create(lot)
            Evenement.centres.through.objects.bulk_create(
                Evenement.centres.through(evenement=evenement, centre=centre)
                for evenement, liste in zip(crees, organisateurs, strict=True)
                for centre in liste
            )
