from django.contrib import admin, messages

from centres.models import Centre
from commun.admin import AdresseWebHttpsMixin, DroitsParObjetAdmin

from .collecte import collecter
from .models import Source, fuseau_du_centre


@admin.register(Source)
class SourceAdmin(AdresseWebHttpsMixin, DroitsParObjetAdmin):
    """A centre's feeds and agendas: what its team already publishes on its own site arrives on the portal."""

    list_display = ["url", "centre", "type", "active", "publier", "collectee_le", "etat"]
    list_filter = ["type", "active", "publier", ("centre", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["url", "centre__nom", "centre__sigle"]
    list_select_related = ["centre"]
    autocomplete_fields = ["centre"]
    cases_a_cocher = ["themes"]
    readonly_fields = ["collectee_le", "bilan", "erreur"]
    actions = ["collecter_maintenant"]
    fieldsets = [
        (None, {"fields": ["centre", "url", "type", "active", "publier"]}),
        ("Ce que reçoivent les éléments", {"fields": ["type_ressource", "themes", "fuseau_horaire"]}),
        ("Dernière collecte", {"fields": ["collectee_le", "bilan", "erreur"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        centre = Centre.objects.modifiables_par(request.user).order_by("nom").first()
        if centre is not None:
            initial.setdefault("centre", centre.pk)
            initial.setdefault("fuseau_horaire", fuseau_du_centre(centre))
        return initial

    @admin.display(description="état")
    def etat(self, source):
        if source.collectee_le is None:
            return "jamais collectée"
        return f"échec : {source.erreur[:120]}" if source.erreur else source.bilan[:160]

    @admin.action(description="Collecter maintenant", permissions=["change"])
    def collecter_maintenant(self, request, queryset):
        for source in queryset.modifiables_par(request.user).select_related("centre"):
            resultat = collecter(source)
            self.message_user(request, str(resultat), messages.ERROR if resultat.en_echec else messages.SUCCESS)
