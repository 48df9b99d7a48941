"""The counts of a search are made on its results, in one pass (``ressources.recherche.decomptes``), and kept per
version of the content in the cache: the tables of migrations 0010-0011, their six triggers and three functions,
and intarray are dropped. At 100,000 productions they took 970 MB beside the productions' 175 MB, and a one-row
UPDATE of a production cost 9 times what it costs without triggers.

The vector of the search is recomputed only when the title, the summary or the body changes: Django's ``save()``
writes every column, and ``UPDATE OF`` alone fired the trigger at each save."""

from django.db import migrations

DECOMPTES = """
DROP TRIGGER IF EXISTS ressources_decomptes_insertion ON ressources_ressource;
DROP TRIGGER IF EXISTS ressources_decomptes_modification ON ressources_ressource;
DROP TRIGGER IF EXISTS ressources_decomptes_suppression ON ressources_ressource;
DROP TRIGGER IF EXISTS ressources_decomptes_insertion ON ressources_ressource_themes;
DROP TRIGGER IF EXISTS ressources_decomptes_modification ON ressources_ressource_themes;
DROP TRIGGER IF EXISTS ressources_decomptes_suppression ON ressources_ressource_themes;
DROP FUNCTION IF EXISTS ressources_decomptes_des_ressources();
DROP FUNCTION IF EXISTS ressources_decomptes_des_themes();
DROP FUNCTION IF EXISTS ressources_recompter();
DROP AGGREGATE IF EXISTS ressources_intersection(integer[]);
"""

VECTEUR = """
DROP TRIGGER IF EXISTS ressources_ressource_vecteur ON ressources_ressource;
CREATE TRIGGER ressources_ressource_vecteur
  BEFORE INSERT ON ressources_ressource
  FOR EACH ROW EXECUTE FUNCTION ressources_ressource_vecteur();
CREATE TRIGGER ressources_ressource_vecteur_modifie
  BEFORE UPDATE OF titre, resume, corps ON ressources_ressource
  FOR EACH ROW
  WHEN (OLD.titre IS DISTINCT FROM NEW.titre OR OLD.resume IS DISTINCT FROM NEW.resume
        OR OLD.corps IS DISTINCT FROM NEW.corps)
  EXECUTE FUNCTION ressources_ressource_vecteur();
"""

VECTEUR_INVERSE = """
DROP TRIGGER IF EXISTS ressources_ressource_vecteur_modifie ON ressources_ressource;
DROP TRIGGER IF EXISTS ressources_ressource_vecteur ON ressources_ressource;
CREATE TRIGGER ressources_ressource_vecteur
  BEFORE INSERT OR UPDATE OF titre, resume, corps ON ressources_ressource
  FOR EACH ROW EXECUTE FUNCTION ressources_ressource_vecteur();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0012_sans_agregat_d_intersection"),
    ]

    operations = [
        # Not reversible: the counts tables' content was never meant to be restored.
        migrations.RunSQL(DECOMPTES),
        migrations.DeleteModel(name="DecompteParTheme"),
        migrations.DeleteModel(name="DecompteParType"),
        migrations.RunSQL("DROP EXTENSION IF EXISTS intarray"),
        migrations.RunSQL(VECTEUR, VECTEUR_INVERSE),
    ]
