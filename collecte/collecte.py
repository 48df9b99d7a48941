"""One harvest of one source: fetch, read, then bring the portal's ressources or events in line.

The rule is the one of every loader of the portal (``commun.referentiel.synchroniser``): an item is found again by
its identifier in the source (GUID, link or iCalendar UID), so a second harvest updates rather than duplicates;
a field the team edited on the portal keeps the team's value; an item the team deleted is not brought back;
an item that disappears upstream stays. An item's image is downloaded once, when the item arrives, checked like
an uploaded image, and stored; or left out.
"""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from commun.enums import Statut
from commun.images import valider_image
from commun.models import Provenance
from commun.referentiel import synchroniser
from commun.texte import adresse_libre
from evenements.enums import Fuseau, TypeEvenement
from evenements.models import Evenement, Photo
from ressources.models import Ressource

from .enums import TypeSource
from .lecture import lire_agenda, lire_flux
from .models import Source
from .telechargement import CollecteImpossible, telecharger

journal = logging.getLogger(__name__)
TAILLE_MAX_IMAGE = 10 * 1024 * 1024


@dataclass
class Resultat:
    """What one harvest of one source did: the command's line and the source's status in the admin."""

    source: object
    nouveaux: int = 0
    mis_a_jour: int = 0
    inchanges: int = 0
    inchangee: bool = False
    erreur: str = ""
    remarques: list = field(default_factory=list)

    @property
    def en_echec(self):
        return bool(self.erreur)

    def __str__(self):
        if self.erreur:
            return f"{self.source} : ÉCHEC — {self.erreur}"
        if self.inchangee:
            return f"{self.source} : inchangée depuis la dernière collecte"
        texte = (
            f"{self.source} : {self.nouveaux} nouveau(x), {self.mis_a_jour} mis à jour, {self.inchanges} inchangé(s)"
        )
        if self.remarques:
            texte += f", {len(self.remarques)} élément(s) écarté(s) : " + " ; ".join(self.remarques[:5])
        return texte


def collecter(source, aujourd_hui=None):
    """Harvest ``source`` and record the result on it; never raises for what the source did wrong."""
    resultat = Resultat(source)
    try:
        _collecter(source, resultat, aujourd_hui)
    except CollecteImpossible as erreur:
        resultat.erreur = str(erreur)
    except Exception as erreur:  # a defect of ours must not stop the other sources: said, and logged in full
        journal.exception("Collecte de %s", source.url)
        resultat.erreur = f"erreur inattendue du portail ({erreur.__class__.__name__}), signalée à l'équipe technique"
    source.collectee_le = timezone.now()
    source.erreur = resultat.erreur
    source.bilan = str(resultat)[:500]
    # The harvest's status, not a change of the source: no history row for each hourly run.
    Source.objects.filter(pk=source.pk).update(
        collectee_le=source.collectee_le,
        erreur=source.erreur,
        bilan=source.bilan,
        etag=source.etag,
        derniere_modification=source.derniere_modification,
    )
    return resultat


def _collecter(source, resultat, aujourd_hui):
    reponse = telecharger(source.url, etag=source.etag, derniere_modification=source.derniere_modification)
    if reponse.inchangee:
        resultat.inchangee = True
        return
    fuseau = zoneinfo.ZoneInfo(source.fuseau_horaire)
    if source.type == TypeSource.AGENDA:
        elements = lire_agenda(reponse, fuseau, aujourd_hui)
    else:
        elements = lire_flux(reponse, fuseau, evenements=source.type == TypeSource.FLUX_EVENEMENTS)
    slugs = _slugs_connus(source)
    if source.type == TypeSource.FLUX_RESSOURCES:
        themes = [theme.pk for theme in source.themes.all()]
        modele, lignes = Ressource, [(e.cle, _valeurs_ressource(source, e, slugs, themes)) for e in elements]
    else:
        modele, lignes = Evenement, [(e.cle, _valeurs_evenement(source, e, slugs, resultat)) for e in elements]
    lignes = [(cle, valeurs) for cle, valeurs in lignes if valeurs is not None]
    bilan = synchroniser(modele, source.cle, lignes)
    resultat.nouveaux, resultat.mis_a_jour, resultat.inchanges = bilan.crees, bilan.mis_a_jour, bilan.inchanges
    resultat.remarques += bilan.refus
    images = {element.cle: element.image for element in elements if element.image}
    for cle, objet in bilan.nouveaux.items():
        if cle in images:
            _joindre_image(objet, images[cle], resultat)
    # Remembered only once everything is in: an interrupted harvest is done again in full next time.
    source.etag, source.derniere_modification = reponse.etag[:500], reponse.derniere_modification[:100]


