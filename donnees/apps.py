from django.apps import AppConfig


def adresse_du_fichier(jeu):
    """function(query string) → the CSV of ``jeu`` with the list page's filters (the page number dropped)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    def adresse(donnees):
        parametres = [(cle, valeur) for cle, valeur in donnees.lists() if cle != "page" for valeur in valeur]
        parametres += list(jeu.supplement_de_liste.items())
        fichier = reverse("donnees:fichier", args=[jeu.cle, "csv"])
        return f"{fichier}?{urlencode(parametres)}" if parametres else fichier

    return adresse


class DonneesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "donnees"
    verbose_name = "données ouvertes"

    def ready(self):
        from commun.registre import TELECHARGEMENTS

        from .jeux import JEUX

        for jeu in JEUX.values():
            if jeu.page_de_liste:
                TELECHARGEMENTS[jeu.page_de_liste] = adresse_du_fichier(jeu)
