from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CentresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "centres"
    verbose_name = "centres et territoires"
    # What its public pages show: a write to these tables moves the content's version (commun.declencheurs).
    contenu_public = ["Region", "Departement", "Commune", "Quartier", "Centre", "Contact", "Label"]

    def ready(self):
        from django.db.models.signals import post_save

        from commun.images import renditions_a_l_enregistrement

        from .blocs import enregistrer
        from .groupes import DROITS, accorder_les_droits

        enregistrer()
        # The logo's copies are made when it is saved, never by a visitor's request.
        post_save.connect(renditions_a_l_enregistrement, sender="centres.Centre", dispatch_uid="centres_renditions")
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="centres_droits_des_groupes"
        )
