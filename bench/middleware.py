from django.db import connections


class CompteDeRequetesMiddleware:
    """``X-Requetes-SQL``: how many SQL queries the request made, on every connection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        compte = [0]

        def compter(execute, sql, params, many, context):
            compte[0] += 1
            return execute(sql, params, many, context)

        wrappers = [connections[alias].execute_wrapper(compter) for alias in connections]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            reponse = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        reponse["X-Requetes-SQL"] = str(compte[0])
        return reponse
