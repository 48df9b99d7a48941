"""Pieces of filter sets that every list of the portal shares.

The search text has one definition: one field, one length limit, one message. The filter sets of
the lists, the page ``/recherche/`` and the search boxes of the header and the home page all use it,
so that a text one page accepts is accepted by every other.
"""

import functools
from urllib.parse import urlencode

import django_filters
from django import forms
from django.forms.models import ModelChoiceIteratorValue

from .cache import selon_le_contenu

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


class ChoixSelonLeContenu(django_filters.fields.ModelChoiceIterator):
    """The options of a list of rows (regions, départements, centres, themes) read once per version of the content
    (``commun.cache.selon_le_contenu``), not at each page: the same options, without a query nor a model instance
    each. Checking a submitted value still asks the database (the field's ``queryset``)."""

    def _options(self):
        champ = self.field
        cle = f"choix:{type(champ).__module__}.{type(champ).__qualname__}:{champ.to_field_name}:{self.queryset.query}"
        return selon_le_contenu(
            cle, lambda: [(champ.prepare_value(objet), champ.label_from_instance(objet)) for objet in self.queryset]
        )

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for valeur, libelle in self._options():
            yield (ModelChoiceIteratorValue(valeur, None), libelle)

    def __len__(self):
        return len(self._options()) + (self.field.empty_label is not None) + (self.field.null_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._options())


class ChampDeChoixSelonLeContenu(django_filters.fields.ModelChoiceField):
    iterator = ChoixSelonLeContenu


class FiltreDeChoixSelonLeContenu(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` whose options are read once per version of the content."""

    field_class = ChampDeChoixSelonLeContenu


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


@functools.cache
def restreint_a(classe, *noms):
    """The FilterSet ``classe`` with only its filters ``noms``: the same filters and methods, a form of those
    fields alone. One class per set of names, made once."""
    restreinte = type(classe)(f"{classe.__name__}Restreint", (classe,), {"__module__": classe.__module__})
    restreinte.base_filters = {nom: classe.base_filters[nom] for nom in noms}
    return restreinte


def valeurs_soumises(filtre, sauf=""):
    """The filter set ``filtre`` named with what it was sent for its own fields (a page number or a tracking
    parameter left out), as a text: what its form shows, values and errors, depends on nothing else but the
    content, so this text varies the fragment of a public page that keeps the rendered form
    (``{% selon_le_contenu_seulement %}``). « ?» alone: sent, but empty (an unbound form shows its initial
    values). ``sauf``: a field left out, rendered apart (the search box, whose text is new at each search)."""
    nom = f"{type(filtre).__module__}.{type(filtre).__qualname__}"
    if not filtre.is_bound:
        return nom
    formulaire, donnees = filtre.form, filtre.data
    valeurs = []
    for champ in sorted(set(formulaire.fields) - {sauf}):
        cle = formulaire.add_prefix(champ)
        envoyees = donnees.getlist(cle) if hasattr(donnees, "getlist") else [donnees[cle]] if cle in donnees else []
        valeurs += [(champ, valeur) for valeur in envoyees]
    return f"{nom}?{urlencode(valeurs)}"
