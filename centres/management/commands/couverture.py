from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import number_format

from centres.couverture import chiffres_cles, couverture_par_departement, territoires_non_couverts


class Command(BaseCommand):
    help = "Affiche la part des QPV couverte par un centre labellisé et les territoires non couverts."

    def handle(self, *args, **options):
        aujourd_hui = timezone.localdate()
        chiffres = chiffres_cles(aujourd_hui)
        taux = chiffres.taux_couverture_qpv
        self.stdout.write(
            f"Couverture au {aujourd_hui.isoformat()} (géographie prioritaire {chiffres.annee_geographie}) : "
            f"{chiffres.qpv_couverts} QPV sur {chiffres.qpv_total}, soit "
            f"{number_format(taux, decimal_pos=1) if taux is not None else 'non calculable'} %, "
            f"dans {chiffres.departements_couverts} départements et collectivités couverts par "
            f"{chiffres.centres} centres."
        )
        non_couverts = territoires_non_couverts(couverture_par_departement(aujourd_hui))
        self.stdout.write(f"Territoires avec des QPV non couverts ({len(non_couverts)}) :")
        for ligne in non_couverts:
            self.stdout.write(
                f"  {ligne.departement.code}\t{ligne.departement.nom}\t{ligne.departement.nombre_qpv} QPV"
            )
