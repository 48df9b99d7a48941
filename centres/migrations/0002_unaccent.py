from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The accent-insensitive search of the directory uses unaccent on PostgreSQL (no-op on SQLite)."""

    dependencies = [("centres", "0001_initial")]

    operations = [UnaccentExtension()]
