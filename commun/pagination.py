from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.functional import cached_property

PAR_PAGE = 20


class PaginatorDeNombreConnu(Paginator):
    """Django's paginator, told how many results there are when the caller counted them already (a list's facets):
    no second COUNT."""

    def __init__(self, resultats, par_page, nombre):
        super().__init__(resultats, par_page)
        self.nombre = nombre

    @cached_property
    def count(self):
        return self.nombre


def paginer(request, resultats, par_page=PAR_PAGE, nombre=None):
    """The page the query string asks for (``?page=``): the first when it is not a number, a 404 past the last one
    (a search engine must not index the last page again under another address). ``nombre``: the number of
    results, when already known."""
    pages = Paginator(resultats, par_page) if nombre is None else PaginatorDeNombreConnu(resultats, par_page, nombre)
    try:
        return pages.page(request.GET.get("page") or 1)
    except EmptyPage as erreur:
        raise Http404("Cette page de résultats n'existe pas.") from erreur
    except PageNotAnInteger:
        return pages.page(1)
