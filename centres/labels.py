"""What ANCT watches in a centre's current label: one place for the rules.

Whether a label is *active* is decided once, in the database: ``Centre.objects.labellises()``.
"""

import calendar
from dataclasses import dataclass

from .enums import StatutLabel

MOIS_DE_PREAVIS = 6


def ajouter_mois(date, mois):
    """date + ``mois`` calendar months, the day clamped to the end of a shorter month."""
    index = date.month - 1 + mois
    annee, mois_cible = date.year + index // 12, index % 12 + 1
    return date.replace(year=annee, month=mois_cible, day=min(date.day, calendar.monthrange(annee, mois_cible)[1]))


@dataclass(frozen=True)
class Vigilance:
    niveau: int  # 0: expired or no decision, 1: suspended/withdrawn, 2: expiring soon, 3: dates unknown, 9: nothing
    motifs: tuple[str, ...]

    @property
    def a_surveiller(self):
        return bool(self.motifs)


def vigilance(statut, date_attribution, date_expiration, aujourd_hui):
    """Why a centre's label needs attention, in words, and how urgent it is (lower is more urgent)."""
    if statut is None:
        return Vigilance(0, ("aucune décision de label enregistrée",))
    motifs, niveau = [], 9
    if statut in (StatutLabel.SUSPENDU, StatutLabel.RETIRE):
        motifs.append(f"label {StatutLabel(statut).label}")
        niveau = 1
    if date_expiration is not None and date_expiration < aujourd_hui:
        motifs.append(f"expiré depuis {(aujourd_hui - date_expiration).days} jours")
        niveau = 0
    elif date_expiration is not None and date_expiration <= ajouter_mois(aujourd_hui, MOIS_DE_PREAVIS):
        motifs.append(f"expire dans {(date_expiration - aujourd_hui).days} jours")
        niveau = min(niveau, 2)
    if date_attribution is None and date_expiration is None:
        motifs.append("dates d'attribution et d'expiration inconnues")
    elif date_attribution is None:
        motifs.append("date d'attribution inconnue")
    elif date_expiration is None:
        motifs.append("date d'expiration inconnue")
    if date_attribution is None or date_expiration is None:
        niveau = min(niveau, 3)
    return Vigilance(niveau, tuple(motifs))


def jours_restants(date_expiration, aujourd_hui):
    if date_expiration is None:
        return None
    return (date_expiration - aujourd_hui).days
