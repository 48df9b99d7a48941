"""``crpv_sans_accents(text)``: PostgreSQL's unaccent, declared IMMUTABLE so that an index may use it.

``unaccent()`` itself is only STABLE (its dictionary could change): an expression index needs a function the
database may trust to give the same answer for the same text, which is true of the dictionary the portal uses.
``commun.texte.SansAccents`` calls this function.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION crpv_sans_accents(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""


class Migration(migrations.Migration):
    dependencies = [("commun", "0003_version_du_contenu")]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL([SQL], ["DROP FUNCTION IF EXISTS crpv_sans_accents(text)"]),
    ]
