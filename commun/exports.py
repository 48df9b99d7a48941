import csv
import re

from django.http import HttpResponse

# A cell a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage return.
DEBUT_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")
NOMBRE = re.compile(r"^[+-]?[0-9]+([.,][0-9]+)?$")


def cellule_inerte(valeur):
    """``valeur`` as a spreadsheet shows it without running it: a leading apostrophe before a formula-looking
    text (« =HYPERLINK(…) » → « '=HYPERLINK(…) »); numbers, negative ones included, are left as they are."""
    if isinstance(valeur, str) and valeur.startswith(DEBUT_DE_FORMULE) and not NOMBRE.match(valeur):
        return f"'{valeur}"
    return valeur


def reponse_csv(nom_fichier, colonnes, lignes):
    """A CSV a French spreadsheet opens cleanly and safely: UTF-8 with BOM, ';' separator, one header row, no cell
    that runs as a formula.

    ``colonnes`` is [(name, description)], as documented on the pages that offer the file.
    """
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse.write("\ufeff")
    ecrivain = csv.writer(reponse, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([nom for nom, _ in colonnes])
    ecrivain.writerows([cellule_inerte(valeur) for valeur in ligne] for ligne in lignes)
    return reponse
