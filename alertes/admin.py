"""For superusers only (no group holds these rights): how many alerts of each kind, and what each sending did.
No page shows an address: the followers' list is read by no one but each follower, on their own page."""

from django.contrib import admin

from .models import Alerte, RapportEnvoi


@admin.register(Alerte)
class AlerteAdmin(admin.ModelAdmin):
    list_display = ["liste", "frequence", "confirmee", "cree_le", "envoyee_le"]
    list_filter = ["liste", "frequence", ("confirmee_le", admin.EmptyFieldListFilter)]
    list_display_links = None
    show_facets = admin.ShowFacets.ALWAYS
    actions = None

    @admin.display(description="confirmée", boolean=True)
    def confirmee(self, alerte):
        return alerte.confirmee_le is not None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and obj is None


@admin.register(RapportEnvoi)
class RapportEnvoiAdmin(admin.ModelAdmin):
    list_display = ["lance_le", "alertes", "courriels", "elements", "erreurs", "supprimees"]
    readonly_fields = [*list_display, "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
