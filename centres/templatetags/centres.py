import datetime

from django import template
from django.utils import timezone

from centres import telephone as tel

register = template.Library()


@register.filter
def telephone(numero):
    """0148092636 → 01 48 09 26 36"""
    return tel.afficher(numero)


@register.filter
def tel_uri(numero):
    """0148092636 → tel:+33148092636 (overseas numbers with their own country code)."""
    return tel.uri(numero)


# A team confirms its page is up to date at least this often; past it, « Mon centre » asks again.
VERIFICATION_A_RENOUVELER = datetime.timedelta(days=183)


@register.inclusion_tag("centres/_mon_centre.html")
def mon_centre(utilisateur):
    """« Mon centre » at the top of the admin's index: each centre of a team member, with what needs attention."""
    from centres.blocs import BLOCS_DE_MON_CENTRE
    from centres.droits import centres_du_membre
    from centres.models import MembreEquipe

    maintenant = timezone.now()
    limite = maintenant - VERIFICATION_A_RENOUVELER
    membres = (
        MembreEquipe.objects.filter(utilisateur=utilisateur, centre__in=centres_du_membre(utilisateur))
        .select_related("centre")
        .order_by("centre__nom")
    )
    entrees = [
        {
            "centre": membre.centre,
            "a_verifier": membre.centre.verifie_le is None or membre.centre.verifie_le < limite,
            "blocs": [bloc.rendu(membre.centre, membre.vu_le) for bloc in BLOCS_DE_MON_CENTRE],
        }
        for membre in membres
    ]
    # This visit is the next one's « since your last visit ».
    MembreEquipe.objects.filter(pk__in=[membre.pk for membre in membres]).update(vu_le=maintenant)
    return {"centres": entrees}
