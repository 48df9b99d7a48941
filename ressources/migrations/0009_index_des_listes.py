"""Indexes for the lists at any size.

- ``ressources_recentes``: the latest published first (lists, home page, a centre's page) read in the index's
  order, without a sort. Written by hand: SQLite refuses ``NULLS LAST`` in an index, and its descending order
  already puts NULL last, as the lists' ``ORDER BY date_publication DESC NULLS LAST`` does.
- ``ressources_statut_type``: the counts by type, an index-only scan.
"""

from django.db import migrations, models


def creer_recentes(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        "CREATE INDEX ressources_recentes ON ressources_ressource "
        f"(statut, date_publication DESC{nulls}, id DESC)"
    )


def supprimer_recentes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS ressources_recentes")


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0008_documents_prives"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="ressource", name="ressources_statut_date"),
        migrations.RunPython(creer_recentes, supprimer_recentes),
        migrations.AddIndex(
            model_name="ressource",
            index=models.Index(fields=["statut", "type"], name="ressources_statut_type"),
        ),
    ]
