from django.core.management.base import BaseCommand, CommandError

from crpv_portal.sauvegarde import SauvegardeImpossible, restaurer


class Command(BaseCommand):
    help = "Restaure une sauvegarde (base et fichiers) dans la base configurée, qui doit être neuve."

    def add_arguments(self, parser):
        parser.add_argument("sauvegarde", help="le dossier d'une sauvegarde écrite par « sauvegarder »")

    def handle(self, *args, sauvegarde, **options):
        try:
            manifeste = restaurer(sauvegarde)
        except SauvegardeImpossible as erreur:
            raise CommandError(str(erreur)) from None
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde du {manifeste['date']} restaurée."))
