import datetime

import factory

from commun.enums import Statut
from evenements.enums import Fuseau, TypeEvenement
from evenements.models import Evenement


class EvenementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evenement
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Séminaire n° {n}")
    slug = factory.Sequence(lambda n: f"seminaire-{n}")
    type = TypeEvenement.SEMINAIRE
    date_debut = datetime.date(2026, 6, 15)
    date_fin = factory.LazyAttribute(lambda evenement: evenement.date_debut)
    fuseau_horaire = Fuseau.PARIS
    ville = "Lyon"
    statut = Statut.PUBLIE

    @factory.post_generation
    def centres(self, create, extracted, **kwargs):
        if create and extracted:
            self.centres.set(extracted)
