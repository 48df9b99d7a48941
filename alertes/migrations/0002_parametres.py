"""An alert's filters are the parameters of its page's address (``parametres``): « requête » now names nothing but
an SQL query."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("alertes", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="alerte", old_name="requete", new_name="parametres"),
        migrations.AlterField(
            model_name="alerte",
            name="parametres",
            field=models.CharField(
                blank=True,
                help_text="Les paramètres de l'adresse de la page (ses filtres).",
                max_length=1000,
                verbose_name="filtres",
            ),
        ),
    ]
