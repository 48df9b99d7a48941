"""Admin pieces every app's admin uses."""

from django.db import models
from django.utils.html import format_html

from .images import rendition


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
