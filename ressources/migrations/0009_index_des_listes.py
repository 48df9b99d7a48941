"""Indexes for the lists at any size.

- ``ressources_recentes``: the latest published first (lists, home page, a centre's page) read in the index's
  order, without a sort (``ORDER BY date_publication DESC NULLS LAST, id DESC``).
- ``ressources_statut_type``: the counts by type, an index-only scan.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0008_documents_prives"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="ressource", name="ressources_statut_date"),
        migrations.RunSQL(
            "CREATE INDEX ressources_recentes ON ressources_ressource "
            "(statut, date_publication DESC NULLS LAST, id DESC)",
            "DROP INDEX IF EXISTS ressources_recentes",
        ),
        migrations.AddIndex(
            model_name="ressource",
            index=models.Index(fields=["statut", "type"], name="ressources_statut_type"),
        ),
    ]
