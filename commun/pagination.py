from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

PAR_PAGE = 20


def paginer(request, resultats, par_page=PAR_PAGE):
    """The page the query string asks for (``?page=``): the first when it is not a number, a 404 past the last one
    (a search engine must not index the last page again under another address)."""
    pages = Paginator(resultats, par_page)
    try:
        return pages.page(request.GET.get("page") or 1)
    except EmptyPage as erreur:
        raise Http404("Cette page de résultats n'existe pas.") from erreur
    except PageNotAnInteger:
        return pages.page(1)
