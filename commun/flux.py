"""What every Atom feed of the portal shares: the network as the feed's author, and summaries that a reader
shows as they were typed (escaped, then split into paragraphs), never as live markup."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks

from .texte import sans_caracteres_de_controle


class AtomStable(Atom1Feed):
    """Atom whose ``<updated>``, for a feed without entries, is the start of the day rather than the moment it is
    written: the same feed gives the same bytes, hence the same ETag, from every worker (a 304 to a reader)."""

    def latest_post_date(self):
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        return debut_du_jour(datetime.date.today())


class FluxAtom(Feed):
    """An Atom feed whose subclasses give ``resume(item)``, the plain text of an entry's summary."""

    feed_type = AtomStable

    def author_name(self):
        return settings.NOM_DU_PORTAIL

    def item_description(self, item):
        return resume_html(self.resume(item))


def resume_html(texte):
    """« A<B » typed in a summary stays « A<B » in every reader: escaped, in paragraphs."""
    return linebreaks(sans_caracteres_de_controle(texte or ""), autoescape=True)


def debut_du_jour(date, fuseau="Europe/Paris"):
    """A date as the aware datetime a feed wants (midnight in Paris)."""
    return datetime.datetime.combine(date, datetime.time(), tzinfo=zoneinfo.ZoneInfo(fuseau))
