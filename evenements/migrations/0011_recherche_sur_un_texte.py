"""The search of the agenda on one column (see evenements/filters.py).

``texte_recherche`` is the title, town, place and presentation without accents and in lower case, one per line,
kept by a trigger whatever writes the row, with one trigram index: the search (« any of these contains the
text ») reads that index, then checks each row it finds with a plain ``LIKE`` on the stored text. The four
indexes of migration 0009, on ``lower(crpv_sans_accents(field))``, made PostgreSQL recompute that expression on
four fields of each row it checked: 31 ms for the 2,800 past events a common word finds among 10,000.
"""

from django.db import migrations

CHAMPS = ["titre", "ville", "lieu", "description"]
TEXTE = " || E'\\n' || ".join(f"coalesce(NEW.{champ}, '')" for champ in CHAMPS)

SQL = f"""
CREATE OR REPLACE FUNCTION evenements_evenement_texte_recherche() RETURNS trigger AS $$
BEGIN
  NEW.texte_recherche := lower(crpv_sans_accents({TEXTE}));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER evenements_evenement_texte_recherche
  BEFORE INSERT OR UPDATE OF {", ".join(CHAMPS)} ON evenements_evenement
  FOR EACH ROW EXECUTE FUNCTION evenements_evenement_texte_recherche();

UPDATE evenements_evenement SET titre = titre;

CREATE INDEX evenements_evenement_texte_recherche_trgm ON evenements_evenement
  USING gin (texte_recherche gin_trgm_ops) WITH (fastupdate = off);
{"".join(f"DROP INDEX IF EXISTS evenements_evenement_{champ}_trgm;" for champ in CHAMPS)}
"""

INVERSE = f"""
DROP INDEX IF EXISTS evenements_evenement_texte_recherche_trgm;
DROP TRIGGER IF EXISTS evenements_evenement_texte_recherche ON evenements_evenement;
DROP FUNCTION IF EXISTS evenements_evenement_texte_recherche();
{"".join(
    f"CREATE INDEX IF NOT EXISTS evenements_evenement_{champ}_trgm ON evenements_evenement "
    f"USING gin ((lower(crpv_sans_accents({champ}))) gin_trgm_ops);"
    for champ in CHAMPS
)}
"""


class Migration(migrations.Migration):
    dependencies = [
        ("evenements", "0010_texte_de_recherche"),
    ]

    operations = [migrations.RunSQL([SQL], [INVERSE])]
