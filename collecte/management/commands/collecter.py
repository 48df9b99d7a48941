from django.core.management.base import BaseCommand, CommandError

from centres.models import Centre
from collecte.collecte import collecter
from collecte.enums import TypeSource
from collecte.models import Source, fuseau_du_centre
from collecte.telechargement import CollecteImpossible, verifier_adresse


class Command(BaseCommand):
    help = (
        "Collecte ce que les centres publient sur leurs sites (flux RSS ou Atom, agendas iCalendar) : toutes les "
        "sources actives, ou une adresse pour un centre (--centre SLUG --url URL, la source est créée au besoin). "
        "Une ligne par source ; code de sortie 1 si une source a échoué. À lancer par cron ou un timer systemd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--centre", metavar="SLUG", help="identifiant d'adresse du centre")
        parser.add_argument("--url", help="adresse du flux ou de l'agenda")
        parser.add_argument(
            "--type",
            choices=TypeSource.values,
            help="ce que donne l'adresse (par défaut : agenda si elle finit par .ics, publications sinon)",
        )
        parser.add_argument(
            "--publier", action="store_true", help="publier aussitôt ce qui arrive (sinon : brouillons)"
        )

    def handle(self, *args, centre=None, url=None, type=None, publier=False, **options):
        if bool(centre) != bool(url):
            raise CommandError("--centre et --url vont ensemble : le centre, et l'adresse à collecter pour lui.")
        sources = (
            [self.source(centre, url, type, publier)] if url else Source.objects.actives().select_related("centre")
        )
        echecs = 0
        for source in sources:
            resultat = collecter(source)
            echecs += resultat.en_echec
            (self.stderr if resultat.en_echec else self.stdout).write(str(resultat))
        if echecs:
            raise CommandError(f"{echecs} source(s) en échec (voir ci-dessus) ; les autres ont été collectées.")

    def source(self, slug, url, type, publier):
        centre = Centre.objects.publics().filter(slug=slug).first()
        if centre is None:
            raise CommandError(f"Aucun centre n'a l'identifiant « {slug} ».")
        try:
            verifier_adresse(url)
        except CollecteImpossible as erreur:
            raise CommandError(str(erreur)) from None
        devine = TypeSource.AGENDA if url.split("?")[0].lower().endswith(".ics") else TypeSource.FLUX_RESSOURCES
        source, creee = Source.objects.get_or_create(
            centre=centre,
            url=url,
            defaults={"type": type or devine, "publier": publier, "fuseau_horaire": fuseau_du_centre(centre)},
        )
        if not creee and ((publier and not source.publier) or (type and type != source.type)):
            source.publier = source.publier or publier
            source.type = type or source.type
            source.save(update_fields=["publier", "type", "mis_a_jour_le"])
        return source
