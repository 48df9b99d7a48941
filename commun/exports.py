import csv
import datetime
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

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


# Open data files (``donnees``): the formats reusers expect, written row by row so that memory stays flat.


@dataclass(frozen=True)
class Colonne:
    """A column of a published file: its name, its Table Schema type, what it means, an example, and how a row
    gives its value (``valeur(objet)``). ``format`` is a Table Schema format (``email``, ``uri``) when one fits."""

    nom: str
    type: str
    description: str
    exemple: str
    valeur: Callable
    format: str = ""

    def champ(self):
        champ = {"name": self.nom, "type": self.type, "description": self.description, "example": self.exemple}
        return champ | ({"format": self.format} if self.format else {})


def texte_de_cellule(valeur):
    """A value as the CSV and JSON files write it: ISO dates and times, true/false, « ; » between list items."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, datetime.date | datetime.time):
        return valeur.isoformat()
    if isinstance(valeur, list | tuple):
        return ";".join(str(element) for element in valeur)
    return str(valeur)


class _Tampon:
    """What ``csv.writer`` writes into, handed back line by line to a streaming response."""

    def write(self, ligne):
        return ligne


def reponse_csv_ouverte(nom_fichier, colonnes, objets):
    """A CSV as open-data portals expect it: UTF-8 without BOM, comma, one header line, ISO dates, codes as text,
    no cell that runs as a formula; streamed."""
    ecrivain = csv.writer(_Tampon(), lineterminator="\r\n")

    def lignes():
        yield ecrivain.writerow([colonne.nom for colonne in colonnes])
        for objet in objets:
            yield ecrivain.writerow([cellule_inerte(texte_de_cellule(c.valeur(objet))) for c in colonnes])

    reponse = StreamingHttpResponse(lignes(), content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return reponse


def reponse_json_ouverte(nom_fichier, colonnes, objets):
    """A JSON array of objects, one per row, with the CSV's column names and types; streamed."""

    def morceaux():
        yield "["
        for rang, objet in enumerate(objets):
            ligne = {colonne.nom: _json_de(colonne, colonne.valeur(objet)) for colonne in colonnes}
            yield ("," if rang else "") + "\n" + json.dumps(ligne, ensure_ascii=False)
        yield "\n]\n"

    reponse = StreamingHttpResponse(morceaux(), content_type="application/json; charset=utf-8")
    reponse["Content-Disposition"] = f'inline; filename="{nom_fichier}"'
    return reponse


def _json_de(colonne, valeur):
    if colonne.type in ("integer", "number", "boolean") or valeur is None:
        return valeur
    return texte_de_cellule(valeur)


def reponse_xlsx(nom_fichier, titre, colonnes, objets):
    """An XLSX a spreadsheet user opens as it is: codes stored as text (« 01 » stays « 01 »), dates as dates, no
    formula; written in openpyxl's write-only mode to a temporary file, so memory stays flat."""
    classeur = openpyxl.Workbook(write_only=True)
    feuille = classeur.create_sheet(title=titre[:31])
    feuille.append([colonne.nom for colonne in colonnes])
    for objet in objets:
        feuille.append([_xlsx_de(colonne.valeur(objet)) for colonne in colonnes])
    fichier = tempfile.TemporaryFile()  # noqa: SIM115 (closed by FileResponse once sent)
    classeur.save(fichier)
    fichier.seek(0)
    return FileResponse(
        fichier,
        as_attachment=True,
        filename=nom_fichier,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _xlsx_de(valeur):
    if isinstance(valeur, list | tuple):
        valeur = texte_de_cellule(valeur)
    return cellule_inerte(valeur)


def schema_de_table(nom, titre, description, colonnes, cle_primaire=None):
    """The Table Schema (frictionless) of a file: what the page documents, in the form validators read."""
    schema = {
        "name": nom,
        "title": titre,
        "description": description,
        "fields": [colonne.champ() for colonne in colonnes],
        "missingValues": [""],
    }
    return schema | ({"primaryKey": cle_primaire} if cle_primaire else {})
