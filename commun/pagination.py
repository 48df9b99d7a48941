from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import Http404

from .cache import LuesAuBesoin

PAR_PAGE = 20


class PaginatorDeNombreConnu(Paginator):
    """A paginator told how many results there are, when the caller counted them already (no second COUNT)."""

    def __init__(self, *args, nombre, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = nombre  # the cached_property Paginator.count, filled in


def paginer(request, resultats, par_page=PAR_PAGE, nombre=None):
    """The page the query string asks for (``?page=``): the first when it is not a number, a 404 past the last one
    (a search engine must not index the last page again under another address). ``nombre``: the number of
    results, when already known."""
    if nombre is None:
        pages = Paginator(resultats, par_page)
    else:
        pages = PaginatorDeNombreConnu(resultats, par_page, nombre=nombre)
    try:
        return pages.page(request.GET.get("page") or 1)
    except EmptyPage as erreur:
        raise Http404("Cette page de résultats n'existe pas.") from erreur
    except PageNotAnInteger:
        return pages.page(1)


def paginer_par_cles(request, resultats, lire, **kwargs):
    """``paginer`` over the keys of ``resultats`` (their query reads no other column); the page's rows are read by
    ``lire(cles)`` ({key: row}, ``QuerySet.in_bulk`` say) when first iterated (``commun.cache.LuesAuBesoin``): a
    page whose tiles are a kept fragment, keyed by ``page.object_list.cles``, does not read them."""
    page = paginer(request, resultats.values_list("pk", flat=True), **kwargs)
    page.object_list = LuesAuBesoin(page.object_list, lire)
    return page


def cles_et_leur_nombre(resultats, nombre):
    """``(how many resultats, the keys of the first nombre of them)`` in one query (a window count): the results are
    read once, not once to count them and again to sort them, and only their keys (their tiles may be kept)."""
    avec_leur_nombre = resultats.annotate(nombre_de_resultats=Window(Count("pk")))
    premiers = list(avec_leur_nombre.values_list("pk", "nombre_de_resultats")[:nombre])
    return (premiers[0][1] if premiers else 0), [cle for cle, _ in premiers]
