from django import template

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
