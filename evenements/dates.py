"""Dates of events written the French way: « du 14 au 16 octobre 2024 », « 17 octobre 2023, toute la journée »."""

from django.utils.formats import date_format


def jour(date):
    return "1er" if date.day == 1 else str(date.day)


def heure(valeur):
    """9:30 → « 9 h 30 », 14:00 → « 14 h »."""
    return f"{valeur.hour} h {valeur.minute:02d}" if valeur.minute else f"{valeur.hour} h"


def periode(evenement):
    debut, fin = evenement.date_debut, evenement.date_fin
    mois_annee_fin = date_format(fin, "F Y")
    if debut == fin:
        texte = f"{jour(debut)} {mois_annee_fin}"
        if evenement.toute_la_journee:
            return f"{texte}, toute la journée"
        if evenement.heure_fin:
            return f"{texte}, de {heure(evenement.heure_debut)} à {heure(evenement.heure_fin)}"
        return f"{texte}, à {heure(evenement.heure_debut)}"
    if (debut.year, debut.month) == (fin.year, fin.month):
        texte = f"du {jour(debut)} au {jour(fin)} {mois_annee_fin}"
    elif debut.year == fin.year:
        texte = f"du {jour(debut)} {date_format(debut, 'F')} au {jour(fin)} {mois_annee_fin}"
    else:
        texte = f"du {jour(debut)} {date_format(debut, 'F Y')} au {jour(fin)} {mois_annee_fin}"
    if evenement.heure_fin:
        texte += f", de {heure(evenement.heure_debut)} le premier jour à {heure(evenement.heure_fin)} le dernier"
    elif not evenement.toute_la_journee:
        texte += f" (à partir de {heure(evenement.heure_debut)} le premier jour)"
    return texte
