import csv

from django.http import HttpResponse


def reponse_csv(nom_fichier, colonnes, lignes):
    """A CSV a French spreadsheet opens cleanly: UTF-8 with BOM, ';' separator, one header row.

    ``colonnes`` is [(name, description)], as documented on the pages that offer the file.
    """
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    reponse.write("\ufeff")
    ecrivain = csv.writer(reponse, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([nom for nom, _ in colonnes])
    ecrivain.writerows(lignes)
    return reponse
