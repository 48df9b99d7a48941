"""Django's PostgreSQL engine, on the embedded server (``crpv_portal.postgres_embarque``), started at the first
connection."""

from django.db.backends.postgresql import base

from . import parametres


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        self.settings_dict["HOST"], self.settings_dict["PORT"] = parametres()
        return super().get_connection_params()
