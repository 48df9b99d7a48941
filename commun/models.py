from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Horodatage(models.Model):
    """When a row was created and last saved."""

    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    mis_a_jour_le = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        abstract = True


class Provenance(models.Model):
    """The row of a source file an object came from, and the values that row last gave it.

    The key is the source's own (``centres.csv``'s ``slug`` column, ``rencontres.csv``'s ``cle``), never
    a field staff may edit: a centre whose address is changed on the portal stays the same row of its
    source. The row is kept when its object is deleted, so the next load knows staff removed it and
    does not bring it back. ``valeurs`` is what the source said at the last load: a field whose value
    still equals it was not edited on the portal and follows the source; any other field is left as
    staff wrote it. (``commun.referentiel.synchroniser`` applies these rules.)
    """

    source = models.CharField("source", max_length=100)
    cle = models.CharField("clé dans la source", max_length=200)
    type_objet = models.ForeignKey(ContentType, verbose_name="type d'objet", on_delete=models.CASCADE)
    id_objet = models.CharField("identifiant de l'objet", max_length=40)
    objet = GenericForeignKey("type_objet", "id_objet")
    valeurs = models.JSONField("valeurs de la source au dernier chargement", default=dict)
    cree_le = models.DateTimeField("arrivé le", default=timezone.now, editable=False)
    charge_le = models.DateTimeField("dernier chargement", auto_now=True)

    class Meta:
        verbose_name = "provenance"
        verbose_name_plural = "provenances"
        ordering = ["source", "cle"]
        constraints = [
            models.UniqueConstraint(fields=["source", "cle"], name="%(app_label)s_%(class)s_cle_unique"),
            models.UniqueConstraint(
                fields=["type_objet", "id_objet"], name="%(app_label)s_%(class)s_une_provenance_par_objet"
            ),
        ]

    def __str__(self):
        return f"{self.source} : {self.cle}"


# The next version: one more, and never less than the time in microseconds, so that it never goes back, even after
# a restore brings back an older number (the numbers used since could still name pages in the cache).
VERSION_SUIVANTE = "greatest(numero + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)"


class VersionDuContenuQuerySet(models.QuerySet):
    def avancer(self):
        """A new version, as after a write (``manage.py restaurer``)."""
        self.filter(pk=1).update(numero=models.expressions.RawSQL(VERSION_SUIVANTE, []))


class VersionDuContenu(models.Model):
    """One row whose ``numero`` the database moves forward at each write to a table of public content
    (``commun.cache``): the anonymous page cache's keys carry it, so that no page outlives an edit."""

    numero = models.BigIntegerField("numéro", default=0)

    objects = VersionDuContenuQuerySet.as_manager()

    class Meta:
        verbose_name = "version du contenu public"
        verbose_name_plural = "versions du contenu public"

    def __str__(self):
        return f"version {self.numero}"
