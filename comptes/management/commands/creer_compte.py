from django.core.management.base import BaseCommand, CommandError

from comptes.invitations import InvitationImpossible, centres_nommes, inviter, lien_d_invitation, validite_en_jours


class Command(BaseCommand):
    help = (
        "Crée (ou complète) le compte d'une personne d'un centre (--centre, autant que nécessaire) ou de l'ANCT "
        "(--anct), et affiche le lien, à usage unique, où elle choisit son mot de passe."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse électronique de la personne (son identifiant de connexion)")
        parser.add_argument(
            "--centre", action="append", default=[], metavar="SLUG", help="identifiant d'adresse d'un centre"
        )
        parser.add_argument("--anct", action="store_true", help="compte d'un agent de l'ANCT")

    def handle(self, *args, email, centre, anct, **options):
        try:
            centres = centres_nommes(centre)
            utilisateur, cree = inviter(email, centres=centres, anct=anct)
        except InvitationImpossible as erreur:
            raise CommandError(str(erreur)) from None
        role = "ANCT" if anct else "équipe de " + ", ".join(c.nom_court for c in centres)
        self.stdout.write(f"Compte {'créé' if cree else 'complété'} : {utilisateur.email} ({role}).")
        self.stdout.write(
            f"Lien à transmettre à la personne, valable {validite_en_jours()} jours et une seule fois, "
            "pour choisir son mot de passe :"
        )
        self.stdout.write(lien_d_invitation(utilisateur))
