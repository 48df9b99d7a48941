"""Database triggers the portal relies on, for PostgreSQL and SQLite alike.

``publication`` stamps the moment a row becomes published: whatever writes it (a form, an admin action, a
harvest, ``update()``, ``bulk_create``), the database sets the column, so that « published since » (the
e-mail alerts) has one meaning.
"""

from django.db import migrations


def _instructions(vendor, table, statut, publie, colonne):
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {table}_publication() RETURNS trigger AS $$
BEGIN
  IF NEW.{statut} = '{publie}' AND (
    (TG_OP = 'INSERT' AND NEW.{colonne} IS NULL)
    OR (TG_OP = 'UPDATE' AND OLD.{statut} IS DISTINCT FROM '{publie}')
  ) THEN
    NEW.{colonne} := clock_timestamp();  -- the moment itself, not the start of its transaction
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS {table}_publication ON {table}",
            f"""CREATE TRIGGER {table}_publication BEFORE INSERT OR UPDATE OF {statut} ON {table}
  FOR EACH ROW EXECUTE FUNCTION {table}_publication()""",
        ]
    maintenant = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    return [
        f"DROP TRIGGER IF EXISTS {table}_publication_insert",
        f"""CREATE TRIGGER {table}_publication_insert AFTER INSERT ON {table}
  WHEN NEW.{statut} = '{publie}' AND NEW.{colonne} IS NULL
  BEGIN UPDATE {table} SET {colonne} = {maintenant} WHERE id = NEW.id; END""",
        f"DROP TRIGGER IF EXISTS {table}_publication_update",
        f"""CREATE TRIGGER {table}_publication_update AFTER UPDATE OF {statut} ON {table}
  WHEN NEW.{statut} = '{publie}' AND OLD.{statut} IS NOT '{publie}'
  BEGIN UPDATE {table} SET {colonne} = {maintenant} WHERE id = NEW.id; END""",
    ]


def _instructions_inverses(vendor, table):
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_publication ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_publication()",
        ]
    return [f"DROP TRIGGER IF EXISTS {table}_publication_insert", f"DROP TRIGGER IF EXISTS {table}_publication_update"]


# The triggers the portal relies on, installed again after every ``migrate`` (``installer``): SQLite drops a table's
# triggers when a migration rebuilds the table (any AlterField does).
DECLENCHEURS_DE_PUBLICATION = []


def installer(sender, using="default", **kwargs):
    """``post_migrate`` receiver: (re)create every trigger of ``DECLENCHEURS_DE_PUBLICATION`` and those of the
    page cache (``commun.cache``), idempotently, once per ``migrate`` or ``flush`` (Django sends the signal once
    per app: only commun's counts)."""
    from django.apps import apps as apps_du_projet
    from django.db import connections

    from .cache import installer_les_declencheurs

    if sender.name != "commun":
        return
    connexion = connections[using]
    installer_les_declencheurs(connexion, kwargs.get("apps") or apps_du_projet)
    tables = set(connexion.introspection.table_names())
    with connexion.cursor() as curseur:
        for table, statut, publie, colonne in DECLENCHEURS_DE_PUBLICATION:
            if table in tables:
                for instruction in _instructions(connexion.vendor, table, statut, publie, colonne):
                    curseur.execute(instruction)


def publication(table, statut, publie, colonne):
    """A migration operation: ``colonne`` of ``table`` takes the time each time ``statut`` becomes ``publie``; the
    rows already published take the time of their last save."""

    def creer(apps, schema_editor):
        for instruction in _instructions(schema_editor.connection.vendor, table, statut, publie, colonne):
            schema_editor.execute(instruction)
        schema_editor.execute(
            f"UPDATE {table} SET {colonne} = mis_a_jour_le WHERE {statut} = '{publie}' AND {colonne} IS NULL"
        )

    def supprimer(apps, schema_editor):
        for instruction in _instructions_inverses(schema_editor.connection.vendor, table):
            schema_editor.execute(instruction)

    return migrations.RunPython(creer, supprimer)


def sur_postgresql(sql):
    """A ``RunPython`` function that runs ``sql`` on PostgreSQL and nothing on SQLite (``%`` is not a placeholder)."""

    def executer(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return executer
