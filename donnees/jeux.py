"""The datasets the portal publishes under the Licence Ouverte 2.0: one definition each, for the page that
documents it, its CSV, JSON and XLSX files and its Table Schema, so that the documentation cannot drift from
the data. Only public data: published ressources and events, public contacts, never an internal comment.

Each dataset is filtered by the query string of its list page, through that page's own filter set.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from types import SimpleNamespace

from django.db.models import Max, Prefetch
from django.urls import reverse

from centres.enums import StatutLabel
from centres.filters import CentreFilter, QuartierFilter
from centres.models import Centre, Commune, Contact, Departement, Label, Quartier
from centres.telephone import afficher
from commun.exports import Colonne
from evenements.filters import EvenementFilter
from evenements.models import Evenement
from ressources.enums import TypeRessource
from ressources.filters import RessourceFilter
from ressources.models import Ressource

LOT = 2000  # rows read at a time: an export of 100,000 rows never holds them all

LICENCE = {
    "nom": "Licence Ouverte 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def _adresse(request, objet):
    return request.build_absolute_uri(objet.get_absolute_url())


@dataclass(frozen=True)
class JeuDeDonnees:
    cle: str
    titre: str
    ligne: str  # what one row is
    description: str
    colonnes_de: object  # request → [Colonne]
    objets_de: object  # (request, filtered queryset) → iterable, read LOT rows at a time
    base: object  # () → queryset before the list page's filters
    filtre: object = None  # the list page's FilterSet class, or None
    page_de_liste: str = ""
    modeles: tuple = ()  # whose last change dates the file
    cle_primaire: str = ""
    # What the list page shows beyond its filters (the agenda: upcoming events only), as query string arguments,
    # and how the file applies them: restreindre(queryset, query string).
    supplement_de_liste: dict = field(default_factory=dict)
    restreindre: object = None

    def colonnes(self, request):
        return self.colonnes_de(request)

    def filtrer(self, donnees):
        """(queryset, errors): the rows the query string asks for, through the list page's filter set."""
        base = self.restreindre(self.base(), donnees) if self.restreindre else self.base()
        if self.filtre is None or not donnees:
            return base, []
        filtre = self.filtre(donnees, queryset=base)
        if not filtre.is_valid():
            return None, [message for messages in filtre.form.errors.values() for message in messages]
        return filtre.qs, []

    def derniere_modification(self):
        dates = [date for date in map(_derniere_modification, self.modeles) if date is not None]
        return max(dates) if dates else None


def _derniere_modification(modele):
    """The last save of a row of ``modele``: its timestamps, or for reference data its history."""
    if any(champ.name == "mis_a_jour_le" for champ in modele._meta.fields):
        return modele.objects.aggregate(date=Max("mis_a_jour_le"))["date"]
    return modele.history.aggregate(date=Max("history_date"))["date"]


def _liste(valeurs):
    return sorted(valeurs)


# Centres


def _colonnes_centres(request):
    return [
        Colonne("slug", "string", "Identifiant du centre sur le portail (stable).", "oriv", lambda c: c.slug),
        Colonne("nom", "string", "Nom du centre.", "Observatoire régional de l'intégration et de la ville", lambda c: c.nom),
        Colonne("sigle", "string", "Sigle, s'il en a un.", "ORIV", lambda c: c.sigle),
        Colonne("forme_juridique", "string", "Forme juridique (association, GIP…), vide si inconnue.", "association", lambda c: c.get_forme_juridique_display() if c.forme_juridique else ""),
        Colonne("annee_creation", "integer", "Année de création, vide si inconnue.", "1992", lambda c: c.annee_creation),
        Colonne("site_web", "string", "Site web du centre.", "https://www.oriv.org", lambda c: c.site_web, "uri"),
        Colonne("email", "string", "Adresse électronique publique.", "contact@oriv.org", lambda c: c.email, "email"),
        Colonne("telephone", "string", "Téléphone, au format national.", "03 88 14 35 89", lambda c: afficher(c.telephone)),
        Colonne("adresse", "string", "Rue et numéro.", "1 rue de la Course", lambda c: c.adresse.replace("\n", ", ")),
        Colonne("code_postal", "string", "Code postal (texte : « 01000 » garde son zéro).", "67000", lambda c: c.code_postal),
        Colonne("ville", "string", "Ville.", "Strasbourg", lambda c: c.ville),
        Colonne("departements", "string", "Codes INSEE des départements couverts, séparés par « ; ».", "67;68", lambda c: _liste(d.code for d in c.departements.all())),
        Colonne("regions", "string", "Codes INSEE des régions couvertes, séparés par « ; ».", "44", lambda c: [r.code for r in c.regions]),
        Colonne("outre_mer", "boolean", "Le centre travaille outre-mer.", "false", lambda c: any(d.outre_mer for d in c.departements.all())),
        Colonne("label_statut", "string", "Statut du label de l'État (décision la plus récente).", "labellisé", lambda c: c.label_statut_libelle),
        Colonne("label_accorde_le", "date", "Date d'attribution du label, vide si inconnue.", "2024-01-15", lambda c: c.label_date_attribution),
        Colonne("label_expire_le", "date", "Date d'expiration du label, vide si inconnue.", "2027-01-15", lambda c: c.label_date_expiration),
        Colonne("contacts", "string", "Contacts publics « Nom (fonction) », séparés par « ; ».", "Camille Martin (directrice)", lambda c: [str(contact) for contact in c.contacts_publics]),
        Colonne("page", "string", "Page du centre sur le portail.", "https://reseau-crpv.fr/centres/oriv/", lambda c: _adresse(request, c), "uri"),
    ]  # fmt: skip


