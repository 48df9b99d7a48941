from django import template

from evenements import dates

register = template.Library()


@register.filter
def periode(evenement):
    """« du 14 au 16 octobre 2024 », « 17 octobre 2023, toute la journée »."""
    return dates.periode(evenement)
