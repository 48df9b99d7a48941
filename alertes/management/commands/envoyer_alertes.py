from django.core.management.base import BaseCommand, CommandError

from alertes.envoi import envoyer_les_alertes


class Command(BaseCommand):
    help = (
        "Envoie les alertes par courriel dues (nouveautés publiées depuis le dernier envoi, jamais deux fois la même) "
        "et supprime les demandes non confirmées depuis sept jours. À lancer chaque jour par cron ou un timer "
        "systemd ; sans danger si on le relance."
    )

    def handle(self, *args, **options):
        rapport = envoyer_les_alertes()
        self.stdout.write(
            f"{rapport.alertes} alerte(s) examinée(s), {rapport.courriels} courriel(s) envoyé(s) "
            f"({rapport.elements} nouveauté(s)), {rapport.supprimees} demande(s) périmée(s) supprimée(s)."
        )
        if rapport.erreurs:
            raise CommandError(f"{rapport.erreurs} envoi(s) en échec ; ils seront retentés au prochain passage.")
