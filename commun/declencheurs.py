"""Database triggers the portal relies on.

``publication`` stamps the moment a row becomes published: whatever writes it (a form, an admin action, a
harvest, ``update()``, ``bulk_create``), the database sets the column, so that « published since » (the
e-mail alerts) has one meaning.
"""

from django.db import migrations


def _creer(table, statut, publie, colonne):
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


def installer(sender, using="default", **kwargs):
    """``post_migrate`` receiver: (re)create the triggers of the page cache (``commun.cache``), idempotently, once
    per ``migrate`` or ``flush`` (Django sends the signal once per app: only commun's counts)."""
    from django.apps import apps as apps_du_projet
    from django.db import connections

    from .cache import installer_les_declencheurs

    if sender.name == "commun":
        installer_les_declencheurs(connections[using], kwargs.get("apps") or apps_du_projet)


def publication(table, statut, publie, colonne):
    """A migration operation: ``colonne`` of ``table`` takes the time each time ``statut`` becomes ``publie``; the
    rows already published take the time of their last save."""
    return migrations.RunSQL(
        [
            *_creer(table, statut, publie, colonne),
            f"UPDATE {table} SET {colonne} = mis_a_jour_le WHERE {statut} = '{publie}' AND {colonne} IS NULL",
        ],
        [f"DROP TRIGGER IF EXISTS {table}_publication ON {table}", f"DROP FUNCTION IF EXISTS {table}_publication()"],
    )
