import factory
from django.contrib.auth.models import Group, User

from centres.enums import StatutLabel, TypeTerritoire
from centres.groupes import GROUPE_EQUIPE
from centres.models import Centre, Contact, Departement, Label, MembreEquipe, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{(n % 89) + 10:02d}")
    nom = factory.Sequence(lambda n: f"Région {n}")


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{(n % 95) + 1:02d}")
    nom = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)
    type = TypeTerritoire.DEPARTEMENT
    nombre_qpv = 0
    annee_geographie_qpv = 2024


class CentreFactory(factory.django.DjangoModelFactory):
    """A new centre; one of the reference data's when its slug is (``CentreFactory(slug="oriv")``)."""

    class Meta:
        model = Centre
        skip_postgeneration_save = True
        django_get_or_create = ["slug"]

    nom = factory.Sequence(lambda n: f"Centre de ressources n° {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    telephone = "0148092636"
    site_web = factory.Sequence(lambda n: f"https://centre-{n}.example.org")
    ville = "Saint-Denis"

    @factory.post_generation
    def departements(self, create, extracted, **kwargs):
        if create and extracted:
            self.departements.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    centre = factory.SubFactory(CentreFactory)
    nom = factory.Sequence(lambda n: f"Camille Martin {n}")
    fonction = "Chargée de mission"


class LabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Label

    centre = factory.SubFactory(CentreFactory)
    statut = StatutLabel.LABELLISE


class MembreEquipeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembreEquipe

    centre = factory.SubFactory(CentreFactory)
    utilisateur = factory.SubFactory("tests.centres.factories.CompteFactory", groupes=[GROUPE_EQUIPE], is_staff=True)


class CompteFactory(factory.django.DjangoModelFactory):
    """A staff account; ``groupes`` names its groups (kept by the migrations)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"personne{n}@example.org")
    email = factory.LazyAttribute(lambda compte: compte.username)
    is_staff = True
    password = factory.django.Password("un mot de passe long et sûr")

    @factory.post_generation
    def groupes(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
