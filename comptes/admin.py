from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from centres.models import MembreEquipe
from comptes.invitations import lien_d_invitation, validite_en_jours


class MembreEquipeInline(admin.TabularInline):
    model = MembreEquipe
    fk_name = "utilisateur"
    fields = ["centre", "cree_le"]
    readonly_fields = ["cree_le"]
    autocomplete_fields = ["centre"]
    extra = 0
    verbose_name = "centre de l'équipe"
    verbose_name_plural = "centres de l'équipe (ce que ce compte peut modifier)"


admin.site.unregister(User)


@admin.register(User)
class CompteAdmin(UserAdmin):
    """Django's user admin, with the centres a person works for and the invitation link (superusers only: the
    teams and ANCT hold no right on accounts)."""

    inlines = [MembreEquipeInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    actions = ["inviter"]

    @admin.action(description="Créer un lien pour choisir le mot de passe (invitation)")
    def inviter(self, request, queryset):
        for utilisateur in queryset:
            self.message_user(
                request,
                f"Lien pour {utilisateur.get_username()}, valable {validite_en_jours()} jours et une seule fois : "
                f"{lien_d_invitation(utilisateur)}",
                messages.INFO,
            )
