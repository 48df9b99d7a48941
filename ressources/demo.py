"""Demonstration ressources, clearly marked (``demonstration=True``, titles « [Démo] »), for development and
the benchmark. The project's ``generer_demo`` command calls ``generer`` and ``supprimer``."""

import datetime

from django.utils.text import slugify

from commun.enums import Statut

from .enums import TypeRessource
from .models import Ressource

PREFIXE_TITRE = "[Démo] "
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


def supprimer():
    """Delete the demonstration ressources, and nothing else; the number of rows deleted."""
    nombre, _ = Ressource.objects.filter(demonstration=True).delete()
    return nombre


def slugs_libres(modele, slugs):
    """``slugs`` with a suffix where a row (a real one, perhaps) already holds the address."""
    pris = set(modele.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [f"{slug[:110]}-demo-bis" if slug in pris else slug for slug in slugs]


def generer(hasard, nombre, centres, themes, graine):
    debut = Ressource.objects.filter(demonstration=True).count()
    for depart in range(0, nombre, LOT):
        lot, liens_centres, liens_themes = [], [], []
        for numero in range(depart + debut + 1, min(depart + LOT, nombre) + debut + 1):
            type_ = hasard.choice(list(FORMES))
            sujet = hasard.choice(SUJETS)
            collective = hasard.random() < 0.1
            lot.append(
                Ressource(
                    titre=f"{PREFIXE_TITRE}{FORMES[type_].format(sujet)} ({numero})",
                    slug=f"demo-{graine}-{numero}-{slugify(sujet)}"[:120],
                    type=type_,
                    resume=" ".join(hasard.sample(PHRASES, 2)),
                    corps="".join(f"<p>{phrase}</p>" for phrase in hasard.sample(PHRASES, 3)),
                    date_publication=datetime.date(2012, 1, 1) + datetime.timedelta(days=hasard.randrange(5000)),
                    collective=collective,
                    lien_externe=f"https://example.org/demonstration/{numero}",
                    statut=Statut.PUBLIE if hasard.random() < 0.95 else Statut.BROUILLON,
                    demonstration=True,
                )
            )
            liens_centres.append([] if collective else hasard.sample(centres, hasard.choice([1, 1, 1, 2])))
            liens_themes.append(hasard.sample(themes, min(len(themes), hasard.choice([1, 2, 3]))))
        for ressource, slug in zip(lot, slugs_libres(Ressource, [r.slug for r in lot]), strict=True):
            ressource.slug = slug
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
