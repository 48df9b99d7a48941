from django import forms

LONGUEUR_MAX = 200


class RechercheForm(forms.Form):
    q = forms.CharField(
        label="Rechercher sur le portail",
        max_length=LONGUEUR_MAX,
        strip=True,
        error_messages={
            "required": "Saisissez un ou plusieurs mots.",
            "max_length": f"La recherche est limitée à {LONGUEUR_MAX} caractères : raccourcissez-la.",
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )
