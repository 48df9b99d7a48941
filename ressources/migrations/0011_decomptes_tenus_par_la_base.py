"""The counts of a search at any size (see ressources/recherche.py).

``DecompteParType`` and ``DecompteParTheme`` hold, for each word of the published productions (a stemmed word of
``vecteur_recherche``) and each type or theme, collective or not, the identifiers of the productions that hold it
(``ids``, a sorted array of 32-bit integers, as intarray works on, beside its length ``nombre``). Statement triggers
(transition tables: one pass per statement, ``bulk_create`` and imports included) on the productions and on their
themes keep them: each statement adds the rows it writes and takes away those it replaces or deletes; a key left
with no production is deleted. The counts of a search of several words are then the sizes of the intersections
of their arrays (``ressources_intersection``, an aggregate over intarray's ``&``), read without touching the
productions. Every published production also holds the empty word (no search word is empty): its keys count
the whole list, so that a list without a search reads its counts there too. ``ressources_recompter()``
rebuilds both tables.

Also a trigram index on the words: the spelling reference of a search that finds nothing. Neither GIN index keeps
a pending list (``fastupdate = off``): after an import of a few thousand productions, every search would read
that list whole until the next vacuum (65 ms a search, measured at 100,000 productions).

intarray (a trusted PostgreSQL extension) adds integer-array operators; the portal has no other integer array.
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

# The rows of a statement, signed: +1 for what it writes, -1 for what it replaces or deletes.
LIGNES = {
    "ressources": {
        "INSERT": "SELECT id, type, collective, statut, vecteur_recherche, 1 AS signe FROM nouvelles",
        "DELETE": "SELECT id, type, collective, statut, vecteur_recherche, -1 AS signe FROM anciennes",
        "UPDATE": "SELECT id, type, collective, statut, vecteur_recherche, 1 AS signe FROM nouvelles "
        "UNION ALL SELECT id, type, collective, statut, vecteur_recherche, -1 FROM anciennes",
    },
    "themes": {
        "INSERT": "SELECT ressource_id, theme_id, 1 AS signe FROM nouveaux",
        "DELETE": "SELECT ressource_id, theme_id, -1 AS signe FROM anciens",
        "UPDATE": "SELECT ressource_id, theme_id, 1 AS signe FROM nouveaux "
        "UNION ALL SELECT ressource_id, theme_id, -1 FROM anciens",
    },
}

TYPES = "ressources_decomptepartype"
THEMES = "ressources_decomptepartheme"


def _selon_l_operation(lignes):
    return "CASE TG_OP " + " ".join(f"WHEN '{op}' THEN '{sql}'" for op, sql in lignes.items()) + " END"


def _tenir(table, cle, source, nom):
    """CTEs that apply ``source`` (rows ``mot, collective, <cle>, id, signe``) to ``table``, named ``nom_*``; the
    last one, ``nom_vides``, gives the words of the keys left empty."""
    vide = "'{}'::integer[]"
    apres = f"(c.ids - coalesce(g.retirees, {vide})) | coalesce(g.ajoutees, {vide})"
    return f"""
    {nom}_nets AS (
      SELECT mot, collective, {cle}, id, sum(signe) AS signe FROM {source}
      GROUP BY 1, 2, 3, 4 HAVING sum(signe) <> 0
    ), {nom}_groupes AS (
      SELECT mot, collective, {cle},
             sort(array_agg(id::integer) FILTER (WHERE signe > 0)) AS ajoutees,
             sort(array_agg(id::integer) FILTER (WHERE signe < 0)) AS retirees
      FROM {nom}_nets GROUP BY 1, 2, 3
    ), {nom}_modifies AS (
      UPDATE {table} c SET ids = {apres}, nombre = icount({apres})
      FROM {nom}_groupes g
      WHERE c.mot = g.mot AND c.collective = g.collective AND c.{cle} = g.{cle}
      RETURNING c.mot, c.collective, c.{cle}, c.nombre
    ), {nom}_ajoutes AS (
      INSERT INTO {table} AS c (mot, collective, {cle}, nombre, ids)
      SELECT g.mot, g.collective, g.{cle}, icount(g.ajoutees), g.ajoutees FROM {nom}_groupes g
      WHERE g.ajoutees IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {nom}_modifies m WHERE m.mot = g.mot AND m.collective = g.collective AND m.{cle} = g.{cle}
      )
      ORDER BY 1, 2, 3
      ON CONFLICT (mot, collective, {cle}) DO UPDATE SET ids = c.ids | EXCLUDED.ids, nombre = icount(c.ids | EXCLUDED.ids)
      RETURNING 1
    ), {nom}_vides AS (
      SELECT mot FROM {nom}_modifies WHERE nombre = 0
    )"""


def _fonction(nom, table, requete):
    """The statement trigger ``nom`` on ``table`` (a key of ``LIGNES``): ``requete``, given the statement's signed
    rows for its ``%s``, applies them and gives the words of the keys left empty, which are then deleted, in a
    second statement (the first one cannot see its own writes)."""
    return f"""
CREATE FUNCTION {nom}() RETURNS trigger AS $$
DECLARE
  lignes text := {_selon_l_operation(LIGNES[table])};
  vides text[];
