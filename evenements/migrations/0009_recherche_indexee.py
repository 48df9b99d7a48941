"""Trigram indexes for the search of the agenda (``filtrer_texte``: any of the title, town, place or description
contains the text, accents and case ignored), so that it reads the index rather than every event (replaced by one
index in 0011)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CHAMPS = ["titre", "ville", "lieu", "description"]


CREER = [
    f"CREATE INDEX IF NOT EXISTS evenements_evenement_{champ}_trgm ON evenements_evenement "
    f"USING gin ((lower(crpv_sans_accents({champ}))) gin_trgm_ops)"
    for champ in CHAMPS
]
SUPPRIMER = [f"DROP INDEX IF EXISTS evenements_evenement_{champ}_trgm" for champ in CHAMPS]


class Migration(migrations.Migration):
    dependencies = [
        ("evenements", "0008_date_de_publication"),
        ("commun", "0004_sans_accents"),
    ]

    operations = [TrigramExtension(), migrations.RunSQL(CREER, SUPPRIMER)]
