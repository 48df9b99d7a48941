"""What the API says of each object: public data only (published items, public contacts, no internal comment)."""

from rest_framework import serializers

from centres.enums import StatutLabel
from centres.models import Centre, Contact, Departement, Quartier, Region
from centres.telephone import afficher
from evenements.models import Evenement
from ressources.models import Ressource


class PageMixin(serializers.Serializer):
    page = serializers.SerializerMethodField(help_text="La page de l'objet sur le portail.")

    def get_page(self, objet) -> str:
        return self.context["request"].build_absolute_uri(objet.get_absolute_url())


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "nom", "outre_mer"]


class DepartementSerializer(serializers.ModelSerializer):
    couvert = serializers.SerializerMethodField(help_text="Au moins un centre labellisé y travaille aujourd'hui.")

    class Meta:
        model = Departement
        fields = ["code", "nom", "region", "type", "outre_mer", "nombre_qpv", "annee_geographie_qpv", "couvert"]

    def get_couvert(self, departement) -> bool:
        return departement.code in self.context["departements_couverts"]


class ContactSerializer(serializers.ModelSerializer):
    telephone = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = ["nom", "fonction", "email", "telephone"]

    def get_telephone(self, contact) -> str:
        return afficher(contact.telephone)


class LabelSerializer(serializers.Serializer):
    statut = serializers.CharField(help_text="Statut de la décision la plus récente.")
    accorde_le = serializers.DateField(allow_null=True)
    expire_le = serializers.DateField(allow_null=True)


class CentreSerializer(PageMixin, serializers.ModelSerializer):
    telephone = serializers.SerializerMethodField()
    departements = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    regions = serializers.SerializerMethodField()
    label = serializers.SerializerMethodField()
    contacts = ContactSerializer(source="contacts_publics", many=True, read_only=True)

    class Meta:
        model = Centre
        fields = [
            "slug", "nom", "sigle", "forme_juridique", "annee_creation", "presentation", "site_web", "email",
            "telephone", "adresse", "code_postal", "ville", "departements", "regions", "label", "contacts", "page",
        ]  # fmt: skip

    def get_telephone(self, centre) -> str:
        return afficher(centre.telephone)

    def get_regions(self, centre) -> list[str]:
        return [region.code for region in centre.regions]

    def get_label(self, centre) -> LabelSerializer(allow_null=True):
        if not centre.label_statut:
            return None
        return {
            "statut": StatutLabel(centre.label_statut).label,
            "accorde_le": centre.label_date_attribution,
            "expire_le": centre.label_date_expiration,
        }


class RessourceSerializer(PageMixin, serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    centres = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    fichier = serializers.SerializerMethodField()

    class Meta:
        model = Ressource
        fields = [
            "slug", "titre", "type", "date_publication", "resume", "themes", "centres", "collective", "lien_externe",
            "fichier", "page",
        ]  # fmt: skip

    def get_fichier(self, ressource) -> str:
        return self.context["request"].build_absolute_uri(ressource.adresse_du_fichier) if ressource.fichier else ""


class EvenementSerializer(PageMixin, serializers.ModelSerializer):
    centres = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    lieu = serializers.SerializerMethodField(help_text="Où il a lieu, comme sur sa page.")
    lien_en_ligne = serializers.SerializerMethodField(help_text="Le lien de connexion, tant qu'il est à venir.")

    class Meta:
        model = Evenement
        fields = [
            "slug", "titre", "type", "numero_edition", "date_debut", "date_fin", "heure_debut", "heure_fin",
            "fuseau_horaire", "lieu", "ville", "departement", "en_ligne", "lien_en_ligne", "national", "centres",
            "lien_inscription", "page",
        ]  # fmt: skip

    def get_lieu(self, evenement) -> str:
        return evenement.localisation.en_entier

    def get_lien_en_ligne(self, evenement) -> str:
        return evenement.localisation.lien


class QuartierSerializer(PageMixin, serializers.ModelSerializer):
    communes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Quartier
        fields = ["code", "nom", "departement", "communes", "annee_geographie", "page"]
