"""The form renderer of the portal: Django's, with the ``<select>`` written in Python.

Django renders each ``<option>`` through two template includes: the filter forms of the lists (a hundred
départements, the regions, the centres, the themes) spent half of a page's rendering there. This renderer
writes exactly what Django's ``select.html``, ``select_option.html`` and ``attrs.html`` write, escaped the same
way, and hands every other template to Django unchanged.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attributs(attrs):
    morceaux = []
    for nom, valeur in attrs.items():
        if valeur is False:
            continue
        morceaux.append(
            f" {conditional_escape(nom)}"
            if valeur is True
            else f' {conditional_escape(nom)}="{conditional_escape(str(valeur))}"'
        )
    return "".join(morceaux)


def _option(option):
    return (
        f'<option value="{conditional_escape(str(option["value"]))}"{_attributs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def select(widget):
    """``select.html`` for ``widget`` (a widget's context), or None when an option has a template of its own."""
    morceaux = [f'<select name="{conditional_escape(widget["name"])}"{_attributs(widget["attrs"])}>']
    for nom_du_groupe, options, _rang in widget["optgroups"]:
        if nom_du_groupe:
            morceaux.append(f'\n  <optgroup label="{conditional_escape(nom_du_groupe)}">')
        for option in options:
            if option.get("template_name") != OPTION:
                return None
            morceaux.append(f"\n  {_option(option)}\n")  # the newline that ends Django's option template
        if nom_du_groupe:
            morceaux.append("\n  </optgroup>")
    morceaux.append("\n</select>")
    return mark_safe("".join(morceaux))


class RenduDesFormulaires(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)
