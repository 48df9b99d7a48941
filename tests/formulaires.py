"""What a browser would post from an admin form as it stands: the tests then change one value and post it."""

import datetime

from django.db.models.fields.files import FieldFile
from django.forms.models import ModelMultipleChoiceField


def _valeur(champ_lie):
    valeur = champ_lie.value()
    if valeur is None or valeur is False or champ_lie.field.disabled:
        return None
    if valeur is True:
        return "on"
    if isinstance(champ_lie.field, ModelMultipleChoiceField):
        # The widget renders as selected only the values among the field's choices.
        cles = [getattr(v, "pk", v) for v in valeur]
        return [str(pk) for pk in champ_lie.field.queryset.filter(pk__in=cles).values_list("pk", flat=True)]
    if isinstance(valeur, list | tuple):
        return [str(getattr(v, "pk", v)) for v in valeur]
    if isinstance(valeur, datetime.date | datetime.time):
        return valeur.isoformat()
    if hasattr(valeur, "pk"):
        return str(valeur.pk)
    if isinstance(valeur, FieldFile):
        return None  # a file field keeps its file when nothing is sent
    return str(valeur)


def _formulaire(form, donnees):
    for nom in form.fields:
        valeur = _valeur(form[nom])
        if valeur is not None:
            donnees[form.add_prefix(nom)] = valeur


def donnees_du_formulaire(reponse):
    """The POST data of the admin change or add page ``reponse`` (a test client response): the main form and
    every inline with its management form, as they were rendered."""
    donnees = {}
    _formulaire(reponse.context["adminform"].form, donnees)
    # A page of an earlier version (django-simple-history) has no inlines.
    inlines = reponse.context.get("inline_admin_formsets", [])
    for inline in inlines:
        formset = inline.formset
        _formulaire(formset.management_form, donnees)
        for form in formset.initial_forms:
            _formulaire(form, donnees)
        donnees[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
    return donnees
