"""Reading what a centre's site publishes into ``Element``s: RSS/Atom with feedparser, agendas with icalendar.

feedparser copes with RSS 0.9x to 2.0, RSS 1.0, Atom, entities, CDATA and declared encodings (the ISO-8859-1
of many SPIP sites); icalendar reads the agendas and recurring_ical_events expands their recurring events.
Dates given without a time zone are read in the source's time zone; an all-day event stays all-day.
"""

import datetime
import email.utils
import hashlib
import xml.sax
import zoneinfo
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
import icalendar
import recurring_ical_events

from commun.texte import html_nettoye, texte_brut

from .telechargement import CollecteImpossible

LONGUEUR_TITRE = 250
LONGUEUR_RESUME = 1000
# Recurring events are expanded over this period from today.
HORIZON_DES_REPETITIONS = datetime.timedelta(days=365)


@dataclass
class Element:
    """One item of a source: a ressource, or an event (``debut`` set)."""

    cle: str
    titre: str
    lien: str = ""
    resume: str = ""
    corps: str = ""
    date: datetime.date | None = None
    image: str = ""
    debut: datetime.date | datetime.datetime | None = None
    fin: datetime.date | datetime.datetime | None = None
    lieu: str = ""
    erreurs: list = field(default_factory=list)


def _une_ligne(texte, longueur):
    texte = texte_brut(texte)
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"


def lire_date(texte, fuseau):
    """An RSS (RFC 822) or Atom/ISO date, aware; one written without a time zone is in ``fuseau``."""
    if not texte:
        return None
    texte = texte.strip()
    try:
        valeur = email.utils.parsedate_to_datetime(texte)
    except (TypeError, ValueError, IndexError):
        try:
            valeur = datetime.datetime.fromisoformat(texte.replace("Z", "+00:00"))
        except ValueError:
            return None
    if valeur.tzinfo is None:
        valeur = valeur.replace(tzinfo=fuseau)
    return valeur


def _apparence(contenu):
    debut = contenu[:512].lstrip().lower()
    return debut.startswith(b"<!doctype html") or debut.startswith(b"<html") or b"<html" in debut


def lire_flux(reponse, fuseau, evenements=False):
    """The entries of an RSS or Atom feed; ``evenements``: entries with their dates (RSS ``ev:`` module)."""
    flux = feedparser.parse(
        reponse.contenu, response_headers={"content-type": reponse.type_contenu, "content-location": reponse.url}
    )
    mal_forme = flux.bozo and isinstance(flux.get("bozo_exception"), xml.sax.SAXException)
    if mal_forme or (not flux.entries and not flux.version):
        if _apparence(reponse.contenu):
            raise CollecteImpossible(
                "Cette adresse donne une page web, pas un flux RSS ou Atom : cherchez l'adresse du flux sur le site "
                "(souvent « /feed/ » sous WordPress, « spip.php?page=backend » sous SPIP, « /rss.xml » sous Drupal)."
            )
        raison = flux.get("bozo_exception")
        raise CollecteImpossible(f"Ce flux est illisible (XML mal formé{f' : {raison}' if raison else ''}).")
    elements = []
    for entree in flux.entries:
        lien = urljoin(reponse.url, entree.get("link", "")) if entree.get("link") else ""
        titre = _une_ligne(entree.get("title", ""), LONGUEUR_TITRE)
        cle = entree.get("id") or lien or hashlib.sha256(titre.encode()).hexdigest()
        if not titre:
            continue
        contenu = entree.get("content", [{}])[0].get("value", "") if entree.get("content") else ""
        resume = entree.get("summary", "")
        publiee = lire_date(entree.get("published") or entree.get("updated"), fuseau)
        element = Element(
            cle=cle[:200],
            titre=titre,
            lien=lien[:500],
            resume=_une_ligne(resume or contenu, LONGUEUR_RESUME),
            corps=html_nettoye(contenu or resume, base=reponse.url),
            date=publiee.astimezone(fuseau).date() if publiee else None,
            image=_image(entree, reponse.url),
        )
        if evenements:
            element.debut = lire_date(entree.get("ev_startdate"), fuseau)
            element.fin = lire_date(entree.get("ev_enddate"), fuseau)
            element.lieu = _une_ligne(entree.get("ev_location", ""), 200)
            if element.debut is None:
                continue  # an entry of the feed that is not an event (no ev:startdate)
        elements.append(element)
    return elements


