"""What each followed page is, for its alerts: its filter set and the published items it shows.

An alert's query string goes through the very filter set of the page it was made on, so the e-mail lists what
that page would show, and nothing the public may not see (only published items).
"""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from evenements.filters import EvenementFilter
from evenements.models import Evenement
from ressources.filters import RessourceFilter
from ressources.models import Ressource

from .enums import Liste

# Arguments of a page's address that are not filters.
HORS_FILTRES = {"page", "tri", "liste"}


@dataclass(frozen=True)
class Suivi:
    titre: str
    type_element: str
    filtre: type
    base: object  # () → the published items of the page
    publication: str  # the field the database stamps at each publication


RESSOURCES = Suivi("Ressources", "ressource", RessourceFilter, lambda: Ressource.objects.publiees(), "publie_le")
EVENEMENTS = Suivi("Événements", "evenement", EvenementFilter, lambda: Evenement.objects.publies(), "publie_le")
COLLECTIVES = Suivi(
    "Ressources collectives",
    "ressource",
    RessourceFilter,
    lambda: Ressource.objects.publiees().collectives(),
    "publie_le",
)

SUIVIS = {
    Liste.RESSOURCES: [RESSOURCES],
    Liste.COLLECTIVES: [COLLECTIVES],
    Liste.EVENEMENTS: [EVENEMENTS],
    Liste.CENTRE: [RESSOURCES, EVENEMENTS],
}


def parametres_de(donnees):
    """The filters of a page's query string, without the page number and the sort."""
    parametres = donnees.copy()
    for nom in HORS_FILTRES:
        parametres.pop(nom, None)
    return parametres.urlencode()


def filtres(liste, parametres):
    """[(suivi, bound filter set)] of an alert."""
    donnees = QueryDict(parametres)
    return [(suivi, suivi.filtre(donnees, queryset=suivi.base())) for suivi in SUIVIS[liste]]


def erreurs(liste, parametres):
    return [
        message
        for _, filtre in filtres(liste, parametres)
        if not filtre.is_valid()
        for messages in filtre.form.errors.values()
        for message in messages
    ]


def description(liste, parametres):
    """What the person will receive, in words: « les nouvelles ressources · thème : jeunesse · type : guide »."""
    _, filtre = filtres(liste, parametres)[0]
    criteres = []
    if filtre.is_valid():
        for nom, valeur in filtre.form.cleaned_data.items():
            if valeur in (None, "", False):
                continue
            champ = filtre.form.fields[nom]
            if nom == "q":
                criteres.append(f"contenant « {valeur} »")
                continue
            if isinstance(champ, forms.ModelChoiceField):
                texte = champ.label_from_instance(valeur)
            elif isinstance(champ, forms.ChoiceField):
                texte = dict(champ.choices).get(valeur, valeur)
            elif valeur is True:
                texte = "oui"
            else:
                texte = f"« {valeur} »"
            criteres.append(f"{champ.label.lower()} : {texte}")
    debut = {
        Liste.RESSOURCES: "les nouvelles ressources publiées",
        Liste.COLLECTIVES: "les nouvelles ressources collectives du réseau",
        Liste.EVENEMENTS: "les nouveaux événements annoncés",
        Liste.CENTRE: "les nouvelles ressources et les nouveaux événements",
    }[liste]
    return debut, criteres


def nouveautes(alerte, jusqu_a, deja_envoyes):
    """[(suivi, [items])]: what was published on the alert's page between ``alerte.depuis`` and ``jusqu_a``,
    never an item already sent (``deja_envoyes``: {(type, id)})."""
    resultats = []
    for suivi, filtre in filtres(alerte.liste, alerte.parametres):
        if not filtre.is_valid():
            continue
        nouveaux = filtre.qs.filter(
            **{f"{suivi.publication}__gt": alerte.depuis, f"{suivi.publication}__lte": jusqu_a}
        ).order_by(suivi.publication)
        elements = [objet for objet in nouveaux[:50] if (suivi.type_element, objet.pk) not in deja_envoyes]
        if elements:
            resultats.append((suivi, elements))
    return resultats
