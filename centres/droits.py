"""Who may do what: the three roles of the portal's admin.

- **Superusers** do everything.
- **ANCT staff** (group « ANCT »): read everything, keep the label decisions and the départements' QPV counts,
  edit the network's collective ressources; never a centre's own content.
- **CRPV teams** (group « Équipe CRPV », and one ``MembreEquipe`` row per centre they work for): their centre(s),
  their contacts, and the ressources and events those centres produce or organise.

Each model says which of its rows a user may see and change in the admin through two queryset methods,
``consultables_par(user)`` and ``modifiables_par(user)``, built on the two functions below. The admin
(``commun.admin.DroitsParObjetAdmin``) and the public previews of drafts use those methods and nothing else.
"""

from .groupes import GROUPE_ANCT


def est_anct(utilisateur):
    """An active staff member of the « ANCT » group (read once per request object)."""
    if not (utilisateur.is_authenticated and utilisateur.is_active and utilisateur.is_staff):
        return False
    if not hasattr(utilisateur, "_est_anct"):
        utilisateur._est_anct = utilisateur.groups.filter(name=GROUPE_ANCT).exists()
    return utilisateur._est_anct


def centres_du_membre(utilisateur):
    """The primary keys of the centres ``utilisateur`` works for (none for an inactive or non-staff account)."""
    if not (utilisateur.is_authenticated and utilisateur.is_active and utilisateur.is_staff):
        return frozenset()
    if not hasattr(utilisateur, "_centres_du_membre"):
        from .models import MembreEquipe

        utilisateur._centres_du_membre = frozenset(
            MembreEquipe.objects.filter(utilisateur=utilisateur, centre__archive=False).values_list(
                "centre_id", flat=True
            )
        )
    return utilisateur._centres_du_membre


def voit_tout(utilisateur):
    """Superusers and ANCT staff read every row of the admin."""
    return (utilisateur.is_active and utilisateur.is_superuser) or est_anct(utilisateur)


def est_superutilisateur(utilisateur):
    return utilisateur.is_authenticated and utilisateur.is_active and utilisateur.is_superuser
