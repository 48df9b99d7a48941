from django.apps import AppConfig
from django.db.models.signals import post_migrate

from centres.groupes import GROUPE_ANCT, GROUPE_EQUIPE, accorder_les_droits

# Teams write their productions (the bin instead of deleting: only superusers purge); ANCT reads them all and
# writes the network's collective ones (``Ressource.objects.modifiables_par``).
DROITS = {
    GROUPE_ANCT: [
        ("ressource", "view_ressource"),
        ("ressource", "add_ressource"),
        ("ressource", "change_ressource"),
        ("theme", "view_theme"),
    ],
    GROUPE_EQUIPE: [
        ("ressource", "view_ressource"),
        ("ressource", "add_ressource"),
        ("ressource", "change_ressource"),
        ("theme", "view_theme"),
    ],
}


class RessourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ressources"
    verbose_name = "ressources"

    def ready(self):
        from .blocs import enregistrer

        enregistrer()
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="ressources_droits_des_groupes"
        )