def _centres():
    return (
        Centre.objects.publics()
        .avec_label_courant()
        .avec_territoire()
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.filter(public=True), to_attr="contacts_publics")
        )
        .par_nom()
    )


def _objets_centres(request, centres):
    for centre in centres.iterator(chunk_size=LOT):
        centre.label_statut_libelle = StatutLabel(centre.label_statut).label if centre.label_statut else ""
        yield centre


# Coverage by département


def _colonnes_couverture(request):
    return [
        Colonne("code", "string", "Code INSEE du département ou de la collectivité (texte).", "93", lambda d: d.code),
        Colonne("nom", "string", "Nom.", "Seine-Saint-Denis", lambda d: d.nom),
        Colonne("region", "string", "Code INSEE de la région, vide pour une collectivité d'outre-mer.", "11", lambda d: d.region_id or ""),
        Colonne("region_nom", "string", "Nom de la région.", "Île-de-France", lambda d: d.region.nom if d.region else ""),
        Colonne("outre_mer", "boolean", "Outre-mer.", "false", lambda d: d.outre_mer),
        Colonne("nombre_qpv", "integer", "Nombre de quartiers prioritaires (QPV).", "63", lambda d: d.nombre_qpv),
        Colonne("annee_geographie", "integer", "Année de la géographie prioritaire des QPV.", "2024", lambda d: d.annee_geographie_qpv),
        Colonne("couvert", "boolean", "Au moins un centre labellisé y travaille (label actif aujourd'hui).", "true", lambda d: d.couvert),
        Colonne("centres", "string", "Identifiants des centres labellisés qui le couvrent, séparés par « ; ».", "profession-banlieue", lambda d: d.centres_labellises),
    ]  # fmt: skip


def _centres_labellises_par_departement():
    """{département code: [slugs of the labelled centres working there]}, in one query: « covered » as the coverage
    figure says (``Centre.objects.labellises``)."""
    liens = Centre.departements.through.objects.filter(centre__in=Centre.objects.labellises().values("pk"))
    centres = {}
    for departement, slug in liens.order_by("centre__slug").values_list("departement_id", "centre__slug"):
        centres.setdefault(departement, []).append(slug)
    return centres


def _objets_couverture(request, departements):
    centres = _centres_labellises_par_departement()
    for departement in departements.iterator(chunk_size=LOT):
        departement.centres_labellises = centres.get(departement.code, [])
        departement.couvert = bool(departement.centres_labellises)
        yield departement


# Ressources


def _colonnes_ressources(request):
    return [
        Colonne("slug", "string", "Identifiant de la ressource sur le portail.", "guide-participation", lambda r: r.slug),
        Colonne("titre", "string", "Titre.", "Guide de la participation des habitants", lambda r: r.titre),
        Colonne("type", "string", "Type (guide, étude, actes…).", "guide", lambda r: r.type),
        Colonne("date_publication", "date", "Date de publication.", "2025-02-10", lambda r: r.date_publication),
        Colonne("resume", "string", "Résumé.", "Méthodes et exemples…", lambda r: r.resume),
        Colonne("themes", "string", "Identifiants des thèmes, séparés par « ; ».", "participation-citoyenne", lambda r: r.themes),
        Colonne("centres", "string", "Identifiants des centres producteurs, séparés par « ; ».", "oriv", lambda r: r.centres),
        Colonne("collective", "boolean", "Ressource collective du réseau national.", "false", lambda r: r.collective),
        Colonne("lien", "string", "Lien externe vers le document.", "https://www.oriv.org/guide", lambda r: r.lien_externe, "uri"),
        Colonne("fichier", "string", "Fichier joint, sur le portail.", "https://reseau-crpv.fr/media/…", lambda r: r.fichier, "uri"),
        Colonne("page", "string", "Page de la ressource sur le portail.", "https://reseau-crpv.fr/ressources/guide-participation/", lambda r: r.page, "uri"),
    ]  # fmt: skip


