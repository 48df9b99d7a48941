"""Trigram indexes for the search of the agenda (``filtrer_texte``: any of the title, town, place or description
contains the text, accents and case ignored), so that it reads the index rather than every event. PostgreSQL
only; SQLite scans, at its sizes."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CHAMPS = ["titre", "ville", "lieu", "description"]


def sur_postgresql(creer):
    def executer(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for champ in CHAMPS:
            nom = f"evenements_evenement_{champ}_trgm"
            if creer:
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {nom} ON evenements_evenement "
                    f"USING gin ((lower(crpv_sans_accents({champ}))) gin_trgm_ops)"
                )
            else:
                schema_editor.execute(f"DROP INDEX IF EXISTS {nom}")

    return executer


class Migration(migrations.Migration):
    dependencies = [
        ("evenements", "0008_date_de_publication"),
        ("commun", "0004_sans_accents"),
    ]

    operations = [TrigramExtension(), migrations.RunPython(sur_postgresql(True), sur_postgresql(False))]
