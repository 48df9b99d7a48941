from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The accent-insensitive search of the directory uses PostgreSQL's unaccent."""

    dependencies = [("centres", "0001_initial")]

    operations = [UnaccentExtension()]
