"""The <select> written in Python (commun.rendu) is byte for byte what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from centres.filters import CentreFilter
from commun.rendu import RenduDesFormulaires
from ressources.filters import RessourceFilter


class Formulaire(forms.Form):
    simple = forms.ChoiceField(choices=[("", "Tous"), ("x", "X <b>&"), ("y", 'Y"q')], required=False)
    groupes = forms.ChoiceField(choices=[("Groupe <1>", [("1", "un"), ("2", "deux")]), ("3", "trois")])
    plusieurs = forms.MultipleChoiceField(choices=[("1", "un"), ("2", "deux")])


@pytest.mark.parametrize("donnees", [None, {"simple": "x", "groupes": "2", "plusieurs": ["1", "2"]}, {"simple": "?"}])
def test_le_meme_html_que_les_gabarits_de_django(donnees):
    django, portail = (
        Formulaire(donnees, renderer=DjangoTemplates()),
        Formulaire(donnees, renderer=RenduDesFormulaires()),
    )
    for champ in Formulaire.base_fields:
        assert str(portail[champ]) == str(django[champ])
    assert "X &lt;b&gt;&amp;" in str(portail["simple"])
    assert '<optgroup label="Groupe &lt;1&gt;">' in str(portail["groupes"])


@pytest.mark.parametrize(
    "filtre, donnees", [(CentreFilter, {"departement": "67"}), (RessourceFilter, {"type": "guide"})]
)
def test_les_formulaires_des_listes(donnees_reference, filtre, donnees):
    for jeu in (None, donnees):
        django, portail = filtre(jeu).form, filtre(jeu).form
        django.renderer, portail.renderer = DjangoTemplates(), RenduDesFormulaires()
        assert str(portail) == str(django)
        assert "<option" in str(portail)
