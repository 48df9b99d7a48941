from django import forms

from commun.filtres import ChampRecherche


class RechercheForm(forms.Form):
    q = ChampRecherche(
        label="Rechercher sur le portail", error_messages={"required": "Saisissez un ou plusieurs mots."}
    )
