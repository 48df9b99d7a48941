"""The ANCT group: created (or completed) after every migrate, so it always exists with its rights."""

GROUPE_ANCT = "ANCT"
# What ANCT staff do: read the network's data, keep the label decisions, open the dashboard.
PERMISSIONS_ANCT = [
    ("label", "voir_pilotage"),
    ("label", "view_label"),
    ("label", "add_label"),
    ("label", "change_label"),
    ("centre", "view_centre"),
    ("contact", "view_contact"),
    ("departement", "view_departement"),
    ("region", "view_region"),
]


def configurer_groupe_anct(sender, **kwargs):
    """post_migrate receiver of the centres app."""
    from django.contrib.auth.models import Group, Permission

    groupe, _ = Group.objects.get_or_create(name=GROUPE_ANCT)
    permissions = Permission.objects.filter(content_type__app_label="centres").select_related("content_type")
    voulues = {(permission.content_type.model, permission.codename): permission for permission in permissions}
    groupe.permissions.add(*(voulues[cle] for cle in PERMISSIONS_ANCT if cle in voulues))
