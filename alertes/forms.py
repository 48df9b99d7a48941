from django import forms

from .enums import Frequence


class AlerteForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Indiquez l'adresse où recevoir les nouveautés.",
                        "invalid": "Cette adresse électronique n'est pas valide : vérifiez-la."},
    )  # fmt: skip
    frequence = forms.ChoiceField(
        label="À quel rythme ?", choices=Frequence.choices, initial=Frequence.HEBDOMADAIRE, widget=forms.RadioSelect
    )
    # A field people do not see (hidden by the stylesheet, skipped by the keyboard): robots fill it.
    site_web = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class FrequenceForm(forms.Form):
    frequence = forms.ChoiceField(label="Fréquence", choices=Frequence.choices)