def _image(entree, base):
    """The address of an entry's image: an image enclosure, or Media RSS content or thumbnail."""
    candidats = [lien for lien in entree.get("links", []) if lien.get("rel") == "enclosure"]
    candidats += entree.get("media_content", []) + entree.get("media_thumbnail", [])
    for candidat in candidats:
        adresse = candidat.get("href") or candidat.get("url")
        genre = candidat.get("type", "image/")
        if adresse and genre.startswith("image/"):
            return urljoin(base, adresse)
    return ""


def lire_agenda(reponse, fuseau, aujourd_hui=None):
    """The events of an iCalendar file; each occurrence of a recurring event within a year is one element."""
    try:
        agenda = icalendar.Calendar.from_ical(reponse.contenu)
    except (ValueError, IndexError, KeyError) as erreur:
        raise CollecteImpossible(f"Ce fichier n'est pas un agenda iCalendar lisible ({erreur}).") from None
    if agenda.name != "VCALENDAR":
        raise CollecteImpossible("Ce fichier n'est pas un agenda iCalendar (VCALENDAR attendu).")
    aujourd_hui = aujourd_hui or datetime.datetime.now(fuseau).date()
    elements, repetes = [], set()
    for composant in agenda.walk("VEVENT"):
        if composant.get("RRULE") is not None or composant.get("RDATE") is not None:
            repetes.add(str(composant.get("UID", "")))
        elif composant.get("RECURRENCE-ID") is None:
            elements.append(_element_d_agenda(composant, str(composant.get("UID", "")), fuseau, reponse.url))
    if repetes:
        try:
            occurrences = recurring_ical_events.of(agenda).between(aujourd_hui, aujourd_hui + HORIZON_DES_REPETITIONS)
        except (ValueError, TypeError) as erreur:
            raise CollecteImpossible(f"Les événements répétés de cet agenda sont illisibles ({erreur}).") from None
        for occurrence in occurrences:
            uid = str(occurrence.get("UID", ""))
            if uid in repetes:
                # An occurrence is known by the start its series gives it, even when it was moved.
                champ = "RECURRENCE-ID" if occurrence.get("RECURRENCE-ID") is not None else "DTSTART"
                cle = f"{uid}#{occurrence.decoded(champ).isoformat()}"
                elements.append(_element_d_agenda(occurrence, cle, fuseau, reponse.url))
    return [element for element in elements if element is not None]


def _element_d_agenda(composant, cle, fuseau, base):
    titre = _une_ligne(str(composant.get("SUMMARY", "")), LONGUEUR_TITRE)
    if not titre or composant.get("DTSTART") is None:
        return None
    debut = composant.decoded("DTSTART")
    if composant.get("DTEND") is not None:
        fin = composant.decoded("DTEND")
    elif composant.get("DURATION") is not None:
        fin = debut + composant.decoded("DURATION")
    else:
        fin = None
    lien = str(composant.get("URL", "") or "")
    description = str(composant.get("DESCRIPTION", "") or "")
    return Element(
        cle=(cle or hashlib.sha256(f"{titre}{debut}".encode()).hexdigest())[:200],
        titre=titre,
        lien=urljoin(base, lien)[:500] if lien else "",
        resume=description[:5000],
        debut=_dans_le_fuseau(debut, fuseau),
        fin=_dans_le_fuseau(fin, fuseau),
        lieu=_une_ligne(str(composant.get("LOCATION", "") or ""), 200),
    )


def _dans_le_fuseau(valeur, fuseau):
    """A DATE stays a date (all-day); a floating DATE-TIME is in ``fuseau``; an aware one keeps its zone."""
    if valeur is None or not isinstance(valeur, datetime.datetime):
        return valeur
    if valeur.tzinfo is None:
        return valeur.replace(tzinfo=fuseau)
    return valeur


def fuseau(nom):
    return zoneinfo.ZoneInfo(nom)
