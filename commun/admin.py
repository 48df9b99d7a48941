"""Admin pieces every app's admin uses."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .images import rendition

journal = logging.getLogger(__name__)


class AdresseWebHttpsMixin:
    """A web address typed without its scheme (« www.oriv.org ») is https, as Django 6 will assume."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def champ_adresse_https(champ, **kwargs):
    """``formfield_callback`` of the ModelForms built outside the admin's own machinery: the same rule."""
    if isinstance(champ, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return champ.formfield(**kwargs)


def apercu_image(objet, champ="image", alt=""):
    """A thumbnail of ``objet``'s image (its small rendition) for an admin page; a dash when there is none.

    Nothing for an object not saved yet: its image may not be in storage.
    """
    image = getattr(objet, champ)
    copie = rendition(image, "vignette") if objet.pk and image else None
    if copie is None:
        return "—"
    return format_html('<img src="{}" width="{}" height="{}" alt="{}">', copie.url, copie.largeur, copie.hauteur, alt)


class DroitsParObjetAdmin(SimpleHistoryAdmin):
    """The admin of a model whose queryset says which rows a user may read and change.

    The model's queryset has ``consultables_par(user)`` and ``modifiables_par(user)``; this class applies them to
    every page of the admin: the list, the change form (read-only when the row may be read but not changed), the
    delete page, the history and the restore of an earlier version (django-simple-history), the actions, and
    the choices of foreign keys, many-to-many fields and autocompletes (those of a model with the same methods
    are limited to its ``consultables_par``). A row of another centre answers 403 whatever the URL or the form
    posted; a link the user may not see (another centre co-producing) is kept as it was when the form is saved.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A storage that refuses the file (full disk, read-only folder): the transaction is rolled back, the
        # partial file removed (commun.stockage), and the person reads why, in French, instead of an error page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            journal.exception("Enregistrement d'un fichier impossible (%s)", request.path)
            self.message_user(
                request,
                "Le fichier n'a pas pu être enregistré : le stockage du portail est plein ou indisponible. Rien n'a "
                "été modifié ; réessayez plus tard ou prévenez l'administrateur du portail.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        # The form's own checks (« at least one of your centres ») need to know who is saving.
        formulaire = super().get_form(request, obj, **kwargs)
        return type(formulaire.__name__, (formulaire,), {"utilisateur": request.user})

    def _regle(self, modele, methode, request):
        return getattr(modele._default_manager.all(), methode)(request.user)

    def _parmi(self, methode, request, obj):
        # Asked several times per page (view, change, delete, each inline): one query per object and rule.
        cache = request.__dict__.setdefault("_droits_par_objet", {})
        cle = (self.model, methode, obj.pk)
        if cle not in cache:
            cache[cle] = self._regle(self.model, methode, request).filter(pk=obj.pk).exists()
        return cache[cle]

    def get_queryset(self, request):
        return super().get_queryset(request).consultables_par(request.user)

    def get_object(self, request, object_id, from_field=None):
        # Looked up among all rows, so that another centre's row answers 403 (has_*_permission), not « introuvable ».
        champ = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            return self.model._default_manager.get(**{champ.name: champ.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def has_view_permission(self, request, obj=None):
        permis = super().has_view_permission(request, obj)
        return permis and (obj is None or obj.pk is None or self._parmi("consultables_par", request, obj))

    def has_change_permission(self, request, obj=None):
        permis = super().has_change_permission(request, obj)
        return permis and (obj is None or obj.pk is None or self._parmi("modifiables_par", request, obj))

    def has_delete_permission(self, request, obj=None):
        permis = super().has_delete_permission(request, obj)
        return permis and (obj is None or obj.pk is None or self._parmi("modifiables_par", request, obj))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets whoever may *read* an object post an earlier version: restoring is changing.
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _limiter(self, champ, request, kwargs):
        if hasattr(champ.related_model._default_manager.all(), "consultables_par"):
            kwargs["queryset"] = self._regle(champ.related_model, "consultables_par", request)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._limiter(db_field, request, kwargs))

    # Many-to-many fields shown as checkboxes: short lists (a team's centres, the themes) read and work better so,
    # with or without JavaScript.
    cases_a_cocher = []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.cases_a_cocher:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **self._limiter(db_field, request, kwargs))

    def save_related(self, request, form, formsets, change):
        # A link to a row the user may not see (a centre of another team co-producing) is not in the form's
        # choices: keep it, rather than let the team's save remove it.
        caches = {}
        if change:
            for champ in self.model._meta.many_to_many:
                if champ.name in form.fields and hasattr(
                    champ.related_model._default_manager.all(), "consultables_par"
                ):
                    visibles = self._regle(champ.related_model, "consultables_par", request)
                    caches[champ.name] = list(getattr(form.instance, champ.name).exclude(pk__in=visibles.values("pk")))
        super().save_related(request, form, formsets, change)
        for nom, objets in caches.items():
            if objets:
                getattr(form.instance, nom).add(*objets)


class LignesDuParentFormSet(BaseInlineFormSet):
    """An inline's formset that says so when a posted row is not one of the parent's (a forged ``id``): Django
    would silently skip it; the person, or the forger, reads why nothing happened."""

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            if form.instance.pk is None and form.has_changed():
                raise ValidationError(
                    "Une des lignes envoyées n'appartient pas à cette fiche : rechargez la page et recommencez."
                )


def changer_un_par_un(queryset, raison, horodater=True, **valeurs):
    """Set ``valeurs`` on each row of ``queryset`` with ``save()``, not ``update()``: each row's history records the
    change, with ``raison``. For the admin's bulk actions (publish, unpublish, bin, « fiche à jour »).
    ``horodater=False`` leaves « mis à jour le » as it was. Returns how many rows changed."""
    champs = [*valeurs, *(["mis_a_jour_le"] if horodater else [])]
    nombre = 0
    for objet in queryset:
        for champ, valeur in valeurs.items():
            setattr(objet, champ, valeur)
        objet._change_reason = raison
        objet.save(update_fields=champs)
        nombre += 1
    return nombre
