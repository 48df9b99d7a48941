"""Trigram indexes for « a word of the name » searches of places (``Commune.objects.contenant``,
``correspondant``, ``Quartier.objects.correspondant``: ``LIKE '%mot%'``), so that the directory and /recherche/
read an index instead of the 35,000 communes. PostgreSQL only; SQLite scans."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = [
    ("centres_commune", "nom_normalise"),
    ("centres_commune", "anciens_noms_normalises"),
    ("centres_quartier", "nom_normalise"),
]


def sur_postgresql(creer):
    def executer(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, colonne in INDEX:
            nom = f"{table}_{colonne}_trgm"
            if creer:
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {nom} ON {table} USING gin ({colonne} gin_trgm_ops)"
                )
            else:
                schema_editor.execute(f"DROP INDEX IF EXISTS {nom}")

    return executer


class Migration(migrations.Migration):
    dependencies = [("centres", "0009_historique_des_departements")]

    operations = [TrigramExtension(), migrations.RunPython(sur_postgresql(True), sur_postgresql(False))]