BEGIN
  EXECUTE format($sql${requete}
  $sql$, lignes) INTO vides;
  IF cardinality(vides) > 0 THEN
    DELETE FROM {TYPES} WHERE mot = ANY(vides) AND nombre = 0;
    DELETE FROM {THEMES} WHERE mot = ANY(vides) AND nombre = 0;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;"""


# The statement's words of the productions, then of the themes' rows, applied to the counts.
PAR_LES_RESSOURCES = _fonction(
    "ressources_decomptes_des_ressources",
    "ressources",
    f"""
    WITH mots AS (
      SELECT m.mot, d.id, d.type, d.collective, d.signe
      FROM (%s) d, unnest(array_append(tsvector_to_array(d.vecteur_recherche), '')) AS m(mot)
      WHERE d.statut = 'publiee'
    ), mots_themes AS (
      SELECT mots.mot, mots.collective, t.theme_id, mots.id, mots.signe
      FROM mots JOIN ressources_ressource_themes t ON t.ressource_id = mots.id
    ),
    {_tenir(TYPES, "type", "mots", "types")},
    {_tenir(THEMES, "theme_id", "mots_themes", "themes")}
    SELECT array(SELECT mot FROM types_vides UNION SELECT mot FROM themes_vides)""",
)
PAR_LES_THEMES = _fonction(
    "ressources_decomptes_des_themes",
    "themes",
    f"""
    WITH mots_themes AS (
      SELECT m.mot, r.collective, l.theme_id, r.id, l.signe
      FROM (%s) l
      JOIN ressources_ressource r ON r.id = l.ressource_id AND r.statut = 'publiee',
      unnest(array_append(tsvector_to_array(r.vecteur_recherche), '')) AS m(mot)
    ),
    {_tenir(THEMES, "theme_id", "mots_themes", "themes")}
    SELECT array(SELECT mot FROM themes_vides)""",
)

DECOMPTES = f"""
ALTER TABLE {TYPES} ADD COLUMN ids integer[] NOT NULL DEFAULT '{{}}';
ALTER TABLE {THEMES} ADD COLUMN ids integer[] NOT NULL DEFAULT '{{}}';
ALTER TABLE {TYPES} ALTER COLUMN ids SET STORAGE EXTERNAL;
ALTER TABLE {THEMES} ALTER COLUMN ids SET STORAGE EXTERNAL;

CREATE AGGREGATE ressources_intersection(integer[]) (SFUNC = _int_inter, STYPE = integer[]);

{PAR_LES_RESSOURCES}

{PAR_LES_THEMES}

CREATE FUNCTION ressources_recompter() RETURNS void AS $$
BEGIN
  DELETE FROM {TYPES};
  DELETE FROM {THEMES};
  INSERT INTO {TYPES} (mot, collective, type, nombre, ids)
  SELECT m.mot, r.collective, r.type, count(*), sort(array_agg(r.id::integer))
  FROM ressources_ressource r, unnest(array_append(tsvector_to_array(r.vecteur_recherche), '')) AS m(mot)
  WHERE r.statut = 'publiee' GROUP BY 1, 2, 3;
  INSERT INTO {THEMES} (mot, collective, theme_id, nombre, ids)
  SELECT m.mot, r.collective, t.theme_id, count(*), sort(array_agg(r.id::integer))
  FROM ressources_ressource r JOIN ressources_ressource_themes t ON t.ressource_id = r.id,
  unnest(array_append(tsvector_to_array(r.vecteur_recherche), '')) AS m(mot)
  WHERE r.statut = 'publiee' GROUP BY 1, 2, 3;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER ressources_decomptes_insertion AFTER INSERT ON ressources_ressource
  REFERENCING NEW TABLE AS nouvelles FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_ressources();
CREATE TRIGGER ressources_decomptes_modification AFTER UPDATE ON ressources_ressource
  REFERENCING OLD TABLE AS anciennes NEW TABLE AS nouvelles
  FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_ressources();
CREATE TRIGGER ressources_decomptes_suppression AFTER DELETE ON ressources_ressource
  REFERENCING OLD TABLE AS anciennes FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_ressources();
CREATE TRIGGER ressources_decomptes_insertion AFTER INSERT ON ressources_ressource_themes
  REFERENCING NEW TABLE AS nouveaux FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_themes();
CREATE TRIGGER ressources_decomptes_modification AFTER UPDATE ON ressources_ressource_themes
  REFERENCING OLD TABLE AS anciens NEW TABLE AS nouveaux
  FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_themes();
CREATE TRIGGER ressources_decomptes_suppression AFTER DELETE ON ressources_ressource_themes
  REFERENCING OLD TABLE AS anciens FOR EACH STATEMENT EXECUTE FUNCTION ressources_decomptes_des_themes();

SELECT ressources_recompter();
CREATE INDEX ressources_decompte_mot_trgm ON {TYPES} USING gin (mot gin_trgm_ops) WITH (fastupdate = off);
ALTER INDEX ressources_ressource_vecteur_gin SET (fastupdate = off);
"""

INVERSE = f"""
DROP INDEX IF EXISTS ressources_decompte_mot_trgm;
ALTER INDEX ressources_ressource_vecteur_gin RESET (fastupdate);
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
ALTER TABLE {TYPES} DROP COLUMN IF EXISTS ids;
ALTER TABLE {THEMES} DROP COLUMN IF EXISTS ids;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0010_decomptes_de_la_recherche"),
    ]

    operations = [
        CreateExtension("intarray"),
        migrations.RunSQL([DECOMPTES], [INVERSE]),
    ]
