"""French full-text search (see ressources/recherche.py).

- text search configuration ``crpv_fr``: French stemming after unaccent;
- ``vecteur_recherche`` kept current by a trigger (title A, summary B, body C), so that
  ``bulk_create`` and ``update()`` keep it right too;
- a GIN index on it, and a trigram index on the title for typos.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQL = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'crpv_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION crpv_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION crpv_fr
      ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart WITH unaccent, french_stem;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ressources_ressource_vecteur() RETURNS trigger AS $$
BEGIN
  NEW.vecteur_recherche :=
    setweight(to_tsvector('crpv_fr', coalesce(NEW.titre, '')), 'A') ||
    setweight(to_tsvector('crpv_fr', coalesce(NEW.resume, '')), 'B') ||
    setweight(to_tsvector('crpv_fr', coalesce(NEW.corps, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS ressources_ressource_vecteur ON ressources_ressource;
CREATE TRIGGER ressources_ressource_vecteur
  BEFORE INSERT OR UPDATE OF titre, resume, corps ON ressources_ressource
  FOR EACH ROW EXECUTE FUNCTION ressources_ressource_vecteur();

UPDATE ressources_ressource SET titre = titre;

CREATE INDEX IF NOT EXISTS ressources_ressource_vecteur_gin ON ressources_ressource USING gin (vecteur_recherche);
CREATE INDEX IF NOT EXISTS ressources_ressource_titre_trgm ON ressources_ressource USING gin (titre gin_trgm_ops);
"""

SQL_INVERSE = """
DROP INDEX IF EXISTS ressources_ressource_titre_trgm;
DROP INDEX IF EXISTS ressources_ressource_vecteur_gin;
DROP TRIGGER IF EXISTS ressources_ressource_vecteur ON ressources_ressource;
DROP FUNCTION IF EXISTS ressources_ressource_vecteur();
DROP TEXT SEARCH CONFIGURATION IF EXISTS crpv_fr;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0001_initial"),
        ("centres", "0002_unaccent"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunSQL([SQL], [SQL_INVERSE]),
    ]
