"""One spelling of the publication status for every content type (``commun.enums.Statut``): « publie » and
``publie_le``, as the events have had them, instead of « publiee » and ``publiee_le``."""

from django.db import migrations, models
from django.db.models import Q

from commun.declencheurs import publication

CHOIX = [("brouillon", "brouillon"), ("publie", "publié"), ("corbeille", "à la corbeille")]
ANCIENS_CHOIX = [("brouillon", "brouillon"), ("publiee", "publiée"), ("corbeille", "à la corbeille")]


def statut(choix):
    return models.CharField(choices=choix, default="brouillon", max_length=20, verbose_name="statut")


def contrainte(publie):
    return models.CheckConstraint(
        condition=~Q(statut=publie) | ~Q(fichier="") | ~Q(lien_externe=""),
        name="ressources_ressource_publiee_avec_fichier_ou_lien",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0014_index_des_decomptes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="ressource", name="ressources_ressource_publiee_avec_fichier_ou_lien"),
        migrations.AlterField(model_name="ressource", name="statut", field=statut(CHOIX)),
        migrations.AlterField(model_name="historicalressource", name="statut", field=statut(CHOIX)),
        migrations.RunSQL(
            [
                "UPDATE ressources_ressource SET statut = 'publie' WHERE statut = 'publiee'",
                "UPDATE ressources_historicalressource SET statut = 'publie' WHERE statut = 'publiee'",
            ],
            [
                "UPDATE ressources_ressource SET statut = 'publiee' WHERE statut = 'publie'",
                "UPDATE ressources_historicalressource SET statut = 'publiee' WHERE statut = 'publie'",
            ],
        ),
        migrations.AddConstraint(model_name="ressource", constraint=contrainte("publie")),
        migrations.RenameField(model_name="ressource", old_name="publiee_le", new_name="publie_le"),
        migrations.RenameField(model_name="historicalressource", old_name="publiee_le", new_name="publie_le"),
        migrations.AlterField(
            model_name="ressource",
            name="publie_le",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="publié le"),
        ),
        migrations.AlterField(
            model_name="historicalressource",
            name="publie_le",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="publié le"),
        ),
        # The trigger that stamps publie_le, with the new value and column.
        publication("ressources_ressource", "statut", "publie", "publie_le"),
    ]
