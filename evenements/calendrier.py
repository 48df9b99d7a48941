"""iCalendar files of the events, built with the icalendar library.

Every file is read the same by every client: one time zone component at least (Paris, the portal's own;
the grammar also wants a component in a calendar with no event), UIDs that do not depend on the host name
the file was asked from, text without control characters, and the connection link of an online event
while it is upcoming (LOCATION, and CONFERENCE of RFC 7986).
"""

import datetime
import zoneinfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, vText, vUri

from commun.texte import sans_caracteres_de_controle

FUSEAU_DU_PORTAIL = "Europe/Paris"


def uid(evenement):
    """Stable across edits and hosts: the primary key and the network's domain, never the request's host."""
    return f"evenement-{evenement.pk}@{settings.DOMAINE_DU_RESEAU}"


def une_ligne(texte):
    return " ".join(sans_caracteres_de_controle(texte).split())


def lieu(localisation):
    """« Maison des associations, Strasbourg (67) et en ligne : https://… »."""
    texte = localisation.en_entier
    if localisation.lien:
        texte = f"{texte} : {localisation.lien}"
    return une_ligne(texte)


def calendrier(evenements, request, nom):
    cal = Calendar()
    cal.add("prodid", "-//Réseau national des CRPV//Portail//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(une_ligne(nom)))
    cal.add("x-wr-timezone", FUSEAU_DU_PORTAIL)
    # A subscribed calendar (webcal) asks again twice a day: RFC 7986, and what Outlook and Google read.
    cal.add("refresh-interval", datetime.timedelta(hours=12), parameters={"value": "DURATION"})
    cal.add("x-published-ttl", vText("PT12H"))
    for evenement in evenements:
        vevent = Event()
        vevent.add("uid", uid(evenement))
        # In a calendar without METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2): the file
        # stays the same bytes while nothing changes, so a client asking again with its ETag gets a 304.
        vevent.add("dtstamp", evenement.mis_a_jour_le)
        vevent.add("summary", une_ligne(evenement.titre))
        # All-day events are DATE values (DTEND exclusive); timed ones carry their place's time zone.
        vevent.add("dtstart", evenement.debut)
        vevent.add("dtend", evenement.fin)
        vevent.add("last-modified", evenement.mis_a_jour_le)
        vevent.add("url", request.build_absolute_uri(evenement.get_absolute_url()))
        localisation = evenement.localisation
        if localisation.en_entier:
            vevent.add("location", vText(lieu(localisation)))
        if localisation.lien:
            vevent.add("conference", vUri(localisation.lien), parameters={"value": "URI", "feature": "VIDEO"})
        description = [evenement.description] if evenement.description else []
        if evenement.lien_inscription:
            description.append(f"Inscription : {evenement.lien_inscription}")
        if description:
            vevent.add("description", sans_caracteres_de_controle("\n\n".join(description)))
        vevent.add("categories", [evenement.get_type_display()])
        cal.add_component(vevent)
    cal.add_missing_timezones()
    if not any(composant["tzid"] == FUSEAU_DU_PORTAIL for composant in cal.walk("VTIMEZONE")):
        cal.add_component(Timezone.from_tzinfo(zoneinfo.ZoneInfo(FUSEAU_DU_PORTAIL)))
    return cal
