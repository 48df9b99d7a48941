from django.apps import AppConfig
from django.db.models.signals import post_migrate

from centres.groupes import GROUPE_ANCT, GROUPE_EQUIPE, accorder_les_droits

# Teams write their events and photos (the bin instead of deleting an event: only superusers purge); ANCT reads.
DROITS = {
    GROUPE_ANCT: [("evenement", "view_evenement"), ("photo", "view_photo")],
    GROUPE_EQUIPE: [
        ("evenement", "view_evenement"),
        ("evenement", "add_evenement"),
        ("evenement", "change_evenement"),
        ("photo", "view_photo"),
        ("photo", "add_photo"),
        ("photo", "change_photo"),
        ("photo", "delete_photo"),
    ],
}


class EvenementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evenements"
    verbose_name = "événements"
    # What its public pages show: a write to these tables moves the content\'s version (commun.declencheurs).
    contenu_public = ["Evenement", "Photo"]

    def ready(self):
        from django.db.models.signals import post_save

        from commun.images import renditions_a_l_enregistrement

        from .blocs import enregistrer

        enregistrer()
        # A photo's copies are made when it is saved, never by a visitor's request.
        post_save.connect(
            renditions_a_l_enregistrement, sender="evenements.Photo", dispatch_uid="evenements_renditions"
        )
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="evenements_droits_des_groupes"
        )