def _slugs_connus(source):
    """{key: address} of the items already harvested: an item keeps its address when its title changes."""
    return {
        provenance.cle: provenance.valeurs.get("slug")
        for provenance in Provenance.objects.filter(source=source.cle).only("cle", "valeurs")
    }


def _slug(modele, titre, slugs, cle):
    if not slugs.get(cle):
        slugs[cle] = adresse_libre(modele, titre, prises=set(slugs.values()))
    return slugs[cle]


def _valeurs_ressource(source, element, slugs, themes):
    return {
        "titre": element.titre,
        "slug": _slug(Ressource, element.titre, slugs, element.cle),
        "type": source.type_ressource,
        "resume": element.resume,
        "corps": element.corps,
        "date_publication": element.date,
        "lien_externe": element.lien,
        "lien_origine": element.lien,
        "centres": [source.centre_id],
        "themes": themes,
        # Published only with a link to read it at (a published ressource always has a file or a link).
        "statut": Statut.PUBLIE if source.publier and element.lien else Statut.BROUILLON,
    }


def _valeurs_evenement(source, element, slugs, resultat):
    horaire = _horaire(element.debut, element.fin, source.fuseau_horaire)
    if horaire is None:
        resultat.remarques.append(f"« {element.titre} » : dates illisibles")
        return None
    lien_en_ligne = element.lieu if element.lieu.startswith(("https://", "http://")) else ""
    return {
        "titre": element.titre,
        "slug": _slug(Evenement, element.titre, slugs, element.cle),
        "type": TypeEvenement.AUTRE,
        "description": element.resume,
        "lieu": "" if lien_en_ligne else element.lieu,
        "en_ligne": bool(lien_en_ligne),
        "lien_en_ligne": lien_en_ligne[:200],
        # An agenda's event without its own page: the centre's site, where the agenda comes from.
        "lien_origine": element.lien or source.centre.site_web,
        "centres": [source.centre_id],
        "statut": Statut.PUBLIE if source.publier else Statut.BROUILLON,
        **horaire,
    }


def _horaire(debut, fin, fuseau_de_la_source):
    """The event's days, times and time zone: all-day stays all-day; a time in a zone the portal knows keeps
    it (Réunion stays Réunion), any other is read in the source's zone."""
    if isinstance(debut, datetime.datetime):
        cle = getattr(debut.tzinfo, "key", None)
        fuseau = cle if cle in Fuseau.values else fuseau_de_la_source
        debut = debut.astimezone(zoneinfo.ZoneInfo(fuseau))
        fin = fin.astimezone(zoneinfo.ZoneInfo(fuseau)) if isinstance(fin, datetime.datetime) else None
        heure_fin = fin.time().replace(microsecond=0) if fin and fin > debut else None
        date_fin = fin.date() if heure_fin else debut.date()
        if date_fin == debut.date() and heure_fin is not None and heure_fin <= debut.time():
            heure_fin = None
        return {
            "date_debut": debut.date(),
            "heure_debut": debut.time().replace(microsecond=0),
            "date_fin": date_fin,
            "heure_fin": heure_fin,
            "fuseau_horaire": fuseau,
        }
    if isinstance(debut, datetime.date):
        # iCalendar's all-day end is exclusive: DTEND 18 October for a day on the 17th.
        dernier = fin - datetime.timedelta(days=1) if isinstance(fin, datetime.date) and fin > debut else debut
        return {
            "date_debut": debut,
            "heure_debut": None,
            "date_fin": dernier,
            "heure_fin": None,
            "fuseau_horaire": fuseau_de_la_source,
        }
    return None


def _joindre_image(objet, adresse, resultat):
    """Download the item's image once, check it like an upload, store it; leave it out when anything fails."""
    try:
        reponse = telecharger(adresse, taille_max=TAILLE_MAX_IMAGE)
        nom = PurePath(urlsplit(reponse.url).path).name or "image.jpg"
        fichier = ContentFile(reponse.contenu, name=nom[-100:])
        valider_image(fichier)
    except (CollecteImpossible, ValidationError) as erreur:
        message = erreur.messages[0] if isinstance(erreur, ValidationError) else str(erreur)
        resultat.remarques.append(f"image de « {objet.titre} » laissée de côté : {message}")
        return
    if isinstance(objet, Ressource):
        objet.image.save(nom, fichier, save=False)
        objet.save(update_fields=["image", "image_largeur", "image_hauteur"])
    else:
        Photo.objects.create(evenement=objet, image=fichier, texte_alternatif=f"Illustration : {objet.titre}"[:250])
