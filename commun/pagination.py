from django.core.paginator import Paginator

PAR_PAGE = 20


def paginer(request, resultats, par_page=PAR_PAGE):
    """The page the query string asks for (``?page=``), the last one when it is too far, the first when it is not
    a number."""
    return Paginator(resultats, par_page).get_page(request.GET.get("page"))