def _ressources():
    return Ressource.objects.publiees().recentes()


def _objets_ressources(request, ressources):
    """Plain rows rather than model instances, their themes and centres read once per batch: a 100,000-row file
    streams in seconds and in constant memory."""
    champs = ["pk", "slug", "titre", "type", "date_publication", "resume", "collective", "lien_externe", "fichier"]
    types = dict(TypeRessource.choices)
    # The addresses built once, the slug put in each row's place (as reverse() would, without its cost per row).
    modele_page = request.build_absolute_uri(reverse("ressources:detail", kwargs={"slug": "SLUG"}))
    modele_fichier = request.build_absolute_uri(reverse("ressources:fichier", kwargs={"slug": "SLUG"}))
    lignes = ressources.values(*champs).iterator(chunk_size=LOT)
    while lot := list(islice(lignes, LOT)):
        ids = [ligne["pk"] for ligne in lot]
        themes, centres = defaultdict(list), defaultdict(list)
        for ressource, slug in Ressource.themes.through.objects.filter(ressource__in=ids).values_list(
            "ressource_id", "theme__slug"
        ):
            themes[ressource].append(slug)
        for ressource, slug in Ressource.centres.through.objects.filter(
            ressource__in=ids, centre__in=Centre.objects.publics()
        ).values_list("ressource_id", "centre__slug"):
            centres[ressource].append(slug)
        for ligne in lot:
            yield _ligne_ressource(ligne, types, themes, centres, modele_page, modele_fichier)


def _ligne_ressource(ligne, types, themes, centres, modele_page, modele_fichier):
    return SimpleNamespace(
        slug=ligne["slug"],
        titre=ligne["titre"],
        type=types.get(ligne["type"], ligne["type"]),
        date_publication=ligne["date_publication"],
        resume=ligne["resume"],
        themes=sorted(themes[ligne["pk"]]),
        centres=sorted(centres[ligne["pk"]]),
        collective=ligne["collective"],
        lien_externe=ligne["lien_externe"],
        fichier=modele_fichier.replace("SLUG", ligne["slug"]) if ligne["fichier"] else "",
        page=modele_page.replace("SLUG", ligne["slug"]),
    )


# Events


def _colonnes_evenements(request):
    return [
        Colonne("slug", "string", "Identifiant de l'événement sur le portail.", "8e-rencontre-nationale", lambda e: e.slug),
        Colonne("titre", "string", "Titre.", "8e rencontre nationale des CRPV", lambda e: e.titre),
        Colonne("type", "string", "Type (rencontre nationale, séminaire, webinaire…).", "rencontre nationale", lambda e: e.get_type_display()),
        Colonne("date_debut", "date", "Premier jour.", "2023-10-17", lambda e: e.date_debut),
        Colonne("date_fin", "date", "Dernier jour.", "2023-10-17", lambda e: e.date_fin),
        Colonne("heure_debut", "time", "Heure de début (vide : toute la journée), heure du lieu.", "09:30:00", lambda e: e.heure_debut),
        Colonne("heure_fin", "time", "Heure de fin, heure du lieu.", "17:00:00", lambda e: e.heure_fin),
        Colonne("fuseau_horaire", "string", "Fuseau horaire du lieu (IANA).", "Europe/Paris", lambda e: e.fuseau_horaire),
        Colonne("lieu", "string", "Où il a lieu : salle, adresse, ville, ou « En ligne ».", "Montpellier (34)", lambda e: e.localisation.en_entier),
        Colonne("ville", "string", "Ville.", "Montpellier", lambda e: e.ville),
        Colonne("departement", "string", "Code INSEE du département (texte).", "34", lambda e: e.departement_id or ""),
        Colonne("en_ligne", "boolean", "Se suit en ligne.", "false", lambda e: e.en_ligne),
        Colonne("national", "boolean", "Événement du réseau national.", "true", lambda e: e.national),
        Colonne("centres", "string", "Identifiants des centres organisateurs, séparés par « ; ».", "oriv", lambda e: [c.slug for c in e.centres.all()]),
        Colonne("inscription", "string", "Lien d'inscription.", "https://www.oriv.org/inscription", lambda e: e.lien_inscription, "uri"),
        Colonne("page", "string", "Page de l'événement sur le portail.", "https://reseau-crpv.fr/evenements/…", lambda e: _adresse(request, e), "uri"),
    ]  # fmt: skip


