from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CrpvPortalConfig(AppConfig):
    name = "crpv_portal"
    verbose_name = "portail"

    def ready(self):
        from .texte import enregistrer_sur_sqlite

        connection_created.connect(enregistrer_sur_sqlite, dispatch_uid="crpv_unaccent_sqlite")
