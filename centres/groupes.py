"""The two groups of staff accounts, kept with their rights after every ``migrate``.

Each app grants the rights on its own models from its ``AppConfig.ready()`` (``post_migrate`` with the app as
sender, after Django has created that app's permissions), so this app never names the apps above it:

    post_migrate.connect(accorder_les_droits(DROITS), sender=self, weak=False, dispatch_uid="…")

Model permissions only open the door: which rows a person then sees and changes is decided per object by the
models' ``consultables_par`` / ``modifiables_par`` (``centres/droits.py``).
"""

GROUPE_ANCT = "ANCT"
GROUPE_EQUIPE = "Équipe CRPV"

# {group: [(model, codename)]} of this app. Teams edit their centre page and its contacts, read their label through
# their centre's page (never the label model: its internal comment is ANCT's), pick départements for an event.
DROITS = {
    GROUPE_ANCT: [
        ("label", "voir_pilotage"),
        ("label", "view_label"),
        ("label", "add_label"),
        ("label", "change_label"),
        ("centre", "view_centre"),
        ("contact", "view_contact"),
        ("departement", "view_departement"),
        ("departement", "change_departement"),
        ("region", "view_region"),
        ("commune", "view_commune"),
        ("quartier", "view_quartier"),
    ],
    GROUPE_EQUIPE: [
        ("centre", "view_centre"),
        ("centre", "change_centre"),
        ("contact", "view_contact"),
        ("contact", "add_contact"),
        ("contact", "change_contact"),
        ("contact", "delete_contact"),
        ("departement", "view_departement"),
    ],
}


def accorder_les_droits(droits):
    """A ``post_migrate`` receiver giving each group of ``droits`` its permissions on the sender app's models."""

    def accorder(sender, **kwargs):
        from django.contrib.auth.models import Group, Permission

        permissions = Permission.objects.filter(content_type__app_label=sender.label).select_related("content_type")
        connues = {(permission.content_type.model, permission.codename): permission for permission in permissions}
        for nom, voulues in droits.items():
            groupe, _ = Group.objects.get_or_create(name=nom)
            groupe.permissions.add(*(connues[cle] for cle in voulues if cle in connues))

    return accorder