def _evenements():
    return Evenement.objects.publies().avec_organisateurs().order_by("-date_debut", "titre")


# Quartiers


def _colonnes_quartiers(request):
    return [
        Colonne("code", "string", "Code ANCT du quartier prioritaire.", "QN09328M", lambda q: q.code),
        Colonne("nom", "string", "Nom du quartier.", "Franc-Moisin - Bel Air", lambda q: q.nom),
        Colonne("departement", "string", "Code INSEE du département (texte).", "93", lambda q: q.departement_id),
        Colonne("communes", "string", "Codes INSEE des communes où il se trouve, séparés par « ; ».", "93066", lambda q: [c.code for c in q.communes.all()]),
        Colonne("annee_geographie", "integer", "Année de la géographie prioritaire.", "2024", lambda q: q.annee_geographie),
        Colonne("couvert", "boolean", "Un centre labellisé couvre son département.", "true", lambda q: q.departement_id in q.couverts),
        Colonne("centres", "string", "Identifiants des centres labellisés de son territoire, séparés par « ; ».", "profession-banlieue", lambda q: q.centres_du_territoire.get(q.departement_id, [])),
        Colonne("page", "string", "Page du quartier sur le portail.", "https://reseau-crpv.fr/quartiers/QN09328M/", lambda q: _adresse(request, q), "uri"),
    ]  # fmt: skip


def _objets_quartiers(request, quartiers):
    centres = _centres_labellises_par_departement()
    for quartier in quartiers.iterator(chunk_size=LOT):
        quartier.centres_du_territoire = centres
        quartier.couverts = centres.keys()
        yield quartier


def _quartiers():
    return Quartier.objects.prefetch_related(Prefetch("communes", queryset=Commune.objects.only("code")))


JEUX = {
    jeu.cle: jeu
    for jeu in [
        JeuDeDonnees(
            cle="centres",
            titre="Les centres de ressources Politique de la ville",
            ligne="un centre du réseau (les centres archivés n'y sont pas)",
            description="Coordonnées, territoire, label de l'État et contacts publics des centres du réseau.",
            colonnes_de=_colonnes_centres,
            objets_de=_objets_centres,
            base=_centres,
            filtre=CentreFilter,
            page_de_liste="centres:liste",
            modeles=(Centre, Label),
            cle_primaire="slug",
        ),
        JeuDeDonnees(
            cle="couverture",
            titre="La couverture du territoire par département",
            ligne="un département ou une collectivité d'outre-mer",
            description="Nombre de quartiers prioritaires et centres labellisés de chaque département : la base du "
            "chiffre de couverture du réseau.",
            colonnes_de=_colonnes_couverture,
            objets_de=_objets_couverture,
            base=lambda: Departement.objects.select_related("region").order_by("code"),
            modeles=(Departement, Centre, Label),
            cle_primaire="code",
        ),
        JeuDeDonnees(
            cle="ressources",
            titre="Les ressources des centres et du réseau",
            ligne="une ressource publiée (étude, guide, actes, vidéo…)",
            description="Les ressources publiées des centres et les ressources collectives du réseau.",
            colonnes_de=_colonnes_ressources,
            objets_de=_objets_ressources,
            base=_ressources,
            filtre=RessourceFilter,
            page_de_liste="ressources:liste",
            modeles=(Ressource,),
            cle_primaire="slug",
        ),
        JeuDeDonnees(
            cle="evenements",
            titre="Les événements du réseau",
            ligne="un événement publié, passé ou à venir (seulement à venir avec « a_venir=1 »)",
            description="Rencontres nationales, séminaires, formations et webinaires des centres et du réseau.",
            colonnes_de=_colonnes_evenements,
            objets_de=lambda request, objets: objets.iterator(chunk_size=LOT),
            base=_evenements,
            filtre=EvenementFilter,
            page_de_liste="evenements:liste",
            modeles=(Evenement,),
            cle_primaire="slug",
            supplement_de_liste={"a_venir": "1"},
            restreindre=lambda evenements, donnees: (
                evenements.a_venir() if donnees.get("a_venir") == "1" else evenements
            ),
        ),
        JeuDeDonnees(
            cle="quartiers",
            titre="Les quartiers prioritaires et leur centre",
            ligne="un quartier prioritaire de la politique de la ville (géographie 2024)",
            description="Les 1 584 QPV de la géographie prioritaire, leurs communes et les centres labellisés qui "
            "couvrent leur territoire.",
            colonnes_de=_colonnes_quartiers,
            objets_de=_objets_quartiers,
            base=_quartiers,
            filtre=QuartierFilter,
            page_de_liste="quartiers:liste",
            modeles=(Centre, Label),
            cle_primaire="code",
        ),
    ]
}
