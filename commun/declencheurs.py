"""Database triggers the portal relies on, whatever writes the rows (a form, an admin action, a harvest, an import,
``update()``, ``bulk_create``).

- ``publication``: the moment a row becomes published, so that « published since » (the e-mail alerts) has one
  meaning (a migration operation of the apps that publish).
- The content's version (``commun.cache``): each app names the models its public pages show in its ``AppConfig``
  (``contenu_public = ["Ressource", "Theme"]``); after every ``migrate`` (and ``flush``), a statement trigger on each
  of their tables and many-to-many tables moves the one row of ``VersionDuContenu`` forward.
"""

from django.db import migrations

from .models import VERSION_SUIVANTE

FONCTION = "commun_contenu_modifie"
TABLE_VERSION = "commun_versionducontenu"


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


def tables_du_contenu(apps):
    """The tables of the models every app names in ``contenu_public``, and their automatic many-to-many tables."""
    tables = []
    for configuration in apps.get_app_configs():
        for nom in getattr(configuration, "contenu_public", ()):
            modele = apps.get_model(configuration.label, nom)
            tables.append(modele._meta.db_table)
            for champ in modele._meta.local_many_to_many:
                if champ.remote_field.through._meta.auto_created:
                    tables.append(champ.remote_field.through._meta.db_table)
    return tables


def installer(sender, using="default", **kwargs):
    """``post_migrate`` receiver: (re)create the version row and every trigger of the content's version,
    idempotently, once per ``migrate`` or ``flush`` (Django sends the signal once per app: only commun's counts)."""
    from django.apps import apps as apps_du_projet
    from django.db import connections

    if sender.name != "commun":
        return
    connexion = connections[using]
    existantes = set(connexion.introspection.table_names())
    if TABLE_VERSION not in existantes:
        return
    with connexion.cursor() as curseur:
        curseur.execute(f"INSERT INTO {TABLE_VERSION} (id, numero) VALUES (1, 0) ON CONFLICT (id) DO NOTHING")
        curseur.execute(
            f"""CREATE OR REPLACE FUNCTION {FONCTION}() RETURNS trigger AS $$
BEGIN
  UPDATE {TABLE_VERSION} SET numero = {VERSION_SUIVANTE} WHERE id = 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql"""
        )
        # The apps as they are now, not as the migration's state says: their AppConfig names the content.
        for table in tables_du_contenu(apps_du_projet):
            if table in existantes:  # once per statement: a bulk_create of 2,000 rows is one step
                curseur.execute(f"DROP TRIGGER IF EXISTS {table}_contenu ON {table}")
                curseur.execute(
                    f"""CREATE TRIGGER {table}_contenu AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION {FONCTION}()"""
                )
