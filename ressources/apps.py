from django.apps import AppConfig
from django.db.models.signals import post_migrate

from centres.groupes import GROUPE_ANCT, GROUPE_EQUIPE, accorder_les_droits

# Teams write their ressources (the bin instead of deleting: only superusers purge); ANCT reads them all and
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
    # What its public pages show: a write to these tables moves the content\'s version (commun.declencheurs).
    contenu_public = ["Theme", "Ressource"]

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from commun.images import renditions_a_l_enregistrement

        from .blocs import enregistrer
        from .fichiers import taille_a_l_enregistrement

        enregistrer()
        # The cover's copies and the document's size are written when it is saved: pages never read the files.
        post_save.connect(
            renditions_a_l_enregistrement, sender="ressources.Ressource", dispatch_uid="ressources_renditions"
        )
        pre_save.connect(taille_a_l_enregistrement, sender="ressources.Ressource", dispatch_uid="ressources_taille")
        post_migrate.connect(
            accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="ressources_droits_des_groupes"
        )
