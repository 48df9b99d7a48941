"""The counts of a search are now set operations written per search (``ressources.recherche.Formule``: intarray's
``&``, ``|`` and ``-`` over each word's array), no longer an aggregate of intersections: it is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0011_decomptes_tenus_par_la_base"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP AGGREGATE IF EXISTS ressources_intersection(integer[]);",
            "CREATE AGGREGATE ressources_intersection(integer[]) (SFUNC = _int_inter, STYPE = integer[]);",
        ),
    ]
