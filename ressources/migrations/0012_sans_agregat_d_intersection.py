"""The counts of a search are now set operations written per search (``ressources.recherche.Formule``: intarray's
``&``, ``|`` and ``-`` over each word's array), no longer an aggregate of intersections: it is dropped. Nothing on
SQLite."""

from django.db import migrations

from commun.declencheurs import sur_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0011_decomptes_tenus_par_la_base"),
    ]

    operations = [
        migrations.RunPython(
            sur_postgresql("DROP AGGREGATE IF EXISTS ressources_intersection(integer[]);"),
            sur_postgresql(
                "CREATE AGGREGATE ressources_intersection(integer[]) (SFUNC = _int_inter, STYPE = integer[]);"
            ),
        ),
    ]
