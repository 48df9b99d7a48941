"""Trigram indexes for « a word of the name » searches of places (``Commune.objects.contenant``,
``correspondant``, ``Quartier.objects.correspondant``: ``LIKE '%mot%'``), so that the directory and /recherche/
read an index instead of the 35,000 communes."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = [
    ("centres_commune", "nom_normalise"),
    ("centres_commune", "anciens_noms_normalises"),
    ("centres_quartier", "nom_normalise"),
]


CREER = [
    f"CREATE INDEX IF NOT EXISTS {table}_{colonne}_trgm ON {table} USING gin ({colonne} gin_trgm_ops)"
    for table, colonne in INDEX
]
SUPPRIMER = [f"DROP INDEX IF EXISTS {table}_{colonne}_trgm" for table, colonne in INDEX]


class Migration(migrations.Migration):
    dependencies = [("centres", "0009_historique_des_departements")]

    operations = [TrigramExtension(), migrations.RunSQL(CREER, SUPPRIMER)]
