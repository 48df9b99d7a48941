"""iCalendar files of the events, built with the icalendar library."""

import datetime

from icalendar import Calendar, Event, vText


def uid(evenement, domaine):
    """Stable across edits (the primary key, not the slug or the title)."""
    return f"evenement-{evenement.pk}@{domaine}"


def calendrier(evenements, request, nom):
    cal = Calendar()
    cal.add("prodid", "-//Réseau national des CRPV//Portail//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", nom)
    domaine = request.get_host().split(":")[0]
    maintenant = datetime.datetime.now(datetime.UTC)
    for evenement in evenements:
        vevent = Event()
        vevent.add("uid", uid(evenement, domaine))
        vevent.add("dtstamp", maintenant)
        vevent.add("summary", evenement.titre)
        # All-day events are DATE values (DTEND exclusive); timed ones carry their place's time zone.
        vevent.add("dtstart", evenement.debut)
        vevent.add("dtend", evenement.fin)
        vevent.add("last-modified", evenement.mis_a_jour_le)
        vevent.add("url", request.build_absolute_uri(evenement.get_absolute_url()))
        if evenement.localisation.en_entier:
            vevent.add("location", vText(evenement.localisation.en_entier))
        description = [evenement.description] if evenement.description else []
        if evenement.lien_inscription:
            description.append(f"Inscription : {evenement.lien_inscription}")
        if description:
            vevent.add("description", "\n\n".join(description))
        vevent.add("categories", [evenement.get_type_display()])
        cal.add_component(vevent)
    cal.add_missing_timezones()
    return cal
