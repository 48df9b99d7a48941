"""Pieces of filter sets that every list of the portal shares.

The search text has one definition: one field, one length limit, one message. The filter sets of
the lists, the page ``/recherche/`` and the search boxes of the header and the home page all use it,
so that a text one page accepts is accepted by every other.
"""

import django_filters
from django import forms

LONGUEUR_MAX_RECHERCHE = 200


class ChampRecherche(forms.CharField):
    """A search box: at most ``LONGUEUR_MAX_RECHERCHE`` characters, trimmed, with a French message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", LONGUEUR_MAX_RECHERCHE)
        kwargs.setdefault("strip", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)
        self.error_messages["max_length"] = (
            f"La recherche est limitée à {LONGUEUR_MAX_RECHERCHE} caractères : raccourcissez-la."
        )


class RechercheFilter(django_filters.CharFilter):
    """The ``q`` of every filter set."""

    field_class = ChampRecherche


def filtre_recherche(label, method, aide=""):
    """The ``q`` of a filter set; ``aide``, what the box understands, is shown under it."""
    return RechercheFilter(label=label, method=method, help_text=aide)


def case_a_cocher(label, method):
    """A checkbox sent as ``name=1``; unchecked means no filter (not "false")."""
    return django_filters.BooleanFilter(label=label, method=method, widget=forms.CheckboxInput(attrs={"value": "1"}))


def filtres_actifs(request, filtre, libelles=None):
    """[(text, url of the same list without that filter)] for each valid filter in use.

    ``libelles`` gives a fixed text for a filter (a checkbox says « Outre-mer », not « True »).
    """
    actifs = []
    if not filtre.is_bound:
        return actifs
    filtre.form.is_valid()  # an invalid field is left out of cleaned_data; the valid ones still apply
    for nom, valeur in filtre.form.cleaned_data.items():
        if valeur in (None, "", False):
            continue
        champ = filtre.form.fields[nom]
        if libelles and nom in libelles:
            texte = libelles[nom]
        elif isinstance(champ, forms.ModelChoiceField):
            texte = f"{champ.label} : {champ.label_from_instance(valeur)}"
        else:
            texte = f"{champ.label} : « {valeur} »"
        reste = request.GET.copy()
        reste.pop(nom, None)
        reste.pop("page", None)
        actifs.append((texte, f"?{reste.urlencode()}" if reste else request.path))
    return actifs
