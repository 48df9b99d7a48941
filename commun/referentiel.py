"""Loading rows of a source file into the database, as many times as one likes.

``synchroniser`` is the one rule for every loader of the portal:

- a row is found again by its key in the source (a ``Provenance``), never by a field staff may edit,
  so an edited slug or name neither duplicates it nor stops the load;
- a field follows the source as long as nobody changed it on the portal; what staff wrote stays;
- a row staff deleted is not created again;
- a row the database refuses (a constraint, a value out of range) is reported and skipped: the
  other rows still load.
"""

import csv
import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction

from .models import Provenance

# An object whose last save is this close to its creation was never edited after it was loaded.
JAMAIS_MODIFIE = datetime.timedelta(seconds=5)


def lire_csv(nom):
    """The rows of a file of ``fixtures/referentiel/`` (``settings.DOSSIER_REFERENTIEL``) as dictionaries."""
    with open(settings.DOSSIER_REFERENTIEL / nom, encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


@dataclass
class Bilan:
    """What one load of one source did, for the command's output."""

    source: str
    crees: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0
    supprimes: int = 0
    refus: list = field(default_factory=list)
    # {key in the source: object} of the objects this load created.
    nouveaux: dict = field(default_factory=dict)

    def __str__(self):
        texte = f"{self.source} : {self.crees} créé(s), {self.mis_a_jour} mis à jour, {self.inchanges} inchangé(s)"
        if self.supprimes:
            texte += f", {self.supprimes} supprimé(s) sur le portail et non recréé(s)"
        if self.refus:
            texte += f", {len(self.refus)} ligne(s) refusée(s)"
        return texte


def _json(valeur):
    """A value as it is kept in ``Provenance.valeurs``: dates as ISO text, lists sorted."""
    if isinstance(valeur, list | tuple | set):
        valeur = sorted(str(element) for element in valeur)
    return json.loads(json.dumps(valeur, cls=DjangoJSONEncoder))


def _champs_multiples(modele):
    return {champ.name for champ in modele._meta.get_fields() if isinstance(champ, models.ManyToManyField)}


def _valeur_actuelle(objet, champ, multiples):
    if champ in multiples:
        return _json(list(getattr(objet, champ).values_list("pk", flat=True)))
    return _json(getattr(objet, champ))


def _vide(valeur):
    return valeur in (None, "", [])


def _jamais_modifie(objet):
    cree_le, mis_a_jour_le = getattr(objet, "cree_le", None), getattr(objet, "mis_a_jour_le", None)
    if cree_le is None or mis_a_jour_le is None:
        return True  # reference data without timestamps (themes): the source has always decided
    return mis_a_jour_le - cree_le < JAMAIS_MODIFIE


def _ecrire(objet, simples, multiples):
    """Validate and save, in a savepoint: a refused row leaves nothing behind."""
    for champ, valeur in simples.items():
        setattr(objet, champ, valeur)
    objet.full_clean(validate_unique=True)
    with transaction.atomic():
        objet.save()
        for champ, valeur in multiples.items():
            getattr(objet, champ).set(valeur)


def _message(erreur):
    if isinstance(erreur, ValidationError):
        return "; ".join(
            f"{champ} : {' '.join(messages)}" if champ != "__all__" else " ".join(messages)
            for champ, messages in erreur.message_dict.items()
        )
    return (str(erreur).strip().splitlines() or [erreur.__class__.__name__])[0]


def synchroniser(modele, source, lignes, *, adopter_par=None, apres_creation=None):
    """Bring ``modele``'s objects in line with ``lignes`` of ``source`` and return a ``Bilan``.

    ``lignes`` is an iterable of ``(cle, valeurs)``: the row's key in the source and the model fields it
    gives (attribute names, ``departement_id`` for a foreign key, a list of primary keys for a
    many-to-many field). ``adopter_par`` names a field by which an object that predates this
    mechanism (loaded before keys existed, or typed by staff) is recognised instead of created twice.
    ``apres_creation(objet)`` runs once, after an object is created (e.g. its first label decision).
    """
    bilan = Bilan(source)
    type_objet = ContentType.objects.get_for_model(modele)
    provenances = {p.cle: p for p in Provenance.objects.filter(source=source, type_objet=type_objet)}
    existants = modele._default_manager.in_bulk([provenance.id_objet for provenance in provenances.values()])
    objets = {str(pk): objet for pk, objet in existants.items()}
    multiples_du_modele = _champs_multiples(modele)
    for cle, valeurs in lignes:
        provenance = provenances.get(cle)
        if provenance is not None and provenance.id_objet not in objets:
            bilan.supprimes += 1  # deleted on the portal: remembered, never brought back
            continue
        try:
            if provenance is None:
                objet, provenance = _adopter(modele, source, cle, valeurs, adopter_par, type_objet)
                if objet is None:
                    objet = _creer(modele, source, cle, valeurs, type_objet, multiples_du_modele, apres_creation)
                    bilan.nouveaux[cle] = objet
                    bilan.crees += 1
                    continue
            else:
                objet = objets[provenance.id_objet]
            modifie = _fusionner(objet, provenance, valeurs, multiples_du_modele)
        except (ValidationError, DatabaseError) as erreur:
            bilan.refus.append(f"{source}, ligne « {cle} » : {_message(erreur)}")
            continue
        if modifie:
            bilan.mis_a_jour += 1
        else:
            bilan.inchanges += 1
    return bilan


def _adopter(modele, source, cle, valeurs, adopter_par, type_objet):
    """An object that matches the row by ``adopter_par`` and has no provenance yet becomes the row's."""
    if adopter_par is None:
        return None, None
    objet = modele._default_manager.filter(**{adopter_par: valeurs[adopter_par]}).first()
    if objet is None or Provenance.objects.filter(type_objet=type_objet, id_objet=str(objet.pk)).exists():
        return None, None
    multiples = _champs_multiples(modele)
    # Its base is what it holds now when nobody edited it since it was created (so the source's changes
    # apply), and the source's current values otherwise (so nothing staff wrote is overwritten).
    if _jamais_modifie(objet):
        base = {champ: _valeur_actuelle(objet, champ, multiples) for champ in valeurs}
    else:
        base = {champ: _json(valeur) for champ, valeur in valeurs.items()}
    provenance = Provenance.objects.create(
        source=source, cle=cle, type_objet=type_objet, id_objet=str(objet.pk), valeurs=base
    )
    return objet, provenance


def _creer(modele, source, cle, valeurs, type_objet, multiples_du_modele, apres_creation):
    simples = {champ: valeur for champ, valeur in valeurs.items() if champ not in multiples_du_modele}
    multiples = {champ: valeur for champ, valeur in valeurs.items() if champ in multiples_du_modele}
    objet = modele(**simples)
    with transaction.atomic():
        _ecrire(objet, {}, multiples)
        if apres_creation:
            apres_creation(objet)
        Provenance.objects.create(
            source=source,
            cle=cle,
            type_objet=type_objet,
            id_objet=str(objet.pk),
            valeurs={champ: _json(valeur) for champ, valeur in valeurs.items()},
        )
    return objet


def _fusionner(objet, provenance, valeurs, multiples_du_modele):
    """Apply the source's changes to the fields nobody edited on the portal; True when the object changed."""
    simples, multiples = {}, {}
    for champ, valeur in valeurs.items():
        nouvelle = _json(valeur)
        actuelle = _valeur_actuelle(objet, champ, multiples_du_modele)
        if nouvelle == actuelle:
            continue
        # Untouched on the portal since the last load; for a column the source did not have, still empty.
        suivre = actuelle == provenance.valeurs[champ] if champ in provenance.valeurs else _vide(actuelle)
        if suivre:
            (multiples if champ in multiples_du_modele else simples)[champ] = valeur
    nouvelles_valeurs = {champ: _json(valeur) for champ, valeur in valeurs.items()}
    with transaction.atomic():
        if simples or multiples:
            _ecrire(objet, simples, multiples)
        if nouvelles_valeurs != provenance.valeurs:
            provenance.valeurs = nouvelles_valeurs
            provenance.save(update_fields=["valeurs", "charge_le"])
    return bool(simples or multiples)
