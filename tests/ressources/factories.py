import datetime
import io

import factory

from commun.enums import Statut
from ressources.enums import TypeRessource
from ressources.models import Ressource, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    nom = factory.Sequence(lambda n: f"thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class RessourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ressource
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Guide n° {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    type = TypeRessource.GUIDE
    resume = "Un guide pour les équipes projet."
    date_publication = datetime.date(2024, 5, 1)
    lien_externe = factory.Sequence(lambda n: f"https://example.org/guide-{n}")
    statut = Statut.PUBLIE

    @factory.post_generation
    def centres(self, create, extracted, **kwargs):
        if create and extracted:
            self.centres.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def pdf_valide():
    """A real one-page PDF (pypdf), as the portal's stricter check wants."""
    from pypdf import PdfWriter

    ecrivain, tampon = PdfWriter(), io.BytesIO()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.write(tampon)
    return tampon.getvalue()
